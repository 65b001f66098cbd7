#pragma once
// The matching area of the Python bindings: the submodule kulkija._core.matching
// (register_matching.cpp).

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Creates the submodule `matching` of `_core`, registers it in sys.modules (for pickle) and
/// fills it.
void register_matching_area(pybind11::module_& core_module);

}  // namespace kulkija::python
