// The compiled module kulkija._core: one submodule per area, each filled by register_<area>().
#include "register.hpp"
#include "register_interop.hpp"
#include "register_matching.hpp"
#include "register_catalogue.hpp"
#include "register_support.hpp"
#include "register_eligibility.hpp"
#include "register_outcomes.hpp"
#include "register_workforce.hpp"
#include "register_capacity.hpp"
#include "register_region.hpp"
#include "register_store.hpp"

#include <string>

#include "kulkija/version.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "kulkija's compiled core. Import the pure-Python package `kulkija` instead of this module.";
  m.attr("__version__") = kulkija::version_string;

  kulkija::python::register_errors(m);

  // Submodules are registered in sys.modules so that pickle can find their classes by name.
  const py::object modules = py::module_::import("sys").attr("modules");
  const std::string name = m.attr("__name__").cast<std::string>();

  auto core = m.def_submodule("core", "Ids, dates, languages, municipalities and localized text.");
  modules[py::str(name + ".core")] = core;
  kulkija::python::register_core(core);

  auto referral = m.def_submodule("referral", "Needs, clients, professionals, the referral lifecycle and referrals.");
  modules[py::str(name + ".referral")] = referral;
  kulkija::python::register_referral(referral);

  auto privacy = m.def_submodule("privacy", "Finnish personal identity codes and keyed pseudonyms.");
  modules[py::str(name + ".privacy")] = privacy;
  kulkija::python::register_privacy(privacy);
  kulkija::python::register_support_area(m);  // submodules calendar and support
  kulkija::python::register_eligibility_area(m);
  kulkija::python::register_interop_area(m);  // submodules fhir and io
  kulkija::python::register_matching_area(m);
  kulkija::python::register_workforce_area(m);  // after matching, support and referral: uses their classes
  kulkija::python::register_catalogue_area(m);
  kulkija::python::register_outcomes_area(m);
  kulkija::python::register_capacity_area(m);  // after matching: it uses WorkerKind

  auto region = m.def_submodule("region", "A region's data folder and the whole pipeline on it.");
  modules[py::str(name + ".region")] = region;
  kulkija::python::register_region(region);  // after referral and matching: it returns their classes

  auto store = m.def_submodule("store", "The referral register: a durable, audited SQLite store of referrals.");
  modules[py::str(name + ".store")] = store;
  kulkija::python::register_store(store);  // last: it returns the classes of every other area
}
