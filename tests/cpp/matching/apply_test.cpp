#include "kulkija/matching/apply.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "kulkija/core/error.hpp"
#include "../outcomes/region_fixture.hpp"
#include "../test_support.hpp"

namespace k = kulkija;

namespace {

const k::date day = k::parse_date("2026-03-02");
const k::timestamp at(day, boost::posix_time::hours(10));
const k::actor coordinator{k::actor_role::coordinator, "kulkija"};

k::match_result result_of(std::vector<std::pair<std::size_t, const char*>> pairs) {
  k::match_result r;
  for (const auto& [client, w] : pairs) {
    r.matched.push_back({client, 0, k::client_id("C"), k::link_worker_id(w), {}});
  }
  return r;
}

}  // namespace

TEST(ApplyMatches, AcceptsAndAssignsAsTheToolDid) {
  using enum k::referral_event;
  std::vector<k::referral> refs{
      k::testing::build("R-1", "C-1", k::priority::routine, {{issue, "2026-02-20"}}),
      k::testing::build("R-2", "C-2", k::priority::urgent, {{issue, "2026-02-20"}, {accept, "2026-02-21"}}),
  };
  const std::vector<std::size_t> waiting{1, 0};
  const auto before = refs;
  const auto out = k::apply_matches(refs, result_of({{0, "LW-1"}, {1, "LW-2"}}), waiting, coordinator, at,
                                    "matched by kulkija run");
  EXPECT_TRUE(out.failed.empty());
  EXPECT_EQ(out.applied, (std::vector<k::applied_match>{{0, 1, k::link_worker_id("LW-1"), false},
                                                        {1, 0, k::link_worker_id("LW-2"), true}}));
  // R-1 was requested: accept at `at`, then assign a minute later
  ASSERT_EQ(refs[0].history().size(), 3U);
  EXPECT_EQ(refs[0].history()[1].event,
            (k::lifecycle_event{accept, at, coordinator, std::nullopt, std::nullopt, ""}));
  EXPECT_EQ(refs[0].history()[2].event,
            (k::lifecycle_event{assign, at + boost::posix_time::minutes(1), coordinator, std::nullopt,
                                k::link_worker_id("LW-2"), "matched by kulkija run"}));
  EXPECT_EQ(refs[0].state(), k::referral_state::assigned);
  // R-2 was accepted already: only the assignment
  ASSERT_EQ(refs[1].history().size(), 3U);
  EXPECT_EQ(refs[1].history()[2].event.kind, assign);
  EXPECT_EQ(refs[1].link_worker(), k::link_worker_id("LW-1"));
  // the tool's way (tools/kulkija/main.cpp, with_matches) gives the same referrals
  auto tool = before;
  const std::vector<std::pair<std::size_t, const char*>> by_referral{{1, "LW-1"}, {0, "LW-2"}};
  for (const auto& [index, w] : by_referral) {
    auto& r = tool[index];
    std::vector<k::lifecycle_event> events;
    if (r.state() == k::referral_state::requested) {
      events.push_back({accept, at, {k::actor_role::coordinator, "kulkija"}, std::nullopt, std::nullopt, ""});
    }
    events.push_back({assign, at + boost::posix_time::minutes(1), {k::actor_role::coordinator, "kulkija"},
                      std::nullopt, k::link_worker_id(w), "matched by kulkija run"});
    for (const auto& e : events) {
      if (r.check(e)) break;
      r.apply(e);
    }
  }
  EXPECT_EQ(refs, tool);
}

TEST(ApplyMatches, ReportsEveryFailureAndLeavesThatReferralUnchanged) {
  using enum k::referral_event;
  std::vector<k::referral> refs{
      // an event after `at`: the accept would go back in time
      k::testing::build("R-late", "C-1", k::priority::routine, {{issue, "2026-03-05"}}),
      // assigned already: no second assignment
      k::testing::build("R-assigned", "C-2", k::priority::routine,
                        {{issue, "2026-02-20"}, {accept, "2026-02-21"}, {assign, "2026-02-22", {}, "LW-9"}}),
      k::testing::build("R-ok", "C-3", k::priority::routine, {{issue, "2026-02-20"}}),
  };
  const auto before = refs;
  const std::vector<std::size_t> waiting{0, 1, 2};
  const auto out = k::apply_matches(refs, result_of({{0, "LW-1"}, {1, "LW-1"}, {2, "LW-2"}, {2, "LW-3"}}), waiting,
                                    coordinator, at);
  ASSERT_EQ(out.applied.size(), 1U);
  EXPECT_EQ(out.applied[0].referral, 2U);
  ASSERT_EQ(out.failed.size(), 3U);
  EXPECT_EQ(out.failed[0].match, 0U);
  EXPECT_EQ(out.failed[0].referral, 0U);
  EXPECT_EQ(out.failed[0].id, k::error_id::transition_time);
  EXPECT_EQ(out.failed[1].referral, 1U);
  EXPECT_EQ(out.failed[1].id, k::error_id::transition_not_allowed);
  EXPECT_NE(out.failed[1].reason.find("assign"), std::string::npos) << out.failed[1].reason;
  // the same referral matched twice: the second is refused
  EXPECT_EQ(out.failed[2].match, 3U);
  EXPECT_EQ(out.failed[2].worker.str(), "LW-3");
  EXPECT_EQ(refs[0], before[0]);
  EXPECT_EQ(refs[1], before[1]);
  EXPECT_EQ(refs[2].link_worker(), k::link_worker_id("LW-2"));
  // a matching that does not fit `waiting` changes nothing
  auto again = before;
  KULKIJA_EXPECT_THROW_MSG((void)k::apply_matches(again, result_of({{2, "LW-1"}, {3, "LW-1"}}), waiting, coordinator, at),
                           k::invalid_argument, "result.matched[1].client_index: must be a client of waiting");
  KULKIJA_EXPECT_THROW_MSG((void)k::apply_matches(again, result_of({}), std::vector<std::size_t>{5}, coordinator, at),
                           k::invalid_argument, "waiting[0]: must be the position of a referral");
  EXPECT_EQ(again, before);
}
