#pragma once
/// @file
/// @brief Reading a region's referral records from a folder of CSV files.

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "kulkija/interop/csv.hpp"
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
/// - clients.csv: `client_id, birth_year, municipality, languages, living_situation, needs`,
///   then optionally the further columns of clients_to_csv() (birth date, goals, preferences)
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

/// @brief The texts of a region's four record files, for region_records_from_csv().
struct region_csv_texts {
  std::string clients;        ///< clients.csv
  std::string professionals;  ///< professionals.csv
  std::string referrals;      ///< referrals.csv
  std::string events;         ///< events.csv
};

/// @brief Reads a region's records from the texts of its four files, exactly as
/// read_region_csv() reads them from a folder (the same reader: errors name the file by its
/// name, e.g. `events.csv`, with the line and column).
/// @param texts the four files' texts
/// @return the records
/// @throws parse_error as read_region_csv().
[[nodiscard]] region_records region_records_from_csv(const region_csv_texts& texts);

/// @brief The result of check_region_csv(): the records that were good and every file's errors.
struct region_records_checked {
  region_records records;  ///< the good rows (a referral without its rejected events)
  /// @brief One entry per file, in the order read: `clients.csv`, `professionals.csv`,
  /// `referrals.csv`, `events.csv`; each names its file as `source`.
  std::vector<csv_diagnostics> files;
  /// @brief Whether no file had an error.
  [[nodiscard]] bool ok() const noexcept {
    for (const auto& f : files) {
      if (!f.ok()) return false;
    }
    return true;
  }
};

/// @brief Reads a region's folder as read_region_csv() does, but collects every row's
/// error in every file instead of throwing the first.
///
/// A row with an error gives one error, the one read_region_csv() would throw for it (same
/// message, file, line and column), and is left out. Rows that refer to a left-out row are
/// checked against the good rows only, so a bad client row also makes its referrals'
/// rows report an unknown client, and a rejected event can make that referral's later
/// events report a transition error. Bad CSV or a missing column stops that file there
/// (see csv_diagnostics); the other files are still read.
/// @param dir the region's folder
/// @param max_errors how many errors to keep per file; the rest are counted in `more_errors`
/// @return the good records and the errors of each file
/// @throws not_found when one of the four files is missing.
[[nodiscard]] region_records_checked check_region_csv(const std::filesystem::path& dir,
                                                      std::size_t max_errors = csv_error_limit);

/// @}

}  // namespace kulkija
