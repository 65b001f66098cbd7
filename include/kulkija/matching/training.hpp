#pragma once
// kulkija-forwarding-header
// Deprecated: moved to kulkija/workforce/training.hpp; this forwarding header goes in the next release.
/// @file
/// @brief Deprecated forwarding header: include kulkija/workforce/training.hpp instead.

#include "kulkija/workforce/training.hpp"

