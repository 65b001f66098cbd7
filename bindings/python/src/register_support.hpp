#pragma once
// The support area of the Python bindings: the submodules kulkija._core.calendar and
// kulkija._core.support (register_support.cpp).

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Creates the submodules `calendar` and `support` of `_core`, registers them in
/// sys.modules (for pickle) and fills them.
void register_support_area(pybind11::module_& core_module);

}  // namespace kulkija::python
