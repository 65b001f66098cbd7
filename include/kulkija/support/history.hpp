#pragma once
/// @file
/// @brief A referral's support period rebuilt from its history: the acceptance day, the
/// pauses and resumes replayed, the meetings recorded up to a day.

#include <optional>
#include <span>

#include "kulkija/core/date.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/support/support_period.hpp"

namespace kulkija {

/// @addtogroup support
/// @{

/// @brief The support period of a referral as its history and meetings record it on a day.
///
/// - The period starts on the Finnish local day (finnish_local_date()) of the referral's
///   first `accept` event (as referral_milestones::accepted_on).
/// - Each `pause` (with its reason) followed by a `resume` becomes a pause from the pause's
///   day to the day before the resume's day.
/// - The meetings are taken in the order given; before each meeting, the pauses that start
///   on or before its day are added, and the meeting is recorded when its day is on or
///   before `as_of`. The remaining pauses follow.
/// - A pause still going on (a `pause` without a `resume`) that started on or before
///   `as_of` runs to `as_of`; when the period refuses it (e.g. longer than the policy's
///   `pauses.max_total`), it is left out, so that the deadlines run on and the period's
///   warnings show it.
///
/// The closure is not recorded: the referral's state says whether it is closed.
/// @code
/// using namespace kulkija;
/// const auto period = support_period_of(r, support_policy{}, finnish_calendar{}, date(2026, 3, 1));
/// if (period) std::cout << to_string(period->status(date(2026, 3, 1))) << '\n';
/// @endcode
/// @param r the referral
/// @param policy the support policy
/// @param calendar the region's calendar
/// @param as_of the day the period stands on
/// @param meetings the referral's meetings (e.g. from meetings.csv), in the order recorded
/// @return the period, or nothing when the referral was never accepted
/// @throws invalid_argument as support_period's constructor, support_period::add_pause()
///         and support_period::record_meeting() (e.g. a meeting within a pause, or before
///         the acceptance), naming the field and the rule.
[[nodiscard]] std::optional<support_period> support_period_of(const referral& r, const support_policy& policy,
                                                              const finnish_calendar& calendar, date as_of,
                                                              std::span<const meeting> meetings = {});

/// @}

}  // namespace kulkija
