#include "kulkija/outcomes/instrument.hpp"

#include "../detail/json.hpp"

#include <array>
#include <cmath>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 2> direction_names{"higher_is_better", "lower_is_better"};

// The SWEMWBS raw score (7-35) to Rasch metric score conversion table, as published by
// Warwick Medical School ("SWEMWBS conversion table", WEMWBS user guidance) from the Rasch
// analysis of Stewart-Brown S, Tennant A, Tennant R, Platt S, Parkinson J, Weich S (2009):
// Internal construct validity of the Warwick-Edinburgh Mental Well-being Scale (WEMWBS): a
// Rasch analysis using data from the Scottish Health Education Population Survey. Health and
// Quality of Life Outcomes 7:15, doi:10.1186/1477-7525-7-15; the same table is used by Ng Fat
// L, Scholes S, Boniface S, Mindell J, Stewart-Brown S (2017), Quality of Life Research
// 26:1129-1144, doi:10.1007/s11136-016-1454-8.
constexpr std::array<double, 29> swemwbs_table{
    7.00,  9.51,  11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25,
    19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00};

std::vector<instrument_item> items_of(std::initializer_list<const char*> ids, int lo, int hi) {
  std::vector<instrument_item> out;
  for (const char* id : ids) out.push_back({id, lo, hi, false});
  return out;
}

std::vector<std::size_t> all_items(std::size_t n) {
  std::vector<std::size_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = i;
  return out;
}

instrument make_swemwbs() {
  instrument in;
  in.id = "swemwbs";
  in.name = {"Lyhyt Warwick-Edinburgh mielen hyvinvoinnin mittari (SWEMWBS)",
             "Kort Warwick-Edinburgh skala för psykiskt välbefinnande (SWEMWBS)",
             "Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS)"};
  in.items = items_of({"optimistic", "useful", "relaxed", "dealing_with_problems", "thinking_clearly",
                       "close_to_others", "own_mind"},
                      1, 5);
  in.source = "Stewart-Brown et al. 2009, Health and Quality of Life Outcomes 7:15";
  instrument_scale s;
  s.id = "total";
  s.name = {"Metrinen pistemäärä", "Metrisk poäng", "Metric score"};
  s.items = all_items(7);
  s.conversion.assign(swemwbs_table.begin(), swemwbs_table.end());
  s.meaningful_change = 3.0;
  s.threshold_source =
      "Shah et al. 2018, Health and Quality of Life Outcomes 16:239: 1-3 points is statistically important "
      "individual change (2.77 SEM = 2.87 points); rounded up to 3";
  in.scales.push_back(std::move(s));
  return in;
}

instrument make_wemwbs() {
  instrument in;
  in.id = "wemwbs";
  in.name = {"Warwick-Edinburgh mielen hyvinvoinnin mittari (WEMWBS)",
             "Warwick-Edinburgh skala för psykiskt välbefinnande (WEMWBS)",
             "Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)"};
  in.items = items_of({"optimistic", "useful", "relaxed", "interested_in_people", "energy", "dealing_with_problems",
                       "thinking_clearly", "good_about_myself", "close_to_others", "confident", "own_mind", "loved",
                       "interested_in_new_things", "cheerful"},
                      1, 5);
  in.source = "Tennant et al. 2007, Health and Quality of Life Outcomes 5:63";
  instrument_scale s;
  s.id = "total";
  s.name = {"Summapistemäärä", "Summapoäng", "Total score"};
  s.items = all_items(14);
  s.meaningful_change = 3.0;
  s.threshold_source =
      "Maheswaran et al. 2012, Health and Quality of Life Outcomes 10:156: minimally important difference 3-8 "
      "points; the lower bound, as the scale's authors recommend";
  in.scales.push_back(std::move(s));
  return in;
}

instrument make_ucla3() {
  instrument in;
  in.id = "ucla3";
  in.name = {"UCLA-yksinäisyysmittari, 3 kysymystä", "UCLA ensamhetsskala, 3 frågor", "UCLA 3-item Loneliness Scale"};
  in.items = items_of({"lack_companionship", "left_out", "isolated"}, 1, 3);
  in.source = "Hughes et al. 2004, Research on Aging 26(6):655-672";
  instrument_scale s;
  s.id = "total";
  s.name = {"Yksinäisyys", "Ensamhet", "Loneliness"};
  s.items = all_items(3);
  s.direction = score_direction::lower_is_better;
  s.meaningful_change = 1.0;
  s.threshold_source = "kulkija's own choice: no minimally important difference is published; 1 point is the smallest change";
  in.scales.push_back(std::move(s));
  return in;
}

instrument make_ons4() {
  instrument in;
  in.id = "ons4";
  in.name = {"ONS:n henkilökohtaisen hyvinvoinnin kysymykset (ONS4)",
             "ONS frågor om personligt välbefinnande (ONS4)", "ONS4 personal wellbeing questions"};
  in.items = items_of({"life_satisfaction", "worthwhile", "happiness", "anxiety"}, 0, 10);
  in.source = "Office for National Statistics, Personal well-being user guidance";
  const std::array<std::pair<const char*, localized_text>, 4> scales{{
      {"life_satisfaction", {"Tyytyväisyys elämään", "Tillfredsställelse med livet", "Life satisfaction"}},
      {"worthwhile", {"Elämän merkityksellisyys", "Meningsfullhet", "Worthwhile"}},
      {"happiness", {"Onnellisuus", "Lycka", "Happiness"}},
      {"anxiety", {"Ahdistuneisuus", "Ängslan", "Anxiety"}},
  }};
  for (std::size_t i = 0; i < scales.size(); ++i) {
    instrument_scale s;
    s.id = scales[i].first;
    s.name = scales[i].second;
    s.items = {i};
    s.direction = i == 3 ? score_direction::lower_is_better : score_direction::higher_is_better;
    s.meaningful_change = 1.0;
    s.threshold_source = "kulkija's own choice: the ONS publishes no minimally important difference; 1 point of 0-10";
    in.scales.push_back(std::move(s));
  }
  return in;
}

void fail_value(const std::string& field, const std::string& rule, error_id id = error_id::invalid_value) {
  throw invalid_argument(id, field, rule);
}


using detail::json_fail;
using detail::json_member_path;

void allow(const json& j, const std::string& path, std::initializer_list<std::string_view> names) {
  detail::json_object(j, path).allow(names);
}

// A member, with null read as absent.
const json* member(const json& j, const char* name) {
  const auto it = j.find(name);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}

std::string read_string(const json& j, const std::string& path, const char* name, bool required) {
  const json* v = member(j, name);
  if (v == nullptr) {
    if (required) detail::json_missing(json_member_path(path, name));
    return {};
  }
  return detail::json_as_string(*v, json_member_path(path, name));
}

int read_int(const json& j, const std::string& path, const char* name, int fallback) {
  const json* v = member(j, name);
  if (v == nullptr) return fallback;
  if (!v->is_number_integer()) detail::json_type_fail(json_member_path(path, name), "an integer", *v);
  const auto value = v->is_number_unsigned() && v->get<std::uint64_t>() > 1000000 ? 1000001 : v->get<std::int64_t>();
  if (value < -1000000 || value > 1000000) json_fail(json_member_path(path, name), "must be a small integer");
  return static_cast<int>(value);
}

double read_number(const json& j, const std::string& path, const char* name, double fallback) {
  const json* v = member(j, name);
  if (v == nullptr) return fallback;
  return detail::json_as_number(*v, json_member_path(path, name));
}

localized_text read_text(const json& j, const std::string& path, const char* name) {
  const json* v = member(j, name);
  if (v == nullptr) return {};
  const std::string p = json_member_path(path, name);
  allow(*v, p, {"fi", "sv", "en"});
  return {read_string(*v, p, "fi", true), read_string(*v, p, "sv", true), read_string(*v, p, "en", true)};
}

json text_json(const localized_text& t) { return {{"fi", t.fi}, {"sv", t.sv}, {"en", t.en}}; }

// Maps a validated field such as `scales[0].items` to its JSON path.
std::string json_path(const std::string& field) { return "$." + field; }

std::string range_text(int lo, int hi) { return "from " + std::to_string(lo) + " to " + std::to_string(hi); }

}  // namespace

std::string_view to_string(score_direction d) noexcept { return detail::enum_name(direction_names, d); }

score_direction parse_score_direction(std::string_view code) {
  return detail::parse_enum<score_direction>("score direction", code, direction_names);
}

int raw_min(const instrument& in, const instrument_scale& scale) {
  int sum = 0;
  for (std::size_t i : scale.items) sum += in.items.at(i).min;
  return sum;
}

int raw_max(const instrument& in, const instrument_scale& scale) {
  int sum = 0;
  for (std::size_t i : scale.items) sum += in.items.at(i).max;
  return sum;
}

const instrument_scale& find_scale(const instrument& in, std::string_view id) {
  for (const auto& s : in.scales) {
    if (s.id == id) return s;
  }
  throw not_found("scale", id);
}

void validate(const instrument& in) {
  validate_id("id", in.id);
  validate_id("version", in.version);
  validate_free_text("source", in.source, 500);
  for (const auto* lang : {&in.name.fi, &in.name.sv, &in.name.en}) validate_free_text("name", *lang, 200);
  if (in.items.empty() || in.items.size() > 200) fail_value("items", "must have 1 to 200 items, got " + std::to_string(in.items.size()));
  for (std::size_t i = 0; i < in.items.size(); ++i) {
    const auto& item = in.items[i];
    const std::string field = "items[" + std::to_string(i) + "]";
    validate_id(field + ".id", item.id);
    if (item.max <= item.min || item.max - item.min > 100 || item.min < -1000 || item.max > 1000) {
      fail_value(field + ".max", "must be above min (" + std::to_string(item.min) + ") by 1 to 100 within -1000..1000, got " +
                                     std::to_string(item.max));
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (in.items[k].id == item.id) fail_value(field + ".id", "repeats the id " + quote(item.id) + " of items[" + std::to_string(k) + "]", error_id::invalid_id);
    }
  }
  if (in.scales.empty() || in.scales.size() > 50) fail_value("scales", "must have 1 to 50 scales, got " + std::to_string(in.scales.size()));
  for (std::size_t s = 0; s < in.scales.size(); ++s) {
    const auto& scale = in.scales[s];
    const std::string field = "scales[" + std::to_string(s) + "]";
    validate_id(field + ".id", scale.id);
    for (std::size_t k = 0; k < s; ++k) {
      if (in.scales[k].id == scale.id) fail_value(field + ".id", "repeats the id " + quote(scale.id) + " of scales[" + std::to_string(k) + "]", error_id::invalid_id);
    }
    for (const auto* lang : {&scale.name.fi, &scale.name.sv, &scale.name.en}) validate_free_text(field + ".name", *lang, 200);
    validate_free_text(field + ".threshold_source", scale.threshold_source, 500);
    if (scale.items.empty()) fail_value(field + ".items", "must name at least one item");
    for (std::size_t k = 0; k < scale.items.size(); ++k) {
      if (scale.items[k] >= in.items.size()) {
        fail_value(field + ".items[" + std::to_string(k) + "]", "must be an item index below " + std::to_string(in.items.size()) + ", got " + std::to_string(scale.items[k]));
      }
      for (std::size_t m = 0; m < k; ++m) {
        if (scale.items[m] == scale.items[k]) fail_value(field + ".items[" + std::to_string(k) + "]", "names the item " + quote(in.items[scale.items[k]].id) + " twice");
      }
    }
    if (scale.max_missing < 0 || static_cast<std::size_t>(scale.max_missing) >= scale.items.size()) {
      fail_value(field + ".max_missing", "must be " + range_text(0, static_cast<int>(scale.items.size()) - 1) + ", got " + std::to_string(scale.max_missing));
    }
    if (!(scale.meaningful_change > 0) || !std::isfinite(scale.meaningful_change)) {
      fail_value(field + ".meaningful_change", "must be a finite number above 0");
    }
    if (!scale.conversion.empty()) {
      const auto expected = static_cast<std::size_t>(raw_max(in, scale) - raw_min(in, scale) + 1);
      if (scale.conversion.size() != expected) {
        fail_value(field + ".conversion", "must have one value per raw score " + range_text(raw_min(in, scale), raw_max(in, scale)) + " (" +
                                              std::to_string(expected) + "), got " + std::to_string(scale.conversion.size()));
      }
      for (std::size_t k = 0; k < scale.conversion.size(); ++k) {
        if (!std::isfinite(scale.conversion[k]) || (k > 0 && scale.conversion[k] <= scale.conversion[k - 1])) {
          fail_value(field + ".conversion[" + std::to_string(k) + "]", "must be finite and above the value before it");
        }
      }
    }
  }
}

const instrument& swemwbs() {
  static const instrument in = make_swemwbs();
  return in;
}
const instrument& wemwbs() {
  static const instrument in = make_wemwbs();
  return in;
}
const instrument& ucla_loneliness_3() {
  static const instrument in = make_ucla3();
  return in;
}
const instrument& ons4() {
  static const instrument in = make_ons4();
  return in;
}

std::span<const instrument* const> builtin_instruments() {
  static const std::array<const instrument*, 4> all{&swemwbs(), &wemwbs(), &ucla_loneliness_3(), &ons4()};
  return all;
}

const instrument& builtin_instrument(std::string_view id) {
  for (const instrument* in : builtin_instruments()) {
    if (in->id == id) return *in;
  }
  throw not_found("instrument", id);
}

double swemwbs_metric_score(int raw) {
  if (raw < 7 || raw > 35) {
    throw invalid_argument(error_id::invalid_measurement, "raw", "a SWEMWBS raw score must be from 7 to 35, got " + std::to_string(raw));
  }
  return swemwbs_table[static_cast<std::size_t>(raw - 7)];
}

instrument instrument_from_json(std::string_view text) {
  const json j = detail::parse_json(text);
  allow(j, "$", {"id", "version", "name", "source", "items", "scales"});
  instrument in;
  in.id = read_string(j, "$", "id", true);
  if (member(j, "version") != nullptr) in.version = read_string(j, "$", "version", true);
  in.name = read_text(j, "$", "name");
  in.source = read_string(j, "$", "source", false);
  const json* items = member(j, "items");
  if (items == nullptr) detail::json_missing("$.items");
  detail::json_as_array(*items, "$.items");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string p = "$.items[" + std::to_string(i) + "]";
    const json& item = (*items)[i];
    allow(item, p, {"id", "min", "max", "reversed"});
    instrument_item it;
    it.id = read_string(item, p, "id", true);
    it.min = read_int(item, p, "min", 1);
    it.max = read_int(item, p, "max", 5);
    if (const json* r = member(item, "reversed")) {
      if (!r->is_boolean()) detail::json_type_fail(p + ".reversed", "true or false", *r);
      it.reversed = r->get<bool>();
    }
    in.items.push_back(std::move(it));
  }
  const json* scales = member(j, "scales");
  if (scales == nullptr) detail::json_missing("$.scales");
  detail::json_as_array(*scales, "$.scales");
  for (std::size_t s = 0; s < scales->size(); ++s) {
    const std::string p = "$.scales[" + std::to_string(s) + "]";
    const json& sj = (*scales)[s];
    allow(sj, p, {"id", "name", "items", "direction", "max_missing", "conversion", "meaningful_change", "threshold_source"});
    instrument_scale scale;
    scale.id = read_string(sj, p, "id", true);
    scale.name = read_text(sj, p, "name");
    const json* names = member(sj, "items");
    if (names == nullptr) detail::json_missing(p + ".items", "an array of item ids");
    if (!names->is_array()) detail::json_type_fail(p + ".items", "an array of item ids", *names);
    for (std::size_t k = 0; k < names->size(); ++k) {
      const std::string ip = p + ".items[" + std::to_string(k) + "]";
      if (!(*names)[k].is_string()) detail::json_type_fail(ip, "an item id (a string)", (*names)[k]);
      const auto name = (*names)[k].get<std::string>();
      std::size_t index = in.items.size();
      for (std::size_t m = 0; m < in.items.size(); ++m) {
        if (in.items[m].id == name) index = m;
      }
      if (index == in.items.size()) json_fail(ip, "names no item: " + quote(name));
      scale.items.push_back(index);
    }
    if (member(sj, "direction") != nullptr) {
      try {
        scale.direction = parse_score_direction(read_string(sj, p, "direction", true));
      } catch (const parse_error& e) {
        json_fail(p + ".direction", detail::json_bare_message(e), error_id::parse_enum);
      }
    }
    scale.max_missing = read_int(sj, p, "max_missing", 0);
    if (const json* c = member(sj, "conversion")) {
      if (!c->is_array()) detail::json_type_fail(p + ".conversion", "an array of numbers or null", *c);
      for (std::size_t k = 0; k < c->size(); ++k) {
        if (!(*c)[k].is_number()) detail::json_type_fail(p + ".conversion[" + std::to_string(k) + "]", "a number", (*c)[k]);
        scale.conversion.push_back((*c)[k].get<double>());
      }
    }
    scale.meaningful_change = read_number(sj, p, "meaningful_change", 1.0);
    scale.threshold_source = read_string(sj, p, "threshold_source", false);
    in.scales.push_back(std::move(scale));
  }
  try {
    validate(in);
  } catch (const invalid_argument& e) {
    json_fail(json_path(e.field()), e.rule());
  }
  return in;
}

std::string to_json(const instrument& in) {
  json j = json::object();
  j["id"] = in.id;
  j["version"] = in.version;
  j["name"] = text_json(in.name);
  j["source"] = in.source;
  j["items"] = json::array();
  for (const auto& it : in.items) j["items"].push_back({{"id", it.id}, {"min", it.min}, {"max", it.max}, {"reversed", it.reversed}});
  j["scales"] = json::array();
  for (const auto& s : in.scales) {
    json items = json::array();
    for (std::size_t i : s.items) items.push_back(in.items.at(i).id);
    j["scales"].push_back({{"id", s.id},
                           {"name", text_json(s.name)},
                           {"items", items},
                           {"direction", std::string(to_string(s.direction))},
                           {"max_missing", s.max_missing},
                           {"conversion", s.conversion.empty() ? json(nullptr) : json(s.conversion)},
                           {"meaningful_change", s.meaningful_change},
                           {"threshold_source", s.threshold_source}});
  }
  return j.dump(2);
}

std::vector<scale_score> score(const instrument& in, std::span<const std::optional<int>> answers) {
  if (answers.size() != in.items.size()) {
    throw invalid_argument(error_id::invalid_measurement, "answers",
                           "instrument " + quote(in.id) + " has " + std::to_string(in.items.size()) + " items, got " +
                               std::to_string(answers.size()) + " answers");
  }
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const auto& item = in.items[i];
    if (answers[i] && (*answers[i] < item.min || *answers[i] > item.max)) {
      throw invalid_argument(error_id::invalid_measurement, in.id + "." + item.id,
                             "the answer must be " + range_text(item.min, item.max) + ", got " + std::to_string(*answers[i]));
    }
  }
  std::vector<scale_score> out;
  out.reserve(in.scales.size());
  for (const auto& scale : in.scales) {
    double sum = 0;
    int answered = 0;
    std::size_t first_missing = in.items.size();
    for (std::size_t i : scale.items) {
      const auto& item = in.items[i];
      if (!answers[i]) {
        if (first_missing == in.items.size()) first_missing = i;
        continue;
      }
      const int a = *answers[i];
      sum += item.reversed ? item.min + item.max - a : a;
      ++answered;
    }
    const int n = static_cast<int>(scale.items.size());
    const int missing = n - answered;
    if (missing > scale.max_missing) {
      throw invalid_argument(error_id::invalid_measurement, in.id + "." + in.items[first_missing].id,
                             "the answer is missing, and scale " + quote(scale.id) + " allows at most " +
                                 std::to_string(scale.max_missing) + " missing of its " + std::to_string(n) + " items; " +
                                 std::to_string(missing) + " are missing");
    }
    scale_score sc;
    sc.scale = scale.id;
    sc.answered = answered;
    sc.prorated = missing > 0;
    sc.raw = missing > 0 ? sum * n / answered : sum;
    if (scale.conversion.empty()) {
      sc.value = sc.raw;
    } else {
      const auto raw = static_cast<int>(std::lround(sc.raw));
      sc.value = scale.conversion[static_cast<std::size_t>(raw - raw_min(in, scale))];
    }
    out.push_back(std::move(sc));
  }
  return out;
}

}  // namespace kulkija
