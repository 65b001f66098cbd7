#pragma once
/// @file
/// @brief Open Referral HSDS 3.0 (Human Services Data Specification) import and export of
/// the service catalogue.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/catalogue/catalogue.hpp"
#include "kulkija/core/language.hpp"
#include "kulkija/core/text.hpp"

namespace kulkija {

/// @addtogroup interop
/// @{

/// @brief How catalogue_from_hsds() fills what HSDS does not say.
struct hsds_import_options {
  /// @brief The languages of a service that lists none (and the language of its name and
  /// description, see `name_language`).
  std::vector<language> default_languages{language{"fi"}};
  /// @brief The language of HSDS's single `name` and `description` fields; the other
  /// languages come from kulkija attributes (`name_sv`, `description_en`, ...).
  kulkija::text_language name_language = kulkija::text_language::fi;
  /// @brief Options are equal when every part is.
  friend bool operator==(const hsds_import_options&, const hsds_import_options&) = default;
};

/// @brief Something valid in HSDS that kulkija could not represent, and what it did instead.
struct hsds_warning {
  std::string path;     ///< JSON path of the element, e.g. `$.schedules[0].byweekno`
  std::string message;  ///< what was dropped or assumed
  /// @brief Warnings are equal when both parts are.
  friend bool operator==(const hsds_warning&, const hsds_warning&) = default;
};

/// @brief A taxonomy term read from an HSDS document (taxonomy_term objects and the terms
/// of attributes).
struct hsds_taxonomy_term {
  std::string id;        ///< the term's id
  std::string code;      ///< its code (may be empty)
  std::string name;      ///< its name
  std::string taxonomy;  ///< the taxonomy it belongs to (may be empty)
  /// @brief Terms are equal when every part is.
  friend bool operator==(const hsds_taxonomy_term&, const hsds_taxonomy_term&) = default;
};

/// @brief The result of an HSDS import: the catalogue, the taxonomy terms seen, and warnings.
struct hsds_import {
  kulkija::catalogue catalogue;            ///< organisations and activities
  std::vector<hsds_taxonomy_term> terms;   ///< taxonomy terms read, each id once, in order
  std::vector<hsds_warning> warnings;      ///< what could not be represented
};

/// @brief Reads an HSDS 3.0 JSON document into a catalogue.
///
/// The document may be any of the HSDS 3.0 API shapes: a service (as `/services/{id}`), an
/// organization with its `services`, a service_at_location, a location, a taxonomy or
/// taxonomy_term, the API base object, a paginated list (`contents`) of any of these, or
/// the tabular form (`{"organizations.csv": [...], "services.csv": [...], ...}`, linked by
/// ids). Each HSDS service becomes one activity:
///
/// | HSDS | kulkija |
/// |------|---------|
/// | service.id, name, description | activity id, name and description (in `name_language`) |
/// | service.organization / organization_id | the organisation (kind from its kulkija attribute, else other) |
/// | minimum_age, maximum_age | age range |
/// | languages[].code | languages (else `default_languages`) |
/// | service_at_locations[].location: latitude, longitude, addresses | position, address, municipality (city matched to a municipality name) |
/// | schedules (freq WEEKLY/MONTHLY, interval 1 or 2, byday, dtstart, opens_at, closes_at) | schedule (one rule per day) |
/// | cost_options[].amount, currency | cost: fee (the lowest amount above 0), free when every amount is 0, unknown when there is none |
/// | attributes with taxonomy `kulkija` | categories, target groups, accessibility, municipality, names and descriptions in other languages, Kaikukortti, registration, peer support, capacity, validity dates, organisation kind |
/// | status inactive, defunct | not imported (a warning) |
///
/// Ids that are not valid kulkija ids (1 to 64 of `A-Z a-z 0-9 . _ : -`) are rejected.
/// Valid HSDS that kulkija cannot represent (coordinates out of range, iCalendar parts
/// such as byweekno, a schedule without freq) is dropped with a warning naming its path.
/// @param json the document text
/// @param options defaults for what HSDS does not say
/// @return the catalogue, the terms and the warnings
/// @throws parse_error naming the JSON path (e.g. `$.services[3].name`) and the rule: not
///         JSON (parse_syntax), a missing or mistyped member (parse_structure), a bad code
///         or value (the value's own id, e.g. invalid_language, parse_enum), a duplicate id.
[[nodiscard]] hsds_import catalogue_from_hsds(std::string_view json, const hsds_import_options& options = {});

/// @brief Reads an HSDS 3.0 JSON file (see catalogue_from_hsds()).
/// @param path the file
/// @param options defaults for what HSDS does not say
/// @return the catalogue, the terms and the warnings
/// @throws not_found when the file cannot be opened; parse_error as catalogue_from_hsds().
[[nodiscard]] hsds_import read_hsds_file(const std::filesystem::path& path, const hsds_import_options& options = {});

/// @brief Writes the catalogue as an HSDS 3.0 organization list page: one organization a
/// catalogue organisation, each with its `services` in full (locations, schedules, cost
/// options, languages and kulkija attributes), so that catalogue_from_hsds() reads back
/// an equal catalogue.
/// @param cat the catalogue
/// @param options the language of HSDS's `name` and `description`
/// @return the JSON text, indented by two spaces
[[nodiscard]] std::string catalogue_to_hsds(const catalogue& cat, const hsds_import_options& options = {});

/// @}

}  // namespace kulkija
