#include "kulkija/matching/sparse_assignment.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <utility>
#include <random>
#include <string>
#include <vector>

#include "kulkija/core/error.hpp"
#include "kulkija/matching/geographic.hpp"
#include "../test_support.hpp"

namespace {

using kulkija::forbidden_cost;

TEST(SparseAssignment, DocumentedExamples) {
  const std::vector<std::int64_t> indptr{0, 2, 3, 5};
  const std::vector<std::int32_t> indices{0, 1, 0, 0, 1};
  const std::vector<std::int64_t> costs{4, 1, 2, 3, 5};
  const std::vector<std::int32_t> capacity{2, 1};
  const auto r = kulkija::solve_sparse_assignment({indptr, indices, costs, 2}, capacity);
  EXPECT_EQ(r.worker_of, (std::vector<std::int32_t>{1, 0, 0}));
  EXPECT_EQ(r.total_cost, 6);
  EXPECT_EQ(r.how, kulkija::assignment_result::method::sparse_graph);
  EXPECT_EQ(r.candidate_pairs, 5U);
  const std::vector<std::int64_t> dense{4, 1, 2, 8, 3, 5};
  const auto g = kulkija::k_cheapest({dense, 3, 2}, 1);
  EXPECT_EQ(g.indptr, (std::vector<std::int64_t>{0, 1, 2, 3}));
  EXPECT_EQ(g.indices, (std::vector<std::int32_t>{1, 0, 0}));
  EXPECT_EQ(g.costs, (std::vector<std::int64_t>{1, 2, 3}));
}

// The sparse form of a whole matrix (forbidden pairs left out) has the dense optimum, with
// and without penalties, with ties and forbidden pairs.
TEST(SparseAssignment, EqualsTheDenseFormOnTheSamePairs) {
  std::mt19937_64 rng(20261206);
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = 1 + rng() % 40;
    const std::size_t w = 1 + rng() % 12;
    const std::int64_t max_cost = round % 3 == 0 ? 3 : 1000;
    const std::int64_t least = round % 5 == 4 ? -max_cost : 0;  // some rounds with negative costs
    std::vector<std::int64_t> cost;
    for (std::size_t x = 0; x < n * w; ++x) {
      cost.push_back(rng() % 5 == 0 ? forbidden_cost
                                    : least + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(max_cost - least + 1)));
    }
    std::vector<std::int32_t> capacity;
    for (std::size_t j = 0; j < w; ++j) capacity.push_back(static_cast<std::int32_t>(rng() % 6));
    std::vector<std::int64_t> penalty;
    if (round % 2 == 0) {
      for (std::size_t i = 0; i < n; ++i) penalty.push_back(500 + static_cast<std::int64_t>(rng() % 1000));
    }
    const auto g = kulkija::k_cheapest({cost, n, w}, w);
    std::optional<std::int64_t> dense;
    try {
      dense = kulkija::solve_assignment({cost, n, w}, capacity, penalty).total_cost;
    } catch (const kulkija::invalid_argument& e) {
      ASSERT_EQ(e.id(), kulkija::error_id::matching_infeasible);
    }
    if (dense) {
      const auto r = kulkija::solve_sparse_assignment(g.view(), capacity, penalty);
      EXPECT_EQ(r.total_cost, *dense) << "round " << round;
      EXPECT_EQ(kulkija::assignment_cost({cost, n, w}, capacity, r.worker_of, penalty), r.total_cost);
    } else {
      KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment(g.view(), capacity, penalty),
                               kulkija::invalid_argument, "capacity: client");
    }
  }
}

TEST(SparseAssignment, RejectsBadInput) {
  const std::vector<std::int32_t> capacity{1, 1};
  const std::vector<std::int32_t> indices{0, 1};
  const std::vector<std::int64_t> costs{1, 2};
  const std::vector<std::int64_t> empty;
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({empty, indices, costs, 2}, capacity),
                           kulkija::invalid_argument, "indptr: must hold clients + 1 offsets, got none");
  const std::vector<std::int64_t> start{1, 2};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({start, indices, costs, 2}, capacity),
                           kulkija::invalid_argument, "indptr[0]: must be 0, got 1");
  const std::vector<std::int64_t> down{0, 2, 1, 2};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({down, indices, costs, 2}, capacity),
                           kulkija::invalid_argument, "indptr[2]: must not be less than the offset before it (2), got 1");
  const std::vector<std::int64_t> short_end{0, 1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({short_end, indices, costs, 2}, capacity),
                           kulkija::invalid_argument, "indptr: must end at the number of pairs in indices (2), got 1");
  const std::vector<std::int64_t> indptr{0, 1, 2};
  const std::vector<std::int32_t> far{0, 2};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({indptr, far, costs, 2}, capacity),
                           kulkija::invalid_argument, "indices[1]: must be a worker from 0 to 2 - 1, got 2");
  const std::vector<std::int64_t> huge{1, std::int64_t{1} << 41};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({indptr, indices, huge, 2}, capacity),
                           kulkija::invalid_argument, "costs[1]: must be from -2^40 to 2^40");
  const std::vector<std::int64_t> one_cost{1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({indptr, indices, one_cost, 2}, capacity),
                           kulkija::invalid_argument, "costs: must have one value per pair in indices (2), got 1");
  const std::vector<std::int32_t> negative{1, -1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({indptr, indices, costs, 2}, negative),
                           kulkija::invalid_argument, "capacity[1]: must be at least 0, got -1");
  const std::vector<std::int32_t> one{2};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({indptr, indices, costs, 2}, one),
                           kulkija::invalid_argument, "capacity: must have one value per worker (2), got 1");
  // Both clients may only have worker 0, of capacity 1.
  const std::vector<std::int32_t> same{0, 0};
  try {
    (void)kulkija::solve_sparse_assignment({indptr, same, costs, 2}, capacity);
    ADD_FAILURE() << "expected matching_infeasible";
  } catch (const kulkija::invalid_argument& e) {
    EXPECT_EQ(e.id(), kulkija::error_id::matching_infeasible);
    EXPECT_EQ(e.field(), "capacity");
  }
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::k_cheapest({costs, 1, 2}, 0), kulkija::invalid_argument, "k: must be at least 1");
}

// The result is optimal for graph `g` by its certificate (LP duality): every client assigned
// (or left at its penalty) on a listed pair, no listed pair below the client's dual (its pair's
// cost plus its worker's price, or its penalty), no price negative and a positive price only on
// a full worker.
void expect_certified(const kulkija::sparse_costs& g, const std::vector<std::int32_t>& capacity,
                      const std::vector<std::int64_t>& penalty, const kulkija::assignment_result& r,
                      const std::string& what) {
  const std::size_t n = g.indptr.size() - 1;
  ASSERT_EQ(r.worker_of.size(), n) << what;
  std::vector<std::int32_t> load(capacity.size(), 0);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto first = static_cast<std::size_t>(g.indptr[i]);
    const auto last = static_cast<std::size_t>(g.indptr[i + 1]);
    const std::int32_t j = r.worker_of[i];
    std::int64_t dual = 0;
    if (j >= 0) {
      ++load[static_cast<std::size_t>(j)];
      std::optional<std::int64_t> own;
      for (std::size_t x = first; x < last; ++x) {
        if (g.indices[x] == j) own = std::min(own.value_or(g.costs[x]), g.costs[x]);
      }
      ASSERT_TRUE(own.has_value()) << what << ": client " << i << " on an unlisted pair";
      total += *own;
      dual = *own + r.worker_price[static_cast<std::size_t>(j)];
      if (!penalty.empty()) ASSERT_LE(dual, penalty[i]) << what << ": client " << i;
    } else {
      ASSERT_FALSE(penalty.empty()) << what << ": client " << i << " unassigned without penalties";
      dual = penalty[i];
      total += penalty[i];
    }
    for (std::size_t x = first; x < last; ++x) {
      ASSERT_GE(g.costs[x] + r.worker_price[static_cast<std::size_t>(g.indices[x])], dual)
          << what << ": client " << i << " worker " << g.indices[x];
    }
  }
  EXPECT_EQ(total, r.total_cost) << what;
  for (std::size_t j = 0; j < capacity.size(); ++j) {
    ASSERT_GE(r.worker_price[j], 0) << what;
    ASSERT_LE(load[j], capacity[j]) << what;
    if (r.worker_price[j] > 0) ASSERT_EQ(load[j], capacity[j]) << what << ": worker " << j;
  }
}

// Each client's k nearest workers on the plane (costs in whole units) as a sparse graph, and
// the same pairs as a dense matrix with every other pair forbidden (for the dense solver).
std::pair<kulkija::sparse_costs, std::vector<std::int64_t>> nearest_pairs(
    const std::vector<std::pair<double, double>>& client, const std::vector<std::pair<double, double>>& worker,
    std::size_t k) {
  const std::size_t n = client.size();
  const std::size_t w = worker.size();
  std::vector<std::int64_t> cost(n * w);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < w; ++j) {
      cost[i * w + j] = std::llround(std::hypot(client[i].first - worker[j].first, client[i].second - worker[j].second));
    }
  }
  auto g = kulkija::k_cheapest({cost, n, w}, k);
  std::vector<std::int64_t> listed(n * w, forbidden_cost);
  for (std::size_t i = 0; i < n; ++i) {
    for (auto x = static_cast<std::size_t>(g.indptr[i]); x < static_cast<std::size_t>(g.indptr[i + 1]); ++x) {
      listed[i * w + static_cast<std::size_t>(g.indices[x])] = g.costs[x];
    }
  }
  return {std::move(g), std::move(listed)};
}

// Tight graphs, as a region's nearest-workers lists give them: clustered places, every place
// taken (or nearly), each client listing only its k nearest workers, so that towns short of
// workers push clients far. The solver starts from an auction's prices here; its optimum must
// equal the dense one over the same pairs, and its prices must be the certificate on the
// graph: no listed pair below the client's dual, a positive price only on a full worker.
TEST(SparseAssignment, TightNearestGraphsHaveTheDenseOptimumAndItsCertificate) {
  std::mt19937_64 rng(20261207);
  for (int round = 0; round < 40; ++round) {
    const std::size_t w = 5 + rng() % 40;
    const std::int32_t per = 1 + static_cast<std::int32_t>(rng() % 8);
    const bool spare = round % 4 == 3;  // a place or two to spare
    const std::size_t n = static_cast<std::size_t>(per) * w - (spare ? 1 + rng() % 2 : 0);
    const std::size_t k = 3 + rng() % 6;
    std::vector<std::pair<double, double>> town(1 + rng() % 5);
    for (auto& t : town) t = {static_cast<double>(rng() % 100000), static_cast<double>(rng() % 100000)};
    const auto place = [&] {
      const auto& t = town[rng() % town.size()];
      return std::pair{t.first + static_cast<double>(rng() % 5000), t.second + static_cast<double>(rng() % 5000)};
    };
    std::vector<std::pair<double, double>> client(n);
    std::vector<std::pair<double, double>> worker(w);
    for (auto& c : client) c = place();
    for (auto& x : worker) x = place();
    const auto [g, listed] = nearest_pairs(client, worker, k);
    const std::vector<std::int32_t> capacity(w, per);
    std::vector<std::int64_t> penalty;
    if (round % 2 == 1) penalty.assign(n, 40000 + static_cast<std::int64_t>(rng() % 100000));
    std::optional<std::int64_t> dense;
    try {
      dense = kulkija::solve_assignment({listed, n, w}, capacity, penalty).total_cost;
    } catch (const kulkija::invalid_argument& e) {
      ASSERT_EQ(e.id(), kulkija::error_id::matching_infeasible);
    }
    if (!dense) {
      KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment(g.view(), capacity, penalty),
                               kulkija::invalid_argument, "capacity: client");
      continue;
    }
    const auto r = kulkija::solve_sparse_assignment(g.view(), capacity, penalty);
    ASSERT_EQ(r.total_cost, *dense) << "round " << round;
    expect_certified(g, capacity, penalty, r, "round " + std::to_string(round));
  }
}

// Areas with more clients than places and a penalty for leaving a client over (a waiting
// list): the auction's prices there leave the exact solver with workers priced but not full,
// which searches backwards mend. The optimum must equal the dense one over the same pairs and
// come with its certificate; penalties differ by client, some below the nearest pair's cost.
TEST(SparseAssignment, CrowdedAreasWithPenaltiesHaveTheDenseOptimumAndItsCertificate) {
  std::mt19937_64 rng(20261208);
  for (int round = 0; round < 30; ++round) {
    const std::size_t w = 20 + rng() % 60;
    const auto per = static_cast<std::int32_t>(1 + rng() % 6);
    const std::size_t n = static_cast<std::size_t>(per) * w * (2 + rng() % 3) / 2;  // 1x to 2x the places
    const std::size_t k = 4 + rng() % 12;
    const auto near = [&](double spread) {  // a crowded town, or anywhere
      return spread > 0 ? std::pair{50000.0 + static_cast<double>(rng() % 4000), 50000.0 + static_cast<double>(rng() % 4000)}
                        : std::pair{static_cast<double>(rng() % 100000), static_cast<double>(rng() % 100000)};
    };
    std::vector<std::pair<double, double>> client(n);
    std::vector<std::pair<double, double>> worker(w);
    for (auto& c : client) c = near(rng() % 3 == 0 ? 1.0 : 0.0);
    for (std::size_t j = 0; j < w; ++j) worker[j] = near(j < w / 10 ? 1.0 : 0.0);
    const auto [g, listed] = nearest_pairs(client, worker, k);
    const std::vector<std::int32_t> capacity(w, per);
    std::vector<std::int64_t> penalty(n);
    const std::int64_t typical = 5000 + static_cast<std::int64_t>(rng() % 30000);
    for (auto& p : penalty) p = round % 3 == 0 ? typical : typical / 4 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(typical));
    const auto dense = kulkija::solve_assignment({listed, n, w}, capacity, penalty);
    const auto r = kulkija::solve_sparse_assignment(g.view(), capacity, penalty);
    ASSERT_EQ(r.total_cost, dense.total_cost) << "round " << round;
    expect_certified(g, capacity, penalty, r, "round " + std::to_string(round));
  }
}

// A graph large enough to be read from a copy in large pages, from the geographic cost's
// nearest lists over four towns (some short of workers): the certificate proves the optimum.
TEST(SparseAssignment, ALargeGraphIsSolvedWithItsCertificate) {
  std::mt19937_64 rng(18);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  const auto points = [&](std::size_t count, std::vector<double>& lat, std::vector<double>& lon) {
    const std::vector<std::pair<double, double>> towns{{60.17, 24.94}, {61.50, 23.76}, {65.01, 25.47}, {62.24, 25.75}};
    for (std::size_t x = 0; x < count; ++x) {
      const auto& t = towns[rng() % towns.size()];
      lat.push_back(t.first + (unit(rng) - 0.5) * 0.4);
      lon.push_back(t.second + (unit(rng) - 0.5) * 0.8);
    }
  };
  std::vector<double> rlat;
  std::vector<double> rlon;
  std::vector<double> wlat;
  std::vector<double> wlon;
  points(44'000, rlat, rlon);
  points(3'000, wlat, wlon);
  const kulkija::geographic_cost cost(rlat, rlon, wlat, wlon);
  const auto g = cost.nearest(24);
  ASSERT_GE(g.indices.size(), std::size_t{1} << 20U);  // past the size read from a copy
  const std::vector<std::int32_t> capacity(3'000, 20);
  // (a town short of workers may leave some over: they stay at a penalty past any distance)
  const std::vector<std::int64_t> penalty(44'000, 2'000'000);
  const auto r = kulkija::solve_sparse_assignment(g.view(), capacity, penalty);
  EXPECT_LT(r.unassigned, 4'400U);
  expect_certified(g, capacity, penalty, r, "four towns");
}

// A large graph is solved with its rows reordered (by each client's cheapest worker); what
// comes back is in the caller's numbering: the client that cannot be placed is named by its
// own number, and left over (at its penalty) in its own place.
TEST(SparseAssignment, ALargeGraphAnswersInTheCallersNumbering) {
  constexpr std::size_t n = 52'429;  // x 20 pairs: just past the size solved on a copy
  constexpr std::size_t lonely = 12'345;
  std::mt19937_64 rng(7);
  kulkija::sparse_costs g;
  g.workers = 21;
  g.indptr.push_back(0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::int32_t j = 1; j <= 20; ++j) {
      g.indices.push_back(i == lonely ? 0 : j);  // the lonely client lists only worker 0, which has no place
      g.costs.push_back(static_cast<std::int64_t>(rng() % 1000));
    }
    g.indptr.push_back(static_cast<std::int64_t>(g.indices.size()));
  }
  ASSERT_GE(g.indices.size(), std::size_t{1} << 20U);
  std::vector<std::int32_t> capacity(21, static_cast<std::int32_t>(n));
  capacity[0] = 0;
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment(g.view(), capacity), kulkija::invalid_argument,
                           "capacity: client 12345 cannot be assigned");
  const std::vector<std::int64_t> penalty(n, 5000);
  const auto r = kulkija::solve_sparse_assignment(g.view(), capacity, penalty);
  EXPECT_EQ(r.unassigned, 1U);
  EXPECT_EQ(r.worker_of[lonely], -1);
  expect_certified(g, capacity, penalty, r, "one lonely client");
  // Each other client has its cheapest pair (nobody competes for places).
  for (std::size_t i = 0; i < n; i += 997) {
    if (i == lonely) continue;
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    for (auto x = static_cast<std::size_t>(g.indptr[i]); x < static_cast<std::size_t>(g.indptr[i + 1]); ++x) {
      best = std::min(best, g.costs[x]);
    }
    const auto j = r.worker_of[i];
    ASSERT_GE(j, 1) << i;
    std::int64_t own = std::numeric_limits<std::int64_t>::max();
    for (auto x = static_cast<std::size_t>(g.indptr[i]); x < static_cast<std::size_t>(g.indptr[i + 1]); ++x) {
      if (g.indices[x] == j) own = std::min(own, g.costs[x]);
    }
    EXPECT_EQ(own, best) << "client " << i;
  }
}

// Costs up to 2^39 (scaled in the auction by 16, with prices near the penalties): the same
// optima as the small costs they are multiples of, with the certificate.
TEST(SparseAssignment, CostsPastThirtyTwoBitsHaveTheSameOptima) {
  std::mt19937_64 rng(2026);
  for (int round = 0; round < 30; ++round) {
    const std::size_t n = 1 + rng() % 40;
    const std::size_t w = 1 + rng() % 12;
    std::vector<std::int64_t> small;
    for (std::size_t x = 0; x < n * w; ++x) {
      small.push_back(rng() % 5 == 0 ? forbidden_cost : static_cast<std::int64_t>(rng() % 1000));
    }
    std::vector<std::int64_t> large;
    for (std::int64_t c : small) large.push_back(c == forbidden_cost ? c : c << 29U);  // up to 2^39
    std::vector<std::int32_t> capacity;
    for (std::size_t j = 0; j < w; ++j) capacity.push_back(static_cast<std::int32_t>(1 + rng() % 5));
    std::vector<std::int64_t> penalty;
    std::vector<std::int64_t> large_penalty;
    if (round % 2 == 0) {
      for (std::size_t i = 0; i < n; ++i) {
        penalty.push_back(500 + static_cast<std::int64_t>(rng() % 1000));
        large_penalty.push_back(penalty.back() << 29U);
      }
    }
    const auto g = kulkija::k_cheapest({small, n, w}, 1 + rng() % w);
    auto g_large = g;
    for (auto& c : g_large.costs) c <<= 29U;
    try {
      const auto r = kulkija::solve_sparse_assignment(g.view(), capacity, penalty);
      const auto r_large = kulkija::solve_sparse_assignment(g_large.view(), capacity, large_penalty);
      EXPECT_EQ(r_large.total_cost, r.total_cost << 29U) << "round " << round;
      expect_certified(g_large, capacity, large_penalty, r_large, "round " + std::to_string(round));
    } catch (const kulkija::invalid_argument& e) {
      ASSERT_EQ(e.id(), kulkija::error_id::matching_infeasible);
      KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment(g_large.view(), capacity, large_penalty),
                               kulkija::invalid_argument, "capacity: client");
    }
  }
}

// Places enough for every client, but the graph cannot give each one: the auction cannot end
// (prices rise without bound); it gives up and the exact solver reports the client.
TEST(SparseAssignment, AGraphThatCannotPlaceEveryoneIsReportedWithRoomElsewhere) {
  const std::vector<std::int64_t> indptr{0, 1, 2, 3, 4};
  const std::vector<std::int32_t> indices{0, 0, 1, 0};
  const std::vector<std::int64_t> costs{3, 1, 4, 2};
  const std::vector<std::int32_t> capacity{2, 5};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({indptr, indices, costs, 2}, capacity),
                           kulkija::invalid_argument, "capacity: client 3 cannot be assigned");
  const std::vector<std::int64_t> penalty{10, 10, 10, 10};
  const auto r = kulkija::solve_sparse_assignment({indptr, indices, costs, 2}, capacity, penalty);
  EXPECT_EQ(r.unassigned, 1U);
  EXPECT_EQ(r.total_cost, 1 + 4 + 2 + 10);
  // A worker without places is never bid for, whatever its pairs cost (here less than 0).
  const std::vector<std::int64_t> one{0, 1, 2};
  const std::vector<std::int32_t> to_last{1, 0};
  const std::vector<std::int64_t> below_zero{-5, 3};
  const std::vector<std::int32_t> none_last{2, 0};  // (places for both: the auction runs)
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_sparse_assignment({one, to_last, below_zero, 2}, none_last),
                           kulkija::invalid_argument, "capacity: client 0 cannot be assigned");
  const auto left = kulkija::solve_sparse_assignment({one, to_last, below_zero, 2}, none_last, std::vector<std::int64_t>{7, 7});
  EXPECT_EQ(left.worker_of, (std::vector<std::int32_t>{-1, 0}));
  EXPECT_EQ(left.total_cost, 7 + 3);
}

}  // namespace
