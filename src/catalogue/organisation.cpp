#include "kulkija/catalogue/organisation.hpp"

#include <array>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {
constexpr std::array<std::string_view, 11> kind_names{"patient", "pensioner",     "disability", "mental_health",
                                                      "youth",   "sports",        "culture",    "village",
                                                      "multicultural", "umbrella", "other"};
}  // namespace

std::string_view to_string(organisation_kind k) noexcept { return detail::enum_name(kind_names, k); }
organisation_kind parse_organisation_kind(std::string_view code) {
  return detail::parse_enum<organisation_kind>("organisation kind", code, kind_names);
}

organisation::organisation(organisation_id id, std::string name, organisation_kind kind,
                           std::optional<municipality> home, std::string description)
    : id_(std::move(id)), name_(std::move(name)), kind_(kind), home_(home), description_(std::move(description)) {
  if (name_.empty()) throw invalid_argument(error_id::invalid_value, "organisation.name", "must not be empty");
  validate_free_text("organisation.name", name_, 200);
  validate_free_text("organisation.description", description_, 2000);
}

}  // namespace kulkija
