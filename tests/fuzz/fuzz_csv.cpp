// CSV: the parser never crashes, throws only kulkija::parse_error, and what csv_row() writes
// reads back to the same fields.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kulkija/core/error.hpp"
#include "kulkija/interop/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const kulkija::csv_table table = kulkija::parse_csv(text);
    std::string written = kulkija::csv_row(table.header());
    for (const auto& row : table.rows()) written += kulkija::csv_row(row);
    const kulkija::csv_table again = kulkija::parse_csv(written);
    // Blank data rows (a single empty field) are skipped on reading, so compare the rest.
    if (again.header() != table.header()) std::abort();
    std::size_t j = 0;
    for (const auto& row : table.rows()) {
      if (row.size() == 1 && row.front().empty()) continue;
      if (j >= again.rows().size() || again.rows()[j] != row) std::abort();
      ++j;
    }
  } catch (const kulkija::parse_error&) {
  }
  return 0;
}
