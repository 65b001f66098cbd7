#pragma once
// kulkija-forwarding-header
// Deprecated: moved to kulkija/workforce/worker_kind.hpp; this forwarding header goes in the next release.
/// @file
/// @brief Deprecated forwarding header: include kulkija/workforce/worker_kind.hpp instead.

#include "kulkija/workforce/worker_kind.hpp"

