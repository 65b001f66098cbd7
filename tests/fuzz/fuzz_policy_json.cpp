// Support-period policy JSON: reading never crashes and throws only kulkija errors; a policy
// that reads writes to JSON that reads back to an equal policy.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kulkija/core/error.hpp"
#include "kulkija/support/policy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const kulkija::support_policy policy = kulkija::support_policy_from_json(text);
    if (kulkija::support_policy_from_json(kulkija::to_json(policy)) != policy) std::abort();
  } catch (const kulkija::error&) {
  }
  return 0;
}
