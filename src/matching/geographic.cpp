#include "kulkija/matching/geographic.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numbers>
#include <queue>
#include <string>
#include <tuple>
#include <utility>

#include "kulkija/core/error.hpp"
#include "assignment_impl.hpp"
#include "auction_impl.hpp"

namespace kulkija {

namespace detail {

// A tree of the workers' points as unit vectors: boxes split at the median of their widest
// axis, down to leaves of a few points. Nodes are in pre-order (children after parents).
struct worker_tree {
  using vec = std::array<double, 3>;
  struct node {
    vec lo{};
    vec hi{};
    std::int32_t begin = 0;
    std::int32_t end = 0;
    std::int32_t left = -1;
    std::int32_t right = -1;
  };
  std::vector<vec> point;            // in tree order
  std::vector<std::int32_t> worker;  // tree order -> worker index
  std::vector<node> nodes;
};

}  // namespace detail

namespace {

using detail::worker_tree;
using vec = worker_tree::vec;

constexpr std::size_t leaf_size = 8;
constexpr double rad = std::numbers::pi / 180.0;
// An upper bound of any cost in metres: half the circumference of the sphere, rounded up.
constexpr std::int64_t max_distance_m = 20'016'000;

vec unit_vector(const geo_point& p) {
  const double phi = p.latitude * rad;
  const double lambda = p.longitude * rad;
  return {std::cos(phi) * std::cos(lambda), std::cos(phi) * std::sin(lambda), std::sin(phi)};
}

std::int64_t metres(const geo_point& a, const geo_point& b) noexcept {
  return std::llround(haversine_km(a, b) * 1000.0);
}

// A lower bound in whole metres of the cost of a pair whose unit vectors are at least
// sqrt(chord2) apart: the chord itself (an arc is never shorter than its chord; at 100 km they
// differ by about a metre), less a margin for rounding (the exact cost is the haversine
// distance rounded, computed another way). No trigonometry: it runs for every branch searched.
std::int64_t lower_bound_m(double chord2) noexcept {
  const double m = std::sqrt(chord2) * mean_earth_radius_km * 1000.0 * (1 - 1e-9) - 2;
  return m > 0 ? static_cast<std::int64_t>(m) : 0;
}

double box_chord2(const vec& q, const worker_tree::node& n) noexcept {
  double s = 0;
  for (std::size_t d = 0; d < 3; ++d) {
    const double below = n.lo[d] - q[d];
    const double above = q[d] - n.hi[d];
    const double gap = std::max({below, above, 0.0});
    s += gap * gap;
  }
  return s;
}

double chord2(const vec& a, const vec& b) noexcept {
  const double x = a[0] - b[0];
  const double y = a[1] - b[1];
  const double z = a[2] - b[2];
  return x * x + y * y + z * z;
}

std::int32_t build(worker_tree& t, std::int32_t begin, std::int32_t end) {
  const auto id = static_cast<std::int32_t>(t.nodes.size());
  t.nodes.emplace_back();
  worker_tree::node n;
  n.begin = begin;
  n.end = end;
  n.lo = {1e300, 1e300, 1e300};
  n.hi = {-1e300, -1e300, -1e300};
  for (std::int32_t x = begin; x < end; ++x) {
    for (std::size_t d = 0; d < 3; ++d) {
      n.lo[d] = std::min(n.lo[d], t.point[static_cast<std::size_t>(x)][d]);
      n.hi[d] = std::max(n.hi[d], t.point[static_cast<std::size_t>(x)][d]);
    }
  }
  if (static_cast<std::size_t>(end - begin) > leaf_size) {
    std::size_t axis = 0;
    for (std::size_t d = 1; d < 3; ++d) {
      if (n.hi[d] - n.lo[d] > n.hi[axis] - n.lo[axis]) axis = d;
    }
    const std::int32_t mid = begin + (end - begin) / 2;
    // Sort the points and their workers together through an index permutation.
    std::vector<std::int32_t> perm(static_cast<std::size_t>(end - begin));
    for (std::size_t x = 0; x < perm.size(); ++x) perm[x] = begin + static_cast<std::int32_t>(x);
    std::nth_element(perm.begin(), perm.begin() + (mid - begin), perm.end(), [&](std::int32_t a, std::int32_t b) {
      const double pa = t.point[static_cast<std::size_t>(a)][axis];
      const double pb = t.point[static_cast<std::size_t>(b)][axis];
      return pa != pb ? pa < pb : t.worker[static_cast<std::size_t>(a)] < t.worker[static_cast<std::size_t>(b)];
    });
    std::vector<vec> points;
    std::vector<std::int32_t> workers;
    points.reserve(perm.size());
    workers.reserve(perm.size());
    for (std::int32_t x : perm) {
      points.push_back(t.point[static_cast<std::size_t>(x)]);
      workers.push_back(t.worker[static_cast<std::size_t>(x)]);
    }
    std::copy(points.begin(), points.end(), t.point.begin() + begin);
    std::copy(workers.begin(), workers.end(), t.worker.begin() + begin);
    n.left = build(t, begin, mid);
    n.right = build(t, mid, end);
  }
  t.nodes[static_cast<std::size_t>(id)] = n;
  return id;
}

// A search for the workers of least key = cost + price (price 0 without prices) whose key is
// below `bound`: at most `m` of them, by (key, worker). Branches whose lower bound of the key
// is past the worst kept (or at least `bound`) are skipped, so nothing it skips could enter.
class cheapest_search {
 public:
  using entry = std::pair<std::int64_t, std::int32_t>;  // (key, worker)

  // With `scale`, the key is scale x cost + price.
  cheapest_search(const worker_tree& tree, const std::vector<geo_point>& workers, std::span<const std::int64_t> price,
                  std::span<const std::int64_t> node_min_price, std::int64_t scale = 1)
      : tree_(tree), workers_(workers), price_(price), node_min_price_(node_min_price), scale_(scale) {}

  // The result, sorted by (key, worker), into `out`.
  void run(const geo_point& referral, std::size_t m, std::int64_t bound, std::vector<entry>& out) {
    q_ = unit_vector(referral);
    referral_ = referral;
    m_ = m;
    bound_ = bound;
    heap_.clear();
    if (!tree_.nodes.empty() && m > 0) visit(0);
    out.assign(heap_.begin(), heap_.end());
    std::sort(out.begin(), out.end());
  }

 private:
  [[nodiscard]] bool beyond(std::int64_t lower) const noexcept {
    if (lower >= bound_) return true;
    return heap_.size() == m_ && lower > heap_.front().first;
  }

  [[nodiscard]] std::int64_t node_lower(std::size_t id) const noexcept {
    const std::int64_t lb = scale_ * lower_bound_m(box_chord2(q_, tree_.nodes[id]));
    return node_min_price_.empty() ? lb : lb + node_min_price_[id];
  }

  void visit(std::size_t id) {
    const auto& n = tree_.nodes[id];
    if (n.left < 0) {
      for (auto x = static_cast<std::size_t>(n.begin); x < static_cast<std::size_t>(n.end); ++x) {
        const auto j = static_cast<std::size_t>(tree_.worker[x]);
        const std::int64_t p = price_.empty() ? 0 : price_[j];
        if (beyond(scale_ * lower_bound_m(chord2(q_, tree_.point[x])) + p)) continue;
        const entry e{scale_ * metres(referral_, workers_[j]) + p, static_cast<std::int32_t>(j)};
        if (e.first >= bound_) continue;
        if (heap_.size() < m_) {
          heap_.push_back(e);
          std::push_heap(heap_.begin(), heap_.end());
        } else if (e < heap_.front()) {
          std::pop_heap(heap_.begin(), heap_.end());
          heap_.back() = e;
          std::push_heap(heap_.begin(), heap_.end());
        }
      }
      return;
    }
    auto a = static_cast<std::size_t>(n.left);
    auto b = static_cast<std::size_t>(n.right);
    std::int64_t la = node_lower(a);
    std::int64_t lb = node_lower(b);
    if (lb < la) {
      std::swap(a, b);
      std::swap(la, lb);
    }
    if (!beyond(la)) visit(a);
    if (!beyond(lb)) visit(b);
  }

  const worker_tree& tree_;
  const std::vector<geo_point>& workers_;
  std::span<const std::int64_t> price_;
  std::span<const std::int64_t> node_min_price_;
  std::int64_t scale_ = 1;
  vec q_{};
  geo_point referral_{};
  std::size_t m_ = 0;
  std::int64_t bound_ = 0;
  std::vector<entry> heap_;  // a max-heap: the worst kept on top
};

// A coordinate for a message: up to 10 significant digits, `nan` or `inf`.
std::string degrees_text(double v) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.10g", v);
  return text.data();
}

void check_points(std::span<const double> lat, std::span<const double> lon, const char* lat_name,
                  const char* lon_name, const char* what) {
  if (lon.size() != lat.size()) {
    throw invalid_argument(error_id::invalid_value, lon_name,
                           std::string("must have one value per ") + what + " (" + std::to_string(lat.size()) +
                               ", the length of " + lat_name + "), got " + std::to_string(lon.size()));
  }
  for (std::size_t i = 0; i < lat.size(); ++i) {
    if (!std::isfinite(lat[i]) || lat[i] < -90 || lat[i] > 90) {
      throw invalid_argument(error_id::invalid_value, std::string(lat_name) + "[" + std::to_string(i) + "]",
                             "must be a finite latitude from -90 to 90 degrees, got " + degrees_text(lat[i]));
    }
    if (!std::isfinite(lon[i]) || lon[i] < -180 || lon[i] > 180) {
      throw invalid_argument(error_id::invalid_value, std::string(lon_name) + "[" + std::to_string(i) + "]",
                             "must be a finite longitude from -180 to 180 degrees, got " + degrees_text(lon[i]));
    }
  }
}

using detail::candidate_lists;

// Prices to start the exact solver from, found by an auction with epsilon-scaling (Bertsekas'
// forward auction, each worker `capacity` alike slots) on the referral x worker pairs. A
// referral bids for the cheapest slot of the worker of least scaled cost + price, raising that
// slot's price by the margin to its second choice plus epsilon, and displaces the slot's
// holder. Its candidates start as its nearest workers; when an unlisted worker might come
// before its second choice (the distance past the nearest plus the least price anywhere is
// below it, and so is what its last search proved, give or take a few epsilons), the tree is
// searched by cost + price for the cheapest few, which join the list. Each phase keeps the
// referrals still within its epsilon of their best and divides epsilon by 4, down to a 1024th
// of the first. On the tight instances (every place taken) where shortest paths from zero
// prices cross most of the graph for each late referral, these prices make them short; the
// exact solver and the proof come after, so the auction's shortcuts cost time, never the optimum.
class slot_auction {
 public:
  struct outcome {
    std::vector<std::int64_t> price_m;  // a worker's least slot price in metres, 0 unless full
    std::int64_t highest_dual_m = 0;    // the largest cost + price of an assigned referral
  };

  slot_auction(const std::vector<geo_point>& referrals, const worker_tree& tree, const std::vector<geo_point>& workers,
               std::span<const std::int32_t> capacity, std::span<const std::int64_t> penalty, candidate_lists& cand)
      : referrals_(referrals),
        workers_(workers),
        tree_(tree),
        penalty_(penalty),
        cand_(cand),
        // Costs in sixteenths of a metre: the prices only have to be near the exact duals
        // (the exact solver finishes), and nothing can overflow (penalties are at most 2^40).
        scale_(16),
        heaps_(capacity),
        node_min_(tree.nodes.size(), unreachable),
        parent_(tree.nodes.size(), -1),
        leaf_(workers.size(), 0),
        search_(tree, workers, heaps_.min_prices(), node_min_, scale_),
        past_nearest_(referrals.size(), 0),
        past_search_(referrals.size(), 0),
        own_(referrals.size(), -1),
        satisfied_(referrals.size(), 0) {
    for (std::size_t id = 0; id < tree.nodes.size(); ++id) {
      const auto& nd = tree.nodes[id];
      if (nd.left < 0) {
        for (auto x = static_cast<std::size_t>(nd.begin); x < static_cast<std::size_t>(nd.end); ++x) {
          leaf_[static_cast<std::size_t>(tree.worker[x])] = static_cast<std::int32_t>(id);
        }
      } else {
        parent_[static_cast<std::size_t>(nd.left)] = static_cast<std::int32_t>(id);
        parent_[static_cast<std::size_t>(nd.right)] = static_cast<std::int32_t>(id);
      }
    }
    for (std::size_t j = 0; j < workers.size(); ++j) refresh_tree(j);
    // Unlisted workers are at least the last listed one's distance away.
    for (std::size_t i = 0; i < referrals.size(); ++i) {
      const auto& list = cand_[i];
      past_nearest_[i] = list.size() >= workers.size() ? unreachable : scale_ * list.back().first;
    }
  }

  // Phases from epsilon `first` (in metres) down to the first at most `first / 1024` (six):
  // past that the exact solver finishes faster than the auction would.
  outcome run(std::int64_t first) {
    const std::int64_t last = std::max<std::int64_t>(1, first * scale_ / 1024);
    std::vector<std::size_t> queue;
    queue.reserve(referrals_.size());
    for (std::int64_t eps = std::max<std::int64_t>(1, first * scale_);;
         eps = std::max<std::int64_t>(1, eps / factor)) {
      // Referrals whose slots are still within the new epsilon of their best keep them.
      heaps_.release([&](std::size_t i, std::size_t j, std::int64_t price) { return keeps(i, j, price, eps); }, own_);
      queue.clear();
      for (std::size_t i = 0; i < referrals_.size(); ++i) {
        if (own_[i] < 0 && !satisfied_[i]) queue.push_back(i);
      }
      for (std::size_t i : queue) {
        // A displaced referral bids at once, while its area's prices are at hand.
        std::int32_t out = bid(i, eps);
        while (out >= 0) out = bid(static_cast<std::size_t>(out), eps);
      }
      if (eps <= last) break;
    }
    outcome o;
    o.price_m.assign(workers_.size(), 0);
    for (std::size_t j = 0; j < workers_.size(); ++j) o.price_m[j] = heaps_.full_price(j) / scale_;
    for (std::size_t i = 0; i < referrals_.size(); ++i) {
      if (own_[i] < 0) continue;
      const auto j = static_cast<std::size_t>(own_[i]);
      o.highest_dual_m = std::max(o.highest_dual_m, metres(referrals_[i], workers_[j]) + o.price_m[j]);
    }
    return o;
  }

 private:
  static constexpr std::int64_t unreachable = detail::slot_heaps::unreachable;
  static constexpr std::int64_t factor = 4;  // epsilon's fall from phase to phase
  static constexpr std::size_t fetch = 8;     // workers a search adds
  // How far a referral's second choice may rise past what its last search proved before it
  // searches again, in epsilons: its bids in between may miss a better unlisted worker, which
  // costs the exact solver a little and saves most searches.
  static constexpr std::int64_t slack = 4;

  struct choice {
    std::int64_t best = unreachable;
    std::int64_t runner_up = unreachable;  // the second choice: another worker, a second slot, or unassigned
    std::int32_t worker = -1;
  };

  [[nodiscard]] choice choose(std::size_t i, std::int64_t own_penalty) const {
    choice c;
    std::int64_t second = unreachable;
    for (const auto& [cost, j] : cand_[i]) {
      const std::int64_t v = cost * scale_ + heaps_.min_price(static_cast<std::size_t>(j));
      if (v < c.best) {
        second = c.best;
        c.best = v;
        c.worker = j;
      } else if (v < second) {
        second = v;
      }
    }
    c.runner_up = std::min(second, own_penalty);
    if (c.worker >= 0) {
      const auto j = static_cast<std::size_t>(c.worker);
      c.runner_up = std::min(c.runner_up, c.best - heaps_.min_price(j) + heaps_.second_price(j));
    }
    return c;
  }

  // Whether referral i, in a slot of worker j at `price`, is within eps of its best choice.
  [[nodiscard]] bool keeps(std::size_t i, std::size_t j, std::int64_t price, std::int64_t eps) const {
    const std::int64_t own = metres(referrals_[i], workers_[j]) * scale_ + price;
    std::int64_t other = std::max(past_nearest_[i] + node_min_[0], past_search_[i]);
    if (!penalty_.empty()) other = std::min(other, penalty_[i] * scale_);
    for (const auto& [cost, k] : cand_[i]) {
      other = std::min(other, cost * scale_ + heaps_.price_for_holder(static_cast<std::size_t>(k), j, price));
    }
    return own <= other + eps;
  }

  // The bid of referral i; returns the referral it displaces, or -1.
  std::int32_t bid(std::size_t i, std::int64_t eps) {
    const std::int64_t own_penalty = penalty_.empty() ? unreachable : penalty_[i] * scale_;
    choice c = choose(i, own_penalty);
    if (c.runner_up > std::max(past_nearest_[i] + node_min_[0], past_search_[i] + slack * eps)) {
      // An unlisted worker might come first or second: list the cheapest by cost + price.
      search_.run(referrals_[i], fetch, c.runner_up, scratch_);
      auto& list = cand_[i];
      for (const auto& [key, j] : scratch_) {
        const std::int64_t cost = (key - heaps_.min_price(static_cast<std::size_t>(j))) / scale_;
        if (std::find(list.begin(), list.end(), std::pair{cost, j}) == list.end()) list.emplace_back(cost, j);
      }
      // Every worker still unlisted has a key of at least the bound searched, or the last
      // found when the search was full.
      past_search_[i] = std::max(past_search_[i], scratch_.size() < fetch ? c.runner_up : scratch_.back().first);
      c = choose(i, own_penalty);
    }
    if (c.worker < 0 || c.best >= unreachable || own_penalty <= c.best) {
      satisfied_[i] = 1;  // unassigned, and nobody competes for that: it stays so as prices rise
      return -1;
    }
    const std::int64_t raise = c.runner_up >= unreachable ? eps : c.runner_up - c.best + eps;
    const auto j = static_cast<std::size_t>(c.worker);
    const std::int32_t out = heaps_.take(j, static_cast<std::int32_t>(i), raise);
    refresh_tree(j);
    own_[i] = c.worker;
    if (out >= 0) own_[static_cast<std::size_t>(out)] = -1;
    return out;
  }

  // The least price in each branch above worker j's leaf.
  void refresh_tree(std::size_t j) {
    auto id = static_cast<std::size_t>(leaf_[j]);
    const auto& leaf = tree_.nodes[id];
    std::int64_t least = unreachable;
    for (auto x = static_cast<std::size_t>(leaf.begin); x < static_cast<std::size_t>(leaf.end); ++x) {
      least = std::min(least, heaps_.min_price(static_cast<std::size_t>(tree_.worker[x])));
    }
    node_min_[id] = least;
    while (parent_[id] >= 0) {
      id = static_cast<std::size_t>(parent_[id]);
      const auto& nd = tree_.nodes[id];
      const std::int64_t m =
          std::min(node_min_[static_cast<std::size_t>(nd.left)], node_min_[static_cast<std::size_t>(nd.right)]);
      if (m == node_min_[id]) break;
      node_min_[id] = m;
    }
  }

  const std::vector<geo_point>& referrals_;
  const std::vector<geo_point>& workers_;
  const worker_tree& tree_;
  std::span<const std::int64_t> penalty_;
  candidate_lists& cand_;
  std::int64_t scale_;
  detail::slot_heaps heaps_;
  std::vector<std::int64_t> node_min_;
  std::vector<std::int32_t> parent_;
  std::vector<std::int32_t> leaf_;
  cheapest_search search_;
  std::vector<cheapest_search::entry> scratch_;
  // Per referral, lower bounds of the key (scale x cost + price) of its unlisted workers: the
  // distance past its nearest (plus the least price, which only rises), and what a search
  // proved (prices only rise, so keys too).
  std::vector<std::int64_t> past_nearest_;
  std::vector<std::int64_t> past_search_;
  std::vector<std::int32_t> own_;
  std::vector<char> satisfied_;
};

}  // namespace

geographic_cost::geographic_cost(std::span<const double> referral_lat, std::span<const double> referral_lon,
                                 std::span<const double> worker_lat, std::span<const double> worker_lon) {
  check_points(referral_lat, referral_lon, "referral_lat", "referral_lon", "referral");
  check_points(worker_lat, worker_lon, "worker_lat", "worker_lon", "worker");
  if (worker_lat.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()) ||
      referral_lat.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw invalid_argument(error_id::invalid_value, "worker_lat", "must have fewer than 2^31 referrals and workers");
  }
  referrals_.reserve(referral_lat.size());
  for (std::size_t i = 0; i < referral_lat.size(); ++i) referrals_.push_back({referral_lat[i], referral_lon[i]});
  workers_.reserve(worker_lat.size());
  for (std::size_t j = 0; j < worker_lat.size(); ++j) workers_.push_back({worker_lat[j], worker_lon[j]});
  auto tree = std::make_shared<worker_tree>();
  tree->point.reserve(workers_.size());
  for (std::size_t j = 0; j < workers_.size(); ++j) {
    tree->point.push_back(unit_vector(workers_[j]));
    tree->worker.push_back(static_cast<std::int32_t>(j));
  }
  if (!workers_.empty()) build(*tree, 0, static_cast<std::int32_t>(workers_.size()));
  tree_ = std::move(tree);
}

std::int64_t geographic_cost::at(std::size_t referral, std::size_t worker) const noexcept {
  return metres(referrals_[referral], workers_[worker]);
}

sparse_costs geographic_cost::nearest(std::size_t k) const {
  if (k == 0) throw invalid_argument(error_id::invalid_value, "k", "must be at least 1");
  sparse_costs g;
  g.workers = workers_.size();
  g.indptr.reserve(referrals_.size() + 1);
  g.indptr.push_back(0);
  const std::size_t per_row = std::min(k, workers_.size());
  g.indices.reserve(referrals_.size() * per_row);
  g.costs.reserve(referrals_.size() * per_row);
  cheapest_search search(*tree_, workers_, {}, {});
  std::vector<cheapest_search::entry> row;
  for (const geo_point& r : referrals_) {
    search.run(r, k, std::numeric_limits<std::int64_t>::max(), row);
    for (const auto& [c, j] : row) {
      g.indices.push_back(j);
      g.costs.push_back(c);
    }
    g.indptr.push_back(static_cast<std::int64_t>(g.indices.size()));
  }
  return g;
}

std::vector<std::int64_t> geographic_cost::matrix() const {
  std::vector<std::int64_t> out;
  out.reserve(referrals_.size() * workers_.size());
  for (const geo_point& r : referrals_) {
    for (const geo_point& w : workers_) out.push_back(metres(r, w));
  }
  return out;
}

assignment_result solve_assignment(const geographic_cost& cost, std::span<const std::int32_t> capacity, std::size_t k,
                                   std::span<const std::int64_t> unassigned_penalty, sparse_costs* candidates) {
  const std::size_t n = cost.referrals();
  const std::size_t w = cost.workers();
  detail::check_capacity(n, w, capacity, unassigned_penalty, "referral");
  if (k == 0) throw invalid_argument(error_id::invalid_value, "k", "must be at least 1");
  // Without penalties every referral must be assigned: keep the left-over ones at a penalty
  // above what any augmenting path can save (it passes each worker at most once, at most
  // max_distance_m a step), so that the optimum leaves one over only when nothing else can.
  std::vector<std::int64_t> big;
  std::span<const std::int64_t> penalty = unassigned_penalty;
  const bool must_assign = unassigned_penalty.empty();
  if (must_assign) {
    const std::int64_t m = static_cast<std::int64_t>(w + 1) * (max_distance_m + 1);
    if (n > 0 && m > std::numeric_limits<std::int64_t>::max() / 8 / static_cast<std::int64_t>(n)) {
      throw invalid_argument(error_id::invalid_value, "capacity",
                             "referrals x workers is too large for exact 64-bit costs without unassigned_penalty");
    }
    big.assign(n, m);
    penalty = big;
  }
  const worker_tree& tree = *cost.tree_;
  candidate_lists cand(n);
  std::int64_t farthest = 0;
  // Per referral, a cost no unlisted worker is below: its k-th nearest's (lists only grow).
  std::vector<std::int64_t> unlisted_from(n, std::numeric_limits<std::int64_t>::max() / 4);
  {
    cheapest_search search(tree, cost.workers_, {}, {});
    std::vector<cheapest_search::entry> row;
    for (std::size_t i = 0; i < n; ++i) {
      search.run(cost.referrals_[i], k, std::numeric_limits<std::int64_t>::max(), row);
      cand[i].assign(row.begin(), row.end());
      if (!row.empty()) farthest = std::max(farthest, row.back().first);
      if (row.size() < w) unlisted_from[i] = row.back().first;
    }
  }
  // Start from an auction's prices and candidates (it needs room for every referral that
  // must be assigned: else the exact solver reports the referral left over).
  std::vector<std::int64_t> prices;
  std::int64_t warm_level = 0;
  std::int64_t places = 0;
  for (std::int32_t c : capacity) places += c;
  if (n > 0 && w > 0 && (!must_assign || places >= static_cast<std::int64_t>(n))) {
    slot_auction auction(cost.referrals_, tree, cost.workers_, capacity, unassigned_penalty, cand);
    auto warm = auction.run(std::max<std::int64_t>(farthest, 1));
    prices = std::move(warm.price_m);
    warm_level = 2 * warm.highest_dual_m;
  }
  // The rounds solve with the penalties capped at `level`, so that a referral the graph
  // cannot place stops its search there instead of crossing the whole graph; the level
  // grows each round. A round whose check holds is optimal for the real penalties when no
  // referral is left over (raising a penalty then changes nothing) or the cap is off.
  std::int64_t level = std::max<std::int64_t>({4 * farthest, 1000, warm_level});
  std::vector<std::int64_t> capped(n);
  std::int64_t highest = std::numeric_limits<std::int64_t>::min();
  for (std::int64_t p : penalty) highest = std::max(highest, p);
  std::vector<std::int64_t> node_min(tree.nodes.size());
  std::vector<std::int64_t> dual;
  std::vector<cheapest_search::entry> found;
  std::size_t first_violations = 0;
  // Each referral's dual at its last proof that found no pair missing (`unproved` when there
  // is none). The warm solves only raise prices, so a referral whose dual has not risen past
  // it stays proved. A cold solve may lower prices: everyone is proved again.
  constexpr std::int64_t unproved = std::numeric_limits<std::int64_t>::min();
  std::vector<std::int64_t> proved_at(n, unproved);
  for (std::size_t round = 0;; ++round) {
    detail::sparse_rows rows = detail::rows_of(cand);
    for (std::size_t i = 0; i < n; ++i) capped[i] = std::min(penalty[i], level);
    const bool capped_off = level >= highest;
    // From the second round on, start from the last prices; the result is optimal for the
    // graph when every worker with a positive price is full, else solve again cold.
    assignment_result r = detail::solve_rows<true>(rows, n, w, capacity, capped, &dual, prices);
    if (!prices.empty() && !detail::complementary(r.worker_of, r.worker_price, capacity)) {
      r = detail::solve_rows<true>(rows, n, w, capacity, capped, &dual);
      std::fill(proved_at.begin(), proved_at.end(), unproved);
    }
    prices = r.worker_price;
    // The least price in each branch of the tree (children come after their parents).
    for (std::size_t id = tree.nodes.size(); id-- > 0;) {
      const auto& nd = tree.nodes[id];
      if (nd.left < 0) {
        std::int64_t least = std::numeric_limits<std::int64_t>::max();
        for (auto x = static_cast<std::size_t>(nd.begin); x < static_cast<std::size_t>(nd.end); ++x) {
          least = std::min(least, prices[static_cast<std::size_t>(tree.worker[x])]);
        }
        node_min[id] = least;
      } else {
        node_min[id] = std::min(node_min[static_cast<std::size_t>(nd.left)], node_min[static_cast<std::size_t>(nd.right)]);
      }
    }
    // The proof: no pair has cost + price below the referral's dual. Pairs that do join
    // the graph (up to k a referral, those of least cost + price). Listed pairs hold by the
    // solve, so a referral needs no search when its dual is at most its nearest unlisted cost
    // plus the least price, or when it is still proved from an earlier round.
    std::size_t violated = 0;
    cheapest_search search(tree, cost.workers_, prices, node_min);
    const std::int64_t least_price = node_min.empty() ? 0 : node_min[0];
    for (std::size_t i = 0; i < n; ++i) {
      if (dual[i] <= unlisted_from[i] + least_price || dual[i] <= proved_at[i]) continue;
      search.run(cost.referrals_[i], k, dual[i], found);
      bool joined = false;
      for (const auto& [key, j] : found) {
        const std::int64_t c = key - prices[static_cast<std::size_t>(j)];
        auto& list = cand[i];
        if (std::find(list.begin(), list.end(), std::pair{c, j}) != list.end()) continue;
        list.emplace_back(c, j);
        joined = true;
        ++violated;
      }
      proved_at[i] = joined ? unproved : dual[i];
    }
    if (round == 0) first_violations = violated;
    if (violated == 0 && !capped_off && r.unassigned > 0) {
      level = level > highest / 4 ? highest : 4 * level;
      continue;
    }
    level = level > highest / 2 ? highest : 2 * level;
    if (violated == 0) {
      if (must_assign) {
        for (std::size_t i = 0; i < n; ++i) {
          if (r.worker_of[i] < 0) detail::throw_infeasible(i, n, capacity);
        }
      }
      r.how = round == 0 ? assignment_result::method::sparse_proved : assignment_result::method::sparse_extended;
      r.violated_arcs = first_violations;
      r.rounds = round + 1;
      r.candidate_pairs = rows.worker.size();
      if (candidates != nullptr) {
        candidates->workers = w;
        candidates->indptr.assign(rows.offset.begin(), rows.offset.end());
        candidates->indices = std::move(rows.worker);
        candidates->costs = std::move(rows.cost);
      }
      return r;
    }
  }
}

stable_result stable_match(const geographic_cost& cost, std::span<const std::int32_t> capacity,
                           std::span<const std::int64_t> unassigned_penalty) {
  const std::size_t n = cost.referrals();
  const std::size_t w = cost.workers();
  detail::check_capacity(n, w, capacity, unassigned_penalty, "referral");
  // Each referral's preference list, fetched in growing batches of nearest workers: the
  // search orders by (distance, worker), so a longer batch starts with the shorter one.
  constexpr std::size_t first_batch = 8;
  std::vector<std::vector<cheapest_search::entry>> batch(n);
  std::vector<std::size_t> next(n, 0);
  cheapest_search search(*cost.tree_, cost.workers_, {}, {});
  using rank = std::pair<std::int64_t, std::size_t>;  // a worker's key of a referral: (distance, index)
  std::vector<std::priority_queue<rank>> holding(w);
  stable_result r;
  r.worker_of.assign(n, -1);
  std::vector<std::size_t> free_referrals;
  free_referrals.reserve(n);
  for (std::size_t i = n; i-- > 0;) free_referrals.push_back(i);
  while (!free_referrals.empty()) {
    const std::size_t i = free_referrals.back();
    free_referrals.pop_back();
    while (true) {
      auto& list = batch[i];
      if (next[i] == list.size()) {
        const std::size_t had = list.size();
        if (had == w) break;  // every worker tried
        const std::size_t want = had == 0 ? first_batch : 2 * had;
        search.run(cost.referrals_[i], want, std::numeric_limits<std::int64_t>::max(), list);
        if (list.size() == had) break;
      }
      const auto [c, jw] = list[next[i]++];
      if (!unassigned_penalty.empty() && c > unassigned_penalty[i]) break;  // the rest are farther still
      const auto j = static_cast<std::size_t>(jw);
      ++r.proposals;
      auto& h = holding[j];
      const rank key{c, i};
      if (static_cast<std::int32_t>(h.size()) < capacity[j]) {
        h.push(key);
        r.worker_of[i] = jw;
        break;
      }
      if (!h.empty() && key < h.top()) {
        const std::size_t out = h.top().second;
        h.pop();
        r.worker_of[out] = -1;
        free_referrals.push_back(out);
        h.push(key);
        r.worker_of[i] = jw;
        break;
      }
    }
  }
  return r;
}

}  // namespace kulkija
