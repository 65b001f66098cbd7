#include "kulkija/matching/policy.hpp"

#include <array>
#include <cmath>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

using json = nlohmann::json;

constexpr std::array<std::string_view, 2> method_names{"haversine", "travel_time"};

[[noreturn]] void fail(const std::string& path, const std::string& rule, error_id id = error_id::parse_syntax) {
  throw parse_error(id, rule, 0, 0, path);
}

// The message of a nested kulkija error without its `[kulkija.<kind>.<id>] ` prefix.
std::string inner_message(const error& e) {
  const std::string what = e.what();
  const auto cut = what.find("] ");
  return cut == std::string::npos ? what : what.substr(cut + 2);
}

// Reads members of one JSON object, tracking the path, and rejects unknown members.
class object_reader {
 public:
  object_reader(const json& j, std::string path) : j_(j), path_(std::move(path)) {
    if (!j_.is_object()) fail(path_, "must be an object, got " + std::string(j_.type_name()));
  }
  void allow(std::initializer_list<std::string_view> names) const {
    for (const auto& [key, value] : j_.items()) {
      bool known = false;
      std::string expected;
      for (std::string_view n : names) {
        known = known || key == n;
        if (!expected.empty()) expected += ", ";
        expected += n;
      }
      if (!known) fail(path_ + "." + key, "unknown member " + quote(key) + "; expected one of: " + expected);
    }
  }
  [[nodiscard]] std::string path(std::string_view name) const { return path_ + "." + std::string(name); }
  [[nodiscard]] const json* find(std::string_view name) const {
    const auto it = j_.find(std::string(name));
    return it == j_.end() ? nullptr : &*it;
  }
  void require(std::string_view name) const {
    if (find(name) == nullptr) fail(path(name), "is required");
  }
  void read(std::string_view name, bool& out) const {
    if (const json* v = find(name)) {
      if (!v->is_boolean()) fail(path(name), "must be true or false, got " + std::string(v->type_name()));
      out = v->get<bool>();
    }
  }
  void read(std::string_view name, double& out) const {
    if (const json* v = find(name)) {
      if (!v->is_number()) fail(path(name), "must be a number, got " + std::string(v->type_name()));
      out = v->get<double>();
    }
  }
  void read(std::string_view name, std::optional<double>& out) const {
    if (const json* v = find(name)) {
      if (v->is_null()) {
        out.reset();
        return;
      }
      double d = 0;
      read(name, d);
      out = d;
    }
  }
  void read(std::string_view name, std::string& out) const {
    if (const json* v = find(name)) {
      if (!v->is_string()) fail(path(name), "must be a string, got " + std::string(v->type_name()));
      out = v->get<std::string>();
    }
  }

 private:
  const json& j_;
  std::string path_;
};

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
  json j;
  try {
    j = json::parse(text.begin(), text.end());
  } catch (const json::parse_error& e) {
    std::string what = e.what();
    const auto cut = what.find("] ");
    fail("$", "not valid JSON: " + (cut == std::string::npos ? what : what.substr(cut + 2)));
  }
  const object_reader root(j, "$");
  root.allow({"id", "version", "hard", "excluded_pairs", "weights", "distance", "unassigned_penalty"});
  root.require("id");
  root.require("version");
  matching_policy p;
  root.read("id", p.id);
  root.read("version", p.version);
  if (const json* h = root.find("hard")) {
    const object_reader r(*h, root.path("hard"));
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
    if (!e->is_array()) fail(root.path("excluded_pairs"), "must be an array, got " + std::string(e->type_name()));
    for (std::size_t i = 0; i < e->size(); ++i) {
      const std::string path = root.path("excluded_pairs") + "[" + std::to_string(i) + "]";
      const object_reader r((*e)[i], path);
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
        fail(err.field() == "client_id" ? r.path("client") : r.path("worker"), err.rule());
      }
    }
  }
  if (const json* w = root.find("weights")) {
    const object_reader r(*w, root.path("weights"));
    r.allow({"distance", "specialism", "preferences", "continuity", "caseload", "language"});
    r.read("distance", p.weights.distance);
    r.read("specialism", p.weights.specialism);
    r.read("preferences", p.weights.preferences);
    r.read("continuity", p.weights.continuity);
    r.read("caseload", p.weights.caseload);
    r.read("language", p.weights.language);
  }
  if (const json* d = root.find("distance")) {
    const object_reader r(*d, root.path("distance"));
    r.allow({"method", "scale_km", "scale_minutes", "max_minutes"});
    std::string method;
    r.read("method", method);
    if (r.find("method") != nullptr) {
      try {
        p.distance = parse_distance_method(method);
      } catch (const parse_error& err) {
        fail(r.path("method"), inner_message(err), error_id::parse_enum);
      }
    }
    r.read("scale_km", p.distance_scale_km);
    r.read("scale_minutes", p.travel_time_scale_minutes);
    r.read("max_minutes", p.max_travel_minutes);
  }
  root.read("unassigned_penalty", p.unassigned_penalty);
  try {
    validate(p);
  } catch (const invalid_argument& e) {
    fail("$." + e.field(), e.rule());
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
