#include "kulkija/matching/policy.hpp"

#include <array>
#include <cmath>
#include <initializer_list>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"
#include "../detail/json.hpp"

namespace kulkija {

namespace {

using detail::json;
using detail::json_fail;
using detail::json_object;

constexpr std::array<std::string_view, 2> method_names{"haversine", "travel_time"};

// Reads an optional number: absent leaves `out`, null clears it.
void read_optional(const json_object& r, std::string_view name, std::optional<double>& out) {
  const json* v = r.find(name);
  if (v == nullptr) return;
  if (v->is_null()) {
    out.reset();
    return;
  }
  double d = 0;
  r.read(name, d);
  out = d;
}

// Reads an array of codes through `parse`: absent leaves `out`; errors name the item's path.
template <class T, class Parse>
void read_codes(const json_object& r, std::string_view name, std::vector<T>& out, Parse parse) {
  const json* v = r.find(name);
  if (v == nullptr) return;
  const std::string at = r.path(name);
  if (!v->is_array()) json_fail(at, "must be an array of codes, got " + std::string(v->type_name()));
  std::vector<T> codes;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& item = (*v)[i];
    const std::string item_at = at + "[" + std::to_string(i) + "]";
    if (!item.is_string()) json_fail(item_at, "must be a string, got " + std::string(item.type_name()));
    try {
      codes.push_back(parse(item.get<std::string>()));
    } catch (const error& e) {
      json_fail(item_at, std::string(e.message()), e.id());
    }
  }
  out = std::move(codes);
}

template <class T>
json code_array(const std::vector<T>& values) {
  json a = json::array();
  for (const T& v : values) a.push_back(std::string(to_string(v)));
  return a;
}

void read_workforce(const json_object& root, workforce_policy& w) {
  const json* v = root.find("workforce");
  if (v == nullptr) return;
  const json_object r(*v, root.path("workforce"));
  r.allow({"kinds", "training_adds_specialisms", "continuity"});
  if (const json* k = r.find("kinds")) {
    const json_object kinds(*k, r.path("kinds"));
    kinds.allow({"professional", "volunteer", "peer_supporter"});
    for (worker_kind kind : all_worker_kinds) {
      const json* one = kinds.find(to_string(kind));
      if (one == nullptr) continue;
      const json_object o(*one, kinds.path(to_string(kind)));
      o.allow({"caseload_limit", "meeting_modes", "supervision_interval_days", "required_training"});
      kind_policy& p = w.of(kind);
      o.read("caseload_limit", p.caseload_limit);
      read_codes(o, "meeting_modes", p.meeting_modes, parse_meeting_mode);
      o.read("supervision_interval_days", p.supervision_interval_days);
      read_codes(o, "required_training", p.required_training, parse_competence);
    }
  }
  r.read("training_adds_specialisms", w.training_adds_specialisms);
  if (const json* c = r.find("continuity")) {
    const json_object o(*c, r.path("continuity"));
    o.allow({"prefer_earlier_worker", "require_earlier_worker", "return_after_leave"});
    o.read("prefer_earlier_worker", w.continuity.prefer_earlier_worker);
    o.read("require_earlier_worker", w.continuity.require_earlier_worker);
    o.read("return_after_leave", w.continuity.return_after_leave);
  }
}

void require_range(const std::string& field, double value, double lo, double hi) {
  if (!std::isfinite(value) || value < lo || value > hi) {
    throw invalid_argument(error_id::invalid_value, field,
                           "must be from " + std::to_string(static_cast<long long>(lo)) + " to " +
                               std::to_string(static_cast<long long>(hi)) + ", got " + std::to_string(value));
  }
}

}  // namespace

std::string_view to_string(distance_method m) noexcept { return detail::enum_name(method_names, m); }
distance_method parse_distance_method(std::string_view code) {
  return detail::parse_enum<distance_method>("distance method", code, method_names);
}

void validate(const matching_policy& p) {
  validate_id("id", p.id);
  validate_id("version", p.version);
  const std::array<std::pair<const char*, double>, 6> weights{{{"weights.distance", p.weights.distance},
                                                               {"weights.specialism", p.weights.specialism},
                                                               {"weights.preferences", p.weights.preferences},
                                                               {"weights.continuity", p.weights.continuity},
                                                               {"weights.caseload", p.weights.caseload},
                                                               {"weights.language", p.weights.language}}};
  double sum = 0;
  for (const auto& [field, w] : weights) {
    require_range(field, w, 0, 1000);
    sum += w;
  }
  if (sum <= 0) throw invalid_argument(error_id::invalid_value, "weights", "must not all be 0");
  require_range("distance.scale_km", p.distance_scale_km, 0.001, 2000);
  require_range("distance.scale_minutes", p.travel_time_scale_minutes, 0.001, 1440);
  if (p.max_travel_minutes) require_range("distance.max_minutes", *p.max_travel_minutes, 0, 1440);
  if (p.unassigned_penalty) require_range("unassigned_penalty", *p.unassigned_penalty, 0, 100000);
  for (std::size_t i = 0; i < p.excluded_pairs.size(); ++i) {
    validate_free_text("excluded_pairs[" + std::to_string(i) + "].reason", p.excluded_pairs[i].reason, 200);
  }
  validate(p.workforce);
}

matching_policy matching_policy_from_json(std::string_view text) {
  const json j = detail::parse_json(text);
  const json_object root(j, "$");
  root.allow({"id", "version", "hard", "excluded_pairs", "weights", "distance", "unassigned_penalty", "workforce"});
  root.require("id");
  root.require("version");
  matching_policy p;
  root.read("id", p.id);
  root.read("version", p.version);
  if (const json* h = root.find("hard")) {
    const json_object r(*h, root.path("hard"));
    r.allow({"shared_language", "availability_overlap", "requested_gender", "meeting_mode_overlap", "travel_radius",
             "active", "training_valid", "supervision_current"});
    r.read("shared_language", p.require_shared_language);
    r.read("availability_overlap", p.require_availability_overlap);
    r.read("requested_gender", p.require_requested_gender);
    r.read("meeting_mode_overlap", p.require_meeting_mode_overlap);
    r.read("travel_radius", p.require_travel_radius);
    r.read("active", p.require_active);
    r.read("training_valid", p.require_training_valid);
    r.read("supervision_current", p.require_supervision_current);
  }
  if (const json* e = root.find("excluded_pairs")) {
    if (!e->is_array()) json_fail(root.path("excluded_pairs"), "must be an array, got " + std::string(e->type_name()));
    for (std::size_t i = 0; i < e->size(); ++i) {
      const json_object r((*e)[i], root.path("excluded_pairs") + "[" + std::to_string(i) + "]");
      r.allow({"client", "worker", "reason"});
      r.require("client");
      r.require("worker");
      std::string client;
      std::string worker;
      std::string reason;
      r.read("client", client);
      r.read("worker", worker);
      r.read("reason", reason);
      try {
        p.excluded_pairs.push_back({client_id(client), link_worker_id(worker), reason});
      } catch (const invalid_argument& err) {
        json_fail(err.field() == "client_id" ? r.path("client") : r.path("worker"), err.rule());
      }
    }
  }
  if (const json* w = root.find("weights")) {
    const json_object r(*w, root.path("weights"));
    r.allow({"distance", "specialism", "preferences", "continuity", "caseload", "language"});
    r.read("distance", p.weights.distance);
    r.read("specialism", p.weights.specialism);
    r.read("preferences", p.weights.preferences);
    r.read("continuity", p.weights.continuity);
    r.read("caseload", p.weights.caseload);
    r.read("language", p.weights.language);
  }
  if (const json* d = root.find("distance")) {
    const json_object r(*d, root.path("distance"));
    r.allow({"method", "scale_km", "scale_minutes", "max_minutes"});
    r.read_code("method", p.distance, parse_distance_method);
    r.read("scale_km", p.distance_scale_km);
    r.read("scale_minutes", p.travel_time_scale_minutes);
    read_optional(r, "max_minutes", p.max_travel_minutes);
  }
  read_optional(root, "unassigned_penalty", p.unassigned_penalty);
  read_workforce(root, p.workforce);
  try {
    validate(p);
  } catch (const invalid_argument& e) {
    json_fail("$." + e.field(), e.rule());
  }
  return p;
}

std::string to_json(const matching_policy& p) {
  json j = json::object();
  j["id"] = p.id;
  j["version"] = p.version;
  j["hard"] = {{"shared_language", p.require_shared_language},
               {"availability_overlap", p.require_availability_overlap},
               {"requested_gender", p.require_requested_gender},
               {"meeting_mode_overlap", p.require_meeting_mode_overlap},
               {"travel_radius", p.require_travel_radius},
               {"active", p.require_active},
               {"training_valid", p.require_training_valid},
               {"supervision_current", p.require_supervision_current}};
  json pairs = json::array();
  for (const auto& e : p.excluded_pairs) pairs.push_back({{"client", e.client.str()}, {"worker", e.worker.str()}, {"reason", e.reason}});
  j["excluded_pairs"] = pairs;
  j["weights"] = {{"distance", p.weights.distance},     {"specialism", p.weights.specialism},
                  {"preferences", p.weights.preferences}, {"continuity", p.weights.continuity},
                  {"caseload", p.weights.caseload},     {"language", p.weights.language}};
  j["distance"] = {{"method", std::string(to_string(p.distance))},
                   {"scale_km", p.distance_scale_km},
                   {"scale_minutes", p.travel_time_scale_minutes},
                   {"max_minutes", p.max_travel_minutes ? json(*p.max_travel_minutes) : json(nullptr)}};
  j["unassigned_penalty"] = p.unassigned_penalty ? json(*p.unassigned_penalty) : json(nullptr);
  json kinds = json::object();
  for (worker_kind k : all_worker_kinds) {
    const kind_policy& kp = p.workforce.of(k);
    kinds[std::string(to_string(k))] = {{"caseload_limit", kp.caseload_limit},
                                        {"meeting_modes", code_array(kp.meeting_modes)},
                                        {"supervision_interval_days", kp.supervision_interval_days},
                                        {"required_training", code_array(kp.required_training)}};
  }
  const continuity_policy& c = p.workforce.continuity;
  j["workforce"] = {{"kinds", kinds},
                    {"training_adds_specialisms", p.workforce.training_adds_specialisms},
                    {"continuity",
                     {{"prefer_earlier_worker", c.prefer_earlier_worker},
                      {"require_earlier_worker", c.require_earlier_worker},
                      {"return_after_leave", c.return_after_leave}}}};
  return j.dump(2);
}

}  // namespace kulkija
