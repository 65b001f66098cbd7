#pragma once
// Timestamps with their fraction of a second, for the formats that keep it (FHIR, CSV).
// parse_timestamp() reads a fraction but drops it and format_timestamp() writes whole
// seconds; these keep microseconds.

#include <cstdio>
#include <string>
#include <string_view>

#include "kulkija/core/date.hpp"

namespace kulkija::detail {

// As format_timestamp(), with `.ffffff` (trailing zeros dropped) when the fraction is not zero.
inline std::string format_timestamp_precise(timestamp t) {
  std::string text = format_timestamp(t);
  const auto fraction = t.time_of_day().fractional_seconds();
  if (fraction != 0) {
    const auto micro = fraction * 1000000 / boost::posix_time::time_duration::ticks_per_second();
    char digits[16];
    std::snprintf(digits, sizeof digits, ".%06lld", static_cast<long long>(micro));
    std::string f(digits);
    while (f.back() == '0') f.pop_back();
    text.insert(text.size() - 1, f);
  }
  return text;
}

// As parse_timestamp(), keeping up to six digits of the fraction of a second.
inline timestamp parse_timestamp_precise(std::string_view text) {
  timestamp t = parse_timestamp(text);
  const std::size_t dot = 19;  // YYYY-MM-DDThh:mm:ss.
  if (text.size() > dot + 1 && (text[dot] == '.' || text[dot] == ',')) {
    long long micro = 0;
    int digits = 0;
    for (std::size_t pos = dot + 1; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos) {
      if (digits == 6) break;
      micro = micro * 10 + (text[pos] - '0');
      ++digits;
    }
    for (; digits < 6; ++digits) micro *= 10;
    t += boost::posix_time::microseconds(micro);
  }
  return t;
}

}  // namespace kulkija::detail
