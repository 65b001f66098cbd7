// The compiled module kulkija._core: one submodule per area, each filled by register_<area>().
#include <pybind11/pybind11.h>

#include "kulkija/version.hpp"
#include "register.hpp"

namespace py = pybind11;

PYBIND11_MODULE(_core, m) {
  m.doc() = "kulkija's compiled core. Use the pure-Python package `kulkija` instead of importing this directly.";
  m.attr("__version__") = kulkija::version_string;

  kulkija::python::register_errors(m);

  auto core = m.def_submodule("core", "Ids, errors, dates, languages, municipalities and localized text.");
  kulkija::python::register_core(core);

  auto referral = m.def_submodule("referral", "Clients, professionals, referrals and the referral lifecycle.");
  kulkija::python::register_referral(referral);
}
