#include "kulkija/outcomes/milestones.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include <vector>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/interop/region_csv.hpp"

namespace kulkija {
namespace {

milestone_event ev(const char* ref, referral_event e, date d, std::optional<reason_code> r = {},
                   std::optional<link_worker_id> lw = {}) {
  return {referral_id{ref}, e, d, r, lw};
}

TEST(Milestones, FinnishLocalDate) {
  // 22:30 UTC on 2026-01-12 is 00:30 on the 13th in winter (UTC+2)
  EXPECT_EQ(finnish_local_date(parse_timestamp("2026-01-12T22:30:00Z")), date(2026, 1, 13));
  EXPECT_EQ(finnish_local_date(parse_timestamp("2026-01-12T21:59:00Z")), date(2026, 1, 12));
  // summer (UTC+3) from 2026-03-29 01:00 UTC
  EXPECT_EQ(finnish_local_date(parse_timestamp("2026-06-10T21:30:00Z")), date(2026, 6, 11));
  EXPECT_EQ(finnish_local_date(parse_timestamp("2026-03-29T00:59:00Z")), date(2026, 3, 29));
  EXPECT_EQ(finnish_local_date(parse_timestamp("2026-03-28T22:30:00Z")), date(2026, 3, 29));
  EXPECT_EQ(finnish_local_date(parse_timestamp("2026-10-24T21:30:00Z")), date(2026, 10, 25));
  EXPECT_EQ(finnish_local_date(parse_timestamp("2026-10-25T21:30:00Z")), date(2026, 10, 25));
}

TEST(Milestones, FunnelStagesDeadlineAndBusinessDays) {
  const std::vector<milestone_event> events{
      ev("R-1", referral_event::issue, date(2026, 6, 15)),
      ev("R-2", referral_event::issue, date(2026, 6, 15)),
      ev("R-1", referral_event::accept, date(2026, 6, 16)),  // Tuesday
      ev("R-1", referral_event::assign, date(2026, 6, 16), {}, link_worker_id{"LW-1"}),
      ev("R-2", referral_event::reject, date(2026, 6, 17), reason_code::out_of_area),
      // Midsummer Eve (19th) is off: 17, 18, 22, 23 are 4 business days from the 16th
      ev("R-1", referral_event::first_contact, date(2026, 6, 23)),
      ev("R-1", referral_event::complete, date(2026, 9, 1), reason_code::goals_reached),
  };
  const auto ms = milestones_of(events, support_policy{}, finnish_calendar{});
  ASSERT_EQ(ms.size(), 2U);
  const auto& a = ms[0];
  EXPECT_EQ(a.referral.str(), "R-1");
  EXPECT_EQ(a.state, referral_state::completed);
  EXPECT_EQ(a.reached, funnel_stage::completed);
  EXPECT_EQ(a.accepted_on, date(2026, 6, 16));
  EXPECT_EQ(a.business_days_to_first_contact, 4);
  // 10 business days from Tuesday 16 June, skipping Midsummer Eve: 1 July
  EXPECT_EQ(a.first_contact_due, date(2026, 7, 1));
  EXPECT_EQ(a.first_contact_within_deadline, true);
  EXPECT_EQ(a.closed_on, date(2026, 9, 1));
  EXPECT_EQ(a.closing_reason, reason_code::goals_reached);
  EXPECT_EQ(a.link_worker, link_worker_id{"LW-1"});
  const auto& b = ms[1];
  EXPECT_EQ(b.state, referral_state::rejected);
  EXPECT_EQ(b.reached, funnel_stage::requested);
  EXPECT_EQ(b.closing_reason, reason_code::out_of_area);
  EXPECT_FALSE(b.first_contact_due.has_value());
  EXPECT_FALSE(b.first_contact_within_deadline.has_value());
}

TEST(Milestones, LateContactAndBadEvents) {
  support_policy quick;
  quick.first_contact = {2, length_unit::business_days};
  const std::vector<milestone_event> late{
      ev("R-1", referral_event::issue, date(2026, 1, 5)),
      ev("R-1", referral_event::accept, date(2026, 1, 5)),
      ev("R-1", referral_event::assign, date(2026, 1, 5), {}, link_worker_id{"LW-1"}),
      ev("R-1", referral_event::first_contact, date(2026, 1, 12)),
  };
  const auto m = milestones_of(late, quick, finnish_calendar{});
  EXPECT_EQ(m[0].business_days_to_first_contact, 4);  // 5, 7, 8, 9 (Epiphany 6th off)
  EXPECT_EQ(m[0].first_contact_within_deadline, false);

  const std::vector<milestone_event> back{ev("R-1", referral_event::issue, date(2026, 1, 5)),
                                          ev("R-1", referral_event::accept, date(2026, 1, 4))};
  KULKIJA_EXPECT_THROW_MSG((void)milestones_of(back, quick, finnish_calendar{}), invalid_argument,
                           "events[1].day: goes back in time: 2026-01-04 is before the referral's previous event on 2026-01-05");
  const std::vector<milestone_event> skip{ev("R-1", referral_event::issue, date(2026, 1, 5)),
                                          ev("R-1", referral_event::first_contact, date(2026, 1, 6))};
  KULKIJA_EXPECT_THROW_MSG((void)milestones_of(skip, quick, finnish_calendar{}), invalid_argument,
                           "events[1].event: the lifecycle does not allow 'first_contact' from state 'requested' (referral 'R-1')");
}

TEST(Milestones, SampleRegionReferrals) {
  const auto records = read_region_csv(KULKIJA_SOURCE_DIR "/examples/data/sample-region");
  ASSERT_FALSE(records.referrals.empty());
  for (const referral& r : records.referrals) {
    const auto m = milestones_of(r, support_policy{}, finnish_calendar{});
    EXPECT_EQ(m.state, r.state()) << r.id();
    if (r.first_contact_at()) {
      ASSERT_TRUE(m.first_contact_on.has_value());
      EXPECT_EQ(*m.first_contact_on, finnish_local_date(*r.first_contact_at())) << r.id();
    }
  }
  // the first referral that reached first contact: its milestones are its events' local days,
  // and the business days to first contact are counted on the Finnish calendar
  const auto it = std::find_if(records.referrals.begin(), records.referrals.end(),
                               [](const referral& r) { return r.first_contact_at().has_value(); });
  ASSERT_NE(it, records.referrals.end());
  const finnish_calendar calendar;
  const auto first = milestones_of(*it, support_policy{}, calendar);
  const auto day_of = [&](referral_event e) {
    for (const auto& h : it->history()) {
      if (h.event.kind == e) return finnish_local_date(h.event.at);
    }
    throw std::runtime_error("event missing");
  };
  EXPECT_EQ(first.requested_on, day_of(referral_event::issue));
  EXPECT_EQ(first.accepted_on, day_of(referral_event::accept));
  EXPECT_EQ(first.first_contact_on, day_of(referral_event::first_contact));
  EXPECT_EQ(first.business_days_to_first_contact,
            calendar.business_days_between(*first.accepted_on, *first.first_contact_on));
  EXPECT_EQ(first.first_contact_within_deadline, *first.first_contact_on <= *first.first_contact_due);
}

}  // namespace
}  // namespace kulkija
