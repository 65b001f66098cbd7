// The C++ side of bench/bench_matching.py: times kulkija's assignment solvers (dense, k-best,
// stable) and LEMON's NetworkSimplex on the dense network and on the k-best sparse network,
// for one cost matrix that bench_matching.py writes as raw int64 (clients x workers).
// Prints one JSON object.
//
// Usage: matching_vs_lemon COST_FILE CLIENTS WORKERS CAPACITY K
#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "kulkija/matching/assignment.hpp"
#include "kulkija/matching/stable.hpp"

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// LEMON NetworkSimplex on clients -> workers -> sink; `k` > 0 keeps each client's k cheapest arcs.
std::pair<long long, double> lemon_solve(const std::vector<std::int64_t>& c, std::size_t n, std::size_t w, int cap,
                                         std::size_t k) {
  const auto t0 = std::chrono::steady_clock::now();
  using graph = lemon::SmartDigraph;
  graph g;
  g.reserveNode(static_cast<int>(n + w + 1));
  g.reserveArc(static_cast<int>(n * (k > 0 ? k : w) + w));
  std::vector<graph::Node> worker;
  const graph::Node sink = g.addNode();
  for (std::size_t j = 0; j < w; ++j) worker.push_back(g.addNode());
  graph::NodeMap<long long> supply(g, 0);
  std::vector<long long> arc_cost;
  std::vector<long long> arc_upper;
  arc_cost.reserve(n * (k > 0 ? k : w) + w);
  std::vector<std::pair<std::int64_t, std::size_t>> row(w);
  for (std::size_t j = 0; j < w; ++j) {
    g.addArc(worker[j], sink);
    arc_cost.push_back(0);
    arc_upper.push_back(cap);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const graph::Node u = g.addNode();
    supply[u] = 1;
    if (k == 0) {
      for (std::size_t j = 0; j < w; ++j) {
        g.addArc(u, worker[j]);
        arc_cost.push_back(c[i * w + j]);
        arc_upper.push_back(1);
      }
    } else {
      for (std::size_t j = 0; j < w; ++j) row[j] = {c[i * w + j], j};
      std::nth_element(row.begin(), row.begin() + static_cast<std::ptrdiff_t>(k), row.end());
      for (std::size_t x = 0; x < k; ++x) {
        g.addArc(u, worker[row[x].second]);
        arc_cost.push_back(row[x].first);
        arc_upper.push_back(1);
      }
    }
  }
  supply[sink] = -static_cast<long long>(n);
  graph::ArcMap<long long> cost(g);
  graph::ArcMap<long long> upper(g);
  for (graph::ArcIt a(g); a != lemon::INVALID; ++a) {
    cost[a] = arc_cost[static_cast<std::size_t>(g.id(a))];
    upper[a] = arc_upper[static_cast<std::size_t>(g.id(a))];
  }
  lemon::NetworkSimplex<graph, long long, long long> ns(g);
  ns.costMap(cost).upperMap(upper).supplyMap(supply);
  const auto status = ns.run();
  const long long total = status == lemon::NetworkSimplex<graph, long long, long long>::OPTIMAL ? ns.totalCost<long long>() : -1;
  return {total, seconds_since(t0)};
}

const char* method_name(kulkija::assignment_result::method m) {
  switch (m) {
    case kulkija::assignment_result::method::dense: return "dense";
    case kulkija::assignment_result::method::sparse_proved: return "proved";
    case kulkija::assignment_result::method::sparse_extended: return "extended";
    case kulkija::assignment_result::method::sparse_graph: return "graph";
    case kulkija::assignment_result::method::sparse_fallback: break;
  }
  return "fallback";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: matching_vs_lemon COST_FILE CLIENTS WORKERS CAPACITY K\n");
    return 2;
  }
  const std::size_t n = std::strtoull(argv[2], nullptr, 10);
  const std::size_t w = std::strtoull(argv[3], nullptr, 10);
  const int cap = std::atoi(argv[4]);
  const std::size_t k = std::strtoull(argv[5], nullptr, 10);
  std::vector<std::int64_t> cost(n * w);
  std::FILE* f = std::fopen(argv[1], "rb");
  if (f == nullptr || std::fread(cost.data(), sizeof(std::int64_t), cost.size(), f) != cost.size()) {
    std::fprintf(stderr, "cannot read %zu int64 costs from %s\n", cost.size(), argv[1]);
    return 1;
  }
  std::fclose(f);
  const std::vector<std::int32_t> capacity(w, cap);
  const kulkija::cost_matrix_view view{cost, n, w};
  auto t0 = std::chrono::steady_clock::now();
  const auto dense = kulkija::solve_assignment(view, capacity);
  const double t_dense = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  const auto sparse = kulkija::solve_assignment_k_best(view, capacity, k);
  const double t_sparse = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  const auto stable = kulkija::stable_match({view, capacity, {}, {}, {}});
  const double t_stable = seconds_since(t0);
  const auto [lemon_dense, t_lemon_dense] = lemon_solve(cost, n, w, cap, 0);
  const auto [lemon_sparse, t_lemon_sparse] = lemon_solve(cost, n, w, cap, k);
  std::printf(
      "{\"kulkija_dense_cost\": %lld, \"kulkija_dense_s\": %.4f,"
      " \"kulkija_k_best_cost\": %lld, \"kulkija_k_best_s\": %.4f, \"kulkija_k_best_how\": \"%s\", \"k_best_rounds\": %zu,"
      " \"lemon_dense_cost\": %lld, \"lemon_dense_s\": %.4f,"
      " \"lemon_sparse_cost\": %lld, \"lemon_sparse_s\": %.4f,"
      " \"kulkija_stable_s\": %.4f, \"stable_proposals\": %zu}\n",
      static_cast<long long>(dense.total_cost), t_dense, static_cast<long long>(sparse.total_cost), t_sparse,
      method_name(sparse.how), sparse.rounds, lemon_dense, t_lemon_dense, lemon_sparse, t_lemon_sparse, t_stable,
      stable.proposals);
  return 0;
}
