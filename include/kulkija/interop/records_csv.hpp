#pragma once
/// @file
/// @brief CSV export and import of clients, professionals and referrals (with their
/// events), in the column layout of a region's data folder (see read_region_csv()).

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/interop/csv.hpp"
#include "kulkija/interop/region_csv.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/professional.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup interop
/// @{

/// @brief Writes clients as `clients.csv` text, one row per client, in the given order.
///
/// Columns: `client_id, birth_year, municipality, languages, living_situation, needs`
/// (the layout read_region_csv() reads), then `birth_date, goals, worker_gender,
/// meeting_modes, times, interests`, which clients_from_csv() reads when present. Lists
/// are separated by `;`; inside `goals` and `interests`, a `;` in the text is written `\;`
/// and a backslash `\\`. Empty optional values are empty fields. Municipalities are
/// three-digit codes, dates and times ISO 8601.
/// @param clients the clients
/// @return the CSV text, header first, rows ending in `\n`
[[nodiscard]] std::string clients_to_csv(std::span<const client> clients);

/// @brief Reads clients from `clients.csv` text in the layout of clients_to_csv(); the six
/// columns of read_region_csv() are required, the others optional.
/// @param text the CSV text
/// @param source the file name for error messages (may be empty)
/// @return the clients, in file order
/// @throws parse_error naming the source, the line, the column and the rule: bad CSV
///         (parse_csv), a missing column, a bad value (the id of the value's own error, e.g.
///         invalid_municipality, parse_enum, personal_data), or a client id that appears twice.
[[nodiscard]] std::vector<client> clients_from_csv(std::string_view text, std::string source = {});

/// @brief Reads clients from `clients.csv` text as clients_from_csv() does, but collects
/// every row's error instead of throwing the first.
///
/// A row with an error gives one error, the one clients_from_csv() would throw for it
/// (same message, line and column), and is left out; bad CSV or a missing column stops the
/// file there (see csv_diagnostics).
/// @param text the CSV text
/// @param source the file name for error messages (may be empty)
/// @param max_errors how many errors to keep; the rest are counted in `more_errors`
/// @return the good clients, in file order, and the errors
[[nodiscard]] csv_checked<client> check_clients_csv(std::string_view text, std::string source = {},
                                                    std::size_t max_errors = csv_error_limit);

/// @brief Writes professionals as `professionals.csv` text:
/// `professional_id, sector, organisation, title`.
/// @param professionals the professionals
/// @return the CSV text
[[nodiscard]] std::string professionals_to_csv(std::span<const professional> professionals);

/// @brief Reads professionals from `professionals.csv` text (layout of professionals_to_csv()).
/// @param text the CSV text
/// @param source the file name for error messages (may be empty)
/// @return the professionals, in file order
/// @throws parse_error naming the source, the line, the column and the rule, as clients_from_csv().
[[nodiscard]] std::vector<professional> professionals_from_csv(std::string_view text, std::string source = {});

/// @brief Reads professionals from `professionals.csv` text as professionals_from_csv()
/// does, but collects every row's error instead of throwing the first (see
/// check_clients_csv()).
/// @param text the CSV text
/// @param source the file name for error messages (may be empty)
/// @param max_errors how many errors to keep; the rest are counted in `more_errors`
/// @return the good professionals, in file order, and the errors
[[nodiscard]] csv_checked<professional> check_professionals_csv(std::string_view text, std::string source = {},
                                                                std::size_t max_errors = csv_error_limit);

/// @brief Writes referrals as `referrals.csv` text, one row per referral:
/// `referral_id, client_id, professional_id, needs, priority, consent_given_at`, then the
/// derived, read-only columns `state, issued_at, link_worker_id, last_event_at` for analysts
/// (readers ignore them; the state comes from replaying `events.csv`).
/// @param referrals the referrals
/// @return the CSV text
[[nodiscard]] std::string referrals_to_csv(std::span<const referral> referrals);

/// @brief Writes the referrals' histories as `events.csv` text, one row per history entry,
/// each referral's events in order: `referral_id, event, at, role, actor_id, reason,
/// link_worker_id, note`, then the derived columns `from_state, to_state`.
/// @param referrals the referrals
/// @return the CSV text
[[nodiscard]] std::string events_to_csv(std::span<const referral> referrals);

/// @brief The clients and professionals that `referrals` refer to (each once, in order of
/// first use) and the referrals themselves, ready for write_region_csv().
/// @param referrals the referrals
/// @return the records
/// @throws invalid_argument (id invalid_id) naming `referrals` when two referrals have the
///         same id, or when two referrals carry different data for the same client or
///         professional id (a folder holds one row per client and per professional).
[[nodiscard]] region_records region_records_of(std::span<const referral> referrals);

/// @brief Writes a region's data folder: `clients.csv`, `professionals.csv`,
/// `referrals.csv` and `events.csv` (created or replaced), which read_region_csv() and
/// read_referrals_csv() read back.
/// @param dir the folder; created when missing
/// @param records the records; every referral's client and referrer must be among them
/// @throws invalid_argument (id invalid_id) naming `records` when a referral's client or
///         professional is missing from `records`; not_found when a file cannot be written.
void write_region_csv(const std::filesystem::path& dir, const region_records& records);

/// @brief Reads the referrals of a region's data folder: `read_region_csv(dir).referrals`.
///
/// Each referral's client is complete (read_region_csv() reads the optional columns of
/// `clients.csv` too: birth date, goals, preferences), so write_region_csv() followed by
/// read_referrals_csv() gives equal referrals.
/// @param dir the folder, or its `referrals.csv`
/// @return the referrals, in file order
/// @throws parse_error and not_found as read_region_csv() and clients_from_csv().
[[nodiscard]] std::vector<referral> read_referrals_csv(const std::filesystem::path& dir);

/// @brief Reads a `clients.csv` file (see clients_from_csv()).
/// @param file the file
/// @return the clients
/// @throws not_found when the file cannot be opened; parse_error as clients_from_csv().
[[nodiscard]] std::vector<client> read_clients_csv(const std::filesystem::path& file);

/// @brief Reads a `professionals.csv` file (see professionals_from_csv()).
/// @param file the file
/// @return the professionals
/// @throws not_found when the file cannot be opened; parse_error as professionals_from_csv().
[[nodiscard]] std::vector<professional> read_professionals_csv(const std::filesystem::path& file);

/// @}

}  // namespace kulkija
