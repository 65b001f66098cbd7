// Reading referrals from FHIR R4 bundles (kulkija::from_fhir, kulkija::from_fhir_bundle).
#include "kulkija/interop/fhir.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "../detail/json.hpp"
#include "fhir_codes.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"

namespace kulkija {

namespace {

using namespace detail::fhir;  // the profile's systems and codes

// ------------------------------------------------------------------ reading: paths and errors

[[noreturn]] void fail(error_id id, const std::string& path, const std::string& message) {
  detail::json_fail(path, message, id);
}

using detail::json_at_path;
using detail::json_item_path;
using detail::json_member_path;

const json* find(const json& obj, std::string_view key) {
  const auto it = obj.find(std::string(key));
  return it == obj.end() ? nullptr : &*it;
}

const json& require(const json& obj, const std::string& path, std::string_view key, std::string_view why) {
  const json* j = find(obj, key);
  if (j == nullptr || j->is_null()) {
    detail::json_missing(json_member_path(path, key), why, error_id::parse_structure);
  }
  return *j;
}

const std::string& as_string(const json& j, const std::string& path) {
  return detail::json_as_string(j, path, error_id::parse_structure);
}

const json& as_object(const json& j, const std::string& path) {
  return detail::json_as_object(j, path, error_id::parse_structure);
}

// The array at `key`, or an empty one when absent.
const json& array_at(const json& obj, const std::string& path, std::string_view key) {
  static const json empty = json::array();
  const json* j = find(obj, key);
  if (j == nullptr) return empty;
  return detail::json_as_array(*j, json_member_path(path, key), error_id::parse_structure);
}

std::optional<std::string> optional_string(const json& obj, const std::string& path, std::string_view key) {
  const json* j = find(obj, key);
  if (j == nullptr) return std::nullopt;
  return as_string(*j, json_member_path(path, key));
}

const std::string& required_string(const json& obj, const std::string& path, std::string_view key,
                                   std::string_view why) {
  return as_string(require(obj, path, key, why), json_member_path(path, key));
}

timestamp read_datetime(const std::string& text, const std::string& path) {
  return json_at_path(path, [&] { return parse_timestamp(text); });
}

// The codes of `system` in a CodeableConcept (or one Coding when `single_coding`).
std::vector<std::string> codes_in(const json& concept_value, const std::string& path, std::string_view system) {
  std::vector<std::string> out;
  as_object(concept_value, path);
  const json& codings = array_at(concept_value, path, "coding");
  for (std::size_t i = 0; i < codings.size(); ++i) {
    const std::string p = json_item_path(json_member_path(path, "coding"), i);
    as_object(codings[i], p);
    const auto s = optional_string(codings[i], p, "system");
    if (s && *s == system) {
      out.push_back(required_string(codings[i], p, "code", "a coding of a known system needs its code"));
    }
  }
  return out;
}

std::string first_code(const json& concept_value, const std::string& path, std::string_view system,
                       std::string_view what) {
  auto codes = codes_in(concept_value, path, system);
  if (codes.empty()) {
    fail(error_id::parse_unsupported, path, std::string(what) + " must have a coding of system '" + std::string(system) + "'");
  }
  return codes.front();
}

// A short description of a CodeableConcept's codings for error messages.
std::string describe_codes(const json& concept_value) {
  std::string out;
  if (const json* codings = find(concept_value, "coding"); codings != nullptr && codings->is_array()) {
    for (const auto& c : *codings) {
      if (!c.is_object()) continue;
      if (!out.empty()) out += ", ";
      out += quote(c.value("system", std::string{}) + "|" + c.value("code", std::string{}));
    }
  }
  if (out.empty()) {
    if (const json* t = find(concept_value, "text"); t != nullptr && t->is_string()) {
      out = "only the text " + quote(t->get<std::string>());
    } else {
      out = "no coding";
    }
  }
  return out;
}

// ------------------------------------------------------------------ reading: references

struct located {
  const json* resource = nullptr;
  std::string path;
  const json* container = nullptr;  // the resource whose `contained` holds it, or itself
  std::string container_path;
};

class document {
 public:
  explicit document(const json& root) {
    if (root.value("resourceType", std::string{}) == "Bundle") {
      const json& entries = array_at(root, "$", "entry");
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string entry_path = json_item_path("$.entry", i);
        as_object(entries[i], entry_path);
        const std::string path = json_member_path(entry_path, "resource");
        const json& res = as_object(require(entries[i], entry_path, "resource", "a Bundle entry holds a resource"), path);
        const std::string& type = required_string(res, path, "resourceType", "every resource names its type");
        top_.push_back({&res, path, &res, path});
        if (const auto full = optional_string(entries[i], entry_path, "fullUrl")) {
          by_url_.emplace(*full, top_.size() - 1);
          const auto slash = full->rfind('/');
          const auto type_slash = slash == std::string::npos ? std::string::npos : full->rfind('/', slash - 1);
          if (type_slash != std::string::npos) by_url_.emplace(full->substr(type_slash + 1), top_.size() - 1);
        }
        if (const auto id = optional_string(res, path, "id")) by_url_.emplace(type + "/" + *id, top_.size() - 1);
      }
      bundle_ = true;
    } else {
      top_.push_back({&root, "$", &root, "$"});
    }
  }

  [[nodiscard]] const std::vector<located>& resources() const noexcept { return top_; }

  // The resource that `ref_path` (a Reference inside `from`) points to, of type `expected`.
  [[nodiscard]] located resolve(const json& ref, const std::string& ref_path, const located& from,
                                std::string_view expected, std::string_view why) const {
    auto found = try_resolve(ref, ref_path, from, expected, why, true);
    return *found;
  }

  // As resolve(), but nothing when the reference does not resolve.
  [[nodiscard]] std::optional<located> try_resolve(const json& ref, const std::string& ref_path, const located& from,
                                                   std::string_view expected, std::string_view why,
                                                   bool required) const {
    as_object(ref, ref_path);
    const json* target = find(ref, "reference");
    if (target == nullptr) {
      if (!required) return std::nullopt;
      std::string has = find(ref, "identifier") != nullptr ? "an identifier" : find(ref, "display") != nullptr ? "a display text" : "nothing";
      fail(error_id::parse_structure, json_member_path(ref_path, "reference"),
           "is required: " + std::string(why) + " (the reference has only " + has + ")");
    }
    const std::string& text = as_string(*target, json_member_path(ref_path, "reference"));
    const std::string target_path = json_member_path(ref_path, "reference");
    std::optional<located> hit;
    if (text.starts_with("#")) {
      const json& contained = array_at(*from.container, from.container_path, "contained");
      for (std::size_t i = 0; i < contained.size(); ++i) {
        if (contained[i].is_object() && contained[i].value("id", std::string{}) == text.substr(1)) {
          hit = located{&contained[i], json_item_path(json_member_path(from.container_path, "contained"), i), from.container,
                        from.container_path};
          break;
        }
      }
    } else {
      std::string key = text;
      if (const auto history = key.find("/_history/"); history != std::string::npos) key.resize(history);
      // a relative or absolute reference names its type before the id
      if (!key.starts_with("urn:")) {
        const auto slash = key.rfind('/');
        const auto type_slash = slash == std::string::npos || slash == 0 ? std::string::npos : key.rfind('/', slash - 1);
        const std::string type = slash == std::string::npos ? std::string{}
                                 : key.substr(type_slash == std::string::npos ? 0 : type_slash + 1,
                                              slash - (type_slash == std::string::npos ? 0 : type_slash + 1));
        if (!type.empty() && type != expected) {
          fail(error_id::parse_unsupported, target_path,
               "must refer to a " + std::string(expected) + " (" + std::string(why) + "), got a reference to a " + type);
        }
      }
      auto it = by_url_.find(key);
      if (it == by_url_.end() && !key.starts_with("urn:")) {
        const auto slash = key.rfind('/');
        const auto type_slash = slash == std::string::npos || slash == 0 ? std::string::npos : key.rfind('/', slash - 1);
        if (type_slash != std::string::npos) it = by_url_.find(key.substr(type_slash + 1));
      }
      if (it != by_url_.end()) hit = top_[it->second];
    }
    if (!hit) {
      if (!required) return std::nullopt;
      fail(error_id::parse_structure, target_path,
           "reference " + quote(text) + " does not resolve to " +
               (text.starts_with("#") ? std::string("a contained resource")
                : bundle_             ? std::string("an entry of the Bundle")
                                      : std::string("a resource: a single resource must contain what it refers to")) +
               "; kulkija needs it: " + std::string(why));
    }
    const std::string type = hit->resource->is_object() ? hit->resource->value("resourceType", std::string{}) : std::string{};
    if (type != expected) {
      if (!required) return std::nullopt;
      fail(error_id::parse_unsupported, target_path,
           "must refer to a " + std::string(expected) + " (" + std::string(why) + "), got a " +
               (type.empty() ? std::string("resource without a type") : type));
    }
    return hit;
  }

 private:
  std::vector<located> top_;
  std::map<std::string, std::size_t> by_url_;
  bool bundle_ = false;
};

// ------------------------------------------------------------------ reading: resources

void check_one_of(const std::string& value, std::span<const std::string_view> allowed, const std::string& path,
                  std::string_view what) {
  if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
  std::string message = "unknown " + std::string(what) + " " + quote(value) + "; expected one of: ";
  for (std::size_t i = 0; i < allowed.size(); ++i) message += (i ? ", " : "") + std::string(allowed[i]);
  fail(error_id::parse_enum, path, message);
}

void check_service_request(const located& sr) {
  const json& j = *sr.resource;
  const std::string& status = required_string(j, sr.path, "status", "a ServiceRequest has a status");
  check_one_of(status, request_statuses, json_member_path(sr.path, "status"), "ServiceRequest status");
  if (status == "unknown") {
    fail(error_id::parse_unsupported, json_member_path(sr.path, "status"),
         "status 'unknown' has no referral state; kulkija needs the request's real status");
  }
  const std::string& intent = required_string(j, sr.path, "intent", "a ServiceRequest has an intent");
  if (intent != "order") {
    fail(error_id::parse_unsupported, json_member_path(sr.path, "intent"),
         "a referral is a request with intent 'order', got " + quote(intent));
  }
  const std::string code_path = json_member_path(sr.path, "code");
  const json& code = as_object(require(j, sr.path, "code", "a referral is coded as SNOMED CT 871731000000106"), code_path);
  const auto codes = codes_in(code, code_path, snomed);
  if (std::find(codes.begin(), codes.end(), code_social_prescribing) == codes.end()) {
    fail(error_id::parse_unsupported, code_path,
         "not a social prescribing referral: expected SNOMED CT 871731000000106 (Referral to social prescribing "
         "service), got " + describe_codes(code));
  }
  require(j, sr.path, "subject", "the client as a reference to a pseudonymous Patient");
}

void check_task(const located& task) {
  const json& j = *task.resource;
  const std::string& status = required_string(j, task.path, "status", "a Task has a status");
  check_one_of(status, task_statuses, json_member_path(task.path, "status"), "Task status");
  if (status == "received") {
    fail(error_id::parse_unsupported, json_member_path(task.path, "status"),
         "Task status 'received' has no referral state (kulkija goes from requested to accepted or rejected)");
  }
  const std::string& intent = required_string(j, task.path, "intent", "a Task has an intent");
  if (intent != "order") {
    fail(error_id::parse_unsupported, json_member_path(task.path, "intent"),
         "the Task of a referral has intent 'order' (closed-loop referral), got " + quote(intent));
  }
  require(j, task.path, "focus", "the referral's Task has the ServiceRequest as its focus");
}

// The value of the first identifier of `system`, or of the resource id, or nothing.
std::optional<std::string> logical_id(const located& res, std::string_view system) {
  const json& ids = array_at(*res.resource, res.path, "identifier");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string p = json_item_path(json_member_path(res.path, "identifier"), i);
    as_object(ids[i], p);
    if (optional_string(ids[i], p, "system") == std::string(system)) {
      return required_string(ids[i], p, "value", "an identifier has a value");
    }
  }
  return optional_string(*res.resource, res.path, "id");
}

// The extensions of `url` on a resource, with their paths.
std::vector<std::pair<const json*, std::string>> extensions(const located& res, std::string_view url) {
  std::vector<std::pair<const json*, std::string>> out;
  const json& ext = array_at(*res.resource, res.path, "extension");
  for (std::size_t i = 0; i < ext.size(); ++i) {
    const std::string p = json_item_path(json_member_path(res.path, "extension"), i);
    as_object(ext[i], p);
    if (required_string(ext[i], p, "url", "an extension names its url") == url) out.emplace_back(&ext[i], p);
  }
  return out;
}

std::string extension_code(const std::pair<const json*, std::string>& ext, std::string_view system) {
  const std::string p = json_member_path(ext.second, "valueCoding");
  const json& c = as_object(require(*ext.first, ext.second, "valueCoding", "the extension's value is a Coding"), p);
  if (optional_string(c, p, "system") != std::string(system)) {
    fail(error_id::parse_unsupported, json_member_path(p, "system"), "the coding must be of system '" + std::string(system) + "'");
  }
  return required_string(c, p, "code", "a coding has a code");
}

std::string extension_string(const std::pair<const json*, std::string>& ext, std::string_view key) {
  return required_string(*ext.first, ext.second, key, "the extension's value");
}

void reject_personal_data(const located& patient) {
  const json& j = *patient.resource;
  for (const char* key : {"name", "telecom", "photo", "contact"}) {
    if (find(j, key) != nullptr) {
      fail(error_id::personal_data, json_member_path(patient.path, key),
           "a pseudonymous Patient carries no name, contact data or photo; kulkija does not import them");
    }
  }
  const json& addresses = array_at(j, patient.path, "address");
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    for (const char* key : {"line", "text", "postalCode"}) {
      if (addresses[i].is_object() && find(addresses[i], key) != nullptr) {
        fail(error_id::personal_data, json_member_path(json_item_path(json_member_path(patient.path, "address"), i), key),
             "a pseudonymous Patient carries no street address; kulkija keeps only the home municipality");
      }
    }
  }
  const json& ids = array_at(j, patient.path, "identifier");
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::string p = json_item_path(json_member_path(patient.path, "identifier"), i);
    if (!ids[i].is_object()) continue;
    const std::string system = ids[i].value("system", std::string{});
    const std::string value = ids[i].value("value", std::string{});
    if (system == sid_henkilotunnus || contains_identity_code(value)) {
      fail(error_id::personal_data, p,
           "a personal identity code (henkilötunnus) is never imported; identify the client by a pseudonym");
    }
  }
}

client read_client(const located& patient) {
  reject_personal_data(patient);
  const std::string& path = patient.path;
  const auto pseudonym = logical_id(patient, sid_client);
  if (!pseudonym) {
    fail(error_id::parse_structure, json_member_path(path, "identifier"),
         std::string("is required: the client's pseudonym (identifier of system '") + sid_client +
             "' or the resource id)");
  }
  const std::string id_path = json_member_path(path, "identifier");
  client_id id = json_at_path(id_path, [&] { return client_id(*pseudonym); });

  const std::string birth_path = json_member_path(path, "birthDate");
  const std::string& birth =
      required_string(*patient.resource, path, "birthDate", "kulkija needs the client's birth year");
  const bool full_date = birth.size() == 10;
  const auto digits = [&](std::size_t from, std::size_t to) {
    return std::all_of(birth.begin() + static_cast<std::ptrdiff_t>(from), birth.begin() + static_cast<std::ptrdiff_t>(to),
                       [](char c) { return c >= '0' && c <= '9'; });
  };
  const bool year_month_ok = birth.size() < 7 || (birth[4] == '-' && digits(5, 7) && birth.substr(5, 2) >= "01" &&
                                                  birth.substr(5, 2) <= "12");
  if (!(birth.size() == 4 || birth.size() == 7 || full_date) || !digits(0, 4) || !year_month_ok) {
    fail(error_id::parse_date, birth_path, "a birth date is YYYY, YYYY-MM or YYYY-MM-DD, got " + quote(birth));
  }
  const int year = std::stoi(birth.substr(0, 4));
  std::optional<date> birth_date;
  if (full_date) birth_date = json_at_path(birth_path, [&] { return parse_date(birth); });

  const auto home_ext = extensions(patient, ext_municipality);
  if (home_ext.empty()) {
    fail(error_id::parse_structure, json_member_path(path, "extension"),
         std::string("is required: the home municipality (extension '") + ext_municipality + "')");
  }
  const std::string home_code = extension_code(home_ext.front(), cs_municipality);
  const municipality home =
      json_at_path(json_member_path(json_member_path(home_ext.front().second, "valueCoding"), "code"), [&] { return municipality(std::string_view(home_code)); });

  std::vector<language> languages;
  const std::string comm_path = json_member_path(path, "communication");
  const json& communication = array_at(*patient.resource, path, "communication");
  for (std::size_t i = 0; i < communication.size(); ++i) {
    const std::string p = json_item_path(comm_path, i);
    as_object(communication[i], p);
    const std::string lp = json_member_path(p, "language");
    const json& lang = as_object(require(communication[i], p, "language", "a communication entry names a language"), lp);
    const json& codings = array_at(lang, lp, "coding");
    if (codings.empty() || !codings[0].is_object()) {
      detail::json_missing(json_member_path(lp, "coding"), "a coded language", error_id::parse_structure);
    }
    std::string code = required_string(codings[0], json_item_path(json_member_path(lp, "coding"), 0), "code", "a coding has a code");
    code = code.substr(0, code.find('-'));  // BCP 47: the primary language subtag
    language l = json_at_path(json_member_path(json_item_path(json_member_path(lp, "coding"), 0), "code"), [&] { return language(code); });
    const json* preferred = find(communication[i], "preferred");
    if (preferred != nullptr && preferred->is_boolean() && preferred->get<bool>()) {
      languages.insert(languages.begin(), l);
    } else {
      languages.push_back(l);
    }
  }
  if (languages.empty()) {
    detail::json_missing(comm_path, "at least one language the client speaks", error_id::parse_structure);
  }

  client c = json_at_path(comm_path, [&] { return client(id, year, home, languages); });
  json_at_path(birth_path, [&] { c.set_birth_date(birth_date); });
  if (const auto living = extensions(patient, ext_living); !living.empty()) {
    const std::string code = extension_code(living.front(), cs_living);
    c.set_living(json_at_path(living.front().second, [&] { return parse_living_situation(code); }));
  }
  need_set needs;
  for (const auto& e : extensions(patient, ext_client_need)) {
    const std::string code = extension_code(e, cs_need);
    needs.insert(json_at_path(e.second, [&] { return parse_need(code); }));
  }
  c.set_needs(needs);
  std::vector<std::string> goals;
  for (const auto& e : extensions(patient, ext_goal)) goals.push_back(extension_string(e, "valueString"));
  if (!goals.empty()) json_at_path(json_member_path(path, "extension"), [&] { c.set_goals(goals); });
  client_preferences prefs;
  for (const auto& e : extensions(patient, ext_worker_gender)) {
    const std::string code = extension_string(e, "valueCode");
    prefs.worker_gender = json_at_path(e.second, [&] { return parse_gender(code); });
  }
  for (const auto& e : extensions(patient, ext_meeting)) {
    const std::string code = extension_code(e, cs_meeting);
    prefs.meeting_modes.push_back(json_at_path(e.second, [&] { return parse_meeting_mode(code); }));
  }
  for (const auto& e : extensions(patient, ext_time)) {
    const std::string code = extension_code(e, cs_time);
    prefs.times.push_back(json_at_path(e.second, [&] { return parse_time_window(code); }));
  }
  for (const auto& e : extensions(patient, ext_interest)) prefs.interests.push_back(extension_string(e, "valueString"));
  json_at_path(json_member_path(path, "extension"), [&] { c.set_preferences(std::move(prefs)); });
  return c;
}

professional read_professional(const located& role) {
  const std::string& path = role.path;
  const auto id_text = logical_id(role, sid_professional);
  if (!id_text) {
    fail(error_id::parse_structure, json_member_path(path, "identifier"),
         std::string("is required: the professional's id (identifier of system '") + sid_professional +
             "' or the resource id)");
  }
  professional_id id = json_at_path(json_member_path(path, "identifier"), [&] { return professional_id(*id_text); });
  const json& codes = array_at(*role.resource, path, "code");
  std::optional<sector> work_sector;
  std::string title;
  for (std::size_t i = 0; i < codes.size() && !work_sector; ++i) {
    const std::string p = json_item_path(json_member_path(path, "code"), i);
    const auto found = codes_in(codes[i], p, cs_sector);
    if (!found.empty()) {
      work_sector = json_at_path(p, [&] { return parse_sector(found.front()); });
      title = optional_string(codes[i], p, "text").value_or(std::string{});
    }
  }
  if (!work_sector) {
    fail(error_id::parse_structure, json_member_path(path, "code"),
         std::string("is required: the referrer's sector (a code of system '") + cs_sector + "')");
  }
  const std::string org_path = json_member_path(path, "organization");
  const json& org = as_object(require(*role.resource, path, "organization", "the referrer's organisation"), org_path);
  const std::string& organisation = required_string(org, org_path, "display", "the organisation's name");
  return json_at_path(path, [&] { return professional(id, *work_sector, organisation, title); });
}

lifecycle_event read_event(const located& prov) {
  const json& j = *prov.resource;
  const std::string& path = prov.path;
  const std::string activity_path = json_member_path(path, "activity");
  const json& activity = require(j, path, "activity", "the history entry's event");
  const std::string event_code = first_code(activity, activity_path, cs_event, "the activity");
  const referral_event kind = json_at_path(activity_path, [&] { return parse_referral_event(event_code); });

  const std::string& when = required_string(j, path, "occurredDateTime", "when the event happened");
  const timestamp at = read_datetime(when, json_member_path(path, "occurredDateTime"));

  const json& agents = array_at(j, path, "agent");
  if (agents.empty()) detail::json_missing(json_member_path(path, "agent"), "who caused the event", error_id::parse_structure);
  const std::string agent_path = json_item_path(json_member_path(path, "agent"), 0);
  as_object(agents[0], agent_path);
  const json& roles = array_at(agents[0], agent_path, "role");
  std::optional<actor_role> role;
  for (std::size_t i = 0; i < roles.size() && !role; ++i) {
    const std::string p = json_item_path(json_member_path(agent_path, "role"), i);
    const auto found = codes_in(roles[i], p, cs_role);
    if (!found.empty()) role = json_at_path(p, [&] { return parse_actor_role(found.front()); });
  }
  if (!role) {
    fail(error_id::parse_structure, json_member_path(agent_path, "role"),
         std::string("is required: the actor's role (a code of system '") + cs_role + "')");
  }
  std::string actor_id;
  const std::string who_path = json_member_path(agent_path, "who");
  const json& who = as_object(require(agents[0], agent_path, "who", "who caused the event"), who_path);
  if (const json* ident = find(who, "identifier"); ident != nullptr) {
    const std::string p = json_member_path(who_path, "identifier");
    as_object(*ident, p);
    actor_id = required_string(*ident, p, "value", "an identifier has a value");
  }

  lifecycle_event e{kind, at, actor{*role, actor_id}, std::nullopt, std::nullopt, {}};
  const json& reasons = array_at(j, path, "reason");
  for (std::size_t i = 0; i < reasons.size() && !e.reason; ++i) {
    const std::string p = json_item_path(json_member_path(path, "reason"), i);
    const auto found = codes_in(reasons[i], p, cs_reason);
    if (!found.empty()) e.reason = json_at_path(p, [&] { return parse_reason_code(found.front()); });
  }
  for (const auto& ext : extensions(prov, ext_link_worker)) {
    const std::string p = json_member_path(ext.second, "valueIdentifier");
    const json& ident = as_object(require(*ext.first, ext.second, "valueIdentifier", "the link worker's id"), p);
    const std::string value = required_string(ident, p, "value", "an identifier has a value");
    e.link_worker = json_at_path(p, [&] { return link_worker_id(value); });
  }
  for (const auto& ext : extensions(prov, ext_event_note)) e.note = extension_string(ext, "valueString");
  return e;
}

referral read_referral(const document& doc, const located& sr, const located& task) {
  const json& j = *sr.resource;
  const auto id_text = logical_id(sr, sid_referral);
  if (!id_text) {
    fail(error_id::parse_structure, json_member_path(sr.path, "identifier"),
         std::string("is required: the referral's id (identifier of system '") + sid_referral +
             "' or the resource id)");
  }
  referral_id id = json_at_path(json_member_path(sr.path, "identifier"), [&] { return referral_id(*id_text); });

  const std::string subject_path = json_member_path(sr.path, "subject");
  const located patient = doc.resolve(j.at("subject"), subject_path, sr, "Patient", "the client's pseudonymous Patient");
  client subject = read_client(patient);

  const std::string requester_path = json_member_path(sr.path, "requester");
  const located role = doc.resolve(require(j, sr.path, "requester", "the referring professional"), requester_path, sr,
                                   "PractitionerRole", "the referring professional's PractitionerRole");
  professional referrer = read_professional(role);

  need_set needs;
  const json& reasons = array_at(j, sr.path, "reasonCode");
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const std::string p = json_item_path(json_member_path(sr.path, "reasonCode"), i);
    const std::string code = first_code(reasons[i], p, cs_need, "a referral's reasonCode (the need)");
    needs.insert(json_at_path(p, [&] { return parse_need(code); }));
  }

  priority urgency = priority::routine;
  if (const auto p = optional_string(j, sr.path, "priority")) {
    if (*p == "stat") {
      fail(error_id::parse_unsupported, json_member_path(sr.path, "priority"),
           "priority 'stat' is not used for wellbeing referrals; kulkija knows routine, urgent and asap");
    }
    urgency = json_at_path(json_member_path(sr.path, "priority"), [&] { return parse_priority(*p); });
  }

  std::optional<timestamp> consent;
  const json& info = array_at(j, sr.path, "supportingInfo");
  for (std::size_t i = 0; i < info.size() && !consent; ++i) {
    const std::string p = json_item_path(json_member_path(sr.path, "supportingInfo"), i);
    const auto found = doc.try_resolve(info[i], p, sr, "Consent", "the client's consent", false);
    if (!found) continue;
    const std::string& when = required_string(*found->resource, found->path, "dateTime", "when consent was given");
    consent = read_datetime(when, json_member_path(found->path, "dateTime"));
  }

  if (const json* for_ref = find(*task.resource, "for"); for_ref != nullptr) {
    const std::string p = json_member_path(task.path, "for");
    const located other = doc.resolve(*for_ref, p, task, "Patient", "the client the Task is for");
    if (other.resource != patient.resource) {
      fail(error_id::parse_structure, p, "the Task is for another Patient than its ServiceRequest's subject (" + patient.path + ")");
    }
  }

  referral r = json_at_path(sr.path, [&] { return referral(id, subject, referrer, needs, urgency); });
  if (consent) json_at_path(sr.path, [&] { r.record_consent(*consent); });
  const json& history = array_at(*task.resource, task.path, "relevantHistory");
  for (std::size_t i = 0; i < history.size(); ++i) {
    const std::string p = json_item_path(json_member_path(task.path, "relevantHistory"), i);
    const located prov = doc.resolve(history[i], p, task, "Provenance", "an entry of the referral's history");
    const lifecycle_event e = read_event(prov);
    json_at_path(prov.path, [&] { r.apply(e); });
  }

  const fhir_status expected = fhir_status_of(r.state());
  const std::string replayed = " reached by replaying its relevantHistory (" + std::to_string(history.size()) +
                               " entries)";
  if (j.at("status").get<std::string>() != expected.service_request) {
    fail(error_id::parse_structure, json_member_path(sr.path, "status"),
         "status " + quote(j.at("status").get<std::string>()) + " disagrees with the state '" +
             std::string(to_string(r.state())) + "'" + replayed + ", whose ServiceRequest status is '" +
             std::string(expected.service_request) + "'");
  }
  if (task.resource->at("status").get<std::string>() != expected.task) {
    fail(error_id::parse_structure, json_member_path(task.path, "status"),
         "status " + quote(task.resource->at("status").get<std::string>()) + " disagrees with the state '" +
             std::string(to_string(r.state())) + "'" + replayed + ", whose Task status is '" +
             std::string(expected.task) + "'");
  }
  return r;
}

}  // namespace

std::vector<referral> from_fhir_bundle(std::string_view text) {
  const json root = detail::parse_json<json>(text);
  as_object(root, "$");
  const std::string& type = required_string(root, "$", "resourceType", "every resource names its type");
  if (type != "Bundle" && type != "ServiceRequest" && type != "Task") {
    fail(error_id::parse_unsupported, "$.resourceType",
         "kulkija reads a Bundle, a ServiceRequest or a Task, got " + quote(type));
  }
  const document doc(root);
  std::vector<referral> out;

  if (type == "ServiceRequest") {
    const located& sr = doc.resources().front();
    check_service_request(sr);
    fail(error_id::parse_structure, "$",
         "a ServiceRequest alone does not carry the referral's lifecycle; kulkija needs its Task (closed-loop "
         "referral pattern), e.g. both in a Bundle");
  }
  if (type == "Task") {
    const located& task = doc.resources().front();
    check_task(task);
    const located sr = doc.resolve(root.at("focus"), "$.focus", task, "ServiceRequest", "the referral the Task fulfils");
    check_service_request(sr);
    out.push_back(read_referral(doc, sr, task));
    return out;
  }

  // a Bundle: every Task focuses one ServiceRequest; every ServiceRequest has one Task
  std::vector<const located*> requests;
  std::map<const json*, const located*> task_of;
  for (const located& res : doc.resources()) {
    const std::string& res_type = res.resource->at("resourceType").get_ref<const std::string&>();
    if (res_type == "ServiceRequest") requests.push_back(&res);
    if (res_type != "Task") continue;
    check_task(res);
    const std::string focus_path = json_member_path(res.path, "focus");
    const located sr = doc.resolve(res.resource->at("focus"), focus_path, res, "ServiceRequest",
                                   "the referral the Task fulfils");
    const auto [it, inserted] = task_of.emplace(sr.resource, &res);
    if (!inserted) {
      fail(error_id::parse_structure, focus_path,
           "a second Task has the same ServiceRequest as its focus (the first is " + it->second->path + ")");
    }
  }
  if (requests.empty()) {
    fail(error_id::parse_unsupported, "$.entry", "the Bundle holds no ServiceRequest, so no referral");
  }
  for (const located* sr : requests) {
    check_service_request(*sr);
    const auto it = task_of.find(sr->resource);
    if (it == task_of.end()) {
      fail(error_id::parse_structure, sr->path,
           "no Task in the Bundle has this ServiceRequest as its focus; kulkija needs the Task for the lifecycle");
    }
    out.push_back(read_referral(doc, *sr, *it->second));
  }
  return out;
}

referral from_fhir(std::string_view text) {
  auto referrals = from_fhir_bundle(text);
  if (referrals.size() != 1) {
    fail(error_id::parse_structure, "$",
         "expected exactly one referral, found " + std::to_string(referrals.size()) + "; use from_fhir_bundle()");
  }
  return std::move(referrals.front());
}

}  // namespace kulkija
