#pragma once
/// @file
/// @brief A worker's standing under the workforce policy: the capacity and meeting modes the
/// policy allows, whether training is valid and supervision current on a day, and whether
/// the worker can take clients on a day, with the reasons.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/workforce/member.hpp"
#include "kulkija/workforce/policy.hpp"
#include "kulkija/workforce/training.hpp"

namespace kulkija {

/// @addtogroup workforce
/// @{

/// @brief A worker's capacity under the policy: the worker's own capacity, cut to the kind's
/// caseload limit. The kind's limit is a ceiling the region sets; a worker who can take fewer
/// clients (part-time, a volunteer with little time) records a lower own capacity.
/// @param policy the workforce policy
/// @param m the worker
/// @return `min(m.capacity(), policy.of(m.kind()).caseload_limit)`
[[nodiscard]] int effective_capacity(const workforce_policy& policy, const workforce_member& m) noexcept;

/// @brief A worker's free places under the policy: effective_capacity() minus the caseload,
/// at least 0.
/// @param policy the workforce policy
/// @param m the worker
/// @return the free places
[[nodiscard]] int effective_free_places(const workforce_policy& policy, const workforce_member& m) noexcept;

/// @brief The meeting modes a worker uses under the policy: the worker's own modes that the
/// kind may use, or, when the worker lists none, all of the kind's modes. A worker who lists
/// only modes the kind may not use has none left and meets no client who states meeting-mode
/// preferences.
/// @param policy the workforce policy
/// @param m the worker
/// @return the modes, in the order of the worker's list (or the kind's)
[[nodiscard]] std::vector<meeting_mode> effective_meeting_modes(const workforce_policy& policy,
                                                                const workforce_member& m);

/// @brief The last day on which a worker's supervision is current: the last supervision plus
/// the kind's interval; nothing when the worker has never been supervised.
/// @param policy the workforce policy
/// @param m the worker
/// @return the day, or nothing
[[nodiscard]] std::optional<date> supervision_due(const workforce_policy& policy, const workforce_member& m);

/// @brief Whether a worker's supervision is current on `day`: supervised at some time, and
/// `day <= supervision_due()`. A last supervision after `day` counts as current (the worker
/// is in supervision).
/// @param policy the workforce policy
/// @param m the worker
/// @param day the day
/// @return true when current
[[nodiscard]] bool supervision_current(const workforce_policy& policy, const workforce_member& m, date day);

/// @brief The competences of the kind's required training that the worker does not hold
/// through a training record valid on `day`, in the order the policy lists them.
/// @param policy the workforce policy
/// @param m the worker
/// @param day the day
/// @return the missing competences; empty when the required training is valid
[[nodiscard]] std::vector<competence> missing_training(const workforce_policy& policy, const workforce_member& m,
                                                       date day);

/// @brief Which worker-level requirements a region enforces before a worker takes clients.
/// A matching policy sets them with `hard.active`, `hard.training_valid` and
/// `hard.supervision_current`.
struct standing_requirements {
  bool active = true;                ///< the worker is active on the day
  bool training_valid = false;       ///< the kind's required training is valid on the day
  bool supervision_current = false;  ///< supervised within the kind's interval
  /// @brief Requirements are equal when every field is equal.
  friend bool operator==(const standing_requirements&, const standing_requirements&) = default;
};

/// @brief A worker-level requirement that fails, so that the worker takes no clients on the
/// day.
enum class standing_issue : std::uint8_t {
  not_active,           ///< the worker does not take clients on the day
  training_not_valid,   ///< the worker's required training is missing or has lapsed on the day
  supervision_overdue,  ///< the worker's supervision is overdue on the day (or never recorded)
};
/// @brief Number of standing issues.
inline constexpr std::size_t standing_issue_count = 3;
/// @brief The code of a standing issue: `not_active`, `training_not_valid` or
/// `supervision_overdue` (the codes of the matching's exclusions of the same names).
/// @param i the issue
/// @return its code
[[nodiscard]] std::string_view to_string(standing_issue i) noexcept;

/// @brief A worker's standing on a day under the workforce policy: the requirements that
/// fail with their reasons and dates, and what the policy makes of the worker's capacity and
/// meeting modes.
struct workforce_standing {
  link_worker_id worker;                     ///< the worker
  date on;                                   ///< the day
  std::vector<standing_issue> issues;        ///< the requirements that fail, in standing_issue order
  std::vector<localized_text> reasons;       ///< one per issue, with the dates, in fi, sv and en
  int capacity = 0;                          ///< effective_capacity()
  int free_places = 0;                       ///< effective_free_places()
  std::vector<meeting_mode> meeting_modes;   ///< effective_meeting_modes()
  std::optional<date> supervision_due;       ///< the last day supervision is current, when ever supervised
  std::vector<competence> missing_training;  ///< required competences without valid training on the day
  /// @brief Whether the worker can take clients on the day: no requirement fails.
  [[nodiscard]] bool matchable() const noexcept { return issues.empty(); }
  /// @brief Standings are equal when every field is equal.
  friend bool operator==(const workforce_standing&, const workforce_standing&) = default;
};

/// @brief The requirements that fail for a worker on a day, without the reasons' texts.
/// @param policy the workforce policy
/// @param m the worker
/// @param on the day
/// @param required the requirements the region enforces
/// @return the failing requirements, in standing_issue order; empty when the worker can take clients
[[nodiscard]] std::vector<standing_issue> standing_issues(const workforce_policy& policy, const workforce_member& m,
                                                          date on, const standing_requirements& required = {});

/// @brief Whether a worker can take clients on a day: no requirement fails (standing_issues()
/// is empty).
/// @param policy the workforce policy
/// @param m the worker
/// @param on the day
/// @param required the requirements the region enforces
/// @return true when the worker is matchable on the day
[[nodiscard]] bool matchable_on(const workforce_policy& policy, const workforce_member& m, date on,
                                const standing_requirements& required = {});

/// @brief A worker's standing on a day, with the reasons in fi, sv and en.
///
/// Reasons say which course lapsed and when (`Required training 'Linkkityön peruskurssi'
/// (basic link-worker training) lapsed on 2026-10-31.`), that a required competence was
/// never trained or is completed only later, when supervision fell due (`Supervision
/// overdue: last on 2026-09-01, due by 2026-10-13 (every 42 days).`) or that none is
/// recorded, and the days a worker who is not active takes clients.
/// @param policy the workforce policy
/// @param m the worker
/// @param on the day
/// @param required the requirements the region enforces
/// @return the standing
/// @throws invalid_argument (id invalid_date) naming `on` when the day is special.
[[nodiscard]] workforce_standing standing_of(const workforce_policy& policy, const workforce_member& m, date on,
                                             const standing_requirements& required = {});

/// @}

}  // namespace kulkija
