#pragma once
/// @file
/// @brief Applying a matching to the referrals: an `accept` (for a referral still
/// requested) and an `assign` to the matched worker, through the lifecycle's guards, with
/// every failure reported.

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/matching/match.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief A match applied to its referral.
struct applied_match {
  std::size_t match = 0;     ///< the position in match_result::matched
  std::size_t referral = 0;  ///< the referral's position in the referrals
  link_worker_id worker;     ///< the worker assigned
  bool accepted = false;     ///< an `accept` was applied before the `assign` (the referral was requested)
  /// @brief Entries are equal when every field is equal.
  friend bool operator==(const applied_match&, const applied_match&) = default;
};

/// @brief A match that could not be applied, and why; its referral is unchanged.
struct failed_match {
  std::size_t match = 0;     ///< the position in match_result::matched
  std::size_t referral = 0;  ///< the referral's position in the referrals
  link_worker_id worker;     ///< the worker matched
  error_id id = error_id::transition_not_allowed;  ///< the error's stable id
  std::string reason;        ///< the error's message (e.g. the lifecycle guard that failed)
  /// @brief Entries are equal when every field is equal.
  friend bool operator==(const failed_match&, const failed_match&) = default;
};

/// @brief What apply_matches() did.
struct apply_matches_result {
  std::vector<applied_match> applied;  ///< the matches applied, in match order
  std::vector<failed_match> failed;    ///< the matches refused, in match order
  /// @brief Results are equal when every field is equal.
  friend bool operator==(const apply_matches_result&, const apply_matches_result&) = default;
};

/// @brief Applies a matching to the referrals it was made for.
///
/// For each matched pair, in order, the referral `referrals[waiting[pair.client_index]]`
/// gets, when its state is `requested`, an `accept` by `coordinator` at `at` (no reason,
/// no note), then an `assign` by `coordinator` at `at` plus one minute, naming the matched
/// worker, with `note`. Each referral's events apply all or nothing: they are checked and
/// applied on a copy, and the referral is replaced only when every one succeeds. A
/// referral whose lifecycle refuses an event (another state, an event later than `at`, a
/// second match of the same referral) is left unchanged and reported in
/// apply_matches_result::failed with the error; the other matches still apply.
/// @code
/// using namespace kulkija;
/// const auto result = match(policy, clients, workers, day);
/// const auto applied = apply_matches(referrals, result, waiting, {actor_role::coordinator, "kulkija"},
///                                    timestamp(day, boost::posix_time::hours(10)), "matched by kulkija run");
/// for (const auto& f : applied.failed) std::cerr << referrals[f.referral].id() << ": " << f.reason << '\n';
/// @endcode
/// @param referrals the referrals to change
/// @param result the matching (match() or stable_match())
/// @param waiting for each matching client, the position of its referral in `referrals`
/// @param coordinator who accepts and assigns (role `coordinator`)
/// @param at when the referral is accepted; the assignment follows a minute later
/// @param note the assignment's note (free text, at most 2,000 bytes)
/// @return the matches applied and those refused
/// @throws invalid_argument naming `result.matched[i].client_index` (not a client of
///         `waiting`) or `waiting[i]` (not a referral of `referrals`), before any change.
apply_matches_result apply_matches(std::span<referral> referrals, const match_result& result,
                                   std::span<const std::size_t> waiting, const actor& coordinator, timestamp at,
                                   const std::string& note = "");

/// @}

}  // namespace kulkija
