#include "kulkija/matching/assignment.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "assignment_impl.hpp"

namespace kulkija {

namespace {

using detail::shortest_paths;
using detail::solve_rows;
using detail::candidate_lists;
using detail::rows_of;
using detail::sparse_rows;

void check_inputs(cost_matrix_view cost, std::span<const std::int32_t> capacity,
                  std::span<const std::int64_t> penalty) {
  if (cost.values.size() != cost.clients * cost.workers) {
    throw invalid_argument(error_id::invalid_value, "cost",
                           "must hold clients x workers = " + std::to_string(cost.clients * cost.workers) +
                               " values, got " + std::to_string(cost.values.size()));
  }
  if (cost.clients > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()) ||
      cost.workers > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max() - 1)) {
    throw invalid_argument(error_id::invalid_value, "cost", "must have fewer than 2^31 rows and columns");
  }
  if (capacity.size() != cost.workers) {
    throw invalid_argument(error_id::invalid_value, "capacity",
                           "must have one value per worker (" + std::to_string(cost.workers) + "), got " +
                               std::to_string(capacity.size()));
  }
  for (std::size_t j = 0; j < capacity.size(); ++j) {
    if (capacity[j] < 0) {
      throw invalid_argument(error_id::invalid_value, "capacity[" + std::to_string(j) + "]",
                             "must be at least 0, got " + std::to_string(capacity[j]));
    }
  }
  if (!penalty.empty() && penalty.size() != cost.clients) {
    throw invalid_argument(error_id::invalid_value, "unassigned_penalty",
                           "must have one value per client (" + std::to_string(cost.clients) + "), got " +
                               std::to_string(penalty.size()));
  }
  for (std::size_t i = 0; i < penalty.size(); ++i) {
    if (penalty[i] < -max_abs_cost || penalty[i] > max_abs_cost) {
      throw invalid_argument(error_id::invalid_value, "unassigned_penalty[" + std::to_string(i) + "]",
                             "must be from -2^40 to 2^40, got " + std::to_string(penalty[i]));
    }
  }
  for (std::size_t x = 0; x < cost.values.size(); ++x) {
    const std::int64_t c = cost.values[x];
    if (c != forbidden_cost && (c < -max_abs_cost || c > max_abs_cost)) {
      throw invalid_argument(error_id::invalid_value,
                             "cost[" + std::to_string(x / cost.workers) + "][" + std::to_string(x % cost.workers) + "]",
                             "must be from -2^40 to 2^40 or forbidden_cost, got " + std::to_string(c));
    }
  }
}

// Rows of the dense matrix: every allowed worker of a client.
struct dense_rows {
  cost_matrix_view cost;
  template <class F>
  void for_each(std::size_t i, F&& f) const {
    const std::int64_t* row = cost.values.data() + i * cost.workers;
    for (std::size_t k = 0; k < cost.workers; ++k) {
      if (row[k] != forbidden_cost) f(k, row[k]);
    }
  }
};

// Solves on candidate pairs (each client's k cheapest, then every pair found with a negative
// reduced cost) until the prices prove the solution optimal for the whole matrix; nothing
// when the candidates stay infeasible or the rounds run out.
std::optional<assignment_result> solve_by_pricing(cost_matrix_view cost, std::span<const std::int32_t> capacity,
                                                  std::size_t k, std::span<const std::int64_t> penalty,
                                                  std::size_t max_rounds, std::size_t& first_violations) {
  candidate_lists cand(cost.clients);
  std::vector<std::pair<std::int64_t, std::int32_t>> row;
  row.reserve(cost.workers);
  for (std::size_t i = 0; i < cost.clients; ++i) {
    row.clear();
    const std::int64_t* c = cost.values.data() + i * cost.workers;
    for (std::size_t j = 0; j < cost.workers; ++j) {
      if (c[j] != forbidden_cost) row.emplace_back(c[j], static_cast<std::int32_t>(j));
    }
    if (row.size() > k) {
      std::nth_element(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k), row.end());
      row.resize(k);
    }
    std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    cand[i] = row;
  }
  first_violations = 0;
  std::vector<std::int64_t> prices;
  for (std::size_t round = 0; round < max_rounds; ++round) {
    sparse_rows rows = rows_of(cand);
    std::vector<std::int64_t> dual;
    assignment_result r;
    try {
      // From the second round on, start from the last round's prices; the result is
      // optimal when every worker with a positive price is full, else solve again cold.
      r = solve_rows(rows, cost.clients, cost.workers, capacity, penalty, &dual, std::span<const std::int64_t>(prices));
      if (!prices.empty()) {
        std::vector<std::int32_t> load(cost.workers, 0);
        for (std::int32_t j : r.worker_of) {
          if (j >= 0) ++load[static_cast<std::size_t>(j)];
        }
        bool complementary = true;
        for (std::size_t j = 0; j < cost.workers && complementary; ++j) {
          complementary = r.worker_price[j] == 0 || load[j] == capacity[j];
        }
        if (!complementary) r = solve_rows(rows, cost.clients, cost.workers, capacity, penalty, &dual);
      }
    } catch (const invalid_argument& e) {
      if (e.id() != error_id::matching_infeasible) throw;
      return std::nullopt;
    }
    prices = r.worker_price;
    r.candidate_pairs = rows.worker.size();
    // The proof: no pair outside the candidates has a negative reduced cost at these prices.
    std::size_t violated = 0;
    for (std::size_t i = 0; i < cost.clients; ++i) {
      const std::int64_t* c = cost.values.data() + i * cost.workers;
      const std::int64_t u = dual[i];
      bool added = false;
      for (std::size_t j = 0; j < cost.workers; ++j) {
        if (c[j] != forbidden_cost && c[j] + r.worker_price[j] < u) {
          ++violated;
          cand[i].emplace_back(c[j], static_cast<std::int32_t>(j));
          added = true;
        }
      }
      if (added) std::sort(cand[i].begin(), cand[i].end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    }
    if (round == 0) first_violations = violated;
    if (violated == 0) {
      r.how = round == 0 ? assignment_result::method::sparse_proved : assignment_result::method::sparse_extended;
      r.violated_arcs = first_violations;
      r.rounds = round + 1;
      return r;
    }
  }
  return std::nullopt;
}

// Candidate pairs per client with which the dense solver starts pricing.
constexpr std::size_t dense_candidates = 24;
constexpr std::size_t pricing_rounds = 12;

}  // namespace

assignment_result solve_assignment(cost_matrix_view cost, std::span<const std::int32_t> capacity,
                                   std::span<const std::int64_t> unassigned_penalty) {
  check_inputs(cost, capacity, unassigned_penalty);
  if (cost.workers > 4 * dense_candidates) {
    std::size_t violations = 0;
    if (auto r = solve_by_pricing(cost, capacity, dense_candidates, unassigned_penalty, pricing_rounds, violations)) {
      r->how = assignment_result::method::dense;
      r->violated_arcs = 0;
      return *std::move(r);
    }
  }
  return solve_rows(dense_rows{cost}, cost.clients, cost.workers, capacity, unassigned_penalty);
}

assignment_result solve_assignment_k_best(cost_matrix_view cost, std::span<const std::int32_t> capacity, std::size_t k,
                                          std::span<const std::int64_t> unassigned_penalty) {
  check_inputs(cost, capacity, unassigned_penalty);
  if (k == 0) throw invalid_argument(error_id::invalid_value, "k", "must be at least 1");
  std::size_t violations = 0;
  if (auto r = solve_by_pricing(cost, capacity, k, unassigned_penalty, pricing_rounds, violations)) return *std::move(r);
  assignment_result full = solve_assignment(cost, capacity, unassigned_penalty);
  full.how = assignment_result::method::sparse_fallback;
  full.violated_arcs = violations;
  return full;
}

std::int64_t assignment_cost(cost_matrix_view cost, std::span<const std::int32_t> capacity,
                             std::span<const std::int32_t> worker_of, std::span<const std::int64_t> unassigned_penalty) {
  check_inputs(cost, capacity, unassigned_penalty);
  if (worker_of.size() != cost.clients) {
    throw invalid_argument(error_id::invalid_value, "worker_of",
                           "must have one value per client (" + std::to_string(cost.clients) + "), got " +
                               std::to_string(worker_of.size()));
  }
  std::vector<std::int32_t> load(cost.workers, 0);
  std::int64_t total = 0;
  for (std::size_t i = 0; i < cost.clients; ++i) {
    const std::string field = "worker_of[" + std::to_string(i) + "]";
    const std::int32_t j = worker_of[i];
    if (j < 0) {
      if (unassigned_penalty.empty()) throw invalid_argument(error_id::invalid_value, field, "is unassigned but no penalty allows that");
      total += unassigned_penalty[i];
      continue;
    }
    const auto w = static_cast<std::size_t>(j);
    if (w >= cost.workers) throw invalid_argument(error_id::invalid_value, field, "is not a worker index, got " + std::to_string(j));
    if (cost.at(i, w) == forbidden_cost) throw invalid_argument(error_id::invalid_value, field, "is a forbidden pair");
    if (++load[w] > capacity[w]) {
      throw invalid_argument(error_id::invalid_value, field,
                             "puts worker " + std::to_string(j) + " over its capacity " + std::to_string(capacity[w]));
    }
    total += cost.at(i, w);
  }
  return total;
}

std::optional<std::size_t> assign_one(std::span<const std::int64_t> cost, std::span<const std::int32_t> capacity,
                                      std::span<const std::int32_t> load, std::optional<std::int64_t> unassigned_penalty) {
  if (capacity.size() != cost.size()) {
    throw invalid_argument(error_id::invalid_value, "capacity",
                           "must have one value per worker (" + std::to_string(cost.size()) + "), got " +
                               std::to_string(capacity.size()));
  }
  if (load.size() != cost.size()) {
    throw invalid_argument(error_id::invalid_value, "load",
                           "must have one value per worker (" + std::to_string(cost.size()) + "), got " +
                               std::to_string(load.size()));
  }
  std::optional<std::size_t> best;
  for (std::size_t j = 0; j < cost.size(); ++j) {
    if (cost[j] == forbidden_cost || load[j] >= capacity[j]) continue;
    if (!best || cost[j] < cost[*best]) best = j;
  }
  if (best && unassigned_penalty && cost[*best] > *unassigned_penalty) return std::nullopt;
  return best;
}

}  // namespace kulkija
