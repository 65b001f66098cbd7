#pragma once
/// @file
/// @brief The workforce policy: per kind of link worker a caseload limit, the meeting modes,
/// the supervision interval and the required training; and how reassignment keeps
/// continuity. A region sets it as the `workforce` section of its matching policy.

#include <array>
#include <cstddef>
#include <vector>

#include "kulkija/referral/client.hpp"
#include "kulkija/workforce/training.hpp"
#include "kulkija/workforce/worker_kind.hpp"

namespace kulkija {

/// @addtogroup workforce
/// @{

/// @brief What a region allows and requires of one kind of link worker.
///
/// Read from JSON as one member of `workforce.kinds` (see matching_policy_from_json()).
struct kind_policy {
  /// @brief The most clients a worker of this kind walks alongside at once (0 to 1000). A
  /// worker's own capacity above it is cut to it: see effective_capacity().
  int caseload_limit = 50;
  /// @brief The meeting modes the kind may use, at least one, no duplicates. A worker's own
  /// modes are cut to these: see effective_meeting_modes().
  std::vector<meeting_mode> meeting_modes{meeting_mode::in_person, meeting_mode::home_visit, meeting_mode::phone,
                                          meeting_mode::video};
  /// @brief Supervision (työnohjaus) at least every this many days (1 to 366): a worker last
  /// supervised on day `s` is current up to and including `s + supervision_interval_days`.
  int supervision_interval_days = 42;
  /// @brief The competences a worker of this kind must hold through a training record valid
  /// on the day (no duplicates; empty: none required).
  std::vector<competence> required_training{competence::link_work};
  /// @brief Kind policies are equal when every field is equal.
  friend bool operator==(const kind_policy&, const kind_policy&) = default;
};

/// @brief How reassignment keeps a client with the people they know.
struct continuity_policy {
  /// @brief `continuity.prefer_earlier_worker`: when a referral is reassigned, a worker who
  /// walked with the client on it before (not the one leaving) scores the continuity weight.
  bool prefer_earlier_worker = true;
  /// @brief `continuity.require_earlier_worker`: such a worker, when matchable with a free
  /// place, takes the client before any other is considered.
  bool require_earlier_worker = false;
  /// @brief `continuity.return_after_leave`: after a leave, the worker's clients go back to
  /// them (plan_return()).
  bool return_after_leave = true;
  /// @brief Continuity policies are equal when every field is equal.
  friend bool operator==(const continuity_policy&, const continuity_policy&) = default;
};

/// @brief The workforce section of a matching policy (JSON member `workforce`).
///
/// **Defaults, and where they come from.** Supervision every 42 days for every kind: UK
/// practice is supervision every 4 to 6 weeks, and kulkija takes the longer end. The
/// professional's caseload limit of 50 clients at once is derived from NHS England's
/// description of a full-time social prescribing link worker's caseload, 200-250 people a
/// year with 6-12 contacts over about 12 weeks each (225 x 12 / 52 is about 52). Everything
/// else is kulkija's own choice, with no source behind it, for a region to replace: trained
/// volunteers at most 5 clients at once and peer supporters at most 3; volunteers and peer
/// supporters meet in person, by phone or by video but do not make home visits; every kind
/// must hold a valid basic link-worker course (competence::link_work); valid training adds
/// its topic competences to the worker's specialisms; continuity as in continuity_policy.
struct workforce_policy {
  /// @brief The policy of each kind, indexed by worker_kind.
  std::array<kind_policy, 3> kinds{
      kind_policy{},
      kind_policy{5, {meeting_mode::in_person, meeting_mode::phone, meeting_mode::video}, 42, {competence::link_work}},
      kind_policy{3, {meeting_mode::in_person, meeting_mode::phone, meeting_mode::video}, 42, {competence::link_work}},
  };
  /// @brief `workforce.training_adds_specialisms`: the topic competences of training valid on
  /// the day count as specialisms in the specialism score (effective_specialisms()).
  bool training_adds_specialisms = true;
  /// @brief How reassignment keeps continuity.
  continuity_policy continuity;

  /// @brief The policy of kind `k`.
  /// @param k the kind
  /// @return its policy
  [[nodiscard]] const kind_policy& of(worker_kind k) const noexcept { return kinds[static_cast<std::size_t>(k)]; }
  /// @brief The policy of kind `k`, to change.
  /// @param k the kind
  /// @return its policy
  [[nodiscard]] kind_policy& of(worker_kind k) noexcept { return kinds[static_cast<std::size_t>(k)]; }
  /// @brief Workforce policies are equal when every field is equal.
  friend bool operator==(const workforce_policy&, const workforce_policy&) = default;
};

/// @brief Checks a workforce policy.
///
/// Fields are named as in the JSON form, e.g. `workforce.kinds.volunteer.caseload_limit`.
/// @param policy the policy
/// @throws invalid_argument (id invalid_value) naming the field and the rule: a caseload
///         limit outside 0-1000, no meeting mode or one listed twice, a supervision interval
///         outside 1-366 days, a required competence listed twice.
void validate(const workforce_policy& policy);

/// @}

}  // namespace kulkija
