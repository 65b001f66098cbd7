#include "kulkija/interop/catalogue_csv.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>
#include <utility>

#include "kulkija/core/error.hpp"
#include "csv_rows.hpp"
#include "kulkija/interop/csv.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 32> columns{
    "activity_id",  "organisation_id", "organisation_name", "organisation_kind", "organisation_municipality",
    "organisation_description", "name_fi",
    "name_sv",      "name_en",         "description_fi",    "description_sv",        "description_en",
    "categories",   "target_groups",   "min_age",           "max_age",               "languages",
    "municipality", "address",         "latitude",          "longitude",             "schedule",
    "accessibility", "cost",           "fee",               "currency",              "kaikukortti",
    "registration_required", "peer_support", "capacity",    "valid_from",            "valid_to"};

[[noreturn]] void bad(std::string rule) { throw parse_error(error_id::parse_syntax, std::move(rule)); }

double decimal(std::string_view text) {
  std::istringstream in{std::string(text)};
  in.imbue(std::locale::classic());
  double v = 0;
  if (!(in >> v) || !in.eof() || !std::isfinite(v)) bad("expected a decimal number with a '.', got " + quote(text));
  return v;
}

bool boolean(std::string_view text) {
  if (text == "true") return true;
  if (text == "false" || text.empty()) return false;
  throw parse_error(error_id::parse_enum, "expected 'true' or 'false', got " + quote(text));
}

recurrence_rule parse_rule(const std::string& text) {
  const auto parts = detail::split_list(text, ' ');
  const auto usage = [&]() -> recurrence_rule {
    bad("a schedule rule is 'weekly mo 10:00-12:00', 'biweekly 2026-01-07 17:00-19:00' or 'monthly -1 fr 13:00-15:00', got " +
        quote(text));
  };
  if (parts.size() < 3) return usage();
  recurrence_rule r;
  r.frequency = parse_recurrence_frequency(parts[0]);
  std::string day, times;
  switch (r.frequency) {
    case recurrence_frequency::weekly:
      if (parts.size() != 3) return usage();
      day = parts[1], times = parts[2];
      break;
    case recurrence_frequency::biweekly:
      if (parts.size() != 3) return usage();
      r.anchor = parse_date(parts[1]);
      r.day = weekday_of(*r.anchor);
      times = parts[2];
      break;
    case recurrence_frequency::monthly:
      if (parts.size() != 4) return usage();
      r.week_of_month = detail::parse_whole_number(parts[1]);
      day = parts[2], times = parts[3];
      break;
  }
  if (!day.empty()) {
    std::string upper = day;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
    r.day = parse_weekday(upper);
  }
  const auto dash = times.find('-');
  if (dash == std::string::npos) return usage();
  r.starts = parse_time_of_day(times.substr(0, dash));
  r.ends = parse_time_of_day(times.substr(dash + 1));
  r.validate("schedule");
  return r;
}

std::string format_rule(const recurrence_rule& r) {
  static constexpr std::array<std::string_view, 7> days{"mo", "tu", "we", "th", "fr", "sa", "su"};
  const std::string times = format_time_of_day(r.starts) + "-" + format_time_of_day(r.ends);
  const std::string day(days[static_cast<std::size_t>(r.day)]);
  switch (r.frequency) {
    case recurrence_frequency::weekly: return "weekly " + day + " " + times;
    case recurrence_frequency::biweekly: return "biweekly " + format_date(*r.anchor) + " " + times;
    case recurrence_frequency::monthly: break;
  }
  return "monthly " + std::to_string(r.week_of_month) + " " + day + " " + times;
}

std::string number_text(double v) {
  std::ostringstream out;
  out.imbue(std::locale::classic());
  out.precision(12);
  out << v;
  return out.str();
}

template <class T, class F>
std::string join(const std::vector<T>& items, F&& f) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ';';
    out += f(i);
  }
  return out;
}

}  // namespace

catalogue catalogue_from_csv(std::string_view text, std::string source) {
  detail::csv_rows rows(parse_csv(text, std::move(source)));
  rows.require({"activity_id", "organisation_id", "organisation_name", "name_fi", "languages", "municipality"});
  catalogue cat;
  std::map<std::string, std::pair<std::string, organisation_kind>> seen;
  const auto get = [&](const std::string& name) { return rows.get_or_empty(name); };
  rows.each([&] {
    {
      const std::string oid = get("organisation_id");
      const std::string oname = get("organisation_name");
      const std::string kind_text = get("organisation_kind");
      const organisation_kind kind = kind_text.empty() ? organisation_kind::other : parse_organisation_kind(kind_text);
      const std::string home_text = get("organisation_municipality");
      std::optional<municipality> home;
      if (!home_text.empty()) home = municipality{std::string_view{home_text}};
      const std::string description = get("organisation_description");
      if (const auto it = seen.find(oid); it != seen.end()) {
        if (it->second.first != oname) {
          rows.mark("organisation_name");
          bad("differs from an earlier row of organisation " + quote(oid));
        }
        if (it->second.second != kind) {
          rows.mark("organisation_kind");
          bad("differs from an earlier row of organisation " + quote(oid));
        }
      } else {
        rows.mark("organisation_id");
        cat.add(organisation{organisation_id{oid}, oname, kind, home, description});
        seen.emplace(oid, std::make_pair(oname, kind));
      }
      activity_spec s;
      s.id = activity_id{get("activity_id")};
      s.organisation = organisation_id{oid};
      s.name = {get("name_fi"), get("name_sv"), get("name_en")};
      s.description = {get("description_fi"), get("description_sv"), get("description_en")};
      for (const auto& c : detail::split_list(get("categories"), ';')) s.categories.push_back(parse_activity_category(c));
      for (const auto& g : detail::split_list(get("target_groups"), ';')) s.target_groups.push_back(parse_target_group(g));
      if (const auto v = get("min_age"); !v.empty()) s.min_age = detail::parse_whole_number(v);
      if (const auto v = get("max_age"); !v.empty()) s.max_age = detail::parse_whole_number(v);
      for (const auto& l : detail::split_list(get("languages"), ';')) s.languages.emplace_back(l);
      if (const auto v = get("municipality"); !v.empty()) s.place = municipality{std::string_view{v}};
      s.address = get("address");
      const auto lat = get("latitude");
      const auto lon = get("longitude");
      if (lat.empty() != lon.empty()) bad("latitude and longitude must both be given or both be empty");
      if (!lat.empty()) {
        rows.mark("latitude");
        const double la = decimal(lat);
        rows.mark("longitude");
        s.position = geo_point{la, decimal(lon)};
        rows.mark("latitude");
        validate("position", *s.position);
      }
      for (const auto& r : detail::split_list(get("schedule"), ';')) s.schedule.push_back(parse_rule(r));
      for (const auto& f : detail::split_list(get("accessibility"), ';')) s.accessibility.push_back(parse_accessibility_feature(f));
      const auto cost = get("cost");
      s.cost.kind = cost.empty() ? cost_kind::free : parse_cost_kind(cost);
      if (const auto fee = get("fee"); !fee.empty()) s.cost.amount = decimal(fee);
      if (const auto currency = get("currency"); !currency.empty()) s.cost.currency = currency;
      s.cost.kaikukortti = boolean(get("kaikukortti"));
      s.registration_required = boolean(get("registration_required"));
      s.peer_support = boolean(get("peer_support"));
      if (const auto v = get("capacity"); !v.empty()) s.capacity = detail::parse_whole_number(v);
      if (const auto v = get("valid_from"); !v.empty()) s.valid_from = parse_date(v);
      if (const auto v = get("valid_to"); !v.empty()) s.valid_to = parse_date(v);
      rows.mark({});
      cat.add(activity{std::move(s)});
    }
  });
  return cat;
}

std::string catalogue_to_csv(const catalogue& cat) {
  std::string out = csv_row({columns.begin(), columns.end()});
  for (const activity& a : cat.activities()) {
    const activity_spec& s = a.spec();
    const organisation& o = cat.find(s.organisation);
    const auto opt_int = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string{}; };
    const auto opt_date = [](const std::optional<date>& d) { return d ? format_date(*d) : std::string{}; };
    out += csv_row({
        s.id.str(), o.id().str(), o.name(), std::string(to_string(o.kind())),
        o.home() ? o.home()->code_text() : std::string{}, o.description(), s.name.fi, s.name.sv, s.name.en,
        s.description.fi, s.description.sv, s.description.en,
        join(s.categories, [](auto c) { return std::string(to_string(c)); }),
        join(s.target_groups, [](auto g) { return std::string(to_string(g)); }), opt_int(s.min_age), opt_int(s.max_age),
        join(s.languages, [](const language& l) { return std::string(l.code()); }),
        s.place ? s.place->code_text() : std::string{}, s.address,
        s.position ? number_text(s.position->latitude) : std::string{},
        s.position ? number_text(s.position->longitude) : std::string{}, join(s.schedule, format_rule),
        join(s.accessibility, [](auto f) { return std::string(to_string(f)); }), std::string(to_string(s.cost.kind)),
        s.cost.kind == cost_kind::fee ? number_text(s.cost.amount) : std::string{}, s.cost.currency,
        s.cost.kaikukortti ? "true" : "false", s.registration_required ? "true" : "false",
        s.peer_support ? "true" : "false", opt_int(s.capacity), opt_date(s.valid_from), opt_date(s.valid_to)});
  }
  return out;
}

}  // namespace kulkija
