#pragma once
// Internal to the compiled library: reading the rows of a CSV table field by field, with
// every error re-thrown as a parse_error naming the file, the line and the column, or, in
// collecting mode, recorded in a csv_diagnostics so that the next row is read too.

#include <charconv>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/error.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/interop/csv.hpp"

namespace kulkija::detail {

// Splits a `sep`-separated list, trimming spaces around items and skipping empty ones.
inline std::vector<std::string> split_list(std::string_view field, char sep = ';') {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= field.size()) {
    const std::size_t end = std::min(field.find(sep, start), field.size());
    const std::string_view item = field.substr(start, end - start);
    const auto first = item.find_first_not_of(' ');
    if (first != std::string_view::npos) out.emplace_back(item.substr(first, item.find_last_not_of(' ') - first + 1));
    start = end + 1;
  }
  return out;
}

// A whole number, all of the field.
inline int parse_whole_number(std::string_view field) {
  int value = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (field.empty() || ec != std::errc{} || end != field.data() + field.size()) {
    throw parse_error(error_id::parse_syntax, "expected a whole number, got " + quote(field));
  }
  return value;
}

// Adds `e` to `d`, or only counts it once `d` holds `limit` errors.
inline void add_error(csv_diagnostics& d, const parse_error& e, std::size_t limit) {
  if (d.errors.size() < limit) {
    d.errors.push_back(e);
  } else {
    ++d.more_errors;
  }
}

// Runs `read` (which reads a whole file, its rows through a csv_rows collecting into the
// diagnostics passed) and records a parse_error that stops the file (bad CSV, a missing
// column) as the file's last error. The rows are what `read` returned, or none.
template <class Row, class Read>
csv_checked<Row> check_file(std::string source, std::size_t limit, Read read) {
  csv_checked<Row> out;
  out.diagnostics.source = std::move(source);
  try {
    out.rows = read(out.diagnostics);
  } catch (const parse_error& e) {
    add_error(out.diagnostics, e, limit);
  }
  return out;
}

// Reads a table row by row. Inside each(), get() marks the column being read, so that a
// kulkija error becomes `column 'x': <its message>` at that row's line and column. Given a
// csv_diagnostics, each() records a row's error there and goes on with the next row; a
// missing column still stops it (every row would repeat the error).
class csv_rows {
 public:
  explicit csv_rows(csv_table table, csv_diagnostics* collect = nullptr, std::size_t limit = csv_error_limit)
      : table_(std::move(table)), collect_(collect), limit_(limit) {}

  void each(const std::function<void()>& read_row) {
    for (row_ = 0; row_ < table_.rows().size(); ++row_) {
      column_.clear();
      missing_column_ = false;
      try {
        read_row();
      } catch (const error& e) {
        const std::string where = column_.empty() ? std::string{} : "column '" + column_ + "': ";
        const bool known = !column_.empty() && table_.has_column(column_);
        parse_error located(e.id(), where + std::string(e.message()), table_.line_of(row_),
                            known ? table_.column(column_) + 1 : 0, table_.source());
        if (collect_ == nullptr || missing_column_) throw located;
        add_error(*collect_, located, limit_);
      }
    }
  }

  // The field of column `name` in the current row; errors from here on name that column.
  const std::string& get(const std::string& name) {
    column_ = name;
    missing_column_ = !table_.has_column(name);  // column() throws below: the file lacks it
    return table_.rows()[row_][table_.column(name)];
  }

  // The field of an optional column, or nothing when the table lacks the column.
  std::optional<std::string> optional(const std::string& name) {
    column_ = name;
    if (!table_.has_column(name)) return std::nullopt;
    return get(name);
  }

  // The field of an optional column, empty when the table lacks the column.
  std::string get_or_empty(const std::string& name) { return optional(name).value_or(std::string{}); }

  // Errors from here on name column `name` (or no column, when empty) without reading it.
  void mark(std::string name) { column_ = std::move(name); }

  // Fails, naming the missing column, unless the table has every column in `names`.
  void require(std::initializer_list<const char*> names) const {
    for (const char* n : names) (void)table_.column(n);
  }

 private:
  csv_table table_;
  csv_diagnostics* collect_ = nullptr;
  std::size_t limit_ = csv_error_limit;
  std::size_t row_ = 0;
  std::string column_;
  bool missing_column_ = false;
};

// Reads one client row in the layout of clients_to_csv(): the six columns of a region's
// clients.csv, then the optional ones when the table has them. Shared by clients_from_csv()
// and the region reader, so that a region's clients are the same clients.
client read_client_row(csv_rows& r);

}  // namespace kulkija::detail
