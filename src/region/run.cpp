#include "kulkija/region/run.hpp"

#include <algorithm>
#include <span>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/matching/stable.hpp"
#include "kulkija/matching/workforce.hpp"
#include "kulkija/outcomes/instrument.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/history.hpp"

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
    if (!is_open_support(r.state())) continue;
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
    matching_client c{r.subject(), location_of(reg, r.subject()), std::nullopt, matching_priority(r.urgency())};
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
  std::vector<referral_milestones> milestones;  // one per referral, in the region's order
  std::vector<client_id> clients;
  milestones.reserve(refs.size());
  clients.reserve(refs.size());
  for (const auto& r : refs) {
    milestones.push_back(milestones_of(r, reg.support, calendar));
    clients.push_back(r.subject().id());
  }
  std::size_t step = 0;
  for (const auto& r : refs) {
    ++step;
    if (!is_open_support(r.state())) continue;
    const auto meetings = reg.meetings.find(r.id().str());
    std::optional<support_period> period;
    try {
      period = support_period_of(r, reg.support, calendar, as_of,
                                 meetings == reg.meetings.end() ? std::span<const meeting>{} : meetings->second);
    } catch (const invalid_argument& e) {
      throw parse_error(e.id(), "referral " + quote(r.id().str()) + ": " + std::string(e.message()), 0, 0,
                        "meetings.csv");
    }
    if (!period) continue;
    p.periods.push_back({&r, r.link_worker() ? r.link_worker()->str() : "", false, std::move(*period), {}, {}, {}});
    if (progress) progress("support periods", step, refs.size());
  }
  for (const auto& m : p.matches.matched) {
    const referral* r = p.waiting[m.client_index];
    const auto& ms = milestones[static_cast<std::size_t>(r - refs.data())];
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
  p.kpis.funnel = funnel(milestones);
  const first_contact_kpi contact = first_contact_summary(milestones);
  p.kpis.first_contacts = contact.contacted;
  p.kpis.first_contacts_in_time = contact.within_deadline;
  p.kpis.median_business_days_to_first_contact = contact.median_business_days;
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
  const visit_comparison_result visits = visit_comparison(milestones, clients, reg.visits, visit_window_days, as_of);
  p.kpis.visit_clients = visits.windows.size();
  p.kpis.visits_before = visits.before;
  p.kpis.visits_after = visits.after;
  std::map<std::string, int> matched_now;
  for (const auto& m : p.matches.matched) ++matched_now[m.worker.str()];
  for (const auto& w : p.workers) {
    p.kpis.caseloads.push_back(
        {w.id().str(), w.kind(), effective_capacity(reg.matching.workforce, w), w.caseload(), matched_now[w.id().str()]});
    ++p.kpis.workers_by_kind[w.kind()];
  }
  return p;
}

matched_referrals with_matches(const region_result& p) {
  matched_referrals out{p.region->records.referrals, {}};
  std::vector<std::size_t> waiting;
  waiting.reserve(p.waiting.size());
  for (const referral* r : p.waiting) {
    waiting.push_back(static_cast<std::size_t>(r - p.region->records.referrals.data()));
  }
  out.outcome = apply_matches(out.referrals, p.matches, waiting, actor{actor_role::coordinator, "kulkija"},
                              timestamp(p.as_of, boost::posix_time::hours(10)), "matched by kulkija run");
  return out;
}

}  // namespace kulkija
