#pragma once
// The workforce area of the Python bindings: the submodule kulkija._core.workforce
// (register_workforce.cpp): the coordinator's queue and reassignment.

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Creates the submodule `workforce` of `_core`, registers it in sys.modules (for pickle)
/// and fills it. Call after the matching, support and referral areas: it uses their classes.
void register_workforce_area(pybind11::module_& core_module);

}  // namespace kulkija::python
