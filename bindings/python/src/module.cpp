// The compiled module kulkija._core: it creates every submodule and fills each with its one
// register_<area>() function (register.hpp), as boost-histogram's bindings do.
#include <string>

#include "kulkija/version.hpp"
#include "register.hpp"

namespace py = pybind11;

namespace {

// A submodule of _core, registered in sys.modules so that pickle finds its classes by name.
py::module_ submodule(py::module_& core, const char* name, const char* doc) {
  py::module_ m = core.def_submodule(name, doc);
  py::module_::import("sys").attr("modules")[py::str(core.attr("__name__").cast<std::string>() + "." + name)] = m;
  return m;
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  namespace kp = kulkija::python;
  m.doc() = "kulkija's compiled core. Import the pure-Python package `kulkija` instead of this module.";
  m.attr("__version__") = kulkija::version_string;

  kp::register_errors(m);
  // A submodule's classes are bound before the signatures of a later one name them.
  auto core = submodule(m, "core", "Ids, dates, languages, municipalities and localized text.");
  kp::register_core(core);
  auto referral = submodule(m, "referral", "Needs, clients, professionals, the referral lifecycle and referrals.");
  kp::register_referral(referral);
  auto privacy = submodule(m, "privacy", "Finnish personal identity codes and keyed pseudonyms.");
  kp::register_privacy(privacy);
  auto calendar = submodule(m, "calendar", "The Finnish business-day calendar.");
  kp::register_calendar(calendar);
  auto support = submodule(m, "support", "Support-period policies, support periods and deadlines.");
  kp::register_support(support);
  auto eligibility = submodule(
      m, "eligibility", "The rule language, versioned rule sets, explained decisions and columnar batch evaluation.");
  kp::register_eligibility(eligibility);
  auto fhir = submodule(m, "fhir", "Referrals as HL7 FHIR R4 JSON.");
  kp::register_fhir(fhir);
  auto io = submodule(m, "io", "CSV import and export of clients, professionals and referrals.");
  kp::register_io(io);
  auto matching = submodule(m, "matching", "Link workers, matching policies, explained scores and solvers.");
  kp::register_matching(matching);
  auto workforce = submodule(m, "workforce", "The coordinator's queue and reassignment of link workers.");
  kp::register_workforce(workforce);  // after matching, support and referral: uses their classes
  auto catalogue = submodule(
      m, "catalogue", "The service catalogue: organisations, activities, HSDS and CSV, search and recommendations.");
  kp::register_catalogue(catalogue);
  auto outcomes = submodule(
      m, "outcomes", "Wellbeing instruments, paired change with confidence intervals, and referral milestones.");
  kp::register_outcomes(outcomes);
  auto capacity = submodule(
      m, "capacity", "Capacity planning: simulated caseloads and waits, and how many link workers a region needs.");
  kp::register_capacity(capacity);  // after matching: it uses WorkerKind
  auto region = submodule(m, "region", "A region's data folder and the whole pipeline on it.");
  kp::register_region(region);  // after referral and matching: it returns their classes
  auto store = submodule(m, "store", "The referral register: a durable, audited SQLite store of referrals.");
  kp::register_store(store);  // last: it returns the classes of every other area
}
