// The submodule kulkija._core.catalogue: organisations, activities, the service catalogue
// with its HSDS and CSV forms, text search and explained recommendations.
//
// The catalogue headers come before register.hpp so that its labelled_enum concept (a
// qualified call to kulkija::label) sees label(activity_category) and the others.
#include "kulkija/catalogue/catalogue.hpp"
#include "kulkija/catalogue/recommend.hpp"
#include "kulkija/catalogue/taxonomy.hpp"
#include "kulkija/core/geo.hpp"
#include "kulkija/interop/catalogue_csv.hpp"
#include "kulkija/interop/hsds.hpp"
//
#include "register.hpp"

#include <pybind11/stl/filesystem.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "kulkija/core/error.hpp"

namespace kulkija::python {

inline score_component parse_score_component(std::string_view code) {
  return parse_by_code<score_component, score_component::time>("score component", code);
}
inline exclusion_reason parse_exclusion_reason(std::string_view code) {
  return parse_by_code<exclusion_reason, exclusion_reason::out_of_reach>("exclusion reason", code);
}

// clang-format off
template <> struct enum_traits<activity_category> : enum_traits_of<activity_category, activity_category::guidance, parse_activity_category> {};
template <> struct enum_traits<target_group> : enum_traits_of<target_group, target_group::women, parse_target_group> {};
template <> struct enum_traits<accessibility_feature> : enum_traits_of<accessibility_feature, accessibility_feature::easy_language, parse_accessibility_feature> {};
template <> struct enum_traits<organisation_kind> : enum_traits_of<organisation_kind, organisation_kind::other, parse_organisation_kind> {};
template <> struct enum_traits<weekday> : enum_traits_of<weekday, weekday::sunday, parse_weekday> {};
template <> struct enum_traits<recurrence_frequency> : enum_traits_of<recurrence_frequency, recurrence_frequency::monthly, parse_recurrence_frequency> {};
template <> struct enum_traits<cost_kind> : enum_traits_of<cost_kind, cost_kind::unknown, parse_cost_kind> {};
template <> struct enum_traits<score_component> : enum_traits_of<score_component, score_component::time, parse_score_component> {};
template <> struct enum_traits<exclusion_reason> : enum_traits_of<exclusion_reason, exclusion_reason::out_of_reach, parse_exclusion_reason> {};
// clang-format on

namespace {

using release_gil = py::call_guard<py::gil_scoped_release>;

hsds_import_options import_options(text_language name_language, std::vector<language> default_languages) {
  hsds_import_options o;
  o.name_language = name_language;
  o.default_languages = std::move(default_languages);
  return o;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw not_found("file", path.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

localized_text as_text(const std::variant<localized_text, std::string>& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return {*s, "", ""};
  return std::get<localized_text>(v);
}

std::optional<geo_point> as_position(const std::optional<std::pair<double, double>>& p) {
  if (!p) return std::nullopt;
  return geo_point{p->first, p->second};
}

recommendation_weights as_weights(const std::optional<std::map<std::string, double>>& w) {
  recommendation_weights out;
  if (!w) return out;
  for (const auto& [key, value] : *w) {
    switch (parse_score_component(key)) {
      case score_component::need: out.need = value; break;
      case score_component::interest: out.interest = value; break;
      case score_component::language: out.language = value; break;
      case score_component::distance: out.distance = value; break;
      case score_component::cost: out.cost = value; break;
      case score_component::time: out.time = value; break;
    }
  }
  return out;
}

std::string repr_text(const std::string& s) { return py::repr(py::str(s)).cast<std::string>(); }

}  // namespace

void register_catalogue(py::module_& m) {
  bind_enum<activity_category>(m, "ActivityCategory",
                               "What kind of activity it is: the documented taxonomy of the catalogue guide, each "
                               "with labels and the needs it addresses (see needs_addressed()).");
  bind_enum<target_group>(m, "TargetGroup", "Who an activity is meant for.");
  bind_enum<accessibility_feature>(m, "AccessibilityFeature", "What makes an activity accessible.");
  bind_enum<organisation_kind>(m, "OrganisationKind", "The kind of a third-sector organisation.");
  bind_enum<weekday>(m, "Weekday", "A day of the week, Monday first.");
  bind_enum<recurrence_frequency>(m, "RecurrenceFrequency", "How often a recurring activity meets.");
  bind_enum<cost_kind>(m, "CostKind", "Whether taking part costs something: free, fee or unknown.");
  bind_enum<score_component>(m, "ScoreComponent", "The parts of a recommendation's score, each from 0 to 1.");
  bind_enum<exclusion_reason>(m, "ExclusionReason", "Why a hard filter left an activity out.");

  m.def("needs_addressed", [](activity_category c) { return needs_addressed(c); }, py::arg("category"),
        "The needs an activity category addresses, as a frozenset of Need.");
  m.def(
      "fold_text", [](std::string_view text, bool nordic) { return fold_text(text, fold_options{nordic}); },
      py::arg("text"), py::kw_only(), py::arg("nordic_letters") = false,
      "Folds text for searching as Finnish and Swedish collation does: lower case, accents removed (e -> e, "
      "u-umlaut -> y), decomposed letters composed; a-ring, a-umlaut and o-umlaut stay letters of their own "
      "unless nordic_letters=True folds them to a and o.");

  py::class_<organisation> org(m, "Organisation", "A third-sector organisation that runs activities.");
  org.def(py::init([](const std::string& id, std::string name, organisation_kind kind, std::optional<municipality> home,
                      std::string description) {
            return organisation{organisation_id{id}, std::move(name), kind, home, std::move(description)};
          }),
          py::arg("id"), py::arg("name"), py::arg("kind") = organisation_kind::other, py::kw_only(),
          py::arg("home") = py::none(), py::arg("description") = "",
          "Creates the organisation; raises InvalidArgument naming the field and the rule.")
      .def_property_readonly("id", [](const organisation& o) { return o.id().str(); }, "The id.")
      .def_property_readonly("name", &organisation::name, "The name.")
      .def_property_readonly("kind", &organisation::kind, "The kind.")
      .def_property_readonly("home", &organisation::home, "The home municipality, or None.")
      .def_property_readonly("description", &organisation::description, "The description.")
      .def("__repr__", [](const organisation& o) {
        return "Organisation(" + repr_text(o.id().str()) + ", " + repr_text(o.name()) + ", " +
               std::string(to_string(o.kind())) + ")";
      });
  def_eq(org);

  py::class_<recurrence_rule> rule(m, "RecurrenceRule",
                                   "One recurring meeting time: weekly, biweekly (in the weeks of an anchor day) or "
                                   "monthly (on the n-th or last weekday), with a start and end time.");
  rule.def(py::init([](recurrence_frequency f, weekday day, const std::string& starts, const std::string& ends,
                       int week_of_month, std::optional<date> anchor) {
             recurrence_rule r{f, day, week_of_month, anchor, parse_time_of_day(starts), parse_time_of_day(ends)};
             r.validate("rule");
             return r;
           }),
           py::arg("frequency"), py::arg("day"), py::arg("starts"), py::arg("ends"), py::kw_only(),
           py::arg("week_of_month") = 0, py::arg("anchor") = py::none(),
           "Creates the rule; times are 'hh:mm'. Raises InvalidArgument naming the part and the rule.")
      .def_readonly("frequency", &recurrence_rule::frequency, "How often.")
      .def_readonly("day", &recurrence_rule::day, "The weekday.")
      .def_readonly("week_of_month", &recurrence_rule::week_of_month, "Monthly: 1 to 4, or -1 for the last.")
      .def_readonly("anchor", &recurrence_rule::anchor, "Biweekly: a day on which it meets.")
      .def_property_readonly("starts", [](const recurrence_rule& r) { return format_time_of_day(r.starts); },
                             "The start time 'hh:mm'.")
      .def_property_readonly("ends", [](const recurrence_rule& r) { return format_time_of_day(r.ends); },
                             "The end time 'hh:mm'.")
      .def("occurs_on", &recurrence_rule::occurs_on, py::arg("day"), "Whether it meets on `day`.")
      .def("next_on_or_after", &recurrence_rule::next_on_or_after, py::arg("day"),
           "The first day on or after `day` on which it meets.")
      .def_property_readonly("window", &recurrence_rule::window, "The client TimeWindow it falls in.")
      .def("__repr__", [](const recurrence_rule& r) {
        return "RecurrenceRule(" + std::string(to_string(r.frequency)) + ", " + std::string(to_string(r.day)) + ", " +
               format_time_of_day(r.starts) + "-" + format_time_of_day(r.ends) + ")";
      });
  def_eq(rule);

  py::class_<activity> act(m, "Activity", "A validated activity of the catalogue.");
  act.def(py::init([](const std::string& id, const std::string& organisation, const std::variant<localized_text, std::string>& name,
                      std::vector<language> languages, const std::optional<std::variant<localized_text, std::string>>& description,
                      std::vector<activity_category> categories, std::vector<target_group> target_groups,
                      std::optional<int> min_age, std::optional<int> max_age, std::optional<municipality> place,
                      std::string address, std::optional<std::pair<double, double>> position,
                      std::vector<recurrence_rule> schedule, std::vector<accessibility_feature> accessibility,
                      cost_kind cost, double fee, std::string currency, bool kaikukortti, bool registration_required,
                      bool peer_support, std::optional<int> capacity, std::optional<date> valid_from,
                      std::optional<date> valid_to) {
            activity_spec s;
            s.id = activity_id{id};
            s.organisation = organisation_id{organisation};
            s.name = as_text(name);
            if (description) s.description = as_text(*description);
            s.languages = std::move(languages);
            s.categories = std::move(categories);
            s.target_groups = std::move(target_groups);
            s.min_age = min_age;
            s.max_age = max_age;
            s.place = place;
            s.address = std::move(address);
            s.position = as_position(position);
            s.schedule = std::move(schedule);
            s.accessibility = std::move(accessibility);
            s.cost = activity_cost{cost, fee, std::move(currency), kaikukortti};
            s.registration_required = registration_required;
            s.peer_support = peer_support;
            s.capacity = capacity;
            s.valid_from = valid_from;
            s.valid_to = valid_to;
            return activity{std::move(s)};
          }),
          py::arg("id"), py::arg("organisation"), py::arg("name"), py::kw_only(), py::arg("languages"),
          py::arg("description") = py::none(), py::arg("categories") = std::vector<activity_category>{},
          py::arg("target_groups") = std::vector<target_group>{}, py::arg("min_age") = py::none(),
          py::arg("max_age") = py::none(), py::arg("municipality") = py::none(), py::arg("address") = "",
          py::arg("position") = py::none(), py::arg("schedule") = std::vector<recurrence_rule>{},
          py::arg("accessibility") = std::vector<accessibility_feature>{}, py::arg("cost") = cost_kind::free,
          py::arg("fee") = 0.0, py::arg("currency") = "EUR", py::arg("kaikukortti") = false,
          py::arg("registration_required") = false, py::arg("peer_support") = false, py::arg("capacity") = py::none(),
          py::arg("valid_from") = py::none(), py::arg("valid_to") = py::none(),
          "Creates the activity. `name` and `description` are a LocalizedText or a Finnish str; `position` is "
          "(latitude, longitude). Raises InvalidArgument naming activity.<field> and the rule.")
      .def_property_readonly("id", [](const activity& a) { return a.id().str(); }, "The id.")
      .def_property_readonly("organisation", [](const activity& a) { return a.organisation().str(); },
                             "The organisation's id.")
      .def_property_readonly("name", [](const activity& a) { return a.spec().name; }, "The names (LocalizedText).")
      .def_property_readonly("description", [](const activity& a) { return a.spec().description; },
                             "The descriptions (LocalizedText).")
      .def("name_in", [](const activity& a, text_language l) { return a.name_in(l); }, py::arg("lang"),
           "The name in `lang`, or in the first of fi, sv, en that has one.")
      .def_property_readonly("categories", [](const activity& a) { return a.spec().categories; }, "The categories.")
      .def_property_readonly("target_groups", [](const activity& a) { return a.spec().target_groups; },
                             "The target groups.")
      .def_property_readonly("min_age", [](const activity& a) { return a.spec().min_age; }, "Youngest age, or None.")
      .def_property_readonly("max_age", [](const activity& a) { return a.spec().max_age; }, "Oldest age, or None.")
      .def_property_readonly("languages", [](const activity& a) { return a.spec().languages; }, "The languages.")
      .def_property_readonly("municipality", [](const activity& a) { return a.spec().place; },
                             "The municipality where it meets, or None (region-wide).")
      .def_property_readonly("address", [](const activity& a) { return a.spec().address; }, "The address.")
      .def_property_readonly(
          "position",
          [](const activity& a) -> std::optional<std::pair<double, double>> {
            if (!a.spec().position) return std::nullopt;
            return std::make_pair(a.spec().position->latitude, a.spec().position->longitude);
          },
          "(latitude, longitude), or None.")
      .def_property_readonly("schedule", [](const activity& a) { return a.spec().schedule; }, "The recurrence rules.")
      .def_property_readonly("accessibility", [](const activity& a) { return a.spec().accessibility; },
                             "The accessibility features.")
      .def_property_readonly("cost", [](const activity& a) { return a.spec().cost.kind; }, "Free, fee or unknown.")
      .def_property_readonly("fee", [](const activity& a) { return a.spec().cost.amount; }, "The fee (0 unless a fee).")
      .def_property_readonly("currency", [](const activity& a) { return a.spec().cost.currency; }, "ISO 4217 code.")
      .def_property_readonly("kaikukortti", [](const activity& a) { return a.spec().cost.kaikukortti; },
                             "Whether the Kaikukortti is accepted.")
      .def_property_readonly("registration_required", [](const activity& a) { return a.spec().registration_required; },
                             "Whether participants sign up in advance.")
      .def_property_readonly("peer_support", [](const activity& a) { return a.spec().peer_support; },
                             "Whether it is peer support.")
      .def_property_readonly("capacity", [](const activity& a) { return a.spec().capacity; }, "Places, or None.")
      .def_property_readonly("valid_from", [](const activity& a) { return a.spec().valid_from; }, "First day, or None.")
      .def_property_readonly("valid_to", [](const activity& a) { return a.spec().valid_to; }, "Last day, or None.")
      .def("valid_on", &activity::valid_on, py::arg("day"), "Whether it runs on `day`.")
      .def("__repr__", [](const activity& a) {
        return "Activity(" + repr_text(a.id().str()) + ", " + repr_text(a.name_in(text_language::fi)) + ")";
      });
  def_eq(act);

  py::class_<recommendation> rec(m, "Recommendation", "One recommended activity with its score, components and reasons.");
  rec.def_property_readonly("activity_id", [](const recommendation& r) { return r.activity.str(); }, "The activity's id.")
      .def_readonly("score", &recommendation::score, "The weighted mean of the components that apply, 0 to 1.")
      .def_property_readonly(
          "components",
          [](const recommendation& r) {
            std::map<std::string, double> out;
            for (std::size_t i = 0; i < score_component_count; ++i) {
              out.emplace(std::string(to_string(static_cast<score_component>(i))), r.components[i]);
            }
            return out;
          },
          "Each component by its code, 0 to 1.")
      .def_readonly("distance_km", &recommendation::distance_km, "Distance from the client's location, or None.")
      .def_readonly("cost", &recommendation::cost, "The cost for this client, or None when unknown.")
      .def_readonly("next_meeting", &recommendation::next_meeting, "The first meeting on or after the day, or None.")
      .def_property_readonly(
          "reasons",
          [](const recommendation& r) {
            std::vector<std::pair<std::string, localized_text>> out;
            for (const auto& x : r.reasons) out.emplace_back(x.code, x.text);
            return out;
          },
          "The reasons as (code, LocalizedText), in component order.")
      .def("explain", &recommendation::explain, py::arg("lang") = text_language::fi, "The reasons in `lang`, joined by '; '.")
      .def("__repr__", [](const recommendation& r) {
        return "Recommendation(" + repr_text(r.activity.str()) + ", score=" + std::to_string(r.score) + ")";
      });

  py::class_<catalogue> cat(m, "Catalogue", "The service catalogue: organisations and their activities.");
  cat.def(py::init<>(), "An empty catalogue.")
      .def("add", py::overload_cast<organisation>(&catalogue::add), py::arg("item"),
           "Adds an organisation; raises InvalidArgument when its id is taken.")
      .def("add", py::overload_cast<activity>(&catalogue::add), py::arg("item"),
           "Adds an activity; raises InvalidArgument when its id is taken, NotFound without its organisation.")
      .def_property_readonly("organisations", &catalogue::organisations, "The organisations, in the order added.")
      .def_property_readonly("activities", &catalogue::activities, "The activities, in the order added.")
      .def("__len__", [](const catalogue& c) { return c.activities().size(); })
      .def("activity", [](const catalogue& c, const std::string& id) { return c.find(activity_id{id}); }, py::arg("id"),
           "The activity with id `id`; raises NotFound.")
      .def("organisation", [](const catalogue& c, const std::string& id) { return c.find(organisation_id{id}); },
           py::arg("id"), "The organisation with id `id`; raises NotFound.")
      .def(
          "search",
          [](const catalogue& c, std::string_view query, bool nordic) {
            std::vector<activity> out;
            for (const activity* a : c.search(query, fold_options{nordic})) out.push_back(*a);
            return out;
          },
          py::arg("query"), py::kw_only(), py::arg("nordic_letters") = false,
          "Activities whose names, descriptions, labels, municipality and organisation match every word of "
          "`query`, compared after fold_text().")
      .def(
          "recommendations",
          [](const catalogue& c, const client& person, date on, std::optional<std::pair<double, double>> location,
             double max_distance_km, std::vector<municipality> reachable, std::optional<double> budget,
             bool kaikukortti_holder, std::size_t k, std::optional<std::map<std::string, double>> weights) {
            recommendation_request r;
            r.on = on;
            r.location = as_position(location);
            r.max_distance_km = max_distance_km;
            r.reachable = std::move(reachable);
            r.budget = budget;
            r.kaikukortti_holder = kaikukortti_holder;
            r.k = k;
            r.weights = as_weights(weights);
            py::gil_scoped_release release;
            return recommend(c, person, r);
          },
          py::arg("client"), py::kw_only(), py::arg("on"), py::arg("location") = py::none(),
          py::arg("max_distance_km") = 15.0, py::arg("reachable") = std::vector<municipality>{},
          py::arg("budget") = py::none(), py::arg("kaikukortti_holder") = false, py::arg("k") = 10,
          py::arg("weights") = py::none(),
          "The best `k` activities for `client` on the day `on`, after the hard filters (valid on the day, a "
          "language the client speaks, age range, within reach). `location` is (latitude, longitude); `weights` "
          "maps score component codes to weights.")
      .def(
          "exclusion",
          [](const catalogue& c, const std::string& id, const client& person, date on,
             std::optional<std::pair<double, double>> location, double max_distance_km,
             std::vector<municipality> reachable) {
            recommendation_request r;
            r.on = on;
            r.location = as_position(location);
            r.max_distance_km = max_distance_km;
            r.reachable = std::move(reachable);
            r.validate();
            return hard_filter(c.find(activity_id{id}), person, r);
          },
          py::arg("activity_id"), py::arg("client"), py::kw_only(), py::arg("on"), py::arg("location") = py::none(),
          py::arg("max_distance_km") = 15.0, py::arg("reachable") = std::vector<municipality>{},
          "The hard filter that leaves the activity out for the client (an ExclusionReason), or None.")
      .def_static(
          "from_hsds",
          [](const std::filesystem::path& path, text_language name_language, std::vector<language> default_languages) {
            return read_hsds_file(path, import_options(name_language, std::move(default_languages))).catalogue;
          },
          py::arg("path"), py::kw_only(), py::arg("name_language") = text_language::fi,
          py::arg("default_languages") = std::vector<language>{language{"fi"}}, release_gil(),
          "Reads an Open Referral HSDS 3.0 JSON file; raises ParseError naming the JSON path and the rule. "
          "Use read_hsds() to see the warnings.")
      .def_static(
          "from_csv",
          [](const std::filesystem::path& path) { return catalogue_from_csv(read_text(path), path.string()); },
          py::arg("path"), release_gil(),
          "Reads a catalogue CSV file (the documented columns); raises ParseError naming the line and column.")
      .def("to_hsds",
           [](const catalogue& c, text_language name_language) {
             return catalogue_to_hsds(c, import_options(name_language, {language{"fi"}}));
           },
           py::kw_only(), py::arg("name_language") = text_language::fi, release_gil(),
           "The catalogue as an HSDS 3.0 organization list page (JSON text).")
      .def("to_csv", [](const catalogue& c) { return catalogue_to_csv(c); }, release_gil(),
           "The catalogue as CSV text in the documented columns.")
      .def("__repr__", [](const catalogue& c) {
        return "Catalogue(" + std::to_string(c.organisations().size()) + " organisations, " +
               std::to_string(c.activities().size()) + " activities)";
      });
  def_eq(cat);

  py::class_<hsds_import> imp(m, "HsdsImport", "The result of an HSDS import: the catalogue, the terms and warnings.");
  imp.def_readonly("catalogue", &hsds_import::catalogue, "The catalogue.")
      .def_property_readonly(
          "warnings",
          [](const hsds_import& r) {
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& w : r.warnings) out.emplace_back(w.path, w.message);
            return out;
          },
          "What could not be represented, as (JSON path, message).")
      .def_property_readonly(
          "terms",
          [](const hsds_import& r) {
            std::vector<std::pair<std::string, std::string>> out;
            for (const auto& t : r.terms) out.emplace_back(t.taxonomy, t.code.empty() ? t.name : t.code);
            return out;
          },
          "The taxonomy terms read, as (taxonomy, code or name).");
  m.def(
      "read_hsds",
      [](const std::filesystem::path& path, text_language name_language, std::vector<language> default_languages) {
        return read_hsds_file(path, import_options(name_language, std::move(default_languages)));
      },
      py::arg("path"), py::kw_only(), py::arg("name_language") = text_language::fi,
      py::arg("default_languages") = std::vector<language>{language{"fi"}}, release_gil(),
      "Reads an Open Referral HSDS 3.0 JSON file with its warnings; raises NotFound or ParseError naming the "
      "JSON path and the rule.");
  m.def(
      "hsds_from_json",
      [](std::string_view json, text_language name_language, std::vector<language> default_languages) {
        return catalogue_from_hsds(json, import_options(name_language, std::move(default_languages)));
      },
      py::arg("json"), py::kw_only(), py::arg("name_language") = text_language::fi,
      py::arg("default_languages") = std::vector<language>{language{"fi"}}, release_gil(),
      "Reads HSDS 3.0 JSON text (see read_hsds()).");
}

}  // namespace kulkija::python
