// Reading an Open Referral HSDS 3.0 catalogue, in its JSON or tabular form
// (kulkija::catalogue_from_hsds, kulkija::read_hsds_file).
#include "kulkija/interop/hsds.hpp"

#include "../detail/json.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <utility>

#include "hsds_profile.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

using detail::hsds::json;
using detail::hsds::kulkija_taxonomy;

constexpr std::string_view path_member = "__kulkija_path";  // set on objects rebuilt from the tabular form

[[noreturn]] void fail(error_id id, const std::string& path, const std::string& message) {
  detail::json_fail(path, message, id);
}

using detail::json_at_path;
using detail::json_item_path;
using detail::json_member_path;

// The path of an object: its own (tabular form) or the one computed from the document.
std::string path_of(const json& j, const std::string& computed) {
  if (j.is_object()) {
    const auto it = j.find(path_member);
    if (it != j.end() && it->is_string()) return it->get<std::string>();
  }
  return computed;
}

void expect_object(const json& j, const std::string& path) {
  detail::json_as_object(j, path, error_id::parse_structure);
}

// A string member; null or absent is nothing; `required` makes absence an error.
std::optional<std::string> get_string(const json& j, const std::string& path, std::string_view key, bool required = false) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) detail::json_missing(json_member_path(path, key), {}, error_id::parse_structure);
    return std::nullopt;
  }
  return detail::json_as_string(*it, json_member_path(path, key), error_id::parse_structure);
}

std::optional<double> get_number(const json& j, const std::string& path, std::string_view key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return detail::json_as_number(*it, json_member_path(path, key), error_id::parse_structure);
}

// An array member as a list of (element, path); absent or null is empty.
std::vector<std::pair<const json*, std::string>> get_array(const json& j, const std::string& path, std::string_view key) {
  std::vector<std::pair<const json*, std::string>> items;
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return items;
  const std::string p = json_member_path(path, key);
  detail::json_as_array(*it, p, error_id::parse_structure);
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& e = (*it)[i];
    const std::string ep = path_of(e, json_item_path(p, i));
    expect_object(e, ep);
    items.emplace_back(&e, ep);
  }
  return items;
}

std::optional<int> get_age(const json& j, const std::string& path, std::string_view key) {
  const auto v = get_number(j, path, key);
  if (!v) return std::nullopt;
  if (*v != std::floor(*v) || *v < 0 || *v > 120) {
    fail(error_id::invalid_value, json_member_path(path, key), "must be a whole number of years from 0 to 120");
  }
  return static_cast<int>(*v);
}

bool parse_bool(const std::string& path, const std::string& value) {
  if (value == "true") return true;
  if (value == "false" || value.empty()) return false;
  fail(error_id::parse_enum, path, "must be 'true' or 'false', got " + quote(value));
}

std::optional<municipality> municipality_by_name(std::string_view city) {
  const std::string folded = fold_text(city);
  if (folded.empty()) return std::nullopt;
  for (const municipality& m : municipality::all()) {
    if (fold_text(m.name_fi()) == folded || fold_text(m.name_sv()) == folded) return m;
  }
  return std::nullopt;
}

// The kulkija attributes of an object, as (code, value, path of the attribute).
struct kulkija_attribute {
  std::string code;
  std::string value;
  std::string path;
};

class reader {
 public:
  explicit reader(const hsds_import_options& options) : options_(options) {}

  void document(const json& doc) {
    expect_object(doc, "$");
    bool tabular = !doc.empty();
    for (const auto& [key, value] : doc.items()) tabular = tabular && key.ends_with(".csv");
    if (tabular) return table_document(doc);
    any(doc, "$");
  }

  hsds_import finish() {
    for (auto& o : organisations_) result_.catalogue.add(std::move(o));
    for (auto& entry : activities_) {  // not a structured binding: clang 14 cannot capture one
      json_at_path(entry.second, [&] { result_.catalogue.add(std::move(entry.first)); });
    }
    return std::move(result_);
  }

 private:
  // Any HSDS object, recognised by its members.
  void any(const json& j, const std::string& path) {
    if (j.contains("contents") && j.contains("total_items")) {
      for (const auto& [e, p] : get_array(j, path, "contents")) any(*e, p);
    } else if (j.contains("services") || (j.contains("name") && j.contains("description") && !j.contains("status") &&
                                          (j.contains("website") || j.contains("legal_status") ||
                                           j.contains("year_incorporated") || j.contains("organization_identifiers")))) {
      const std::string id = organisation_from(j, path);
      for (const auto& [e, p] : get_array(j, path, "services")) service(*e, p, id, nullptr, {});
    } else if (j.contains("service") && !j.contains("status")) {
      service_at_location_document(j, path);
    } else if (j.contains("status")) {
      service(j, path, std::nullopt, nullptr, {});
    } else if (j.contains("location_type")) {
      location(j, path);  // a location on its own carries no activity; it is checked
    } else if (j.contains("openapi_url") || (j.contains("version") && j.contains("profile"))) {
      const auto version = get_string(j, path, "version", true);
      if (!version->starts_with("3.")) {
        fail(error_id::parse_unsupported, json_member_path(path, "version"), "HSDS version " + quote(*version) + " is not 3.x");
      }
    } else if (j.contains("name") && j.contains("id")) {
      term(j, path);  // a taxonomy or a taxonomy term
    } else {
      fail(error_id::parse_structure, path,
           "is not an HSDS 3.0 object: expected a service, organization, service_at_location, location, taxonomy, "
           "taxonomy_term, base object or a list page with 'contents'");
    }
  }

  void term(const json& j, const std::string& path) {
    hsds_taxonomy_term t;
    t.id = *get_string(j, path, "id", true);
    t.name = *get_string(j, path, "name", true);
    t.code = get_string(j, path, "code").value_or("");
    t.taxonomy = get_string(j, path, "taxonomy").value_or("");
    if (t.taxonomy.empty() && j.contains("taxonomy_detail") && j["taxonomy_detail"].is_object()) {
      t.taxonomy = get_string(j["taxonomy_detail"], json_member_path(path, "taxonomy_detail"), "name").value_or("");
    }
    if (term_ids_.insert(t.id).second) result_.terms.push_back(std::move(t));
  }

  std::vector<kulkija_attribute> attributes(const json& j, const std::string& path) {
    std::vector<kulkija_attribute> out;
    for (const auto& [a, p] : get_array(j, path, "attributes")) {
      get_string(*a, p, "id", true);
      const auto it = a->find("taxonomy_term");
      if (it == a->end() || it->is_null()) {
        warn(p, "attribute without a taxonomy_term is not used");
        continue;
      }
      const std::string tp = json_member_path(p, "taxonomy_term");
      expect_object(*it, tp);
      term(*it, tp);
      const hsds_taxonomy_term& t = *std::find_if(result_.terms.begin(), result_.terms.end(), [&](const auto& x) {
        return x.id == it->at("id").get<std::string>();
      });
      if (t.taxonomy != kulkija_taxonomy) continue;
      const auto code = get_string(*it, tp, "code", true);
      out.push_back({*code, get_string(*a, p, "value").value_or(""), p});
    }
    return out;
  }

  std::string organisation_from(const json& j, const std::string& path) {
    expect_object(j, path);
    const std::string id = *get_string(j, path, "id", true);
    if (organisation_index_.contains(id)) return id;  // the same organization nested again
    std::string name = *get_string(j, path, "name", true);
    std::string description = get_string(j, path, "description").value_or("");
    organisation_kind kind = organisation_kind::other;
    std::optional<municipality> home;
    for (const auto& a : attributes(j, path)) {
      const std::string vp = json_member_path(a.path, "value");
      if (a.code == "organisation_kind") {
        kind = json_at_path(vp, [&] { return parse_organisation_kind(a.value); });
      } else if (a.code == "municipality") {
        home = json_at_path(vp, [&] { return municipality{std::string_view{a.value}}; });
      } else {
        fail(error_id::parse_unknown_name, json_member_path(json_member_path(a.path, "taxonomy_term"), "code"),
             "kulkija attribute " + quote(a.code) + " does not apply to an organization (expected organisation_kind or municipality)");
      }
    }
    organisation o = json_at_path(path, [&] {
      return organisation{json_at_path(json_member_path(path, "id"), [&] { return organisation_id{id}; }), std::move(name), kind,
                          home, std::move(description)};
    });
    organisation_index_.emplace(id, organisations_.size());
    organisations_.push_back(std::move(o));
    return id;
  }

  std::string placeholder_organisation(const std::string& id, const std::string& path) {
    if (!organisation_index_.contains(id)) {
      warn(path, "the organization " + quote(id) + " is not in the document; it is named by its id");
      organisation o = json_at_path(path, [&] { return organisation{organisation_id{id}, id, organisation_kind::other}; });
      organisation_index_.emplace(id, organisations_.size());
      organisations_.push_back(std::move(o));
    }
    return id;
  }

  struct place {
    std::optional<geo_point> position;
    std::string address;
    std::optional<municipality> municipality_of_city;
  };

  place location(const json& j, const std::string& path) {
    expect_object(j, path);
    get_string(j, path, "id", true);
    get_string(j, path, "location_type", true);
    place p;
    const auto lat = get_number(j, path, "latitude");
    const auto lon = get_number(j, path, "longitude");
    if (lat && lon) {
      const geo_point c{*lat, *lon};
      try {
        validate("location", c);
        p.position = c;
      } catch (const invalid_argument& e) {
        warn(path, "coordinates dropped: " + e.field() + " " + e.rule());
      }
    } else if (lat || lon) {
      warn(path, "coordinates dropped: latitude and longitude must come together");
    }
    const auto addresses = get_array(j, path, "addresses");
    if (!addresses.empty()) {
      const auto& [a, ap] = addresses.front();
      const std::string street = get_string(*a, ap, "address_1").value_or("");
      const std::string city = get_string(*a, ap, "city").value_or("");
      p.address = street.empty() ? city : (city.empty() ? street : street + ", " + city);
      p.municipality_of_city = municipality_by_name(city);
      if (p.address.size() > 200) p.address.resize(200);
    }
    return p;
  }

  void service_at_location_document(const json& j, const std::string& path) {
    get_string(j, path, "id", true);
    const auto it = j.find("service");
    const std::string sp = json_member_path(path, "service");
    expect_object(*it, sp);
    std::vector<std::pair<const json*, std::string>> schedules = get_array(j, path, "schedules");
    const json* loc = nullptr;
    std::string lp;
    if (const auto l = j.find("location"); l != j.end() && !l->is_null()) {
      loc = &*l;
      lp = json_member_path(path, "location");
    }
    service(*it, sp, std::nullopt, loc, lp, schedules);
  }

  void service(const json& j, const std::string& path, std::optional<std::string> organisation_key, const json* loc,
               const std::string& loc_path, std::vector<std::pair<const json*, std::string>> extra_schedules = {}) {
    expect_object(j, path);
    const std::string id = *get_string(j, path, "id", true);
    const std::string name = *get_string(j, path, "name", true);
    const std::string status = get_string(j, path, "status").value_or("active");
    if (status != "active") {
      if (status != "inactive" && status != "defunct" && status != "temporarily closed") {
        fail(error_id::parse_enum, json_member_path(path, "status"),
             "must be one of 'active', 'inactive', 'defunct', 'temporarily closed', got " + quote(status));
      }
      warn(path, "service " + quote(id) + " is " + status + " and not imported");
      return;
    }
    activity_spec s;
    s.id = json_at_path(json_member_path(path, "id"), [&] { return activity_id{id}; });
    // the organisation
    if (const auto o = j.find("organization"); o != j.end() && !o->is_null()) {
      organisation_key = organisation_from(*o, json_member_path(path, "organization"));
    } else if (!organisation_key) {
      if (const auto oid = get_string(j, path, "organization_id")) {
        organisation_key = organisation_index_.contains(*oid) ? *oid : placeholder_organisation(*oid, path);
      } else {
        organisation_key = placeholder_organisation("hsds-unknown-organization", path);
      }
    }
    s.organisation = json_at_path(path, [&] { return organisation_id{*organisation_key}; });
    text_slot(s.name, options_.name_language) = name;
    text_slot(s.description, options_.name_language) = get_string(j, path, "description").value_or("");
    s.min_age = get_age(j, path, "minimum_age");
    s.max_age = get_age(j, path, "maximum_age");
    for (const auto& [l, lp] : get_array(j, path, "languages")) {
      const auto code = get_string(*l, lp, "code");
      if (!code) {
        warn(lp, "language without a code is not used");
        continue;
      }
      language lang = json_at_path(json_member_path(lp, "code"), [&] { return language{*code}; });
      if (std::find(s.languages.begin(), s.languages.end(), lang) == s.languages.end()) s.languages.push_back(lang);
    }
    if (s.languages.empty()) s.languages = options_.default_languages;
    // places and schedules
    std::optional<municipality> city_municipality;
    const auto take_place = [&](const place& p) {
      if (!s.position && p.position) s.position = p.position;
      if (s.address.empty()) s.address = p.address;
      if (!city_municipality) city_municipality = p.municipality_of_city;
    };
    if (loc != nullptr) take_place(location(*loc, loc_path));
    for (const auto& [sal, salp] : get_array(j, path, "service_at_locations")) {
      get_string(*sal, salp, "id", true);
      if (const auto l = sal->find("location"); l != sal->end() && !l->is_null()) {
        take_place(location(*l, json_member_path(salp, "location")));
      }
      for (auto& e : get_array(*sal, salp, "schedules")) extra_schedules.push_back(e);
    }
    for (const auto& [sc, scp] : get_array(j, path, "schedules")) schedule(*sc, scp, s.schedule);
    for (const auto& [sc, scp] : extra_schedules) schedule(*sc, scp, s.schedule);
    // cost
    std::optional<std::pair<double, std::string>> lowest;
    bool any_amount = false;
    std::string first_currency = "EUR";
    for (const auto& [c, cp] : get_array(j, path, "cost_options")) {
      const auto amount = get_number(*c, cp, "amount");
      if (!amount) {
        warn(cp, "cost option without an amount is not used");
        continue;
      }
      if (!std::isfinite(*amount) || *amount < 0) fail(error_id::invalid_value, json_member_path(cp, "amount"), "must be 0 or more");
      std::string currency = get_string(*c, cp, "currency").value_or("EUR");
      std::transform(currency.begin(), currency.end(), currency.begin(),
                     [](char ch) { return (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 32) : ch; });
      if (!any_amount) first_currency = currency;
      any_amount = true;
      if (*amount > 0 && (!lowest || *amount < lowest->first)) lowest = {*amount, currency};
    }
    if (lowest) {
      s.cost.kind = cost_kind::fee;
      s.cost.amount = lowest->first;
      s.cost.currency = lowest->second;
    } else {
      s.cost.kind = any_amount ? cost_kind::free : cost_kind::unknown;
      if (any_amount) s.cost.currency = first_currency;
    }
    // kulkija attributes
    std::optional<municipality> attribute_municipality;
    for (const auto& a : attributes(j, path)) {
      const std::string vp = json_member_path(a.path, "value");
      const auto& v = a.value;
      if (a.code == "category") {
        s.categories.push_back(json_at_path(vp, [&] { return parse_activity_category(v); }));
      } else if (a.code == "target_group") {
        s.target_groups.push_back(json_at_path(vp, [&] { return parse_target_group(v); }));
      } else if (a.code == "accessibility") {
        s.accessibility.push_back(json_at_path(vp, [&] { return parse_accessibility_feature(v); }));
      } else if (a.code == "municipality") {
        attribute_municipality = json_at_path(vp, [&] { return municipality{std::string_view{v}}; });
      } else if (a.code == "name_fi" || a.code == "name_sv" || a.code == "name_en") {
        text_slot(s.name, parse_text_language(a.code.substr(5))) = v;
      } else if (a.code == "description_fi" || a.code == "description_sv" || a.code == "description_en") {
        text_slot(s.description, parse_text_language(a.code.substr(12))) = v;
      } else if (a.code == "kaikukortti") {
        s.cost.kaikukortti = parse_bool(vp, v);
      } else if (a.code == "cost") {
        const cost_kind k = json_at_path(vp, [&] { return parse_cost_kind(v); });
        if (k == cost_kind::fee && s.cost.kind != cost_kind::fee) {
          fail(error_id::parse_structure, vp, "cost 'fee' needs a cost_option with an amount above 0");
        }
        if (k != cost_kind::fee && s.cost.kind == cost_kind::fee) {
          fail(error_id::parse_structure, vp, "cost " + quote(v) + " disagrees with a cost_option amount above 0");
        }
        s.cost.kind = k;
      } else if (a.code == "registration_required") {
        s.registration_required = parse_bool(vp, v);
      } else if (a.code == "peer_support") {
        s.peer_support = parse_bool(vp, v);
      } else if (a.code == "capacity") {
        int n = 0;
        std::istringstream in(v);
        if (!(in >> n) || !in.eof()) fail(error_id::invalid_value, vp, "capacity must be a whole number, got " + quote(v));
        s.capacity = n;
      } else if (a.code == "valid_from") {
        s.valid_from = json_at_path(vp, [&] { return parse_date(v); });
      } else if (a.code == "valid_to") {
        s.valid_to = json_at_path(vp, [&] { return parse_date(v); });
      } else {
        fail(error_id::parse_unknown_name, json_member_path(json_member_path(a.path, "taxonomy_term"), "code"),
             "unknown kulkija attribute " + quote(a.code));
      }
    }
    s.place = attribute_municipality ? attribute_municipality : city_municipality;
    if (activity_index_.contains(id)) fail(error_id::parse_structure, json_member_path(path, "id"), "duplicate service id " + quote(id));
    activity a = json_at_path(path, [&] { return activity{std::move(s)}; });
    activity_index_.insert(id);
    activities_.emplace_back(std::move(a), path);
  }

  void schedule(const json& j, const std::string& path, std::vector<recurrence_rule>& out) {
    get_string(j, path, "id", true);
    const auto freq = get_string(j, path, "freq");
    if (!freq) {
      warn(path, "schedule without freq (only a description) is not represented");
      return;
    }
    if (*freq != "WEEKLY" && *freq != "MONTHLY") {
      fail(error_id::parse_enum, json_member_path(path, "freq"), "must be 'WEEKLY' or 'MONTHLY', got " + quote(*freq));
    }
    const double interval = get_number(j, path, "interval").value_or(1);
    const auto byday = get_string(j, path, "byday");
    const auto opens = get_string(j, path, "opens_at");
    const auto closes = get_string(j, path, "closes_at");
    if (!byday || !opens || !closes) {
      warn(path, "schedule without byday, opens_at and closes_at is not represented");
      return;
    }
    for (const char* part : {"byweekno", "bymonthday", "byyearday", "count", "until", "valid_from", "valid_to", "wkst"}) {
      if (j.contains(part) && !j[part].is_null()) warn(json_member_path(path, part), "ignored: kulkija schedules repeat without it");
    }
    const auto time = [&](std::string_view key, std::string text) {
      if (!text.empty() && text.back() == 'Z') text.pop_back();
      if (text.size() > 5 && (text[text.size() - 6] == '+' || text[text.size() - 6] == '-')) {
        warn(json_member_path(path, key), "UTC offset ignored: times are local");
        text.resize(text.size() - 6);
      }
      return json_at_path(json_member_path(path, key), [&] { return parse_time_of_day(text); });
    };
    const int starts = time("opens_at", *opens), ends = time("closes_at", *closes);
    std::optional<date> dtstart;
    if (const auto d = get_string(j, path, "dtstart")) dtstart = json_at_path(json_member_path(path, "dtstart"), [&] { return parse_date(*d); });
    const std::string bp = json_member_path(path, "byday");
    std::size_t start = 0;
    while (start <= byday->size()) {
      const std::size_t comma = byday->find(',', start);
      std::string part = byday->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      start = comma == std::string::npos ? byday->size() + 1 : comma + 1;
      part.erase(std::remove(part.begin(), part.end(), ' '), part.end());
      if (part.size() < 2) fail(error_id::parse_enum, bp, "each day must be MO, TU, WE, TH, FR, SA or SU, got " + quote(part));
      recurrence_rule r;
      r.day = json_at_path(bp, [&] { return parse_weekday(part.substr(part.size() - 2)); });
      const std::string prefix = part.substr(0, part.size() - 2);
      r.starts = starts;
      r.ends = ends;
      if (*freq == "WEEKLY") {
        if (!prefix.empty()) fail(error_id::parse_structure, bp, "a WEEKLY day takes no ordinal, got " + quote(part));
        if (interval == 2) {
          if (!dtstart) {
            warn(path, "fortnightly schedule without dtstart is not represented");
            continue;
          }
          r.frequency = recurrence_frequency::biweekly;
          date a = *dtstart;
          while (weekday_of(a) != r.day) a += boost::gregorian::days(1);
          r.anchor = a;
        } else if (interval != 1) {
          warn(json_member_path(path, "interval"), "a WEEKLY interval other than 1 or 2 is not represented");
          continue;
        }
      } else {
        const int n = prefix == "-1" ? -1 : (prefix.size() == 1 && prefix[0] >= '1' && prefix[0] <= '4') ? prefix[0] - '0' : 0;
        if (n == 0 || interval != 1) {
          warn(bp, "a MONTHLY day needs an ordinal 1 to 4 or -1 and interval 1 (got " + quote(part) + "); not represented");
          continue;
        }
        r.frequency = recurrence_frequency::monthly;
        r.week_of_month = n;
      }
      json_at_path(path, [&] { r.validate("schedule"); });
      if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    }
  }

  void table_document(const json& doc) {
    // Rebuild nested objects from the tables (linked by ids), remembering each row's path.
    const auto rows = [&](std::string_view table) {
      std::vector<json> out;
      const std::string p = json_member_path("$", table);
      const auto it = doc.find(table);
      if (it == doc.end()) return out;
      detail::json_as_array(*it, p, error_id::parse_structure);
      for (std::size_t i = 0; i < it->size(); ++i) {
        json row = (*it)[i];
        expect_object(row, json_item_path(p, i));
        row[std::string(path_member)] = json_item_path(p, i);
        out.push_back(std::move(row));
      }
      return out;
    };
    const auto linked = [](const std::vector<json>& table, std::string_view key, const json& id) {
      json out = json::array();
      for (const auto& row : table) {
        if (row.contains(key) && row[std::string(key)] == id) out.push_back(row);
      }
      return out;
    };
    const auto terms = rows("taxonomy_terms.csv");
    const auto attrs = rows("attributes.csv");
    const auto with_attributes = [&](json& object) {
      json list = linked(attrs, "link_id", object["id"]);
      for (auto& a : list) {
        for (const auto& t : terms) {
          if (a.contains("taxonomy_term_id") && t["id"] == a["taxonomy_term_id"]) a["taxonomy_term"] = t;
        }
      }
      if (!list.empty()) object["attributes"] = list;
    };
    const auto addresses = rows("addresses.csv");
    auto locations = rows("locations.csv");
    for (auto& l : locations) l["addresses"] = linked(addresses, "location_id", l["id"]);
    const auto sals = rows("service_at_location.csv");
    const auto schedules = rows("schedules.csv");
    const auto costs = rows("cost_options.csv");
    const auto languages = rows("languages.csv");
    auto organisations = rows("organizations.csv");
    for (auto& o : organisations) {
      with_attributes(o);
      o.erase("services");
      organisation_from(o, path_of(o, "$"));
    }
    for (auto s : rows("services.csv")) {
      const std::string sp = path_of(s, "$");
      if (!s.contains("organization_id")) detail::json_missing(json_member_path(sp, "organization_id"), {}, error_id::parse_structure);
      json list = json::array();
      for (auto sal : linked(sals, "service_id", s["id"])) {
        for (const auto& l : locations) {
          if (sal.contains("location_id") && l["id"] == sal["location_id"]) sal["location"] = l;
        }
        sal["schedules"] = linked(schedules, "service_at_location_id", sal["id"]);
        list.push_back(sal);
      }
      s["service_at_locations"] = list;
      json own = json::array();
      for (const auto& sc : linked(schedules, "service_id", s["id"])) {
        if (!sc.contains("service_at_location_id") || sc["service_at_location_id"].is_null()) own.push_back(sc);
      }
      s["schedules"] = own;
      s["cost_options"] = linked(costs, "service_id", s["id"]);
      s["languages"] = linked(languages, "service_id", s["id"]);
      with_attributes(s);
      const std::string oid = *get_string(s, sp, "organization_id");
      service(s, sp, organisation_index_.contains(oid) ? std::optional(oid) : std::optional(placeholder_organisation(oid, sp)),
              nullptr, {});
    }
    for (const auto& l : locations) location(l, path_of(l, "$"));
    for (const auto& t : terms) term(t, path_of(t, "$"));
  }

  static std::string& text_slot(localized_text& t, text_language lang) {
    switch (lang) {
      case text_language::fi: return t.fi;
      case text_language::sv: return t.sv;
      case text_language::en: break;
    }
    return t.en;
  }

  void warn(const std::string& path, std::string message) { result_.warnings.push_back({path, std::move(message)}); }

  const hsds_import_options& options_;
  hsds_import result_;
  std::set<std::string> term_ids_;
  std::vector<organisation> organisations_;
  std::map<std::string, std::size_t> organisation_index_;
  std::vector<std::pair<activity, std::string>> activities_;
  std::set<std::string> activity_index_;
};

}  // namespace

hsds_import catalogue_from_hsds(std::string_view text, const hsds_import_options& options) {
  if (options.default_languages.empty()) {
    throw invalid_argument(error_id::invalid_value, "options.default_languages", "needs at least one language");
  }
  const json doc = detail::parse_json<json>(text);
  reader r(options);
  r.document(doc);
  return r.finish();
}

hsds_import read_hsds_file(const std::filesystem::path& path, const hsds_import_options& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw not_found("file", path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return catalogue_from_hsds(text.str(), options);
}

}  // namespace kulkija
