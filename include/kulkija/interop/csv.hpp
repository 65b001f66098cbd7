#pragma once
/// @file
/// @brief RFC 4180 CSV reading and writing, the base of kulkija's CSV import and export.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/error.hpp"

namespace kulkija {

/// @defgroup interop Interoperability
/// @brief Reading and writing referrals and catalogues: CSV, FHIR R4, Open Referral HSDS.
/// @{

/// @brief A CSV file read into memory: a header row and data rows of equal width.
class csv_table {
 public:
  /// @brief The column names from the header row.
  [[nodiscard]] const std::vector<std::string>& header() const noexcept { return header_; }
  /// @brief The data rows; each has header().size() fields.
  [[nodiscard]] const std::vector<std::vector<std::string>>& rows() const noexcept { return rows_; }
  /// @brief The 1-based line in the text where data row `row` starts (for error messages).
  /// @param row 0-based index into rows()
  [[nodiscard]] std::size_t line_of(std::size_t row) const { return lines_.at(row); }
  /// @brief The 0-based index of column `name`.
  /// @param name the column name
  /// @throws parse_error (id parse_csv) naming the missing column and the columns present.
  [[nodiscard]] std::size_t column(std::string_view name) const;
  /// @brief Whether the header has a column `name`.
  /// @param name the column name
  [[nodiscard]] bool has_column(std::string_view name) const noexcept;
  /// @brief The source name given to the parser (file name or empty).
  [[nodiscard]] const std::string& source() const noexcept { return source_; }

 private:
  friend csv_table parse_csv(std::string_view text, std::string source);
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::size_t> lines_;
  std::string source_;
};

/// @brief How many errors a collecting CSV reader keeps per file by default; the rest are
/// only counted (csv_diagnostics::more_errors).
inline constexpr std::size_t csv_error_limit = 100;

/// @brief Every error found in one CSV file by a collecting reader (such as
/// check_link_workers_csv()), instead of the throwing reader's first.
///
/// Each row is read in full or not at all: a row with an error adds one error (its first
/// problem, with the same message, line and column as the throwing reader would throw) and
/// is left out of the rows; the next row is read as usual. A problem with the file as a
/// whole stops the file there and is its last error: malformed CSV (a misplaced or
/// unterminated quote, a row of the wrong width, see parse_csv()) or a missing column.
struct csv_diagnostics {
  std::string source;               ///< the file name given to the reader (may be empty)
  std::vector<parse_error> errors;  ///< the first errors, in file order, at most the limit given
  std::size_t more_errors = 0;      ///< errors found beyond the limit, counted but not kept
  /// @brief Whether the file had no error at all.
  [[nodiscard]] bool ok() const noexcept { return errors.empty() && more_errors == 0; }
  /// @brief The number of errors found, kept or not.
  [[nodiscard]] std::size_t count() const noexcept { return errors.size() + more_errors; }
};

/// @brief The result of a collecting CSV reader: the rows that were good, and the errors of
/// the others.
/// @tparam Row the type of a row read (for example link_worker)
template <class Row>
struct csv_checked {
  std::vector<Row> rows;        ///< the good rows, in file order
  csv_diagnostics diagnostics;  ///< every error found (see csv_diagnostics)
};

/// @brief Parses CSV text (RFC 4180: comma-separated, fields optionally in double quotes,
/// `""` for a quote inside a quoted field, line breaks inside quotes, CRLF or LF line
/// ends; a UTF-8 byte order mark is skipped; blank lines are ignored).
/// @param text the CSV text; the first row is the header
/// @param source a file name for error messages (may be empty)
/// @return the table
/// @throws parse_error (id parse_csv) with line and column: an unterminated or misplaced
///         quote, a row whose width differs from the header, an empty or duplicate column name.
[[nodiscard]] csv_table parse_csv(std::string_view text, std::string source = {});

/// @brief Reads and parses a CSV file.
/// @param path the file
/// @return the table
/// @throws not_found when the file cannot be opened; parse_error as parse_csv(), with the
///         file name as the error's path.
[[nodiscard]] csv_table read_csv_file(const std::filesystem::path& path);

/// @brief Quotes a field for CSV output when it needs it (comma, quote, line break,
/// leading or trailing space, or a leading UTF-8 byte order mark).
/// @param field the field text
/// @return the field, quoted where needed
[[nodiscard]] std::string csv_field(std::string_view field);

/// @brief Formats one CSV row: fields through csv_field(), joined by commas, ending in `\n`.
/// @param fields the fields
/// @return the row text
[[nodiscard]] std::string csv_row(const std::vector<std::string>& fields);

/// @}

}  // namespace kulkija
