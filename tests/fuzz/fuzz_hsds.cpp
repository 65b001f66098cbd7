// HSDS 3.0 import: reading never crashes and throws only kulkija errors; a catalogue that
// imports exports to HSDS that imports back to an equal catalogue.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kulkija/core/error.hpp"
#include "kulkija/interop/hsds.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto imported = kulkija::catalogue_from_hsds(text);
    const auto again = kulkija::catalogue_from_hsds(kulkija::catalogue_to_hsds(imported.catalogue));
    if (!(again.catalogue == imported.catalogue)) std::abort();
  } catch (const kulkija::error&) {
  }
  return 0;
}
