#pragma once
/// @file
/// @brief A region's data folder, loaded: records, link workers, rules, policies, catalogue,
/// measurements, meetings and visits.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kulkija/catalogue/catalogue.hpp"
#include "kulkija/core/date.hpp"
#include "kulkija/core/geo.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/eligibility/record.hpp"
#include "kulkija/eligibility/rule_set.hpp"
#include "kulkija/interop/region_csv.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/outcomes/kpi.hpp"
#include "kulkija/outcomes/measurement.hpp"
#include "kulkija/region/config.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/support/support_period.hpp"

namespace kulkija {

/// @addtogroup region
/// @{

/// @brief What the referrer recorded for the rule set beyond the referral (`assessments.csv`).
struct assessment {
  std::optional<double> wellbeing;                 ///< the referrer's estimate, 0 to 10
  std::optional<bool> needs_medical_care;          ///< whether the client needs medical care
  std::optional<bool> own_resources_sufficient;    ///< whether the client's own resources suffice
  /// @brief Assessments are equal when every field is equal.
  friend bool operator==(const assessment&, const assessment&) = default;
};

/// @brief A region's data folder, loaded and checked.
///
/// The folder holds `region.json` (see region_config) and the region's files:
/// `clients.csv`, `professionals.csv`, `referrals.csv`, `events.csv` (required, see
/// read_region_csv()), and optionally `municipalities.csv` (`code, lat, lon`: the
/// municipality centres), `client_locations.csv` (`client_id, lat, lon`),
/// `link_workers.csv` and `training.csv` (see link_workers_from_csv(), training_from_csv()),
/// `assessments.csv` (`referral_id, wellbeing, needs_medical_care, own_resources_sufficient`),
/// `measurements.csv` (`referral_id, instrument, point, day, answers`, answers separated
/// by `;`), `meetings.csv` (`referral_id, day, mode, outcome`) and `visits.csv`
/// (`client_id, day, kind`), and the rule sets, policies and catalogue that region.json names.
///
/// A region keeps the text of every file it read (sources()), so that it can be rebuilt
/// exactly from them (from_sources(); Python pickles a region this way).
class region {
 public:
  /// @brief Loads a region folder.
  /// @param dir the folder
  /// @return the region
  /// @throws parse_error naming the file (as path), the line and column or the JSON path, and
  ///         the rule; not_found for a missing folder or required file, or a file region.json
  ///         names that is not there.
  [[nodiscard]] static region load(const std::filesystem::path& dir);

  /// @brief Rebuilds a region from the texts of its files, as load() reads them.
  /// @param sources file name (relative to the folder, as region.json names it) -> text
  /// @param name the region's name when region.json has none
  /// @return the region
  /// @throws as load(); not_found for a required file missing from `sources`.
  [[nodiscard]] static region from_sources(std::map<std::string, std::string> sources, const std::string& name);

  region_config config;                                   ///< region.json
  region_records records;                                 ///< clients, professionals, referrals (events replayed)
  std::map<int, geo_point> centres;                       ///< municipality code -> centre
  std::map<std::string, geo_point> locations;             ///< client id -> where the client meets
  std::vector<link_worker> workers;                       ///< link_workers.csv with training.csv
  std::map<std::string, assessment> assessments;          ///< referral id -> the referrer's assessment
  rule_set_collection rules;                              ///< the rule sets region.json lists
  support_policy support;                                 ///< the support policy (or the defaults)
  matching_policy matching;                               ///< the matching policy (or the defaults)
  std::optional<kulkija::catalogue> catalogue;            ///< the service catalogue, when there is one
  std::vector<measurement> measurements;                  ///< measurements.csv, checked against the instruments
  std::map<std::string, std::vector<meeting>> meetings;   ///< meetings.csv by referral id, in file order
  std::vector<care_visit> visits;                         ///< visits.csv

  /// @brief The text of every file read, by the name region.json or the layout gives it.
  [[nodiscard]] const std::map<std::string, std::string>& sources() const noexcept { return sources_; }

 private:
  std::map<std::string, std::string> sources_;
};

/// @brief Where a client meets: `client_locations.csv`, else the centre of the client's
/// municipality, else nothing.
/// @param r the region
/// @param c the client
/// @return the location, if known
[[nodiscard]] std::optional<geo_point> location_of(const region& r, const client& c);

/// @brief The record the region's rule set reads for a referral: the library's client record
/// (client_record()) plus the referrer's assessment of the referral.
/// @param r the region
/// @param ref the referral
/// @param on the day screened
/// @return the record
[[nodiscard]] record screening_record(const region& r, const referral& ref, date on);

/// @}

}  // namespace kulkija
