#pragma once
// The eligibility area of the Python bindings: the submodule kulkija._core.eligibility
// (register_eligibility.cpp).

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Creates the submodule `eligibility` of `_core`, registers it in sys.modules (for pickle)
/// and fills it.
void register_eligibility_area(pybind11::module_& core_module);

}  // namespace kulkija::python
