// kulkija._core.core: dates, ids, languages, municipalities and localized text.
#include "register.hpp"


#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace kulkija::python {

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
