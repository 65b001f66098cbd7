// The rule language: parsing never crashes and throws only kulkija errors; an expression
// that parses prints to text that parses to the same text again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kulkija/core/error.hpp"
#include "kulkija/eligibility/client_record.hpp"
#include "kulkija/eligibility/expression.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto e = kulkija::expression::parse(text, kulkija::client_schema());
    const std::string printed = e.to_string();
    if (kulkija::expression::parse(printed, kulkija::client_schema()).to_string() != printed) std::abort();
  } catch (const kulkija::error&) {
  }
  return 0;
}
