#include "kulkija/workforce/standing.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace k = kulkija;

namespace {

k::date d(const char* text) { return k::parse_date(text); }

k::training_record basic(const char* from, std::optional<const char*> until) {
  return {"Linkkityön peruskurssi", d(from), until ? std::optional(d(*until)) : std::nullopt, {k::competence::link_work}};
}

constexpr k::standing_requirements strict{true, true, true};

}  // namespace

TEST(WorkforceStanding, CapacityAndMeetingModesUnderTheKindsPolicy) {
  const k::workforce_policy p;
  k::workforce_member v(k::link_worker_id("v"), 8, k::worker_kind::volunteer);
  EXPECT_EQ(k::effective_capacity(p, v), 5);  // cut to the volunteer limit
  v.set_capacity(8, 3);
  EXPECT_EQ(k::effective_free_places(p, v), 2);
  v.set_capacity(8, 6);
  EXPECT_EQ(k::effective_free_places(p, v), 0);
  EXPECT_EQ(k::effective_meeting_modes(p, v), p.of(k::worker_kind::volunteer).meeting_modes);
  v.set_meeting_modes({k::meeting_mode::home_visit, k::meeting_mode::phone});
  EXPECT_EQ(k::effective_meeting_modes(p, v), std::vector<k::meeting_mode>{k::meeting_mode::phone});
  v.set_kind(k::worker_kind::professional);
  EXPECT_EQ(k::effective_capacity(p, v), 8);
  EXPECT_EQ(k::effective_meeting_modes(p, v),
            (std::vector<k::meeting_mode>{k::meeting_mode::home_visit, k::meeting_mode::phone}));
}

TEST(WorkforceStanding, TrainingAndSupervisionOnADay) {
  const k::workforce_policy p;
  k::workforce_member m(k::link_worker_id("lw-1"), 5);
  EXPECT_EQ(k::missing_training(p, m, d("2026-01-01")), std::vector<k::competence>{k::competence::link_work});
  EXPECT_EQ(k::supervision_due(p, m), std::nullopt);
  EXPECT_FALSE(k::supervision_current(p, m, d("2026-01-01")));
  m.set_training({basic("2025-09-12", "2026-10-31")});
  m.set_last_supervision(d("2026-09-01"));
  EXPECT_TRUE(k::missing_training(p, m, d("2026-10-31")).empty());
  EXPECT_EQ(k::missing_training(p, m, d("2026-11-01")), std::vector<k::competence>{k::competence::link_work});
  EXPECT_EQ(k::supervision_due(p, m), d("2026-10-13"));
  EXPECT_TRUE(k::supervision_current(p, m, d("2026-10-13")));
  EXPECT_FALSE(k::supervision_current(p, m, d("2026-10-14")));
}

TEST(WorkforceStanding, IssuesFollowTheRequirementsInTheirOrder) {
  const k::workforce_policy p;
  k::workforce_member m(k::link_worker_id("lw-1"), 5);
  m.set_active(d("2026-03-01"), std::nullopt);
  const auto day = d("2026-02-01");
  EXPECT_EQ(k::standing_issues(p, m, day), std::vector<k::standing_issue>{k::standing_issue::not_active});
  EXPECT_EQ(k::standing_issues(p, m, day, strict),
            (std::vector<k::standing_issue>{k::standing_issue::not_active, k::standing_issue::training_not_valid,
                                            k::standing_issue::supervision_overdue}));
  EXPECT_TRUE(k::standing_issues(p, m, day, k::standing_requirements{false, false, false}).empty());
  EXPECT_FALSE(k::matchable_on(p, m, day));
  EXPECT_TRUE(k::matchable_on(p, m, d("2026-03-01")));
  EXPECT_FALSE(k::matchable_on(p, m, d("2026-03-01"), strict));
  m.set_training({basic("2025-01-01", std::nullopt)});
  m.set_last_supervision(d("2026-02-20"));
  EXPECT_TRUE(k::matchable_on(p, m, d("2026-03-01"), strict));
  EXPECT_EQ(k::to_string(k::standing_issue::not_active), "not_active");
  EXPECT_EQ(k::to_string(k::standing_issue::training_not_valid), "training_not_valid");
  EXPECT_EQ(k::to_string(k::standing_issue::supervision_overdue), "supervision_overdue");
}

TEST(WorkforceStanding, StandingExplainsEachIssueWithItsDates) {
  const k::workforce_policy p;
  k::workforce_member m(k::link_worker_id("lw-1"), 60);
  m.set_capacity(60, 10);
  m.set_training({basic("2025-09-12", "2026-10-31")});
  m.set_last_supervision(d("2026-09-01"));
  m.set_active(std::nullopt, d("2026-10-31"));
  const auto s = k::standing_of(p, m, d("2026-11-01"), strict);
  EXPECT_EQ(s.worker, k::link_worker_id("lw-1"));
  EXPECT_EQ(s.on, d("2026-11-01"));
  EXPECT_FALSE(s.matchable());
  EXPECT_EQ(s.issues, (std::vector<k::standing_issue>{k::standing_issue::not_active,
                                                      k::standing_issue::training_not_valid,
                                                      k::standing_issue::supervision_overdue}));
  ASSERT_EQ(s.reasons.size(), 3U);
  EXPECT_EQ(s.reasons[0].en, "Takes no clients after 2026-10-31.");
  EXPECT_EQ(s.reasons[1].en, "Required training 'Linkkityön peruskurssi' (basic link-worker training) lapsed on 2026-10-31.");
  EXPECT_EQ(s.reasons[2].en, "Supervision overdue: last on 2026-09-01, due by 2026-10-13 (every 42 days).");
  EXPECT_EQ(s.capacity, 50);
  EXPECT_EQ(s.free_places, 40);
  EXPECT_EQ(s.meeting_modes, p.of(k::worker_kind::professional).meeting_modes);
  EXPECT_EQ(s.supervision_due, d("2026-10-13"));
  EXPECT_EQ(s.missing_training, std::vector<k::competence>{k::competence::link_work});
  // with the default requirements only the activity counts; the facts are the same
  const auto lenient = k::standing_of(p, m, d("2026-10-20"));
  EXPECT_TRUE(lenient.matchable());
  EXPECT_TRUE(lenient.reasons.empty());
  KULKIJA_EXPECT_THROW_MSG((void)k::standing_of(p, m, k::date(boost::date_time::not_a_date_time)),
                           k::invalid_argument, "on: must be a real date");
}
