#include "kulkija/matching/stable.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace {

using kulkija::forbidden_cost;

TEST(StableMatching, ClientOptimalOnTheClassicExample) {
  // Clients 0 and 1 both rank worker 0 first; worker 0 (capacity 1) prefers client 1.
  const std::vector<std::int64_t> client_cost{1, 2, 1, 2};
  const std::vector<std::int64_t> worker_cost{5, 5, 1, 1};
  const std::vector<std::int32_t> capacity{1, 1};
  kulkija::stable_preferences p{{client_cost, 2, 2}, capacity, {worker_cost, 2, 2}, {}, {}};
  const auto r = kulkija::stable_match(p);
  EXPECT_EQ(r.worker_of, (std::vector<std::int32_t>{1, 0}));
  EXPECT_EQ(kulkija::find_blocking_pair(p, r.worker_of), std::nullopt);
  // The other matching is blocked by client 1 and worker 0.
  const std::vector<std::int32_t> other{0, 1};
  EXPECT_EQ(kulkija::find_blocking_pair(p, other), (std::pair<std::size_t, std::size_t>{1, 0}));
}

TEST(StableMatching, PriorityDecidesForTheWorker) {
  const std::vector<std::int64_t> cost{1, 1};
  const std::vector<std::int32_t> capacity{1};
  const std::vector<std::int32_t> priority{1, 3};
  kulkija::stable_preferences p{{cost, 2, 1}, capacity, {}, priority, {}};
  EXPECT_EQ(kulkija::stable_match(p).worker_of, (std::vector<std::int32_t>{-1, 0}));
}

TEST(StableMatching, RandomInstancesHaveNoBlockingPair) {
  std::mt19937_64 rng(4);
  for (int round = 0; round < 200; ++round) {
    const std::size_t n = 1 + rng() % 40;
    const std::size_t w = 1 + rng() % 8;
    std::vector<std::int64_t> cc(n * w);
    std::vector<std::int64_t> wc(n * w);
    std::vector<std::int32_t> cap(w);
    std::vector<std::int64_t> pen(n);
    for (auto& c : cc) c = (rng() % 10 == 0) ? forbidden_cost : static_cast<std::int64_t>(rng() % (round % 2 ? 5 : 100));
    for (auto& c : wc) c = static_cast<std::int64_t>(rng() % 100);
    for (auto& c : cap) c = static_cast<std::int32_t>(rng() % 5);
    for (auto& c : pen) c = static_cast<std::int64_t>(rng() % 120);
    kulkija::stable_preferences p{{cc, n, w}, cap, {wc, n, w}, {}, round % 3 == 0 ? std::span<const std::int64_t>(pen) : std::span<const std::int64_t>{}};
    const auto r = kulkija::stable_match(p);
    ASSERT_EQ(kulkija::find_blocking_pair(p, r.worker_of), std::nullopt) << "round " << round;
    // Moving any assigned client to another acceptable worker with room creates a blocking
    // pair or breaks feasibility: the verifier must not accept everything.
    std::vector<std::int32_t> empty(n, -1);
    bool any_acceptable = false;
    for (std::size_t i = 0; i < n && !any_acceptable; ++i) {
      for (std::size_t j = 0; j < w; ++j) {
        if (cap[j] > 0 && cc[i * w + j] != forbidden_cost && (round % 3 != 0 || cc[i * w + j] <= pen[i])) any_acceptable = true;
      }
    }
    EXPECT_EQ(kulkija::find_blocking_pair(p, empty).has_value(), any_acceptable);
  }
}

TEST(StableMatching, RejectsBadInput) {
  const std::vector<std::int64_t> cost{1, 2};
  const std::vector<std::int32_t> capacity{1};
  kulkija::stable_preferences p{{cost, 2, 2}, capacity, {}, {}, {}};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::stable_match(p), kulkija::invalid_argument,
                           "client_cost: must hold clients x workers = 4 values, got 2");
  kulkija::stable_preferences q{{cost, 2, 1}, capacity, {}, {}, {}};
  const std::vector<std::int32_t> bad{0, 0};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::find_blocking_pair(q, bad), kulkija::invalid_argument,
                           "worker_of[1]: puts its worker over capacity");
}

}  // namespace
