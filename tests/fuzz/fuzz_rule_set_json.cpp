// Rule-set JSON: reading never crashes and throws only kulkija errors.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kulkija/core/error.hpp"
#include "kulkija/eligibility/rule_set.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)kulkija::rule_set::from_json(text);
  } catch (const kulkija::error&) {
  }
  return 0;
}
