#include "kulkija/outcomes/change.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <random>
#include <vector>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

struct ppf_case {
  double p;
  double df;
  double expected;
};

// Oracle: scipy.stats.t.ppf(p, df) from scipy 1.17.1, printed with 17 significant digits.
constexpr ppf_case scipy_ppf[] = {
    {0.975, 1, 12.706204736174694},  {0.975, 2, 4.3026527297494619},  {0.975, 5, 2.5705818356363146},
    {0.975, 10, 2.2281388519862739}, {0.975, 30, 2.0422724563012378}, {0.95, 7, 1.8945786050900062},
    {0.995, 3, 5.8409093097333553},  {0.9, 1000, 1.2823987214609247}, {0.025, 4, -2.7764451051977943},
    {0.999, 2.5, 13.82219311086596}, {1e-06, 3, -103.29946778041935}, {0.6, 0.5, 0.3979754267847907},
};

TEST(StudentT, QuantileMatchesScipy) {
  for (const auto& c : scipy_ppf) {
    EXPECT_NEAR(student_t_quantile(c.p, c.df), c.expected, 1e-10 * std::fabs(c.expected)) << c.p << " " << c.df;
  }
  EXPECT_EQ(student_t_quantile(0.5, 7), 0.0);
}

TEST(StudentT, IncompleteBetaMatchesScipyAndCdfInvertsQuantile) {
  // Oracle: scipy.special.betainc(a, b, x).
  EXPECT_NEAR(regularized_incomplete_beta(0.5, 0.5, 0.3), 0.36901011956554536, 1e-13);
  EXPECT_NEAR(regularized_incomplete_beta(2, 3, 0.4), 0.5248, 1e-13);
  EXPECT_NEAR(regularized_incomplete_beta(10, 0.5, 0.9), 0.15164090963470994, 1e-13);
  EXPECT_NEAR(regularized_incomplete_beta(50, 60, 0.45), 0.4642352914306031, 1e-12);
  std::mt19937 rng(6);
  std::uniform_real_distribution<double> prob(0.001, 0.999);
  std::uniform_real_distribution<double> dof(0.5, 200);
  for (int i = 0; i < 200; ++i) {
    const double p = prob(rng);
    const double df = dof(rng);
    EXPECT_NEAR(student_t_cdf(student_t_quantile(p, df), df), p, 1e-12);
  }
  KULKIJA_EXPECT_THROW_MSG((void)student_t_quantile(1.0, 3), invalid_argument, "p: must be between 0 and 1");
  KULKIJA_EXPECT_THROW_MSG((void)student_t_quantile(0.5, 0), invalid_argument, "df: must be a finite number above 0");
  KULKIJA_EXPECT_THROW_MSG((void)regularized_incomplete_beta(1, 1, 1.5), invalid_argument, "x: must be from 0 to 1");
}

TEST(PairedChange, HandComputedCohort) {
  // changes: +4, +1, -3, +6 -> mean 2, sd sqrt(((2)^2+(1)^2+(5)^2+(4)^2)/3) = sqrt(46/3)
  const std::vector<double> before{20, 22, 25, 18};
  const std::vector<double> after{24, 23, 22, 24};
  const auto s = paired_change(before, after, 3.0, score_direction::higher_is_better);
  EXPECT_EQ(s.n, 4U);
  EXPECT_DOUBLE_EQ(s.mean_before, 21.25);
  EXPECT_DOUBLE_EQ(s.mean_after, 23.25);
  EXPECT_DOUBLE_EQ(s.mean_change, 2.0);
  EXPECT_NEAR(s.sd_change, std::sqrt(46.0 / 3.0), 1e-12);
  const double half = 3.1824463052837078 * std::sqrt(46.0 / 3.0) / 2.0;  // scipy t.ppf(0.975, 3)
  EXPECT_NEAR(s.ci_low, 2.0 - half, 1e-9);
  EXPECT_NEAR(s.ci_high, 2.0 + half, 1e-9);
  EXPECT_EQ(s.improved, 2U);
  EXPECT_EQ(s.worsened, 1U);
  EXPECT_EQ(s.unchanged, 1U);
  EXPECT_DOUBLE_EQ(s.share_improved, 0.5);
  // Lower is better: the same numbers read the other way.
  const auto l = paired_change(before, after, 3.0, score_direction::lower_is_better);
  EXPECT_EQ(l.improved, 1U);
  EXPECT_EQ(l.worsened, 2U);
}

TEST(PairedChange, SmallAndBadInput) {
  const std::vector<double> one{1};
  const auto s = paired_change(one, one, 1, score_direction::higher_is_better);
  EXPECT_EQ(s.n, 1U);
  EXPECT_TRUE(std::isnan(s.ci_low));
  EXPECT_DOUBLE_EQ(s.mean_change, 0);
  const auto e = paired_change({}, {}, 1, score_direction::higher_is_better);
  EXPECT_TRUE(std::isnan(e.mean_change));
  const std::vector<double> two{1, 2};
  KULKIJA_EXPECT_THROW_MSG((void)paired_change(two, one, 1, score_direction::higher_is_better), invalid_argument,
                           "after: must have as many scores as before (2), got 1");
  const std::vector<double> bad{1, NAN};
  KULKIJA_EXPECT_THROW_MSG((void)paired_change(two, bad, 1, score_direction::higher_is_better), invalid_argument, "after[1]: must be finite");
  KULKIJA_EXPECT_THROW_MSG((void)paired_change(two, two, 1, score_direction::higher_is_better, 1.0), invalid_argument, "confidence");
  EXPECT_EQ(classify_change(3.0999999999999996, 3.1, score_direction::higher_is_better), change_category::improved);
  EXPECT_EQ(classify_change(-1, 1, score_direction::lower_is_better), change_category::improved);
  EXPECT_EQ(classify_change(0.5, 1, score_direction::lower_is_better), change_category::unchanged);
}

measurement swem(const char* ref, measurement_point p, std::vector<std::optional<int>> a) {
  return {referral_id{ref}, "swemwbs", p, date(2026, 3, 1), std::move(a)};
}

TEST(PairedChange, PairsMeasurementsByReferral) {
  const std::vector<measurement> ms{
      swem("R-2", measurement_point::start, {3, 3, 3, 3, 3, 3, 3}),  // raw 21 -> 19.25
      swem("R-1", measurement_point::start, {2, 2, 2, 2, 2, 2, 2}),  // raw 14 -> 15.32
      swem("R-1", measurement_point::end, {3, 3, 3, 3, 3, 3, 3}),    // 19.25
      swem("R-2", measurement_point::end, {3, 3, 3, 3, 3, 3, 4}),    // raw 22 -> 19.98
      swem("R-3", measurement_point::start, {5, 5, 5, 5, 5, 5, 5}),  // no end: left out
      {referral_id{"R-1"}, "ucla3", measurement_point::start, date(2026, 3, 1), {3, 3, 3}},
  };
  const auto c = paired_changes(swemwbs(), "total", ms, measurement_point::start, measurement_point::end);
  ASSERT_EQ(c.size(), 2U);
  EXPECT_EQ(c[0].referral.str(), "R-1");
  EXPECT_DOUBLE_EQ(c[0].before, 15.32);
  EXPECT_DOUBLE_EQ(c[0].after, 19.25);
  EXPECT_EQ(c[0].category, change_category::improved);
  EXPECT_NEAR(c[1].change, 0.73, 1e-12);
  EXPECT_EQ(c[1].category, change_category::unchanged);
  const auto s = summarize(c, swemwbs().scales[0]);
  EXPECT_EQ(s.n, 2U);
  EXPECT_NEAR(s.mean_change, (3.93 + 0.73) / 2, 1e-12);

  auto dup = ms;
  dup.push_back(swem("R-2", measurement_point::end, {1, 1, 1, 1, 1, 1, 1}));
  KULKIJA_EXPECT_THROW_MSG((void)paired_changes(swemwbs(), "total", dup, measurement_point::start, measurement_point::end),
                           invalid_argument, "measurements[6]: referral 'R-2' has a second 'swemwbs' measurement at end (the first is measurements[3])");
  auto bad = ms;
  bad[2].answers[0] = 9;
  KULKIJA_EXPECT_THROW_MSG((void)paired_changes(swemwbs(), "total", bad, measurement_point::start, measurement_point::end),
                           invalid_argument, "swemwbs.optimistic: the answer must be from 1 to 5, got 9");
}

TEST(PairedChange, PairsScoreColumnsByReferral) {
  using mp = measurement_point;
  const std::vector<std::string_view> ids{"R-2", "R-1", "R-1", "R-2", "R-3", "R-1"};
  const std::vector<mp> points{mp::start, mp::start, mp::end, mp::end, mp::start, mp::follow_up};
  const std::vector<double> scores{19.25, 15.32, 19.25, 19.98, 35.0, 7.0};
  const auto c = paired_changes(swemwbs(), "total", ids, points, scores, mp::start, mp::end);
  ASSERT_EQ(c.size(), 2U);
  EXPECT_EQ(c[0], (client_change{referral_id{"R-1"}, 15.32, 19.25, 19.25 - 15.32, change_category::improved}));
  EXPECT_EQ(c[1].referral.str(), "R-2");
  EXPECT_NEAR(c[1].change, 0.73, 1e-12);
  EXPECT_EQ(c[1].category, change_category::unchanged);
  // the same as the measurement form
  const std::vector<measurement> ms{
      swem("R-2", mp::start, {3, 3, 3, 3, 3, 3, 3}), swem("R-1", mp::start, {2, 2, 2, 2, 2, 2, 2}),
      swem("R-1", mp::end, {3, 3, 3, 3, 3, 3, 3}), swem("R-2", mp::end, {3, 3, 3, 3, 3, 3, 4})};
  EXPECT_EQ(paired_changes(swemwbs(), "total", ms, mp::start, mp::end), c);
  // follow-up to start, the other way round
  const auto back = paired_changes(swemwbs(), "total", ids, points, scores, mp::follow_up, mp::start);
  ASSERT_EQ(back.size(), 1U);
  EXPECT_DOUBLE_EQ(back[0].change, 15.32 - 7.0);
}

TEST(PairedChange, ScoreColumnErrorsNameTheRow) {
  using mp = measurement_point;
  const std::vector<std::string_view> ids{"R-1", "R-1", "R-1"};
  const std::vector<mp> points{mp::start, mp::end, mp::end};
  const std::vector<double> scores{10, 12, 13};
  KULKIJA_EXPECT_THROW_MSG((void)paired_changes(swemwbs(), "total", ids, points, scores, mp::start, mp::end),
                           invalid_argument,
                           "measurements[2]: referral 'R-1' has a second 'swemwbs' measurement at end (the first is measurements[1])");
  const std::vector<double> nan_score{10, std::nan(""), 13};
  KULKIJA_EXPECT_THROW_MSG((void)paired_changes(swemwbs(), "total", std::span(ids).first(2), std::span(points).first(2),
                                                std::span(nan_score).first(2), mp::start, mp::end),
                           invalid_argument, "measurements[1].score: must be finite");
  KULKIJA_EXPECT_THROW_MSG((void)paired_changes(swemwbs(), "total", ids, points, std::span(scores).first(2), mp::start, mp::end),
                           invalid_argument, "scores: must have as many rows as referral_ids (3), got 2");
  KULKIJA_EXPECT_THROW_MSG((void)paired_changes(swemwbs(), "nope", ids, points, scores, mp::start, mp::end), not_found,
                           "nope");
  // a referral id shaped like a personal identity code is refused, and never echoed
  const std::vector<std::string_view> code{"131052-308T", "131052-308T"};
  try {
    (void)paired_changes(swemwbs(), "total", code, std::span(points).first(2), std::span(scores).first(2), mp::start, mp::end);
    ADD_FAILURE() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_EQ(e.field(), "measurements[0].referral_id");
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
  const std::vector<std::string_view> dup_code{"131052-308T", "131052-308T", "131052-308T"};
  try {
    (void)paired_changes(swemwbs(), "total", dup_code, points, scores, mp::start, mp::end);
    ADD_FAILURE() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_EQ(e.field(), "measurements[2]");
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace kulkija
