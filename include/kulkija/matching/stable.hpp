#pragma once
/// @file
/// @brief Stable matching of clients with link workers that have capacities
/// (client-proposing deferred acceptance) and its verifier.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "kulkija/matching/assignment.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief The preferences of a stable matching, as costs (lower is better).
///
/// A client prefers the worker of lower `client_cost` (then the lower index) and finds a
/// worker acceptable when the pair is allowed and, with a penalty, costs no more than it.
/// A worker prefers the client of higher `priority`, then lower `worker_cost` (the client's
/// own cost when `worker_cost` is empty), then the lower index: the workers' priority rules.
struct stable_preferences {
  cost_matrix_view client_cost;                 ///< clients' costs of each worker
  std::span<const std::int32_t> capacity;       ///< each worker's capacity
  cost_matrix_view worker_cost;                 ///< workers' costs of each client (empty: use client_cost)
  std::span<const std::int32_t> priority;       ///< each client's priority, higher first (empty: all equal)
  std::span<const std::int64_t> unassigned_penalty;  ///< a client rejects workers dearer than this (empty: none)
};

/// @brief The result of stable_match().
struct stable_result {
  std::vector<std::int32_t> worker_of;  ///< the worker of each client, -1 when unassigned
  std::size_t proposals = 0;            ///< proposals made
};

/// @brief Client-proposing deferred acceptance with capacities (Gale and Shapley; Roth's
/// college admissions): the client-optimal stable matching.
/// @param prefs the preferences
/// @return the matching, stable: no client and worker would both rather be together
/// @throws invalid_argument (id invalid_value) naming `client_cost`, `worker_cost`,
///         `capacity`, `priority` or `unassigned_penalty` when a size or value is wrong.
[[nodiscard]] stable_result stable_match(const stable_preferences& prefs);

/// @brief Finds a blocking pair of a matching: a client and a worker, acceptable to each
/// other, where the client would rather have the worker than its own (or none) and the
/// worker has room or would rather have the client than one of its own.
/// @param prefs the preferences
/// @param worker_of the matching to check, -1 for unassigned
/// @return the first blocking pair (client, worker) found, or nothing when the matching is stable
/// @throws invalid_argument (id invalid_value) naming `worker_of` when its size is wrong,
///         a worker index is out of range, a worker is over capacity or a pair is not acceptable.
[[nodiscard]] std::optional<std::pair<std::size_t, std::size_t>> find_blocking_pair(
    const stable_preferences& prefs, std::span<const std::int32_t> worker_of);

/// @}

}  // namespace kulkija
