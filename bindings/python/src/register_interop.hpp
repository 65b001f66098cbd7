#pragma once
// The interoperability area of the Python bindings: the submodules kulkija._core.fhir and
// kulkija._core.io (register_interop.cpp).

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Creates the submodules `fhir` and `io` of `_core`, registers them in sys.modules (for
/// pickle) and fills them.
void register_interop_area(pybind11::module_& core_module);

}  // namespace kulkija::python
