#pragma once
/// @file
/// @brief Link workers' training records as CSV (`training.csv` of a region folder).

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/id.hpp"
#include "kulkija/interop/csv.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/workforce/training.hpp"

namespace kulkija {

/// @addtogroup interop
/// @{

/// @brief One row of a training CSV: a worker's training record.
struct worker_training {
  link_worker_id worker;   ///< whose record
  training_record record;  ///< the record
  /// @brief Rows are equal when both fields are equal.
  friend bool operator==(const worker_training&, const worker_training&) = default;
};

/// @brief Reads training records from CSV text.
///
/// Columns: `worker`, `course`, `completed_on`, `competences` (codes of kulkija::competence
/// separated by `;`), and optionally `valid_until` (empty: the course does not lapse).
/// @code
/// worker,course,completed_on,valid_until,competences
/// LW-01,Linkkityön peruskurssi,2025-09-12,2027-09-11,link_work
/// LW-01,Ikäihmisten kohtaaminen,2025-11-03,,older_people;mental_wellbeing
/// @endcode
/// @param text the CSV text
/// @param source a file name for error messages
/// @param known the link workers the records must belong to; empty: any worker
/// @return the rows, in order
/// @throws parse_error naming the source, the line, the column and the rule: bad CSV, a
///         missing required column, a bad id, date or competence code, a record that breaks
///         a rule of validate(const training_record&), or (with `known`) a worker that is
///         not among them.
[[nodiscard]] std::vector<worker_training> training_from_csv(std::string_view text, std::string source = {},
                                                             std::span<const link_worker> known = {});

/// @brief Reads training records from CSV text as training_from_csv() does, but collects
/// every row's error instead of throwing the first.
///
/// A row with an error gives one error, the one training_from_csv() would throw for it
/// (same message, line and column), and is left out; bad CSV or a missing required column
/// stops the file there (see csv_diagnostics).
/// @param text the CSV text
/// @param source a file name for error messages
/// @param known the link workers the records must belong to; empty: any worker
/// @param max_errors how many errors to keep; the rest are counted in `more_errors`
/// @return the good rows, in order, and the errors
[[nodiscard]] csv_checked<worker_training> check_training_csv(std::string_view text, std::string source = {},
                                                              std::span<const link_worker> known = {},
                                                              std::size_t max_errors = csv_error_limit);

/// @brief Reads a training CSV file (see training_from_csv()).
/// @param path the file
/// @param known the link workers the records must belong to; empty: any worker
/// @return the rows
/// @throws not_found when the file cannot be opened; parse_error as training_from_csv().
[[nodiscard]] std::vector<worker_training> read_training_csv(const std::filesystem::path& path,
                                                             std::span<const link_worker> known = {});

/// @brief Writes every worker's training records as CSV in the layout training_from_csv()
/// reads, worker by worker in the order given; reading it back gives the same records.
/// @param workers the link workers
/// @return the CSV text
[[nodiscard]] std::string training_to_csv(std::span<const link_worker> workers);

/// @brief Adds training records to the workers they belong to, after each worker's own.
///
/// All or nothing: every row is checked first, and the workers are changed only when every
/// row belongs to one of them.
/// @param workers the link workers
/// @param rows the rows
/// @throws not_found naming the first worker id that is not among `workers`.
void add_training(std::span<link_worker> workers, std::span<const worker_training> rows);

/// @}

}  // namespace kulkija
