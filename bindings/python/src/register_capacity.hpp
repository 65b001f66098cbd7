#pragma once
// The capacity-planning area of the Python bindings: the submodule kulkija._core.capacity
// (register_capacity.cpp).

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Creates the submodule `capacity` of `_core`, registers it in sys.modules (for pickle) and
/// fills it. Call it after the matching area: it uses WorkerKind, which that area binds.
void register_capacity_area(pybind11::module_& core_module);

}  // namespace kulkija::python
