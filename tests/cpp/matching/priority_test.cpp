// One order of urgency: the matching priority derived from it places an asap client first.
#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "kulkija/matching/match.hpp"
#include "kulkija/matching/stable.hpp"
#include "kulkija/referral/referral.hpp"

namespace k = kulkija;

namespace {

const k::date day = k::parse_date("2026-03-02");

k::link_worker worker(const char* id, int capacity) {
  k::link_worker w(k::link_worker_id(id), {k::language("fi")}, k::municipality(272), capacity);
  w.set_location(k::geo_point{63.84, 23.13});
  return w;
}

}  // namespace

TEST(UrgencyOrder, AsapWinsAContestedPlace) {
  EXPECT_EQ(k::urgency_rank(k::priority::asap), 0);
  EXPECT_EQ(k::urgency_rank(k::priority::urgent), 1);
  EXPECT_EQ(k::urgency_rank(k::priority::routine), 2);
  EXPECT_GT(k::matching_priority(k::priority::asap), k::matching_priority(k::priority::urgent));
  EXPECT_GT(k::matching_priority(k::priority::urgent), k::matching_priority(k::priority::routine));
  // one worker with one place; a routine and an asap client, alike in everything else
  const std::vector<k::link_worker> workers{worker("LW-1", 1)};
  std::vector<k::matching_client> clients;
  for (const auto& [id, p] : std::vector<std::pair<const char*, k::priority>>{{"C-routine", k::priority::routine},
                                                                               {"C-asap", k::priority::asap}}) {
    const k::client c(k::client_id(id), 1960, k::municipality(272), {k::language("fi")});
    clients.push_back({c, k::geo_point{63.84, 23.13}, std::nullopt, k::matching_priority(p)});
  }
  for (const bool penalty : {false, true}) {
    k::matching_policy policy;
    if (penalty) policy.unassigned_penalty = 10;
    const auto optimal = k::match(policy, clients, workers, day);
    ASSERT_EQ(optimal.matched.size(), 1U);
    EXPECT_EQ(optimal.matched[0].client.str(), "C-asap");
    const auto stable = k::stable_match(policy, clients, workers, day);
    ASSERT_EQ(stable.matched.size(), 1U);
    EXPECT_EQ(stable.matched[0].client.str(), "C-asap");
  }
}
