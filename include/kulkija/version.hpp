#pragma once
/// @file
/// @brief The library's version.

/// @brief Major version of kulkija.
#define KULKIJA_VERSION_MAJOR 0
/// @brief Minor version of kulkija.
#define KULKIJA_VERSION_MINOR 1
/// @brief Patch version of kulkija.
#define KULKIJA_VERSION_PATCH 0

namespace kulkija {

/// @addtogroup core
/// @{

/// @brief The library's version as `major.minor.patch`.
inline constexpr const char* version_string = "0.1.0";

/// @}

}  // namespace kulkija
