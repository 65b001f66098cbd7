#pragma once
/// @file
/// @brief A region's configuration: `region.json` in its data folder.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"

namespace kulkija {

/// @defgroup region Region
/// @brief A region's configuration and data, and the whole pipeline on it: what `kulkija run`
/// does, as one library call (see docs/concepts.md).
/// @{

/// @brief What a region uses (`region.json`); every file name is relative to the region folder.
///
/// A missing `region.json` gives these defaults, with the folder's name as the name.
struct region_config {
  std::string name;                                 ///< shown in the report (default: the folder's name)
  date as_of{2026, 1, 1};                           ///< the reporting day
  std::vector<std::string> rule_sets;               ///< rule-set JSON files (several versions may be listed)
  std::string rule_set = "wellbeing-referral";      ///< the id of the rule set that screens referrals
  std::string support_policy;                       ///< support-policy JSON (empty: the library's defaults)
  std::string matching_policy;                      ///< matching-policy JSON (empty: the library's defaults)
  std::string catalogue = "catalogue.json";         ///< HSDS catalogue (empty or absent: no recommendations)
  double mobility_radius_km = 30;                   ///< the recommendation request's radius
  std::size_t recommendations = 3;                  ///< activities recommended per client, 1 to 50

  /// @brief Configurations are equal when every member is equal.
  friend bool operator==(const region_config&, const region_config&) = default;
};

/// @brief Reads `region.json` text.
///
/// Members: `name`, `as_of` (YYYY-MM-DD), `rule_sets` (an array of file names), `rule_set`,
/// `support_policy`, `matching_policy`, `catalogue` (strings), `mobility_radius_km` (a number
/// more than 0), `recommendations` (a whole number from 1 to 50). Read by the library's one
/// JSON reader, as the policies are.
/// @param text the JSON text
/// @return the configuration; `name` stays empty when the text has none
/// @throws parse_error with the JSON path (e.g. `$.as_of`) and the rule, and `region.json`
///         before it: not JSON, an unknown member, a value of the wrong type or out of range.
///         The text is never echoed.
[[nodiscard]] region_config region_config_from_json(std::string_view text);

/// @brief Reads `dir/region.json` (the defaults when there is none); an empty name becomes
/// the folder's name.
/// @param dir the region folder
/// @return the configuration
/// @throws parse_error as region_config_from_json(); not_found when the file cannot be read.
[[nodiscard]] region_config read_region_config(const std::filesystem::path& dir);

/// @}

}  // namespace kulkija
