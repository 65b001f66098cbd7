#pragma once
// The region area of the Python bindings: the submodule kulkija._core.region
// (register_region.cpp): a region's data folder and the whole pipeline on it.

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Fills the submodule `region` of `_core`. Call after the referral and matching areas: it
/// returns their classes.
void register_region(pybind11::module_& m);

}  // namespace kulkija::python
