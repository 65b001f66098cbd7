#pragma once
/// @file
/// @brief The workforce area's rules applied to a matchable link worker: what the workforce
/// policy makes of the worker's capacity, meeting modes and specialisms, and whether training
/// is valid and supervision current. Each function asks the workforce area through the
/// worker's workforce facts (link_worker::member()); the policy itself lives in
/// kulkija/workforce/policy.hpp.

#include <optional>
#include <span>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/fwd.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/workforce/policy.hpp"
#include "kulkija/workforce/standing.hpp"
#include "kulkija/workforce/training.hpp"
#include "kulkija/workforce/worker_kind.hpp"
#include "kulkija/workforce/workforce_group.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief The specialism a topic competence stands for, e.g. specialism::older_people for
/// competence::older_people; nothing for `link_work`, `peer_support`, `experience_expert`
/// and the language competences.
/// @param c the competence
/// @return the specialism, or nothing
[[nodiscard]] std::optional<specialism> specialism_of(competence c) noexcept;

/// @brief A worker's capacity under the policy: effective_capacity() of the worker's
/// workforce facts, `min(w.capacity(), policy.of(w.kind()).caseload_limit)`.
/// @param policy the workforce policy
/// @param w the worker
/// @return the capacity
[[nodiscard]] inline int effective_capacity(const workforce_policy& policy, const link_worker& w) noexcept {
  return effective_capacity(policy, w.member());
}

/// @brief A worker's free places under the policy: effective_free_places() of the worker's
/// workforce facts.
/// @param policy the workforce policy
/// @param w the worker
/// @return the free places
[[nodiscard]] inline int effective_free_places(const workforce_policy& policy, const link_worker& w) noexcept {
  return effective_free_places(policy, w.member());
}

/// @brief The meeting modes a worker uses under the policy: effective_meeting_modes() of the
/// worker's workforce facts.
/// @param policy the workforce policy
/// @param w the worker
/// @return the modes, in the order of the worker's list (or the kind's)
[[nodiscard]] inline std::vector<meeting_mode> effective_meeting_modes(const workforce_policy& policy,
                                                                       const link_worker& w) {
  return effective_meeting_modes(policy, w.member());
}

/// @brief The specialisms the specialism score counts for a worker on `day`: the worker's own,
/// followed, when `training_adds_specialisms` is on, by the specialisms of the topic
/// competences of training valid on the day that are not among them.
/// @param policy the workforce policy
/// @param w the worker
/// @param day the day
/// @return the specialisms, each once
[[nodiscard]] std::vector<specialism> effective_specialisms(const workforce_policy& policy, const link_worker& w,
                                                            date day);

/// @brief The last day on which a worker's supervision is current: supervision_due() of the
/// worker's workforce facts.
/// @param policy the workforce policy
/// @param w the worker
/// @return the day, or nothing when never supervised
[[nodiscard]] inline std::optional<date> supervision_due(const workforce_policy& policy, const link_worker& w) {
  return supervision_due(policy, w.member());
}

/// @brief Whether a worker's supervision is current on `day`: supervision_current() of the
/// worker's workforce facts.
/// @param policy the workforce policy
/// @param w the worker
/// @param day the day
/// @return true when current
[[nodiscard]] inline bool supervision_current(const workforce_policy& policy, const link_worker& w, date day) {
  return supervision_current(policy, w.member(), day);
}

/// @brief The competences of the kind's required training that the worker does not hold on
/// `day`: missing_training() of the worker's workforce facts.
/// @param policy the workforce policy
/// @param w the worker
/// @param day the day
/// @return the missing competences; empty when the required training is valid
[[nodiscard]] inline std::vector<competence> missing_training(const workforce_policy& policy, const link_worker& w,
                                                              date day) {
  return missing_training(policy, w.member(), day);
}

/// @brief A region's link workers as the capacity simulation's groups: workforce_groups() of
/// the workers' workforce facts under the policy's workforce section and
/// standing_requirements_of() the policy.
///
/// Only the workers matchable on `on` count (standing_of(): active, and, where the policy
/// switches them on, with valid required training and current supervision), each with its
/// effective capacity (its own capacity cut to its kind's caseload limit); workers with no
/// places are left out. Workers of the same kind and capacity form one group, taking
/// clients from month 0; the groups come in the order of worker_kind, then capacity from the
/// largest. The simulation starts with empty caseloads, so `on` is usually the first day
/// of the horizon.
/// @param policy the matching policy (its workforce section and worker-level hard constraints)
/// @param workers the region's link workers
/// @param on the day whose standing counts
/// @return the groups
/// @throws invalid_argument as validate(const matching_policy&) does.
[[nodiscard]] std::vector<workforce_group> workforce_groups(const matching_policy& policy,
                                                            std::span<const link_worker> workers, date on);

/// @}

}  // namespace kulkija
