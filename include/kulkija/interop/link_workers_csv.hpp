#pragma once
/// @file
/// @brief Link workers as CSV, for the command-line tool and for analysts.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/interop/csv.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/workforce/worker_kind.hpp"

namespace kulkija {

/// @addtogroup interop
/// @{

/// @brief Reads link workers from CSV text.
///
/// Columns (the same layout as `kulkija.matching.workers_from_frame` in Python; lists are
/// separated by `;`): `worker`, `languages`, `municipality`, `capacity` (required), and
/// optionally `caseload`, `lat`, `lon`, `travel_radius_km`, `specialisms`, `gender`,
/// `availability`, `meeting_modes`, `active_from`, `active_to`, `kind` (a
/// kulkija::worker_kind code; empty or missing: `professional`, so files written before the
/// column existed read as before) and `last_supervision` (a day; empty: never supervised).
/// Empty optional fields mean "not known". Training records are in their own file (see
/// training_from_csv()).
/// @param text the CSV text
/// @param source a file name for error messages
/// @return the link workers, in row order
/// @throws parse_error naming the source, line, column and rule: bad CSV, a missing
///         required column, a bad value, a worker id that appears twice.
[[nodiscard]] std::vector<link_worker> link_workers_from_csv(std::string_view text, std::string source = {});

/// @brief Reads link workers from CSV text as link_workers_from_csv() does, but collects
/// every row's error instead of throwing the first.
///
/// A row with an error gives one error, the one link_workers_from_csv() would throw for it
/// (same message, line and column), and is left out; bad CSV or a missing required column
/// stops the file there (see csv_diagnostics).
/// @code
/// const auto checked = kulkija::check_link_workers_csv(text, "link_workers.csv");
/// for (const auto& e : checked.diagnostics.errors) std::cerr << e.line() << ':' << e.what() << '\n';
/// @endcode
/// @param text the CSV text
/// @param source a file name for error messages
/// @param max_errors how many errors to keep; the rest are counted in `more_errors`
/// @return the good link workers, in row order, and the errors
[[nodiscard]] csv_checked<link_worker> check_link_workers_csv(std::string_view text, std::string source = {},
                                                              std::size_t max_errors = csv_error_limit);

/// @brief Reads a link-worker CSV file (see link_workers_from_csv()).
/// @param path the file
/// @return the link workers
/// @throws not_found when the file cannot be opened; parse_error as link_workers_from_csv().
[[nodiscard]] std::vector<link_worker> read_link_workers_csv(const std::filesystem::path& path);

/// @brief Writes link workers as CSV in the layout link_workers_from_csv() reads, every column
/// present; reading the text back gives equal workers.
/// @param workers the link workers
/// @return the CSV text
[[nodiscard]] std::string link_workers_to_csv(std::span<const link_worker> workers);

/// @}

}  // namespace kulkija
