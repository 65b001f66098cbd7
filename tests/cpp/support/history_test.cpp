#include "kulkija/support/history.hpp"

#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "kulkija/core/error.hpp"
#include "kulkija/outcomes/milestones.hpp"
#include "../outcomes/region_fixture.hpp"
#include "../test_support.hpp"

namespace k = kulkija;

namespace {

// The command-line tool's replay (tools/kulkija/region.cpp, replay_support), as the oracle.
void tool_replay(const k::referral& r, k::support_period& p, k::date as_of, const std::vector<k::meeting>& meetings) {
  std::optional<std::pair<k::date, k::reason_code>> paused;
  std::vector<k::support_pause> pauses;
  for (const auto& h : r.history()) {
    const k::date day = k::finnish_local_date(h.event.at);
    if (h.event.kind == k::referral_event::pause && h.event.reason) paused = {{day, *h.event.reason}};
    if (h.event.kind == k::referral_event::resume && paused) {
      pauses.push_back({paused->first, day - boost::gregorian::days(1), paused->second});
      paused.reset();
    }
  }
  std::size_t next_pause = 0;
  for (const auto& m : meetings) {
    while (next_pause < pauses.size() && pauses[next_pause].from <= m.day) p.add_pause(pauses[next_pause++]);
    if (m.day <= as_of) p.record_meeting(m);
  }
  while (next_pause < pauses.size()) p.add_pause(pauses[next_pause++]);
  if (paused && paused->first <= as_of) {
    try {
      p.add_pause({paused->first, as_of, paused->second});
    } catch (const k::invalid_argument&) {
    }
  }
}

}  // namespace

TEST(SupportPeriodOf, EqualsTheToolsReplay) {
  const k::support_policy policy;
  const k::finnish_calendar calendar;
  const auto meetings = k::testing::sample_meetings();
  for (const char* day : {"2026-02-15", "2026-03-31", "2026-06-30", "2026-12-31"}) {
    const k::date as_of = k::parse_date(day);
    for (const auto& r : k::testing::sample_referrals()) {
      const auto m = k::milestones_of(r, policy, calendar);
      const auto it = meetings.find(r.id().str());
      const std::vector<k::meeting> mine = it == meetings.end() ? std::vector<k::meeting>{} : it->second;
      const auto got = k::support_period_of(r, policy, calendar, as_of, mine);
      if (!m.accepted_on) {
        EXPECT_FALSE(got) << r.id();
        continue;
      }
      k::support_period want(r.id(), *m.accepted_on, policy, calendar);
      tool_replay(r, want, as_of, mine);
      ASSERT_TRUE(got) << r.id();
      EXPECT_EQ(got->accepted_on(), want.accepted_on()) << r.id();
      EXPECT_EQ(got->pauses(), want.pauses()) << r.id() << " on " << day;
      EXPECT_EQ(got->meetings(), want.meetings()) << r.id() << " on " << day;
      EXPECT_EQ(got->deadlines_on(as_of), want.deadlines_on(as_of)) << r.id();
      EXPECT_EQ(got->status(as_of), want.status(as_of)) << r.id();
    }
  }
}

TEST(SupportPeriodOf, PausesAndAnOngoingPause) {
  const auto refs = k::testing::sample_referrals();
  const auto meetings = k::testing::sample_meetings();
  const k::support_policy policy;
  // R-03 paused on 2026-02-10 and resumed on 2026-02-20: paused 02-10 to 02-19
  const auto r03 = k::support_period_of(refs[2], policy, k::finnish_calendar{}, k::parse_date("2026-06-30"),
                                        meetings.at("R-03"));
  ASSERT_TRUE(r03);
  ASSERT_EQ(r03->pauses().size(), 1U);
  EXPECT_EQ(r03->pauses()[0].from, k::parse_date("2026-02-10"));
  EXPECT_EQ(r03->pauses()[0].until, k::parse_date("2026-02-19"));
  EXPECT_EQ(r03->pauses()[0].reason, k::reason_code::client_ill);
  EXPECT_EQ(r03->meetings().size(), 4U);
  // only the meetings up to the day
  const auto early = k::support_period_of(refs[2], policy, k::finnish_calendar{}, k::parse_date("2026-02-06"),
                                          meetings.at("R-03"));
  EXPECT_EQ(early->meetings().size(), 2U);
  // R-13 paused on 2026-03-20 and not resumed: the pause runs to the day ...
  const auto r13 = k::support_period_of(refs[12], policy, k::finnish_calendar{}, k::parse_date("2026-04-10"),
                                        meetings.at("R-13"));
  ASSERT_EQ(r13->pauses().size(), 1U);
  EXPECT_EQ(r13->pauses()[0].until, k::parse_date("2026-04-10"));
  // ... and is left out once it is longer than the policy allows (the deadlines run on)
  const auto late = k::support_period_of(refs[12], policy, k::finnish_calendar{}, k::parse_date("2026-12-31"),
                                         meetings.at("R-13"));
  EXPECT_TRUE(late->pauses().empty());
  // never accepted: no period
  EXPECT_FALSE(k::support_period_of(refs[1], policy, k::finnish_calendar{}, k::parse_date("2026-06-30")));
  // a meeting within a pause is refused, naming the field
  const std::vector<k::meeting> bad{{k::parse_date("2026-02-12"), k::contact_mode::phone, k::meeting_outcome::attended}};
  KULKIJA_EXPECT_THROW_MSG((void)k::support_period_of(refs[2], policy, k::finnish_calendar{},
                                                       k::parse_date("2026-06-30"),
                                                       std::vector<k::meeting>{meetings.at("R-03")[0], bad[0]}),
                           k::invalid_argument, "meeting.day");
}
