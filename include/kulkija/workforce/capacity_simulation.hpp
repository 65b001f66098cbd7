#pragma once
/// @file
/// @brief The capacity simulation: link workers' caseloads and clients' waits for first
/// contact, day by day and month by month.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/workforce/inflow.hpp"
#include "kulkija/workforce/worker_kind.hpp"
#include "kulkija/workforce/workforce_group.hpp"

namespace kulkija {

/// @addtogroup workforce
/// @{

/// @brief The order in which waiting referrals get a free place.
enum class queue_order : std::uint8_t {
  priority_then_arrival,  ///< asap, then urgent, then routine; within a priority, first come first served
  arrival,                ///< first come first served, whatever the priority
};
/// @brief The code of a queue order: `priority_then_arrival` or `arrival`.
/// @param o the order
/// @return its code
[[nodiscard]] std::string_view to_string(queue_order o) noexcept;
/// @brief Parses a queue order's code.
/// @param code the code
/// @return the order
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] queue_order parse_queue_order(std::string_view code);

/// @brief The assumptions of a capacity simulation beyond inflow and workforce.
struct capacity_options {
  support_policy policy;       ///< the support-period policy: the first-contact deadline and the lengths
  finnish_calendar calendar;   ///< the region's calendar, for business days
  length contact_after{2, length_unit::business_days};  ///< first contact this long after a place is given
  length early_length{4, length_unit::weeks};           ///< a support that ends early lasts this from first contact
  queue_order order = queue_order::priority_then_arrival;  ///< who gets a free place first
  int warm_up_months = 0;  ///< referrals of the first months are simulated but not counted in the summary or the target
  /// @brief Options are equal when every field is equal.
  friend bool operator==(const capacity_options&, const capacity_options&) = default;
};

/// @brief What happened to one referral in a simulation.
struct capacity_client {
  date arrived;                       ///< the day it was accepted
  priority urgency = priority::routine;  ///< its priority
  support_outcome outcome = support_outcome::completed;  ///< how long its support lasts
  date due;                           ///< the first-contact deadline: arrival plus the policy's `first_contact.within`
  std::optional<date> assigned;       ///< the day it got a place, empty when it never did in the simulation
  std::optional<date> first_contact;  ///< the first contact: assigned plus `contact_after`
  std::optional<date> ends;           ///< the day its place is free again
  std::optional<std::size_t> group;   ///< the index of the workforce group whose place it got
  bool counted = true;                ///< arrived after the warm-up months
  bool within_deadline = false;       ///< first contact on or before `due`
  /// @brief Clients are equal when every field is equal.
  friend bool operator==(const capacity_client&, const capacity_client&) = default;
};

/// @brief One month of a simulation. Waits are calendar days from acceptance to first
/// contact, of the first contacts made in the month; NaN when there are none.
struct capacity_month {
  date month;                    ///< the month's first day
  int arrivals = 0;              ///< referrals accepted in the month
  int assigned = 0;              ///< referrals given a place in the month
  int first_contacts = 0;        ///< first contacts made in the month
  int within_deadline = 0;       ///< of those, made on or before their deadline
  double share_within_deadline = 0;  ///< within_deadline / first_contacts (NaN without first contacts)
  double mean_wait_days = 0;     ///< the mean wait of the month's first contacts
  double p90_wait_days = 0;      ///< their 90th percentile (nearest rank: the `ceil(0.9 n)`-th smallest)
  int queue_at_end = 0;          ///< referrals waiting for a place at the end of the month's last day
  int in_support_at_end = 0;     ///< places held at the end of the month's last day
  /// @brief Months are equal when every field is equal (NaN compares unequal).
  friend bool operator==(const capacity_month&, const capacity_month&) = default;
};

/// @brief One kind of link worker in one month of a simulation.
struct capacity_kind_month {
  date month;                                    ///< the month's first day
  worker_kind kind = worker_kind::professional;  ///< the kind
  int workers = 0;       ///< workers of the kind taking clients by the month's first day
  int places = 0;        ///< their places (workers times caseload limit)
  int caseload = 0;      ///< places held at the end of the month's last day
  double utilisation = 0;  ///< place-days held over place-days open in the month (NaN when none were open)
  /// @brief Rows are equal when every field is equal (NaN compares unequal).
  friend bool operator==(const capacity_kind_month&, const capacity_kind_month&) = default;
};

/// @brief The whole simulation, over the counted referrals (those after the warm-up).
struct capacity_summary {
  int clients = 0;              ///< counted referrals
  int within_deadline = 0;      ///< of those, first contact on or before the deadline
  int not_contacted = 0;        ///< of those, never given a place by the simulation's last day
  double share_within_deadline = 0;  ///< within_deadline / clients (NaN without clients)
  double mean_wait_days = 0;    ///< the mean wait of those contacted (NaN when none)
  double p90_wait_days = 0;     ///< their 90th percentile, nearest rank (NaN when none)
  int max_queue = 0;            ///< the longest queue at the end of any day
  date last_day;                ///< the last simulated day (the horizon's or the last deadline's)
  /// @brief Summaries are equal when every field is equal (NaN compares unequal).
  friend bool operator==(const capacity_summary&, const capacity_summary&) = default;
};

/// @brief The result of simulate_capacity().
struct capacity_result {
  std::vector<capacity_month> months;      ///< one row per month of the horizon
  std::vector<capacity_kind_month> kinds;  ///< per month, one row per kind in the workforce (in worker_kind order)
  std::vector<capacity_client> clients;    ///< one per referral, in the order given
  capacity_summary summary;                ///< the totals over the counted referrals
};

/// @brief Simulates the referrals' waits and the workforce's caseloads day by day.
///
/// The model, a discrete-event simulation with a time step of one day:
/// - Each workforce group has `workers * caseload_limit` identical places, open from the
///   first day of its `start_month`.
/// - Each day, first the places whose support ends that day are freed, then the day's
///   referrals join the queue, then waiting referrals are given free places, in the
///   capacity_options::order (ties: earlier arrival, then the order given), while any open
///   place is free.
/// - A referral goes to the group with the lowest share of its places held (ties: the
///   earlier group): this only decides whose caseload grows, never when anyone is served,
///   since every place behaves the same.
/// - First contact is the day of the place plus `contact_after` (business days roll forward
///   as in finnish_calendar::add_business_days()); the deadline is acceptance plus the
///   policy's `first_contact.within`, with the same calendar.
/// - The place is held until the support's end: first contact plus the outcome's length
///   (support_outcome), and at least one day; it is free again on the end day.
/// - Referrals arrive in the horizon only; the simulation then runs on, without new
///   referrals, to the last deadline, so that every referral's outcome is known. First
///   come first served, a referral never depends on later ones, so this run-out is exact.
/// @param start the first day of the horizon (a month's day 1)
/// @param months the months of the horizon (1-1200; it must end by 2170-12-31)
/// @param referrals the referrals, each accepted within the horizon
/// @param workforce the workforce groups (may be empty: nobody is served)
/// @param options the policy, calendar and assumptions
/// @return the months, the kinds per month, every referral's trace and the summary
/// @throws invalid_argument naming the field (`start`, `months`, `referrals[i].arrived`,
///         `workforce[i].caseload_limit`, `options.contact_after`, a policy field ...) and
///         the rule.
[[nodiscard]] capacity_result simulate_capacity(date start, int months, std::span<const capacity_referral> referrals,
                                                std::span<const workforce_group> workforce,
                                                const capacity_options& options = {});

/// @brief Simulates the referrals generate_referrals() makes from `inflow`, over the
/// inflow's months.
/// @param inflow the inflow
/// @param workforce the workforce groups
/// @param options the policy, calendar and assumptions
/// @return as the other overload
/// @throws invalid_argument naming the field and the rule.
/// @code
/// kulkija::referral_inflow inflow{.start = kulkija::date(2026, 1, 1), .per_month = std::vector<double>(12, 30.0)};
/// std::vector<kulkija::workforce_group> staff{{kulkija::worker_kind::professional, 4, 10, 0}};
/// auto r = kulkija::simulate_capacity(inflow, staff);
/// double share = r.summary.share_within_deadline;
/// @endcode
[[nodiscard]] capacity_result simulate_capacity(const referral_inflow& inflow, std::span<const workforce_group> workforce,
                                                const capacity_options& options = {});

/// @}

}  // namespace kulkija
