#pragma once
/// @file
/// @brief Exact minimum-cost assignment on a sparse cost graph in compressed rows (CSR), for
/// callers that hold their own candidate pairs.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "kulkija/matching/assignment.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief A read-only sparse cost graph in compressed sparse rows (the CSR layout of
/// `scipy.sparse.csr_matrix`): the allowed workers of client `i` are
/// `indices[indptr[i]] .. indices[indptr[i + 1] - 1]`, at `costs` of the same positions.
///
/// A pair that is not listed is forbidden. The view does not own its values.
struct sparse_cost_view {
  std::span<const std::int64_t> indptr;   ///< `clients + 1` offsets, from 0, not decreasing, the last `indices.size()`
  std::span<const std::int32_t> indices;  ///< the worker of each listed pair, from 0 to `workers - 1`
  std::span<const std::int64_t> costs;    ///< the cost of each listed pair, from -2^40 to 2^40
  std::size_t workers = 0;                ///< number of workers (columns)
  /// @brief The number of clients (rows): `indptr.size() - 1`, or 0 when `indptr` is empty.
  [[nodiscard]] std::size_t clients() const noexcept { return indptr.empty() ? 0 : indptr.size() - 1; }
};

/// @brief A sparse cost graph that owns its arrays, in the layout of sparse_cost_view.
struct sparse_costs {
  std::vector<std::int64_t> indptr;   ///< `clients + 1` offsets
  std::vector<std::int32_t> indices;  ///< the worker of each pair
  std::vector<std::int64_t> costs;    ///< the cost of each pair
  std::size_t workers = 0;            ///< number of workers
  /// @brief A view of the arrays.
  /// @return the view, valid while this object lives and is not changed
  [[nodiscard]] sparse_cost_view view() const noexcept { return {indptr, indices, costs, workers}; }
  /// @brief Graphs are equal when their arrays are.
  friend bool operator==(const sparse_costs&, const sparse_costs&) = default;
};

/// @brief Each client's `k` cheapest allowed workers of a dense matrix as a sparse graph
/// (all of them when a client has fewer; lower index first on equal costs), in increasing
/// cost within each row.
/// @code
/// std::vector<std::int64_t> cost{4, 1, 2, 8, 3, 5};  // 3 clients x 2 workers
/// auto g = kulkija::k_cheapest({cost, 3, 2}, 1);
/// // g.indptr == {0, 1, 2, 3}, g.indices == {1, 0, 0}, g.costs == {1, 2, 3}
/// @endcode
/// @param cost the cost matrix (forbidden_cost pairs are left out)
/// @param k how many workers per client, at least 1
/// @return the graph
/// @throws invalid_argument (id invalid_value) naming `cost` when its size does not match, or `k`
///         when it is 0.
[[nodiscard]] sparse_costs k_cheapest(cost_matrix_view cost, std::size_t k);

/// @brief Solves the capacitated assignment exactly on a sparse graph: the same problem as
/// solve_assignment() with every pair that the graph does not list forbidden.
///
/// The solver is the same successive shortest paths with potentials, with a heap of open
/// workers, so a search costs time in the pairs it reaches rather than in all workers. It
/// starts from the worker prices of an auction with epsilon-scaling on the graph (where
/// penalties are given or the places suffice for every client): on tight graphs, where nearly
/// every place is taken and the clients of a crowded area must go far, the paths from zero
/// prices would cross most of the graph for each late client. When a worker with a positive
/// price ends with room (an area with more clients than places, and penalties), searches
/// backwards from it lower the prices and move clients towards it until none is left, which
/// makes the result optimal again. Graphs of
/// 2^20 pairs and more are solved on a copy whose rows are in the order of each client's
/// cheapest worker (for the memory's sake); results and messages are in the caller's
/// numbering. The
/// result is optimal for the graph (assignment_result::how is `sparse_graph`) and its
/// worker prices are the dual certificate on the graph's pairs. A pair listed twice counts
/// at its lower cost.
/// @code
/// std::vector<std::int64_t> indptr{0, 2, 3, 5};
/// std::vector<std::int32_t> indices{0, 1, 0, 0, 1};
/// std::vector<std::int64_t> costs{4, 1, 2, 3, 5};
/// std::vector<std::int32_t> capacity{2, 1};
/// auto r = kulkija::solve_sparse_assignment({indptr, indices, costs, 2}, capacity);
/// // r.worker_of == {1, 0, 0} and r.total_cost == 6
/// @endcode
/// @param cost the sparse graph
/// @param capacity the capacity of each worker, at least 0 (one per worker of the graph)
/// @param unassigned_penalty as for solve_assignment()
/// @return the optimal assignment on the graph
/// @throws invalid_argument (id invalid_value) naming `indptr`, `indices[x]`, `costs[x]`,
///         `capacity` or `unassigned_penalty` when a size or value breaks its rule; (id
///         matching_infeasible) naming `capacity` when, without penalties, some client cannot
///         be assigned.
[[nodiscard]] assignment_result solve_sparse_assignment(sparse_cost_view cost, std::span<const std::int32_t> capacity,
                                                        std::span<const std::int64_t> unassigned_penalty = {});

/// @}

}  // namespace kulkija
