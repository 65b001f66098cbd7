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
}

matching_policy matching_policy_from_json(std::string_view text) {
  const json j = detail::parse_json(text);
  const json_object root(j, "$");
  root.allow({"id", "version", "hard", "excluded_pairs", "weights", "distance", "unassigned_penalty"});
  root.require("id");
  root.require("version");
  matching_policy p;
  root.read("id", p.id);
  root.read("version", p.version);
  if (const json* h = root.find("hard")) {
    const json_object r(*h, root.path("hard"));
    r.allow({"shared_language", "availability_overlap", "requested_gender", "meeting_mode_overlap", "travel_radius",
             "active"});
    r.read("shared_language", p.require_shared_language);
    r.read("availability_overlap", p.require_availability_overlap);
    r.read("requested_gender", p.require_requested_gender);
    r.read("meeting_mode_overlap", p.require_meeting_mode_overlap);
    r.read("travel_radius", p.require_travel_radius);
    r.read("active", p.require_active);
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
               {"active", p.require_active}};
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
  return j.dump(2);
}

}  // namespace kulkija
