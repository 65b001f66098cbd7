#include "kulkija/matching/sparse_assignment.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "assignment_impl.hpp"
#include "auction_impl.hpp"

namespace kulkija {

namespace {

// The rows of a caller's CSR graph, read in place.
struct csr_rows {
  sparse_cost_view cost;
  template <class F>
  void for_each(std::size_t i, F&& f) const {
    const auto first = static_cast<std::size_t>(cost.indptr[i]);
    const auto last = static_cast<std::size_t>(cost.indptr[i + 1]);
    for (std::size_t x = first; x < last; ++x) f(static_cast<std::size_t>(cost.indices[x]), cost.costs[x]);
  }
};

// The clients in the order of their cheapest worker (the lowest on equal costs; clients
// without pairs last), each worker's clients in their own order: a counting sort.
std::vector<std::int32_t> by_cheapest_worker(sparse_cost_view cost) {
  const std::size_t n = cost.clients();
  std::vector<std::int32_t> key(n);
  std::vector<std::size_t> start(cost.workers + 2, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    auto at = static_cast<std::int32_t>(cost.workers);
    for (auto x = static_cast<std::size_t>(cost.indptr[i]); x < static_cast<std::size_t>(cost.indptr[i + 1]); ++x) {
      if (cost.costs[x] < best || (cost.costs[x] == best && cost.indices[x] < at)) {
        best = cost.costs[x];
        at = cost.indices[x];
      }
    }
    key[i] = at;
    ++start[static_cast<std::size_t>(at) + 1];
  }
  for (std::size_t j = 1; j < start.size(); ++j) start[j] += start[j - 1];
  std::vector<std::int32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[start[static_cast<std::size_t>(key[i])]++] = static_cast<std::int32_t>(i);
  return order;
}

void check_graph(sparse_cost_view cost) {
  if (cost.indptr.empty()) throw invalid_argument(error_id::invalid_value, "indptr", "must hold clients + 1 offsets, got none");
  if (cost.indptr.size() - 1 > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()) ||
      cost.workers > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max() - 1)) {
    throw invalid_argument(error_id::invalid_value, "indptr", "must have fewer than 2^31 rows and columns");
  }
  if (cost.indptr.front() != 0) {
    throw invalid_argument(error_id::invalid_value, "indptr[0]", "must be 0, got " + std::to_string(cost.indptr.front()));
  }
  for (std::size_t i = 1; i < cost.indptr.size(); ++i) {
    if (cost.indptr[i] < cost.indptr[i - 1]) {
      throw invalid_argument(error_id::invalid_value, "indptr[" + std::to_string(i) + "]",
                             "must not be less than the offset before it (" + std::to_string(cost.indptr[i - 1]) +
                                 "), got " + std::to_string(cost.indptr[i]));
    }
  }
  if (static_cast<std::uint64_t>(cost.indptr.back()) != cost.indices.size()) {
    throw invalid_argument(error_id::invalid_value, "indptr",
                           "must end at the number of pairs in indices (" + std::to_string(cost.indices.size()) +
                               "), got " + std::to_string(cost.indptr.back()));
  }
  if (cost.costs.size() != cost.indices.size()) {
    throw invalid_argument(error_id::invalid_value, "costs",
                           "must have one value per pair in indices (" + std::to_string(cost.indices.size()) +
                               "), got " + std::to_string(cost.costs.size()));
  }
  for (std::size_t x = 0; x < cost.indices.size(); ++x) {
    if (cost.indices[x] < 0 || static_cast<std::size_t>(cost.indices[x]) >= cost.workers) {
      throw invalid_argument(error_id::invalid_value, "indices[" + std::to_string(x) + "]",
                             "must be a worker from 0 to " + std::to_string(cost.workers) + " - 1, got " +
                                 std::to_string(cost.indices[x]));
    }
    if (cost.costs[x] < -max_abs_cost || cost.costs[x] > max_abs_cost) {
      throw invalid_argument(error_id::invalid_value, "costs[" + std::to_string(x) + "]",
                             "must be from -2^40 to 2^40, got " + std::to_string(cost.costs[x]));
    }
  }
}

}  // namespace

sparse_costs k_cheapest(cost_matrix_view cost, std::size_t k) {
  if (cost.values.size() != cost.clients * cost.workers) {
    throw invalid_argument(error_id::invalid_value, "cost",
                           "must hold clients x workers = " + std::to_string(cost.clients * cost.workers) +
                               " values, got " + std::to_string(cost.values.size()));
  }
  if (k == 0) throw invalid_argument(error_id::invalid_value, "k", "must be at least 1");
  sparse_costs g;
  g.workers = cost.workers;
  g.indptr.reserve(cost.clients + 1);
  g.indptr.push_back(0);
  std::vector<std::pair<std::int64_t, std::int32_t>> row;
  row.reserve(cost.workers);
  for (std::size_t i = 0; i < cost.clients; ++i) {
    row.clear();
    for (std::size_t j = 0; j < cost.workers; ++j) {
      const std::int64_t c = cost.at(i, j);
      if (c != forbidden_cost) row.emplace_back(c, static_cast<std::int32_t>(j));
    }
    const std::size_t keep = std::min(k, row.size());
    std::partial_sort(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(keep), row.end());
    for (std::size_t x = 0; x < keep; ++x) {
      g.indices.push_back(row[x].second);
      g.costs.push_back(row[x].first);
    }
    g.indptr.push_back(static_cast<std::int64_t>(g.indices.size()));
  }
  return g;
}

assignment_result solve_sparse_assignment(sparse_cost_view cost, std::span<const std::int32_t> capacity,
                                          std::span<const std::int64_t> unassigned_penalty) {
  check_graph(cost);
  detail::check_capacity(cost.clients(), cost.workers, capacity, unassigned_penalty, "client");
  const std::size_t n = cost.clients();
  std::span<const std::int64_t> penalty = unassigned_penalty;
  // Large graphs are solved on a copy in 2 MiB pages with the rows in the order of each
  // client's cheapest worker, so that the clients who compete for a worker (and displace one
  // another in the auction) have their rows side by side: on the national benchmark's graph
  // (2 M pairs, 24 MB) the solve took 0.8 s instead of 1.3 s. The result is mapped back.
  std::vector<std::int32_t> order;  // the caller's client of each row of the copy
  detail::page_backed<std::int64_t> indptr;
  detail::page_backed<std::int32_t> indices;
  detail::page_backed<std::int64_t> costs;
  std::vector<std::int64_t> moved_penalty;
  if (cost.indices.size() >= detail::page_backed_from) {
    order = by_cheapest_worker(cost);
    indptr.allocate(n + 1);
    indices.allocate(cost.indices.size());
    costs.allocate(cost.costs.size());
    std::int64_t at = 0;
    indptr.data()[0] = 0;
    for (std::size_t x = 0; x < n; ++x) {
      const auto i = static_cast<std::size_t>(order[x]);
      const auto first = static_cast<std::size_t>(cost.indptr[i]);
      const auto count = static_cast<std::size_t>(cost.indptr[i + 1]) - first;
      std::copy_n(cost.indices.begin() + static_cast<std::ptrdiff_t>(first), count, indices.data() + at);
      std::copy_n(cost.costs.begin() + static_cast<std::ptrdiff_t>(first), count, costs.data() + at);
      at += static_cast<std::int64_t>(count);
      indptr.data()[x + 1] = at;
    }
    cost.indptr = indptr.view();
    cost.indices = indices.view();
    cost.costs = costs.view();
    if (!penalty.empty()) {
      moved_penalty.resize(n);
      for (std::size_t x = 0; x < n; ++x) moved_penalty[x] = penalty[static_cast<std::size_t>(order[x])];
      penalty = moved_penalty;
    }
  }
  const csr_rows rows{cost};
  // Start from an auction's prices where it can end: with penalties, or with a place for
  // every client (it gives up, returning none, where the graph cannot place them all).
  std::vector<std::int64_t> prices;
  std::int64_t places = 0;
  for (std::int32_t c : capacity) places += c;
  if (n > 0 && cost.workers > 0 && (!penalty.empty() || places >= static_cast<std::int64_t>(n))) {
    prices = detail::row_auction<csr_rows>(rows, n, cost.workers, capacity, penalty).run();
  }
  assignment_result r = detail::solve_rows<true>(rows, n, cost.workers, capacity, penalty, nullptr, prices, order);
  if (!prices.empty() && !detail::complementary(r.worker_of, r.worker_price, capacity)) {
    // Mended by searches backwards from the workers priced with room: each fills a place of
    // room or frees a worker's price, so places + workers of them always suffice (the solve
    // from zero prices is only a guard).
    detail::reverse_repair<csr_rows> mend(rows, n, cost.workers, capacity, penalty, r.worker_of, r.worker_price);
    if (mend.run(static_cast<std::size_t>(places) + cost.workers)) {
      mend.totals(r);
    } else {
      r = detail::solve_rows<true>(rows, n, cost.workers, capacity, penalty, nullptr, {}, order);
    }
  }
  if (!order.empty()) {
    std::vector<std::int32_t> worker_of(n);
    for (std::size_t x = 0; x < n; ++x) worker_of[static_cast<std::size_t>(order[x])] = r.worker_of[x];
    r.worker_of = std::move(worker_of);
  }
  r.how = assignment_result::method::sparse_graph;
  r.rounds = 1;
  r.candidate_pairs = cost.indices.size();
  return r;
}

}  // namespace kulkija
