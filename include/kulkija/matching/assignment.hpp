#pragma once
/// @file
/// @brief Exact minimum-cost assignment of clients to link workers with capacities: dense,
/// sparse k-best with an optimality proof, and online single assignment.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace kulkija {

/// @defgroup matching Matching
/// @brief Link workers, the matching policy, explained scores, the optimal, stable and
/// online solvers that match clients with link workers, and reassignment when a worker
/// leaves or goes on leave (which runs the matching). A link worker holds its workforce facts
/// (workforce_member) and the matching asks the @ref workforce area whether the worker can
/// take clients on a day.
/// @{

/// @brief The cost that marks a pair as not allowed (a hard constraint failed).
inline constexpr std::int64_t forbidden_cost = std::numeric_limits<std::int64_t>::max();

/// @brief The largest absolute allowed cost or penalty: 2^40 (about 1.1e12), so that sums
/// over every client fit in 64 bits.
inline constexpr std::int64_t max_abs_cost = std::int64_t{1} << 40;

/// @brief A read-only dense cost matrix, clients by workers, in row-major order.
///
/// Entry `(i, j)` is the cost of giving worker `j` to client `i`, or forbidden_cost when
/// the pair is not allowed. The matrix does not own its values.
struct cost_matrix_view {
  std::span<const std::int64_t> values;  ///< `clients * workers` costs, row by row
  std::size_t clients = 0;               ///< number of rows
  std::size_t workers = 0;               ///< number of columns
  /// @brief The cost of the pair `(client, worker)`.
  /// @param client the row
  /// @param worker the column
  /// @return the cost, or forbidden_cost
  [[nodiscard]] std::int64_t at(std::size_t client, std::size_t worker) const noexcept {
    return values[client * workers + worker];
  }
};

/// @brief The result of an assignment solver.
struct assignment_result {
  std::vector<std::int32_t> worker_of;  ///< the worker of each client, -1 when unassigned
  std::int64_t total_cost = 0;          ///< assigned costs plus the penalties of the unassigned
  std::int64_t assigned_cost = 0;       ///< the sum of the assigned pairs' costs
  std::size_t unassigned = 0;           ///< number of clients left unassigned
  /// @brief The dual price of each worker (0 unless the worker is full): a certificate of
  /// optimality together with the assignment, since no client can do better at these prices.
  std::vector<std::int64_t> worker_price;
  /// @brief How a k-best result was proved optimal for the whole matrix.
  enum class method : std::uint8_t {
    dense,            ///< solve_assignment(): optimal for the whole matrix
    sparse_proved,    ///< the k-best solution's reduced costs prove it optimal at once
    sparse_extended,  ///< optimal after adding the excluded pairs of negative reduced cost and solving again
    sparse_fallback,  ///< the k-best problem was infeasible or never proved: the whole matrix was solved
    sparse_graph,     ///< solve_sparse_assignment(): optimal for the given sparse graph (its pairs only)
  };
  method how = method::dense;           ///< how the result was proved optimal
  std::size_t violated_arcs = 0;        ///< excluded pairs with negative reduced cost after the first k-best solve
  std::size_t rounds = 0;               ///< k-best solves until the proof held (0: none held)
  std::size_t candidate_pairs = 0;      ///< pairs in the last sparse graph solved (0 for a dense solve)
  std::size_t augmentations = 0;        ///< shortest augmenting paths found (for benchmarks)
};

/// @brief Solves the capacitated assignment exactly: every client gets at most one worker,
/// worker `j` gets at most `capacity[j]` clients, and the sum of the costs plus the
/// penalties of unassigned clients is minimal.
///
/// The algorithm is successive shortest paths with potentials on the compact bipartite
/// graph (clients, workers with capacities, and an "unassigned" column with the penalty):
/// one Dijkstra search over the workers per client, dense in the workers, so a full worker
/// is entered once and its clients are scanned as one block. Every partial solution is
/// optimal for the clients assigned so far, so the final one is optimal; the worker prices
/// returned are the dual certificate. With more than 96 workers it first solves on each
/// client's 24 cheapest workers and adds every pair whose reduced cost at the resulting
/// prices is negative until none is left (column generation; exact, since the prices then
/// prove optimality for the whole matrix), and solves the whole matrix directly when that
/// does not converge within 12 rounds.
/// Priorities are expressed as penalties: a client whose penalty is higher is left
/// unassigned last.
/// @code
/// std::vector<std::int64_t> cost{4, 1, 2, 8, 3, 5};  // 3 clients x 2 workers
/// std::vector<std::int32_t> capacity{2, 1};
/// auto r = kulkija::solve_assignment({cost, 3, 2}, capacity);
/// // r.worker_of == {1, 0, 0} and r.total_cost == 1 + 2 + 3 == 6
/// @endcode
/// @param cost the cost matrix
/// @param capacity the capacity of each worker, at least 0
/// @param unassigned_penalty the penalty of leaving each client unassigned (one per client),
///        or empty when every client must be assigned
/// @return the optimal assignment
/// @throws invalid_argument (id invalid_value) naming `cost`, `capacity` or
///         `unassigned_penalty` when a size does not match or a value is out of range; (id
///         matching_infeasible) naming `capacity` when, without penalties, some client cannot
///         be assigned (not enough capacity or only forbidden pairs).
[[nodiscard]] assignment_result solve_assignment(cost_matrix_view cost, std::span<const std::int32_t> capacity,
                                                 std::span<const std::int64_t> unassigned_penalty = {});

/// @brief Solves the assignment on each client's `k` cheapest workers only, then proves the
/// result optimal for the whole matrix by checking that no excluded pair has a negative
/// reduced cost at the solution's prices. When the proof fails it adds the offending pairs
/// and solves again (up to 12 rounds); when the sparse problem is infeasible or the rounds
/// run out it solves the whole matrix with solve_assignment(). assignment_result::how says
/// which happened.
/// @param cost the cost matrix
/// @param capacity the capacity of each worker
/// @param k how many candidate workers per client, at least 1
/// @param unassigned_penalty as for solve_assignment()
/// @return the optimal assignment, with `how` and `violated_arcs` telling how it was proved
/// @throws invalid_argument as solve_assignment(), and (id invalid_value) naming `k`.
[[nodiscard]] assignment_result solve_assignment_k_best(cost_matrix_view cost, std::span<const std::int32_t> capacity,
                                                        std::size_t k,
                                                        std::span<const std::int64_t> unassigned_penalty = {});

/// @brief Checks that an assignment is feasible and returns its total cost.
/// @param cost the cost matrix
/// @param capacity the capacity of each worker
/// @param worker_of the worker of each client, -1 when unassigned
/// @param unassigned_penalty as for solve_assignment()
/// @return the sum of assigned costs and penalties
/// @throws invalid_argument (id invalid_value) naming `worker_of[i]` for a forbidden pair, a
///         worker over capacity, or an unassigned client without a penalty.
[[nodiscard]] std::int64_t assignment_cost(cost_matrix_view cost, std::span<const std::int32_t> capacity,
                                           std::span<const std::int32_t> worker_of,
                                           std::span<const std::int64_t> unassigned_penalty = {});

/// @brief Online assignment of one new client: the cheapest allowed worker that still has
/// room now (lowest index on ties), or nothing when none has, or when every such worker
/// costs more than the penalty.
/// @param cost the new client's cost for each worker (forbidden_cost when not allowed)
/// @param capacity the capacity of each worker
/// @param load the current number of clients of each worker
/// @param unassigned_penalty the penalty of leaving the client unassigned, if any
/// @return the worker's index, or nothing
/// @throws invalid_argument (id invalid_value) naming `capacity` or `load` when sizes differ.
[[nodiscard]] std::optional<std::size_t> assign_one(std::span<const std::int64_t> cost,
                                                    std::span<const std::int32_t> capacity,
                                                    std::span<const std::int32_t> load,
                                                    std::optional<std::int64_t> unassigned_penalty = std::nullopt);

/// @}

}  // namespace kulkija
