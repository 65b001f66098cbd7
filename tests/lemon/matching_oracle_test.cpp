// LEMON's NetworkSimplex as an independent oracle of kulkija's assignment solvers. A test-only
// dependency (Debian liblemon-dev): it is linked into this test executable and nowhere else.
#include <gtest/gtest.h>
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <cstdint>
#include <optional>
#include <random>
#include <vector>

#include "../cpp/matching/instance.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/matching/assignment.hpp"

namespace {

using kulkija::forbidden_cost;

using kulkija::testing::instance;

// The optimal cost by LEMON's network simplex on clients -> workers -> sink (plus
// client -> sink arcs at the penalty); nothing when infeasible.
std::optional<std::int64_t> lemon_optimum(const instance& in) {
  using graph = lemon::SmartDigraph;
  graph g;
  std::vector<graph::Node> client;
  std::vector<graph::Node> worker;
  for (std::size_t i = 0; i < in.n; ++i) client.push_back(g.addNode());
  for (std::size_t j = 0; j < in.w; ++j) worker.push_back(g.addNode());
  const graph::Node sink = g.addNode();
  graph::ArcMap<long long> cost(g);
  graph::ArcMap<long long> upper(g);
  graph::NodeMap<long long> supply(g, 0);
  for (std::size_t i = 0; i < in.n; ++i) {
    supply[client[i]] = 1;
    for (std::size_t j = 0; j < in.w; ++j) {
      const std::int64_t c = in.cost[i * in.w + j];
      if (c == forbidden_cost) continue;
      const auto a = g.addArc(client[i], worker[j]);
      cost[a] = c;
      upper[a] = 1;
    }
    if (!in.penalty.empty()) {
      const auto a = g.addArc(client[i], sink);
      cost[a] = in.penalty[i];
      upper[a] = 1;
    }
  }
  for (std::size_t j = 0; j < in.w; ++j) {
    const auto a = g.addArc(worker[j], sink);
    cost[a] = 0;
    upper[a] = in.capacity[j];
  }
  supply[sink] = -static_cast<long long>(in.n);
  lemon::NetworkSimplex<graph, long long, long long> ns(g);
  ns.costMap(cost).upperMap(upper).supplyMap(supply);
  if (ns.run() != lemon::NetworkSimplex<graph, long long, long long>::OPTIMAL) return std::nullopt;
  return ns.totalCost<long long>();
}

instance random_instance(std::mt19937_64& rng, std::size_t n, std::size_t w, std::int64_t lo, std::int64_t hi,
                         int cap_lo, int cap_hi, double forbid, bool with_penalty) {
  instance in;
  in.n = n;
  in.w = w;
  std::uniform_int_distribution<std::int64_t> c(lo, hi);
  std::uniform_int_distribution<int> cap(cap_lo, cap_hi);
  std::bernoulli_distribution f(forbid);
  for (std::size_t x = 0; x < n * w; ++x) in.cost.push_back(f(rng) ? forbidden_cost : c(rng));
  for (std::size_t j = 0; j < w; ++j) in.capacity.push_back(cap(rng));
  if (with_penalty) {
    for (std::size_t i = 0; i < n; ++i) in.penalty.push_back(c(rng) + (hi - lo) / 3);
  }
  return in;
}

void expect_same_optimum(const instance& in, int round, int& feasible, int& infeasible) {
  const auto expected = lemon_optimum(in);
  if (!expected) {
    ++infeasible;
    EXPECT_THROW((void)kulkija::solve_assignment(in.view(), in.capacity, in.penalty), kulkija::invalid_argument)
        << "round " << round;
    return;
  }
  ++feasible;
  const auto r = kulkija::solve_assignment(in.view(), in.capacity, in.penalty);
  ASSERT_EQ(r.total_cost, *expected) << "round " << round;
  ASSERT_EQ(kulkija::assignment_cost(in.view(), in.capacity, r.worker_of, in.penalty), *expected);
  const auto k = kulkija::solve_assignment_k_best(in.view(), in.capacity, 1 + static_cast<std::size_t>(round) % 4,
                                                  in.penalty);
  ASSERT_EQ(k.total_cost, *expected) << "round " << round;
}

TEST(AssignmentOracle, SameOptimumAsLemonOnRandomInstances) {
  std::mt19937_64 rng(1234);
  int feasible = 0;
  int infeasible = 0;
  for (int round = 0; round < 600; ++round) {
    const std::size_t n = 1 + rng() % 80;
    const std::size_t w = 1 + rng() % 15;
    const bool ties = round % 3 == 0;
    const bool pen = round % 2 == 1;
    const double forbid = round % 5 == 0 ? 0.5 : (round % 5 == 1 ? 0.05 : 0.0);
    // Capacities around n / w make instances tight, so that infeasible ones appear too.
    const int per = static_cast<int>((n + w - 1) / w);
    const auto in = random_instance(rng, n, w, ties ? 0 : -500, ties ? 3 : 1000, 0, per + 1, forbid, pen);
    expect_same_optimum(in, round, feasible, infeasible);
  }
  EXPECT_GT(feasible, 300);
  EXPECT_GT(infeasible, 30);
}

TEST(AssignmentOracle, DegenerateInstances) {
  int feasible = 0;
  int infeasible = 0;
  std::mt19937_64 rng(5);
  // All costs equal; a single worker; a single client; zero capacities; exactly tight.
  instance equal{30, 5, std::vector<std::int64_t>(150, 7), std::vector<std::int32_t>(5, 6), {}};
  expect_same_optimum(equal, 0, feasible, infeasible);
  instance one_worker{12, 1, std::vector<std::int64_t>(12, 1), {12}, {}};
  expect_same_optimum(one_worker, 1, feasible, infeasible);
  instance zero_capacity{4, 3, std::vector<std::int64_t>(12, 1), {0, 0, 0}, {}};
  expect_same_optimum(zero_capacity, 2, feasible, infeasible);
  instance zero_capacity_pen{4, 3, std::vector<std::int64_t>(12, 1), {0, 0, 0}, {5, 6, 7, 8}};
  expect_same_optimum(zero_capacity_pen, 3, feasible, infeasible);
  auto tight = random_instance(rng, 100, 10, 0, 1000, 10, 10, 0.0, false);
  expect_same_optimum(tight, 4, feasible, infeasible);
  auto all_forbidden = random_instance(rng, 5, 5, 0, 10, 1, 1, 1.0, false);
  expect_same_optimum(all_forbidden, 5, feasible, infeasible);
  EXPECT_EQ(feasible, 4);
  EXPECT_EQ(infeasible, 2);
}

TEST(AssignmentOracle, SameOptimumOnLargerEuclideanInstance) {
  std::mt19937_64 rng(77);
  std::uniform_real_distribution<double> coord(0, 1000);
  instance in;
  in.n = 2000;
  in.w = 200;
  std::vector<std::pair<double, double>> c(in.n), w(in.w);
  for (auto& p : c) p = {coord(rng), coord(rng)};
  for (auto& p : w) p = {coord(rng), coord(rng)};
  for (std::size_t i = 0; i < in.n; ++i) {
    for (std::size_t j = 0; j < in.w; ++j) {
      in.cost.push_back(std::llround(std::hypot(c[i].first - w[j].first, c[i].second - w[j].second)));
    }
  }
  in.capacity.assign(in.w, 10);
  int feasible = 0;
  int infeasible = 0;
  expect_same_optimum(in, 0, feasible, infeasible);
  EXPECT_EQ(feasible, 1);
}

}  // namespace
