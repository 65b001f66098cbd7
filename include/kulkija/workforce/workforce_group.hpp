#pragma once
/// @file
/// @brief The workforce as a capacity simulation sees it: groups of link workers of one kind
/// with the same caseload limit, and the groups a region's workers form on a day.

#include <span>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/workforce/member.hpp"
#include "kulkija/workforce/policy.hpp"
#include "kulkija/workforce/standing.hpp"
#include "kulkija/workforce/worker_kind.hpp"

namespace kulkija {

/// @addtogroup workforce
/// @{

/// @brief A group of link workers of one kind with the same caseload limit, taking clients
/// from a given month on (a training cohort, say).
struct workforce_group {
  worker_kind kind = worker_kind::professional;  ///< what kind of link worker they are
  int workers = 1;          ///< how many (0-100000)
  int caseload_limit = 10;  ///< clients each holds at most at a time (1-1000): the group has `workers * caseload_limit` places
  int start_month = 0;      ///< the month (from 0) from whose first day they take clients
  /// @brief Groups are equal when every field is equal.
  friend bool operator==(const workforce_group&, const workforce_group&) = default;
};

/// @brief A region's workers as the simulation's groups.
///
/// Only the workers matchable on `on` count (standing_of() under `required`: active, and,
/// where required, with valid required training and current supervision), each with its
/// effective capacity (its own capacity cut to its kind's caseload limit); workers with no
/// places are left out. Workers of the same kind and capacity form one group, taking
/// clients from month 0; the groups come in the order of worker_kind, then capacity from the
/// largest. The simulation starts with empty caseloads, so `on` is usually the first day
/// of the horizon.
/// @param policy the workforce policy
/// @param members the region's workers' workforce facts
/// @param on the day whose standing counts
/// @param required the worker-level requirements the region enforces
/// @return the groups
/// @throws invalid_argument as validate(const workforce_policy&) does, and (id invalid_date)
///         naming `on` when the day is special and there are workers.
[[nodiscard]] std::vector<workforce_group> workforce_groups(const workforce_policy& policy,
                                                            std::span<const workforce_member> members, date on,
                                                            const standing_requirements& required = {});

/// @}

}  // namespace kulkija
