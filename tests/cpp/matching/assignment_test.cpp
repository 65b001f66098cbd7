#include "kulkija/matching/assignment.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <vector>

#include "instance.hpp"
#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace {

using kulkija::forbidden_cost;

using kulkija::testing::instance;

instance random_instance(std::mt19937_64& rng, std::size_t n, std::size_t w, std::int64_t max_cost, int max_cap,
                         double forbid, bool with_penalty) {
  instance in;
  in.n = n;
  in.w = w;
  std::uniform_int_distribution<std::int64_t> c(0, max_cost);
  std::uniform_int_distribution<int> cap(0, max_cap);
  std::bernoulli_distribution f(forbid);
  for (std::size_t x = 0; x < n * w; ++x) in.cost.push_back(f(rng) ? forbidden_cost : c(rng));
  for (std::size_t j = 0; j < w; ++j) in.capacity.push_back(cap(rng));
  if (with_penalty) {
    for (std::size_t i = 0; i < n; ++i) in.penalty.push_back(c(rng) + max_cost / 2);
  }
  return in;
}

// The optimum by trying every assignment; nothing when no assignment is feasible.
std::optional<std::int64_t> brute_force(const instance& in) {
  std::optional<std::int64_t> best;
  std::vector<std::int32_t> choice(in.n, -1);
  std::vector<std::int32_t> load(in.w, 0);
  const auto rec = [&](auto&& self, std::size_t i, std::int64_t sum) -> void {
    if (i == in.n) {
      if (!best || sum < *best) best = sum;
      return;
    }
    if (!in.penalty.empty()) self(self, i + 1, sum + in.penalty[i]);
    for (std::size_t j = 0; j < in.w; ++j) {
      const std::int64_t c = in.cost[i * in.w + j];
      if (c == forbidden_cost || load[j] >= in.capacity[j]) continue;
      ++load[j];
      self(self, i + 1, sum + c);
      --load[j];
    }
  };
  rec(rec, 0, 0);
  return best;
}

TEST(Assignment, DocumentedExample) {
  const std::vector<std::int64_t> cost{4, 1, 2, 8, 3, 5};
  const std::vector<std::int32_t> capacity{2, 1};
  const auto r = kulkija::solve_assignment({cost, 3, 2}, capacity);
  EXPECT_EQ(r.worker_of, (std::vector<std::int32_t>{1, 0, 0}));
  EXPECT_EQ(r.total_cost, 6);
  EXPECT_EQ(r.assigned_cost, 6);
  EXPECT_EQ(r.unassigned, 0U);
}

TEST(Assignment, MatchesBruteForceOnTinyInstances) {
  std::mt19937_64 rng(20261124);
  int feasible = 0;
  int infeasible = 0;
  for (int round = 0; round < 3000; ++round) {
    const std::size_t n = 1 + rng() % 6;
    const std::size_t w = 1 + rng() % 3;
    const std::int64_t max_cost = (round % 3 == 0) ? 2 : 100;  // small ranges give many ties
    const bool with_penalty = round % 2 == 0;
    const auto in = random_instance(rng, n, w, max_cost, 3, round % 4 == 1 ? 0.4 : 0.0, with_penalty);
    const auto expected = brute_force(in);
    if (!expected) {
      ++infeasible;
      KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment(in.view(), in.capacity, in.penalty),
                               kulkija::invalid_argument, "[kulkija.invalid_argument.209] capacity: client");
      continue;
    }
    ++feasible;
    const auto r = kulkija::solve_assignment(in.view(), in.capacity, in.penalty);
    ASSERT_EQ(r.total_cost, *expected) << "round " << round;
    EXPECT_EQ(kulkija::assignment_cost(in.view(), in.capacity, r.worker_of, in.penalty), r.total_cost);
    const auto k = kulkija::solve_assignment_k_best(in.view(), in.capacity, 1 + rng() % 2, in.penalty);
    ASSERT_EQ(k.total_cost, *expected) << "round " << round;
  }
  EXPECT_GT(feasible, 1000);
  EXPECT_GT(infeasible, 100);
}

TEST(Assignment, PricesCertifyOptimality) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 50; ++round) {
    const auto in = random_instance(rng, 60, 8, 1000, 10, 0.1, true);
    const auto r = kulkija::solve_assignment(in.view(), in.capacity, in.penalty);
    std::vector<std::int32_t> load(in.w, 0);
    for (auto j : r.worker_of) {
      if (j >= 0) ++load[static_cast<std::size_t>(j)];
    }
    for (std::size_t j = 0; j < in.w; ++j) {
      EXPECT_GE(r.worker_price[j], 0);
      if (r.worker_price[j] > 0) EXPECT_EQ(load[j], in.capacity[j]);
    }
    for (std::size_t i = 0; i < in.n; ++i) {
      const auto own = r.worker_of[i];
      const std::int64_t u = own < 0 ? in.penalty[i] : in.cost[i * in.w + static_cast<std::size_t>(own)] + r.worker_price[static_cast<std::size_t>(own)];
      EXPECT_LE(u, in.penalty[i]);
      for (std::size_t j = 0; j < in.w; ++j) {
        const auto c = in.cost[i * in.w + j];
        if (c != forbidden_cost) EXPECT_LE(u, c + r.worker_price[j]) << i << "," << j;
      }
    }
  }
}

TEST(Assignment, NegativeCostsAndZeroCapacity) {
  const std::vector<std::int64_t> cost{-5, -1, -3, -9};
  const std::vector<std::int32_t> capacity{2, 0};
  const auto r = kulkija::solve_assignment({cost, 2, 2}, capacity);
  EXPECT_EQ(r.worker_of, (std::vector<std::int32_t>{0, 0}));
  EXPECT_EQ(r.total_cost, -8);
}

TEST(Assignment, PenaltyLeavesTheLowPriorityClientUnassigned) {
  // Two clients want the one worker; the one with the higher penalty (priority) gets it.
  const std::vector<std::int64_t> cost{10, 10};
  const std::vector<std::int32_t> capacity{1};
  const std::vector<std::int64_t> penalty{100, 300};
  const auto r = kulkija::solve_assignment({cost, 2, 1}, capacity, penalty);
  EXPECT_EQ(r.worker_of, (std::vector<std::int32_t>{-1, 0}));
  EXPECT_EQ(r.unassigned, 1U);
  EXPECT_EQ(r.total_cost, 110);
}

TEST(Assignment, KBestProvesOrFallsBack) {
  std::mt19937_64 rng(99);
  // Plenty of capacity: the cheapest workers suffice and the proof holds.
  auto easy = random_instance(rng, 200, 20, 1000, 0, 0.0, false);
  easy.capacity.assign(20, 30);
  const auto r = kulkija::solve_assignment_k_best(easy.view(), easy.capacity, 5);
  EXPECT_EQ(r.how, kulkija::assignment_result::method::sparse_proved);
  EXPECT_EQ(r.total_cost, kulkija::solve_assignment(easy.view(), easy.capacity).total_cost);
  // Everyone's favourite worker has room for one: with k = 1 the sparse problem is infeasible.
  instance hard;
  hard.n = 4;
  hard.w = 4;
  hard.capacity = {1, 1, 1, 1};
  hard.cost = {0, 5, 5, 5, 0, 6, 6, 6, 0, 7, 7, 7, 0, 8, 8, 8};
  const auto f = kulkija::solve_assignment_k_best(hard.view(), hard.capacity, 1);
  EXPECT_EQ(f.how, kulkija::assignment_result::method::sparse_fallback);
  EXPECT_EQ(f.total_cost, kulkija::solve_assignment(hard.view(), hard.capacity).total_cost);
  // With penalties the sparse problem is feasible but its prices do not prove it: the
  // offending pairs are added and the second solve is proved.
  const std::vector<std::int64_t> penalty(4, 100);
  const auto g = kulkija::solve_assignment_k_best(hard.view(), hard.capacity, 1, penalty);
  EXPECT_EQ(g.how, kulkija::assignment_result::method::sparse_extended);
  EXPECT_GT(g.violated_arcs, 0U);
  EXPECT_GE(g.rounds, 2U);
  EXPECT_EQ(g.total_cost, 18);
}

TEST(Assignment, RejectsBadInput) {
  const std::vector<std::int64_t> cost{1, 2, 3};
  const std::vector<std::int32_t> capacity{1, 1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment({cost, 2, 2}, capacity), kulkija::invalid_argument,
                           "cost: must hold clients x workers = 4 values, got 3");
  const std::vector<std::int64_t> square{1, 2, 3, 4};
  const std::vector<std::int32_t> negative{1, -1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment({square, 2, 2}, negative), kulkija::invalid_argument,
                           "capacity[1]: must be at least 0, got -1");
  const std::vector<std::int64_t> huge{1, std::int64_t{1} << 50, 3, 4};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment({huge, 2, 2}, capacity), kulkija::invalid_argument,
                           "cost[0][1]: must be from -2^40 to 2^40");
  const std::vector<std::int64_t> penalty{1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment({square, 2, 2}, capacity, penalty),
                           kulkija::invalid_argument, "unassigned_penalty: must have one value per client (2), got 1");
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment_k_best({square, 2, 2}, capacity, 0),
                           kulkija::invalid_argument, "k: must be at least 1");
  const std::vector<std::int32_t> over{0, 0};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::assignment_cost({square, 2, 2}, capacity, over), kulkija::invalid_argument,
                           "worker_of[1]: puts worker 0 over its capacity 1");
}

TEST(Assignment, OnlineAssignsTheCheapestWorkerWithRoom) {
  const std::vector<std::int64_t> cost{3, 1, forbidden_cost, 2};
  const std::vector<std::int32_t> capacity{5, 2, 5, 5};
  std::vector<std::int32_t> load{0, 2, 0, 1};
  EXPECT_EQ(kulkija::assign_one(cost, capacity, load), std::optional<std::size_t>{3});
  EXPECT_EQ(kulkija::assign_one(cost, capacity, load, 1), std::nullopt);
  load = {5, 2, 0, 5};
  EXPECT_EQ(kulkija::assign_one(cost, capacity, load), std::nullopt);
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::assign_one(cost, capacity, std::vector<std::int32_t>{1}),
                           kulkija::invalid_argument, "load: must have one value per worker (4), got 1");
}

}  // namespace
