#include "kulkija/matching/assignment.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

constexpr std::int64_t unreached = std::numeric_limits<std::int64_t>::max() / 4;

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

// Rows of a sparse candidate graph in compressed rows.
struct sparse_rows {
  std::vector<std::size_t> offset;
  std::vector<std::int32_t> worker;
  std::vector<std::int64_t> cost;
  template <class F>
  void for_each(std::size_t i, F&& f) const {
    for (std::size_t x = offset[i]; x < offset[i + 1]; ++x) f(static_cast<std::size_t>(worker[x]), cost[x]);
  }
};

// Successive shortest paths with potentials on clients -> workers (-> unassigned column).
// Worker prices w_j >= 0 are the duals of the capacity rows; the dual of client i is
// u_i = c(i, worker_of[i]) + w(worker_of[i]); reduced costs c_ij + w_j - u_i are >= 0 on
// every arc and 0 on the assigned ones.
template <class Rows>
class shortest_paths {
 public:
  shortest_paths(const Rows& rows, std::size_t clients, std::size_t workers, std::span<const std::int32_t> capacity,
                 std::span<const std::int64_t> penalty, std::span<const std::int64_t> initial_price = {})
      : rows_(rows),
        workers_(workers),
        dummy_(penalty.empty() ? npos : workers),
        capacity_(capacity),
        penalty_(penalty),
        price_(workers, 0),
        dist_(workers + 1, unreached),
        pred_(workers + 1, -1),
        pred_cost_(workers + 1, 0),
        settled_(workers + 1, 0),
        load_(workers, 0),
        slot_start_(workers + 1, 0),
        worker_of_(clients, -1),
        current_cost_(clients, 0) {
    // Prices from an earlier solve (a warm start) keep every invariant of the search but
    // one: a worker may end with a positive price and room. The caller checks that.
    if (!initial_price.empty()) price_.assign(initial_price.begin(), initial_price.end());
    for (std::size_t j = 0; j < workers; ++j) slot_start_[j + 1] = slot_start_[j] + static_cast<std::size_t>(capacity[j]);
    slots_.resize(slot_start_[workers]);
    open_.reserve(workers + 1);
  }

  // Adds client s to the solution along a shortest augmenting path; false when none exists.
  bool augment(std::size_t s) {
    ++augmentations_;
    open_.clear();
    for (std::size_t j = 0; j <= workers_; ++j) {
      dist_[j] = unreached;
      settled_[j] = 0;
    }
    rows_.for_each(s, [&](std::size_t k, std::int64_t c) {
      dist_[k] = c + price_[k];
      pred_[k] = static_cast<std::int32_t>(s);
      pred_cost_[k] = c;
    });
    if (dummy_ != npos) {
      dist_[dummy_] = penalty_[s];
      pred_[dummy_] = static_cast<std::int32_t>(s);
      pred_cost_[dummy_] = penalty_[s];
    }
    for (std::size_t j = 0; j <= workers_; ++j) {
      if (dist_[j] != unreached) open_.push_back(static_cast<std::int32_t>(j));
    }
    settled_list_.clear();
    std::size_t end = npos;
    while (!open_.empty()) {
      // The open worker with the least distance; on ties one with room, then the lowest index.
      std::size_t best_pos = 0;
      std::size_t best = static_cast<std::size_t>(open_[0]);
      bool best_free = has_room(best);
      for (std::size_t p = 1; p < open_.size(); ++p) {
        const auto j = static_cast<std::size_t>(open_[p]);
        if (dist_[j] < dist_[best] || (dist_[j] == dist_[best] && !best_free && has_room(j))) {
          best = j;
          best_pos = p;
          best_free = has_room(j);
        }
      }
      if (best_free) {
        end = best;
        break;
      }
      open_[best_pos] = open_.back();
      open_.pop_back();
      settled_[best] = 1;
      settled_list_.push_back(static_cast<std::int32_t>(best));
      const std::int64_t base = dist_[best];
      for (std::size_t x = slot_start_[best]; x < slot_start_[best] + static_cast<std::size_t>(load_[best]); ++x) {
        const auto i = static_cast<std::size_t>(slots_[x]);
        const std::int64_t offset = base - (current_cost_[i] + price_[best]);
        rows_.for_each(i, [&](std::size_t k, std::int64_t c) {
          const std::int64_t nd = offset + c + price_[k];
          if (nd < dist_[k]) {
            if (dist_[k] == unreached) open_.push_back(static_cast<std::int32_t>(k));
            dist_[k] = nd;
            pred_[k] = static_cast<std::int32_t>(i);
            pred_cost_[k] = c;
          }
        });
        if (dummy_ != npos) {
          const std::int64_t nd = offset + penalty_[i];
          if (nd < dist_[dummy_]) {
            if (dist_[dummy_] == unreached) open_.push_back(static_cast<std::int32_t>(dummy_));
            dist_[dummy_] = nd;
            pred_[dummy_] = static_cast<std::int32_t>(i);
            pred_cost_[dummy_] = penalty_[i];
          }
        }
      }
    }
    if (end == npos) return false;
    const std::int64_t total = dist_[end];
    for (std::int32_t j : settled_list_) price_[static_cast<std::size_t>(j)] += total - dist_[static_cast<std::size_t>(j)];
    // Shift the clients along the path.
    std::size_t k = end;
    while (true) {
      const auto i = static_cast<std::size_t>(pred_[k]);
      const std::int32_t old = worker_of_[i];
      if (k == dummy_) {
        worker_of_[i] = -1;
        current_cost_[i] = pred_cost_[k];
      } else {
        worker_of_[i] = static_cast<std::int32_t>(k);
        current_cost_[i] = pred_cost_[k];
        slots_[slot_start_[k] + static_cast<std::size_t>(load_[k]++)] = static_cast<std::int32_t>(i);
      }
      if (i == s) break;
      const auto o = static_cast<std::size_t>(old);
      const std::size_t first = slot_start_[o];
      const std::size_t last = first + static_cast<std::size_t>(--load_[o]);
      for (std::size_t x = first; x <= last; ++x) {
        if (slots_[x] == static_cast<std::int32_t>(i)) {
          slots_[x] = slots_[last];
          break;
        }
      }
      k = o;
    }
    return true;
  }

  assignment_result result(std::span<const std::int64_t> penalty) const {
    assignment_result r;
    r.worker_of = worker_of_;
    r.worker_price = price_;
    r.augmentations = augmentations_;
    for (std::size_t i = 0; i < worker_of_.size(); ++i) {
      if (worker_of_[i] < 0) {
        ++r.unassigned;
        r.total_cost += penalty[i];
      } else {
        r.assigned_cost += current_cost_[i];
      }
    }
    r.total_cost += r.assigned_cost;
    return r;
  }

  [[nodiscard]] std::int64_t client_dual(std::size_t i) const noexcept {
    const std::int32_t j = worker_of_[i];
    return j < 0 ? current_cost_[i] : current_cost_[i] + price_[static_cast<std::size_t>(j)];
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  [[nodiscard]] bool has_room(std::size_t j) const noexcept {
    return j == dummy_ || load_[j] < capacity_[j];
  }

  const Rows& rows_;
  std::size_t workers_;
  std::size_t dummy_;
  std::span<const std::int32_t> capacity_;
  std::span<const std::int64_t> penalty_;
  std::vector<std::int64_t> price_;
  std::vector<std::int64_t> dist_;
  std::vector<std::int32_t> pred_;
  std::vector<std::int64_t> pred_cost_;
  std::vector<char> settled_;
  std::vector<std::int32_t> load_;
  std::vector<std::size_t> slot_start_;
  std::vector<std::int32_t> slots_;
  std::vector<std::int32_t> worker_of_;
  std::vector<std::int64_t> current_cost_;
  std::vector<std::int32_t> open_;
  std::vector<std::int32_t> settled_list_;
  std::size_t augmentations_ = 0;
};

[[noreturn]] void throw_infeasible(std::size_t client, std::size_t clients, std::span<const std::int32_t> capacity) {
  std::int64_t total = 0;
  for (std::int32_t c : capacity) total += c;
  throw invalid_argument(error_id::matching_infeasible, "capacity",
                         "client " + std::to_string(client) + " cannot be assigned: its allowed workers are full and no "
                         "reassignment frees one (total capacity " + std::to_string(total) + " for " +
                         std::to_string(clients) + " clients); give unassigned_penalty to allow unassigned clients");
}

template <class Rows>
assignment_result solve_rows(const Rows& rows, cost_matrix_view cost, std::span<const std::int32_t> capacity,
                             std::span<const std::int64_t> penalty, std::vector<std::int64_t>* duals = nullptr,
                             std::span<const std::int64_t> initial_price = {}) {
  shortest_paths<Rows> sp(rows, cost.clients, cost.workers, capacity, penalty, initial_price);
  for (std::size_t s = 0; s < cost.clients; ++s) {
    if (!sp.augment(s)) throw_infeasible(s, cost.clients, capacity);
  }
  if (duals != nullptr) {
    duals->resize(cost.clients);
    for (std::size_t i = 0; i < cost.clients; ++i) (*duals)[i] = sp.client_dual(i);
  }
  return sp.result(penalty);
}

// Solves on candidate pairs (each client's k cheapest, then every pair found with a negative
// reduced cost) until the prices prove the solution optimal for the whole matrix; nothing
// when the candidates stay infeasible or the rounds run out.
std::optional<assignment_result> solve_by_pricing(cost_matrix_view cost, std::span<const std::int32_t> capacity,
                                                  std::size_t k, std::span<const std::int64_t> penalty,
                                                  std::size_t max_rounds, std::size_t& first_violations) {
  std::vector<std::vector<std::pair<std::int64_t, std::int32_t>>> cand(cost.clients);
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
    sparse_rows rows;
    rows.offset.reserve(cost.clients + 1);
    rows.offset.push_back(0);
    for (const auto& list : cand) {
      for (const auto& [c, j] : list) {
        rows.worker.push_back(j);
        rows.cost.push_back(c);
      }
      rows.offset.push_back(rows.worker.size());
    }
    std::vector<std::int64_t> dual;
    assignment_result r;
    try {
      // From the second round on, start from the last round's prices; the result is
      // optimal when every worker with a positive price is full, else solve again cold.
      r = solve_rows(rows, cost, capacity, penalty, &dual, std::span<const std::int64_t>(prices));
      if (!prices.empty()) {
        std::vector<std::int32_t> load(cost.workers, 0);
        for (std::int32_t j : r.worker_of) {
          if (j >= 0) ++load[static_cast<std::size_t>(j)];
        }
        bool complementary = true;
        for (std::size_t j = 0; j < cost.workers && complementary; ++j) {
          complementary = r.worker_price[j] == 0 || load[j] == capacity[j];
        }
        if (!complementary) r = solve_rows(rows, cost, capacity, penalty, &dual);
      }
    } catch (const invalid_argument& e) {
      if (e.id() != error_id::matching_infeasible) throw;
      return std::nullopt;
    }
    prices = r.worker_price;
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
  return solve_rows(dense_rows{cost}, cost, capacity, unassigned_penalty);
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
