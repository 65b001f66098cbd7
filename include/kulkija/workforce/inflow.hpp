#pragma once
/// @file
/// @brief Referral inflows for capacity planning: referrals per month with their priority
/// and support-outcome mix, turned into simulated referrals evenly or by a seeded Poisson
/// process.

#include <cstdint>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup workforce
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

/// @}

}  // namespace kulkija
