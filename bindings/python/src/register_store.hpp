#pragma once
// The store area of the Python bindings: the submodule kulkija._core.store
// (register_store.cpp): the referral register on SQLite.

#include <pybind11/pybind11.h>

namespace kulkija::python {

/// Fills the submodule `store` of `_core`. Call after the referral, matching, support and
/// workforce areas: it returns their classes.
void register_store(pybind11::module_& m);

}  // namespace kulkija::python
