#pragma once
/// @file
/// @brief Capacity planning: the fewest link workers to add so that a target share of
/// referrals gets first contact within the deadline.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/workforce/capacity_simulation.hpp"
#include "kulkija/workforce/inflow.hpp"
#include "kulkija/workforce/worker_kind.hpp"
#include "kulkija/workforce/workforce_group.hpp"

namespace kulkija {

/// @addtogroup workforce
/// @{

/// @brief How plan_capacity() searched for the answer.
enum class planning_search : std::uint8_t {
  bisection,    ///< galloping and bisection, valid because the share is monotone (first come first served)
  linear_scan,  ///< every count from 0 upwards, because priorities can make the share non-monotone
};
/// @brief The code of a planning search: `bisection` or `linear_scan`.
/// @param s the search
/// @return its code
[[nodiscard]] std::string_view to_string(planning_search s) noexcept;

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
