#pragma once
// Starting prices for the exact solver, found by an auction with epsilon-scaling (Bertsekas'
// forward auction, each worker `capacity` alike slots). Private to src/matching.
//
// On tight instances (nearly every place taken, some workers short of clients nearby) the
// successive shortest paths from zero prices cross most of the graph for each late client;
// from prices near the duals they are short. The auction's prices are only a start: the exact
// solver finishes and its check decides, so nothing here can cost the optimum, only time.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "kulkija/matching/assignment.hpp"
#include "assignment_impl.hpp"

namespace kulkija::detail {

// Every worker's places as slots with prices of their own, each worker's slots a min-heap by
// price, with the least and second least price kept at hand.
class slot_heaps {
 public:
  static constexpr std::int64_t unreachable = std::numeric_limits<std::int64_t>::max() / 4;

  struct slot {
    std::int64_t price;
    std::int32_t holder;  // the client holding the slot, or -1
  };

  explicit slot_heaps(std::span<const std::int32_t> capacity)
      : start_(capacity.size() + 1, 0), min_price_(capacity.size(), 0), second_price_(capacity.size(), 0) {
    for (std::size_t j = 0; j < capacity.size(); ++j) start_[j + 1] = start_[j] + static_cast<std::size_t>(capacity[j]);
    slot_.assign(start_.back(), slot{0, -1});
    for (std::size_t j = 0; j < capacity.size(); ++j) refresh(j);
  }

  // The least price of worker j's slots (unreachable when it has none), and the next least.
  [[nodiscard]] std::int64_t min_price(std::size_t j) const noexcept { return min_price_[j]; }
  [[nodiscard]] std::int64_t second_price(std::size_t j) const noexcept { return second_price_[j]; }
  [[nodiscard]] std::span<const std::int64_t> min_prices() const noexcept { return min_price_; }
  // The least price at worker k for a client that holds a slot of worker j at `price`: at its
  // own worker, the cheapest slot but the one it holds.
  [[nodiscard]] std::int64_t price_for_holder(std::size_t k, std::size_t j, std::int64_t price) const noexcept {
    return k == j && price == min_price_[k] ? second_price_[k] : min_price_[k];
  }

  // At a phase's start: every holder that `keeps(i, j, price)` (client i in a slot of worker
  // j at `price`) turns down leaves its slot, and own[i] becomes -1.
  template <class Keeps>
  void release(Keeps&& keeps, std::vector<std::int32_t>& own) {
    for (std::size_t j = 0; j + 1 < start_.size(); ++j) {
      for (std::size_t x = start_[j]; x < start_[j + 1]; ++x) {
        slot& sl = slot_[x];
        if (sl.holder < 0) continue;
        const auto i = static_cast<std::size_t>(sl.holder);
        if (keeps(i, j, sl.price)) continue;
        own[i] = -1;
        sl.holder = -1;
      }
    }
  }

  // Client i takes worker j's cheapest slot, raising its price by `raise`; returns the client
  // it displaces, or -1.
  std::int32_t take(std::size_t j, std::int32_t i, std::int64_t raise) {
    slot* heap = slot_.data() + start_[j];
    const std::int32_t out = heap[0].holder;
    heap[0] = slot{heap[0].price + raise, i};
    sift_down(heap, start_[j + 1] - start_[j]);
    refresh(j);
    return out;
  }

  // At a phase's start, where clients may stay unassigned (penalties): each holder keeps its
  // slot at the price `fair(i, j, price)` gives, at most `price`, or leaves it (a negative
  // answer) and the slot's price falls to 0. (Released, as release() does, a slot priced
  // above every bidder's penalty would stay empty at that price for good: on an area with
  // twice as many clients as places every price ended at 0 and the exact solver learnt
  // nothing from the auction.)
  template <class Fair>
  void reprice(Fair&& fair, std::vector<std::int32_t>& own) {
    for (std::size_t j = 0; j + 1 < start_.size(); ++j) {
      bool changed = false;
      for (std::size_t x = start_[j]; x < start_[j + 1]; ++x) {
        slot& sl = slot_[x];
        if (sl.holder < 0) continue;
        const std::int64_t price = fair(static_cast<std::size_t>(sl.holder), j, sl.price);
        if (price == sl.price) continue;
        changed = true;
        if (price < 0) {
          own[static_cast<std::size_t>(sl.holder)] = -1;
          sl = slot{0, -1};
        } else {
          sl.price = price;
        }
      }
      if (changed) {
        slot* heap = slot_.data() + start_[j];
        std::make_heap(heap, heap + (start_[j + 1] - start_[j]),
                       [](const slot& a, const slot& b) { return a.price > b.price; });
        refresh(j);
      }
    }
  }

  // Worker j's price for the exact solver, in the auction's units: its least slot price when
  // every slot is held, else 0 (a worker with room has no price at the optimum).
  [[nodiscard]] std::int64_t full_price(std::size_t j) const noexcept {
    const auto size = start_[j + 1] - start_[j];
    if (size == 0) return 0;
    for (std::size_t x = start_[j]; x < start_[j + 1]; ++x) {
      if (slot_[x].holder < 0) return 0;
    }
    return min_price_[j];
  }

 private:
  static void sift_down(slot* heap, std::size_t size) {
    std::size_t at = 0;
    while (true) {
      const std::size_t l = 2 * at + 1;
      if (l >= size) return;
      std::size_t m = l;
      if (l + 1 < size && heap[l + 1].price < heap[l].price) m = l + 1;
      if (heap[at].price <= heap[m].price) return;
      std::swap(heap[at], heap[m]);
      at = m;
    }
  }

  void refresh(std::size_t j) {
    const slot* heap = slot_.data() + start_[j];
    const std::size_t size = start_[j + 1] - start_[j];
    min_price_[j] = size > 0 ? heap[0].price : unreachable;
    second_price_[j] = size > 2 ? std::min(heap[1].price, heap[2].price) : size > 1 ? heap[1].price : unreachable;
  }

  std::vector<std::size_t> start_;
  std::vector<slot> slot_;
  std::vector<std::int64_t> min_price_;
  std::vector<std::int64_t> second_price_;
};

// The auction on fixed rows (Rows::for_each(i, f(worker, cost)), as the exact solver reads
// them): a client bids for the cheapest slot of the worker of least scaled cost + price,
// raising that slot's price by the margin to its second choice (another worker, the worker's
// next slot, or being left unassigned at its penalty) plus epsilon, and displaces the slot's
// holder. Each phase keeps the clients still within its epsilon of their best and divides
// epsilon by 4, from the spread of costs of a long row (see run()) down to a 4096th of it.
//
// An auction need not end on a graph where some clients cannot all be placed (without
// penalties) and may take long on one that is nearly so; it gives up after a budget of bids
// (or when a price grows past what 64 bits keep exact) and returns no prices: the exact
// solver then starts from zero, as without the auction.
template <class Rows>
class row_auction {
 public:
  row_auction(const Rows& rows, std::size_t clients, std::size_t workers, std::span<const std::int32_t> capacity,
              std::span<const std::int64_t> penalty)
      : rows_(rows), clients_(clients), workers_(workers), penalty_(penalty), heaps_(capacity),
        own_(clients, -1), own_cost_(clients, 0), satisfied_(clients, 0) {}

  // The prices in cost units (one per worker), or empty when the auction gave up.
  std::vector<std::int64_t> run() {
    // Epsilon starts at the spread of costs (cheapest to dearest) of a long row: the 90th
    // percentile of the rows' spreads. (The widest row starts too coarse: the last phase then
    // leaves the exact solver prices a fifth as good; much narrower, every phase bids more.)
    std::vector<std::int64_t> spreads;
    spreads.reserve(clients_);
    for (std::size_t i = 0; i < clients_; ++i) {
      std::int64_t lo = unreachable;
      std::int64_t hi = -unreachable;
      rows_.for_each(i, [&](std::size_t, std::int64_t c) {
        lo = std::min(lo, c);
        hi = std::max(hi, c);
      });
      if (hi > lo) spreads.push_back(hi - lo);
    }
    std::int64_t spread = 1;
    if (!spreads.empty()) {
      const auto at = spreads.begin() + static_cast<std::ptrdiff_t>(spreads.size() * 9 / 10);
      std::nth_element(spreads.begin(), at, spreads.end());
      spread = *at;
    }
    // Down to a 4096th (seven phases): the exact solver needs prices this near the duals to be
    // quick, and a coarser end (a 1024th) cost it more than the phase it saved.
    const std::int64_t last = std::max<std::int64_t>(1, spread * scale / 4096);
    // Each phase may bid this often before the auction gives up: the instances it helps take
    // under 10 bids a client a phase.
    const std::size_t budget = 64 * clients_ + 1024;
    std::vector<std::size_t> queue;
    queue.reserve(clients_);
    for (std::int64_t eps = std::max<std::int64_t>(1, spread * scale);; eps = std::max<std::int64_t>(1, eps / factor)) {
      if (penalty_.empty()) {
        heaps_.release([&](std::size_t i, std::size_t j, std::int64_t price) { return keeps(i, j, price, eps); }, own_);
      } else {
        heaps_.reprice([&](std::size_t i, std::size_t j, std::int64_t price) { return fair_price(i, j, price, eps); },
                       own_);
        std::fill(satisfied_.begin(), satisfied_.end(), 0);  // (prices may have fallen: all look again)
      }
      queue.clear();
      for (std::size_t i = 0; i < clients_; ++i) {
        if (own_[i] < 0 && satisfied_[i] == 0) queue.push_back(i);
      }
      std::size_t bids = 0;
      for (std::size_t head = 0; head < queue.size(); ++head) {
        // A displaced client bids at once, while its area's prices are at hand (a tenth less
        // time than queueing it on the national benchmark's graph).
        for (std::int32_t out = static_cast<std::int32_t>(queue[head]); out >= 0;) {
          if (++bids > budget) return {};
          out = bid(static_cast<std::size_t>(out), eps);
          if (out == gave_up) return {};
        }
      }
      if (eps <= last) break;
    }
    std::vector<std::int64_t> price(workers_, 0);
    for (std::size_t j = 0; j < workers_; ++j) price[j] = heaps_.full_price(j) / scale;
    return price;
  }

 private:
  static constexpr std::int64_t unreachable = slot_heaps::unreachable;
  // Costs in sixteenths: the prices only have to be near the exact duals. Costs are at most
  // 2^40 (penalties too), so scaled costs and the prices below the limit stay in 64 bits.
  static constexpr std::int64_t scale = 16;
  static constexpr std::int64_t factor = 4;  // epsilon's fall from phase to phase
  static constexpr std::int64_t price_limit = std::int64_t{1} << 58;
  static constexpr std::int32_t gave_up = -2;

  // The scaled cost of client i's best choice but the slot of worker j it holds at `price`:
  // another worker's cheapest slot, another slot of its own worker, or its penalty.
  [[nodiscard]] std::int64_t best_other(std::size_t i, std::size_t j, std::int64_t price) const {
    std::int64_t other = penalty_.empty() ? unreachable : penalty_[i] * scale;
    rows_.for_each(i, [&](std::size_t k, std::int64_t c) { other = std::min(other, c * scale + heaps_.price_for_holder(k, j, price)); });
    return other;
  }

  // Whether client i, in a slot of worker j at `price`, is within eps of its best choice.
  [[nodiscard]] bool keeps(std::size_t i, std::size_t j, std::int64_t price, std::int64_t eps) const {
    return own_cost_[i] + price <= best_other(i, j, price) + eps;
  }

  // With penalties: the price at which client i, in a slot of worker j at `price`, is within
  // eps of its best choice: `price` when it is, a lower one where that suffices, else -1.
  [[nodiscard]] std::int64_t fair_price(std::size_t i, std::size_t j, std::int64_t price, std::int64_t eps) const {
    const std::int64_t within = best_other(i, j, price) + eps - own_cost_[i];  // the highest price that keeps i
    if (price <= within) return price;
    return within >= 0 ? within : -1;
  }

  // The bid of client i: the client it displaces, -1 for none, or gave_up.
  std::int32_t bid(std::size_t i, std::int64_t eps) {
    const std::int64_t own_penalty = penalty_.empty() ? unreachable : penalty_[i] * scale;
    std::int64_t best = unreachable;
    std::int64_t second = unreachable;
    std::int64_t best_cost = 0;
    std::size_t at = 0;
    bool found = false;
    rows_.for_each(i, [&](std::size_t k, std::int64_t c) {
      if (heaps_.min_price(k) >= unreachable) return;  // a worker without places
      const std::int64_t v = c * scale + heaps_.min_price(k);
      if (v < best) {
        second = best;
        best = v;
        best_cost = c * scale;
        at = k;
        found = true;
      } else if (v < second) {
        second = v;
      }
    });
    if (!found || best >= unreachable || own_penalty <= best) {
      satisfied_[i] = 1;  // unassigned, and nobody competes for that: it stays so as prices rise
      return -1;
    }
    const std::int64_t runner_up =
        std::min({second, own_penalty, best - heaps_.min_price(at) + heaps_.second_price(at)});
    const std::int64_t raise = runner_up >= unreachable ? eps : runner_up - best + eps;
    if (heaps_.min_price(at) + raise > price_limit) return gave_up;
    const std::int32_t out = heaps_.take(at, static_cast<std::int32_t>(i), raise);
    own_[i] = static_cast<std::int32_t>(at);
    own_cost_[i] = best_cost;
    if (out >= 0) own_[static_cast<std::size_t>(out)] = -1;
    return out;
  }

  const Rows& rows_;
  std::size_t clients_;
  std::size_t workers_;
  std::span<const std::int64_t> penalty_;
  slot_heaps heaps_;
  std::vector<std::int32_t> own_;
  std::vector<std::int64_t> own_cost_;  // the scaled cost of the pair a client holds
  std::vector<char> satisfied_;
};

// Whether the exact solver's result with warm-start prices is optimal: every worker with a
// positive price is full (the one invariant of the search that a warm start can break).
inline bool complementary(const std::vector<std::int32_t>& worker_of, const std::vector<std::int64_t>& price,
                          std::span<const std::int32_t> capacity) {
  std::vector<std::int32_t> load(capacity.size(), 0);
  for (std::int32_t j : worker_of) {
    if (j >= 0) ++load[static_cast<std::size_t>(j)];
  }
  for (std::size_t j = 0; j < capacity.size(); ++j) {
    if (price[j] != 0 && load[j] != capacity[j]) return false;
  }
  return true;
}

// Mends an exact solve from warm-start prices that broke its one invariant: a worker with a
// positive price and room. Each search starts at such a worker j0 and runs backwards
// (Dijkstra over workers, in reduced costs c(i, a) + price(a) - dual(i) >= 0): from a settled
// worker a to the worker b of each client i that lists a, which would hand i over to a. It
// ends at the nearest of: a worker b whose price, lowered by the search, reaches 0 (j0
// itself at its price); or an unassigned client who moves in at its penalty. The settled
// workers' prices fall by (end - distance), the mirror of the forward search's rise, which
// keeps every reduced cost >= 0 and every price >= 0, makes the path tight, and the clients
// along it move one step towards j0: j0 gains a client (or its price reaches 0), and the room
// ends at a price of 0. Each search thus removes one place of room at a positive price; when
// none is left the solution is optimal (every dual condition holds).
//
// On a region with twice as many clients as places and penalties (60,000 x 3,000, capacity 10)
// the exact solver from the auction's prices took 0.02 s and this 0.03-0.09 s, against 1.5-2.3 s
// from zero prices.
template <class Rows>
class reverse_repair {
 public:
  // worker_of and price: the solve's result, mended in place.
  reverse_repair(const Rows& rows, std::size_t clients, std::size_t workers, std::span<const std::int32_t> capacity,
                 std::span<const std::int64_t> penalty, std::vector<std::int32_t>& worker_of,
                 std::vector<std::int64_t>& price)
      : workers_(workers), capacity_(capacity), penalty_(penalty), worker_of_(worker_of), price_(price),
        cost_of_(clients, 0), load_(workers, 0), start_(workers + 1, 0), dist_(workers, unset), settled_(workers, 0),
        via_(workers, -1), from_(workers, -1), via_cost_(workers, 0) {
    // Each client's cost where it sits, and the pairs by worker (the rows transposed).
    for (std::size_t i = 0; i < clients; ++i) {
      const std::int32_t w = worker_of[i];
      std::int64_t own = std::numeric_limits<std::int64_t>::max();
      rows.for_each(i, [&](std::size_t k, std::int64_t c) {
        ++start_[k + 1];
        if (static_cast<std::int32_t>(k) == w) own = std::min(own, c);
      });
      if (w >= 0) {
        cost_of_[i] = own;
        ++load_[static_cast<std::size_t>(w)];
      }
    }
    for (std::size_t j = 0; j < workers; ++j) start_[j + 1] += start_[j];
    client_.resize(start_[workers]);
    cost_.resize(start_[workers]);
    std::vector<std::size_t> at(start_.begin(), start_.end() - 1);
    for (std::size_t i = 0; i < clients; ++i) {
      rows.for_each(i, [&](std::size_t k, std::int64_t c) {
        client_[at[k]] = static_cast<std::int32_t>(i);
        cost_[at[k]++] = c;
      });
    }
  }

  // Mends every worker with a positive price and room; false (the result half mended) after
  // `budget` searches.
  bool run(std::size_t budget) {
    for (std::size_t j = 0; j < workers_; ++j) {
      while (price_[j] > 0 && load_[j] < capacity_[j]) {
        if (budget == 0) return false;
        --budget;
        search(j);
      }
    }
    return true;
  }

  // The result's totals after the mending (r holds the mended worker_of).
  void totals(assignment_result& r) const { count_costs(r, cost_of_, penalty_); }

 private:
  static constexpr std::int64_t unset = std::numeric_limits<std::int64_t>::max();

  // What the search's heap holds: a worker at its distance, the distance at which a worker's
  // price would reach 0, or an unassigned client moving into worker `into` at `cost`.
  enum class kind : std::uint8_t { worker, price_zero, unassigned };
  struct entry {
    std::int64_t key;
    kind what;
    std::int32_t id;        // the worker, or the unassigned client
    std::int32_t into;      // (unassigned) the worker it moves into
    std::int64_t cost;      // (unassigned) its cost there
    friend bool operator>(const entry& x, const entry& y) noexcept {
      if (x.key != y.key) return x.key > y.key;
      return x.what < y.what;  // on equal keys an end comes first
    }
  };

  [[nodiscard]] std::int64_t dual(std::size_t i) const {
    const std::int32_t w = worker_of_[i];
    return w >= 0 ? cost_of_[i] + price_[static_cast<std::size_t>(w)] : penalty_[i];
  }

  void push(const entry& e) {
    heap_.push_back(e);
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }

  // Reaches worker b at distance d: its client i would move into worker a at cost c.
  void reach(std::size_t b, std::int64_t d, std::int32_t i, std::size_t a, std::int64_t c) {
    if (d >= dist_[b]) return;
    if (dist_[b] == unset) touched_.push_back(static_cast<std::int32_t>(b));
    dist_[b] = d;
    via_[b] = i;
    from_[b] = static_cast<std::int32_t>(a);
    via_cost_[b] = c;
    push({d, kind::worker, static_cast<std::int32_t>(b), -1, 0});
    push({d + price_[b], kind::price_zero, static_cast<std::int32_t>(b), -1, 0});
  }

  void search(std::size_t j0) {
    for (std::int32_t a : touched_) {
      dist_[static_cast<std::size_t>(a)] = unset;
      settled_[static_cast<std::size_t>(a)] = 0;
    }
    touched_.clear();
    heap_.clear();
    settled_list_.clear();
    touched_.push_back(static_cast<std::int32_t>(j0));
    dist_[j0] = 0;
    push({0, kind::worker, static_cast<std::int32_t>(j0), -1, 0});
    push({price_[j0], kind::price_zero, static_cast<std::int32_t>(j0), -1, 0});
    entry end{};
    while (true) {  // (j0's own price_zero entry ends it at the latest)
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
      const entry e = heap_.back();
      heap_.pop_back();
      const auto a = static_cast<std::size_t>(e.id);
      if (e.what == kind::unassigned || (e.what == kind::price_zero && e.key == dist_[a] + price_[a])) {
        end = e;
        break;
      }
      if (e.what != kind::worker || settled_[a] != 0 || e.key != dist_[a]) continue;
      settled_[a] = 1;
      settled_list_.push_back(e.id);
      for (std::size_t x = start_[a]; x < start_[a + 1]; ++x) {
        const auto i = static_cast<std::size_t>(client_[x]);
        const std::int32_t b = worker_of_[i];
        if (b == static_cast<std::int32_t>(a) || (b < 0 && penalty_.empty())) continue;
        const std::int64_t d = e.key + cost_[x] + price_[a] - dual(i);
        if (b < 0) {
          push({d, kind::unassigned, client_[x], static_cast<std::int32_t>(a), cost_[x]});
        } else if (settled_[static_cast<std::size_t>(b)] == 0) {
          reach(static_cast<std::size_t>(b), d, client_[x], a, cost_[x]);
        }
      }
    }
    const std::int64_t total = end.key;
    for (std::int32_t a : settled_list_) price_[static_cast<std::size_t>(a)] -= total - dist_[static_cast<std::size_t>(a)];
    std::size_t b = 0;  // the worker whose client moves next, towards j0
    if (end.what == kind::price_zero) {
      b = static_cast<std::size_t>(end.id);
      if (settled_[b] == 0) price_[b] = 0;  // (its price less (total - distance))
    } else {
      const auto i = static_cast<std::size_t>(end.id);
      b = static_cast<std::size_t>(end.into);
      worker_of_[i] = end.into;
      cost_of_[i] = end.cost;
      ++load_[b];
    }
    while (b != j0) {
      const auto i = static_cast<std::size_t>(via_[b]);
      const auto to = static_cast<std::size_t>(from_[b]);
      --load_[b];
      worker_of_[i] = from_[b];
      cost_of_[i] = via_cost_[b];
      ++load_[to];
      b = to;
    }
  }

  std::size_t workers_;
  std::span<const std::int32_t> capacity_;
  std::span<const std::int64_t> penalty_;
  std::vector<std::int32_t>& worker_of_;
  std::vector<std::int64_t>& price_;
  std::vector<std::int64_t> cost_of_;  // each client's cost where it sits
  std::vector<std::int32_t> load_;
  std::vector<std::size_t> start_;     // the pairs by worker: client_ and cost_ from start_[j]
  std::vector<std::int32_t> client_;
  std::vector<std::int64_t> cost_;
  std::vector<std::int64_t> dist_;
  std::vector<char> settled_;
  std::vector<std::int32_t> via_;      // the client at a reached worker that moves on the path
  std::vector<std::int32_t> from_;     // the worker it moves into
  std::vector<std::int64_t> via_cost_; // its cost there
  std::vector<std::int32_t> touched_;
  std::vector<std::int32_t> settled_list_;
  std::vector<entry> heap_;
};

}  // namespace kulkija::detail
