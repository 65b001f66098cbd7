#pragma once
// Output of the tool: tables rendered as aligned text, CSV or JSON, numbers, and the
// progress bar.
#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/region/report.hpp"

namespace kulkija_tool {

enum class output_format { table, csv, json };

// A table of strings (the library's report_table); columns marked numeric are
// right-aligned and written as JSON numbers.
using table = kulkija::report_table;

std::string render(const table& t, output_format f);
// Several tables: text and CSV one after another (CSV separated by a blank line), JSON as
// an object keyed by each table's key.
std::string render(const std::vector<std::pair<std::string, table>>& tables, output_format f);

std::string pad(std::string_view text, std::size_t width);
std::size_t text_width(std::string_view text);

// A progress bar on stderr, drawn only when stdout is a terminal.
class progress_bar {
 public:
  progress_bar();
  ~progress_bar();
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;
  void update(const std::string& stage, std::size_t done, std::size_t total);
  [[nodiscard]] bool active() const noexcept { return active_; }

 private:
  bool active_;
  bool drawn_ = false;
  std::string last_;
};

}  // namespace kulkija_tool
