#pragma once
// Internal to the compiled library (nlohmann-json is a private dependency): reading JSON with
// every error a kulkija::parse_error that names the JSON path and never echoes the input.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "kulkija/core/date.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija::detail {

using json = nlohmann::json;

// Throws the parse_error for a JSON syntax error at byte `byte` of `text`: at `$`, with the
// line and column, and nlohmann's rule without the text it read last (which could be
// personal data).
[[noreturn]] void throw_json_syntax_error(std::string_view text, std::size_t byte, const char* what);

// How deeply arrays and objects may nest in a JSON document kulkija reads. nlohmann parses
// and destroys deep values without recursing, but copies, compares and dumps them
// recursively: 100,000 levels overflow the stack. Real documents (FHIR bundles, HSDS,
// policies) nest fewer than 20 levels.
inline constexpr std::size_t max_json_depth = 256;

// Throws the parse_error at `$` (with the line and column of the bracket) when arrays and
// objects in `text` nest deeper than max_json_depth; a linear scan that allocates nothing.
void check_json_depth(std::string_view text);

// Parses JSON text into `Json` (nlohmann::json or nlohmann::ordered_json): every failure
// (bad syntax, invalid UTF-8, a number too large, nesting deeper than max_json_depth) is a
// kulkija::parse_error at `$`.
template <class Json = json>
Json parse_json(std::string_view text) {
  check_json_depth(text);
  try {
    return Json::parse(text);
  } catch (const typename Json::parse_error& e) {
    throw_json_syntax_error(text, e.byte, e.what());
  } catch (const typename Json::exception&) {  // found by fuzzing: a number too large, as 5E99999
    throw parse_error(error_id::parse_syntax, "not valid JSON: a number is too large", 0, 0, "$");
  }
}

[[noreturn]] void json_fail(const std::string& path, const std::string& rule, error_id id = error_id::parse_syntax);

// The one wording of every JSON reader (rule sets, instruments, policies, calendars, FHIR,
// HSDS): a value of the wrong type is "must be <a kind>, got <JSON type>" (`must be a string,
// got number`), an absent member "is required", an unexpected one "unknown member 'x';
// expected one of: ...". Paths are JSONPath: `$.a.b[2]`, `$.a['b c']` for a key that is not a
// plain name. `id` is the error id of a type error (parse_syntax by default; FHIR and HSDS
// use parse_structure).

// The path of member `key` of the object at `path`.
[[nodiscard]] std::string json_member_path(const std::string& path, std::string_view key);
// The path of item `i` of the array at `path`.
[[nodiscard]] std::string json_item_path(const std::string& path, std::size_t i);
// Fails at `path`: "must be <kind>, got <got_type>" (a JSON type name: null, object, array,
// string, number, boolean).
[[noreturn]] void json_wrong_type(const std::string& path, std::string_view kind, std::string_view got_type,
                                  error_id id = error_id::parse_syntax);
// The same for the value `got` (of nlohmann::json or nlohmann::ordered_json).
template <class Json>
[[noreturn]] void json_type_fail(const std::string& path, std::string_view kind, const Json& got,
                                 error_id id = error_id::parse_syntax) {
  json_wrong_type(path, kind, got.type_name(), id);
}
// `j` when it is an object (an array, a string, a number), or the type error at `path`.
template <class Json>
const Json& json_as_object(const Json& j, const std::string& path, error_id id = error_id::parse_syntax) {
  if (!j.is_object()) json_type_fail(path, "an object", j, id);
  return j;
}
template <class Json>
const Json& json_as_array(const Json& j, const std::string& path, error_id id = error_id::parse_syntax) {
  if (!j.is_array()) json_type_fail(path, "an array", j, id);
  return j;
}
template <class Json>
const std::string& json_as_string(const Json& j, const std::string& path, error_id id = error_id::parse_syntax) {
  if (!j.is_string()) json_type_fail(path, "a string", j, id);
  return j.template get_ref<const std::string&>();
}
template <class Json>
double json_as_number(const Json& j, const std::string& path, error_id id = error_id::parse_syntax) {
  if (!j.is_number()) json_type_fail(path, "a number", j, id);
  return j.template get<double>();
}
// Fails at `path` with "is required", followed by ": <why>" when `why` is not empty.
[[noreturn]] void json_missing(const std::string& path, std::string_view why = {},
                               error_id id = error_id::parse_syntax);
// The message of a kulkija error without its "[kulkija.kind.id] " prefix and its position
// ("at PATH: " and "LINE:COLUMN: ").
[[nodiscard]] std::string json_bare_message(const error& e);

// `e` again, naming `file` before its own path (a JSON path such as `$.as_of`, or nothing):
// how a reader of a named file (a rule-set file, a region's policies) reports its errors.
[[nodiscard]] parse_error json_in_file(const parse_error& e, const std::string& file);

// Runs `f`, turning a kulkija error that has no JSON path into a parse_error at `path` (with
// the same id and message); a parse_error that already names a path passes through.
template <class F>
auto json_at_path(const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const parse_error& e) {
    if (!e.path().empty()) throw;
    throw parse_error(e.id(), std::string(e.message()), 0, 0, path);
  } catch (const error& e) {
    throw parse_error(e.id(), std::string(e.message()), 0, 0, path);
  }
}

// Reads the members of one JSON object, tracking the path: absent members leave the output
// as it was; present ones of the wrong type or value fail naming the member's path.
class json_object {
 public:
  json_object(const json& j, std::string path);

  // Fails on a member not in `names`, naming the ones expected.
  void allow(std::initializer_list<std::string_view> names) const;
  void require(std::string_view name) const;
  [[nodiscard]] std::string path(std::string_view name) const { return json_member_path(path_, name); }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] const json* find(std::string_view name) const;

  bool read(std::string_view name, bool& out) const;
  bool read(std::string_view name, int& out, int lo = -1000000, int hi = 1000000) const;
  bool read(std::string_view name, double& out) const;
  bool read(std::string_view name, std::string& out) const;
  bool read(std::string_view name, date& out) const;
  bool read(std::string_view name, std::optional<date>& out) const;  // null clears

  // Reads a string member through `parse` (a kulkija parse_* function of an enum or code),
  // turning its error into one at this member's path.
  template <class T, class Parse>
  bool read_code(std::string_view name, T& out, Parse parse) const {
    std::string code;
    if (!read(name, code)) return false;
    try {
      out = parse(code);
    } catch (const error& e) {
      json_fail(path(name), std::string(e.message()), e.id());
    }
    return true;
  }

 private:
  const json& j_;
  std::string path_;
};

}  // namespace kulkija::detail
