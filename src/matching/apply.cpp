#include "kulkija/matching/apply.hpp"

#include <optional>
#include <utility>

namespace kulkija {

apply_matches_result apply_matches(std::span<referral> referrals, const match_result& result,
                                   std::span<const std::size_t> waiting, const actor& coordinator, timestamp at,
                                   const std::string& note) {
  for (std::size_t i = 0; i < waiting.size(); ++i) {
    if (waiting[i] >= referrals.size()) {
      throw invalid_argument(error_id::invalid_value, "waiting[" + std::to_string(i) + "]",
                             "must be the position of a referral (fewer than " + std::to_string(referrals.size()) +
                                 "), got " + std::to_string(waiting[i]));
    }
  }
  for (std::size_t i = 0; i < result.matched.size(); ++i) {
    if (result.matched[i].client_index >= waiting.size()) {
      throw invalid_argument(error_id::invalid_value, "result.matched[" + std::to_string(i) + "].client_index",
                             "must be a client of waiting (fewer than " + std::to_string(waiting.size()) + "), got " +
                                 std::to_string(result.matched[i].client_index));
    }
  }
  apply_matches_result out;
  for (std::size_t i = 0; i < result.matched.size(); ++i) {
    const matched_pair& m = result.matched[i];
    const std::size_t index = waiting[m.client_index];
    referral copy = referrals[index];
    const bool accept = copy.state() == referral_state::requested;
    try {
      if (accept) copy.apply({referral_event::accept, at, coordinator, std::nullopt, std::nullopt, ""});
      copy.apply({referral_event::assign, at + boost::posix_time::minutes(1), coordinator, std::nullopt, m.worker,
                  note});
    } catch (const error& e) {
      out.failed.push_back({i, index, m.worker, e.id(), std::string(e.message())});
      continue;
    }
    referrals[index] = std::move(copy);
    out.applied.push_back({i, index, m.worker, accept});
  }
  return out;
}

}  // namespace kulkija
