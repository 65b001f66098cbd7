#pragma once
// kulkija-forwarding-header
// Deprecated: moved to kulkija/matching/reassignment.hpp; this forwarding header goes in the next release.
/// @file
/// @brief Deprecated forwarding header: include kulkija/matching/reassignment.hpp instead
/// (reassignment runs the matching, so it sits in the matching area).

#include "kulkija/matching/reassignment.hpp"
