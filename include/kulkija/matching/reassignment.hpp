#pragma once
/// @file
/// @brief Reassignment when a link worker leaves or goes on leave, and the return of the
/// clients after the leave: planned with the matching, explained, and applied to the
/// referrals' histories all or nothing.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/geo.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/score.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief One referral's planned move from one link worker to another.
struct reassignment {
  referral_id referral;                ///< the referral
  client_id client;                    ///< the client's pseudonym
  link_worker_id from;                 ///< the referral's link worker now
  std::optional<link_worker_id> to;    ///< the new link worker; nothing when none can take the client
  bool continuity = false;             ///< `to` is a worker the client had before on this referral
  std::optional<match_score> score;    ///< the explained score of the client with `to`
  localized_text reason;               ///< why, in fi, sv and en
  /// @brief Moves are equal when every field is equal.
  friend bool operator==(const reassignment&, const reassignment&) = default;
};

/// @brief A plan of reassignments for one worker's clients.
struct reassignment_plan {
  link_worker_id worker;     ///< the worker who leaves, goes on leave, or returns from leave
  reason_code reason = reason_code::worker_left;  ///< the reason each `reassign` event records
  date on;                   ///< the day planned for (matching, training and supervision on this day)
  std::vector<reassignment> moves;                ///< one per affected referral, in the order of the referrals given
  std::vector<worker_standing> excluded_workers;  ///< the workers who could take no client on the day, with reasons
  /// @brief The number of moves that have a new worker.
  [[nodiscard]] std::size_t planned() const noexcept;
  /// @brief Plans are equal when every field is equal.
  friend bool operator==(const reassignment_plan&, const reassignment_plan&) = default;
};

/// @brief Plans new link workers for the clients of a worker who leaves or goes on leave.
///
/// The affected referrals are those in an active state (`assigned`, `in_progress`,
/// `on_hold`) whose link worker is `leaving`. Their clients are matched (match()) with the
/// other workers under the policy on `on`: the hard constraints, the workforce policy
/// (training, supervision, the kinds' caseload limits and meeting modes) and the workers'
/// free places hold, and `leaving` is never chosen. Priorities are 1 for routine, 2 for
/// urgent and 3 for asap referrals.
///
/// **Continuity** (continuity_policy): a client's *earlier worker* is the most recent other
/// worker the referral's history assigned. With `prefer_earlier_worker` that worker is the
/// client's previous worker in the matching (the continuity weight). With
/// `require_earlier_worker`, clients in order of priority and then of the referrals given
/// go to their earlier worker first, whenever that worker is allowed for the client and has
/// a free place; the others are then matched.
///
/// The workers' caseloads are taken as given (link_worker::caseload()). Distances are
/// haversine: a policy with the travel-time method, which needs a travel-time matrix, is
/// refused (as score_all() refuses it without one).
/// @param policy the matching policy
/// @param referrals the referrals (any states); their ids must be unique
/// @param workers the link workers, with their caseloads; `leaving` may be among them
/// @param leaving the worker who leaves or goes on leave
/// @param reason reason_code::worker_left or reason_code::worker_on_leave
/// @param on the day
/// @param locations where each referral's client meets, one per referral, or empty when
///        unknown
/// @return the plan, with each move explained
/// @throws invalid_argument naming `reason` (another reason), `on` (a special day),
///         `locations` (the wrong size), `referrals[i]` (an id that appears twice) or, as
///         score_all(), the policy's field or `travel` (the travel-time method).
[[nodiscard]] reassignment_plan plan_reassignment(const matching_policy& policy, std::span<const referral> referrals,
                                                  std::span<const link_worker> workers, const link_worker_id& leaving,
                                                  reason_code reason, date on,
                                                  std::span<const std::optional<geo_point>> locations = {});

/// @brief Plans the return of clients to a worker back from leave.
///
/// The candidates are the active referrals whose last assignment was a `reassign` with
/// reason `worker_on_leave` away from `returning`. With `continuity.return_after_leave`
/// each goes back when the returning worker is matchable on `on` (standing_of()), allowed
/// for the client by the hard constraints and has a free place (clients taken in order of
/// priority, then of the referrals given); the plan records reason_code::other. Without it,
/// or when the worker cannot take the client, the move has no new worker and says why.
/// @param policy the matching policy
/// @param referrals the referrals; their ids must be unique
/// @param workers the link workers, with their caseloads; `returning` must be among them
/// @param returning the worker back from leave
/// @param on the day
/// @return the plan
/// @throws not_found when `returning` is not among `workers`; invalid_argument naming `on`
///         or `referrals[i]` as plan_reassignment().
[[nodiscard]] reassignment_plan plan_return(const matching_policy& policy, std::span<const referral> referrals,
                                            std::span<const link_worker> workers, const link_worker_id& returning,
                                            date on);

/// @brief Applies a plan: for every move with a new worker, a `reassign` event by the
/// coordinator with the plan's reason, the new worker and the move's English reason as
/// the note (shortened to the note's 2,000 bytes).
///
/// All or nothing: the events are applied to copies, and only when every one of them
/// succeeds are the referrals replaced; when anything throws, no referral is changed.
/// @param plan the plan
/// @param referrals the referrals to change (their ids must be unique)
/// @param at when the events happen
/// @param coordinator the coordinator's id (may be empty)
/// @return the number of referrals reassigned
/// @throws not_found naming a referral of the plan that is not among `referrals`;
///         invalid_argument naming `moves[i].from` when the referral's link worker is no
///         longer the move's `from` (plan again), or `coordinator`; invalid_transition as
///         referral::apply() (e.g. `at` before the referral's last event).
std::size_t apply_reassignment(const reassignment_plan& plan, std::span<referral> referrals, timestamp at,
                               const std::string& coordinator);

/// @}

}  // namespace kulkija
