#include "kulkija/region/run.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "fixtures.hpp"
#include "kulkija/matching/workforce.hpp"

namespace k = kulkija;

namespace {

const k::region& sample() {
  static const k::region r = k::region::load(kulkija_test::sample_region);
  return r;
}

}  // namespace

TEST(RegionRun, ScreensEveryReferralOnItsIssueDay) {
  const auto& r = sample();
  const auto result = k::run(r, r.config.as_of);
  ASSERT_EQ(result.screenings.size(), r.records.referrals.size());
  std::size_t decided = 0;
  for (std::size_t i = 0; i < result.screenings.size(); ++i) {
    const auto& s = result.screenings[i];
    EXPECT_EQ(s.ref, &r.records.referrals[i]);
    EXPECT_EQ(s.on, s.ref->issued_on().value_or(r.config.as_of));
    decided += s.decided ? 1 : 0;
  }
  std::size_t counted = result.kpis.unscreened;
  for (const auto& [status, n] : result.kpis.screened) counted += n;
  EXPECT_EQ(counted, r.records.referrals.size());
  EXPECT_EQ(decided + result.kpis.unscreened, r.records.referrals.size());
}

TEST(RegionRun, MatchesTheWaitingWithinCapacityAndPlansTheirPeriods) {
  const auto& r = sample();
  const auto result = k::run(r, r.config.as_of);
  EXPECT_EQ(result.waiting.size(), result.waiting_clients.size());
  EXPECT_EQ(result.matches.matched.size() + result.matches.unmatched.size(), result.waiting.size());
  for (const auto* ref : result.waiting) {
    EXPECT_TRUE(ref->state() == k::referral_state::accepted || ref->state() == k::referral_state::requested);
  }
  std::map<std::string, int> load;
  for (const auto& m : result.matches.matched) ++load[m.worker.str()];
  for (const auto& c : result.kpis.caseloads) {
    EXPECT_EQ(c.matched_now, load[c.worker]);
    EXPECT_LE(c.caseload + c.matched_now, std::max(c.capacity, c.caseload)) << c.worker;
  }
  std::size_t planned = 0;
  for (const auto& p : result.periods) planned += p.planned ? 1 : 0;
  EXPECT_EQ(planned, result.matches.matched.size());
  std::size_t by_status = 0;
  for (const auto& [status, n] : result.kpis.deadline_status) by_status += n;
  EXPECT_EQ(by_status, result.periods.size());
  EXPECT_EQ(result.standings.size(), r.workers.size());
}

TEST(RegionRun, TheFunnelNarrowsAndCountsEveryState) {
  const auto& r = sample();
  const auto result = k::run(r, r.config.as_of);
  ASSERT_EQ(result.kpis.funnel.size(), 5U);
  for (std::size_t i = 1; i < result.kpis.funnel.size(); ++i) {
    EXPECT_LE(result.kpis.funnel[i].reached, result.kpis.funnel[i - 1].reached);
  }
  std::size_t states = 0;
  for (const auto& [state, n] : result.kpis.by_state) states += n;
  EXPECT_EQ(states, r.records.referrals.size());
  EXPECT_LE(result.kpis.first_contacts_in_time, result.kpis.first_contacts);
  ASSERT_TRUE(result.kpis.median_business_days_to_first_contact.has_value());
  EXPECT_FALSE(result.kpis.changes.empty());
}

TEST(RegionRun, TheReportingDayIsAParameterAndTheRegionIsLeftAsItWas) {
  const auto& r = sample();
  const auto before = r.records.referrals;
  const auto later = k::run(r, r.config.as_of + boost::gregorian::days(30));
  EXPECT_EQ(later.as_of, r.config.as_of + boost::gregorian::days(30));
  EXPECT_EQ(r.records.referrals, before);
  // the queue waits longer on the later day
  const auto now = k::run(r, r.config.as_of);
  ASSERT_EQ(later.queue.size(), now.queue.size());
  for (std::size_t i = 0; i < now.queue.size(); ++i) {
    EXPECT_EQ(later.queue[i].days_waiting, now.queue[i].days_waiting + 30);
  }
}

TEST(RegionRun, StableMatchingAndOneReferralsRecommendations) {
  const auto& r = sample();
  k::run_options stable;
  stable.stable = true;
  const auto s = k::run(r, r.config.as_of, stable);
  EXPECT_TRUE(s.matches.unmatched.empty() || !s.matches.matched.empty());
  const auto all = k::run(r, r.config.as_of);
  ASSERT_FALSE(all.recommendations.empty());
  k::run_options one;
  one.only_referral = all.recommendations.front().ref->id().str();
  const auto only = k::run(r, r.config.as_of, one);
  ASSERT_EQ(only.recommendations.size(), 1U);
  const auto& a = only.recommendations.front().items;
  const auto& b = all.recommendations.front().items;
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].activity, b[i].activity);
    EXPECT_DOUBLE_EQ(a[i].score, b[i].score);
  }
}

TEST(RegionRun, ReportsProgressPerStage) {
  const auto& r = sample();
  std::set<std::string> stages;
  std::size_t screened = 0;
  k::run_options o;
  o.progress = [&](const std::string& stage, std::size_t done, std::size_t total) {
    stages.insert(stage);
    EXPECT_LE(done, total);
    if (stage == "screening") screened = done;
  };
  (void)k::run(r, r.config.as_of, o);
  EXPECT_EQ(stages, (std::set<std::string>{"screening", "matching", "support periods", "recommendations"}));
  EXPECT_EQ(screened, r.records.referrals.size());
}

TEST(RegionRun, ExplanationsInTheLanguageAsked) {
  const auto& r = sample();
  k::run_options fi;
  fi.lang = k::text_language::fi;
  const auto s = k::screen(r, r.config.as_of, fi);
  const auto e = k::screen(r, r.config.as_of);
  bool differs = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i].decided && e[i].decided) {
      EXPECT_EQ(s[i].decided->status, e[i].decided->status);
      differs = differs || s[i].decided->explain() != e[i].decided->explain();
    }
  }
  EXPECT_TRUE(differs);
}
