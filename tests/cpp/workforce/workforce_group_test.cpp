#include "kulkija/workforce/workforce_group.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace k = kulkija;

namespace {

k::workforce_member make(const char* id, k::worker_kind kind, int capacity, bool trained, bool supervised) {
  k::workforce_member m(k::link_worker_id(id), capacity, kind);
  if (trained) m.set_training({{"Linkkityön peruskurssi", k::parse_date("2025-09-01"), std::nullopt, {k::competence::link_work}}});
  if (supervised) m.set_last_supervision(k::parse_date("2026-02-20"));
  return m;
}

}  // namespace

TEST(WorkforceGroups, GroupTheMatchableMembersByKindAndEffectiveCapacity) {
  const auto day = k::parse_date("2026-03-02");
  std::vector<k::workforce_member> members{
      make("p1", k::worker_kind::professional, 12, true, true),
      make("p2", k::worker_kind::professional, 60, true, true),  // cut to the professional limit of 50
      make("p3", k::worker_kind::professional, 12, true, true),
      make("v1", k::worker_kind::volunteer, 9, true, true),       // cut to the volunteer limit of 5
      make("v2", k::worker_kind::volunteer, 4, false, true),      // no basic training
      make("v3", k::worker_kind::volunteer, 4, true, false),      // never supervised
      make("s1", k::worker_kind::peer_supporter, 0, true, true),  // no places
  };
  const k::workforce_policy policy;
  const k::standing_requirements strict{true, true, true};
  const std::vector<k::workforce_group> want{{k::worker_kind::professional, 1, 50, 0},
                                             {k::worker_kind::professional, 2, 12, 0},
                                             {k::worker_kind::volunteer, 1, 5, 0}};
  EXPECT_EQ(k::workforce_groups(policy, members, day, strict), want);
  // with the default requirements (only activity) the untrained and unsupervised count
  const auto lenient = k::workforce_groups(policy, members, day);
  ASSERT_EQ(lenient.size(), 4U);
  EXPECT_EQ(lenient[3], (k::workforce_group{k::worker_kind::volunteer, 2, 4, 0}));
  // a member not active on the day is left out
  members[0].set_active(k::parse_date("2026-04-01"), std::nullopt);
  EXPECT_EQ(k::workforce_groups(policy, members, day, strict)[1], (k::workforce_group{k::worker_kind::professional, 1, 12, 0}));
  EXPECT_TRUE(k::workforce_groups(policy, {}, day).empty());
  // a bad policy is rejected before any member is looked at
  k::workforce_policy bad;
  bad.of(k::worker_kind::volunteer).caseload_limit = -1;
  KULKIJA_EXPECT_THROW_MSG((void)k::workforce_groups(bad, members, day), k::invalid_argument,
                           "workforce.kinds.volunteer.caseload_limit");
  KULKIJA_EXPECT_THROW_MSG((void)k::workforce_groups(policy, members, k::date(boost::date_time::not_a_date_time)),
                           k::invalid_argument, "on: must be a real date");
}
