// Dates and timestamps: parsing never crashes, throws only kulkija::parse_error, and a parsed
// value formats to text that parses back to the same value.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kulkija/core/date.hpp"
#include "kulkija/core/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const kulkija::date d = kulkija::parse_date(text);
    if (kulkija::parse_date(kulkija::format_date(d)) != d) std::abort();
  } catch (const kulkija::parse_error&) {
  }
  try {
    const kulkija::timestamp t = kulkija::parse_timestamp(text);
    const kulkija::timestamp again = kulkija::parse_timestamp(kulkija::format_timestamp(t));
    if (again != t) std::abort();
  } catch (const kulkija::parse_error&) {
  } catch (const kulkija::invalid_argument&) {
    // a timestamp before 1400-01-01 after the offset is applied cannot be formatted
  }
  return 0;
}
