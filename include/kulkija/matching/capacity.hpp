#pragma once
/// @file
/// @brief Capacity planning: simulate link workers' caseloads and clients' waits for first
/// contact month by month, and find how many link workers a region needs.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/workforce/worker_kind.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief How a referral_inflow spreads its referrals over each month.
enum class arrival_pattern : std::uint8_t {
  even,     ///< deterministic: the running total rounded, spread evenly over the month's days
  poisson,  ///< random but reproducible: a Poisson count per month, uniform days, from the seed
};
/// @brief The code of an arrival pattern: `even` or `poisson`.
/// @param p the pattern
/// @return its code
[[nodiscard]] std::string_view to_string(arrival_pattern p) noexcept;
/// @brief Parses an arrival pattern's code.
/// @param code the code
/// @return the pattern
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] arrival_pattern parse_arrival_pattern(std::string_view code);

/// @brief How long a simulated support period holds its link worker's place.
enum class support_outcome : std::uint8_t {
  completed,    ///< the policy's `length.max` from first contact
  ended_early,  ///< capacity_options::early_length from first contact (discontinued or done early)
  extended,     ///< `length.max` and then every allowed extension (`extensions.max` times `extensions.length`)
};
/// @brief The code of a support outcome: `completed`, `ended_early` or `extended`.
/// @param o the outcome
/// @return its code
[[nodiscard]] std::string_view to_string(support_outcome o) noexcept;
/// @brief Parses a support outcome's code.
/// @param code the code
/// @return the outcome
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] support_outcome parse_support_outcome(std::string_view code);

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

/// @brief How plan_capacity() searched for the answer.
enum class planning_search : std::uint8_t {
  bisection,    ///< galloping and bisection, valid because the share is monotone (first come first served)
  linear_scan,  ///< every count from 0 upwards, because priorities can make the share non-monotone
};
/// @brief The code of a planning search: `bisection` or `linear_scan`.
/// @param s the search
/// @return its code
[[nodiscard]] std::string_view to_string(planning_search s) noexcept;

/// @brief Referrals per month, from a start month, with their priority and support-outcome mix.
///
/// generate_referrals() turns it into referrals. Months are calendar months: month 0 starts
/// on `start`, which must be the first day of a month.
///
/// **Even** (the default, no randomness): month `m` receives the running total of
/// `per_month` rounded to the nearest whole number (halves up) minus that of the months
/// before, so fractional rates add up; its `n` referrals arrive on the days
/// `floor((2k + 1) * days_in_month / (2n))`, `k = 0 .. n-1`, after the month's first day.
/// The `i`-th referral overall (from 0) gets the priority from `u = frac((i + 1) * 0.6180339887498949)`
/// (routine below the routine share, then urgent, then asap) and the outcome from
/// `v = frac((i + 1) * 0.41421356237309515)` (completed, then ended early, then extended):
/// Weyl sequences, so the mix follows the shares closely and priority and outcome are not
/// correlated.
///
/// **Poisson** (with `seed`): month `m` receives a Poisson number of referrals of mean
/// `per_month[m]`; each arrives on a uniformly drawn day of the month and draws its priority
/// and outcome from the shares. kulkija draws from its own SplitMix64 generator and Knuth's
/// Poisson method (in steps of mean at most 30), not the standard library's distributions,
/// whose results differ between standard libraries: a seed gives the same referrals
/// wherever `std::exp` rounds alike (its only floating-point function).
struct referral_inflow {
  date start{2026, 1, 1};         ///< the first day of the first month (a month's day 1, 1900-2170)
  std::vector<double> per_month;  ///< expected referrals in each month (1-1200 months, each 0-1000000)
  double urgent_share = 0.0;      ///< the share of urgent referrals (0-1)
  double asap_share = 0.0;        ///< the share of asap referrals (0-1; with urgent at most 1; the rest routine)
  double ended_early_share = 0.0;  ///< the share of support periods that end early (0-1)
  double extended_share = 0.0;     ///< the share extended to the limit (0-1; with ended early at most 1)
  arrival_pattern pattern = arrival_pattern::even;  ///< even or Poisson
  std::uint64_t seed = 0;                           ///< the seed of the Poisson pattern
  /// @brief Inflows are equal when every field is equal.
  friend bool operator==(const referral_inflow&, const referral_inflow&) = default;
};

/// @brief One simulated referral: when it was accepted, its priority and how long its
/// support lasts.
struct capacity_referral {
  date arrived;                                          ///< the day the referral was accepted
  priority urgency = priority::routine;                  ///< its priority in the queue
  support_outcome outcome = support_outcome::completed;  ///< how long the support holds the place
  /// @brief Referrals are equal when every field is equal.
  friend bool operator==(const capacity_referral&, const capacity_referral&) = default;
};

/// @brief Referrals from an inflow, in arrival order (see referral_inflow for the rules).
/// @param inflow the inflow
/// @return the referrals; the same inflow always gives the same referrals
/// @throws invalid_argument naming the field (`inflow.start`, `inflow.per_month[i]`,
///         `inflow.urgent_share` ...) and the rule.
/// @code
/// kulkija::referral_inflow inflow{.start = kulkija::date(2026, 1, 1), .per_month = {40, 45, 50}};
/// auto referrals = kulkija::generate_referrals(inflow);  // 135 referrals, evenly spread
/// @endcode
[[nodiscard]] std::vector<capacity_referral> generate_referrals(const referral_inflow& inflow);

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

/// @brief A region's link workers as the simulation's groups.
///
/// Only the workers matchable on `on` count (standing_of(): active, and, where the policy
/// switches them on, with valid required training and current supervision), each with its
/// effective capacity (its own capacity cut to its kind's caseload limit); workers with no
/// places are left out. Workers of the same kind and capacity form one group, taking
/// clients from month 0; the groups come in the order of worker_kind, then capacity from the
/// largest. The simulation starts with empty caseloads, so `on` is usually the first day
/// of the horizon.
/// @param policy the matching policy (its workforce section)
/// @param workers the region's link workers
/// @param on the day whose standing counts
/// @return the groups
/// @throws invalid_argument as validate(const matching_policy&) does.
[[nodiscard]] std::vector<workforce_group> workforce_groups(const matching_policy& policy,
                                                            std::span<const link_worker> workers, date on);

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

/// @brief A kind of link worker a plan may add, with its caseload limit and its share of
/// the added workers.
struct hiring_option {
  worker_kind kind = worker_kind::volunteer;  ///< the kind
  int caseload_limit = 10;                    ///< each added worker's caseload limit (1-1000)
  double weight = 1.0;  ///< its share of the added workers, relative to the other options' (above 0)
  /// @brief Options are equal when every field is equal.
  friend bool operator==(const hiring_option&, const hiring_option&) = default;
};

/// @brief The answer of plan_capacity().
struct capacity_plan {
  int added_workers = 0;                    ///< the fewest added workers that meet the target
  std::vector<workforce_group> added;       ///< the added workers, one group per hiring option (from month 0)
  std::vector<workforce_group> workforce;   ///< the base workforce followed by the added groups
  double target_share = 0.9;                ///< the target
  double share_within_deadline = 0;         ///< the share reached with the answer
  std::optional<double> share_with_one_fewer;  ///< the share with one added worker fewer (empty when none were added)
  planning_search search = planning_search::bisection;  ///< how the answer was found
  int simulations = 0;                      ///< how many simulations the search ran
  capacity_result result;                   ///< the simulation with the answer
};

/// @brief The fewest link workers to add to a base workforce so that at least
/// `target_share` of the counted referrals get first contact within the deadline.
///
/// **What is added.** Workers are added one at a time, always to the hiring option furthest
/// behind its share: the `n`-th added worker goes to the option with the largest
/// `weight * n / total_weight - added so far` (ties: the earlier option). So the workforce
/// with `n + 1` added workers is the one with `n` plus one worker; with a single option the
/// plan simply adds workers of that kind (the cheapest, say). Added workers take clients
/// from the first month.
///
/// **Why a search is sound.** With first come first served (capacity_options::order is
/// `arrival`, or every referral has the same priority) every referral is given a place no
/// later when places are added. Proof sketch (Kiefer and Wolfowitz's argument for the
/// many-server queue): the state is the sorted list of the days from which each place is
/// free; the next referral in the queue gets a place on `max(its arrival, the smallest
/// day)`, which then becomes its support's end day, a non-decreasing function of the day
/// it got the place. More places, or places open sooner, give a list that is smaller or
/// equal item by item; taking the minimum and replacing it by a non-decreasing function
/// keeps the lists ordered item by item, so by induction each referral gets its place, and
/// its first contact, no later. Hence the number within the deadline never falls as
/// workers are added, and galloping plus bisection finds the fewest. With priorities this
/// fails: an added place may go to a long routine support that then holds it when an
/// urgent referral arrives, and a few more workers can then reach a few fewer deadlines
/// (the tests keep such a case). Then every count is tried from 0 upwards. Either way a run
/// gives up as soon as more referrals are sure to miss their deadline than the target allows.
/// Without counted referrals the share is taken as 1 and nothing is added.
///
/// **Where the search stops.** With as many added places as the most places ever held at
/// once if nobody waited, nobody waits: every first contact is as early as it can be, and
/// more workers change nothing. If even that misses the target the target cannot be met.
/// @param start the first day of the horizon (a month's day 1)
/// @param months the months of the horizon
/// @param referrals the referrals
/// @param base the workforce already there (may be empty)
/// @param hires the kinds of worker that may be added (at least one)
/// @param target_share the share of counted referrals to contact within the deadline (above 0, at most 1)
/// @param options the policy, calendar and assumptions
/// @return the plan, with the simulation of its workforce
/// @throws invalid_argument naming the field and the rule, as simulate_capacity() does and
///         for `hires` and `target_share`; with id invalid_value naming `target_share` when
///         no number of workers can meet the target.
[[nodiscard]] capacity_plan plan_capacity(date start, int months, std::span<const capacity_referral> referrals,
                                          std::span<const workforce_group> base,
                                          std::span<const hiring_option> hires, double target_share = 0.9,
                                          const capacity_options& options = {});

/// @brief plan_capacity() for the referrals generate_referrals() makes from `inflow`.
/// @param inflow the inflow
/// @param base the workforce already there (may be empty)
/// @param hires the kinds of worker that may be added (at least one)
/// @param target_share the share of counted referrals to contact within the deadline
/// @param options the policy, calendar and assumptions
/// @return the plan
/// @throws invalid_argument as the other overload.
/// @code
/// kulkija::referral_inflow inflow{.start = kulkija::date(2026, 1, 1), .per_month = std::vector<double>(12, 30.0)};
/// std::vector<kulkija::hiring_option> hire{{kulkija::worker_kind::volunteer, 3, 1.0}};
/// auto plan = kulkija::plan_capacity(inflow, {}, hire, 0.9);
/// int volunteers = plan.added_workers;
/// @endcode
[[nodiscard]] capacity_plan plan_capacity(const referral_inflow& inflow, std::span<const workforce_group> base,
                                          std::span<const hiring_option> hires, double target_share = 0.9,
                                          const capacity_options& options = {});

/// @brief The number of workers each hiring option gets when `n` workers are added (the
/// rule of plan_capacity()).
/// @param hires the hiring options (at least one)
/// @param n the added workers (at least 0)
/// @return the count per option, summing to `n`
/// @throws invalid_argument naming `hires`, `hires[i].weight` or `n`.
[[nodiscard]] std::vector<int> apportion_hires(std::span<const hiring_option> hires, int n);

/// @}

}  // namespace kulkija
