#pragma once
// kulkija-forwarding-header
// Deprecated: moved to kulkija/workforce/capacity.hpp; this forwarding header goes in the next release.
// The workforce_groups() overload for link workers and a matching policy is in kulkija/matching/workforce.hpp.
/// @file
/// @brief Deprecated forwarding header: include kulkija/workforce/capacity.hpp (and
/// kulkija/matching/workforce.hpp for workforce_groups() of link workers) instead.

#include "kulkija/matching/link_worker.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/workforce.hpp"
#include "kulkija/workforce/capacity.hpp"
