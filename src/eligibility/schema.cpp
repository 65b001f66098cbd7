#include "kulkija/eligibility/schema.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 7> field_type_names{"integer", "number", "boolean", "text",
                                                           "code",    "code_set", "date"};
constexpr std::array<std::string_view, 12> keywords{"and", "or",  "not", "in",      "between", "has",
                                                    "any", "all", "is",  "missing", "true",    "false"};

bool is_identifier(std::string_view s) noexcept {
  if (s.empty() || s.size() > 64) return false;
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

// Optimal string alignment distance: insertions, deletions, substitutions and swaps of
// neighbours (`adutl` -> `adult`) each cost one.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  const std::size_t w = b.size() + 1;
  std::vector<std::size_t> d((a.size() + 1) * w);
  for (std::size_t i = 0; i <= a.size(); ++i) d[i * w] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t best = std::min({d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1, d[(i - 1) * w + j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) best = std::min(best, d[(i - 2) * w + j - 2] + 1);
      d[i * w + j] = best;
    }
  }
  return d[a.size() * w + b.size()];
}

}  // namespace

std::string_view to_string(field_type t) noexcept { return detail::enum_name(field_type_names, t); }

field_type parse_field_type(std::string_view name) {
  return detail::parse_enum<field_type>("field type", name, field_type_names);
}

bool is_rule_keyword(std::string_view name) noexcept {
  return std::find(keywords.begin(), keywords.end(), name) != keywords.end();
}

std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  const std::size_t allowed = name.size() <= 5 ? 1 : name.size() <= 9 ? 2 : 3;
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(name, candidate);
    if (d < best_distance && d < std::max(candidate.size(), name.size())) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

field_schema::field_schema(std::vector<field_spec> fields) {
  for (auto& f : fields) add(std::move(f));
}

void field_schema::add(field_spec spec) {
  const std::string at = "fields[" + std::to_string(fields_.size()) + "]";
  if (!is_identifier(spec.name)) {
    throw invalid_argument(error_id::invalid_value, at + ".name",
                           quote(spec.name) + " is not an identifier (a letter or '_', then letters, digits or '_')");
  }
  if (is_rule_keyword(spec.name)) {
    throw invalid_argument(error_id::invalid_value, at + ".name", quote(spec.name) + " is a keyword of the rule language");
  }
  if (find(spec.name)) {
    throw invalid_argument(error_id::invalid_value, at + ".name", "field " + quote(spec.name) + " is defined twice");
  }
  const bool coded = spec.type == field_type::code || spec.type == field_type::code_set;
  if (coded && spec.codes.empty()) {
    throw invalid_argument(error_id::invalid_value, at + ".codes",
                           "a " + std::string(to_string(spec.type)) + " field needs at least one code");
  }
  if (!coded && !spec.codes.empty()) {
    throw invalid_argument(error_id::invalid_value, at + ".codes",
                           "a " + std::string(to_string(spec.type)) + " field has no codes");
  }
  for (std::size_t i = 0; i < spec.codes.size(); ++i) {
    const std::string code_at = at + ".codes[" + std::to_string(i) + "]";
    if (!is_identifier(spec.codes[i])) {  // a code that is a keyword (`is`) is written quoted in rules
      throw invalid_argument(error_id::invalid_value, code_at, quote(spec.codes[i]) + " is not an identifier");
    }
    if (std::find(spec.codes.begin(), spec.codes.begin() + static_cast<std::ptrdiff_t>(i), spec.codes[i]) !=
        spec.codes.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw invalid_argument(error_id::invalid_value, code_at, quote(spec.codes[i]) + " is listed twice");
    }
  }
  fields_.push_back(std::move(spec));
}

std::optional<std::size_t> field_schema::find(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return i;
  }
  return std::nullopt;
}

std::size_t field_schema::index_of(std::string_view name) const {
  if (auto i = find(name)) return *i;
  std::vector<std::string> names;
  for (const auto& f : fields_) names.push_back(f.name);
  std::string rule = "unknown field " + quote(name);
  if (auto near = closest_name(name, names)) rule += " (did you mean '" + *near + "'?)";
  throw invalid_argument(error_id::invalid_value, "field", rule);
}

std::optional<std::size_t> field_schema::find_code(std::size_t field, std::string_view code) const noexcept {
  const auto& codes = fields_[field].codes;
  const auto it = std::find(codes.begin(), codes.end(), code);
  if (it == codes.end()) return std::nullopt;
  return static_cast<std::size_t>(it - codes.begin());
}

}  // namespace kulkija
