#pragma once
// Internal to the compiled library: reading the rows of a CSV table field by field, with
// every error re-thrown as a parse_error naming the file, the line and the column.

#include <charconv>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/error.hpp"
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

// Reads a table row by row. Inside each(), get() marks the column being read, so that a
// kulkija error becomes `column 'x': <its message>` at that row's line and column.
class csv_rows {
 public:
  explicit csv_rows(csv_table table) : table_(std::move(table)) {}

  void each(const std::function<void()>& read_row) {
    for (row_ = 0; row_ < table_.rows().size(); ++row_) {
      column_.clear();
      try {
        read_row();
      } catch (const error& e) {
        const std::string where = column_.empty() ? std::string{} : "column '" + column_ + "': ";
        const bool known = !column_.empty() && table_.has_column(column_);
        throw parse_error(e.id(), where + std::string(e.message()), table_.line_of(row_),
                          known ? table_.column(column_) + 1 : 0, table_.source());
      }
    }
  }

  // The field of column `name` in the current row; errors from here on name that column.
  const std::string& get(const std::string& name) {
    column_ = name;
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
  std::size_t row_ = 0;
  std::string column_;
};

}  // namespace kulkija::detail
