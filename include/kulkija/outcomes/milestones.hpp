#pragma once
/// @file
/// @brief The milestones of a referral (requested, accepted, assigned, first contact,
/// closed) derived from its history, with the time to first contact in business days of a
/// region's calendar: the raw material of the funnel and the first-contact KPIs.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"

namespace kulkija {

/// @addtogroup outcomes
/// @{

/// @brief The stages of the referral funnel, in order.
enum class funnel_stage : std::uint8_t {
  requested,      ///< the referral was issued
  accepted,       ///< the coordinator accepted it
  assigned,       ///< a link worker was assigned
  first_contact,  ///< the link worker reached the client
  completed,      ///< the support period was completed
};

/// @brief The code of a stage, e.g. `first_contact`.
/// @param s the stage
/// @return its code
[[nodiscard]] std::string_view to_string(funnel_stage s) noexcept;

/// @brief One event of a referral's history as the milestones need it.
struct milestone_event {
  referral_id referral;                       ///< the referral
  referral_event event;                       ///< what happened
  date day;                                   ///< the local (Finnish) day it happened
  std::optional<reason_code> reason;          ///< why, when given
  std::optional<link_worker_id> link_worker;  ///< on assign and reassign
  /// @brief Events are equal when every field is equal.
  friend bool operator==(const milestone_event&, const milestone_event&) = default;
};

/// @brief The milestones of one referral.
///
/// Each milestone is the first day the referral reached it. A `reopen` clears the closure
/// (day, reason, state) but keeps the milestones reached before. The first-contact deadline
/// is the support policy's (support_period::deadlines()), counted from acceptance with the
/// calendar; the business days to first contact are `business_days_between(accepted_on,
/// first_contact_on)` (numpy `busday_count`).
struct referral_milestones {
  referral_id referral;                       ///< the referral
  referral_state state = referral_state::draft;  ///< the state after the last event
  std::optional<funnel_stage> reached;        ///< the furthest funnel stage reached, empty if never issued
  std::optional<date> requested_on;           ///< the first issue
  std::optional<date> accepted_on;            ///< the first acceptance
  std::optional<date> assigned_on;            ///< the first assignment
  std::optional<date> first_contact_on;       ///< the first contact
  std::optional<date> closed_on;              ///< the day it closed (rejected, completed, discontinued, cancelled)
  std::optional<reason_code> closing_reason;  ///< the reason of the closing event, when given
  std::optional<link_worker_id> link_worker;  ///< the last link worker assigned
  std::optional<date> first_contact_due;      ///< the policy's first-contact deadline, once accepted
  std::optional<std::int64_t> business_days_to_first_contact;  ///< from acceptance, once contacted
  /// @brief Whether first contact was made by the deadline; empty until it is made.
  std::optional<bool> first_contact_within_deadline;
  /// @brief Milestones are equal when every field is equal.
  friend bool operator==(const referral_milestones&, const referral_milestones&) = default;
};

/// @brief The milestones of every referral in `events`, in order of first appearance.
///
/// Each referral's events must be in time order; the states follow the transition table.
/// @param events the events, grouped or interleaved by referral
/// @param policy the support policy (for the first-contact deadline)
/// @param calendar the region's calendar
/// @return one entry per referral
/// @throws invalid_argument naming `events[i].day` (id invalid_date) when a day goes back
///         in time or is outside the calendar, or `events[i].event` (id invalid_value) when
///         the lifecycle does not allow the event from the referral's state.
[[nodiscard]] std::vector<referral_milestones> milestones_of(std::span<const milestone_event> events,
                                                             const support_policy& policy,
                                                             const finnish_calendar& calendar);

/// @brief The milestones of one referral from its history (days are Finnish local days).
/// @param r the referral
/// @param policy the support policy
/// @param calendar the region's calendar
/// @return the milestones
/// @throws invalid_argument as the batch form.
[[nodiscard]] referral_milestones milestones_of(const referral& r, const support_policy& policy,
                                                const finnish_calendar& calendar);

/// @}

}  // namespace kulkija
