#include "kulkija/matching/stable.hpp"

#include <algorithm>
#include <queue>
#include <string>
#include <tuple>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

void check(const stable_preferences& p) {
  const std::size_t n = p.client_cost.clients;
  const std::size_t w = p.client_cost.workers;
  if (p.client_cost.values.size() != n * w) {
    throw invalid_argument(error_id::invalid_value, "client_cost",
                           "must hold clients x workers = " + std::to_string(n * w) + " values, got " +
                               std::to_string(p.client_cost.values.size()));
  }
  if (!p.worker_cost.values.empty() &&
      (p.worker_cost.clients != n || p.worker_cost.workers != w || p.worker_cost.values.size() != n * w)) {
    throw invalid_argument(error_id::invalid_value, "worker_cost", "must have the shape of client_cost");
  }
  if (p.capacity.size() != w) {
    throw invalid_argument(error_id::invalid_value, "capacity",
                           "must have one value per worker (" + std::to_string(w) + "), got " +
                               std::to_string(p.capacity.size()));
  }
  for (std::size_t j = 0; j < w; ++j) {
    if (p.capacity[j] < 0) {
      throw invalid_argument(error_id::invalid_value, "capacity[" + std::to_string(j) + "]", "must be at least 0");
    }
  }
  if (!p.priority.empty() && p.priority.size() != n) {
    throw invalid_argument(error_id::invalid_value, "priority", "must have one value per client (" + std::to_string(n) + ")");
  }
  if (!p.unassigned_penalty.empty() && p.unassigned_penalty.size() != n) {
    throw invalid_argument(error_id::invalid_value, "unassigned_penalty",
                           "must have one value per client (" + std::to_string(n) + ")");
  }
}

// The worker's rank key of a client: smaller is preferred.
struct worker_key {
  const stable_preferences& p;
  [[nodiscard]] std::tuple<std::int32_t, std::int64_t, std::size_t> operator()(std::size_t i, std::size_t j) const {
    const std::int32_t prio = p.priority.empty() ? 0 : -p.priority[i];
    const std::int64_t c = p.worker_cost.values.empty() ? p.client_cost.at(i, j) : p.worker_cost.at(i, j);
    return {prio, c, i};
  }
};

bool acceptable(const stable_preferences& p, std::size_t i, std::size_t j) {
  const std::int64_t c = p.client_cost.at(i, j);
  if (c == forbidden_cost) return false;
  if (!p.worker_cost.values.empty() && p.worker_cost.at(i, j) == forbidden_cost) return false;
  return p.unassigned_penalty.empty() || c <= p.unassigned_penalty[i];
}

}  // namespace

stable_result stable_match(const stable_preferences& p) {
  check(p);
  const std::size_t n = p.client_cost.clients;
  const std::size_t w = p.client_cost.workers;
  const worker_key key{p};
  // Each client's acceptable workers, best first, sorted lazily in chunks.
  constexpr std::size_t chunk = 16;
  std::vector<std::size_t> list_start(n + 1, 0);
  std::vector<std::int32_t> list;
  std::vector<std::size_t> sorted_end(n), next(n);
  {
    std::vector<std::int32_t> row;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < w; ++j) {
        if (acceptable(p, i, j)) list.push_back(static_cast<std::int32_t>(j));
      }
      list_start[i + 1] = list.size();
      next[i] = list_start[i];
      sorted_end[i] = list_start[i];
    }
  }
  const auto client_less = [&](std::size_t i) {
    return [&p, i](std::int32_t a, std::int32_t b) {
      const std::int64_t ca = p.client_cost.at(i, static_cast<std::size_t>(a));
      const std::int64_t cb = p.client_cost.at(i, static_cast<std::size_t>(b));
      return ca != cb ? ca < cb : a < b;
    };
  };
  // Each worker holds its clients in a heap with the least preferred on top.
  using held = std::pair<std::tuple<std::int32_t, std::int64_t, std::size_t>, std::size_t>;
  std::vector<std::priority_queue<held>> holding(w);
  stable_result r;
  r.worker_of.assign(n, -1);
  std::vector<std::size_t> free_clients;
  free_clients.reserve(n);
  for (std::size_t i = n; i-- > 0;) free_clients.push_back(i);
  while (!free_clients.empty()) {
    const std::size_t i = free_clients.back();
    free_clients.pop_back();
    while (next[i] < list_start[i + 1]) {
      if (next[i] == sorted_end[i]) {
        const auto first = list.begin() + static_cast<std::ptrdiff_t>(sorted_end[i]);
        const auto end = list.begin() + static_cast<std::ptrdiff_t>(list_start[i + 1]);
        const auto middle = first + static_cast<std::ptrdiff_t>(std::min<std::size_t>(chunk, static_cast<std::size_t>(end - first)));
        std::partial_sort(first, middle, end, client_less(i));
        sorted_end[i] = static_cast<std::size_t>(middle - list.begin());
      }
      const auto j = static_cast<std::size_t>(list[next[i]++]);
      ++r.proposals;
      auto& h = holding[j];
      const auto k = key(i, j);
      if (static_cast<std::int32_t>(h.size()) < p.capacity[j]) {
        h.emplace(k, i);
        r.worker_of[i] = static_cast<std::int32_t>(j);
        break;
      }
      if (!h.empty() && k < h.top().first) {
        const std::size_t out = h.top().second;
        h.pop();
        r.worker_of[out] = -1;
        free_clients.push_back(out);
        h.emplace(k, i);
        r.worker_of[i] = static_cast<std::int32_t>(j);
        break;
      }
    }
  }
  return r;
}

std::optional<std::pair<std::size_t, std::size_t>> find_blocking_pair(const stable_preferences& p,
                                                                     std::span<const std::int32_t> worker_of) {
  check(p);
  const std::size_t n = p.client_cost.clients;
  const std::size_t w = p.client_cost.workers;
  if (worker_of.size() != n) {
    throw invalid_argument(error_id::invalid_value, "worker_of", "must have one value per client (" + std::to_string(n) + ")");
  }
  const worker_key key{p};
  std::vector<std::int32_t> load(w, 0);
  using rank = std::tuple<std::int32_t, std::int64_t, std::size_t>;
  std::vector<std::optional<rank>> worst(w);  // each worker's least preferred client
  for (std::size_t i = 0; i < n; ++i) {
    if (worker_of[i] < 0) continue;
    const auto j = static_cast<std::size_t>(worker_of[i]);
    const std::string field = "worker_of[" + std::to_string(i) + "]";
    if (j >= w) throw invalid_argument(error_id::invalid_value, field, "is not a worker index");
    if (!acceptable(p, i, j)) throw invalid_argument(error_id::invalid_value, field, "is not an acceptable pair");
    if (++load[j] > p.capacity[j]) throw invalid_argument(error_id::invalid_value, field, "puts its worker over capacity");
    const rank k = key(i, j);
    if (!worst[j] || *worst[j] < k) worst[j] = k;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const std::int32_t own = worker_of[i];
    for (std::size_t j = 0; j < w; ++j) {
      if (static_cast<std::int32_t>(j) == own || !acceptable(p, i, j)) continue;
      if (own >= 0) {
        const std::int64_t a = p.client_cost.at(i, j);
        const std::int64_t b = p.client_cost.at(i, static_cast<std::size_t>(own));
        if (!(a < b || (a == b && static_cast<std::int32_t>(j) < own))) continue;
      }
      if (load[j] < p.capacity[j] || (worst[j] && key(i, j) < *worst[j])) return std::pair{i, j};
    }
  }
  return std::nullopt;
}

}  // namespace kulkija
