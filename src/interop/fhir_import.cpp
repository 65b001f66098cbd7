// Reading referrals from FHIR R4 (kulkija::read_fhir, read_fhir_pair, from_fhir, from_fhir_bundle,
// from_fhir_pair): kulkija's own Bundles and those of other closed-loop referral systems.
#include "kulkija/interop/fhir.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "../detail/identity_text.hpp"
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

// ------------------------------------------------------------------ reading: the mode

// What an import reads with, and the warnings of a lenient one.
struct context {
  const fhir_read_options& options;
  std::vector<fhir_warning>& warnings;

  // A code (or status) that strict mode refuses and lenient mode lets through with a warning.
  void refuse_or_warn(error_id id, const std::string& path, const std::string& message) const {
    if (options.mode == fhir_mode::strict) fail(id, path, message);
    warnings.push_back({id, path, message});
  }
};

// A text for error messages that never repeats a personal identity code.
std::string safe_quote(const std::string& text) {
  return detail::holds_identity_code(text) ? std::string("(a text shaped like a personal identity code)") : quote(text);
}

// ------------------------------------------------------------------ reading: references

struct located {
  const json* resource = nullptr;
  std::string path;
  const json* container = nullptr;  // the resource whose `contained` holds it, or itself
  std::string container_path;
};

// "Type/id" of a relative or absolute reference (without `_history`), or nothing.
std::optional<std::pair<std::string, std::string>> type_and_id(std::string key) {
  if (key.starts_with("urn:") || key.starts_with("#")) return std::nullopt;
  if (const auto history = key.find("/_history/"); history != std::string::npos) key.resize(history);
  const auto slash = key.rfind('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == key.size()) return std::nullopt;
  const auto type_slash = key.rfind('/', slash - 1);
  const std::size_t from = type_slash == std::string::npos ? 0 : type_slash + 1;
  return std::make_pair(key.substr(from, slash - from), key.substr(slash + 1));
}

class document {
 public:
  document(const json& root, const fhir_resolver& resolver) : resolver_(resolver) {
    if (root.value("resourceType", std::string{}) == "Bundle") {
      const json& entries = array_at(root, "$", "entry");
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const std::string entry_path = json_item_path("$.entry", i);
        as_object(entries[i], entry_path);
        const std::string path = json_member_path(entry_path, "resource");
        const json& res = as_object(require(entries[i], entry_path, "resource", "a Bundle entry holds a resource"), path);
        required_string(res, path, "resourceType", "every resource names its type");
        const located* at = &top_.emplace_back(located{&res, path, &res, path});
        entries_.push_back(at);
        if (const auto full = optional_string(entries[i], entry_path, "fullUrl")) {
          by_url_.emplace(*full, at);
          if (const auto ti = type_and_id(*full)) by_url_.emplace(ti->first + "/" + ti->second, at);
        }
        index_by_id(*at);
      }
      bundle_ = true;
    } else {
      entries_.push_back(&top_.emplace_back(located{&root, "$", &root, "$"}));
    }
  }

  document(const document&) = delete;
  document& operator=(const document&) = delete;

  // The Bundle's entries, or the one root resource.
  [[nodiscard]] const std::vector<const located*>& resources() const noexcept { return entries_; }

  // Adds a resource given beside the root (read_fhir_pair): found by `Type/id` and `urn:uuid:id`.
  const located& add(const json& res, const std::string& path) {
    const located* at = &top_.emplace_back(located{&res, path, &res, path});
    index_by_id(*at);
    if (const json* id = find(res, "id"); id != nullptr && id->is_string()) {
      by_url_.emplace("urn:uuid:" + id->get<std::string>(), at);
    }
    return *at;
  }

  // The resource that `ref` (a Reference inside `from`) points to, of type `expected`.
  [[nodiscard]] located resolve(const json& ref, const std::string& ref_path, const located& from,
                                std::string_view expected, std::string_view why) const {
    return *try_resolve(ref, ref_path, from, expected, why, true);
  }

  // As resolve(), but nothing when the reference does not resolve (and `required` is false).
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
    const std::string target_path = json_member_path(ref_path, "reference");
    const std::string& text = as_string(*target, target_path);
    if (detail::holds_identity_code(text)) {
      fail(error_id::personal_data, target_path,
           "a reference holds something shaped like a personal identity code; kulkija never reads one");
    }
    std::optional<located> hit;
    if (text.starts_with("#")) {
      const json& contained = array_at(*from.container, from.container_path, "contained");
      for (std::size_t i = 0; i < contained.size(); ++i) {
        if (contained[i].is_object() && contained[i].value("id", std::string{}) == text.substr(1)) {
          hit = located{&contained[i], json_item_path(json_member_path(from.container_path, "contained"), i),
                        from.container, from.container_path};
          break;
        }
      }
    } else {
      const auto ti = type_and_id(text);
      // a relative or absolute reference names its type before the id
      if (ti && ti->first != expected) {
        fail(error_id::parse_unsupported, target_path,
             "must refer to a " + std::string(expected) + " (" + std::string(why) + "), got a reference to a " +
                 ti->first);
      }
      auto it = by_url_.find(text);
      if (it == by_url_.end() && ti) it = by_url_.find(ti->first + "/" + ti->second);
      if (it != by_url_.end()) {
        hit = *it->second;
      } else if (resolver_) {
        hit = fetch(text, target_path);
      }
    }
    if (!hit) {
      if (!required) return std::nullopt;
      fail(error_id::parse_structure, target_path,
           "reference " + safe_quote(text) + " does not resolve to " +
               (text.starts_with("#") ? std::string("a contained resource")
                : bundle_             ? std::string("an entry of the Bundle")
                                      : std::string("a resource: a single resource must contain what it refers to")) +
               (resolver_ && !text.starts_with("#") ? std::string(" nor through the resolver") : std::string()) +
               "; kulkija needs it: " + std::string(why));
    }
    const std::string type = hit->resource->is_object() ? hit->resource->value("resourceType", std::string{}) : std::string{};
    if (type != expected) {
      if (!required) return std::nullopt;
      fail(error_id::parse_unsupported, target_path,
           "must refer to a " + std::string(expected) + " (" + std::string(why) + "), got a " +
               (type.empty() ? std::string("resource without a type") : type));
    }
    used_.insert(hit->resource);
    return hit;
  }

  // Whether kulkija read this resource through a reference.
  [[nodiscard]] bool used(const json* resource) const { return used_.contains(resource); }

 private:
  void index_by_id(const located& at) {
    const std::string type = at.resource->value("resourceType", std::string{});
    if (const auto id = optional_string(*at.resource, at.path, "id")) by_url_.emplace(type + "/" + *id, &at);
  }

  // A resource the resolver gives for `reference`; its paths start `[reference]$`.
  std::optional<located> fetch(const std::string& reference, const std::string& ref_path) const {
    const std::optional<std::string> text = resolver_(reference);
    if (!text) return std::nullopt;
    const std::string root = "[" + reference + "]$";
    const json& res = fetched_.emplace_back([&] {
      try {
        return detail::parse_json<json>(*text);
      } catch (const parse_error& e) {
        throw parse_error(e.id(), "the resolver's answer for " + ref_path + ": " + std::string(e.message()), e.line(),
                          e.column(), root);
      }
    }());
    as_object(res, root);
    required_string(res, root, "resourceType", "every resource names its type");
    const located* at = &top_.emplace_back(located{&res, root, &res, root});
    by_url_.emplace(reference, at);
    const std::string type = res.value("resourceType", std::string{});
    if (const json* id = find(res, "id"); id != nullptr && id->is_string()) {
      by_url_.emplace(type + "/" + id->get<std::string>(), at);
    }
    return *at;
  }

  const fhir_resolver& resolver_;
  mutable std::deque<located> top_;
  mutable std::deque<json> fetched_;
  std::vector<const located*> entries_;
  mutable std::map<std::string, const located*> by_url_;
  mutable std::set<const json*> used_;
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


// The intent of a request: `order` and its kinds are referrals; proposal, plan, directive
// and option are not.
void check_intent(const json& j, const located& res, std::string_view what) {
  const std::string path = json_member_path(res.path, "intent");
  const std::string& intent = required_string(j, res.path, "intent", std::string("a ") + std::string(what) + " has an intent");
  check_one_of(intent, request_intents, path, std::string(what) + " intent");
  if (std::find(order_intents.begin(), order_intents.end(), intent) == order_intents.end()) {
    fail(error_id::parse_unsupported, path,
         "intent " + quote(intent) + " is not a referral: a " + intent +
             " only suggests, plans or offers the service; a referral is an order (intent 'order' or one of its "
             "kinds in FHIR's request-intent hierarchy: original-order, reflex-order, filler-order, instance-order)");
  }
}

// The code map's entry of the ServiceRequest's code; in lenient mode an unknown code is a
// warning and gives nothing.
const fhir_code_map::referral_entry* check_service_request(const context& ctx, const located& sr) {
  const json& j = *sr.resource;
  const std::string& status = required_string(j, sr.path, "status", "a ServiceRequest has a status");
  check_one_of(status, request_statuses, json_member_path(sr.path, "status"), "ServiceRequest status");
  if (status == "unknown") {
    fail(error_id::parse_unsupported, json_member_path(sr.path, "status"),
         "status 'unknown' has no referral state; kulkija needs the request's real status");
  }
  check_intent(j, sr, "ServiceRequest");
  require(j, sr.path, "subject", "the client as a reference to a pseudonymous Patient");
  const std::string code_path = json_member_path(sr.path, "code");
  const json& code = as_object(
      require(j, sr.path, "code", "a referral is coded, e.g. as SNOMED CT 871731000000106 (see the code map)"), code_path);
  const fhir_code_map& map = ctx.options.codes;
  const json& codings = array_at(code, code_path, "coding");
  for (std::size_t i = 0; i < codings.size(); ++i) {
    const std::string p = json_item_path(json_member_path(code_path, "coding"), i);
    as_object(codings[i], p);
    const auto system = optional_string(codings[i], p, "system");
    const auto value = optional_string(codings[i], p, "code");
    if (system && value) {
      if (const auto* entry = map.find_referral(*system, *value)) return entry;
    }
  }
  std::string expected = "none of its codings is in the code map";
  if (!map.referral_codes().empty()) {
    const auto& first = map.referral_codes().front();
    expected += " (" + std::to_string(map.referral_codes().size()) + " referral codes, e.g. " +
                (first.system == snomed ? std::string("SNOMED CT ") : first.system + "|") + first.code +
                (first.display.empty() ? std::string() : " " + first.display) + ")";
  }
  ctx.refuse_or_warn(error_id::parse_unsupported, code_path,
                     "not a referral kulkija takes: " + expected + ", got " + describe_codes(code));
  return nullptr;
}

void check_task(const located& task) {
  const json& j = *task.resource;
  const std::string& status = required_string(j, task.path, "status", "a Task has a status");
  check_one_of(status, task_statuses, json_member_path(task.path, "status"), "Task status");
  check_intent(j, task, "Task");
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

// ------------------------------------------------------------------ reading: the history of Tasks

// The referral state a Task status stands for: `received` is still requested (kulkija has
// no step between issue and the coordinator's decision).
referral_state state_of_task_status(std::string_view status) {
  for (std::size_t i = 0; i < referral_state_count; ++i) {
    const auto s = static_cast<referral_state>(i);
    if (fhir_status_of(s).task == status) return s;
  }
  return referral_state::requested;  // received
}

// The shortest way along the lifecycle from `from` to `to` without reopening or reassigning
// (the FHIR Task state machine has neither), or nothing.
std::optional<std::vector<const transition*>> way(referral_state from, referral_state to) {
  if (from == to) return std::vector<const transition*>{};
  std::map<referral_state, const transition*> came_by;
  std::vector<referral_state> frontier{from};
  std::set<referral_state> seen{from};
  while (!frontier.empty() && !seen.contains(to)) {
    std::vector<referral_state> next;
    for (referral_state s : frontier) {
      for (const transition& row : transition_table()) {
        if (row.from != s || row.event == referral_event::reopen || row.event == referral_event::reassign) continue;
        if (seen.insert(row.to).second) {
          came_by[row.to] = &row;
          next.push_back(row.to);
        }
      }
    }
    frontier = std::move(next);
  }
  if (!seen.contains(to)) return std::nullopt;
  std::vector<const transition*> steps;
  for (referral_state s = to; s != from; s = came_by.at(s)->from) steps.insert(steps.begin(), came_by.at(s));
  return steps;
}

// Whether a Task carries kulkija's own history: its first relevantHistory entry is a
// Provenance in the received JSON whose activity is a kulkija event.
bool has_kulkija_history(const document& doc, const located& task) {
  const json& history = array_at(*task.resource, task.path, "relevantHistory");
  if (history.empty()) return false;
  const auto first = doc.try_resolve(history[0], json_item_path(json_member_path(task.path, "relevantHistory"), 0), task,
                                     "Provenance", "an entry of the referral's history", false);
  if (!first) return false;
  const json* activity = find(*first->resource, "activity");
  if (activity == nullptr || !activity->is_object()) return true;  // read_event() names what is wrong
  const json* codings = find(*activity, "coding");
  if (codings == nullptr || !codings->is_array()) return true;
  return std::any_of(codings->begin(), codings->end(),
                     [](const json& c) { return c.is_object() && c.value("system", std::string{}) == cs_event; });
}

// The link worker a Task names as its owner: the owner's identifier, or the id its reference
// ends with.
link_worker_id owner_of(const located& task, referral_state target) {
  const std::string path = json_member_path(task.path, "owner");
  const json* owner = find(*task.resource, "owner");
  if (owner == nullptr) {
    detail::json_missing(path,
                         "the link worker: kulkija assigns one when the referral reaches '" +
                             std::string(to_string(target)) + "' (Task status '" +
                             std::string(fhir_status_of(target).task) + "')",
                         error_id::parse_structure);
  }
  as_object(*owner, path);
  std::string value;
  std::string value_path;
  if (const json* ident = find(*owner, "identifier"); ident != nullptr) {
    value_path = json_member_path(path, "identifier");
    as_object(*ident, value_path);
    value = required_string(*ident, value_path, "value", "an identifier has a value");
    value_path = json_member_path(value_path, "value");
  } else if (const auto ref = optional_string(*owner, path, "reference")) {
    value_path = json_member_path(path, "reference");
    if (const auto ti = type_and_id(*ref)) value = ti->second;
  }
  if (value.empty()) {
    detail::json_missing(json_member_path(path, "identifier"), "the link worker's id (an identifier, or a reference ending in the id)",
                         error_id::parse_structure);
  }
  return json_at_path(value_path, [&] { return link_worker_id(value); });
}

// The reason a Task's statusReason gives, for an event that takes one.
std::optional<reason_code> status_reason(const context& ctx, const located& task, const transition& row) {
  if (row.reason == reason_rule::none) return std::nullopt;
  const std::string path = json_member_path(task.path, "statusReason");
  const json* concept_value = find(*task.resource, "statusReason");
  const std::string event(to_string(row.event));
  if (concept_value == nullptr) {
    if (row.reason == reason_rule::optional) return std::nullopt;
    ctx.refuse_or_warn(error_id::parse_structure, path,
                       "is required: kulkija's lifecycle needs the reason of '" + event +
                           "' (a code of kulkija's reason system or one the code map knows)");
    return reason_code::other;
  }
  as_object(*concept_value, path);
  const json& codings = array_at(*concept_value, path, "coding");
  for (std::size_t i = 0; i < codings.size(); ++i) {
    const std::string p = json_item_path(json_member_path(path, "coding"), i);
    as_object(codings[i], p);
    const auto system = optional_string(codings[i], p, "system");
    const auto code = optional_string(codings[i], p, "code");
    if (!system || !code) continue;
    if (const auto r = ctx.options.codes.find_reason(*system, *code)) return r;
    if (*system == cs_reason) json_at_path(p, [&] { return parse_reason_code(*code); });  // names the valid codes
  }
  ctx.refuse_or_warn(error_id::parse_unsupported, path,
                     "the reason of '" + event + "' is not in kulkija's reason system nor in the code map, got " +
                         describe_codes(*concept_value));
  return row.reason == reason_rule::required ? std::optional<reason_code>(reason_code::other) : std::nullopt;
}

// The actor of an event kulkija derives from a Task of another system.
actor actor_of(const transition& row, const referral& r) {
  actor_role preferred = actor_role::coordinator;
  switch (row.event) {
    case referral_event::issue: preferred = actor_role::referrer; break;
    case referral_event::first_contact:
    case referral_event::pause:
    case referral_event::resume:
    case referral_event::complete:
    case referral_event::discontinue: preferred = actor_role::link_worker; break;
    case referral_event::cancel:
      preferred = row.from == referral_state::draft || row.from == referral_state::requested ? actor_role::referrer
                                                                                              : actor_role::coordinator;
      break;
    default: break;
  }
  if (std::find(row.roles.begin(), row.roles.end(), preferred) == row.roles.end()) preferred = row.roles.front();
  return actor{preferred, preferred == actor_role::referrer ? r.referrer().id().str() : std::string()};
}

// When a Task of another system reached its status: lastModified, else authoredOn.
std::optional<timestamp> task_time(const located& task) {
  for (const char* key : {"lastModified", "authoredOn"}) {
    if (const auto text = optional_string(*task.resource, task.path, key)) {
      return read_datetime(*text, json_member_path(task.path, key));
    }
  }
  return std::nullopt;
}

// Moves `r` to the state a Task of another system stands for, along the lifecycle.
void follow_task(const context& ctx, referral& r, const located& sr, const located& task,
                 std::optional<timestamp> when) {
  const std::string& status = task.resource->at("status").get_ref<const std::string&>();
  const referral_state target = state_of_task_status(status);
  const auto steps = way(r.state(), target);
  if (!steps) {
    fail(error_id::transition_not_allowed, json_member_path(task.path, "status"),
         "Task status " + quote(status) + " cannot follow the state '" + std::string(to_string(r.state())) +
             "' (Task status '" + std::string(fhir_status_of(r.state()).task) +
             "') that the earlier Tasks reached: the FHIR Task state machine and kulkija's lifecycle have no way "
             "from one to the other");
  }
  if (!steps->empty() && !when) {
    detail::json_missing(json_member_path(task.path, "lastModified"),
                         "when the Task reached its status (lastModified or authoredOn, or the ServiceRequest's "
                         "authoredOn)",
                         error_id::parse_structure);
  }
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const timestamp at = *when;
    const transition& row = *(*steps)[i];
    lifecycle_event e{row.event, at, actor_of(row, r), std::nullopt, std::nullopt, {}};
    if (row.event == referral_event::issue) {
      if (const auto authored = optional_string(*sr.resource, sr.path, "authoredOn")) {
        const timestamp issued = read_datetime(*authored, json_member_path(sr.path, "authoredOn"));
        if (issued <= at) e.at = issued;
      }
    }
    if (i + 1 == steps->size() || row.reason == reason_rule::required) e.reason = status_reason(ctx, task, row);
    if (row.event == referral_event::assign) e.link_worker = owner_of(task, target);
    json_at_path(task.path, [&] { r.apply(e); });
  }
}

// ------------------------------------------------------------------ reading: what is kept

class keeper {
 public:
  explicit keeper(std::string resource) : resource_(std::move(resource)) {}

  void keep(std::string_view name, const json& value, const std::string& path) {
    const std::string text = value.dump();
    if (detail::holds_identity_code(text)) {
      fail(error_id::personal_data, path,
           "holds something shaped like a personal identity code; kulkija keeps what it does not model, but never "
           "a personal identity code");
    }
    out_.push_back({resource_, std::string(name), text});
  }

  // The items of array `name` that kulkija does not write itself.
  template <class Own>
  void keep_items(const json& res, const std::string& path, std::string_view name, Own own) {
    const json& items = array_at(res, path, name);
    json kept = json::array();
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!own(items[i], i)) kept.push_back(items[i]);
    }
    if (!kept.empty()) keep(name, kept, json_member_path(path, name));
  }

  std::vector<kept_element>& elements() { return out_; }

 private:
  std::string resource_;
  std::vector<kept_element> out_;
};

// Whether two JSON values are equal, whatever the order of their members.
bool same(const json& a, const json& b) { return detail::json::parse(a.dump()) == detail::json::parse(b.dump()); }

bool has_system(const json& concept_or_identifier, std::string_view system) {
  if (!concept_or_identifier.is_object()) return false;
  if (concept_or_identifier.value("system", std::string{}) == system) return true;
  const json* codings = find(concept_or_identifier, "coding");
  return codings != nullptr && codings->is_array() &&
         std::any_of(codings->begin(), codings->end(),
                     [&](const json& c) { return c.is_object() && c.value("system", std::string{}) == system; });
}

// What a resource holds that kulkija does not write: `modelled` are the elements kulkija
// writes from its model; `overridable` the ones it writes a default for, kept when the
// sender's value differs; `meta` loses its server-managed version and time.
void keep_rest(keeper& k, const document& doc, const located& res, std::initializer_list<std::string_view> modelled,
               std::initializer_list<std::pair<std::string_view, json>> overridable) {
  for (const auto& [key, value] : res.resource->items()) {
    const std::string path = json_member_path(res.path, key);
    if (std::find(modelled.begin(), modelled.end(), key) != modelled.end()) continue;
    bool handled = false;
    for (const auto& [name, default_value] : overridable) {
      if (name == key) {
        if (!same(value, default_value)) k.keep(key, value, path);
        handled = true;
      }
    }
    if (handled) continue;
    if (key == "meta" && value.is_object()) {
      json meta = value;
      meta.erase("versionId");
      meta.erase("lastUpdated");
      if (!meta.empty()) k.keep(key, meta, path);
    } else if (key == "contained") {
      k.keep_items(*res.resource, res.path, "contained", [&](const json& item, std::size_t) { return doc.used(&item); });
    } else {
      k.keep(key, value, path);
    }
  }
}

// ------------------------------------------------------------------ reading: a referral

referral read_referral(const context& ctx, const document& doc, const located& sr,
                       const fhir_code_map::referral_entry* kind, std::vector<const located*> tasks) {
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

  // needs: kulkija's need codes, codes the map knows, and those the referral code implies
  need_set needs;
  if (kind != nullptr) {
    for (need n : kind->needs) needs.insert(n);
  }
  const json& reasons = array_at(j, sr.path, "reasonCode");
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    const std::string p = json_item_path(json_member_path(sr.path, "reasonCode"), i);
    as_object(reasons[i], p);
    const json& codings = array_at(reasons[i], p, "coding");
    for (std::size_t c = 0; c < codings.size(); ++c) {
      const std::string cp = json_item_path(json_member_path(p, "coding"), c);
      as_object(codings[c], cp);
      const auto system = optional_string(codings[c], cp, "system");
      if (!system) continue;
      if (*system == cs_need) {
        const std::string& code = required_string(codings[c], cp, "code", "a coding of a known system needs its code");
        needs.insert(json_at_path(p, [&] { return parse_need(code); }));
      } else if (const auto code = optional_string(codings[c], cp, "code")) {
        if (const auto n = ctx.options.codes.find_need(*system, *code)) needs.insert(*n);
      }
    }
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
  std::optional<std::size_t> consent_index;
  const json& info = array_at(j, sr.path, "supportingInfo");
  for (std::size_t i = 0; i < info.size() && !consent; ++i) {
    const std::string p = json_item_path(json_member_path(sr.path, "supportingInfo"), i);
    as_object(info[i], p);
    if (const auto ref = optional_string(info[i], p, "reference")) {
      const auto ti = type_and_id(*ref);
      if (ti && ti->first != "Consent") continue;  // another kind of supporting information: kept
    }
    const auto found = doc.try_resolve(info[i], p, sr, "Consent", "the client's consent", false);
    if (!found) continue;
    const std::string& when = required_string(*found->resource, found->path, "dateTime", "when consent was given");
    consent = read_datetime(when, json_member_path(found->path, "dateTime"));
    consent_index = i;
  }

  for (const located* task : tasks) {
    if (const json* for_ref = find(*task->resource, "for"); for_ref != nullptr) {
      const std::string p = json_member_path(task->path, "for");
      const located other = doc.resolve(*for_ref, p, *task, "Patient", "the client the Task is for");
      if (other.resource != patient.resource) {
        fail(error_id::parse_structure, p,
             "the Task is for another Patient than its ServiceRequest's subject (" + patient.path + ")");
      }
    }
  }

  referral r = json_at_path(sr.path, [&] { return referral(id, subject, referrer, needs, urgency); });
  if (consent) json_at_path(sr.path, [&] { r.record_consent(*consent); });

  // the Tasks in the order they reached their statuses
  struct timed_task {
    const located* task;
    std::optional<timestamp> at;
    bool own;
  };
  std::vector<timed_task> timed;
  for (const located* task : tasks) {
    const bool own = has_kulkija_history(doc, *task);
    std::optional<timestamp> at = task_time(*task);
    if (!own && !at && tasks.size() > 1) {
      detail::json_missing(json_member_path(task->path, "lastModified"),
                           "when the Task reached its status (lastModified or authoredOn), to order the referral's Tasks",
                           error_id::parse_structure);
    }
    if (!own && !at) {
      if (const auto authored = optional_string(j, sr.path, "authoredOn")) {
        at = read_datetime(*authored, json_member_path(sr.path, "authoredOn"));
      }
    }
    timed.push_back({task, at, own});
  }
  std::stable_sort(timed.begin(), timed.end(), [](const timed_task& a, const timed_task& b) {
    if (!a.at || !b.at) return false;
    return *a.at < *b.at;
  });

  bool all_own = true;
  std::set<const json*> applied;
  for (const timed_task& t : timed) {
    const located& task = *t.task;
    if (!t.own) {
      all_own = false;
      follow_task(ctx, r, sr, task, t.at);
      continue;
    }
    const json& history = array_at(*task.resource, task.path, "relevantHistory");
    for (std::size_t i = 0; i < history.size(); ++i) {
      const std::string p = json_item_path(json_member_path(task.path, "relevantHistory"), i);
      const located prov = doc.resolve(history[i], p, task, "Provenance", "an entry of the referral's history");
      if (!applied.insert(prov.resource).second) continue;
      const lifecycle_event e = read_event(prov);
      json_at_path(prov.path, [&] { r.apply(e); });
    }
    const fhir_status expected = fhir_status_of(r.state());
    if (task.resource->at("status").get<std::string>() != expected.task) {
      fail(error_id::parse_structure, json_member_path(task.path, "status"),
           "status " + quote(task.resource->at("status").get<std::string>()) + " disagrees with the state '" +
               std::string(to_string(r.state())) + "' reached by replaying its relevantHistory (" +
               std::to_string(history.size()) + " entries), whose Task status is '" + std::string(expected.task) + "'");
    }
  }

  const fhir_status expected = fhir_status_of(r.state());
  if (j.at("status").get<std::string>() != expected.service_request) {
    const std::string message =
        "status " + quote(j.at("status").get<std::string>()) + " disagrees with the state '" +
        std::string(to_string(r.state())) + "'" +
        (all_own ? " reached by replaying its relevantHistory (" + std::to_string(r.history().size()) + " entries)"
                 : std::string(" that its Tasks reached")) +
        ", whose ServiceRequest status is '" + std::string(expected.service_request) + "'";
    if (all_own) fail(error_id::parse_structure, json_member_path(sr.path, "status"), message);
    ctx.refuse_or_warn(error_id::parse_structure, json_member_path(sr.path, "status"), message);
  }

  // what kulkija does not model, kept to be written back
  std::string issue_note;
  for (auto it = r.history().rbegin(); it != r.history().rend(); ++it) {
    if (it->event.kind == referral_event::issue) {
      issue_note = it->event.note;
      break;
    }
  }
  keeper request("ServiceRequest");
  keep_rest(request, doc, sr,
            {"resourceType", "id", "text", "status", "priority", "subject", "authoredOn", "requester", "identifier",
             "reasonCode", "supportingInfo", "note"},
            {{"intent", json("order")}, {"category", default_request_category()}, {"code", default_request_code()}});
  request.keep_items(j, sr.path, "identifier", [](const json& item, std::size_t) { return has_system(item, sid_referral); });
  request.keep_items(j, sr.path, "reasonCode", [](const json& item, std::size_t) { return has_system(item, cs_need); });
  request.keep_items(j, sr.path, "supportingInfo",
                     [&](const json&, std::size_t i) { return consent_index && *consent_index == i; });
  request.keep_items(j, sr.path, "note", [&](const json& item, std::size_t) {
    return !issue_note.empty() && item == json{{"text", issue_note}};
  });
  std::vector<kept_element> kept = std::move(request.elements());
  if (!timed.empty()) {
    const located& last = *timed.back().task;
    keeper task("Task");
    keep_rest(task, doc, last,
              {"resourceType", "id", "text", "status", "statusReason", "businessStatus", "priority", "focus", "for",
               "executionPeriod", "authoredOn", "lastModified", "requester", "owner", "relevantHistory", "identifier",
               "output"},
              {{"intent", json("order")}, {"code", default_task_code()}});
    task.keep_items(*last.resource, last.path, "identifier",
                    [](const json& item, std::size_t) { return has_system(item, sid_referral); });
    task.keep_items(*last.resource, last.path, "output", [](const json& item, std::size_t) {
      return item.is_object() && item.contains("type") && has_system(item.at("type"), cs_task_output);
    });
    for (auto& e : task.elements()) kept.push_back(std::move(e));
  }
  // one order whatever the order of the received members, so that equal content is equal
  std::stable_sort(kept.begin(), kept.end(), [](const kept_element& a, const kept_element& b) {
    return std::tie(a.resource, a.name) < std::tie(b.resource, b.name);
  });
  json_at_path(sr.path, [&] { r.set_kept(std::move(kept)); });
  return r;
}

// Every referral of a document: each ServiceRequest with the Tasks whose focus it is.
std::vector<referral> read_document(const context& ctx, const document& doc) {
  std::vector<const located*> requests;
  std::map<const json*, std::vector<const located*>> tasks_of;
  for (const located* res : doc.resources()) {
    const std::string& res_type = res->resource->at("resourceType").get_ref<const std::string&>();
    if (res_type == "ServiceRequest") requests.push_back(res);
    if (res_type != "Task") continue;
    check_task(*res);
    const std::string focus_path = json_member_path(res->path, "focus");
    const located sr = doc.resolve(res->resource->at("focus"), focus_path, *res, "ServiceRequest",
                                   "the referral the Task fulfils");
    if (res->path == "$") requests.push_back(nullptr);  // a Task alone: its ServiceRequest, resolved below
    tasks_of[sr.resource].push_back(res);
  }
  if (requests.empty()) {
    fail(error_id::parse_unsupported, "$.entry", "the Bundle holds no ServiceRequest, so no referral");
  }
  std::vector<referral> out;
  for (const located* sr : requests) {
    std::optional<located> resolved;
    if (sr == nullptr) {  // the root Task's focus
      const located& task = *doc.resources().front();
      resolved = doc.resolve(task.resource->at("focus"), "$.focus", task, "ServiceRequest", "the referral the Task fulfils");
      sr = &*resolved;
    }
    const auto* kind = check_service_request(ctx, *sr);
    const auto it = tasks_of.find(sr->resource);
    if (it == tasks_of.end()) {
      fail(error_id::parse_structure, sr->path,
           "no Task in the Bundle has this ServiceRequest as its focus; kulkija needs the Task for the lifecycle");
    }
    out.push_back(read_referral(ctx, doc, *sr, kind, it->second));
  }
  return out;
}

json parse_root(std::string_view text, const std::string& root) {
  json j = [&] {
    try {
      return detail::parse_json<json>(text);
    } catch (const parse_error& e) {
      if (root == "$") throw;
      throw parse_error(e.id(), std::string(e.message()), e.line(), e.column(), root);
    }
  }();
  as_object(j, root);
  return j;
}

}  // namespace

fhir_import read_fhir(std::string_view text, const fhir_read_options& options) {
  fhir_import result;
  const context ctx{options, result.warnings};
  const json root = parse_root(text, "$");
  const std::string& type = required_string(root, "$", "resourceType", "every resource names its type");
  if (type != "Bundle" && type != "ServiceRequest" && type != "Task") {
    fail(error_id::parse_unsupported, "$.resourceType",
         "kulkija reads a Bundle, a ServiceRequest or a Task, got " + quote(type));
  }
  const document doc(root, options.resolver);
  if (type == "ServiceRequest") {
    (void)check_service_request(ctx, *doc.resources().front());
    fail(error_id::parse_structure, "$",
         "a ServiceRequest alone does not carry the referral's lifecycle; kulkija needs its Task (closed-loop "
         "referral pattern), e.g. both in a Bundle, or given together to from_fhir_pair()");
  }
  result.referrals = read_document(ctx, doc);
  return result;
}

fhir_import read_fhir_pair(std::string_view task_text, std::string_view request_text, const fhir_read_options& options) {
  fhir_import result;
  const context ctx{options, result.warnings};
  const std::string request_root = "[service_request]$";
  const json task = parse_root(task_text, "$");
  const json request = parse_root(request_text, request_root);
  if (required_string(task, "$", "resourceType", "every resource names its type") != "Task") {
    fail(error_id::parse_unsupported, "$.resourceType", "the first of the pair must be a Task");
  }
  if (required_string(request, request_root, "resourceType", "every resource names its type") != "ServiceRequest") {
    fail(error_id::parse_unsupported, json_member_path(request_root, "resourceType"),
         "the second of the pair must be a ServiceRequest");
  }
  document doc(task, options.resolver);
  const located& sr = doc.add(request, request_root);
  check_task(*doc.resources().front());
  const located focus = doc.resolve(task.at("focus"), "$.focus", *doc.resources().front(), "ServiceRequest",
                                    "the referral the Task fulfils");
  if (focus.resource != sr.resource) {
    fail(error_id::parse_structure, "$.focus.reference",
         "must refer to the ServiceRequest given beside the Task (" +
             (request.contains("id") && request.at("id").is_string() ? "id " + safe_quote(request.at("id").get<std::string>())
                                                                     : std::string("which has no id")) +
             ")");
  }
  result.referrals = read_document(ctx, doc);
  return result;
}

std::vector<referral> from_fhir_bundle(std::string_view text, const fhir_read_options& options) {
  return read_fhir(text, options).referrals;
}

referral from_fhir(std::string_view text, const fhir_read_options& options) {
  auto referrals = from_fhir_bundle(text, options);
  if (referrals.size() != 1) {
    fail(error_id::parse_structure, "$",
         "expected exactly one referral, found " + std::to_string(referrals.size()) + "; use from_fhir_bundle()");
  }
  return std::move(referrals.front());
}

referral from_fhir_pair(std::string_view task, std::string_view service_request, const fhir_read_options& options) {
  return std::move(read_fhir_pair(task, service_request, options).referrals.front());
}

}  // namespace kulkija
