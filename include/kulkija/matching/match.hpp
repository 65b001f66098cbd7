#pragma once
/// @file
/// @brief Matching clients with link workers under a policy: optimal, stable and online,
/// with every match explained.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/matching/assignment.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/score.hpp"

namespace kulkija {

/// @addtogroup matching
/// @{

/// @brief A client matched with a worker, and why.
struct matched_pair {
  std::size_t client_index = 0;  ///< the client's position in the input
  std::size_t worker_index = 0;  ///< the worker's position in the input
  client_id client;              ///< the client's pseudonym
  link_worker_id worker;         ///< the worker
  match_score score;             ///< the explained score
};

/// @brief A client left without a worker, and why.
struct unmatched_client {
  std::size_t client_index = 0;  ///< the client's position in the input
  client_id client;              ///< the client's pseudonym
  localized_text reason;         ///< why, in fi, sv and en
  std::vector<match_exclusion> exclusions;  ///< the hard constraints that excluded the most workers, most common first
};

/// @brief The result of matching.
struct match_result {
  std::vector<matched_pair> matched;        ///< matched clients, in input order
  std::vector<unmatched_client> unmatched;  ///< unmatched clients, in input order
  double total_score = 0;                   ///< the sum of the matched pairs' scores
  /// @brief The workers no client could have on the day (not active, required training
  /// not valid, supervision overdue), in input order, each with its reasons and dates.
  std::vector<worker_standing> excluded_workers;
};

/// @brief Travel times in minutes, clients by workers in row-major order; a negative or
/// non-finite value marks an unreachable pair.
struct travel_time_matrix {
  std::span<const double> minutes;  ///< `clients * workers` minutes, row by row
  std::size_t clients = 0;          ///< number of rows
  std::size_t workers = 0;          ///< number of columns
};

/// @brief Scores every pair: the explained scores and the integer costs the solvers use.
///
/// The cost of an allowed pair is `round((sum of weights - score) * 1000)`; an excluded
/// pair costs forbidden_cost. The penalty of leaving client `i` unassigned is
/// `round((sum of weights + policy penalty * priority) * 1000)`, or without a policy penalty
/// so large (times the priority) that assigning more clients always comes first.
///
/// Only the costs and the exclusions are kept for every pair (a region of 10,000 clients and
/// 1,000 workers is 10 million pairs); the explained score of a pair is score_pair() again.
/// What the workforce policy makes of a worker (standing_of()) is computed once per worker.
struct scored_problem {
  std::vector<std::uint16_t> exclusions;    ///< clients x workers, row-major: bit e set when match_exclusion e fails
  std::vector<std::int64_t> cost;           ///< clients x workers, row-major
  std::vector<std::int32_t> capacity;       ///< each worker's free places now (effective_free_places())
  std::vector<std::int64_t> penalty;        ///< each client's penalty
  std::vector<std::uint16_t> worker_exclusions;  ///< each worker's worker-level exclusions (bit e: match_exclusion e)
};

/// @brief Scores every client against every worker: the costs and exclusions the solvers use.
/// @param policy the policy (validated)
/// @param clients the clients
/// @param workers the workers
/// @param on the day of the match
/// @param travel the travel times, required with the travel_time method
/// @return the costs, exclusions, capacities and penalties
/// @throws invalid_argument naming the policy's field, `clients[i].<field>` or `travel`
///         (wrong shape, or missing with the travel_time method).
[[nodiscard]] scored_problem score_all(const matching_policy& policy, std::span<const matching_client> clients,
                                       std::span<const link_worker> workers, date on,
                                       const std::optional<travel_time_matrix>& travel = std::nullopt);

/// @brief Matches clients with link workers to maximise the total score (solve_assignment()).
/// @param policy the policy
/// @param clients the clients
/// @param workers the workers, whose free places bound how many clients each gets
/// @param on the day of the match
/// @param travel the travel times, required with the travel_time method
/// @return the matches and the unmatched with reasons
/// @throws invalid_argument as score_all().
[[nodiscard]] match_result match(const matching_policy& policy, std::span<const matching_client> clients,
                                 std::span<const link_worker> workers, date on,
                                 const std::optional<travel_time_matrix>& travel = std::nullopt);

/// @brief Matches clients with link workers by client-proposing deferred acceptance: each
/// client prefers the higher score, each worker the client of higher priority, then the
/// higher score (stable_match()).
/// @param policy the policy
/// @param clients the clients
/// @param workers the workers
/// @param on the day of the match
/// @param travel the travel times, required with the travel_time method
/// @return the stable matches and the unmatched with reasons
/// @throws invalid_argument as score_all().
[[nodiscard]] match_result stable_match(const matching_policy& policy, std::span<const matching_client> clients,
                                        std::span<const link_worker> workers, date on,
                                        const std::optional<travel_time_matrix>& travel = std::nullopt);

/// @brief Online matching of one new referral: the allowed worker with a free place and
/// the highest score now (the first on ties).
/// @param policy the policy
/// @param c the new client
/// @param workers the workers, with their current caseloads
/// @param on the day
/// @param travel_minutes the client's travel time to each worker, required with the travel_time method
/// @return the match, or the client as unmatched with the reason
/// @throws invalid_argument as score_all().
[[nodiscard]] match_result match_one(const matching_policy& policy, const matching_client& c,
                                     std::span<const link_worker> workers, date on,
                                     std::span<const double> travel_minutes = {});

/// @}

}  // namespace kulkija
