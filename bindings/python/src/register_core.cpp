// kulkija._core.core: errors, dates, ids, languages, municipalities and localized text.
#include "register.hpp"


#include <array>
#include <string>
#include <string_view>
#include <vector>

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

// ------------------------------------------------------------------ the core submodule

void register_core(py::module_& m) {
  bind_enum<text_language>(m, "TextLanguage",
                           "The languages in which kulkija writes every reason and explanation: fi, sv, en.");

  py::class_<localized_text> text(m, "LocalizedText", "One text in Finnish, Swedish and English.");
  text.def(py::init([](std::string fi, std::string sv, std::string en) {
             return localized_text{std::move(fi), std::move(sv), std::move(en)};
           }),
           py::arg("fi"), py::arg("sv"), py::arg("en"), "Creates the text from its three languages.")
      .def_readwrite("fi", &localized_text::fi, "The Finnish text.")
      .def_readwrite("sv", &localized_text::sv, "The Swedish text.")
      .def_readwrite("en", &localized_text::en, "The English text.")
      .def(
          "__getitem__", [](const localized_text& t, text_language lang) { return t.in(lang); }, py::arg("lang"),
          "The text in `lang` (a TextLanguage or 'fi', 'sv', 'en').")
      .def("__repr__",
           [](const localized_text& t) {
             return py::str("LocalizedText(fi={!r}, sv={!r}, en={!r})").format(t.fi, t.sv, t.en);
           })
      .def(py::pickle([](const localized_text& t) { return py::make_tuple(t.fi, t.sv, t.en); },
                      [](const py::tuple& s) {
                        return localized_text{s[0].cast<std::string>(), s[1].cast<std::string>(),
                                              s[2].cast<std::string>()};
                      }));
  def_eq(text);

  py::class_<language> lang(m, "Language",
                            "A language code: ISO 639-1 (183 two-letter codes) plus the ISO 639-3 codes of Finland's "
                            "own languages without one (smn, sms, fit, rmf, fse, fss). Case-insensitive. Wherever "
                            "a Language is expected, its code as str is accepted too.");
  lang.def(py::init([](std::string_view code) { return language(code); }), py::arg("code"),
           "Creates the language; raises InvalidArgument (field 'language') for an unknown code.")
      .def_property_readonly(
          "code", [](const language& l) { return std::string(l.code()); }, "The lower-case code, e.g. 'fi'.")
      .def(
          "name", [](const language& l, text_language in) { return l.name(in); }, py::arg("lang") = text_language::en,
          "The language's name in `lang` for the languages most used in Finland; other languages give their code.")
      .def_static("is_valid", &language::is_valid, py::arg("code"), "Whether `code` is a valid language code.")
      .def_static(
          "all_codes",
          [] {
            std::vector<std::string> codes;
            for (std::string_view c : language::all_codes()) codes.emplace_back(c);
            return codes;
          },
          "Every valid code, sorted.")
      .def("__str__", [](const language& l) { return std::string(l.code()); })
      .def("__repr__", [](const language& l) { return py::str("Language({!r})").format(std::string(l.code())); })
      .def(py::pickle([](const language& l) { return py::make_tuple(std::string(l.code())); },
                      [](const py::tuple& s) { return language(s[0].cast<std::string>()); }));
  def_ordered_hashable(lang);

  py::class_<municipality> muni(m, "Municipality",
                                "A Finnish municipality by its Statistics Finland code (kuntanumero), as in force on "
                                "1 January 2025. Wherever a Municipality is expected, its code as int or three-digit "
                                "str is accepted too.");
  muni.def(py::init([](int code) { return municipality(code); }), py::arg("code"),
           "Creates the municipality from its numeric code, e.g. 272 (Kokkola); raises InvalidArgument.")
      .def(py::init([](std::string_view code) { return municipality(code); }), py::arg("code"),
           "Creates the municipality from its three-digit code, e.g. '005'; raises InvalidArgument.")
      .def_property_readonly("code", &municipality::code, "The numeric code, e.g. 5.")
      .def_property_readonly("code_text", &municipality::code_text, "The three-digit code, e.g. '005'.")
      .def_property_readonly(
          "name_fi", [](const municipality& x) { return std::string(x.name_fi()); }, "The Finnish name.")
      .def_property_readonly(
          "name_sv", [](const municipality& x) { return std::string(x.name_sv()); },
          "The Swedish name (the Finnish one where there is none).")
      .def_static("is_valid", &municipality::is_valid, py::arg("code"), "Whether `code` is a valid municipality code.")
      .def_static("all", &municipality::all, "Every municipality, ordered by code.")
      .def("__str__", &municipality::code_text)
      .def("__repr__", [](const municipality& x) { return py::str("Municipality({})").format(x.code()); })
      .def(py::pickle([](const municipality& x) { return py::make_tuple(x.code()); },
                      [](const py::tuple& s) { return municipality(s[0].cast<int>()); }));
  def_ordered_hashable(muni);

  m.def("parse_date", &parse_date, py::arg("text"),
        "Parses an ISO 8601 date 'YYYY-MM-DD'; raises ParseError (id 102) naming the column.");
  m.def("format_date", &format_date, py::arg("date"), "Formats a date as ISO 8601 'YYYY-MM-DD'.");
  m.def("parse_timestamp", &parse_timestamp, py::arg("text"),
        "Parses 'YYYY-MM-DDThh:mm[:ss[.fff]][Z|+hh:mm]' into an aware UTC datetime; text without a zone is read "
        "as UTC. Raises ParseError (id 103) naming the column.");
  m.def("format_timestamp", &format_timestamp, py::arg("timestamp"),
        "Formats a datetime as ISO 8601 UTC 'YYYY-MM-DDThh:mm:ssZ' (an aware datetime is converted to UTC, a naive "
        "one is read as UTC; fractions of a second are dropped).");
  m.def("age_on", &age_on, py::arg("birth"), py::arg("on"),
        "The age in completed years on the day `on` of someone born on `birth`; raises InvalidArgument when `on` "
        "is before `birth`.");
  m.def("contains_identity_code", &contains_identity_code, py::arg("text"),
        "Whether `text` contains something shaped like a Finnish personal identity code (henkilötunnus).");
  m.def("validate_id", &validate_id, py::arg("field"), py::arg("value"),
        "Checks an identifier (1 to 64 characters of A-Z a-z 0-9 . _ : -, never a personal identity code); raises "
        "InvalidArgument naming `field`.");
  m.def("validate_free_text", &validate_free_text, py::arg("field"), py::arg("text"), py::arg("max_bytes"),
        "Checks a free-text field (UTF-8, no control characters but line breaks and tabs, at most `max_bytes` "
        "bytes, no personal identity code); raises InvalidArgument naming `field`.");
  m.def("quote", &quote, py::arg("value"),
        "Quotes a value as in error messages: shortened past 60 characters, a personal identity code redacted.");
}

}  // namespace kulkija::python
