#pragma once
// The catalogue area of the Python bindings: the submodule kulkija._core.catalogue
// (register_catalogue.cpp).

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Creates the submodule `catalogue` of `_core`, registers it in sys.modules (for pickle)
/// and fills it.
void register_catalogue_area(pybind11::module_& core_module);

}  // namespace kulkija::python
