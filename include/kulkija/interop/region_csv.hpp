#pragma once
/// @file
/// @brief Reading a region's referral records from a folder of CSV files.

#include <filesystem>
#include <vector>

#include "kulkija/referral/client.hpp"
#include "kulkija/referral/professional.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup interop
/// @{

/// @brief The referral records of a region, as read by read_region_csv().
struct region_records {
  std::vector<client> clients;              ///< from clients.csv, in file order
  std::vector<professional> professionals;  ///< from professionals.csv, in file order
  std::vector<referral> referrals;          ///< from referrals.csv, each with its events replayed
};

/// @brief Reads `clients.csv`, `professionals.csv`, `referrals.csv` and `events.csv` from
/// `dir` and replays every referral's events through the lifecycle.
///
/// The column layout (lists inside a field are separated by `;`, timestamps are ISO 8601):
/// - clients.csv: `client_id, birth_year, municipality, languages, living_situation, needs`
/// - professionals.csv: `professional_id, sector, organisation, title`
/// - referrals.csv: `referral_id, client_id, professional_id, needs, priority, consent_given_at`
/// - events.csv: `referral_id, event, at, role, actor_id, reason, link_worker_id, note`,
///   each referral's events in time order
///
/// `living_situation`, `title`, `consent_given_at`, `actor_id`, `reason`, `link_worker_id`
/// and `note` may be empty.
/// @param dir the region's folder
/// @return the records
/// @throws parse_error naming the file (as path), the line, the column and the rule, for
///         bad CSV, a bad value, an unknown client, professional or referral, a duplicate
///         id, or an event the lifecycle does not allow; not_found when a file is missing.
[[nodiscard]] region_records read_region_csv(const std::filesystem::path& dir);

/// @}

}  // namespace kulkija
