// The FHIR status of each referral state (kulkija::fhir_status_of) and the code map
// (kulkija::fhir_code_map); the systems and codes of the profile are in fhir_codes.hpp.
#include <array>
#include <cstddef>
#include <set>
#include <string>
#include <utility>

#include "../detail/json.hpp"
#include "fhir_codes.hpp"
#include "fhir_default_code_map.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/interop/fhir.hpp"

namespace kulkija {

namespace {

constexpr std::array<fhir_status, referral_state_count> statuses{{
    {"draft", "draft"},
    {"requested", "active"},
    {"accepted", "active"},
    {"rejected", "revoked"},
    {"ready", "active"},
    {"in-progress", "active"},
    {"on-hold", "on-hold"},
    {"completed", "completed"},
    {"failed", "revoked"},
    {"cancelled", "revoked"},
    {"entered-in-error", "entered-in-error"},
}};

using detail::json;
using detail::json_object;

// Reads the members every entry has, failing on a code listed twice in the same array.
void read_coding(const json_object& o, std::string& system, std::string& code, std::string& display,
                 std::set<std::pair<std::string, std::string>>& seen) {
  o.require("system");
  o.require("code");
  o.read("system", system);
  o.read("code", code);
  o.read("display", display);
  for (const std::string* text : {&system, &code, &display}) {
    if (contains_identity_code(*text)) {
      detail::json_fail(o.path(), "holds something shaped like a personal identity code", error_id::personal_data);
    }
  }
  if (system.empty() || code.empty()) detail::json_fail(o.path(), "system and code must not be empty");
  if (!seen.emplace(system, code).second) {
    detail::json_fail(o.path("code"), "the code " + quote(system + "|" + code) + " is listed twice");
  }
}

template <class F>
void each(const json& root, std::string_view key, F&& f) {
  const auto it = root.find(std::string(key));
  if (it == root.end()) return;
  const std::string path = detail::json_member_path("$", key);
  detail::json_as_array(*it, path);
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string p = detail::json_item_path(path, i);
    detail::json_as_object((*it)[i], p);
    f(json_object((*it)[i], p));
  }
}

}  // namespace

fhir_status fhir_status_of(referral_state s) noexcept { return statuses[static_cast<std::size_t>(s)]; }

const fhir_code_map& fhir_code_map::defaults() {
  static const fhir_code_map map = from_json(detail::fhir::default_code_map_json);
  return map;
}

fhir_code_map fhir_code_map::from_json(std::string_view text) {
  const json root = detail::parse_json(text);
  detail::json_as_object(root, "$");
  json_object(root, "$").allow({"referral", "need", "reason"});
  fhir_code_map map;
  std::set<std::pair<std::string, std::string>> seen;
  each(root, "referral", [&](const json_object& o) {
    o.allow({"system", "code", "display", "kind", "needs"});
    referral_entry e;
    read_coding(o, e.system, e.code, e.display, seen);
    o.require("kind");
    std::string kind;
    o.read("kind", kind);
    if (kind != "social_prescribing") {
      detail::json_fail(o.path("kind"), "unknown kind " + quote(kind) + "; expected one of: social_prescribing",
                        error_id::parse_enum);
    }
    if (const json* needs = o.find("needs")) {
      detail::json_as_array(*needs, o.path("needs"));
      for (std::size_t i = 0; i < needs->size(); ++i) {
        const std::string p = detail::json_item_path(o.path("needs"), i);
        const std::string& code = detail::json_as_string((*needs)[i], p);
        try {
          e.needs.push_back(parse_need(code));
        } catch (const error& err) {
          detail::json_fail(p, std::string(err.message()), err.id());
        }
      }
    }
    map.referral_.push_back(std::move(e));
  });
  each(root, "need", [&](const json_object& o) {
    o.allow({"system", "code", "display", "need"});
    need_entry e{{}, {}, {}, need::loneliness};
    read_coding(o, e.system, e.code, e.display, seen);
    o.require("need");
    o.read_code("need", e.need, [](std::string_view c) { return parse_need(c); });
    map.need_.push_back(std::move(e));
  });
  each(root, "reason", [&](const json_object& o) {
    o.allow({"system", "code", "display", "reason"});
    reason_entry e{{}, {}, {}, kulkija::reason_code::other};
    read_coding(o, e.system, e.code, e.display, seen);
    o.require("reason");
    o.read_code("reason", e.reason, [](std::string_view c) { return parse_reason_code(c); });
    map.reason_.push_back(std::move(e));
  });
  return map;
}

std::string fhir_code_map::to_json(int indent) const {
  detail::fhir::json root = detail::fhir::json::object();
  const auto coding = [](const auto& e) {
    detail::fhir::json j = detail::fhir::json::object();
    j["system"] = e.system;
    j["code"] = e.code;
    if (!e.display.empty()) j["display"] = e.display;
    return j;
  };
  root["referral"] = detail::fhir::json::array();
  for (const auto& e : referral_) {
    auto j = coding(e);
    j["kind"] = "social_prescribing";
    if (!e.needs.empty()) {
      j["needs"] = detail::fhir::json::array();
      for (need n : e.needs) j["needs"].push_back(to_string(n));
    }
    root["referral"].push_back(std::move(j));
  }
  root["need"] = detail::fhir::json::array();
  for (const auto& e : need_) {
    auto j = coding(e);
    j["need"] = to_string(e.need);
    root["need"].push_back(std::move(j));
  }
  root["reason"] = detail::fhir::json::array();
  for (const auto& e : reason_) {
    auto j = coding(e);
    j["reason"] = to_string(e.reason);
    root["reason"].push_back(std::move(j));
  }
  return root.dump(indent < 0 ? -1 : indent) + (indent < 0 ? "" : "\n");
}

const fhir_code_map::referral_entry* fhir_code_map::find_referral(std::string_view system,
                                                                  std::string_view code) const noexcept {
  for (const auto& e : referral_) {
    if (e.system == system && e.code == code) return &e;
  }
  return nullptr;
}

std::optional<need> fhir_code_map::find_need(std::string_view system, std::string_view code) const noexcept {
  if (system == detail::fhir::cs_need) {
    for (need n : all_needs()) {
      if (to_string(n) == code) return n;
    }
  }
  for (const auto& e : need_) {
    if (e.system == system && e.code == code) return e.need;
  }
  return std::nullopt;
}

std::optional<kulkija::reason_code> fhir_code_map::find_reason(std::string_view system,
                                                               std::string_view code) const noexcept {
  if (system == detail::fhir::cs_reason) {
    for (std::size_t i = 0; i < reason_code_count; ++i) {
      const auto r = static_cast<kulkija::reason_code>(i);
      if (to_string(r) == code) return r;
    }
  }
  for (const auto& e : reason_) {
    if (e.system == system && e.code == code) return e.reason;
  }
  return std::nullopt;
}

}  // namespace kulkija
