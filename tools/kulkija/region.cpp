#include "region.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <utility>

namespace kulkija_tool {

namespace k = kulkija;

namespace {

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw k::not_found("file", path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A value's error, re-thrown naming the file, the line and the column.
[[noreturn]] void rethrow_at(const k::error& e, const k::csv_table& t, std::size_t row, std::string_view column) {
  const std::size_t col = t.has_column(column) ? t.column(column) + 1 : 0;
  throw k::parse_error(e.id(), "column '" + std::string(column) + "': " + std::string(e.message()), t.line_of(row), col,
                       t.source());
}

[[noreturn]] void fail_at(const k::csv_table& t, std::size_t row, std::string_view column, const std::string& rule) {
  const std::size_t col = t.has_column(column) ? t.column(column) + 1 : 0;
  throw k::parse_error(k::error_id::invalid_value, "column '" + std::string(column) + "': " + rule, t.line_of(row), col,
                       t.source());
}

double parse_number(const k::csv_table& t, std::size_t row, std::string_view column) {
  const std::string& text = t.rows()[row][t.column(column)];
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(value)) {
    fail_at(t, row, column, "expected a number, got " + k::quote(text));
  }
  return value;
}

std::optional<bool> parse_optional_bool(const k::csv_table& t, std::size_t row, std::string_view column) {
  const std::string& text = t.rows()[row][t.column(column)];
  if (text.empty()) return std::nullopt;
  if (text == "true") return true;
  if (text == "false") return false;
  fail_at(t, row, column, "expected true, false or empty, got " + k::quote(text));
}

const std::string& cell(const k::csv_table& t, std::size_t row, std::string_view column) {
  return t.rows()[row][t.column(column)];
}

// Reads region.json's members; unknown members are errors, as in the library's JSON.
}  // namespace

region_config region_config_from_json(const std::string& text) {
  region_config c;
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw k::parse_error(k::error_id::parse_syntax, "not valid JSON (at byte " + std::to_string(e.byte) + ")", 0, 0,
                         "region.json");
  }
  const auto bad = [](const std::string& path, const std::string& rule) {
    return k::parse_error(k::error_id::parse_structure, "$." + path + ": " + rule, 0, 0, "region.json");
  };
  if (!j.is_object()) throw k::parse_error(k::error_id::parse_structure, "$: must be an object", 0, 0, "region.json");
  for (const auto& [key, value] : j.items()) {
    if (key == "name" || key == "as_of" || key == "rule_set" || key == "support_policy" ||
        key == "matching_policy" || key == "catalogue") {
      if (!value.is_string()) throw bad(key, "must be a string");
      const auto s = value.get<std::string>();
      if (key == "name") c.name = s;
      if (key == "rule_set") c.rule_set = s;
      if (key == "support_policy") c.support_policy = s;
      if (key == "matching_policy") c.matching_policy = s;
      if (key == "catalogue") c.catalogue = s;
      if (key == "as_of") {
        try {
          c.as_of = k::parse_date(s);
        } catch (const k::error& e) {
          throw bad(key, std::string(e.message()));
        }
      }
    } else if (key == "rule_sets") {
      if (!value.is_array()) throw bad(key, "must be an array of file names");
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string()) throw bad(key + "[" + std::to_string(i) + "]", "must be a string");
        c.rule_sets.push_back(value[i].get<std::string>());
      }
    } else if (key == "mobility_radius_km") {
      if (!value.is_number() || value.get<double>() <= 0) throw bad(key, "must be a number more than 0");
      c.mobility_radius_km = value.get<double>();
    } else if (key == "recommendations") {
      if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > 50) {
        throw bad(key, "must be a whole number from 1 to 50");
      }
      c.recommendations = value.get<std::size_t>();
    } else {
      throw bad(key, "is not a member of region.json");
    }
  }
  return c;
}

std::optional<k::geo_point> location_of(const region_data& region, const k::client& c) {
  const auto own = region.locations.find(c.id().str());
  if (own != region.locations.end()) return own->second;
  const auto centre = region.centres.find(c.home().code());
  if (centre != region.centres.end()) return centre->second;
  return std::nullopt;
}

region_config read_region_config(const fs::path& dir) {
  const fs::path file = dir / "region.json";
  region_config c;
  if (fs::exists(file)) c = region_config_from_json(read_text(file));
  if (c.name.empty()) c.name = fs::absolute(dir).lexically_normal().filename().string();
  return c;
}


region_data load_region(const fs::path& dir) {
  region_data r;
  r.dir = dir;
  if (!fs::is_directory(dir)) throw k::not_found("region folder", dir.string());
  r.config = read_region_config(dir);
  r.records = k::read_region_csv(dir);

  if (fs::exists(dir / "municipalities.csv")) {
    const auto t = k::read_csv_file(dir / "municipalities.csv");
    for (std::size_t row = 0; row < t.rows().size(); ++row) {
      try {
        const k::municipality m(cell(t, row, "code"));
        k::geo_point p{parse_number(t, row, "lat"), parse_number(t, row, "lon")};
        k::validate("lat", p);
        r.centres[m.code()] = p;
      } catch (const k::parse_error&) {
        throw;
      } catch (const k::error& e) {
        rethrow_at(e, t, row, "code");
      }
    }
  }

  if (fs::exists(dir / "client_locations.csv")) {
    const auto t = k::read_csv_file(dir / "client_locations.csv");
    for (std::size_t row = 0; row < t.rows().size(); ++row) {
      try {
        const k::client_id id(cell(t, row, "client_id"));
        k::geo_point p{parse_number(t, row, "lat"), parse_number(t, row, "lon")};
        k::validate("location", p);
        r.locations[id.str()] = p;
      } catch (const k::parse_error&) {
        throw;
      } catch (const k::error& e) {
        rethrow_at(e, t, row, "client_id");
      }
    }
  }

  if (fs::exists(dir / "link_workers.csv")) r.workers = k::read_link_workers_csv(dir / "link_workers.csv");
  if (fs::exists(dir / "training.csv")) {
    const auto rows = k::read_training_csv(dir / "training.csv", r.workers);  // names the row of an unknown worker
    k::add_training(r.workers, rows);
  }

  if (fs::exists(dir / "assessments.csv")) {
    const auto t = k::read_csv_file(dir / "assessments.csv");
    std::set<std::string> known;
    for (const auto& ref : r.records.referrals) known.insert(ref.id().str());
    for (std::size_t row = 0; row < t.rows().size(); ++row) {
      const std::string& id = cell(t, row, "referral_id");
      if (!known.contains(id)) fail_at(t, row, "referral_id", "referral " + k::quote(id) + " not found in referrals.csv");
      assessment a;
      if (!cell(t, row, "wellbeing").empty()) {
        a.wellbeing = parse_number(t, row, "wellbeing");
        if (*a.wellbeing < 0 || *a.wellbeing > 10) fail_at(t, row, "wellbeing", "must be from 0 to 10");
      }
      a.needs_medical_care = parse_optional_bool(t, row, "needs_medical_care");
      a.own_resources_sufficient = parse_optional_bool(t, row, "own_resources_sufficient");
      r.assessments[id] = a;
    }
  }

  for (const auto& file : r.config.rule_sets) {
    if (!fs::exists(dir / file)) throw k::not_found("rule set file named in region.json", file);
    try {
      r.rules.add(k::rule_set::load(dir / file));
    } catch (const k::parse_error& e) {
      throw k::parse_error(e.id(), std::string(e.message()), e.line(), e.column(), file);
    }
  }
  const auto policy_text = [&](const std::string& file) {
    try {
      return read_text(dir / file);
    } catch (const k::not_found&) {
      throw k::not_found("policy file named in region.json", file);
    }
  };
  const auto with_file = [](const k::parse_error& e, const std::string& file) {
    return k::parse_error(e.id(), std::string(e.message()), e.line(), e.column(), file);
  };
  if (!r.config.support_policy.empty()) {
    try {
      r.support = k::support_policy_from_json(policy_text(r.config.support_policy));
    } catch (const k::parse_error& e) {
      throw with_file(e, r.config.support_policy);
    }
  }
  if (!r.config.matching_policy.empty()) {
    try {
      r.matching = k::matching_policy_from_json(policy_text(r.config.matching_policy));
    } catch (const k::parse_error& e) {
      throw with_file(e, r.config.matching_policy);
    }
  }
  if (!r.config.catalogue.empty() && fs::exists(dir / r.config.catalogue)) {
    try {
      r.catalogue = k::read_hsds_file(dir / r.config.catalogue).catalogue;
    } catch (const k::parse_error& e) {
      throw with_file(e, r.config.catalogue);
    }
  }

  if (fs::exists(dir / "measurements.csv")) {
    const auto t = k::read_csv_file(dir / "measurements.csv");
    for (std::size_t row = 0; row < t.rows().size(); ++row) {
      std::string column = "referral_id";
      try {
        k::measurement m{k::referral_id(cell(t, row, "referral_id")), {}, k::measurement_point::start, {}, {}};
        column = "instrument";
        m.instrument = cell(t, row, "instrument");
        (void)k::builtin_instrument(m.instrument);
        column = "point";
        m.point = k::parse_measurement_point(cell(t, row, "point"));
        column = "day";
        m.day = k::parse_date(cell(t, row, "day"));
        column = "answers";
        const std::string& answers = cell(t, row, "answers");
        std::size_t start = 0;
        while (start <= answers.size()) {
          const auto end = std::min(answers.find(';', start), answers.size());
          const std::string part = answers.substr(start, end - start);
          if (part.empty()) {
            m.answers.emplace_back(std::nullopt);
          } else {
            int v = 0;
            const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), v);
            if (ec != std::errc{} || ptr != part.data() + part.size()) {
              fail_at(t, row, "answers", "expected whole numbers separated by ';', got " + k::quote(part));
            }
            m.answers.emplace_back(v);
          }
          start = end + 1;
        }
        (void)k::score(k::builtin_instrument(m.instrument), m);
        r.measurements.push_back(std::move(m));
      } catch (const k::parse_error&) {
        throw;
      } catch (const k::error& e) {
        rethrow_at(e, t, row, column);
      }
    }
  }
  if (fs::exists(dir / "meetings.csv")) {
    const auto t = k::read_csv_file(dir / "meetings.csv");
    for (std::size_t row = 0; row < t.rows().size(); ++row) {
      std::string column = "day";
      try {
        k::meeting m;
        m.day = k::parse_date(cell(t, row, "day"));
        column = "mode";
        m.mode = k::parse_contact_mode(cell(t, row, "mode"));
        column = "outcome";
        m.outcome = k::parse_meeting_outcome(cell(t, row, "outcome"));
        r.meetings[cell(t, row, "referral_id")].push_back(m);
      } catch (const k::parse_error&) {
        throw;
      } catch (const k::error& e) {
        rethrow_at(e, t, row, column);
      }
    }
  }
  if (fs::exists(dir / "visits.csv")) {
    const auto t = k::read_csv_file(dir / "visits.csv");
    for (std::size_t row = 0; row < t.rows().size(); ++row) {
      std::string column = "client_id";
      try {
        visit v{k::client_id(cell(t, row, "client_id")), k::date{}, cell(t, row, "kind")};
        column = "day";
        v.day = k::parse_date(cell(t, row, "day"));
        r.visits.push_back(std::move(v));
      } catch (const k::parse_error&) {
        throw;
      } catch (const k::error& e) {
        rethrow_at(e, t, row, column);
      }
    }
  }
  return r;
}

k::record screening_record(const region_data& region, const k::referral& r, k::date on) {
  k::record rec = k::client_record(r, on);
  const auto it = region.assessments.find(r.id().str());
  if (it != region.assessments.end()) {
    if (it->second.wellbeing) rec.set_number("wellbeing", *it->second.wellbeing);
    if (it->second.needs_medical_care) rec.set_boolean("needs_medical_care", *it->second.needs_medical_care);
    if (it->second.own_resources_sufficient) {
      rec.set_boolean("own_resources_sufficient", *it->second.own_resources_sufficient);
    }
  }
  return rec;
}

std::vector<screening> screen(const region_data& region, k::text_language lang, const progress_fn& progress) {
  std::vector<screening> out;
  const auto& refs = region.records.referrals;
  out.reserve(refs.size());
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const k::referral& r = refs[i];
    screening s;
    s.referral = &r;
    s.on = r.issued_on().value_or(region.config.as_of);
    try {
      const k::rule_set& rs = region.rules.in_force(region.config.rule_set, s.on);
      s.decision = rs.evaluate(screening_record(region, r, s.on), s.on, lang);
    } catch (const k::not_found& e) {
      s.error = std::string(e.message());
    }
    out.push_back(std::move(s));
    if (progress) progress("screening", i + 1, refs.size());
  }
  return out;
}

namespace {

bool open_support(k::referral_state s) {
  return s == k::referral_state::assigned || s == k::referral_state::in_progress || s == k::referral_state::on_hold;
}

// The pauses and the closure of a referral, from its history.
void replay_support(const k::referral& r, k::support_period& p, k::date as_of,
                    const std::vector<k::meeting>& meetings) {
  std::optional<std::pair<k::date, k::reason_code>> paused;
  std::vector<k::support_pause> pauses;
  for (const auto& h : r.history()) {
    const k::date day = k::finnish_local_date(h.event.at);
    if (h.event.kind == k::referral_event::pause && h.event.reason) paused = {{day, *h.event.reason}};
    if (h.event.kind == k::referral_event::resume && paused) {
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
    } catch (const k::invalid_argument&) {
    }
  }
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

pipeline run_pipeline(const region_data& region, k::text_language lang, const pipeline_options& options,
                      const progress_fn& progress) {
  pipeline p;
  p.region = &region;
  p.lang = lang;
  const k::date as_of = region.config.as_of;
  const k::finnish_calendar calendar;
  const auto& refs = region.records.referrals;

  // 1. screening
  p.screenings = screen(region, lang, progress);
  for (const auto& s : p.screenings) {
    if (s.decision) {
      ++p.kpis.screened[s.decision->status];
    } else {
      ++p.kpis.unscreened;
    }
  }

  // 2. matching the referrals waiting for a link worker
  p.workers = region.workers;
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
    const auto& d = p.screenings[i].decision;
    const bool accepted = r.state() == k::referral_state::accepted;
    const bool eligible_request = r.state() == k::referral_state::requested && d &&
                                  d->status == k::decision_status::eligible;
    if (!(accepted || eligible_request)) continue;
    if (d && d->status == k::decision_status::not_eligible) continue;
    k::matching_client c{r.subject(), location_of(region, r.subject()), std::nullopt,
                         r.urgency() == k::priority::urgent ? 2 : 1};
    p.waiting.push_back(&r);
    p.waiting_clients.push_back(std::move(c));
  }
  for (const auto& w : p.workers) p.standings.push_back(k::standing_of(region.matching, w, as_of));
  p.queue = k::coordinator_queue(refs, region.support, as_of, calendar);
  if (progress) progress("matching", 0, 1);
  p.matches = options.stable ? k::stable_match(region.matching, p.waiting_clients, p.workers, as_of)
                             : k::match(region.matching, p.waiting_clients, p.workers, as_of);
  if (progress) progress("matching", 1, 1);

  // 3. support periods: the open ones, and the ones this run's matches start
  std::map<const k::referral*, k::referral_milestones> milestones;
  for (const auto& r : refs) milestones.emplace(&r, k::milestones_of(r, region.support, calendar));
  std::size_t step = 0;
  for (const auto& r : refs) {
    ++step;
    if (!open_support(r.state())) continue;
    const auto& m = milestones.at(&r);
    if (!m.accepted_on) continue;
    planned_period pp{&r, r.link_worker() ? r.link_worker()->str() : "", false,
                      k::support_period(r.id(), *m.accepted_on, region.support, calendar), {}, {}, {}};
    const auto meetings = region.meetings.find(r.id().str());
    try {
      replay_support(r, pp.period, as_of,
                     meetings == region.meetings.end() ? std::vector<k::meeting>{} : meetings->second);
    } catch (const k::invalid_argument& e) {
      throw k::parse_error(e.id(), "referral " + k::quote(r.id().str()) + ": " + std::string(e.message()), 0, 0,
                           "meetings.csv");
    }
    if (progress) progress("support periods", step, refs.size());
    p.periods.push_back(std::move(pp));
  }
  for (const auto& m : p.matches.matched) {
    const k::referral* r = p.waiting[m.client_index];
    const auto& ms = milestones.at(r);
    p.periods.push_back({r, m.worker.str(), true,
                         k::support_period(r->id(), ms.accepted_on.value_or(as_of), region.support, calendar),
                         {}, {}, {}});
  }
  for (auto& pp : p.periods) {
    pp.status = pp.period.status(as_of);
    pp.deadlines = pp.period.deadlines_on(as_of);
    pp.warnings = pp.period.warnings(as_of);
    ++p.kpis.deadline_status[pp.status];
  }

  // 4. recommendations for every client in support or matched now
  if (region.catalogue) {
    for (std::size_t i = 0; i < p.periods.size(); ++i) {
      const k::referral* r = p.periods[i].referral;
      if (options.only_referral && r->id().str() != *options.only_referral) continue;
      k::recommendation_request req;
      req.on = as_of;
      req.max_distance_km = region.config.mobility_radius_km;
      req.k = region.config.recommendations;
      req.location = location_of(region, r->subject());
      p.recommendations.push_back({r, k::recommend(*region.catalogue, r->subject(), req)});
      if (progress) progress("recommendations", i + 1, p.periods.size());
    }
  }

  // 5. KPIs
  for (const auto& r : refs) ++p.kpis.by_state[r.state()];
  const std::vector<k::funnel_stage> stages{k::funnel_stage::requested, k::funnel_stage::accepted,
                                            k::funnel_stage::assigned, k::funnel_stage::first_contact,
                                            k::funnel_stage::completed};
  const auto closed = [](k::referral_state s) {
    return s == k::referral_state::rejected || s == k::referral_state::completed ||
           s == k::referral_state::discontinued || s == k::referral_state::cancelled ||
           s == k::referral_state::entered_in_error;
  };
  for (std::size_t level = 0; level < stages.size(); ++level) {
    funnel_row row{stages[level]};
    for (const auto& r : refs) {
      const auto& m = milestones.at(&r);
      if (!m.reached) continue;
      const auto at = static_cast<std::size_t>(*m.reached);
      if (at >= level) ++row.reached;
      if (at == level && !closed(m.state)) ++row.open;
      if (at == level && closed(m.state) && m.state != k::referral_state::completed) ++row.dropped;
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
  for (const auto& [instrument, scale] : std::vector<std::pair<std::string, std::string>>{
           {"swemwbs", "total"}, {"ucla3", "total"}}) {
    const auto& in = k::builtin_instrument(instrument);
    const auto& sc = k::find_scale(in, scale);
    std::vector<k::measurement> mine;
    for (const auto& m : region.measurements) {
      if (m.instrument == instrument) mine.push_back(m);
    }
    const auto changes = k::paired_changes(in, scale, mine, k::measurement_point::start, k::measurement_point::end);
    if (changes.empty()) continue;
    p.kpis.changes.push_back({instrument, scale, k::summarize(changes, sc), sc.direction});
  }
  // visits in equal windows before the first contact and after the closure
  std::map<std::string, std::vector<k::date>> visits_of;
  for (const auto& v : region.visits) visits_of[v.client.str()].push_back(v.day);
  const auto window = boost::gregorian::days(visit_window_days);
  for (const auto& r : refs) {
    const auto& m = milestones.at(&r);
    if (!(m.state == k::referral_state::completed || m.state == k::referral_state::discontinued)) continue;
    if (!m.first_contact_on || !m.closed_on || *m.closed_on + window > as_of) continue;
    ++p.kpis.visit_clients;
    for (const k::date d : visits_of[r.subject().id().str()]) {
      if (d >= *m.first_contact_on - window && d < *m.first_contact_on) ++p.kpis.visits_before;
      if (d > *m.closed_on && d <= *m.closed_on + window) ++p.kpis.visits_after;
    }
  }
  std::map<std::string, int> matched_now;
  for (const auto& m : p.matches.matched) ++matched_now[m.worker.str()];
  for (const auto& w : p.workers) {
    p.kpis.caseloads.push_back({w.id().str(), w.kind(), k::effective_capacity(region.matching.workforce, w),
                                w.caseload(), matched_now[w.id().str()]});
    ++p.kpis.workers_by_kind[w.kind()];
  }
  return p;
}

}  // namespace kulkija_tool
