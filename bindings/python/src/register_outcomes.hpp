#pragma once
// The outcomes area of the Python bindings: the submodule kulkija._core.outcomes
// (register_outcomes.cpp).

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Creates the submodule `outcomes` of `_core`, registers it in sys.modules (for pickle)
/// and fills it.
void register_outcomes_area(pybind11::module_& core_module);

}  // namespace kulkija::python
