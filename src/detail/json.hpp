#pragma once
// Internal to the compiled library (nlohmann-json is a private dependency): reading JSON with
// every error a kulkija::parse_error that names the JSON path and never echoes the input.

#include <nlohmann/json.hpp>

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

// Parses JSON text into `Json` (nlohmann::json or nlohmann::ordered_json).
template <class Json = json>
Json parse_json(std::string_view text) {
  try {
    return Json::parse(text);
  } catch (const typename Json::parse_error& e) {
    throw_json_syntax_error(text, e.byte, e.what());
  } catch (const typename Json::exception&) {  // found by fuzzing: a number too large, as 5E99999
    throw parse_error(error_id::parse_syntax, "not valid JSON: a number is too large", 0, 0, "$");
  }
}

[[noreturn]] void json_fail(const std::string& path, const std::string& rule, error_id id = error_id::parse_syntax);

// Reads the members of one JSON object, tracking the path: absent members leave the output
// as it was; present ones of the wrong type or value fail naming the member's path.
class json_object {
 public:
  json_object(const json& j, std::string path);

  // Fails on a member not in `names`, naming the ones expected.
  void allow(std::initializer_list<std::string_view> names) const;
  void require(std::string_view name) const;
  [[nodiscard]] std::string path(std::string_view name) const { return path_ + "." + std::string(name); }
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
