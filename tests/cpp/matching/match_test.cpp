#include "kulkija/matching/match.hpp"

#include <gtest/gtest.h>

#include <random>

#include "kulkija/core/error.hpp"
#include "kulkija/matching/stable.hpp"
#include "../test_support.hpp"

namespace {

const kulkija::date day = kulkija::parse_date("2026-03-02");

kulkija::matching_client client_at(const std::string& id, double lon, std::vector<kulkija::language> langs, int priority = 1) {
  kulkija::client c(kulkija::client_id(id), 1960, kulkija::municipality(272), std::move(langs));
  return {c, kulkija::geo_point{63.84, lon}, std::nullopt, priority};
}

kulkija::link_worker worker_at(const std::string& id, double lon, int capacity, std::vector<kulkija::language> langs) {
  kulkija::link_worker w(kulkija::link_worker_id(id), std::move(langs), kulkija::municipality(272), capacity);
  w.set_location(kulkija::geo_point{63.84, lon});
  return w;
}

TEST(Match, OptimalBeatsGreedyAndExplainsTheUnmatched) {
  const kulkija::language fi("fi");
  const kulkija::language sv("sv");
  // Client a is near both workers, client b only near worker west; a greedy pass in input
  // order would give west to a and leave b far away.
  const std::vector<kulkija::matching_client> clients{client_at("a", 23.00, {fi, sv}), client_at("b", 22.70, {fi}),
                                                      client_at("c", 23.00, {kulkija::language("ar")})};
  const std::vector<kulkija::link_worker> workers{worker_at("west", 22.80, 1, {fi}), worker_at("east", 23.20, 1, {fi, sv})};
  kulkija::matching_policy policy;
  policy.weights = {30, 0, 0, 0, 0, 0};
  const auto r = kulkija::match(policy, clients, workers, day);
  ASSERT_EQ(r.matched.size(), 2U);
  EXPECT_EQ(r.matched[0].client.str(), "a");
  EXPECT_EQ(r.matched[0].worker.str(), "east");
  EXPECT_EQ(r.matched[1].worker.str(), "west");
  ASSERT_EQ(r.unmatched.size(), 1U);
  EXPECT_EQ(r.unmatched[0].client.str(), "c");
  EXPECT_EQ(r.unmatched[0].exclusions, std::vector<kulkija::match_exclusion>{kulkija::match_exclusion::no_shared_language});
  EXPECT_EQ(r.unmatched[0].reason.en, "no link worker meets the hard constraints: no shared language");
  EXPECT_DOUBLE_EQ(r.total_score, r.matched[0].score.total + r.matched[1].score.total);
  // Online: a new client near west gets west while it has room.
  const auto one = kulkija::match_one(policy, client_at("d", 22.75, {fi}), workers, day);
  ASSERT_EQ(one.matched.size(), 1U);
  EXPECT_EQ(one.matched[0].worker.str(), "west");
}

TEST(Match, PriorityDecidesWhenPlacesAreShort) {
  const kulkija::language fi("fi");
  const std::vector<kulkija::matching_client> clients{client_at("low", 23.0, {fi}, 1), client_at("high", 23.5, {fi}, 5)};
  const std::vector<kulkija::link_worker> workers{worker_at("w", 23.0, 1, {fi})};
  kulkija::matching_policy policy;
  policy.unassigned_penalty = 10;
  const auto r = kulkija::match(policy, clients, workers, day);
  ASSERT_EQ(r.matched.size(), 1U);
  EXPECT_EQ(r.matched[0].client.str(), "high");
  EXPECT_EQ(r.unmatched[0].reason.en,
            "the suitable link workers' places went to clients with a higher priority or total score");
  const auto s = kulkija::stable_match(policy, clients, workers, day);
  ASSERT_EQ(s.matched.size(), 1U);
  EXPECT_EQ(s.matched[0].client.str(), "high");
}

TEST(Match, RandomRegionsOptimalAndStable) {
  std::mt19937_64 rng(3);
  const std::vector<kulkija::language> pool{kulkija::language("fi"), kulkija::language("sv"), kulkija::language("en")};
  std::uniform_real_distribution<double> lon(22.0, 24.0);
  for (int round = 0; round < 20; ++round) {
    std::vector<kulkija::matching_client> clients;
    std::vector<kulkija::link_worker> workers;
    for (int i = 0; i < 30; ++i) clients.push_back(client_at("c" + std::to_string(i), lon(rng), {pool[rng() % 3]}, 1 + static_cast<int>(rng() % 3)));
    for (int j = 0; j < 6; ++j) {
      const std::size_t first = rng() % 3;
      auto w = worker_at("w" + std::to_string(j), lon(rng), static_cast<int>(rng() % 6), {pool[first], pool[(first + 1 + rng() % 2) % 3]});
      w.set_travel_radius_km(60.0);
      workers.push_back(w);
    }
    kulkija::matching_policy policy;
    if (round % 2 == 0) policy.unassigned_penalty = 20;
    const auto p = kulkija::score_all(policy, clients, workers, day);
    const auto best = kulkija::solve_assignment({p.cost, clients.size(), workers.size()}, p.capacity, p.penalty);
    const auto r = kulkija::match(policy, clients, workers, day);
    EXPECT_EQ(r.matched.size() + r.unmatched.size(), clients.size());
    // The optimal total cost is no worse than the stable matching's.
    const auto s = kulkija::stable_match(policy, clients, workers, day);
    std::vector<std::int32_t> stable_of(clients.size(), -1);
    for (const auto& m : s.matched) stable_of[m.client_index] = static_cast<std::int32_t>(m.worker_index);
    const kulkija::cost_matrix_view view{p.cost, clients.size(), workers.size()};
    EXPECT_LE(best.total_cost, kulkija::assignment_cost(view, p.capacity, stable_of, p.penalty));
    std::vector<std::int32_t> prio;
    for (const auto& c : clients) prio.push_back(c.priority);
    EXPECT_EQ(kulkija::find_blocking_pair({view, p.capacity, {}, prio, {}}, stable_of), std::nullopt);
  }
}

TEST(Match, RejectsBadInput) {
  const kulkija::language fi("fi");
  std::vector<kulkija::matching_client> clients{client_at("a", 23.0, {fi})};
  const std::vector<kulkija::link_worker> workers{worker_at("w", 23.0, 1, {fi})};
  kulkija::matching_policy policy;
  policy.distance = kulkija::distance_method::travel_time;
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::match(policy, clients, workers, day), kulkija::invalid_argument,
                           "travel: is required with the travel_time distance method");
  const std::vector<double> minutes{1, 2};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::match(policy, clients, workers, day, kulkija::travel_time_matrix{minutes, 1, 2}),
                           kulkija::invalid_argument, "travel: must hold clients x workers = 1 x 1 minutes");
  policy.distance = kulkija::distance_method::haversine;
  clients[0].priority = 11;
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::match(policy, clients, workers, day), kulkija::invalid_argument,
                           "clients[0].priority: must be from 1 to 10, got 11");
}

}  // namespace
