#pragma once
/// @file
/// @brief RFC 4180 CSV reading and writing, the base of kulkija's CSV import and export.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

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
