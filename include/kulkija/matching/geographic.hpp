#pragma once
/// @file
/// @brief Costs from geography (the great-circle distance between a referral and a link
/// worker, in metres) without a dense matrix, and the exact assignment and stable matching
/// on them at national size.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "kulkija/core/geo.hpp"
#include "kulkija/matching/assignment.hpp"
#include "kulkija/matching/sparse_assignment.hpp"
#include "kulkija/matching/stable.hpp"

namespace kulkija {

namespace detail {
struct worker_tree;
}  // namespace detail

class geographic_cost;

/// @addtogroup matching
/// @{

/// @brief Solves the capacitated assignment exactly on geographic costs, proved optimal over
/// every referral and worker pair without a dense matrix.
///
/// It starts from each referral's `k` nearest workers (found with a tree of the workers) and,
/// when every referral that must be placed has room, from the prices of an auction with
/// epsilon-scaling (each worker as `capacity` alike slots; the list of a referral grows by a
/// search of the tree by distance plus price when an unlisted worker might come before its
/// second choice), which keep the exact solver's shortest paths short on tight instances. It
/// solves the candidate graph exactly, then
/// checks every pair by its reduced cost at the solution's prices, pruning whole branches of
/// the tree by a lower bound of the distance plus the least price in the branch: a pair the
/// check skips has a reduced cost of at least 0. Each referral with pairs of negative reduced
/// cost gets up to `k` more (those of least distance plus price) and the graph is solved
/// again, from the last prices, until no pair has a negative reduced cost: then the prices
/// prove the assignment optimal for all `referrals x workers` pairs (assignment_result::how is
/// `sparse_proved` when the first graph sufficed, else `sparse_extended`; `rounds` counts the
/// solves, `violated_arcs` the pairs the first check found, `candidate_pairs` the last graph's
/// size). Without penalties, a referral left over by the candidate graph is kept at a penalty
/// larger than any chain of moves can save, so the rounds widen its candidates until it fits,
/// or the whole problem is infeasible. Memory is in the candidate pairs, not in the product.
/// @code
/// std::vector<double> rlat{60.17, 61.50}, rlon{24.94, 23.76};   // Helsinki, Tampere
/// std::vector<double> wlat{60.20, 61.45}, wlon{24.90, 23.80};
/// kulkija::geographic_cost cost(rlat, rlon, wlat, wlon);
/// std::vector<std::int32_t> capacity{1, 1};
/// auto r = kulkija::solve_assignment(cost, capacity, 1);
/// // r.worker_of == {0, 1}, r.total_cost is the sum of the two distances in metres
/// @endcode
/// @param cost the geographic costs
/// @param capacity the capacity of each worker, at least 0
/// @param k how many nearest workers each referral starts with, at least 1
/// @param unassigned_penalty the penalty (in metres) of leaving each referral unassigned, one
///        per referral, or empty when every referral must be assigned
/// @param candidates when not null, receives the sparse graph of the last solve (which holds
///        the optimal assignment), for checking the result with another solver
/// @return the optimal assignment with its certificate
/// @throws invalid_argument (id invalid_value) naming `capacity`, `unassigned_penalty` or `k`
///         when a size or value breaks its rule; (id matching_infeasible) naming `capacity`
///         when, without penalties, some referral cannot be assigned.
[[nodiscard]] assignment_result solve_assignment(const geographic_cost& cost, std::span<const std::int32_t> capacity,
                                                 std::size_t k, std::span<const std::int64_t> unassigned_penalty = {},
                                                 sparse_costs* candidates = nullptr);

/// @brief Client-proposing deferred acceptance on geographic costs: each referral proposes to
/// workers in increasing distance (lower index on ties), each worker prefers the nearer
/// referral (then the lower index). The preference lists are built lazily from the tree of
/// workers, a few nearest at a time, so memory stays in the proposals made.
/// @param cost the geographic costs
/// @param capacity the capacity of each worker, at least 0
/// @param unassigned_penalty when not empty, one distance in metres per referral: the referral
///        rejects workers farther than it
/// @return the matching, stable for these preferences (the same as stable_match() on the dense
///         matrix of the costs)
/// @throws invalid_argument (id invalid_value) naming `capacity` or `unassigned_penalty` when a
///         size or value breaks its rule.
[[nodiscard]] stable_result stable_match(const geographic_cost& cost, std::span<const std::int32_t> capacity,
                                         std::span<const std::int64_t> unassigned_penalty = {});

/// @brief The costs of referrals and link workers by the great-circle distance between their
/// points, in whole metres: `llround(1000 * haversine_km(referral, worker))`.
///
/// Holds the points and a tree of the workers' points (in three-dimensional unit vectors, so
/// the antimeridian and the poles need no care), never the `referrals x workers` matrix.
/// Copies share the tree.
/// @code
/// std::vector<double> rlat{63.84}, rlon{23.13}, wlat{63.90, 64.00}, wlon{23.92, 23.00};
/// kulkija::geographic_cost cost(rlat, rlon, wlat, wlon);
/// auto m = cost.at(0, 0);            // about 39,000 (metres)
/// auto g = cost.nearest(1);          // g.indices == {1}: the worker at 64.00, 23.00 is nearer
/// @endcode
class geographic_cost {
 public:
  /// @brief Creates the costs from the referrals' and workers' coordinates (WGS 84 degrees).
  /// @param referral_lat each referral's latitude, -90 to 90
  /// @param referral_lon each referral's longitude, -180 to 180
  /// @param worker_lat each worker's latitude, -90 to 90
  /// @param worker_lon each worker's longitude, -180 to 180
  /// @throws invalid_argument (id invalid_value) naming `referral_lon` or
  ///         `worker_lon` when its length differs from the latitudes', or the value, e.g.
  ///         `referral_lat[3]: must be a finite latitude from -90 to 90 degrees, got nan`;
  ///         naming `worker_lat` when there are 2^31 workers or more.
  geographic_cost(std::span<const double> referral_lat, std::span<const double> referral_lon,
                  std::span<const double> worker_lat, std::span<const double> worker_lon);

  /// @brief The number of referrals (rows).
  [[nodiscard]] std::size_t referrals() const noexcept { return referrals_.size(); }
  /// @brief The number of workers (columns).
  [[nodiscard]] std::size_t workers() const noexcept { return workers_.size(); }
  /// @brief A referral's point.
  /// @param referral the referral, less than referrals()
  /// @return its point
  [[nodiscard]] const geo_point& referral(std::size_t referral) const noexcept { return referrals_[referral]; }
  /// @brief A worker's point.
  /// @param worker the worker, less than workers()
  /// @return its point
  [[nodiscard]] const geo_point& worker(std::size_t worker) const noexcept { return workers_[worker]; }
  /// @brief The cost of a pair: the great-circle distance in whole metres.
  /// @param referral the referral, less than referrals()
  /// @param worker the worker, less than workers()
  /// @return `llround(1000 * haversine_km(referral, worker))`
  [[nodiscard]] std::int64_t at(std::size_t referral, std::size_t worker) const noexcept;
  /// @brief Each referral's `k` nearest workers (all when there are fewer), nearest first and
  /// the lower index first on equal distances, as a sparse graph.
  /// @param k how many workers per referral, at least 1
  /// @return the graph, `referrals x k` pairs at most
  /// @throws invalid_argument (id invalid_value) naming `k` when it is 0.
  [[nodiscard]] sparse_costs nearest(std::size_t k) const;
  /// @brief The dense `referrals x workers` matrix of the costs, row by row: for small
  /// instances and tests only.
  /// @return the matrix's values
  [[nodiscard]] std::vector<std::int64_t> matrix() const;

  /// @brief Equal when the points are equal.
  friend bool operator==(const geographic_cost& a, const geographic_cost& b) noexcept {
    return a.referrals_ == b.referrals_ && a.workers_ == b.workers_;
  }

 private:
  friend assignment_result solve_assignment(const geographic_cost& cost, std::span<const std::int32_t> capacity,
                                            std::size_t k, std::span<const std::int64_t> unassigned_penalty,
                                            sparse_costs* candidates);
  friend stable_result stable_match(const geographic_cost& cost, std::span<const std::int32_t> capacity,
                                    std::span<const std::int64_t> unassigned_penalty);

  std::vector<geo_point> referrals_;
  std::vector<geo_point> workers_;
  std::shared_ptr<const detail::worker_tree> tree_;
};

/// @}

}  // namespace kulkija
