#pragma once
// Internal: the identity-code check of text that may hold UUIDs (FHIR ids and `urn:uuid:`
// references). A UUID's hexadecimal groups can take the shape of a personal identity code
// (`091226c336f` reads as day 09, month 12, century sign C): they are masked before
// kulkija::contains_identity_code() looks at the rest.

#include <cstddef>
#include <string>
#include <string_view>

#include "kulkija/core/text.hpp"

namespace kulkija::detail {

// `text` with every UUID (8-4-4-4-12 hexadecimal digits) written as `x`s.
inline std::string mask_uuids(std::string_view text) {
  const auto hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
  constexpr std::size_t n = 36;
  std::string out(text);
  for (std::size_t i = 0; i + n <= out.size(); ++i) {
    bool uuid = true;
    for (std::size_t k = 0; k < n && uuid; ++k) {
      const bool dash = k == 8 || k == 13 || k == 18 || k == 23;
      uuid = dash ? out[i + k] == '-' : hex(out[i + k]);
    }
    if (!uuid) continue;
    for (std::size_t k = 0; k < n; ++k) {
      if (out[i + k] != '-') out[i + k] = 'x';
    }
    i += n - 1;
  }
  return out;
}

// Whether `text` holds something shaped like a personal identity code outside its UUIDs.
inline bool holds_identity_code(std::string_view text) { return contains_identity_code(mask_uuids(text)); }

}  // namespace kulkija::detail
