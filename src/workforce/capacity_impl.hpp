#pragma once
// Internal to the compiled library: what the capacity sources share (inflow.cpp,
// capacity_checks.cpp, capacity_simulation.cpp, capacity_plan.cpp): the limits, the checks
// of the inputs, and the prepared simulation that the planning search runs many times.

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kulkija/workforce/capacity_simulation.hpp"
#include "kulkija/workforce/inflow.hpp"
#include "kulkija/workforce/workforce_group.hpp"

namespace kulkija::detail::capacity {

namespace greg = boost::gregorian;

inline constexpr std::array<std::string_view, 2> arrival_pattern_names{"even", "poisson"};
inline constexpr std::array<std::string_view, 3> support_outcome_names{"completed", "ended_early", "extended"};
inline constexpr std::array<std::string_view, 2> queue_order_names{"priority_then_arrival", "arrival"};
inline constexpr std::array<std::string_view, 2> planning_search_names{"bisection", "linear_scan"};

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();
inline constexpr int max_months = 1200;
inline constexpr int max_workers = 100000;
inline constexpr int max_caseload_limit = 1000;
inline constexpr std::int64_t max_places = 1000000000;

// Field names: `base[i]` and `base.name`.
std::string indexed(std::string_view base, std::size_t i);
std::string member(std::string_view base, std::string_view name);
// Throws invalid_argument (invalid_value) naming `field` unless lo <= value <= hi.
void require_int_range(const std::string& field, std::int64_t value, std::int64_t lo, std::int64_t hi);
// A number as the messages show it: fixed, without trailing zeros.
std::string number(double v);
// Throws invalid_argument (invalid_value) naming `field` unless v is a share from 0 to 1.
void require_share(const std::string& field, double v);
// The checks of the horizon, the options, a workforce and the referrals, naming the fields.
void check_horizon(date start, int months, const std::string& start_field, const std::string& months_field);
void check_options(const capacity_options& o, int months);
void check_workforce(std::span<const workforce_group> groups, int months, std::string_view name);
void check_referrals(std::span<const capacity_referral> referrals, date start, int months);

// What a simulation needs that does not depend on the workforce.
struct prepared {
  date start;
  int months = 0;
  std::int64_t horizon_days = 0;           // days in the horizon
  std::int64_t last = 0;                   // the last simulated day (index from start)
  std::vector<std::int64_t> month_first;   // months + 1 entries: the first day of each month, then the horizon's end
  std::int64_t counted_from = 0;           // referrals from this day on are counted
  std::vector<std::int64_t> arrived;       // per referral
  std::vector<std::int64_t> due;           // per referral
  std::vector<std::size_t> by_arrival;     // referral indices by (arrival, index)
  bool single_priority = true;             // every referral has the same priority
};

inline std::int64_t index_of(date d, date start) { return (d - start).days(); }

prepared prepare(date start, int months, std::span<const capacity_referral> referrals, const capacity_options& o);

// The first contact and the end of a support whose place was given on `given`.
std::pair<date, date> contact_and_end(date given, support_outcome outcome, const capacity_options& o);

// Runs the simulation. With `give_up_after`, it stops as soon as more counted referrals
// than that are sure to miss their deadline (waiting past it, or given a place too late),
// and returns nullopt: the planning search only needs to know that the target is missed.
std::optional<capacity_result> run(const prepared& p, std::span<const capacity_referral> referrals,
                                   std::span<const workforce_group> workforce, const capacity_options& o,
                                   std::optional<std::int64_t> give_up_after = std::nullopt);

}  // namespace kulkija::detail::capacity
