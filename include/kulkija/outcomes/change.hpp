#pragma once
/// @file
/// @brief Paired change of wellbeing scores per client and per cohort: mean change with a
/// t-based confidence interval and the shares with a meaningful change; the Student t
/// distribution it needs.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "kulkija/core/id.hpp"
#include "kulkija/outcomes/instrument.hpp"
#include "kulkija/outcomes/measurement.hpp"

namespace kulkija {

/// @addtogroup outcomes
/// @{

/// @brief The regularized incomplete beta function I_x(a, b), by the continued fraction of
/// Numerical Recipes (Lentz's method), accurate to about 1e-14.
/// @param a the first shape, > 0
/// @param b the second shape, > 0
/// @param x the point, in [0, 1]
/// @return I_x(a, b)
/// @throws invalid_argument (id invalid_value) naming `a`, `b` or `x` when out of range.
[[nodiscard]] double regularized_incomplete_beta(double a, double b, double x);

/// @brief The cumulative distribution function of Student's t distribution.
/// @param t the point (any finite value)
/// @param df degrees of freedom, > 0
/// @return P(T <= t)
/// @throws invalid_argument (id invalid_value) naming `df` or `t` when out of range.
[[nodiscard]] double student_t_cdf(double t, double df);

/// @brief The quantile (inverse CDF) of Student's t distribution, as scipy.stats.t.ppf:
/// bisection to bracket, then Newton steps on student_t_cdf(), to a relative accuracy of
/// about 1e-12.
/// @param p the probability, in (0, 1)
/// @param df degrees of freedom, > 0
/// @return t such that P(T <= t) = p
/// @throws invalid_argument (id invalid_value) naming `p` or `df` when out of range.
[[nodiscard]] double student_t_quantile(double p, double df);

/// @brief Whether a client's change is meaningful, and which way.
enum class change_category : std::uint8_t {
  improved,   ///< changed by at least the threshold in the better direction
  unchanged,  ///< changed by less than the threshold
  worsened,   ///< changed by at least the threshold in the worse direction
};

/// @brief The code of a category: `improved`, `unchanged` or `worsened`.
/// @param c the category
/// @return its code
[[nodiscard]] std::string_view to_string(change_category c) noexcept;

/// @brief Classifies a change `after - before` against a threshold and a direction.
/// @param change the change (after minus before)
/// @param threshold the meaningful-change threshold, > 0
/// @param direction which way is better
/// @return the category
/// @throws invalid_argument (id invalid_value) naming `threshold` when it is not above 0.
[[nodiscard]] change_category classify_change(double change, double threshold, score_direction direction);

/// @brief One client's paired change on one scale.
struct client_change {
  referral_id referral;      ///< the referral (the client's support)
  double before = 0;         ///< the score at the first point
  double after = 0;          ///< the score at the second point
  double change = 0;         ///< after minus before
  change_category category = change_category::unchanged;  ///< meaningful or not, and which way
  /// @brief Changes are equal when every field is equal.
  friend bool operator==(const client_change&, const client_change&) = default;
};

/// @brief A cohort's paired change on one scale.
///
/// The confidence interval is mean_change +- t(1 - (1 - confidence) / 2, n - 1) * sd / sqrt(n),
/// with the sample standard deviation (n - 1 in the denominator). With fewer than two pairs
/// the standard deviation and the interval are NaN; with none, the means are NaN too.
struct change_summary {
  std::size_t n = 0;             ///< the number of pairs
  double mean_before = 0;        ///< the mean score at the first point
  double mean_after = 0;         ///< the mean score at the second point
  double mean_change = 0;        ///< the mean of after minus before
  double sd_change = 0;          ///< the sample standard deviation of the change
  double confidence = 0.95;      ///< the confidence level of the interval
  double ci_low = 0;             ///< the lower end of the interval
  double ci_high = 0;            ///< the upper end of the interval
  std::size_t improved = 0;      ///< pairs with a meaningful improvement
  std::size_t unchanged = 0;     ///< pairs without a meaningful change
  std::size_t worsened = 0;      ///< pairs with a meaningful worsening
  double share_improved = 0;     ///< improved / n (NaN when n = 0)
  double share_worsened = 0;     ///< worsened / n (NaN when n = 0)
  /// @brief Summaries are equal when every field is equal (NaN is not equal to itself).
  friend bool operator==(const change_summary&, const change_summary&) = default;
};

/// @brief Summarises paired scores of a cohort.
/// @param before the scores at the first point
/// @param after the scores at the second point, the same size
/// @param threshold the meaningful-change threshold, > 0
/// @param direction which way is better
/// @param confidence the confidence level, in (0, 1)
/// @return the summary
/// @throws invalid_argument (id invalid_value) naming `after` when the sizes differ,
///         `before[i]` or `after[i]` when a score is not finite, `threshold` or `confidence`.
[[nodiscard]] change_summary paired_change(std::span<const double> before, std::span<const double> after,
                                           double threshold, score_direction direction,
                                           double confidence = 0.95);

/// @brief Pairs the measurements of one instrument by referral and gives each client's
/// change on one scale from point `from` to point `to`. Clients without both points are
/// left out; the result is ordered by referral id.
/// @param in the instrument
/// @param scale the scale's id
/// @param measurements measurements of any instruments (others are skipped)
/// @param from the first point, e.g. start
/// @param to the second point, e.g. end
/// @return the changes
/// @throws not_found when the instrument has no such scale; invalid_argument (id
///         invalid_measurement) naming `measurements[i]` when a referral has two
///         measurements of the instrument at the same point, or the item as score() does.
[[nodiscard]] std::vector<client_change> paired_changes(const instrument& in, std::string_view scale,
                                                        std::span<const measurement> measurements,
                                                        measurement_point from, measurement_point to);

/// @brief Pairs one instrument's scores given as columns by referral and gives each
/// client's change on one scale from point `from` to point `to`: the column form of
/// paired_changes() for scores already computed (e.g. by score_measurements()). Every row
/// is a measurement of `in`; rows at other points are skipped. Clients without both points
/// are left out; the result is ordered by referral id.
/// @code
/// const std::vector<std::string_view> ids{"R-1", "R-1"};
/// const std::vector<kulkija::measurement_point> points{kulkija::measurement_point::start, kulkija::measurement_point::end};
/// const std::vector<double> scores{6, 4};
/// const auto c = kulkija::paired_changes(kulkija::ucla_loneliness_3(), "total", ids, points, scores,
///                                        kulkija::measurement_point::start, kulkija::measurement_point::end);
/// // c[0].change == -2, c[0].category == change_category::improved (lower is better)
/// @endcode
/// @param in the instrument
/// @param scale the scale's id
/// @param referral_ids each row's referral id
/// @param points each row's measurement point
/// @param scores each row's score on the scale
/// @param from the first point, e.g. start
/// @param to the second point, e.g. end
/// @return the changes
/// @throws not_found when the instrument has no such scale; invalid_argument naming
///         `points` or `scores` (id invalid_value) when the columns' lengths differ, and
///         naming the row as `measurements[<row>]` (0-based): `.referral_id` when a paired
///         row's id breaks the rules of ids, `.score` (id invalid_value) when a paired row's
///         score is not finite, or the row itself (id invalid_measurement) when a referral
///         has a second row at the same point.
[[nodiscard]] std::vector<client_change> paired_changes(const instrument& in, std::string_view scale,
                                                        std::span<const std::string_view> referral_ids,
                                                        std::span<const measurement_point> points,
                                                        std::span<const double> scores, measurement_point from,
                                                        measurement_point to);

/// @brief Summarises clients' changes on a scale of an instrument (its threshold and direction).
/// @param changes the changes (from paired_changes())
/// @param scale the scale
/// @param confidence the confidence level, in (0, 1)
/// @return the summary
/// @throws invalid_argument as paired_change().
[[nodiscard]] change_summary summarize(std::span<const client_change> changes, const instrument_scale& scale,
                                       double confidence = 0.95);

/// @}

}  // namespace kulkija
