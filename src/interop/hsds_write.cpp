// Writing a catalogue as an Open Referral HSDS 3.0 list page (kulkija::catalogue_to_hsds).
#include "kulkija/interop/hsds.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "hsds_profile.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

using detail::hsds::json;
using detail::hsds::kulkija_taxonomy;

// ------------------------------------------------------------------ writing

json attribute(const std::string& owner, std::size_t& n, std::string_view code, std::string value) {
  json term = json::object();
  term["id"] = "kulkija:" + std::string(code);
  term["code"] = code;
  term["name"] = code;
  term["description"] = "kulkija catalogue attribute " + std::string(code) + " (see the kulkija catalogue guide)";
  term["taxonomy"] = kulkija_taxonomy;
  json a = json::object();
  a["id"] = owner + ":attr:" + std::to_string(n++);
  a["link_id"] = owner;
  a["taxonomy_term_id"] = term["id"];
  a["link_entity"] = "service";
  a["value"] = std::move(value);
  a["taxonomy_term"] = std::move(term);
  return a;
}

std::string ordinal_day(const recurrence_rule& r) {
  static constexpr std::array<std::string_view, 7> days{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
  const std::string d(days[static_cast<std::size_t>(r.day)]);
  return r.frequency == recurrence_frequency::monthly ? std::to_string(r.week_of_month) + d : d;
}

json service_json(const activity& a, const hsds_import_options& options) {
  const activity_spec& s = a.spec();
  const std::string id = s.id.str();
  const text_language main = options.name_language;
  json j = json::object();
  j["id"] = id;
  j["organization_id"] = s.organisation.str();
  j["name"] = s.name.in(main);
  j["description"] = s.description.in(main);
  j["status"] = "active";
  if (s.min_age) j["minimum_age"] = *s.min_age;
  if (s.max_age) j["maximum_age"] = *s.max_age;
  json languages = json::array();
  for (const auto& l : s.languages) {
    languages.push_back({{"id", id + ":lang:" + std::string(l.code())}, {"name", l.name(text_language::en)}, {"code", l.code()}});
  }
  j["languages"] = languages;
  json schedules = json::array();
  for (std::size_t i = 0; i < s.schedule.size(); ++i) {
    const recurrence_rule& r = s.schedule[i];
    json sc = json::object();
    sc["id"] = id + ":schedule:" + std::to_string(i);
    sc["service_id"] = id;
    sc["freq"] = r.frequency == recurrence_frequency::monthly ? "MONTHLY" : "WEEKLY";
    sc["interval"] = r.frequency == recurrence_frequency::biweekly ? 2 : 1;
    sc["byday"] = ordinal_day(r);
    if (r.anchor) sc["dtstart"] = format_date(*r.anchor);
    sc["opens_at"] = format_time_of_day(r.starts);
    sc["closes_at"] = format_time_of_day(r.ends);
    schedules.push_back(std::move(sc));
  }
  j["schedules"] = schedules;
  if (s.position || !s.address.empty()) {
    json loc = json::object();
    loc["id"] = id + ":location";
    loc["location_type"] = "physical";
    loc["name"] = s.address.empty() ? s.name.in(main) : s.address;
    if (s.position) {
      loc["latitude"] = s.position->latitude;
      loc["longitude"] = s.position->longitude;
    }
    if (!s.address.empty()) {
      loc["addresses"] = json::array({{{"id", id + ":address"},
                                       {"address_1", s.address},
                                       {"city", ""},
                                       {"region", ""},
                                       {"state_province", ""},
                                       {"postal_code", ""},
                                       {"country", "FI"},
                                       {"address_type", "physical"}}});
    }
    j["service_at_locations"] = json::array({{{"id", id + ":at"}, {"location", std::move(loc)}}});
  }
  if (s.cost.kind != cost_kind::unknown) {
    j["cost_options"] = json::array({{{"id", id + ":cost"},
                                      {"option", s.cost.kind == cost_kind::free ? "free" : "fee"},
                                      {"currency", s.cost.currency},
                                      {"amount", s.cost.amount}}});
  }
  json attrs = json::array();
  std::size_t n = 0;
  for (auto c : s.categories) attrs.push_back(attribute(id, n, "category", std::string(to_string(c))));
  for (auto g : s.target_groups) attrs.push_back(attribute(id, n, "target_group", std::string(to_string(g))));
  for (auto f : s.accessibility) attrs.push_back(attribute(id, n, "accessibility", std::string(to_string(f))));
  if (s.place) attrs.push_back(attribute(id, n, "municipality", s.place->code_text()));
  for (const auto lang : {text_language::fi, text_language::sv, text_language::en}) {
    if (lang == main) continue;
    const std::string code(to_string(lang));
    if (!s.name.in(lang).empty()) attrs.push_back(attribute(id, n, "name_" + code, s.name.in(lang)));
    if (!s.description.in(lang).empty()) attrs.push_back(attribute(id, n, "description_" + code, s.description.in(lang)));
  }
  if (s.cost.kaikukortti) attrs.push_back(attribute(id, n, "kaikukortti", "true"));
  if (s.registration_required) attrs.push_back(attribute(id, n, "registration_required", "true"));
  if (s.peer_support) attrs.push_back(attribute(id, n, "peer_support", "true"));
  if (s.capacity) attrs.push_back(attribute(id, n, "capacity", std::to_string(*s.capacity)));
  if (s.valid_from) attrs.push_back(attribute(id, n, "valid_from", format_date(*s.valid_from)));
  if (s.valid_to) attrs.push_back(attribute(id, n, "valid_to", format_date(*s.valid_to)));
  j["attributes"] = attrs;
  return j;
}

}  // namespace

std::string catalogue_to_hsds(const catalogue& cat, const hsds_import_options& options) {
  json contents = json::array();
  for (const organisation& o : cat.organisations()) {
    json j = json::object();
    j["id"] = o.id().str();
    j["name"] = o.name();
    j["description"] = o.description();
    json attrs = json::array();
    std::size_t n = 0;
    attrs.push_back(attribute(o.id().str(), n, "organisation_kind", std::string(to_string(o.kind()))));
    if (o.home()) attrs.push_back(attribute(o.id().str(), n, "municipality", o.home()->code_text()));
    for (auto& a : attrs) a["link_entity"] = "organization";
    j["attributes"] = attrs;
    json services = json::array();
    for (const activity& a : cat.activities()) {
      if (a.organisation() == o.id()) services.push_back(service_json(a, options));
    }
    j["services"] = services;
    contents.push_back(std::move(j));
  }
  json page = json::object();
  page["total_items"] = contents.size();
  page["total_pages"] = 1;
  page["page_number"] = 1;
  page["size"] = contents.size();
  page["first_page"] = true;
  page["last_page"] = true;
  page["empty"] = contents.empty();
  page["contents"] = std::move(contents);
  return page.dump(2) + "\n";
}

}  // namespace kulkija
