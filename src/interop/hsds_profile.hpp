#pragma once
// Internal to the HSDS reader and writer (src/interop/hsds_*.cpp): what both share. Not installed.

#include <nlohmann/json.hpp>

#include <string_view>

namespace kulkija::detail::hsds {

// HSDS documents keep their members in order.
using json = nlohmann::ordered_json;

// The taxonomy of kulkija's own attributes (organisation kind, municipality, categories, ...).
inline constexpr std::string_view kulkija_taxonomy = "kulkija";

}  // namespace kulkija::detail::hsds
