#pragma once
/// @file
/// @brief The coordinating link worker's queue: the accepted referrals waiting for a link
/// worker, most urgent and longest waiting first, each with its first-contact deadline.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/support/support_period.hpp"

namespace kulkija {

/// @defgroup workforce Workforce
/// @brief The link workers as a workforce: kinds of worker, training and competences, the
/// workforce policy (caseload limits, meeting modes, supervision, required training,
/// continuity), each worker's workforce facts (workforce_member) and standing on a day,
/// the coordinator's queue of referrals waiting for a worker, and capacity planning (referral
/// inflows, workforce groups, the simulation and the search for how many workers a region
/// needs).
///
/// The workforce area sits below matching: it knows nothing of link_worker or the matching
/// policy. Matching asks it whether a worker is matchable on a day (standing_of(),
/// matchable_on()) through link_worker::member(); reassignment, which runs the matching,
/// lives in the @ref matching area.
/// @{

/// @brief A priority's readable label in fi, sv and en, e.g. *kiireellinen*, *brådskande*,
/// *urgent*.
/// @param p the priority
/// @return the labels
[[nodiscard]] const localized_text& priority_label(priority p) noexcept;

/// @brief One referral in the coordinator's queue.
struct queue_entry {
  referral_id referral;                 ///< the referral
  client_id client;                     ///< the client's pseudonym
  priority urgency = priority::routine;  ///< the referral's priority
  timestamp accepted_at;                ///< when it was (last) accepted
  date accepted_on;                     ///< the Finnish local day of acceptance
  std::int64_t days_waiting = 0;        ///< calendar days from accepted_on to the day
  std::int64_t business_days_waiting = 0;  ///< business days in [accepted_on, day) (numpy `busday_count`)
  deadline first_contact;               ///< the first-contact deadline (support_period::deadlines_on())
  bool overdue = false;                 ///< first contact was due before the day
  bool due_soon = false;                ///< not overdue, and due within `due_soon.business_days` business days
  localized_text reason;                ///< the priority, the wait and the deadline in words
  /// @brief Entries are equal when every field is equal.
  friend bool operator==(const queue_entry&, const queue_entry&) = default;
};

/// @brief The coordinator's queue on a day: every referral in state `accepted` (accepted,
/// not yet assigned) whose acceptance is on or before `on`.
///
/// Ordered by priority (`asap`, then `urgent`, then `routine`), then by waiting time
/// (the earliest acceptance first), then by referral id. The first-contact deadline is the
/// support period's, counted from the day of the last acceptance with the region's calendar
/// (support_period); the overdue and due-soon flags are those of support_period::warnings()
/// (`first_contact_overdue`, `first_contact_due_soon`).
/// @param referrals the referrals (any states; only `accepted` ones are queued)
/// @param policy the support-period policy
/// @param on the day
/// @param calendar the region's calendar
/// @return the queue, first to be assigned first
/// @throws invalid_argument naming the policy field (see validate(const support_policy&)) or
///         `on` (id invalid_date) when it is special or outside the calendar.
[[nodiscard]] std::vector<queue_entry> coordinator_queue(std::span<const referral> referrals,
                                                         const support_policy& policy, date on,
                                                         const finnish_calendar& calendar = finnish_calendar{});

/// @}

}  // namespace kulkija
