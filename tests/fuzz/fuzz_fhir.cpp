// FHIR import: reading never crashes and throws only kulkija errors; referrals that import
// export to a Bundle that imports back to equal referrals.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kulkija/core/error.hpp"
#include "kulkija/interop/fhir.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto referrals = kulkija::from_fhir_bundle(text);
    if (kulkija::from_fhir_bundle(kulkija::to_fhir_bundle(referrals)) != referrals) std::abort();
  } catch (const kulkija::error&) {
  }
  return 0;
}
