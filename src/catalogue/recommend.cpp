#include "kulkija/catalogue/recommend.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, score_component_count> component_names{"need",     "interest", "language",
                                                                              "distance", "cost",     "time"};
constexpr std::array<std::string_view, 4> exclusion_names{"not_valid", "language", "age", "out_of_reach"};

std::string number(double value, int decimals) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.*f", decimals, value);
  return buf.data();
}

// "1.5" in English, "1,5" in Finnish and Swedish.
std::string decimal(double value, int decimals, text_language lang) {
  std::string s = number(value, decimals);
  if (lang != text_language::en) std::replace(s.begin(), s.end(), '.', ',');
  return s;
}

localized_text both(std::string fi, std::string sv, std::string en) { return {std::move(fi), std::move(sv), std::move(en)}; }

bool reachable_municipality(const municipality& m, const client& c, const recommendation_request& r) {
  return m == c.home() || std::find(r.reachable.begin(), r.reachable.end(), m) != r.reachable.end();
}

}  // namespace

std::string_view to_string(score_component c) noexcept { return detail::enum_name(component_names, c); }
std::string_view to_string(exclusion_reason r) noexcept { return detail::enum_name(exclusion_names, r); }

double recommendation_weights::of(score_component c) const noexcept {
  switch (c) {
    case score_component::need: return need;
    case score_component::interest: return interest;
    case score_component::language: return language;
    case score_component::distance: return distance;
    case score_component::cost: return cost;
    case score_component::time: break;
  }
  return time;
}

void recommendation_request::validate() const {
  if (on.is_special()) throw invalid_argument(error_id::invalid_date, "request.on", "must be a real day");
  if (location) kulkija::validate("request.location", *location);  // qualified: this member hides it
  if (!std::isfinite(max_distance_km) || max_distance_km <= 0) {
    throw invalid_argument(error_id::invalid_value, "request.max_distance_km", "must be more than 0");
  }
  if (budget && (!std::isfinite(*budget) || *budget < 0)) {
    throw invalid_argument(error_id::invalid_value, "request.budget", "must be 0 or more");
  }
  double total = 0;
  for (std::size_t i = 0; i < score_component_count; ++i) {
    const double w = weights.of(static_cast<score_component>(i));
    if (!std::isfinite(w) || w < 0) {
      throw invalid_argument(error_id::invalid_value,
                             "request.weights." + std::string(component_names[i]), "must be finite and 0 or more");
    }
    total += w;
  }
  if (total <= 0) throw invalid_argument(error_id::invalid_value, "request.weights", "must not all be 0");
}

std::string recommendation::explain(text_language lang) const {
  std::string out;
  for (const auto& r : reasons) {
    if (!out.empty()) out += "; ";
    out += r.text.in(lang);
  }
  return out;
}

std::optional<exclusion_reason> hard_filter(const activity& a, const client& c, const recommendation_request& request) {
  if (!a.valid_on(request.on)) return exclusion_reason::not_valid;
  const bool speaks = std::any_of(c.languages().begin(), c.languages().end(), [&](const language& l) { return a.uses(l); });
  if (!speaks) return exclusion_reason::language;
  const activity_spec& s = a.spec();
  if (s.min_age || s.max_age) {
    const auto [lo, hi] = c.age_range_on(request.on);
    if ((s.min_age && lo < *s.min_age) || (s.max_age && hi > *s.max_age)) return exclusion_reason::age;
  }
  if (request.location && s.position) {
    if (haversine_km(*request.location, *s.position) > request.max_distance_km) return exclusion_reason::out_of_reach;
  } else if (s.place && !reachable_municipality(*s.place, c, request)) {
    return exclusion_reason::out_of_reach;
  }
  return std::nullopt;
}

std::vector<recommendation> recommend(const catalogue& cat, const client& c, const recommendation_request& request) {
  request.validate();
  const auto& interests = c.preferences().interests;
  const auto& times = c.preferences().times;
  const need_set needs = c.needs();
  std::vector<std::string> folded_interests;
  for (const auto& i : interests) folded_interests.push_back(fold_text(i));

  struct ranked {
    recommendation rec;
    std::size_t position;
  };
  std::vector<ranked> all;
  const auto& activities = cat.activities();
  for (std::size_t index = 0; index < activities.size(); ++index) {
    const activity& a = activities[index];
    if (hard_filter(a, c, request)) continue;
    const activity_spec& s = a.spec();
    recommendation r;
    r.activity = a.id();
    std::array<bool, score_component_count> applies{};
    const auto set = [&](score_component k, double value) {
      r.components[static_cast<std::size_t>(k)] = std::clamp(value, 0.0, 1.0);
      applies[static_cast<std::size_t>(k)] = true;
    };

    // need
    if (!needs.empty()) {
      const need_set offered = a.needs();
      std::size_t met = 0;
      for (need n : needs.members()) {
        if (!offered.contains(n)) continue;
        ++met;
        const localized_text& l = label(n);
        r.reasons.push_back({"need:" + std::string(to_string(n)),
                             both("Vastaa tarpeeseen: " + l.fi, "Svarar mot behovet: " + l.sv, "Addresses the need: " + l.en)});
      }
      set(score_component::need, static_cast<double>(met) / static_cast<double>(needs.size()));
    }
    // interest
    if (!interests.empty()) {
      const std::string text = cat.search_text(a);
      std::size_t met = 0;
      for (std::size_t i = 0; i < interests.size(); ++i) {
        if (folded_interests[i].empty() || text.find(folded_interests[i]) == std::string::npos) continue;
        ++met;
        r.reasons.push_back({"interest:" + interests[i],
                             both("Kiinnostuksen kohde: " + interests[i], "Intresse: " + interests[i],
                                  "Matches the interest: " + interests[i])});
      }
      set(score_component::interest, static_cast<double>(met) / static_cast<double>(interests.size()));
    }
    // language
    if (a.uses(c.preferred_language())) {
      set(score_component::language, 1.0);
      const language& l = c.preferred_language();
      r.reasons.push_back({"language:" + std::string(l.code()),
                           both("Toimii kielellä: " + l.name(text_language::fi), "Verksamhet på " + l.name(text_language::sv),
                                "Runs in " + l.name(text_language::en))});
    } else {
      set(score_component::language, 0.5);
    }
    // distance
    if (request.location && s.position) {
      const double d = haversine_km(*request.location, *s.position);
      r.distance_km = d;
      set(score_component::distance, 1.0 - d / request.max_distance_km);
      r.reasons.push_back({"distance", both("Matkaa noin " + decimal(d, 1, text_language::fi) + " km",
                                            "Avstånd cirka " + decimal(d, 1, text_language::sv) + " km",
                                            "About " + decimal(d, 1, text_language::en) + " km away")});
    } else if (s.place && *s.place == c.home()) {
      r.reasons.push_back({"home_municipality", both("Kotikunnassa: " + std::string(s.place->name_fi()),
                                                     "I hemkommunen: " + std::string(s.place->name_sv()),
                                                     "In the home municipality: " + std::string(s.place->name_fi()))});
    }
    // cost
    r.cost = s.cost.for_participant(request.kaikukortti_holder);
    if (r.cost) {
      if (*r.cost == 0) {
        set(score_component::cost, 1.0);
        if (s.cost.kind == cost_kind::free) {
          r.reasons.push_back({"free", both("Maksuton", "Avgiftsfri", "Free of charge")});
        } else {
          r.reasons.push_back({"kaikukortti", both("Maksuton Kaikukortilla", "Avgiftsfri med Kaikukortet",
                                                   "Free with the Kaikukortti culture card")});
        }
      } else if (request.budget) {
        const double fee = *r.cost, budget = *request.budget;
        const std::string amount_fi = decimal(fee, 2, text_language::fi) + " " + s.cost.currency;
        const std::string amount_en = decimal(fee, 2, text_language::en) + " " + s.cost.currency;
        if (fee > budget) {
          set(score_component::cost, 0.0);
          r.reasons.push_back({"over_budget", both("Maksu " + amount_fi + " ylittää budjetin",
                                                   "Avgiften " + amount_fi + " överskrider budgeten",
                                                   "The fee " + amount_en + " is over the budget")});
        } else {
          set(score_component::cost, 1.0 - 0.5 * fee / std::max(budget, 1e-9));
          r.reasons.push_back({"within_budget", both("Maksu " + amount_fi + " mahtuu budjettiin",
                                                     "Avgiften " + amount_fi + " ryms i budgeten",
                                                     "The fee " + amount_en + " is within the budget")});
        }
      } else {
        set(score_component::cost, 0.5);
      }
    }
    // time
    if (!s.schedule.empty()) {
      r.next_meeting = std::min_element(s.schedule.begin(), s.schedule.end(), [&](const auto& x, const auto& y) {
                         return x.next_on_or_after(request.on) < y.next_on_or_after(request.on);
                       })->next_on_or_after(request.on);
      if (!times.empty()) {
        const auto fits = std::count_if(s.schedule.begin(), s.schedule.end(), [&](const recurrence_rule& rule) {
          return std::find(times.begin(), times.end(), rule.window()) != times.end();
        });
        set(score_component::time, static_cast<double>(fits) / static_cast<double>(s.schedule.size()));
        if (fits > 0) {
          r.reasons.push_back({"time", both("Kokoontuu toivottuna aikana", "Träffas vid en önskad tid",
                                            "Meets at a preferred time")});
        }
      }
    }
    if (s.peer_support) {
      r.reasons.push_back({"peer_support", both("Vertaistukea", "Kamratstöd", "Peer support")});
    }
    double weighted = 0, total = 0;
    for (std::size_t k = 0; k < score_component_count; ++k) {
      if (!applies[k]) continue;
      const double w = request.weights.of(static_cast<score_component>(k));
      weighted += w * r.components[k];
      total += w;
    }
    r.score = total > 0 ? weighted / total : 0.0;
    all.push_back({std::move(r), index});
  }
  const auto by_rank = [](const ranked& x, const ranked& y) {
    if (x.rec.score != y.rec.score) return x.rec.score > y.rec.score;
    const double dx = x.rec.distance_km.value_or(INFINITY), dy = y.rec.distance_km.value_or(INFINITY);
    if (dx != dy) return dx < dy;
    return x.position < y.position;
  };
  const std::size_t k = std::min(request.k, all.size());
  std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(k), all.end(), by_rank);
  std::vector<recommendation> out;
  out.reserve(k);
  for (std::size_t i = 0; i < k; ++i) out.push_back(std::move(all[i].rec));
  return out;
}

decision kaikukortti_decision(const rule_set& rules, const record& r, date on, text_language lang) {
  if (rules.id() != "kaikukortti") {
    throw invalid_argument(error_id::invalid_value, "rules",
                           "must be the rule set with id 'kaikukortti', got " + quote(rules.id()));
  }
  return rules.evaluate(r, on, lang);
}

}  // namespace kulkija
