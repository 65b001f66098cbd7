#include "json.hpp"

#include <cmath>

#include "kulkija/core/text.hpp"

namespace kulkija::detail {

void throw_json_syntax_error(std::string_view text, std::size_t byte, const char* what) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      line++;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U) {
      column++;
    }
  }
  std::string rule = what;
  if (const auto last = rule.find("; last read"); last != std::string::npos) rule.resize(last);
  if (const auto at = rule.find("syntax error while parsing "); at != std::string::npos) rule = rule.substr(at);
  if (contains_identity_code(rule)) rule = "syntax error";
  throw parse_error(error_id::parse_syntax, "not valid JSON: " + rule, line, column, "$");
}

void json_fail(const std::string& path, const std::string& rule, error_id id) { throw parse_error(id, rule, 0, 0, path); }

json_object::json_object(const json& j, std::string path) : j_(j), path_(std::move(path)) {
  if (!j_.is_object()) json_fail(path_, "must be an object, got " + std::string(j_.type_name()));
}

void json_object::allow(std::initializer_list<std::string_view> names) const {
  for (const auto& [key, value] : j_.items()) {
    bool known = false;
    for (std::string_view n : names) known = known || key == n;
    if (known) continue;
    std::string expected;
    for (std::string_view n : names) expected += (expected.empty() ? "" : ", ") + std::string(n);
    json_fail(path(key), "unknown member " + quote(key) + "; expected one of: " + expected);
  }
}

void json_object::require(std::string_view name) const {
  if (find(name) == nullptr) json_fail(path(name), "is required");
}

const json* json_object::find(std::string_view name) const {
  const auto it = j_.find(std::string(name));
  return it == j_.end() ? nullptr : &*it;
}

bool json_object::read(std::string_view name, bool& out) const {
  const json* v = find(name);
  if (v == nullptr) return false;
  if (!v->is_boolean()) json_fail(path(name), "must be true or false, got " + std::string(v->type_name()));
  out = v->get<bool>();
  return true;
}

bool json_object::read(std::string_view name, int& out, int lo, int hi) const {
  const json* v = find(name);
  if (v == nullptr) return false;
  if (!v->is_number_integer()) json_fail(path(name), "must be an integer, got " + std::string(v->type_name()));
  const bool is_unsigned = v->is_number_unsigned();
  const auto value = is_unsigned ? 0 : v->get<std::int64_t>();
  // nlohmann reads 0 and every positive integer as unsigned: both bounds apply to it too
  const bool out_of_range = is_unsigned ? (v->get<std::uint64_t>() > static_cast<std::uint64_t>(hi) ||
                                           (lo > 0 && v->get<std::uint64_t>() < static_cast<std::uint64_t>(lo)))
                                        : (value < lo || value > hi);
  if (out_of_range) {
    json_fail(path(name), "must be " + std::to_string(lo) + " to " + std::to_string(hi), error_id::invalid_value);
  }
  out = is_unsigned ? static_cast<int>(v->get<std::uint64_t>()) : static_cast<int>(value);
  return true;
}

bool json_object::read(std::string_view name, double& out) const {
  const json* v = find(name);
  if (v == nullptr) return false;
  if (!v->is_number()) json_fail(path(name), "must be a number, got " + std::string(v->type_name()));
  const double value = v->get<double>();
  if (!std::isfinite(value)) json_fail(path(name), "must be a finite number", error_id::invalid_value);
  out = value;
  return true;
}

bool json_object::read(std::string_view name, std::string& out) const {
  const json* v = find(name);
  if (v == nullptr) return false;
  if (!v->is_string()) json_fail(path(name), "must be a string, got " + std::string(v->type_name()));
  out = v->get<std::string>();
  return true;
}

bool json_object::read(std::string_view name, date& out) const {
  return read_code(name, out, [](std::string_view text) { return parse_date(text); });
}

bool json_object::read(std::string_view name, std::optional<date>& out) const {
  const json* v = find(name);
  if (v == nullptr) return false;
  if (v->is_null()) {
    out.reset();
    return true;
  }
  date d;
  read(name, d);
  out = d;
  return true;
}

}  // namespace kulkija::detail
