#pragma once
/// @file
/// @brief Plain CSV import and export of the service catalogue, for regions without an
/// HSDS directory (see hsds.hpp for Open Referral HSDS).

#include <string>
#include <string_view>

#include "kulkija/catalogue/catalogue.hpp"

namespace kulkija {

/// @addtogroup interop
/// @{

/// @brief Reads a catalogue from plain CSV text, one row per activity, for regions without
/// an HSDS directory.
///
/// Required columns: activity_id, organisation_id, organisation_name, name_fi, languages
/// and municipality. Optional: organisation_kind, organisation_municipality,
/// organisation_description, name_sv, name_en, description_fi, description_sv,
/// description_en, categories, target_groups, min_age, max_age, address, latitude,
/// longitude, schedule, accessibility, cost, fee, currency, kaikukortti,
/// registration_required, peer_support, capacity, valid_from and valid_to.
///
/// Lists are separated by semicolons. A schedule rule is written `weekly mo 10:00-12:00`,
/// `biweekly 2026-01-07 17:00-19:00` (the anchor day gives the weekday) or
/// `monthly -1 fr 13:00-15:00`. The cost is `free`, `fee` or `unknown`; booleans are
/// `true` or `false` (empty is false); an empty municipality means region-wide. All rows of
/// one organisation must agree on its name and kind; its municipality and description come
/// from its first row.
/// @param text the CSV text
/// @param source the file name for error messages (may be empty)
/// @return the catalogue
/// @throws parse_error naming the source, line and column and the rule.
[[nodiscard]] catalogue catalogue_from_csv(std::string_view text, std::string source = {});

/// @brief Writes a catalogue in the CSV layout of catalogue_from_csv() (every column).
/// @param cat the catalogue
/// @return the CSV text
[[nodiscard]] std::string catalogue_to_csv(const catalogue& cat);

/// @}

}  // namespace kulkija
