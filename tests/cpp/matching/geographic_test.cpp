#include "kulkija/matching/geographic.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace {

struct points {
  std::vector<double> lat;
  std::vector<double> lon;
};

// Points clustered around `towns` places in Finland's bounding box, seeded.
std::pair<points, points> clustered(std::size_t referrals, std::size_t workers, std::size_t towns, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> lat(59.7, 70.1);
  std::uniform_real_distribution<double> lon(19.1, 31.6);
  std::vector<std::pair<double, double>> centre;
  for (std::size_t t = 0; t < towns; ++t) centre.emplace_back(lat(rng), lon(rng));
  std::normal_distribution<double> spread(0.0, 0.15);
  const auto draw = [&](std::size_t count) {
    points p;
    for (std::size_t x = 0; x < count; ++x) {
      const auto& [a, b] = centre[rng() % towns];
      p.lat.push_back(std::clamp(a + spread(rng), 59.7, 70.1));
      p.lon.push_back(std::clamp(b + 2 * spread(rng), 19.1, 31.6));
    }
    return p;
  };
  auto r = draw(referrals);
  auto w = draw(workers);
  return {r, w};
}

// Checks the dual certificate over every pair: with u_i the referral's cost plus its worker's
// price (or the penalty when unassigned), no pair has cost + price below u_i, no penalty is
// below u_i, and a worker with a positive price is full.
void expect_certificate(const kulkija::geographic_cost& cost, const std::vector<std::int32_t>& capacity,
                        const kulkija::assignment_result& r, const std::vector<std::int64_t>& penalty) {
  std::vector<std::int32_t> load(cost.workers(), 0);
  for (std::int32_t j : r.worker_of) {
    if (j >= 0) ++load[static_cast<std::size_t>(j)];
  }
  for (std::size_t j = 0; j < cost.workers(); ++j) {
    ASSERT_GE(r.worker_price[j], 0);
    if (r.worker_price[j] > 0) {
      EXPECT_EQ(load[j], capacity[j]) << "worker " << j;
    }
  }
  std::size_t bad = 0;
  for (std::size_t i = 0; i < cost.referrals(); ++i) {
    const std::int32_t a = r.worker_of[i];
    const std::int64_t u = a < 0 ? penalty[i] : cost.at(i, static_cast<std::size_t>(a)) + r.worker_price[static_cast<std::size_t>(a)];
    if (!penalty.empty() && penalty[i] < u) ++bad;
    for (std::size_t j = 0; j < cost.workers(); ++j) {
      if (cost.at(i, j) + r.worker_price[j] < u) ++bad;
    }
  }
  EXPECT_EQ(bad, 0U);
}

TEST(GeographicCost, DocumentedExamples) {
  const std::vector<double> rlat{63.84}, rlon{23.13}, wlat{63.90, 64.00}, wlon{23.92, 23.00};
  const kulkija::geographic_cost cost(rlat, rlon, wlat, wlon);
  EXPECT_EQ(cost.at(0, 0), std::llround(kulkija::haversine_km({63.84, 23.13}, {63.90, 23.92}) * 1000));
  EXPECT_NEAR(static_cast<double>(cost.at(0, 0)), 39000.0, 1500.0);
  EXPECT_EQ(cost.nearest(1).indices, (std::vector<std::int32_t>{1}));
  const std::vector<double> hl{60.17, 61.50}, ho{24.94, 23.76}, wl{60.20, 61.45}, wo{24.90, 23.80};
  const kulkija::geographic_cost two(hl, ho, wl, wo);
  const std::vector<std::int32_t> capacity{1, 1};
  const auto r = kulkija::solve_assignment(two, capacity, 1);
  EXPECT_EQ(r.worker_of, (std::vector<std::int32_t>{0, 1}));
  EXPECT_EQ(r.total_cost, two.at(0, 0) + two.at(1, 1));
  EXPECT_EQ(r.how, kulkija::assignment_result::method::sparse_proved);
}

TEST(GeographicCost, NearestEqualsSortingTheWholeRow) {
  const auto [r, w] = clustered(300, 120, 7, 5);
  const kulkija::geographic_cost cost(r.lat, r.lon, w.lat, w.lon);
  const auto dense = cost.matrix();
  for (std::size_t k : {1U, 5U, 17U, 200U}) {
    const auto g = cost.nearest(k);
    ASSERT_EQ(g.indptr.size(), 301U);
    for (std::size_t i = 0; i < 300; ++i) {
      std::vector<std::pair<std::int64_t, std::int32_t>> row;
      for (std::size_t j = 0; j < 120; ++j) row.emplace_back(dense[i * 120 + j], static_cast<std::int32_t>(j));
      std::sort(row.begin(), row.end());
      row.resize(std::min<std::size_t>(k, 120));
      std::vector<std::pair<std::int64_t, std::int32_t>> got;
      for (auto x = static_cast<std::size_t>(g.indptr[i]); x < static_cast<std::size_t>(g.indptr[i + 1]); ++x) {
        got.emplace_back(g.costs[x], g.indices[x]);
      }
      ASSERT_EQ(got, row) << "referral " << i << " k " << k;
    }
  }
}

// The 1/100 scale of the national instance: 1,000 referrals x 50 workers of capacity 20
// (every place taken), clustered around towns.
TEST(GeographicCost, HundredthOfTheNationalSizeIsProvedOptimal) {
  const auto [r, w] = clustered(1000, 50, 12, 18);
  const kulkija::geographic_cost cost(r.lat, r.lon, w.lat, w.lon);
  const std::vector<std::int32_t> capacity(50, 20);
  kulkija::sparse_costs graph;
  const auto geo = kulkija::solve_assignment(cost, capacity, 4, {}, &graph);
  EXPECT_EQ(geo.unassigned, 0U);
  expect_certificate(cost, capacity, geo, {});
  const auto dense = cost.matrix();
  const auto full = kulkija::solve_assignment({dense, 1000, 50}, capacity);
  EXPECT_EQ(geo.total_cost, full.total_cost);
  EXPECT_EQ(kulkija::assignment_cost({dense, 1000, 50}, capacity, geo.worker_of), geo.total_cost);
  // The graph it returns holds the optimum, and solving it alone gives the same cost.
  EXPECT_EQ(graph.indices.size(), geo.candidate_pairs);
  EXPECT_EQ(kulkija::solve_sparse_assignment(graph.view(), capacity).total_cost, full.total_cost);
  // Proved at once or after adding pairs (the auction that warms the solver decides which).
  EXPECT_TRUE(geo.how == kulkija::assignment_result::method::sparse_proved ||
              geo.how == kulkija::assignment_result::method::sparse_extended);
  EXPECT_EQ(geo.how == kulkija::assignment_result::method::sparse_proved, geo.rounds == 1);
  // Any k gives the same optimum.
  for (std::size_t k : {1U, 16U, 50U}) EXPECT_EQ(kulkija::solve_assignment(cost, capacity, k).total_cost, full.total_cost);
}

TEST(GeographicCost, PenaltiesEqualTheDenseForm) {
  const auto [r, w] = clustered(400, 30, 6, 7);
  const kulkija::geographic_cost cost(r.lat, r.lon, w.lat, w.lon);
  const std::vector<std::int32_t> capacity(30, 10);  // 300 places for 400 referrals
  std::vector<std::int64_t> penalty;
  for (std::size_t i = 0; i < 400; ++i) penalty.push_back(50'000 + static_cast<std::int64_t>(i % 7) * 40'000);
  const auto geo = kulkija::solve_assignment(cost, capacity, 3, penalty);
  const auto dense = cost.matrix();
  const auto full = kulkija::solve_assignment({dense, 400, 30}, capacity, penalty);
  EXPECT_EQ(geo.total_cost, full.total_cost);
  EXPECT_GE(geo.unassigned, 100U);
  expect_certificate(cost, capacity, geo, penalty);
}

TEST(GeographicCost, StableMatchEqualsTheDenseForm) {
  const auto [r, w] = clustered(500, 40, 9, 3);
  const kulkija::geographic_cost cost(r.lat, r.lon, w.lat, w.lon);
  const std::vector<std::int32_t> capacity(40, 12);
  const auto dense = cost.matrix();
  const kulkija::stable_preferences prefs{{dense, 500, 40}, capacity, {}, {}, {}};
  const auto geo = kulkija::stable_match(cost, capacity);
  EXPECT_EQ(geo.worker_of, kulkija::stable_match(prefs).worker_of);
  EXPECT_EQ(kulkija::find_blocking_pair(prefs, geo.worker_of), std::nullopt);
  const std::vector<std::int64_t> penalty(500, 30'000);
  const kulkija::stable_preferences near{{dense, 500, 40}, capacity, {}, {}, penalty};
  EXPECT_EQ(kulkija::stable_match(cost, capacity, penalty).worker_of, kulkija::stable_match(near).worker_of);
}

TEST(GeographicCost, RejectsBadInput) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> ok{60.0, 61.0};
  const std::vector<double> one{60.0};
  const std::vector<double> with_nan{60.0, nan};
  const std::vector<double> north{60.0, 90.5};
  const std::vector<double> east{25.0, 181.0};
  KULKIJA_EXPECT_THROW_MSG(kulkija::geographic_cost(ok, one, ok, ok), kulkija::invalid_argument,
                           "referral_lon: must have one value per referral (2, the length of referral_lat), got 1");
  KULKIJA_EXPECT_THROW_MSG(kulkija::geographic_cost(ok, ok, ok, one), kulkija::invalid_argument,
                           "worker_lon: must have one value per worker (2, the length of worker_lat), got 1");
  KULKIJA_EXPECT_THROW_MSG(kulkija::geographic_cost(with_nan, ok, ok, ok), kulkija::invalid_argument,
                           "referral_lat[1]: must be a finite latitude from -90 to 90 degrees, got nan");
  KULKIJA_EXPECT_THROW_MSG(kulkija::geographic_cost(ok, ok, north, ok), kulkija::invalid_argument,
                           "worker_lat[1]: must be a finite latitude from -90 to 90 degrees, got 90.5");
  KULKIJA_EXPECT_THROW_MSG(kulkija::geographic_cost(ok, east, ok, ok), kulkija::invalid_argument,
                           "referral_lon[1]: must be a finite longitude from -180 to 180 degrees, got 181");
  const kulkija::geographic_cost cost(ok, ok, ok, ok);
  const std::vector<std::int32_t> negative{1, -1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment(cost, negative, 1), kulkija::invalid_argument,
                           "capacity[1]: must be at least 0, got -1");
  const std::vector<std::int32_t> capacity{1, 1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment(cost, capacity, 0), kulkija::invalid_argument,
                           "k: must be at least 1");
  KULKIJA_EXPECT_THROW_MSG((void)cost.nearest(0), kulkija::invalid_argument, "k: must be at least 1");
  const std::vector<std::int64_t> short_penalty{1};
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::solve_assignment(cost, capacity, 1, short_penalty), kulkija::invalid_argument,
                           "unassigned_penalty: must have one value per referral (2), got 1");
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::stable_match(cost, negative), kulkija::invalid_argument,
                           "capacity[1]: must be at least 0, got -1");
  const std::vector<std::int32_t> too_few{1, 0};
  try {
    (void)kulkija::solve_assignment(cost, too_few, 1);
    ADD_FAILURE() << "expected matching_infeasible";
  } catch (const kulkija::invalid_argument& e) {
    EXPECT_EQ(e.id(), kulkija::error_id::matching_infeasible);
    EXPECT_EQ(e.field(), "capacity");
    EXPECT_NE(std::string(e.what()).find("total capacity 1 for 2 clients"), std::string::npos) << e.what();
  }
}

}  // namespace

// The auction that warms the exact solver takes shortcuts; whatever the shape of the capacities
// (zeros, room to spare, a single worker, everyone at one point), the result is the dense optimum.
TEST(GeographicCost, WarmStartKeepsTheOptimumOnEveryShape) {
  const auto [r, w] = clustered(240, 24, 5, 31);
  const kulkija::geographic_cost cost(r.lat, r.lon, w.lat, w.lon);
  const auto dense = cost.matrix();
  const kulkija::cost_matrix_view m{dense, 240, 24};
  std::vector<std::vector<std::int32_t>> shapes;
  shapes.emplace_back(24, 10);  // every place taken
  std::vector<std::int32_t> zeros(24, 0);
  for (std::size_t j = 0; j < 24; j += 3) zeros[j] = 30;  // 8 workers of 30, the rest none
  shapes.push_back(zeros);
  shapes.emplace_back(24, 13);  // room to spare
  std::vector<std::int32_t> uneven;
  for (std::size_t j = 0; j < 24; ++j) uneven.push_back(static_cast<std::int32_t>(j % 5 == 0 ? 50 : j % 2));
  shapes.push_back(uneven);
  std::size_t extended = 0;
  for (const auto& capacity : shapes) {
    for (std::size_t k : {1U, 4U}) {
      const auto geo = kulkija::solve_assignment(cost, capacity, k);
      if (geo.how == kulkija::assignment_result::method::sparse_extended) ++extended;
      const auto full = kulkija::solve_assignment(m, capacity);
      EXPECT_EQ(geo.total_cost, full.total_cost) << "k " << k;
      EXPECT_EQ(geo.unassigned, 0U);
      expect_certificate(cost, capacity, geo, {});
      std::vector<std::int64_t> penalty;
      for (std::size_t i = 0; i < 240; ++i) penalty.push_back(20'000 + static_cast<std::int64_t>(i % 11) * 25'000);
      const auto soft = kulkija::solve_assignment(cost, capacity, k, penalty);
      EXPECT_EQ(soft.total_cost, kulkija::solve_assignment(m, capacity, penalty).total_cost) << "k " << k;
      expect_certificate(cost, capacity, soft, penalty);
      if (soft.how == kulkija::assignment_result::method::sparse_extended) ++extended;
    }
  }
  // Some of these need pairs the first graph lacked: the rounds that add them run here.
  EXPECT_GT(extended, 0U);
  // One worker; and every referral at one point, every worker at another (all costs equal).
  const std::vector<double> one_lat{62.0}, one_lon{25.0};
  const kulkija::geographic_cost single(r.lat, r.lon, one_lat, one_lon);
  const std::vector<std::int32_t> all{240};
  EXPECT_EQ(kulkija::solve_assignment(single, all, 3).unassigned, 0U);
  const std::vector<double> same_lat(50, 61.0), same_lon(50, 24.0), wl(7, 61.5), wo(7, 24.5);
  const kulkija::geographic_cost flat(same_lat, same_lon, wl, wo);
  const std::vector<std::int32_t> seven(7, 8);
  const auto f = kulkija::solve_assignment(flat, seven, 2);
  EXPECT_EQ(f.total_cost, 50 * flat.at(0, 0));
  expect_certificate(flat, seven, f, {});
}

// The rounds after the first prove again only the referrals whose dual rose, or that lacked a
// pair, and every round skips a referral whose dual is within its nearest unlisted cost; across
// many seeds, with and without penalties, some needing several rounds, the result is still the
// dense optimum with a certificate over every pair.
TEST(GeographicCost, LaterRoundsKeepTheProofOverEveryPair) {
  std::size_t several = 0;
  for (std::uint64_t seed = 0; seed < 30; ++seed) {
    const auto [r, w] = clustered(300, 30, 5, 1000 + seed);
    const kulkija::geographic_cost cost(r.lat, r.lon, w.lat, w.lon);
    const auto dense = cost.matrix();
    const kulkija::cost_matrix_view m{dense, 300, 30};
    std::vector<std::int32_t> capacity(30, 10);
    for (std::size_t j = 0; j < 30; j += 4) capacity[j] = static_cast<std::int32_t>(seed % 3) * 5;
    std::vector<std::int64_t> penalty;
    for (std::size_t i = 0; i < 300; ++i) penalty.push_back(20'000 + static_cast<std::int64_t>((i + seed) % 11) * 25'000);
    for (std::size_t k : {1U, 2U, 4U}) {
      const auto soft = kulkija::solve_assignment(cost, capacity, k, penalty);
      EXPECT_EQ(soft.total_cost, kulkija::solve_assignment(m, capacity, penalty).total_cost) << "seed " << seed << ", k " << k;
      expect_certificate(cost, capacity, soft, penalty);
      if (soft.rounds > 1) ++several;
      if (seed % 3 != 2) continue;  // every place taken (300 for 300): all must be assigned
      const auto geo = kulkija::solve_assignment(cost, capacity, k);
      EXPECT_EQ(geo.total_cost, kulkija::solve_assignment(m, capacity).total_cost) << "seed " << seed << ", k " << k;
      expect_certificate(cost, capacity, geo, {});
      if (geo.rounds > 1) ++several;
    }
  }
  EXPECT_GT(several, 5U);
}
