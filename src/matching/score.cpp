#include "kulkija/matching/score.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <initializer_list>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"
#include "score_impl.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, match_exclusion_count> match_exclusion_names{
    "no_shared_language", "no_time_overlap", "gender_not_as_requested", "no_meeting_mode_overlap",
    "beyond_travel_radius", "not_active", "excluded_pair", "unreachable", "training_not_valid",
    "supervision_overdue"};

const std::array<localized_text, match_exclusion_count> match_exclusion_labels{{
    {"ei yhteistä kieltä", "inget gemensamt språk", "no shared language"},
    {"ei yhteistä aikaa", "ingen gemensam tid", "no time in common"},
    {"ei asiakkaan toivomaa sukupuolta", "inte det kön klienten önskar", "not the gender the client asks for"},
    {"ei yhteistä tapaamistapaa", "inget gemensamt sätt att träffas", "no way of meeting in common"},
    {"liian kaukana", "för långt borta", "beyond the travel radius"},
    {"ei ota asiakkaita tänä päivänä", "tar inte emot klienter denna dag", "not taking clients on the day"},
    {"pari on suljettu pois", "paret är uteslutet", "the pair is excluded"},
    {"matka-aikaa ei ole", "restid saknas", "no travel time for the pair"},
    {"pakollinen koulutus ei ole voimassa", "den obligatoriska utbildningen gäller inte",
     "required training not valid"},
    {"työnohjaus myöhässä", "handledningen är försenad", "supervision overdue"},
}};

constexpr unsigned bit(match_exclusion e) noexcept { return 1U << static_cast<unsigned>(e); }

constexpr std::array<std::string_view, 6> component_names{"distance", "specialism", "preferences",
                                                          "continuity", "caseload", "language"};

std::string fixed1(double v, char decimal) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), "%.1f", v);
  std::string s = buf.data();
  if (decimal != '.') std::replace(s.begin(), s.end(), '.', decimal);
  return s;
}

template <class T>
bool overlaps(const std::vector<T>& a, const std::vector<T>& b) {
  return std::any_of(a.begin(), a.end(), [&](const T& x) { return std::find(b.begin(), b.end(), x) != b.end(); });
}

}  // namespace

void validate(const matching_client& c) {
  if (c.priority < 1 || c.priority > 10) {
    throw invalid_argument(error_id::invalid_value, "priority", "must be from 1 to 10, got " + std::to_string(c.priority));
  }
  if (c.location) validate("location", *c.location);
}

std::string_view to_string(match_exclusion e) noexcept { return detail::enum_name(match_exclusion_names, e); }
const localized_text& label(match_exclusion e) noexcept { return match_exclusion_labels[static_cast<std::size_t>(e)]; }
std::string_view to_string(match_component c) noexcept { return detail::enum_name(component_names, c); }

namespace detail {

worker_facts facts_of(const matching_policy& policy, const link_worker& w, date on) {
  worker_facts f;
  const workforce_policy& wf = policy.workforce;
  const workforce_member& m = w.member();
  for (standing_issue i : standing_issues(wf, m, on, standing_requirements_of(policy))) {
    f.exclusions |= bit(exclusion_of(i));
  }
  f.capacity = effective_capacity(wf, m);
  f.free_places = effective_free_places(wf, m);
  f.modes = effective_meeting_modes(wf, m);
  f.specialisms = effective_specialisms(wf, w, on);
  return f;
}

match_score score_pair(const matching_policy& policy, const matching_client& c, const link_worker& w,
                       const worker_facts& facts, std::optional<double> travel_minutes, bool explain) {
  match_score s;
  const client& person = c.person;
  const client_preferences& pref = person.preferences();
  // Hard constraints.
  const bool shared_language = std::any_of(person.languages().begin(), person.languages().end(),
                                           [&](const language& l) { return w.speaks(l); });
  if (policy.require_shared_language && !shared_language) s.exclusions.push_back(match_exclusion::no_shared_language);
  const bool time_ok = pref.times.empty() || w.availability().empty() || overlaps(pref.times, w.availability());
  if (policy.require_availability_overlap && !time_ok) s.exclusions.push_back(match_exclusion::no_time_overlap);
  const bool gender_ok = !pref.worker_gender || (w.worker_gender() && *w.worker_gender() == *pref.worker_gender);
  if (policy.require_requested_gender && !gender_ok) s.exclusions.push_back(match_exclusion::gender_not_as_requested);
  const bool mode_ok = pref.meeting_modes.empty() || overlaps(pref.meeting_modes, facts.modes);
  if (policy.require_meeting_mode_overlap && !mode_ok) s.exclusions.push_back(match_exclusion::no_meeting_mode_overlap);
  if (c.location && w.location()) s.distance_km = haversine_km(*c.location, *w.location());
  const bool same_place = person.home() == w.home();
  double distance_value = 0;
  localized_text distance_reason;
  if (policy.distance == distance_method::travel_time) {
    if (!travel_minutes || !std::isfinite(*travel_minutes) || *travel_minutes < 0) {
      s.exclusions.push_back(match_exclusion::unreachable);
      if (explain) distance_reason = {"ei matka-aikaa", "ingen restid", "no travel time"};
    } else {
      s.travel_minutes = *travel_minutes;
      if (policy.require_travel_radius && policy.max_travel_minutes && *travel_minutes > *policy.max_travel_minutes) {
        s.exclusions.push_back(match_exclusion::beyond_travel_radius);
      }
      distance_value = std::max(0.0, 1.0 - *travel_minutes / policy.travel_time_scale_minutes);
      if (explain) distance_reason = {"matka-aika " + fixed1(*travel_minutes, ',') + " min", "restid " + fixed1(*travel_minutes, ',') + " min",
                         "travel time " + fixed1(*travel_minutes, '.') + " min"};
    }
  } else if (s.distance_km) {
    const double km = *s.distance_km;
    if (policy.require_travel_radius && w.travel_radius_km() && km > *w.travel_radius_km()) {
      s.exclusions.push_back(match_exclusion::beyond_travel_radius);
    }
    distance_value = std::max(0.0, 1.0 - km / policy.distance_scale_km);
    if (explain) distance_reason = {"etäisyys " + fixed1(km, ',') + " km", "avstånd " + fixed1(km, ',') + " km",
                       "distance " + fixed1(km, '.') + " km"};
  } else {
    if (policy.require_travel_radius && w.travel_radius_km() && !same_place) {
      s.exclusions.push_back(match_exclusion::beyond_travel_radius);
    }
    distance_value = same_place ? 1.0 : 0.0;
    if (explain) distance_reason = same_place ? localized_text{"sama kunta", "samma kommun", "same municipality"}
                                 : localized_text{"eri kunta, sijainti ei tiedossa", "annan kommun, plats okänd",
                                                  "another municipality, location unknown"};
  }
  for (match_exclusion e : {match_exclusion::not_active, match_exclusion::training_not_valid,
                            match_exclusion::supervision_overdue}) {
    if ((facts.exclusions & bit(e)) != 0) s.exclusions.push_back(e);
  }
  for (const auto& e : policy.excluded_pairs) {
    if (e.client == person.id() && e.worker == w.id()) {
      s.exclusions.push_back(match_exclusion::excluded_pair);
      break;
    }
  }
  // Soft components.
  const auto add = [&](match_component k, double value, double weight, localized_text reason) {
    s.components.push_back({k, value, weight, value * weight, std::move(reason)});
    s.total += value * weight;
  };
  add(match_component::distance, distance_value, policy.weights.distance, std::move(distance_reason));
  {
    const std::vector<need> needs = person.needs().members();
    std::size_t served = 0;
    std::string fi;
    std::string sv;
    std::string en;
    for (need n : needs) {
      const auto wanted = specialisms_for(n);
      const auto hit = std::find_if(wanted.begin(), wanted.end(), [&](specialism sp) {
        return std::find(facts.specialisms.begin(), facts.specialisms.end(), sp) != facts.specialisms.end();
      });
      if (hit == wanted.end()) continue;
      ++served;
      if (!explain) continue;
      const localized_text& l = label(*hit);
      fi += (fi.empty() ? "" : ", ") + l.fi;
      sv += (sv.empty() ? "" : ", ") + l.sv;
      en += (en.empty() ? "" : ", ") + l.en;
    }
    const double value = needs.empty() ? 1.0 : static_cast<double>(served) / static_cast<double>(needs.size());
    const std::string count = explain ? std::to_string(served) + "/" + std::to_string(needs.size()) : std::string();
    localized_text reason;
    if (explain) reason = needs.empty() ? localized_text{"ei kirjattuja tarpeita", "inga registrerade behov", "no needs recorded"}
                                          : localized_text{"erityisosaaminen kattaa " + count + " tarpeista" + (fi.empty() ? "" : " (" + fi + ")"),
                                                           "specialkunnande täcker " + count + " behov" + (sv.empty() ? "" : " (" + sv + ")"),
                                                           "specialisms cover " + count + " needs" + (en.empty() ? "" : " (" + en + ")")};
    add(match_component::specialism, value, policy.weights.specialism, std::move(reason));
  }
  {
    int asked = 0;
    int met = 0;
    if (!pref.meeting_modes.empty()) {
      ++asked;
      met += mode_ok ? 1 : 0;
    }
    if (!pref.times.empty()) {
      ++asked;
      met += time_ok ? 1 : 0;
    }
    if (pref.worker_gender) {
      ++asked;
      met += gender_ok ? 1 : 0;
    }
    const double value = asked == 0 ? 1.0 : static_cast<double>(met) / asked;
    const std::string count = explain ? std::to_string(met) + "/" + std::to_string(asked) : std::string();
    localized_text reason;
    if (explain) reason = asked == 0 ? localized_text{"ei toiveita", "inga önskemål", "no preferences"}
                                       : localized_text{"toiveista toteutuu " + count, "önskemål som uppfylls " + count,
                                                        "preferences met " + count};
    add(match_component::preferences, value, policy.weights.preferences, std::move(reason));
  }
  {
    const bool same = c.previous_worker && *c.previous_worker == w.id();
    add(match_component::continuity, same ? 1.0 : 0.0, policy.weights.continuity,
        !explain ? localized_text{}
        : same ? localized_text{"sama linkkihenkilö kuin aiemmin", "samma länkperson som tidigare", "the same link worker as before"}
             : localized_text{"ei aiempaa asiakkuutta", "ingen tidigare kontakt", "no earlier contact"});
  }
  {
    const double value = facts.capacity == 0 ? 0.0 : static_cast<double>(facts.free_places) / facts.capacity;
    localized_text reason;
    if (explain) {
      const std::string count = std::to_string(facts.free_places) + "/" + std::to_string(facts.capacity);
      reason = {"vapaita paikkoja " + count, "lediga platser " + count, "free places " + count};
    }
    add(match_component::caseload, value, policy.weights.caseload, std::move(reason));
  }
  {
    const bool preferred = w.speaks(person.preferred_language());
    const double value = preferred ? 1.0 : (shared_language ? 0.5 : 0.0);
    const std::string code = explain ? std::string(person.preferred_language().code()) : std::string();
    localized_text reason;
    if (explain) reason =
        preferred ? localized_text{"puhuu asiakkaan ensikieltä (" + code + ")", "talar klientens förstaspråk (" + code + ")",
                                   "speaks the client's preferred language (" + code + ")"}
                  : (shared_language ? localized_text{"yhteinen kieli, ei asiakkaan ensikieli", "gemensamt språk, inte klientens förstaspråk",
                                                      "a shared language, not the client's preferred one"}
                                     : localized_text{"ei yhteistä kieltä", "inget gemensamt språk", "no shared language"});
    add(match_component::language, value, policy.weights.language, std::move(reason));
  }
  return s;
}

}  // namespace detail

match_score score_pair(const matching_policy& policy, const matching_client& c, const link_worker& w, date on,
                       std::optional<double> travel_minutes) {
  return detail::score_pair(policy, c, w, detail::facts_of(policy, w, on), travel_minutes, true);
}

standing_requirements standing_requirements_of(const matching_policy& policy) noexcept {
  return {policy.require_active, policy.require_training_valid, policy.require_supervision_current};
}

match_exclusion exclusion_of(standing_issue i) noexcept {
  switch (i) {
    case standing_issue::not_active: return match_exclusion::not_active;
    case standing_issue::training_not_valid: return match_exclusion::training_not_valid;
    case standing_issue::supervision_overdue: break;
  }
  return match_exclusion::supervision_overdue;
}

worker_standing standing_of(const matching_policy& policy, const link_worker& w, date on) {
  workforce_standing ws = standing_of(policy.workforce, w.member(), on, standing_requirements_of(policy));
  worker_standing s{ws.worker, on, {}, std::move(ws.reasons), ws.capacity, ws.free_places,
                    std::move(ws.meeting_modes), ws.supervision_due, std::move(ws.missing_training)};
  for (standing_issue i : ws.issues) s.exclusions.push_back(exclusion_of(i));
  return s;
}

}  // namespace kulkija
