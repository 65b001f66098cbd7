#include "kulkija/workforce/member.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"
#include "fixtures.hpp"

namespace k = kulkija;

namespace {

k::date d(const char* text) { return k::parse_date(text); }

using kulkija_test::course;

}  // namespace

TEST(WorkforceMember, StartsWithNothingRecordedAndTakesClientsEveryDay) {
  const k::workforce_member m(k::link_worker_id("lw-1"), 8);
  EXPECT_EQ(m.id(), k::link_worker_id("lw-1"));
  EXPECT_EQ(m.kind(), k::worker_kind::professional);
  EXPECT_EQ(m.capacity(), 8);
  EXPECT_EQ(m.caseload(), 0);
  EXPECT_EQ(m.free_places(), 8);
  EXPECT_TRUE(m.meeting_modes().empty());
  EXPECT_TRUE(m.training().empty());
  EXPECT_EQ(m.last_supervision(), std::nullopt);
  EXPECT_TRUE(m.active_on(d("1900-01-01")));
  EXPECT_TRUE(m.active_on(d("2100-12-31")));
  EXPECT_EQ(k::workforce_member(k::link_worker_id("lw-2"), 3, k::worker_kind::peer_supporter).kind(),
            k::worker_kind::peer_supporter);
  KULKIJA_EXPECT_THROW_MSG(k::workforce_member(k::link_worker_id("lw-1"), 1001), k::invalid_argument,
                           "capacity: must be from 0 to 1000, got 1001");
  KULKIJA_EXPECT_THROW_MSG(k::workforce_member(k::link_worker_id("lw-1"), -1), k::invalid_argument, "capacity:");
}

TEST(WorkforceMember, SettersValidateAndLeaveTheMemberUnchanged) {
  k::workforce_member m(k::link_worker_id("lw-1"), 5, k::worker_kind::volunteer);
  m.set_capacity(4, 6);  // a caseload above the capacity after a cut: no free place
  EXPECT_EQ(m.free_places(), 0);
  m.set_capacity(4, 1);
  EXPECT_EQ(m.free_places(), 3);
  m.set_meeting_modes({k::meeting_mode::phone, k::meeting_mode::video});
  m.set_active(d("2026-01-01"), d("2026-12-31"));
  m.set_training({course("2025-01-01", "2026-12-31", {k::competence::link_work, k::competence::older_people})});
  m.set_last_supervision(d("2026-02-20"));
  const k::workforce_member before = m;
  KULKIJA_EXPECT_THROW_MSG(m.set_capacity(5, 1001), k::invalid_argument, "caseload: must be from 0 to 1000");
  EXPECT_EQ(m, before);
  KULKIJA_EXPECT_THROW_MSG(m.set_meeting_modes({k::meeting_mode::phone, k::meeting_mode::phone}), k::invalid_argument,
                           "meeting_modes[1]: is listed twice");
  EXPECT_EQ(m, before);
  KULKIJA_EXPECT_THROW_MSG(m.set_active(d("2026-02-01"), d("2026-01-31")), k::invalid_argument,
                           "active_to: must not be before active_from (2026-02-01)");
  KULKIJA_EXPECT_THROW_MSG(m.set_active(k::date(boost::date_time::not_a_date_time), std::nullopt),
                           k::invalid_argument, "active_from: must be a real date");
  EXPECT_EQ(m, before);
  KULKIJA_EXPECT_THROW_MSG(m.set_training({course("2026-01-01", std::nullopt, {k::competence::link_work}),
                                           course("2026-01-01", "2025-01-01", {k::competence::link_work})}),
                           k::invalid_argument, "training[1].valid_until: must not be before completed_on");
  KULKIJA_EXPECT_THROW_MSG(m.add_training(course("2026-01-01", std::nullopt, {})), k::invalid_argument,
                           "training.competences:");
  KULKIJA_EXPECT_THROW_MSG(m.set_last_supervision(k::date(boost::date_time::not_a_date_time)), k::invalid_argument,
                           "last_supervision: must be a real date");
  EXPECT_EQ(m, before);
  // a valid record is added; the member is then no longer equal to the copy
  m.add_training(course("2026-03-01", std::nullopt, {k::competence::swedish_language}));
  EXPECT_EQ(m.training().size(), 2U);
  EXPECT_NE(m, before);
}

TEST(WorkforceMember, ActiveDaysAndCompetencesOnADay) {
  k::workforce_member m(k::link_worker_id("lw-1"), 5);
  m.set_active(d("2026-03-01"), d("2026-06-30"));
  EXPECT_FALSE(m.active_on(d("2026-02-28")));
  EXPECT_TRUE(m.active_on(d("2026-03-01")));
  EXPECT_TRUE(m.active_on(d("2026-06-30")));
  EXPECT_FALSE(m.active_on(d("2026-07-01")));
  m.set_active(std::nullopt, d("2026-06-30"));
  EXPECT_TRUE(m.active_on(d("1999-01-01")));
  m.set_training({course("2025-01-01", "2026-12-31", {k::competence::link_work, k::competence::older_people}),
                  course("2026-03-01", std::nullopt, {k::competence::older_people, k::competence::swedish_language})});
  EXPECT_EQ(m.competences_on(d("2026-06-01")),
            (std::vector<k::competence>{k::competence::link_work, k::competence::older_people,
                                        k::competence::swedish_language}));
  EXPECT_EQ(m.competences_on(d("2027-01-01")),
            (std::vector<k::competence>{k::competence::older_people, k::competence::swedish_language}));
  EXPECT_TRUE(m.competences_on(d("2024-01-01")).empty());
}
