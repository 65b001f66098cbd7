#include "json.hpp"

#include <algorithm>
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

void check_json_depth(std::string_view text) {
  std::size_t depth = 0, line = 1, column = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (c == '\n') {
      ++line;
      column = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) {
      ++column;  // columns count characters, as in throw_json_syntax_error
    }
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_json_depth) {
        throw parse_error(error_id::parse_syntax,
                          "arrays and objects nest deeper than " + std::to_string(max_json_depth) +
                              " levels",
                          line, column, "$");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
}

void json_fail(const std::string& path, const std::string& rule, error_id id) { throw parse_error(id, rule, 0, 0, path); }

std::string json_member_path(const std::string& path, std::string_view key) {
  const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
  // a member named like a personal identity code is redacted by quote(), in the path too
  return plain && !contains_identity_code(key) ? path + "." + std::string(key) : path + "[" + quote(key) + "]";
}

std::string json_item_path(const std::string& path, std::size_t i) { return path + "[" + std::to_string(i) + "]"; }

void json_wrong_type(const std::string& path, std::string_view kind, std::string_view got_type, error_id id) {
  json_fail(path, "must be " + std::string(kind) + ", got " + std::string(got_type), id);
}

void json_missing(const std::string& path, std::string_view why, error_id id) {
  json_fail(path, why.empty() ? std::string("is required") : "is required: " + std::string(why), id);
}

std::string json_bare_message(const error& e) {
  std::string m = e.what();
  if (const auto p = m.find("] "); p != std::string::npos) m.erase(0, p + 2);
  if (const auto* pe = dynamic_cast<const parse_error*>(&e); pe != nullptr) {
    const std::string at = "at " + pe->path() + ": ";
    if (!pe->path().empty() && m.rfind(at, 0) == 0) m.erase(0, at.size());
    if (pe->line() > 0) {
      const std::string pos = std::to_string(pe->line()) + ":" + std::to_string(pe->column()) + ": ";
      if (m.rfind(pos, 0) == 0) m.erase(0, pos.size());
    }
  }
  return m;
}

parse_error json_in_file(const parse_error& e, const std::string& file) {
  return parse_error(e.id(), json_bare_message(e), e.line(), e.column(), e.path().empty() ? file : file + " " + e.path());
}

json_object::json_object(const json& j, std::string path) : j_(j), path_(std::move(path)) {
  json_as_object(j_, path_);
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
  if (find(name) == nullptr) json_missing(path(name));
}

const json* json_object::find(std::string_view name) const {
  const auto it = j_.find(std::string(name));
  return it == j_.end() ? nullptr : &*it;
}

bool json_object::read(std::string_view name, bool& out) const {
  const json* v = find(name);
  if (v == nullptr) return false;
  if (!v->is_boolean()) json_type_fail(path(name), "true or false", *v);
  out = v->get<bool>();
  return true;
}

bool json_object::read(std::string_view name, int& out, int lo, int hi) const {
  const json* v = find(name);
  if (v == nullptr) return false;
  if (!v->is_number_integer()) json_type_fail(path(name), "an integer", *v);
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
  const double value = json_as_number(*v, path(name));
  if (!std::isfinite(value)) json_fail(path(name), "must be a finite number", error_id::invalid_value);
  out = value;
  return true;
}

bool json_object::read(std::string_view name, std::string& out) const {
  const json* v = find(name);
  if (v == nullptr) return false;
  out = json_as_string(*v, path(name));
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
