#pragma once
// The successive-shortest-path solver behind every assignment form (dense, k-best, sparse,
// geographic). Private to src/matching.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <limits>
#include <new>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "kulkija/core/error.hpp"
#include "kulkija/matching/assignment.hpp"

namespace kulkija::detail {

inline constexpr std::int64_t unreached = std::numeric_limits<std::int64_t>::max() / 4;

// Pairs a graph has at least before solve_sparse_assignment() reads it from a page_backed copy.
inline constexpr std::size_t page_backed_from = std::size_t{1} << 20;

// An array in memory that the system may back with 2 MiB pages (Linux transparent huge
// pages, asked for with madvise where they are set to `madvise`). The auction and the
// searches read a graph's rows in no order; with 4 KiB pages most of those reads also miss
// the address cache (TLB): on the national benchmark's graph (24 MB) the solve took a tenth
// less from such a copy.
template <class T>
class page_backed {
 public:
  page_backed() = default;
  page_backed(const page_backed&) = delete;
  page_backed& operator=(const page_backed&) = delete;
  ~page_backed() { std::free(data_); }  // NOLINT(cppcoreguidelines-no-malloc): from aligned_alloc

  // Room for `size` values, uninitialised (T is trivial).
  void allocate(std::size_t size) {
    static_assert(std::is_trivially_copyable_v<T>);
    constexpr std::size_t page = std::size_t{2} << 20U;
    const std::size_t bytes = std::max<std::size_t>(page, (size * sizeof(T) + page - 1) / page * page);
    std::free(data_);  // NOLINT(cppcoreguidelines-no-malloc)
    data_ = static_cast<T*>(std::aligned_alloc(page, bytes));  // NOLINT(cppcoreguidelines-no-malloc)
    if (data_ == nullptr) throw std::bad_alloc();
#if defined(__linux__)
    (void)::madvise(data_, bytes, MADV_HUGEPAGE);  // a hint: without it the copy is plain memory
#endif
    size_ = size;
  }
  [[nodiscard]] T* data() noexcept { return data_; }
  [[nodiscard]] std::span<const T> view() const noexcept { return {data_, size_}; }

 private:
  T* data_ = nullptr;
  std::size_t size_ = 0;
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

// Fills r's unassigned, assigned_cost and total_cost from r.worker_of, each client's cost
// where it sits (`cost_of`) and the penalties of those left over.
inline void count_costs(assignment_result& r, const std::vector<std::int64_t>& cost_of,
                        std::span<const std::int64_t> penalty) {
  r.unassigned = 0;
  r.assigned_cost = 0;
  r.total_cost = 0;
  for (std::size_t i = 0; i < r.worker_of.size(); ++i) {
    if (r.worker_of[i] < 0) {
      ++r.unassigned;
      r.total_cost += penalty[i];
    } else {
      r.assigned_cost += cost_of[i];
    }
  }
  r.total_cost += r.assigned_cost;
}

// Successive shortest paths with potentials on clients -> workers (-> unassigned column).
// Worker prices w_j >= 0 are the duals of the capacity rows; the dual of client i is
// u_i = c(i, worker_of[i]) + w(worker_of[i]); reduced costs c_ij + w_j - u_i are >= 0 on
// every arc and 0 on the assigned ones.
// With Heap, the open workers are kept in a binary heap and only the entries a search
// touched are reset (for sparse graphs with many workers); without it, the open list is
// scanned (for dense rows, where a search reaches most workers anyway).
template <class Rows, bool Heap = false>
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
    if constexpr (Heap) {
      return augment_heap(s);
    }
    ++augmentations_;
    if (place_direct(s)) return true;
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
    shift(s, end);
    return true;
  }

  // The same search with a heap of open workers keyed (distance, full, index).
  bool augment_heap(std::size_t s) {
    ++augmentations_;
    if (place_direct(s)) return true;
    for (std::int32_t j : touched_) {
      dist_[static_cast<std::size_t>(j)] = unreached;
      settled_[static_cast<std::size_t>(j)] = 0;
    }
    touched_.clear();
    heap_.clear();
    const auto reach = [&](std::size_t k, std::int64_t nd, std::size_t i, std::int64_t c) {
      if (nd >= dist_[k]) return;
      if (dist_[k] == unreached) touched_.push_back(static_cast<std::int32_t>(k));
      dist_[k] = nd;
      pred_[k] = static_cast<std::int32_t>(i);
      pred_cost_[k] = c;
      heap_.push_back({nd, has_room(k) ? 0 : 1, static_cast<std::int32_t>(k)});
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
    };
    rows_.for_each(s, [&](std::size_t k, std::int64_t c) { reach(k, c + price_[k], s, c); });
    if (dummy_ != npos) reach(dummy_, penalty_[s], s, penalty_[s]);
    settled_list_.clear();
    std::size_t end = npos;
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
      const open_entry top = heap_.back();
      heap_.pop_back();
      const auto best = static_cast<std::size_t>(top.worker);
      if (settled_[best] != 0 || top.dist != dist_[best]) continue;
      if (top.full == 0) {
        end = best;
        break;
      }
      settled_[best] = 1;
      settled_list_.push_back(top.worker);
      const std::int64_t base = dist_[best];
      for (std::size_t x = slot_start_[best]; x < slot_start_[best] + static_cast<std::size_t>(load_[best]); ++x) {
        const auto i = static_cast<std::size_t>(slots_[x]);
        const std::int64_t offset = base - (current_cost_[i] + price_[best]);
        rows_.for_each(i, [&](std::size_t k, std::int64_t c) {
          if (settled_[k] == 0) reach(k, offset + c + price_[k], i, c);
        });
        if (dummy_ != npos) reach(dummy_, offset + penalty_[i], i, penalty_[i]);
      }
    }
    if (end == npos) return false;
    shift(s, end);
    return true;
  }

  // The search's first step alone: when the least of s's own entries by (distance, full,
  // index) has room, the shortest path is that one arc and no price changes; s takes it.
  bool place_direct(std::size_t s) {
    std::int64_t best = unreached;
    bool best_full = true;
    std::size_t at = npos;
    std::int64_t at_cost = 0;
    const auto consider = [&](std::size_t k, std::int64_t d, std::int64_t c) {
      const bool full = !has_room(k);
      if (d < best || (d == best && (full < best_full || (full == best_full && k < at)))) {
        best = d;
        best_full = full;
        at = k;
        at_cost = c;
      }
    };
    rows_.for_each(s, [&](std::size_t k, std::int64_t c) { consider(k, c + price_[k], c); });
    if (dummy_ != npos) consider(dummy_, penalty_[s], penalty_[s]);
    if (at == npos || best_full) return false;
    seat(s, at, at_cost);
    return true;
  }

  // Puts client i at k (a worker with room, or the unassigned column) at `cost`.
  void seat(std::size_t i, std::size_t k, std::int64_t cost) {
    current_cost_[i] = cost;
    if (k == dummy_) {
      worker_of_[i] = -1;
    } else {
      worker_of_[i] = static_cast<std::int32_t>(k);
      slots_[slot_start_[k] + static_cast<std::size_t>(load_[k]++)] = static_cast<std::int32_t>(i);
    }
  }

  // Raises the prices of the settled workers and shifts the clients along the path to `end`.
  void shift(std::size_t s, std::size_t end) {
    const std::int64_t total = dist_[end];
    for (std::int32_t j : settled_list_) price_[static_cast<std::size_t>(j)] += total - dist_[static_cast<std::size_t>(j)];
    // Shift the clients along the path.
    std::size_t k = end;
    while (true) {
      const auto i = static_cast<std::size_t>(pred_[k]);
      const std::int32_t old = worker_of_[i];
      seat(i, k, pred_cost_[k]);
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
  }

  assignment_result result(std::span<const std::int64_t> penalty) const {
    assignment_result r;
    r.worker_of = worker_of_;
    r.worker_price = price_;
    r.augmentations = augmentations_;
    count_costs(r, current_cost_, penalty);
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

  struct open_entry {
    std::int64_t dist;
    int full;
    std::int32_t worker;
    friend bool operator>(const open_entry& a, const open_entry& b) noexcept {
      if (a.dist != b.dist) return a.dist > b.dist;
      if (a.full != b.full) return a.full > b.full;
      return a.worker > b.worker;
    }
  };

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
  std::vector<std::int32_t> touched_;
  std::vector<open_entry> heap_;
  std::size_t augmentations_ = 0;
};

// Candidate pairs per client, as (cost, worker).
using candidate_lists = std::vector<std::vector<std::pair<std::int64_t, std::int32_t>>>;

// The candidate lists as compressed rows, in list order.
inline sparse_rows rows_of(const candidate_lists& cand) {
  sparse_rows rows;
  rows.offset.reserve(cand.size() + 1);
  rows.offset.push_back(0);
  for (const auto& list : cand) {
    for (const auto& [c, j] : list) {
      rows.worker.push_back(j);
      rows.cost.push_back(c);
    }
    rows.offset.push_back(rows.worker.size());
  }
  return rows;
}

// The checks every sparse form makes of its capacities and penalties; `client` names a row in
// the messages ("client", "referral").
inline void check_capacity(std::size_t clients, std::size_t workers, std::span<const std::int32_t> capacity,
                           std::span<const std::int64_t> penalty, const char* client) {
  if (capacity.size() != workers) {
    throw invalid_argument(error_id::invalid_value, "capacity",
                           "must have one value per worker (" + std::to_string(workers) + "), got " +
                               std::to_string(capacity.size()));
  }
  for (std::size_t j = 0; j < capacity.size(); ++j) {
    if (capacity[j] < 0) {
      throw invalid_argument(error_id::invalid_value, "capacity[" + std::to_string(j) + "]",
                             "must be at least 0, got " + std::to_string(capacity[j]));
    }
  }
  if (!penalty.empty() && penalty.size() != clients) {
    throw invalid_argument(error_id::invalid_value, "unassigned_penalty",
                           std::string("must have one value per ") + client + " (" + std::to_string(clients) +
                               "), got " + std::to_string(penalty.size()));
  }
  for (std::size_t i = 0; i < penalty.size(); ++i) {
    if (penalty[i] < -max_abs_cost || penalty[i] > max_abs_cost) {
      throw invalid_argument(error_id::invalid_value, "unassigned_penalty[" + std::to_string(i) + "]",
                             "must be from -2^40 to 2^40, got " + std::to_string(penalty[i]));
    }
  }
}

[[noreturn]] inline void throw_infeasible(std::size_t client, std::size_t clients, std::span<const std::int32_t> capacity) {
  std::int64_t total = 0;
  for (std::int32_t c : capacity) total += c;
  throw invalid_argument(error_id::matching_infeasible, "capacity",
                         "client " + std::to_string(client) + " cannot be assigned: its allowed workers are full and no "
                         "reassignment frees one (total capacity " + std::to_string(total) + " for " +
                         std::to_string(clients) + " clients); give unassigned_penalty to allow unassigned clients");
}

template <bool Heap = false, class Rows>
assignment_result solve_rows(const Rows& rows, std::size_t clients, std::size_t workers,
                             std::span<const std::int32_t> capacity, std::span<const std::int64_t> penalty,
                             std::vector<std::int64_t>* duals = nullptr,
                             std::span<const std::int64_t> initial_price = {},
                             std::span<const std::int32_t> client_number = {}) {
  shortest_paths<Rows, Heap> sp(rows, clients, workers, capacity, penalty, initial_price);
  for (std::size_t s = 0; s < clients; ++s) {
    // (client_number: the caller's number of each row, where the rows were reordered)
    if (!sp.augment(s)) {
      throw_infeasible(client_number.empty() ? s : static_cast<std::size_t>(client_number[s]), clients, capacity);
    }
  }
  if (duals != nullptr) {
    duals->resize(clients);
    for (std::size_t i = 0; i < clients; ++i) (*duals)[i] = sp.client_dual(i);
  }
  return sp.result(penalty);
}

}  // namespace kulkija::detail
