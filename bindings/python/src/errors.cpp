// kulkija's errors in Python: the ErrorId enum, the exception classes on the top level of
// kulkija._core (each also subclassing the natural built-in) and the translator.
#include "errors.hpp"

#include <pybind11/native_enum.h>

#include <exception>
#include <string>

#include "enums.hpp"

namespace kulkija::python {

namespace {

// ------------------------------------------------------------------ errors

/// The Python exception classes, created once in register_errors() and kept for the
/// lifetime of the process (as pybind11's own exception types are).
struct exception_types {
  PyObject* error = nullptr;
  PyObject* parse_error = nullptr;
  PyObject* invalid_argument = nullptr;
  PyObject* invalid_transition = nullptr;
  PyObject* not_found = nullptr;
};

exception_types& exceptions() {
  static exception_types types;
  return types;
}

PyObject* new_exception(py::module_& m, const char* name, const char* doc, const py::tuple& bases,
                        const py::dict& members = {}) {
  const std::string qualified = std::string("kulkija.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), members.ptr());
  if (type == nullptr) throw py::error_already_set();
  m.attr(name) = py::handle(type);
  return type;
}

/// The id as an ErrorId member, or a plain int for an id newer than this module.
py::object error_id_object(error_id id) {
  try {
    return py::cast(id);
  } catch (const py::error_already_set&) {
    return py::int_(static_cast<int>(id));
  }
}

}  // namespace

py::object python_error(const kulkija::error& e) {
  const auto& types = exceptions();
  PyObject* type = types.error;
  py::dict attributes;
  if (const auto* p = dynamic_cast<const kulkija::parse_error*>(&e)) {
    type = types.parse_error;
    attributes["line"] = p->line();
    attributes["column"] = p->column();
    attributes["path"] = p->path();
  } else if (const auto* a = dynamic_cast<const kulkija::invalid_argument*>(&e)) {
    type = types.invalid_argument;
    attributes["field"] = a->field();
    attributes["rule"] = a->rule();
  } else if (const auto* t = dynamic_cast<const kulkija::invalid_transition*>(&e)) {
    type = types.invalid_transition;
    attributes["state"] = t->state();
    attributes["event"] = t->event();
    attributes["guard"] = t->guard();
  } else if (const auto* n = dynamic_cast<const kulkija::not_found*>(&e)) {
    type = types.not_found;
    attributes["what_kind"] = n->what_kind();
  }
  py::object instance = py::handle(type)(e.what());
  instance.attr("id") = error_id_object(e.id());
  for (const auto& [name, value] : attributes) py::setattr(instance, name, value);
  return instance;
}

void register_errors(py::module_& m) {
  py::native_enum<error_id> ids(m, "ErrorId", "enum.IntEnum",
                                "The stable numeric ids of kulkija's errors: 1xx parse, 2xx invalid argument, "
                                "3xx invalid transition, 4xx not found, 5xx conflict, 6xx storage. Ids never change meaning.");
  for (const error_id id : all_error_ids) ids.value(to_string(id).data(), id);  // (names are literals)
  ids.finalize();

  auto& types = exceptions();
  const py::object builtins = py::module_::import("builtins");
  types.error = new_exception(
      m, "Error",
      "Base class of every error kulkija raises. `id` is the stable ErrorId; the message reads "
      "'[kulkija.<kind>.<id>] <field>: <rule>' and never contains a personal identity code.",
      py::make_tuple(builtins.attr("Exception")));
  const py::handle error(types.error);
  types.parse_error = new_exception(
      m, "ParseError",
      "Text that does not follow its format (dates, codes, CSV). `line` and `column` are 1-based "
      "(0 when unknown); `path` is a JSON path or file name ('' when unknown).",
      py::make_tuple(error, builtins.attr("ValueError")));
  types.invalid_argument = new_exception(
      m, "InvalidArgument", "A value that breaks a rule of its field. `field` names the field, `rule` the rule.",
      py::make_tuple(error, builtins.attr("ValueError")));
  types.invalid_transition = new_exception(
      m, "InvalidTransition",
      "An event that the referral lifecycle does not allow now. `state` and `event` are codes; `guard` says "
      "which condition failed. The referral is left unchanged.",
      py::make_tuple(error, builtins.attr("ValueError")));
  py::dict plain_message;  // KeyError's __str__ would show the message as a quoted repr
  plain_message["__str__"] = builtins.attr("BaseException").attr("__str__");
  types.not_found = new_exception(m, "NotFound",
                                  "A lookup by key that found nothing. `what_kind` names the kind of thing looked up.",
                                  py::make_tuple(error, builtins.attr("KeyError")), plain_message);

  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const kulkija::error& e) {
      const py::object instance = python_error(e);
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(instance.ptr())), instance.ptr());
    }
  });
}

}  // namespace kulkija::python
