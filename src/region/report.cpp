#include "kulkija/region/report.hpp"

#include <cstdio>
#include <optional>
#include <string_view>

#include "kulkija/core/error.hpp"
#include "kulkija/version.hpp"
#include "kulkija/matching/workforce.hpp"
#include "kulkija/outcomes/instrument.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <utility>

namespace kulkija {

namespace k = kulkija;

namespace {

// A text in the three languages.
const std::string& tr(k::text_language lang, const std::string& fi, const std::string& sv, const std::string& en) {
  switch (lang) {
    case k::text_language::fi: return fi;
    case k::text_language::sv: return sv;
    case k::text_language::en: break;
  }
  return en;
}

std::string number(double value, int decimals) {
  if (!std::isfinite(value)) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const auto& s : parts) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

std::string opt_date(const std::optional<k::date>& d) { return d ? k::format_date(*d) : ""; }

}  // namespace

report_table::report_table(std::string title_, std::vector<std::string> columns_, std::vector<bool> numeric_)
    : title(std::move(title_)), columns(std::move(columns_)), numeric(std::move(numeric_)) {
  numeric.resize(columns.size(), false);
}

void report_table::add(std::vector<std::string> row) {
  row.resize(columns.size());
  rows.push_back(std::move(row));
}

std::vector<std::pair<std::string, report_table>> report_tables(const region_result& p) {
  std::vector<std::pair<std::string, report_table>> out;
  out.emplace_back("summary", kpi_table(p));
  out.emplace_back("screening", screening_table(p.screenings, p.lang));
  out.emplace_back("matches", matches_table(p));
  out.emplace_back("deadlines", deadlines_table(p));
  out.emplace_back("recommendations", recommendations_table(p));
  out.emplace_back("funnel", funnel_table(p));
  out.emplace_back("caseloads", caseload_table(p));
  out.emplace_back("workers", workers_table(p));
  out.emplace_back("queue", queue_table(p.queue, p.lang));
  return out;
}

report_table screening_table(std::span<const screening> screenings, text_language lang) {
  report_table t(tr(lang, "Kelpoisuus", "Behörighet", "Eligibility"),
          {"referral", "client", "screened_on", "rule_set", "status", "criteria", "reasons"});
  for (const auto& s : screenings) {
    if (!s.decided) {
      t.add({s.ref->id().str(), s.ref->subject().id().str(), k::format_date(s.on), "", "unscreened", "",
             s.error});
      continue;
    }
    std::vector<std::string> ids;
    for (const auto& r : s.decided->results) {
      if (r.outcome == k::criterion_outcome::failed || r.outcome == k::criterion_outcome::undetermined ||
          r.outcome == k::criterion_outcome::warning) {
        ids.push_back(r.criterion_id + ":" + std::string(k::to_string(r.outcome)));
      }
    }
    auto reasons = s.decided->reasons();
    for (auto& w : s.decided->warnings()) reasons.push_back(w);
    t.add({s.ref->id().str(), s.ref->subject().id().str(), k::format_date(s.on),
           s.decided->rule_set_id + "@" + s.decided->rule_set_version, std::string(k::to_string(s.decided->status)),
           join(ids, ";"), join(reasons, " | ")});
  }
  return t;
}

report_table matches_table(const region_result& p) {
  report_table t(tr(p.lang, "Linkkihenkilöt jonossa oleville", "Länkpersoner för de väntande", "Link workers for the waiting"),
          {"referral", "client", "municipality", "priority", "worker", "score", "distance_km", "reason"},
          {false, false, false, false, false, true, true, false});
  std::vector<std::vector<std::string>> rows(p.waiting.size());
  for (const auto& m : p.matches.matched) {
    const k::referral* r = p.waiting[m.client_index];
    std::vector<std::string> why;
    for (const auto& c : m.score.components) {
      if (c.weight > 0) why.push_back(c.reason.in(p.lang));
    }
    rows[m.client_index] = {r->id().str(), r->subject().id().str(), r->subject().home().code_text(),
                            std::string(k::to_string(r->urgency())), m.worker.str(), number(m.score.total, 1),
                            m.score.distance_km ? number(*m.score.distance_km, 1) : "", join(why, "; ")};
  }
  for (const auto& u : p.matches.unmatched) {
    const k::referral* r = p.waiting[u.client_index];
    rows[u.client_index] = {r->id().str(), r->subject().id().str(), r->subject().home().code_text(),
                            std::string(k::to_string(r->urgency())), "", "", "", u.reason.in(p.lang)};
  }
  for (auto& row : rows) t.add(std::move(row));
  return t;
}

report_table deadlines_table(const region_result& p) {
  report_table t(tr(p.lang, "Määräajat", "Tidsfrister", "Deadlines"),
          {"referral", "worker", "status", "deadline", "due", "met_on", "provisional", "rule", "warnings"});
  for (const auto& pp : p.periods) {
    std::vector<std::string> warnings;
    for (const auto& w : pp.warnings) warnings.emplace_back(k::to_string(w.kind));
    for (const auto& d : pp.deadlines) {
      t.add({pp.ref->id().str(), pp.worker, std::string(k::to_string(pp.status)), std::string(k::to_string(d.kind)),
             k::format_date(d.due), opt_date(d.met_on), d.provisional ? "yes" : "no", d.rule, join(warnings, ";")});
    }
  }
  return t;
}

report_table recommendations_table(const region_result& p) {
  report_table t(tr(p.lang, "Suositellut toiminnot", "Rekommenderade aktiviteter", "Recommended activities"),
          {"referral", "client", "rank", "activity", "name", "score", "distance_km", "next_meeting", "reasons"},
          {false, false, true, false, false, true, true, false, false});
  for (const auto& cr : p.recommendations) {
    std::size_t rank = 0;
    for (const auto& rec : cr.items) {
      const auto& a = p.region->catalogue->find(rec.activity);
      std::vector<std::string> why;
      for (const auto& reason : rec.reasons) why.push_back(reason.text.in(p.lang));
      t.add({cr.ref->id().str(), cr.ref->subject().id().str(), std::to_string(++rank), rec.activity.str(),
             a.name_in(p.lang), number(rec.score, 3), rec.distance_km ? number(*rec.distance_km, 1) : "",
             opt_date(rec.next_meeting), join(why, "; ")});
    }
  }
  return t;
}

report_table funnel_table(const region_result& p) {
  report_table t(tr(p.lang, "Lähetteiden eteneminen", "Remissernas förlopp", "Referral funnel"),
          {"stage", "reached", "open", "dropped"}, {false, true, true, true});
  for (const auto& f : p.kpis.funnel) {
    t.add({std::string(k::to_string(f.stage)), std::to_string(f.reached), std::to_string(f.open),
           std::to_string(f.dropped)});
  }
  return t;
}

report_table caseload_table(const region_result& p) {
  report_table t(tr(p.lang, "Asiakasmäärät", "Klientantal", "Caseloads"),
          {"worker", "kind", "capacity", "caseload", "matched_now", "free"}, {false, false, true, true, true, true});
  for (const auto& c : p.kpis.caseloads) {
    t.add({c.worker, std::string(k::to_string(c.kind)), std::to_string(c.capacity), std::to_string(c.caseload),
           std::to_string(c.matched_now), std::to_string(std::max(0, c.capacity - c.caseload - c.matched_now))});
  }
  return t;
}

namespace {

std::string reasons_of(const k::worker_standing& s, k::text_language lang) {
  std::vector<std::string> parts;
  for (const auto& r : s.reasons) parts.push_back(r.in(lang));
  return join(parts, " ");
}

}  // namespace

report_table workers_table(const region_result& p) {
  report_table t(tr(p.lang, "Linkkihenkilöt", "Länkpersoner", "Link workers"),
          {"worker", "kind", "own_capacity", "capacity", "caseload", "last_supervision", "supervision_due",
           "missing_training", "matchable", "reasons"},
          {false, false, true, true, true, false, false, false, false, false});
  for (std::size_t j = 0; j < p.workers.size() && j < p.standings.size(); ++j) {
    const k::link_worker& w = p.workers[j];
    const k::worker_standing& s = p.standings[j];
    std::vector<std::string> missing;
    for (k::competence c : s.missing_training) missing.emplace_back(k::to_string(c));
    t.add({w.id().str(), k::label(w.kind()).in(p.lang), std::to_string(w.capacity()), std::to_string(s.capacity),
           std::to_string(w.caseload()), opt_date(w.last_supervision()), opt_date(s.supervision_due), join(missing, ";"),
           s.matchable() ? "yes" : "no", reasons_of(s, p.lang)});
  }
  return t;
}

report_table excluded_workers_table(const region_result& p) {
  report_table t(tr(p.lang, "Yhdistämisestä pois jätetyt linkkihenkilöt", "Länkpersoner som lämnas utanför matchningen",
             "Link workers left out of the matching"),
          {"worker", "exclusions", "reasons"});
  for (const auto& s : p.matches.excluded_workers) {
    std::vector<std::string> codes;
    for (k::match_exclusion e : s.exclusions) codes.emplace_back(k::to_string(e));
    t.add({s.worker.str(), join(codes, ";"), reasons_of(s, p.lang)});
  }
  return t;
}

report_table queue_table(std::span<const queue_entry> queue, text_language lang) {
  report_table t(tr(lang, "Koordinaattorin jono", "Koordinatorns kö", "The coordinator's queue"),
          {"rank", "referral", "client", "priority", "accepted_on", "days_waiting", "business_days_waiting",
           "first_contact_due", "status", "reason"},
          {true, false, false, false, false, true, true, false, false, false});
  std::size_t rank = 0;
  for (const auto& e : queue) {
    t.add({std::to_string(++rank), e.referral.str(), e.client.str(), std::string(k::to_string(e.urgency)),
           k::format_date(e.accepted_on), std::to_string(e.days_waiting), std::to_string(e.business_days_waiting),
           k::format_date(e.first_contact.due), e.overdue ? "overdue" : (e.due_soon ? "due_soon" : "on_track"),
           e.reason.in(lang)});
  }
  return t;
}

report_table kpi_table(const region_result& p) {
  const auto lang = p.lang;
  report_table t(tr(lang, "Yhteenveto", "Sammanfattning", "Summary"), {"metric", "value", "label"}, {false, true, false});
  const auto& kp = p.kpis;
  const auto count = [&](std::string code, std::size_t v, const std::string& fi, const std::string& sv,
                         const std::string& en) { t.add({std::move(code), std::to_string(v), tr(lang, fi, sv, en)}); };
  const auto value = [&](std::string code, double v, int decimals, const std::string& fi, const std::string& sv,
                         const std::string& en) { t.add({std::move(code), number(v, decimals), tr(lang, fi, sv, en)}); };
  const auto status = [&](k::decision_status s) {
    const auto it = kp.screened.find(s);
    return it == kp.screened.end() ? std::size_t{0} : it->second;
  };
  count("referrals", p.region->records.referrals.size(), "lähetteitä", "remisser", "referrals");
  count("clients", p.region->records.clients.size(), "asiakkaita", "klienter", "clients");
  count("screened_eligible", status(k::decision_status::eligible), "kelpoisia", "behöriga", "screened eligible");
  count("screened_not_eligible", status(k::decision_status::not_eligible), "ei kelpoisia", "inte behöriga",
        "screened not eligible");
  count("screened_undetermined", status(k::decision_status::undetermined), "ratkaisematta", "oavgjorda",
        "screened undetermined");
  count("unscreened", kp.unscreened, "ei sääntöä voimassa", "ingen regel i kraft", "no rule set in force");
  for (const auto& [state, n] : kp.by_state) {
    count("state_" + std::string(k::to_string(state)), n, k::label(state).fi, k::label(state).sv, k::label(state).en);
  }
  for (const auto& f : kp.funnel) {
    count("funnel_" + std::string(k::to_string(f.stage)), f.reached, "vaihe saavutettu", "steget nått", "stage reached");
  }
  count("waiting_for_link_worker", p.waiting.size(), "odottaa linkkihenkilöä", "väntar på länkperson",
        "waiting for a link worker");
  count("matched_now", p.matches.matched.size(), "yhdistetty nyt", "matchade nu", "matched now");
  count("unmatched_now", p.matches.unmatched.size(), "jäi ilman", "blev utan", "left unmatched");
  count("first_contacts", kp.first_contacts, "ensikontakteja", "första kontakter", "first contacts");
  if (kp.first_contacts > 0) {
    value("first_contact_within_deadline_share",
          static_cast<double>(kp.first_contacts_in_time) / static_cast<double>(kp.first_contacts), 3,
          "ensikontakti määräajassa (osuus)", "första kontakt inom tidsfristen (andel)",
          "first contact within the deadline (share)");
  }
  if (kp.median_business_days_to_first_contact) {
    value("median_business_days_to_first_contact", *kp.median_business_days_to_first_contact, 1,
          "arkipäiviä ensikontaktiin (mediaani)", "vardagar till första kontakt (median)",
          "business days to first contact (median)");
  }
  for (const auto& c : kp.changes) {
    const std::string key = c.instrument + "_" + c.scale;
    count(key + "_pairs", c.summary.n, "mittauspareja alku-loppu", "mätpar start-slut", "start-end pairs");
    value(key + "_mean_before", c.summary.mean_before, 2, "keskiarvo alussa", "medelvärde vid start", "mean at start");
    value(key + "_mean_after", c.summary.mean_after, 2, "keskiarvo lopussa", "medelvärde vid slut", "mean at end");
    value(key + "_mean_change", c.summary.mean_change, 2, "muutos keskimäärin", "förändring i medeltal", "mean change");
    value(key + "_share_improved", c.summary.share_improved, 3, "parantuneita (osuus)", "förbättrade (andel)",
          "improved (share)");
  }
  count("visit_clients", kp.visit_clients, "asiakkaita käyntivertailussa", "klienter i besöksjämförelsen",
        "clients in the visit comparison");
  count("visits_before", kp.visits_before, "käyntejä 180 pv ennen", "besök 180 d före", "visits in 180 days before");
  count("visits_after", kp.visits_after, "käyntejä 180 pv jälkeen", "besök 180 d efter", "visits in 180 days after");
  for (const auto& [s, n] : kp.deadline_status) {
    count("supports_" + std::string(k::to_string(s)), n, "avoimia tukijaksoja", "öppna stödperioder", "open supports");
  }
  int capacity = 0, caseload = 0;
  for (const auto& c : kp.caseloads) {
    capacity += c.capacity;
    caseload += c.caseload + c.matched_now;
  }
  count("link_workers", kp.caseloads.size(), "linkkihenkilöitä", "länkpersoner", "link workers");
  for (const auto& [kind, n] : kp.workers_by_kind) {
    const auto& l = k::label(kind);
    count("link_workers_" + std::string(k::to_string(kind)), n, l.fi, l.sv, l.en);
  }
  count("link_workers_excluded", p.matches.excluded_workers.size(), "linkkihenkilöitä pois yhdistämisestä",
        "länkpersoner utanför matchningen", "link workers left out of the matching");
  std::size_t queue_overdue = 0;
  for (const auto& e : p.queue) queue_overdue += e.overdue ? 1 : 0;
  count("queue", p.queue.size(), "koordinaattorin jonossa", "i koordinatorns kö", "in the coordinator's queue");
  count("queue_first_contact_overdue", queue_overdue, "jonossa, ensikontakti myöhässä",
        "i kön, första kontakten försenad", "in the queue with first contact overdue");
  count("capacity", static_cast<std::size_t>(capacity), "paikkoja", "platser", "places");
  count("caseload", static_cast<std::size_t>(caseload), "asiakkaita nyt", "klienter nu", "clients now");
  return t;
}

// ------------------------------------------------------------------------------ HTML

namespace {

std::string esc(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

struct bar {
  bar(std::string label_, double value_, std::string color_ = "#2f6f8f", std::string note_ = {})
      : label(std::move(label_)), value(value_), color(std::move(color_)), note(std::move(note_)) {}
  std::string label;
  double value = 0;
  std::string color;
  std::string note;  // shown after the value
};

// A horizontal bar chart; `limit` draws a marker per bar (e.g. capacity), when given.
std::string bar_chart(const std::string& id, const std::string& title, const std::vector<bar>& bars,
                      const std::vector<double>& limits = {}) {
  const int row = 26, left = 190, width = 640, chart = width - left - 90;
  const int height = static_cast<int>(bars.size()) * row + 20;
  double top = 1;
  for (const auto& b : bars) top = std::max(top, b.value);
  for (double l : limits) top = std::max(top, l);
  std::string s = "<figure><figcaption>" + esc(title) + "</figcaption>\n<svg id=\"" + id +
                  "\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width) +
                  "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
                  std::to_string(height) + "\" role=\"img\" aria-label=\"" + esc(title) + "\">\n";
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const int y = static_cast<int>(i) * row + 10;
    const double w = std::max(1.0, bars[i].value / top * chart);
    s += "<text x=\"" + std::to_string(left - 8) + "\" y=\"" + std::to_string(y + 16) +
         "\" text-anchor=\"end\">" + esc(bars[i].label) + "</text>";
    s += "<rect class=\"bar\" x=\"" + std::to_string(left) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
         number(w, 1) + "\" height=\"" + std::to_string(row - 8) + "\" fill=\"" + bars[i].color + "\"/>";
    double text_x = left + w + 6;
    if (i < limits.size()) {
      const double x = left + limits[i] / top * chart;
      text_x = std::max(text_x, x + 6);
      s += "<line x1=\"" + number(x, 1) + "\" x2=\"" + number(x, 1) + "\" y1=\"" + std::to_string(y) + "\" y2=\"" +
           std::to_string(y + row - 2) + "\" stroke=\"#b03a2e\" stroke-width=\"2\"/>";
    }
    s += "<text x=\"" + number(text_x, 1) + "\" y=\"" + std::to_string(y + 16) + "\">" +
         esc(bars[i].note.empty() ? number(bars[i].value, bars[i].value == std::floor(bars[i].value) ? 0 : 2)
                                  : bars[i].note) +
         "</text>\n";
  }
  return s + "</svg></figure>\n";
}

std::string html_table(const report_table& t, std::size_t max_rows = 0) {
  std::string s = "<table><thead><tr>";
  for (std::size_t c = 0; c < t.columns.size(); ++c) s += "<th>" + esc(t.columns[c]) + "</th>";
  s += "</tr></thead><tbody>\n";
  std::size_t n = 0;
  for (const auto& row : t.rows) {
    if (max_rows > 0 && n++ == max_rows) break;
    s += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      s += std::string(t.numeric[c] ? "<td class=\"num\">" : "<td>") + esc(row[c]) + "</td>";
    }
    s += "</tr>\n";
  }
  s += "</tbody></table>\n";
  if (max_rows > 0 && t.rows.size() > max_rows) {
    s += "<p class=\"note\">" + std::to_string(t.rows.size() - max_rows) + " more rows in the CSV file.</p>\n";
  }
  return s;
}

}  // namespace

std::string report_html(const region_result& p) {
  const auto lang = p.lang;
  const auto& kp = p.kpis;
  const auto L = [&](const std::string& fi, const std::string& sv, const std::string& en) {
    return esc(tr(lang, fi, sv, en));
  };
  std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(k::to_string(lang)) +
                  "\">\n<head>\n<meta charset=\"utf-8\">\n<title>kulkija — " + esc(shown(p.region->config.name)) +
                  "</title>\n<style>\n"
                  "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222;padding:0 1em}\n"
                  "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccc}\n"
                  "figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}\n"
                  "svg.chart text{font-size:13px;fill:#222}\n"
                  "table{border-collapse:collapse;font-size:.85em;margin:.5em 0}\n"
                  "th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}\n"
                  "td.num{text-align:right}th{background:#f2f2f2}.note{color:#666;font-size:.85em}\n"
                  ".kpis{display:flex;flex-wrap:wrap;gap:1em}.kpi{border:1px solid #ddd;padding:.6em 1em;"
                  "border-radius:4px}.kpi b{display:block;font-size:1.4em}\n"
                  "</style>\n</head>\n<body>\n";
  h += "<h1>" + esc(shown(p.region->config.name)) + "</h1>\n<p>" + L("Raportointipäivä", "Rapportdag", "Reporting day") +
       ": " + k::format_date(p.as_of) + ". " +
       L("Tuottanut kulkija ", "Skapad av kulkija ", "Made by kulkija ") + esc(std::string(k::version_string)) +
       ".</p>\n";
  const auto kpi = [&](const std::string& label, const std::string& value) {
    return "<div class=\"kpi\">" + esc(label) + "<b>" + esc(value) + "</b></div>";
  };
  h += "<div class=\"kpis\">" + kpi(tr(lang, "Lähetteitä", "Remisser", "Referrals"), std::to_string(p.region->records.referrals.size())) +
       kpi(tr(lang, "Yhdistetty nyt", "Matchade nu", "Matched now"), std::to_string(p.matches.matched.size())) +
       kpi(tr(lang, "Avoimia tukijaksoja", "Öppna stödperioder", "Open supports"), std::to_string(p.periods.size()));
  if (kp.first_contacts > 0) {
    h += kpi(tr(lang, "Ensikontakti määräajassa", "Första kontakt i tid", "First contact in time"),
             number(100.0 * static_cast<double>(kp.first_contacts_in_time) / static_cast<double>(kp.first_contacts), 0) +
                 " %");
  }
  h += "</div>\n";

  // the funnel
  h += "<h2>" + L("Lähetteiden eteneminen", "Remissernas förlopp", "The referral funnel") + "</h2>\n";
  std::vector<bar> funnel;
  for (const auto& f : kp.funnel) funnel.push_back({std::string(k::to_string(f.stage)), static_cast<double>(f.reached)});
  h += bar_chart("funnel", tr(lang, "Vaiheen saavuttaneet lähetteet", "Remisser som nått steget", "Referrals reaching each stage"),
                 funnel);
  h += html_table(funnel_table(p));

  // wellbeing change
  h += "<h2>" + L("Hyvinvoinnin muutos", "Förändring i välmående", "Wellbeing change") + "</h2>\n";
  for (const auto& c : kp.changes) {
    std::vector<bar> bars{
        {tr(lang, "parantui", "förbättrades", "improved"), static_cast<double>(c.summary.improved), "#3c8d5a"},
        {tr(lang, "ennallaan", "oförändrad", "unchanged"), static_cast<double>(c.summary.unchanged), "#999999"},
        {tr(lang, "heikkeni", "försämrades", "worsened"), static_cast<double>(c.summary.worsened), "#b03a2e"},
    };
    h += bar_chart("change-" + c.instrument,
                   c.instrument + " " + c.scale + ": " + tr(lang, "keskiarvo", "medelvärde", "mean") + " " +
                       number(c.summary.mean_before, 2) + " → " + number(c.summary.mean_after, 2) + " (" +
                       tr(lang, "muutos", "förändring", "change") + " " + number(c.summary.mean_change, 2) + ", 95 % CI " +
                       number(c.summary.ci_low, 2) + " … " + number(c.summary.ci_high, 2) + ", n = " +
                       std::to_string(c.summary.n) + ", " +
                       (c.direction == k::score_direction::higher_is_better
                            ? tr(lang, "suurempi on parempi", "högre är bättre", "higher is better")
                            : tr(lang, "pienempi on parempi", "lägre är bättre", "lower is better")) +
                       ")",
                   bars);
  }
  if (kp.changes.empty()) h += "<p class=\"note\">" + L("Ei mittauspareja.", "Inga mätpar.", "No measurement pairs.") + "</p>\n";
  if (kp.visit_clients > 0) {
    h += bar_chart("visits",
                   tr(lang, "Sosiaali- ja terveyspalvelukäynnit 180 päivää ennen ja jälkeen tuen",
                      "Social- och hälsovårdsbesök 180 dagar före och efter stödet",
                      "Social and health care visits 180 days before and after support") +
                       " (n = " + std::to_string(kp.visit_clients) + ")",
                   {{tr(lang, "ennen", "före", "before"), static_cast<double>(kp.visits_before), "#8fa9b8"},
                    {tr(lang, "jälkeen", "efter", "after"), static_cast<double>(kp.visits_after), "#2f6f8f"}});
  }

  // deadlines
  h += "<h2>" + L("Määräajat", "Tidsfrister", "Deadlines") + "</h2>\n";
  std::vector<bar> status;
  const std::vector<std::pair<k::support_status, std::string>> colours{{k::support_status::on_track, "#3c8d5a"},
                                                                      {k::support_status::due_soon, "#d4a017"},
                                                                      {k::support_status::overdue, "#b03a2e"}};
  for (const auto& [s, colour] : colours) {
    const auto it = kp.deadline_status.find(s);
    status.push_back({std::string(k::to_string(s)), it == kp.deadline_status.end() ? 0.0 : static_cast<double>(it->second),
                      colour});
  }
  h += bar_chart("deadlines", tr(lang, "Avoimet tukijaksot tilan mukaan", "Öppna stödperioder efter status",
                                 "Open supports by status"),
                 status);
  report_table late(tr(lang, "Myöhässä tai pian erääntyvät", "Försenade eller snart förfallande", "Overdue or due soon"),
             {"referral", "worker", "status", "next_deadline", "due", "warnings"});
  for (const auto& pp : p.periods) {
    if (pp.status != k::support_status::overdue && pp.status != k::support_status::due_soon) continue;
    // the earliest open deadline; a measurement deadline is met when measurements.csv has it
    const auto measured = [&](k::measurement_point point) {
      return std::any_of(p.region->measurements.begin(), p.region->measurements.end(), [&](const k::measurement& m) {
        return m.referral == pp.ref->id() && m.point == point;
      });
    };
    const k::deadline* next = nullptr;
    for (const auto& d : pp.deadlines) {
      if (d.met_on) continue;
      if (d.kind == k::deadline_kind::start_measurement && measured(k::measurement_point::start)) continue;
      if (d.kind == k::deadline_kind::end_measurement && measured(k::measurement_point::end)) continue;
      if (d.kind == k::deadline_kind::follow_up_measurement && measured(k::measurement_point::follow_up)) continue;
      if (next == nullptr || d.due < next->due) next = &d;
    }
    std::vector<std::string> warnings;
    for (const auto& w : pp.warnings) warnings.push_back(w.text.in(lang));
    late.add({pp.ref->id().str(), pp.worker, std::string(k::to_string(pp.status)),
              next ? std::string(k::to_string(next->kind)) : "", next ? k::format_date(next->due) : "",
              join(warnings, " ")});
  }
  h += html_table(late, 60);

  // caseloads
  h += "<h2>" + L("Asiakasmäärät", "Klientantal", "Caseloads") + "</h2>\n";
  std::vector<bar> loads;
  std::vector<double> capacities;
  for (const auto& c : kp.caseloads) {
    loads.push_back({c.worker, static_cast<double>(c.caseload + c.matched_now),
                     c.caseload + c.matched_now > c.capacity ? "#b03a2e" : "#2f6f8f",
                     std::to_string(c.caseload) + (c.matched_now > 0 ? " + " + std::to_string(c.matched_now) : "") +
                         " / " + std::to_string(c.capacity)});
    capacities.push_back(static_cast<double>(c.capacity));
  }
  h += bar_chart("caseloads",
                 tr(lang, "Asiakkaat linkkihenkilöittäin (+ nyt yhdistetyt) / paikat",
                    "Klienter per länkperson (+ matchade nu) / platser", "Clients per link worker (+ matched now) / places"),
                 loads, capacities);

  // the workforce: kinds, supervision, training, and who is left out of the matching
  h += "<h2>" + L("Linkkihenkilöt", "Länkpersoner", "Link workers") + "</h2>\n";
  if (!p.matches.excluded_workers.empty()) {
    h += "<p>" + L("Yhdistämisestä jäi pois ", "Utanför matchningen lämnades ", "Left out of the matching: ") +
         std::to_string(p.matches.excluded_workers.size()) +
         L(" linkkihenkilöä (koulutus, työnohjaus tai toimikausi).", " länkpersoner (utbildning, handledning eller verksamhetstid).",
           " link workers (training, supervision or active days).") +
         "</p>\n" + html_table(excluded_workers_table(p));
  }
  h += html_table(workers_table(p));

  // the coordinator's queue
  h += "<h2>" + L("Koordinaattorin jono", "Koordinatorns kö", "The coordinator's queue") + "</h2>\n" +
       html_table(queue_table(p.queue, p.lang), 60);

  // matches
  h += "<h2>" + L("Yhdistäminen", "Matchning", "Matching") + "</h2>\n" + html_table(matches_table(p));
  h += "<h2>" + L("Yhteenveto", "Sammanfattning", "Summary") + "</h2>\n" + html_table(kpi_table(p));
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace kulkija
