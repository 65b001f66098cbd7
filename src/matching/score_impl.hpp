#pragma once
// Internal to the compiled library: score_pair() with the reasons' texts optional, so that
// scoring every pair of a large region builds no strings (match.cpp explains the matches),
// and with what the workforce policy makes of a worker computed once per worker.

#include <optional>
#include <vector>

#include "kulkija/matching/score.hpp"

namespace kulkija::detail {

// What the policy makes of one worker on one day, the same for every client.
struct worker_facts {
  unsigned exclusions = 0;                  // bit e: worker-level match_exclusion e fails (switches applied)
  int capacity = 0;                         // effective_capacity()
  int free_places = 0;                      // effective_free_places()
  std::vector<meeting_mode> modes;          // effective_meeting_modes()
  std::vector<specialism> specialisms;      // effective_specialisms()
};

worker_facts facts_of(const matching_policy& policy, const link_worker& w, date on);

// As kulkija::score_pair() with the worker's facts given; with `explain` false every
// component's reason is left empty.
match_score score_pair(const matching_policy& policy, const matching_client& c, const link_worker& w,
                       const worker_facts& facts, std::optional<double> travel_minutes, bool explain);

}  // namespace kulkija::detail
