#pragma once
// Internal to the compiled library: score_pair() with the reasons' texts optional, so that
// scoring every pair of a large region builds no strings (match.cpp explains the matches).

#include <optional>

#include "kulkija/matching/score.hpp"

namespace kulkija::detail {

// As kulkija::score_pair(); with `explain` false every component's reason is left empty.
match_score score_pair(const matching_policy& policy, const matching_client& c, const link_worker& w, date on,
                       std::optional<double> travel_minutes, bool explain);

}  // namespace kulkija::detail
