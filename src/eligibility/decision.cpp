#include "kulkija/eligibility/decision.hpp"

#include <array>
#include <string>

#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 3> kind_names{"inclusion", "exclusion", "warning"};
constexpr std::array<std::string_view, 3> status_names{"eligible", "not_eligible", "undetermined"};
constexpr std::array<std::string_view, 4> outcome_names{"failed", "undetermined", "warning", "passed"};

std::string missing_label(text_language lang) {
  switch (lang) {
    case text_language::fi: return "tieto puuttuu tai on epävarma";
    case text_language::sv: return "uppgift saknas eller är osäker";
    case text_language::en: break;
  }
  return "missing or uncertain";
}

std::string with_missing(const criterion_result& r, text_language lang) {
  std::string out = r.reason;
  if (r.outcome != criterion_outcome::undetermined || r.undetermined_fields.empty()) return out;
  out += " (" + missing_label(lang) + ": ";
  for (std::size_t i = 0; i < r.undetermined_fields.size(); ++i) out += (i ? ", " : "") + r.undetermined_fields[i];
  out += ")";
  for (const auto& note : r.notes) out += "; " + note;
  return out;
}

}  // namespace

std::string_view to_string(criterion_kind k) noexcept { return detail::enum_name(kind_names, k); }
criterion_kind parse_criterion_kind(std::string_view code) {
  return detail::parse_enum<criterion_kind>("criterion kind", code, kind_names);
}
std::string_view to_string(decision_status s) noexcept { return detail::enum_name(status_names, s); }
std::string_view to_string(criterion_outcome o) noexcept { return detail::enum_name(outcome_names, o); }

std::vector<std::string> decision::reasons() const {
  std::vector<std::string> out;
  for (const auto& r : results) {
    if (r.outcome == criterion_outcome::failed || r.outcome == criterion_outcome::undetermined) {
      out.push_back(with_missing(r, language));
    }
  }
  return out;
}

std::vector<std::string> decision::warnings() const {
  std::vector<std::string> out;
  for (const auto& r : results) {
    if (r.outcome == criterion_outcome::warning) out.push_back(r.reason);
  }
  return out;
}

std::string decision::explain() const {
  std::string out = std::string(to_string(status)) + ": " + rule_set_id + " " + rule_set_version + " on " +
                    (decided_on.is_special() ? std::string("?") : format_date(decided_on)) + "\n";
  for (const auto& r : results) {
    out += "  [" + std::string(to_string(r.outcome)) + "] " + r.criterion_id + " (" + std::string(to_string(r.kind)) +
           "): " + with_missing(r, language) + "\n";
  }
  return out;
}

}  // namespace kulkija
