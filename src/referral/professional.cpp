#include "kulkija/referral/professional.hpp"

#include <array>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {
constexpr std::array<std::string_view, 4> sector_names{"social_services", "health_care", "employment_services",
                                                       "other"};
}  // namespace

std::string_view to_string(sector s) noexcept { return detail::enum_name(sector_names, s); }

sector parse_sector(std::string_view code) { return detail::parse_enum<sector>("sector", code, sector_names); }

professional::professional(professional_id id, sector s, std::string organisation, std::string title)
    : id_(std::move(id)), sector_(s), organisation_(std::move(organisation)), title_(std::move(title)) {
  if (organisation_.empty()) throw invalid_argument(error_id::invalid_value, "organisation", "must not be empty");
  validate_free_text("organisation", organisation_, 200);
  validate_free_text("title", title_, 100);
}

}  // namespace kulkija
