#include "kulkija/matching/match.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/matching/stable.hpp"
#include "score_impl.hpp"

namespace kulkija {

namespace {

constexpr double cost_scale = 1000;

double weight_sum(const matching_weights& w) {
  return w.distance + w.specialism + w.preferences + w.continuity + w.caseload + w.language;
}

// The exclusions that excluded most of a client's workers, most common first.
std::vector<match_exclusion> common_exclusions(const scored_problem& p, std::size_t i, std::size_t workers) {
  static_assert(match_exclusion_count <= 16, "scored_problem::exclusions holds one bit per match_exclusion");
  std::array<std::size_t, match_exclusion_count> count{};
  for (std::size_t j = 0; j < workers; ++j) {
    const unsigned mask = p.exclusions[i * workers + j];
    for (std::size_t e = 0; e < count.size(); ++e) count[e] += (mask >> e) & 1U;
  }
  std::vector<match_exclusion> out;
  for (std::size_t k = 0; k < count.size(); ++k) {
    if (count[k] > 0) out.push_back(static_cast<match_exclusion>(k));
  }
  std::stable_sort(out.begin(), out.end(), [&](match_exclusion a, match_exclusion b) {
    return count[static_cast<std::size_t>(a)] > count[static_cast<std::size_t>(b)];
  });
  return out;
}

std::optional<double> minutes_of(const std::optional<travel_time_matrix>& travel, std::size_t i, std::size_t j) {
  if (!travel) return std::nullopt;
  return travel->minutes[i * travel->workers + j];
}

match_result explain(const matching_policy& policy, const scored_problem& p, std::span<const matching_client> clients,
                     std::span<const link_worker> workers, std::span<const std::int32_t> worker_of, date on,
                     const std::optional<travel_time_matrix>& travel) {
  match_result r;
  const std::size_t w = workers.size();
  for (std::size_t i = 0; i < clients.size(); ++i) {
    if (worker_of[i] >= 0) {
      const auto j = static_cast<std::size_t>(worker_of[i]);
      match_score score = score_pair(policy, clients[i], workers[j], on, minutes_of(travel, i, j));
      r.total_score += score.total;
      r.matched.push_back({i, j, clients[i].person.id(), workers[j].id(), std::move(score)});
      continue;
    }
    unmatched_client u{i, clients[i].person.id(), {}, {}};
    bool any_allowed = false;
    bool any_room = false;
    for (std::size_t j = 0; j < w; ++j) {
      if (p.cost[i * w + j] == forbidden_cost) continue;
      any_allowed = true;
      any_room = any_room || p.capacity[j] > 0;
    }
    if (!any_allowed) {
      u.exclusions = common_exclusions(p, i, w);
      const localized_text* most = u.exclusions.empty() ? nullptr : &label(u.exclusions.front());
      u.reason = {"yksikään linkkihenkilö ei täytä ehtoja" + (most ? ": " + most->fi : std::string()),
                  "ingen länkperson uppfyller villkoren" + (most ? ": " + most->sv : std::string()),
                  "no link worker meets the hard constraints" + (most ? ": " + most->en : std::string())};
    } else if (!any_room) {
      u.reason = {"sopivilla linkkihenkilöillä ei ole vapaita paikkoja", "lämpliga länkpersoner har inga lediga platser",
                  "the suitable link workers have no free places"};
    } else {
      u.reason = {"sopivien linkkihenkilöiden paikat menivät asiakkaille, joiden etusija tai yhteispisteet ovat suuremmat",
                  "de lämpliga länkpersonernas platser gick till klienter med högre prioritet eller total poäng",
                  "the suitable link workers' places went to clients with a higher priority or total score"};
    }
    r.unmatched.push_back(std::move(u));
  }
  for (std::size_t j = 0; j < w; ++j) {
    if (p.worker_exclusions[j] != 0) r.excluded_workers.push_back(standing_of(policy, workers[j], on));
  }
  return r;
}

}  // namespace

scored_problem score_all(const matching_policy& policy, std::span<const matching_client> clients,
                         std::span<const link_worker> workers, date on, const std::optional<travel_time_matrix>& travel) {
  validate(policy);
  const std::size_t n = clients.size();
  const std::size_t w = workers.size();
  for (std::size_t i = 0; i < n; ++i) {
    try {
      validate(clients[i]);
    } catch (const invalid_argument& e) {
      throw invalid_argument(e.id(), "clients[" + std::to_string(i) + "]." + e.field(), e.rule());
    }
  }
  if (policy.distance == distance_method::travel_time && !travel) {
    throw invalid_argument(error_id::invalid_value, "travel", "is required with the travel_time distance method");
  }
  if (travel && (travel->clients != n || travel->workers != w || travel->minutes.size() != n * w)) {
    throw invalid_argument(error_id::invalid_value, "travel",
                           "must hold clients x workers = " + std::to_string(n) + " x " + std::to_string(w) + " minutes");
  }
  if (on.is_special()) throw invalid_argument(error_id::invalid_date, "on", "must be a real date, not a special value");
  scored_problem p;
  std::vector<detail::worker_facts> facts;
  facts.reserve(w);
  for (const auto& worker : workers) {
    facts.push_back(detail::facts_of(policy, worker, on));
    p.capacity.push_back(facts.back().free_places);
    p.worker_exclusions.push_back(static_cast<std::uint16_t>(facts.back().exclusions));
  }
  p.exclusions.reserve(n * w);
  p.cost.reserve(n * w);
  const double sum = weight_sum(policy.weights);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < w; ++j) {
      const match_score s =
          detail::score_pair(policy, clients[i], workers[j], facts[j], minutes_of(travel, i, j), false);
      unsigned mask = 0;
      for (match_exclusion e : s.exclusions) mask |= 1U << static_cast<unsigned>(e);
      p.exclusions.push_back(static_cast<std::uint16_t>(mask));
      p.cost.push_back(s.allowed() ? std::llround((sum - s.total) * cost_scale) : forbidden_cost);
    }
  }
  // Without a policy penalty, one more assigned client (by priority) outweighs any score.
  const double unit = policy.unassigned_penalty ? 0.0 : (sum * cost_scale + 1) * static_cast<double>(n + 1);
  for (const auto& c : clients) {
    const double pen = policy.unassigned_penalty ? (sum + *policy.unassigned_penalty * c.priority) * cost_scale
                                                 : unit * c.priority;
    p.penalty.push_back(std::min<std::int64_t>(max_abs_cost, std::llround(pen)));
  }
  return p;
}

match_result match(const matching_policy& policy, std::span<const matching_client> clients,
                   std::span<const link_worker> workers, date on, const std::optional<travel_time_matrix>& travel) {
  const scored_problem p = score_all(policy, clients, workers, on, travel);
  const auto r = solve_assignment({p.cost, clients.size(), workers.size()}, p.capacity, p.penalty);
  return explain(policy, p, clients, workers, r.worker_of, on, travel);
}

match_result stable_match(const matching_policy& policy, std::span<const matching_client> clients,
                          std::span<const link_worker> workers, date on, const std::optional<travel_time_matrix>& travel) {
  const scored_problem p = score_all(policy, clients, workers, on, travel);
  std::vector<std::int32_t> priority;
  for (const auto& c : clients) priority.push_back(c.priority);
  const cost_matrix_view view{p.cost, clients.size(), workers.size()};
  const auto r = kulkija::stable_match(stable_preferences{view, p.capacity, {}, priority, {}});
  return explain(policy, p, clients, workers, r.worker_of, on, travel);
}

match_result match_one(const matching_policy& policy, const matching_client& c, std::span<const link_worker> workers,
                       date on, std::span<const double> travel_minutes) {
  std::optional<travel_time_matrix> travel;
  if (!travel_minutes.empty() || policy.distance == distance_method::travel_time) {
    travel = travel_time_matrix{travel_minutes, 1, workers.size()};
  }
  const scored_problem p = score_all(policy, std::span<const matching_client>(&c, 1), workers, on, travel);
  std::vector<std::int32_t> load(workers.size(), 0);
  const auto best = assign_one(p.cost, p.capacity, load);
  const std::vector<std::int32_t> worker_of{best ? static_cast<std::int32_t>(*best) : -1};
  return explain(policy, p, std::span<const matching_client>(&c, 1), workers, worker_of, on, travel);
}

}  // namespace kulkija
