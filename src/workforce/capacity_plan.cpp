#include "kulkija/workforce/capacity_plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "capacity_impl.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

using namespace detail::capacity;

void check_hires(std::span<const hiring_option> hires) {
  if (hires.empty()) {
    throw invalid_argument(error_id::invalid_value, "hires", "must name at least one kind of worker to add");
  }
  for (std::size_t i = 0; i < hires.size(); ++i) {
    const hiring_option& h = hires[i];
    const std::string at = indexed("hires", i);
    if (static_cast<std::size_t>(h.kind) >= all_worker_kinds.size()) {
      throw invalid_argument(error_id::invalid_value, member(at, "kind"), "must be a worker kind");
    }
    require_int_range(member(at, "caseload_limit"), h.caseload_limit, 1, max_caseload_limit);
    if (!std::isfinite(h.weight) || h.weight <= 0.0) {
      throw invalid_argument(error_id::invalid_value, member(at, "weight"),
                             "must be a finite number above 0, got " + number(h.weight));
    }
  }
}

void check_target(double target) {
  if (!std::isfinite(target) || target <= 0.0 || target > 1.0) {
    throw invalid_argument(error_id::invalid_value, "target_share",
                           "must be above 0 and at most 1, got " + number(target));
  }
}

// The option that gets the `worker`-th added worker (from 1), `count` holding the earlier
// ones: the one furthest behind its share, ties to the earlier option.
std::size_t next_hire(std::span<const hiring_option> hires, const std::vector<int>& count, int worker) {
  double total = 0;
  for (const auto& h : hires) total += h.weight;
  std::size_t best = 0;
  double best_gap = 0;
  for (std::size_t t = 0; t < hires.size(); ++t) {
    const double gap = hires[t].weight * worker / total - count[t];
    if (t == 0 || gap > best_gap) {
      best = t;
      best_gap = gap;
    }
  }
  return best;
}

// The most places held at once if nobody ever waited.
std::int64_t peak_without_waiting(const prepared& p, std::span<const capacity_referral> referrals,
                                  const capacity_options& o) {
  std::map<std::int64_t, std::int64_t> change;
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    const date given = referrals[i].arrived;
    const date end = contact_and_end(given, referrals[i].outcome, o).second;
    ++change[p.arrived[i]];
    --change[index_of(end, p.start)];
  }
  std::int64_t held = 0;
  std::int64_t peak = 0;
  for (const auto& [day, delta] : change) {
    held += delta;
    peak = std::max(peak, held);
  }
  return peak;
}

}  // namespace

std::string_view to_string(planning_search s) noexcept { return detail::enum_name(planning_search_names, s); }

std::vector<int> apportion_hires(std::span<const hiring_option> hires, int n) {
  check_hires(hires);
  require_int_range("n", n, 0, max_workers);
  std::vector<int> count(hires.size(), 0);
  for (int worker = 1; worker <= n; ++worker) ++count[next_hire(hires, count, worker)];
  return count;
}

capacity_plan plan_capacity(date start, int months, std::span<const capacity_referral> referrals,
                            std::span<const workforce_group> base, std::span<const hiring_option> hires,
                            double target_share, const capacity_options& options) {
  check_horizon(start, months, "start", "months");
  check_referrals(referrals, start, months);
  check_workforce(base, months, "base");
  check_hires(hires);
  check_target(target_share);
  check_options(options, months);
  const prepared p = prepare(start, months, referrals, options);

  // The fewest added workers with which nobody waits: enough added places for the peak.
  const std::int64_t peak = peak_without_waiting(p, referrals, options);
  int enough = 0;
  {
    std::vector<int> count(hires.size(), 0);
    std::int64_t places = 0;
    while (places < peak) {
      if (enough == max_workers) {
        throw invalid_argument(error_id::invalid_value, "hires",
                               "would need more than " + std::to_string(max_workers) + " added workers");
      }
      const std::size_t t = next_hire(hires, count, ++enough);
      ++count[t];
      places += hires[t].caseload_limit;
    }
  }

  const auto workforce_with = [&](int n) {
    const std::vector<int> count = apportion_hires(hires, n);
    std::vector<workforce_group> w(base.begin(), base.end());
    for (std::size_t t = 0; t < hires.size(); ++t) w.push_back({hires[t].kind, count[t], hires[t].caseload_limit, 0});
    return w;
  };
  // How many counted referrals may miss their deadline while the share still meets the target.
  std::int64_t counted = 0;
  for (const auto a : p.arrived) counted += a >= p.counted_from ? 1 : 0;
  const auto share_of = [&](std::int64_t within) {
    return counted > 0 ? static_cast<double>(within) / static_cast<double>(counted) : 1.0;
  };
  std::int64_t needed = 0;
  while (share_of(needed) < target_share) ++needed;  // at most `counted` steps: share_of(counted) == 1
  const std::int64_t may_miss = counted - needed;

  // n -> (within the deadline, share), empty when the run gave up early
  std::map<int, std::optional<std::pair<std::int64_t, double>>> tried;
  std::optional<std::pair<int, capacity_result>> best;
  int runs = 0;
  const auto evaluate = [&](int n, bool give_up) {
    ++runs;
    std::optional<capacity_result> r =
        run(p, referrals, workforce_with(n), options, give_up ? std::optional<std::int64_t>(may_miss) : std::nullopt);
    if (!r) {
      tried[n] = std::nullopt;
      return false;
    }
    const double share = share_of(r->summary.within_deadline);
    tried[n] = std::pair<std::int64_t, double>{r->summary.within_deadline, share};
    const bool ok = share >= target_share;
    if (ok && (!best || n < best->first)) best.emplace(n, std::move(*r));
    return ok;
  };
  const auto meets = [&](int n) {
    if (const auto it = tried.find(n); it != tried.end()) return it->second && it->second->second >= target_share;
    return evaluate(n, true);
  };

  capacity_plan plan;
  plan.target_share = target_share;
  const bool monotone = options.order == queue_order::arrival || p.single_priority;
  plan.search = monotone ? planning_search::bisection : planning_search::linear_scan;
  if (!evaluate(enough, false)) {
    const auto [within, share] = *tried.at(enough);
    throw invalid_argument(error_id::invalid_value, "target_share",
                           "cannot be met: even if nobody waited, " + std::to_string(within) + " of the " +
                               std::to_string(counted) + " counted referrals (a share of " + number(share) +
                               ") get first contact within the deadline");
  }
  int answer = enough;
  if (monotone) {
    // Gallop up from 0 to the first count that meets the target, then bisect below it.
    int fails = -1;
    int probe = 0;
    while (probe < enough && !meets(probe)) {
      fails = probe;
      probe = probe == 0 ? 1 : std::min(2 * probe, enough);
    }
    int ok = probe;
    while (ok - fails > 1) {
      const int mid = fails + (ok - fails) / 2;
      if (meets(mid)) {
        ok = mid;
      } else {
        fails = mid;
      }
    }
    answer = ok;
  } else {
    for (int n = 0; n < enough; ++n) {
      if (meets(n)) {
        answer = n;
        break;
      }
    }
  }
  plan.added_workers = answer;
  plan.workforce = workforce_with(answer);
  plan.added.assign(plan.workforce.begin() + static_cast<std::ptrdiff_t>(base.size()), plan.workforce.end());
  plan.share_within_deadline = tried.at(answer)->second;
  if (answer > 0) {
    if (!tried.contains(answer - 1) || !tried.at(answer - 1)) evaluate(answer - 1, false);
    plan.share_with_one_fewer = tried.at(answer - 1)->second;
  }
  plan.simulations = runs;
  plan.result = std::move(best->second);
  return plan;
}

capacity_plan plan_capacity(const referral_inflow& inflow, std::span<const workforce_group> base,
                            std::span<const hiring_option> hires, double target_share,
                            const capacity_options& options) {
  const auto referrals = generate_referrals(inflow);
  return plan_capacity(inflow.start, static_cast<int>(inflow.per_month.size()), referrals, base, hires, target_share,
                       options);
}

}  // namespace kulkija
