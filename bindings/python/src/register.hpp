#pragma once
// Shared by every translation unit of the Python bindings (kulkija._core), included first:
// the type casters (casters.hpp), the enum helpers (enums.hpp), the errors (errors.hpp),
// helpers for value classes, and the one register_<area>() function per submodule that
// module.cpp calls, as boost-histogram's bindings do.

#include <pybind11/pybind11.h>

#include "casters.hpp"
#include "enums.hpp"
#include "errors.hpp"

namespace kulkija::python {

namespace py = pybind11;

/// Defines `__eq__` comparing by the C++ operator==, NotImplemented for other types
/// (so that a bad code on the other side never raises).
template <class T, class... Options>
void def_eq(py::class_<T, Options...>& cls) {
  cls.def(
      "__eq__",
      [](const T& self, py::handle other) -> py::object {
        if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(self == other.cast<const T&>());
      },
      py::arg("other"));
}

/// Defines `__eq__`, `__lt__` and `__hash__` for a regular, ordered, hashable value type.
template <class T, class... Options>
void def_ordered_hashable(py::class_<T, Options...>& cls) {
  def_eq(cls);
  cls.def(
      "__lt__",
      [](const T& self, py::handle other) -> py::object {
        if (!py::isinstance<T>(other)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(self < other.cast<const T&>());
      },
      py::arg("other"));
  cls.def("__hash__", [](const T& self) { return std::hash<T>{}(self); });
}


// ------------------------------------------------------------------ one function per submodule
// module.cpp creates each submodule of _core (registered in sys.modules, so that pickle finds
// its classes) and fills it with its function, in an order where a submodule's classes are
// bound before another one's signatures name them.

/// Fills `_core.core`: ids, dates, languages, municipalities and localized text.
void register_core(py::module_& m);
/// Fills `_core.referral`: needs, clients, professionals, the lifecycle and referrals.
void register_referral(py::module_& m);
/// Fills `_core.privacy`: personal identity codes and keyed pseudonyms.
void register_privacy(py::module_& m);
/// Fills `_core.calendar`: the Finnish business-day calendar.
void register_calendar(py::module_& m);
/// Fills `_core.support`: support-period policies, support periods and deadlines.
void register_support(py::module_& m);
/// Fills `_core.eligibility`: the rule language, rule sets, decisions and the batch.
void register_eligibility(py::module_& m);
/// Fills `_core.fhir`: referrals as FHIR R4 JSON.
void register_fhir(py::module_& m);
/// Fills `_core.io`: CSV import and export.
void register_io(py::module_& m);
/// Fills `_core.matching`: link workers, policies, explained scores and solvers.
void register_matching(py::module_& m);
/// Fills `_core.workforce`: the coordinator's queue and reassignment.
void register_workforce(py::module_& m);
/// Fills `_core.catalogue`: the service catalogue and recommendations.
void register_catalogue(py::module_& m);
/// Fills `_core.outcomes`: instruments, measurements, change, milestones and KPIs.
void register_outcomes(py::module_& m);
/// Fills `_core.capacity`: the capacity simulation and planning.
void register_capacity(py::module_& m);
/// Fills `_core.region`: a region's data folder and the whole pipeline on it.
void register_region(py::module_& m);
/// Fills `_core.store`: the referral register on SQLite.
void register_store(py::module_& m);

}  // namespace kulkija::python
