#pragma once
/// @file
/// @brief Capacity planning, whole: referral inflows (inflow.hpp), workforce groups
/// (workforce_group.hpp), the day-by-day simulation (capacity_simulation.hpp) and the search
/// for how many link workers a region needs (capacity_plan.hpp).

#include "kulkija/workforce/capacity_plan.hpp"
#include "kulkija/workforce/capacity_simulation.hpp"
#include "kulkija/workforce/inflow.hpp"
#include "kulkija/workforce/workforce_group.hpp"
