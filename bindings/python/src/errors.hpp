#pragma once
// The Python bindings' errors: kulkija's exception hierarchy as Python classes (each also
// subclassing the natural built-in, ValueError or KeyError) and the translator.

#include <pybind11/pybind11.h>

#include "kulkija/core/error.hpp"

namespace kulkija::python {

namespace py = pybind11;

/// Creates the exception classes on the top level of `_core` and registers the translator.
void register_errors(py::module_& m);

/// The Python exception instance for a kulkija error, with its attributes (id, field, ...) set.
[[nodiscard]] py::object python_error(const kulkija::error& e);

}  // namespace kulkija::python
