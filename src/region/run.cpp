#include "kulkija/region/run.hpp"

#include <algorithm>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/matching/stable.hpp"
#include "kulkija/matching/workforce.hpp"
#include "kulkija/outcomes/instrument.hpp"
#include "kulkija/support/calendar.hpp"

namespace kulkija {

std::vector<screening> screen(const region& r, date as_of, const run_options& options) {
  std::vector<screening> out;
  const auto& refs = r.records.referrals;
  out.reserve(refs.size());
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const referral& ref = refs[i];
    screening s;
    s.ref = &ref;
    s.on = ref.issued_on().value_or(as_of);
    try {
      const rule_set& rs = r.rules.in_force(r.config.rule_set, s.on);
      s.decided = rs.evaluate(screening_record(r, ref, s.on), s.on, options.lang);
    } catch (const not_found& e) {
      s.error = std::string(e.message());
    }
    out.push_back(std::move(s));
    if (options.progress) options.progress("screening", i + 1, refs.size());
  }
  return out;
}

namespace {

bool open_support(referral_state s) {
  return s == referral_state::assigned || s == referral_state::in_progress || s == referral_state::on_hold;
}

// The pauses and the closure of a referral, from its history.
void replay_support(const referral& r, support_period& p, date as_of, const std::vector<meeting>& meetings) {
  std::optional<std::pair<date, reason_code>> paused;
  std::vector<support_pause> pauses;
  for (const auto& h : r.history()) {
    const date day = finnish_local_date(h.event.at);
    if (h.event.kind == referral_event::pause && h.event.reason) paused = {{day, *h.event.reason}};
    if (h.event.kind == referral_event::resume && paused) {
      pauses.push_back({paused->first, day - boost::gregorian::days(1), paused->second});
      paused.reset();
    }
  }
  std::size_t next_pause = 0;
  for (const auto& m : meetings) {
    while (next_pause < pauses.size() && pauses[next_pause].from <= m.day) p.add_pause(pauses[next_pause++]);
    if (m.day <= as_of) p.record_meeting(m);
  }
  while (next_pause < pauses.size()) p.add_pause(pauses[next_pause++]);
  // A pause still going on runs to the reporting day; one longer than the policy allows is
  // left out, so that the deadlines run on and show it (the period's warnings say so).
  if (paused && paused->first <= as_of) {
    try {
      p.add_pause({paused->first, as_of, paused->second});
    } catch (const invalid_argument&) {
    }
  }
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

region_result run(const region& reg, date as_of, const run_options& options) {
  region_result p;
  p.region = &reg;
  p.as_of = as_of;
  p.lang = options.lang;
  const finnish_calendar calendar;
  const auto& refs = reg.records.referrals;
  const auto& progress = options.progress;

  // 1. screening
  p.screenings = screen(reg, as_of, options);
  for (const auto& s : p.screenings) {
    if (s.decided) {
      ++p.kpis.screened[s.decided->status];
    } else {
      ++p.kpis.unscreened;
    }
  }

  // 2. matching the referrals waiting for a link worker
  p.workers = reg.workers;
  std::map<std::string, std::size_t> worker_index;
  for (std::size_t j = 0; j < p.workers.size(); ++j) worker_index[p.workers[j].id().str()] = j;
  std::vector<int> load(p.workers.size(), 0);
  for (const auto& r : refs) {
    if (!open_support(r.state())) continue;
    const auto w = r.link_worker();
    if (w && worker_index.contains(w->str())) ++load[worker_index[w->str()]];
  }
  for (std::size_t j = 0; j < p.workers.size(); ++j) {
    p.workers[j].set_capacity(p.workers[j].capacity(), std::max(load[j], p.workers[j].caseload()));
  }
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const auto& r = refs[i];
    const auto& d = p.screenings[i].decided;
    const bool accepted = r.state() == referral_state::accepted;
    const bool eligible_request =
        r.state() == referral_state::requested && d && d->status == decision_status::eligible;
    if (!(accepted || eligible_request)) continue;
    if (d && d->status == decision_status::not_eligible) continue;
    matching_client c{r.subject(), location_of(reg, r.subject()), std::nullopt,
                      r.urgency() == priority::urgent ? 2 : 1};
    p.waiting.push_back(&r);
    p.waiting_clients.push_back(std::move(c));
  }
  for (const auto& w : p.workers) p.standings.push_back(standing_of(reg.matching, w, as_of));
  p.queue = coordinator_queue(refs, reg.support, as_of, calendar);
  if (progress) progress("matching", 0, 1);
  p.matches = options.stable ? stable_match(reg.matching, p.waiting_clients, p.workers, as_of)
                             : match(reg.matching, p.waiting_clients, p.workers, as_of);
  if (progress) progress("matching", 1, 1);

  // 3. support periods: the open ones, and the ones this run's matches start
  std::map<const referral*, referral_milestones> milestones;
  for (const auto& r : refs) milestones.emplace(&r, milestones_of(r, reg.support, calendar));
  std::size_t step = 0;
  for (const auto& r : refs) {
    ++step;
    if (!open_support(r.state())) continue;
    const auto& m = milestones.at(&r);
    if (!m.accepted_on) continue;
    planned_period pp{&r, r.link_worker() ? r.link_worker()->str() : "", false,
                      support_period(r.id(), *m.accepted_on, reg.support, calendar), {}, {}, {}};
    const auto meetings = reg.meetings.find(r.id().str());
    try {
      replay_support(r, pp.period, as_of, meetings == reg.meetings.end() ? std::vector<meeting>{} : meetings->second);
    } catch (const invalid_argument& e) {
      throw parse_error(e.id(), "referral " + quote(r.id().str()) + ": " + std::string(e.message()), 0, 0,
                        "meetings.csv");
    }
    if (progress) progress("support periods", step, refs.size());
    p.periods.push_back(std::move(pp));
  }
  for (const auto& m : p.matches.matched) {
    const referral* r = p.waiting[m.client_index];
    const auto& ms = milestones.at(r);
    p.periods.push_back({r, m.worker.str(), true,
                         support_period(r->id(), ms.accepted_on.value_or(as_of), reg.support, calendar), {}, {}, {}});
  }
  for (auto& pp : p.periods) {
    pp.status = pp.period.status(as_of);
    pp.deadlines = pp.period.deadlines_on(as_of);
    pp.warnings = pp.period.warnings(as_of);
    ++p.kpis.deadline_status[pp.status];
  }

  // 4. recommendations for every client in support or matched now
  if (reg.catalogue) {
    for (std::size_t i = 0; i < p.periods.size(); ++i) {
      const referral* r = p.periods[i].ref;
      if (options.only_referral && r->id().str() != *options.only_referral) continue;
      recommendation_request req;
      req.on = as_of;
      req.max_distance_km = reg.config.mobility_radius_km;
      req.k = reg.config.recommendations;
      req.location = location_of(reg, r->subject());
      p.recommendations.push_back({r, recommend(*reg.catalogue, r->subject(), req)});
      if (progress) progress("recommendations", i + 1, p.periods.size());
    }
  }

  // 5. KPIs
  for (const auto& r : refs) ++p.kpis.by_state[r.state()];
  const std::vector<funnel_stage> stages{funnel_stage::requested, funnel_stage::accepted, funnel_stage::assigned,
                                         funnel_stage::first_contact, funnel_stage::completed};
  const auto closed = [](referral_state s) {
    return s == referral_state::rejected || s == referral_state::completed || s == referral_state::discontinued ||
           s == referral_state::cancelled || s == referral_state::entered_in_error;
  };
  for (std::size_t level = 0; level < stages.size(); ++level) {
    funnel_row row{stages[level]};
    for (const auto& r : refs) {
      const auto& m = milestones.at(&r);
      if (!m.reached) continue;
      const auto at = static_cast<std::size_t>(*m.reached);
      if (at >= level) ++row.reached;
      if (at == level && !closed(m.state)) ++row.open;
      if (at == level && closed(m.state) && m.state != referral_state::completed) ++row.dropped;
    }
    p.kpis.funnel.push_back(row);
  }
  std::vector<double> days_to_contact;
  for (const auto& r : refs) {
    const auto& m = milestones.at(&r);
    if (m.business_days_to_first_contact) {
      ++p.kpis.first_contacts;
      days_to_contact.push_back(static_cast<double>(*m.business_days_to_first_contact));
      if (m.first_contact_within_deadline.value_or(false)) ++p.kpis.first_contacts_in_time;
    }
  }
  if (!days_to_contact.empty()) p.kpis.median_business_days_to_first_contact = median(days_to_contact);
  for (const auto& [instrument, scale] :
       std::vector<std::pair<std::string, std::string>>{{"swemwbs", "total"}, {"ucla3", "total"}}) {
    const auto& in = builtin_instrument(instrument);
    const auto& sc = find_scale(in, scale);
    std::vector<measurement> mine;
    for (const auto& m : reg.measurements) {
      if (m.instrument == instrument) mine.push_back(m);
    }
    const auto changes = paired_changes(in, scale, mine, measurement_point::start, measurement_point::end);
    if (changes.empty()) continue;
    p.kpis.changes.push_back({instrument, scale, summarize(changes, sc), sc.direction});
  }
  // visits in equal windows before the first contact and after the closure
  std::map<std::string, std::vector<date>> visits_of;
  for (const auto& v : reg.visits) visits_of[v.client.str()].push_back(v.day);
  const auto window = boost::gregorian::days(visit_window_days);
  for (const auto& r : refs) {
    const auto& m = milestones.at(&r);
    if (!(m.state == referral_state::completed || m.state == referral_state::discontinued)) continue;
    if (!m.first_contact_on || !m.closed_on || *m.closed_on + window > as_of) continue;
    ++p.kpis.visit_clients;
    for (const date d : visits_of[r.subject().id().str()]) {
      if (d >= *m.first_contact_on - window && d < *m.first_contact_on) ++p.kpis.visits_before;
      if (d > *m.closed_on && d <= *m.closed_on + window) ++p.kpis.visits_after;
    }
  }
  std::map<std::string, int> matched_now;
  for (const auto& m : p.matches.matched) ++matched_now[m.worker.str()];
  for (const auto& w : p.workers) {
    p.kpis.caseloads.push_back(
        {w.id().str(), w.kind(), effective_capacity(reg.matching.workforce, w), w.caseload(), matched_now[w.id().str()]});
    ++p.kpis.workers_by_kind[w.kind()];
  }
  return p;
}

}  // namespace kulkija
