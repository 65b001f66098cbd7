// Identity codes: validation never crashes; every valid code is caught by the shape detector
// that keeps codes out of ids, free text and messages, and never survives quote().
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/privacy/identity_code.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid = kulkija::is_valid_identity_code(text, true);
  if (valid && !kulkija::contains_identity_code(text)) std::abort();
  if (kulkija::contains_identity_code(text) && kulkija::quote(text) != "<redacted personal identity code>") {
    std::abort();
  }
  try {
    (void)kulkija::check_identity_code(text);
  } catch (const kulkija::invalid_argument& e) {
    // a code-shaped input never reaches the message (other text may appear in it by chance,
    // e.g. the fuzzer found "08] identit", which is part of the message itself)
    if (kulkija::contains_identity_code(text) && std::string(e.what()).find(text) != std::string::npos) std::abort();
  }
  return 0;
}
