#pragma once
// The Python bindings' enum helpers: which C++ enums are "coded" (a snake_case code per
// member, a parse function), and bind_enum(), which binds one as a Python enum.Enum whose
// member names are the codes. The caster in casters.hpp accepts a member or its code.
//
// A translation unit that binds an enum with a label() (e.g. the matching area's) includes
// that header before this one, so that the labelled_enum concept sees the overload.

#include <pybind11/native_enum.h>
#include <pybind11/pybind11.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/need.hpp"
#include "kulkija/referral/professional.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/workforce/training.hpp"
#include "kulkija/workforce/worker_kind.hpp"

namespace kulkija::python {

namespace py = pybind11;

// ------------------------------------------------------------------ coded enums

/// Parses a code by searching the enum's to_string() codes (for enums without a parse function).
template <class E, E Last>
E parse_by_code(std::string_view what, std::string_view code) {
  std::vector<std::string_view> names;
  for (std::size_t i = 0; i <= static_cast<std::size_t>(Last); ++i) {
    names.push_back(to_string(static_cast<E>(i)));
    if (names.back() == code) return static_cast<E>(i);
  }
  kulkija::detail::throw_unknown_code(what, code, names);
}

/// What the bindings need to know of an enum whose members have snake_case codes:
/// its last member (members are 0..last) and how to parse a code.
template <class E, E Last, E (*Parse)(std::string_view)>
struct enum_traits_of {
  static constexpr E last = Last;
  static E parse(std::string_view code) { return Parse(code); }
};

/// Specialised for every coded enum below.
template <class E>
struct enum_traits;

inline transition_guard parse_transition_guard(std::string_view code) {
  return parse_by_code<transition_guard, transition_guard::first_contact_recorded>("transition guard", code);
}
inline reason_rule parse_reason_rule(std::string_view code) {
  return parse_by_code<reason_rule, reason_rule::required>("reason rule", code);
}

// clang-format off
template <> struct enum_traits<text_language> : enum_traits_of<text_language, text_language::en, parse_text_language> {};
template <> struct enum_traits<need> : enum_traits_of<need, need::meaningful_activity, parse_need> {};
template <> struct enum_traits<living_situation> : enum_traits_of<living_situation, living_situation::no_fixed_abode, parse_living_situation> {};
template <> struct enum_traits<gender> : enum_traits_of<gender, gender::other, parse_gender> {};
template <> struct enum_traits<meeting_mode> : enum_traits_of<meeting_mode, meeting_mode::video, parse_meeting_mode> {};
template <> struct enum_traits<time_window> : enum_traits_of<time_window, time_window::weekend, parse_time_window> {};
template <> struct enum_traits<sector> : enum_traits_of<sector, sector::other, parse_sector> {};
template <> struct enum_traits<priority> : enum_traits_of<priority, priority::asap, parse_priority> {};
template <> struct enum_traits<referral_state> : enum_traits_of<referral_state, referral_state::entered_in_error, parse_referral_state> {};
template <> struct enum_traits<referral_event> : enum_traits_of<referral_event, referral_event::reopen, parse_referral_event> {};
template <> struct enum_traits<actor_role> : enum_traits_of<actor_role, actor_role::system, parse_actor_role> {};
template <> struct enum_traits<reason_code> : enum_traits_of<reason_code, reason_code::other, parse_reason_code> {};
template <> struct enum_traits<transition_guard> : enum_traits_of<transition_guard, transition_guard::first_contact_recorded, parse_transition_guard> {};
template <> struct enum_traits<reason_rule> : enum_traits_of<reason_rule, reason_rule::required, parse_reason_rule> {};
template <> struct enum_traits<worker_kind> : enum_traits_of<worker_kind, worker_kind::peer_supporter, parse_worker_kind> {};
template <> struct enum_traits<competence> : enum_traits_of<competence, competence::sami_language, parse_competence> {};
// clang-format on

/// Whether E is a coded enum (has enum_traits).
template <class E>
concept coded_enum = std::is_enum_v<E> && requires { enum_traits<E>::last; };

/// Whether kulkija has a fi/sv/en label for E's members.
template <class E>
concept labelled_enum = requires(E e) { kulkija::label(e); };

/// Binds E as a Python enum.Enum named `name` whose member names are the snake_case codes,
/// with a static `parse(code)` and, for labelled enums, a `label(lang="en")` method.
template <coded_enum E>
py::object bind_enum(py::module_& m, const char* name, const char* doc) {
  py::native_enum<E> e(m, name, "enum.Enum", doc);
  for (std::size_t i = 0; i <= static_cast<std::size_t>(enum_traits<E>::last); ++i) {
    const auto value = static_cast<E>(i);
    const char* member_doc = nullptr;
    if constexpr (labelled_enum<E>) member_doc = kulkija::label(value).en.c_str();
    e.value(std::string(to_string(value)).c_str(), value, member_doc);
  }
  e.finalize();
  py::object cls = m.attr(name);
  cls.attr("parse") = py::staticmethod(py::cpp_function(
      [](std::string_view code) { return enum_traits<E>::parse(code); }, py::name("parse"), py::arg("code"),
      "The member whose code is `code`; raises ParseError (id 105) listing the valid codes."));
  if constexpr (labelled_enum<E>) {
    cls.attr("label") = py::cpp_function(
        [](E self, text_language lang) { return kulkija::label(self).in(lang); }, py::name("label"),
        py::is_method(cls), py::arg("lang") = text_language::en,
        "The readable label in `lang` (a TextLanguage or 'fi', 'sv', 'en').");
  }
  return cls;
}

}  // namespace kulkija::python
