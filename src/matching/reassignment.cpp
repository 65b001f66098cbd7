#include "kulkija/matching/reassignment.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <numeric>
#include <string>
#include <type_traits>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/matching/match.hpp"

namespace kulkija {

namespace {

constexpr std::size_t max_note_bytes = 2000;

bool active(referral_state s) noexcept { return is_open_support(s); }

int priority_of(priority p) noexcept { return matching_priority(p); }

void require_day(date on) {
  if (on.is_special()) throw invalid_argument(error_id::invalid_date, "on", "must be a real date, not a special value");
}

void require_unique_ids(std::span<const referral> referrals) {
  std::map<std::string, std::size_t> seen;
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    if (!seen.emplace(referrals[i].id().str(), i).second) {
      throw invalid_argument(error_id::invalid_id, "referrals[" + std::to_string(i) + "]",
                             "referral " + quote(referrals[i].id().str()) + " appears twice");
    }
  }
}

// The workers the history assigned, newest first (assign and reassign events).
std::vector<link_worker_id> assigned_workers(const referral& r) {
  std::vector<link_worker_id> out;
  for (auto it = r.history().rbegin(); it != r.history().rend(); ++it) {
    const auto& e = it->event;
    if ((e.kind == referral_event::assign || e.kind == referral_event::reassign) && e.link_worker) {
      out.push_back(*e.link_worker);
    }
  }
  return out;
}

// The most recent worker the referral had other than `except`.
std::optional<link_worker_id> earlier_worker(const referral& r, const link_worker_id& except) {
  for (const auto& w : assigned_workers(r)) {
    if (w != except) return w;
  }
  return std::nullopt;
}

std::string points(double v, char decimal) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.1f", v);
  std::string s = buf.data();
  if (decimal != '.') std::replace(s.begin(), s.end(), '.', decimal);
  return s;
}

// "78.5 (distance 9.8 km; ...)" in each language: the total and the weighted components' reasons.
localized_text score_words(const match_score& s) {
  localized_text out{points(s.total, ','), points(s.total, ','), points(s.total, '.')};
  std::string fi, sv, en;
  for (const auto& c : s.components) {
    if (c.weight <= 0) continue;
    fi += (fi.empty() ? "" : "; ") + c.reason.fi;
    sv += (sv.empty() ? "" : "; ") + c.reason.sv;
    en += (en.empty() ? "" : "; ") + c.reason.en;
  }
  out.fi += " (" + fi + ")";
  out.sv += " (" + sv + ")";
  out.en += " (" + en + ")";
  return out;
}

localized_text why_moving(const link_worker_id& from, reason_code reason) {
  const localized_text& l = label(reason);
  return {from.str() + ": " + l.fi + ". ", from.str() + ": " + l.sv + ". ", from.str() + ": " + l.en + ". "};
}


localized_text takes_over(const link_worker_id& to, const match_score& s, bool earlier) {
  const localized_text sc = score_words(s);
  const std::string w = to.str();
  if (earlier) {
    return {"Asiakkaan aiempi linkkihenkilö " + w + " jatkaa, pisteet " + sc.fi + ".",
            "Klientens tidigare länkperson " + w + " tar över, poäng " + sc.sv + ".",
            "The client's earlier link worker " + w + " takes over, score " + sc.en + "."};
  }
  return {w + " jatkaa, pisteet " + sc.fi + ".", w + " tar över, poäng " + sc.sv + ".",
          w + " takes over, score " + sc.en + "."};
}

std::string shortened(std::string text) {
  if (text.size() <= max_note_bytes) return text;
  std::size_t cut = max_note_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0U) == 0x80U) --cut;  // not inside a UTF-8 sequence
  text.resize(cut);
  return text;
}

std::vector<worker_standing> excluded(const matching_policy& policy, std::span<const link_worker> workers, date on) {
  std::vector<worker_standing> out;
  for (const auto& w : workers) {
    auto s = standing_of(policy, w, on);
    if (!s.matchable()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::size_t reassignment_plan::planned() const noexcept {
  return static_cast<std::size_t>(
      std::count_if(moves.begin(), moves.end(), [](const reassignment& m) { return m.to.has_value(); }));
}

reassignment_plan plan_reassignment(const matching_policy& policy, std::span<const referral> referrals,
                                    std::span<const link_worker> workers, const link_worker_id& leaving,
                                    reason_code reason, date on, std::span<const std::optional<geo_point>> locations) {
  if (reason != reason_code::worker_left && reason != reason_code::worker_on_leave) {
    throw invalid_argument(error_id::invalid_value, "reason",
                           "must be worker_left or worker_on_leave, got " + quote(to_string(reason)));
  }
  require_day(on);
  if (!locations.empty() && locations.size() != referrals.size()) {
    throw invalid_argument(error_id::invalid_value, "locations",
                           "must hold one location per referral (" + std::to_string(referrals.size()) + "), got " +
                               std::to_string(locations.size()));
  }
  require_unique_ids(referrals);
  validate(policy);

  reassignment_plan plan{leaving, reason, on, {}, {}};
  std::vector<link_worker> candidates;
  for (const auto& w : workers) {
    if (w.id() != leaving) candidates.push_back(w);
  }
  std::map<std::string, std::size_t> index_of;
  for (std::size_t j = 0; j < candidates.size(); ++j) index_of.emplace(candidates[j].id().str(), j);

  std::vector<std::size_t> affected;
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    if (active(referrals[i].state()) && referrals[i].link_worker() == leaving) affected.push_back(i);
  }
  const continuity_policy& continuity = policy.workforce.continuity;
  std::vector<matching_client> clients;
  std::vector<std::optional<link_worker_id>> earlier;
  for (std::size_t i : affected) {
    const referral& r = referrals[i];
    earlier.push_back(earlier_worker(r, leaving));
    matching_client c{r.subject(), locations.empty() ? std::nullopt : locations[i],
                      continuity.prefer_earlier_worker ? earlier.back() : std::nullopt, priority_of(r.urgency())};
    clients.push_back(std::move(c));
  }

  // One move per affected referral, filled below.
  std::vector<reassignment> moves;
  for (std::size_t k = 0; k < affected.size(); ++k) {
    const referral& r = referrals[affected[k]];
    moves.push_back({r.id(), r.subject().id(), leaving, std::nullopt, false, std::nullopt, why_moving(leaving, reason)});
  }

  // Continuity first, when required: the earlier worker takes the client if allowed and free.
  std::vector<bool> settled(affected.size(), false);
  if (continuity.require_earlier_worker) {
    std::vector<std::size_t> order(affected.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return clients[a].priority > clients[b].priority; });
    for (std::size_t k : order) {
      if (!earlier[k]) continue;
      const auto found = index_of.find(earlier[k]->str());
      if (found == index_of.end()) continue;
      link_worker& w = candidates[found->second];
      if (effective_free_places(policy.workforce, w) <= 0) continue;
      match_score s = score_pair(policy, clients[k], w, on);
      if (!s.allowed()) continue;
      moves[k].to = w.id();
      moves[k].continuity = true;
      moves[k].reason = concat({moves[k].reason, takes_over(w.id(), s, true)});
      moves[k].score = std::move(s);
      w.set_capacity(w.capacity(), std::min(1000, w.caseload() + 1));
      settled[k] = true;
    }
  }

  // The others by the optimal matching.
  std::vector<std::size_t> rest;
  std::vector<matching_client> rest_clients;
  for (std::size_t k = 0; k < affected.size(); ++k) {
    if (settled[k]) continue;
    rest.push_back(k);
    rest_clients.push_back(clients[k]);
  }
  const match_result m = match(policy, rest_clients, candidates, on);
  for (const auto& pair : m.matched) {
    const std::size_t k = rest[pair.client_index];
    const bool same = earlier[k] && *earlier[k] == pair.worker;
    moves[k].to = pair.worker;
    moves[k].continuity = same;
    moves[k].reason = concat({moves[k].reason, takes_over(pair.worker, pair.score, same)});
    moves[k].score = pair.score;
  }
  for (const auto& u : m.unmatched) {
    const std::size_t k = rest[u.client_index];
    moves[k].reason = concat({moves[k].reason, localized_text{"Kukaan linkkihenkilö ei voi ottaa asiakasta: " + u.reason.fi + ".",
                                                           "Ingen länkperson kan ta emot klienten: " + u.reason.sv + ".",
                                                           "No link worker can take the client: " + u.reason.en + "."}});
  }
  plan.moves = std::move(moves);
  plan.excluded_workers = excluded(policy, candidates, on);
  return plan;
}

reassignment_plan plan_return(const matching_policy& policy, std::span<const referral> referrals,
                              std::span<const link_worker> workers, const link_worker_id& returning, date on) {
  require_day(on);
  require_unique_ids(referrals);
  validate(policy);
  const auto found = std::find_if(workers.begin(), workers.end(), [&](const link_worker& w) { return w.id() == returning; });
  if (found == workers.end()) throw not_found("link worker", returning.str());
  link_worker back = *found;
  reassignment_plan plan{returning, reason_code::other, on, {}, excluded(policy, workers, on)};

  std::vector<std::size_t> affected;
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    const referral& r = referrals[i];
    if (!active(r.state())) continue;
    const auto& h = r.history();
    const auto last = std::find_if(h.rbegin(), h.rend(), [](const history_entry& e) {
      return e.event.kind == referral_event::assign || e.event.kind == referral_event::reassign;
    });
    if (last == h.rend() || last->event.kind != referral_event::reassign ||
        last->event.reason != reason_code::worker_on_leave) {
      continue;
    }
    const auto before = std::find_if(std::next(last), h.rend(), [](const history_entry& e) {
      return e.event.kind == referral_event::assign || e.event.kind == referral_event::reassign;
    });
    if (before != h.rend() && before->event.link_worker == returning && last->event.link_worker != returning) {
      affected.push_back(i);
    }
  }
  const worker_standing standing = standing_of(policy, back, on);
  std::vector<reassignment> moves;
  for (std::size_t i : affected) {
    const referral& r = referrals[i];
    moves.push_back({r.id(), r.subject().id(), *r.link_worker(), std::nullopt, false, std::nullopt,
                     {returning.str() + " palaa vapaalta. ", returning.str() + " återvänder från ledigheten. ",
                      returning.str() + " is back from leave. "}});
  }
  const auto stays = [](const std::string& fi, const std::string& sv, const std::string& en) {
    return localized_text{"Asiakas jää nykyiselle linkkihenkilölle: " + fi, "Klienten stannar hos sin nuvarande länkperson: " + sv,
                          "The client stays with the current link worker: " + en};
  };
  std::vector<std::size_t> order(affected.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return priority_of(referrals[affected[a]].urgency()) > priority_of(referrals[affected[b]].urgency());
  });
  for (std::size_t k : order) {
    reassignment& move = moves[k];
    if (!policy.workforce.continuity.return_after_leave) {
      move.reason = concat({move.reason, stays("linjaus ei palauta asiakkaita (continuity.return_after_leave).",
                                               "policyn återför inte klienter (continuity.return_after_leave).",
                                               "the policy does not return clients (continuity.return_after_leave).")});
      continue;
    }
    if (!standing.matchable()) {
      localized_text why{"", "", ""};
      for (const auto& reason : standing.reasons) why = concat({why, reason, untranslated(" ")});
      move.reason = concat({move.reason, stays(why.fi, why.sv, why.en)});
      continue;
    }
    if (effective_free_places(policy.workforce, back) <= 0) {
      move.reason = concat({move.reason, stays("ei vapaita paikkoja.", "inga lediga platser.", "no free places.")});
      continue;
    }
    const referral& r = referrals[affected[k]];
    const matching_client c{r.subject(), std::nullopt, returning, priority_of(r.urgency())};
    match_score s = score_pair(policy, c, back, on);
    if (!s.allowed()) {
      const localized_text& l = label(s.exclusions.front());
      move.reason = concat({move.reason, stays(l.fi + ".", l.sv + ".", l.en + ".")});
      continue;
    }
    move.to = returning;
    move.continuity = true;
    move.reason = concat({move.reason, {"Asiakas palaa omalle linkkihenkilölleen.", "Klienten återvänder till sin egen länkperson.",
                                     "The client returns to their own link worker."}});
    move.score = std::move(s);
    back.set_capacity(back.capacity(), std::min(1000, back.caseload() + 1));
  }
  plan.moves = std::move(moves);
  return plan;
}

std::size_t apply_reassignment(const reassignment_plan& plan, std::span<referral> referrals, timestamp at,
                               const std::string& coordinator) {
  static_assert(std::is_nothrow_swappable_v<referral>, "the all-or-nothing swap must not throw");
  if (!coordinator.empty()) validate_id("coordinator", coordinator);
  std::map<std::string, std::size_t> index_of;
  for (std::size_t i = 0; i < referrals.size(); ++i) index_of.emplace(referrals[i].id().str(), i);
  std::vector<std::pair<std::size_t, referral>> changed;
  std::map<std::string, std::size_t> planned;
  for (std::size_t k = 0; k < plan.moves.size(); ++k) {
    const reassignment& move = plan.moves[k];
    if (!planned.emplace(move.referral.str(), k).second) {
      throw invalid_argument(error_id::invalid_value, "moves[" + std::to_string(k) + "].referral",
                             "referral " + quote(move.referral.str()) + " is moved twice");
    }
    if (!move.to) continue;
    const auto found = index_of.find(move.referral.str());
    if (found == index_of.end()) throw not_found("referral", move.referral.str());
    referral copy = referrals[found->second];
    const auto current = copy.link_worker();
    if (current != move.from) {
      throw invalid_argument(error_id::invalid_value, "moves[" + std::to_string(k) + "].from",
                             "referral " + quote(move.referral.str()) + " now has link worker " +
                                 quote(current ? current->str() : std::string("none")) + ", not " +
                                 quote(move.from.str()) + ": plan again");
    }
    copy.apply({referral_event::reassign, at, {actor_role::coordinator, coordinator}, plan.reason, move.to,
                shortened(move.reason.en)});
    changed.emplace_back(found->second, std::move(copy));
  }
  for (auto& [i, r] : changed) {
    using std::swap;
    swap(referrals[i], r);
  }
  return changed.size();
}

}  // namespace kulkija
