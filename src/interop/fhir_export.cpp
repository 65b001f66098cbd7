// Writing referrals as FHIR R4 bundles (kulkija::to_fhir, kulkija::to_fhir_bundle).
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

// ------------------------------------------------------------------ text forms

// A timestamp as a FHIR dateTime/instant in UTC, with the fraction of a second when there is one.
std::string fhir_datetime(timestamp t) { return format_timestamp(t); }

// ------------------------------------------------------------------ ids

std::uint64_t fnv1a(std::string_view text, std::uint64_t hash) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// A name-based UUID (RFC 9562 version 8) of a resource: the same referral always gives the
// same ids, and different referrals or resources give different ones.
std::string resource_uuid(std::string_view kind, std::string_view referral_key, std::size_t index) {
  std::string name(kind);
  name += '\x1f';
  name += referral_key;
  name += '\x1f';
  name += std::to_string(index);
  const std::uint64_t hi = fnv1a(name, 0xcbf29ce484222325ULL);
  const std::uint64_t lo = fnv1a(name, fnv1a("kulkija", 0x84222325cbf29ce4ULL));
  std::array<unsigned char, 16> b{};
  for (int i = 0; i < 8; ++i) {
    b[static_cast<std::size_t>(i)] = static_cast<unsigned char>(hi >> (56 - 8 * i));
    b[static_cast<std::size_t>(8 + i)] = static_cast<unsigned char>(lo >> (56 - 8 * i));
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0FU) | 0x80U);
  b[8] = static_cast<unsigned char>((b[8] & 0x3FU) | 0x80U);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += hex[b[i] >> 4U];
    out += hex[b[i] & 0x0FU];
  }
  return out;
}

// ------------------------------------------------------------------ writing

json coding(std::string_view system, std::string_view code, std::string_view display = {}) {
  return coding_of(system, code, display);
}

json concept_of(json coding_value, std::string_view text = {}) { return concept_with(std::move(coding_value), text); }

json extension(std::string_view url, std::string_view value_key, json value) {
  json e = json::object();
  e["url"] = url;
  e[std::string(value_key)] = std::move(value);
  return e;
}

json reference_to(const std::string& url) { return json{{"reference", url}}; }

json identifier(std::string_view system, std::string_view value) {
  return json{{"system", system}, {"value", value}};
}

json reason_concept(reason_code reason) {
  json c = json::object();
  c["coding"] = json::array({coding(cs_reason, to_string(reason), label(reason).en)});
  if (reason == reason_code::client_declined) {
    c["coding"].push_back(coding(snomed, code_declined, "Social prescribing declined"));
  }
  c["text"] = label(reason).en;
  return c;
}

std::string_view reference_type_of(actor_role role) {
  switch (role) {
    case actor_role::client: return "Patient";
    case actor_role::system: return "Device";
    case actor_role::referrer:
    case actor_role::coordinator:
    case actor_role::link_worker: break;
  }
  return "PractitionerRole";
}

// The resources of one referral, each with its fullUrl, in Bundle order.
class referral_writer {
 public:
  explicit referral_writer(const referral& r) : r_(r) {
    const std::string& key = r.id().str();
    service_request_ = resource_uuid("ServiceRequest", key, 0);
    task_ = resource_uuid("Task", key, 0);
    patient_ = resource_uuid("Patient", key, 0);
    requester_ = resource_uuid("PractitionerRole", key, 0);
    consent_ = resource_uuid("Consent", key, 0);
    for (std::size_t i = 0; i < r.history().size(); ++i) provenance_.push_back(resource_uuid("Provenance", key, i));
  }

  void append_to(json& entries) const {
    add(entries, service_request_, service_request());
    add(entries, task_, task());
    add(entries, patient_, patient());
    add(entries, requester_, practitioner_role());
    if (r_.consent_given_at()) add(entries, consent_, consent());
    for (std::size_t i = 0; i < r_.history().size(); ++i) add(entries, provenance_[i], provenance(i));
  }

 private:
  static std::string url(const std::string& uuid) { return "urn:uuid:" + uuid; }

  static void add(json& entries, const std::string& uuid, json resource) {
    json entry = json::object();
    entry["fullUrl"] = url(uuid);
    entry["resource"] = std::move(resource);
    entries.push_back(std::move(entry));
  }

  static json start(std::string_view type, const std::string& uuid) {
    json res = json::object();
    res["resourceType"] = type;
    res["id"] = uuid;
    return res;
  }

  // The reason of the latest history entry, which explains the current state.
  [[nodiscard]] std::optional<reason_code> current_reason() const {
    if (r_.history().empty()) return std::nullopt;
    return r_.history().back().event.reason;
  }

  [[nodiscard]] json service_request() const {
    json sr = start("ServiceRequest", service_request_);
    sr["identifier"] = json::array({identifier(sid_referral, r_.id().str())});
    sr["status"] = fhir_status_of(r_.state()).service_request;
    sr["intent"] = "order";
    sr["category"] = default_request_category();
    sr["code"] = default_request_code();
    sr["priority"] = to_string(r_.urgency());
    sr["subject"] = reference_to(url(patient_));
    if (const auto issued = r_.issued_at()) sr["authoredOn"] = fhir_datetime(*issued);
    sr["requester"] = reference_to(url(requester_));
    if (!r_.needs().empty()) {
      json reasons = json::array();
      for (need n : r_.needs().members()) reasons.push_back(concept_of(coding(cs_need, to_string(n), label(n).en)));
      sr["reasonCode"] = std::move(reasons);
    }
    if (r_.consent_given_at()) sr["supportingInfo"] = json::array({reference_to(url(consent_))});
    // the referrer's note on the latest issue travels as the request's note
    for (auto it = r_.history().rbegin(); it != r_.history().rend(); ++it) {
      if (it->event.kind == referral_event::issue) {
        if (!it->event.note.empty()) sr["note"] = json::array({json{{"text", it->event.note}}});
        break;
      }
    }
    with_kept(sr, "ServiceRequest");
    return sr;
  }

  // The kept elements of `resource` (referral::kept()): the sender's intent, category and
  // code replace kulkija's defaults; an array kulkija writes too gets the kept items after
  // its own; any other element is written as it was received.
  void with_kept(json& res, std::string_view resource) const {
    static constexpr std::array<std::string_view, 3> replaced{"intent", "category", "code"};
    for (const kept_element& k : r_.kept()) {
      if (k.resource != resource) continue;
      json value = detail::parse_json<json>(k.json);
      const auto it = res.find(k.name);
      const bool replace = std::find(replaced.begin(), replaced.end(), k.name) != replaced.end();
      if (!replace && it != res.end() && it->is_array() && value.is_array()) {
        for (auto& item : value) it->push_back(std::move(item));
      } else {
        res[k.name] = std::move(value);
      }
    }
  }

  [[nodiscard]] json task() const {
    json t = start("Task", task_);
    t["identifier"] = json::array({identifier(sid_referral, r_.id().str())});
    t["status"] = fhir_status_of(r_.state()).task;
    const referral_state s = r_.state();
    if (s == referral_state::rejected || s == referral_state::cancelled || s == referral_state::on_hold ||
        s == referral_state::discontinued) {
      if (const auto reason = current_reason()) t["statusReason"] = reason_concept(*reason);
    }
    t["businessStatus"] = concept_of(coding(cs_state, to_string(s), label(s).en), label(s).en);
    t["intent"] = "order";
    t["priority"] = to_string(r_.urgency());
    t["code"] = default_task_code();
    t["focus"] = reference_to(url(service_request_));
    t["for"] = reference_to(url(patient_));
    if (const auto contact = r_.first_contact_at()) t["executionPeriod"] = json{{"start", fhir_datetime(*contact)}};
    if (const auto issued = r_.issued_at()) t["authoredOn"] = fhir_datetime(*issued);
    if (const auto last = r_.last_event_at()) t["lastModified"] = fhir_datetime(*last);
    t["requester"] = reference_to(url(requester_));
    if (const auto worker = r_.link_worker()) {
      t["owner"] = json{{"type", "PractitionerRole"}, {"identifier", identifier(sid_link_worker, worker->str())}};
    }
    if (!provenance_.empty()) {
      json history = json::array();
      for (const auto& p : provenance_) history.push_back(reference_to(url(p)));
      t["relevantHistory"] = std::move(history);
    }
    if (s == referral_state::completed) {
      json outcome = concept_of(coding(cs_state, to_string(s), label(s).en));
      if (const auto reason = current_reason()) {
        outcome["coding"].push_back(coding(cs_reason, to_string(*reason), label(*reason).en));
        outcome["text"] = label(*reason).en;
      }
      json output = json::object();
      output["type"] = concept_of(coding(cs_task_output, "support-period-outcome", "Outcome of the support period"));
      output["valueCodeableConcept"] = std::move(outcome);
      t["output"] = json::array({std::move(output)});
    }
    with_kept(t, "Task");
    return t;
  }

  [[nodiscard]] json patient() const {
    const client& c = r_.subject();
    json p = start("Patient", patient_);
    p["meta"] = json{{"security", json::array({coding("http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
                                                        "PSEUDED", "pseudonymized")})}};
    json ext = json::array();
    ext.push_back(extension(ext_municipality, "valueCoding",
                            coding(cs_municipality, c.home().code_text(), c.home().name_fi())));
    if (c.living()) {
      ext.push_back(extension(ext_living, "valueCoding", coding(cs_living, to_string(*c.living()))));
    }
    for (need n : c.needs().members()) {
      ext.push_back(extension(ext_client_need, "valueCoding", coding(cs_need, to_string(n), label(n).en)));
    }
    for (const auto& goal : c.goals()) ext.push_back(extension(ext_goal, "valueString", goal));
    const client_preferences& prefs = c.preferences();
    if (prefs.worker_gender) ext.push_back(extension(ext_worker_gender, "valueCode", to_string(*prefs.worker_gender)));
    for (meeting_mode m : prefs.meeting_modes) {
      ext.push_back(extension(ext_meeting, "valueCoding", coding(cs_meeting, to_string(m))));
    }
    for (time_window w : prefs.times) ext.push_back(extension(ext_time, "valueCoding", coding(cs_time, to_string(w))));
    for (const auto& interest : prefs.interests) ext.push_back(extension(ext_interest, "valueString", interest));
    p["extension"] = std::move(ext);
    p["identifier"] = json::array({identifier(sid_client, c.id().str())});
    p["birthDate"] = c.birth_date() ? format_date(*c.birth_date()) : std::to_string(c.birth_year());
    json languages = json::array();
    bool first = true;
    for (const language& l : c.languages()) {
      json entry = json::object();
      entry["language"] = concept_of(coding(bcp47, l.code(), l.name(text_language::en)));
      entry["preferred"] = first;
      first = false;
      languages.push_back(std::move(entry));
    }
    p["communication"] = std::move(languages);
    return p;
  }

  [[nodiscard]] json practitioner_role() const {
    const professional& pro = r_.referrer();
    json role = start("PractitionerRole", requester_);
    role["identifier"] = json::array({identifier(sid_professional, pro.id().str())});
    role["organization"] = json{{"display", pro.organisation()}};
    role["code"] = json::array({concept_of(coding(cs_sector, to_string(pro.work_sector())), pro.title())});
    return role;
  }

  [[nodiscard]] json consent() const {
    json c = start("Consent", consent_);
    c["status"] = "active";
    c["scope"] = concept_of(coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy",
                                   "Privacy Consent"));
    c["category"] = json::array({concept_of(coding("http://loinc.org", "59284-0"))});
    c["patient"] = reference_to(url(patient_));
    c["dateTime"] = fhir_datetime(*r_.consent_given_at());
    c["policyRule"] = concept_of(coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"));
    return c;
  }

  [[nodiscard]] json provenance(std::size_t i) const {
    const history_entry& h = r_.history()[i];
    const lifecycle_event& e = h.event;
    json p = start("Provenance", provenance_[i]);
    json ext = json::array();
    if (e.link_worker) {
      ext.push_back(extension(ext_link_worker, "valueIdentifier", identifier(sid_link_worker, e.link_worker->str())));
    }
    if (!e.note.empty()) ext.push_back(extension(ext_event_note, "valueString", e.note));
    if (!ext.empty()) p["extension"] = std::move(ext);
    p["target"] = json::array({reference_to(url(task_))});
    p["occurredDateTime"] = fhir_datetime(e.at);
    p["recorded"] = fhir_datetime(e.at);
    if (e.reason) p["reason"] = json::array({reason_concept(*e.reason)});
    p["activity"] = concept_of(coding(cs_event, to_string(e.kind)),
                               std::string(to_string(h.from)) + " -> " + std::string(to_string(h.to)));
    json agent = json::object();
    agent["type"] = concept_of(coding("http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                                      e.by.role == actor_role::referrer ? "author" : "performer"));
    agent["role"] = json::array({concept_of(coding(cs_role, to_string(e.by.role)))});
    if (e.by.id.empty()) {
      agent["who"] = json{{"display", std::string(to_string(e.by.role))}};
    } else {
      agent["who"] = json{{"type", reference_type_of(e.by.role)}, {"identifier", identifier(sid_actor, e.by.id)}};
    }
    p["agent"] = json::array({std::move(agent)});
    return p;
  }

  const referral& r_;
  std::string service_request_, task_, patient_, requester_, consent_;
  std::vector<std::string> provenance_;
};

std::string dump(const json& j, int indent) { return j.dump(indent < 0 ? -1 : indent) + (indent < 0 ? "" : "\n"); }

json bundle_of(std::span<const referral> referrals) {
  json entries = json::array();
  std::set<std::string> seen;
  for (const referral& r : referrals) {
    if (!seen.insert(r.id().str()).second) {
      throw invalid_argument(error_id::invalid_id, "referrals", "referral id " + quote(r.id().str()) + " appears twice");
    }
    referral_writer(r).append_to(entries);
  }
  json b = json::object();
  b["resourceType"] = "Bundle";
  b["type"] = "collection";
  b["entry"] = std::move(entries);
  return b;
}

}  // namespace

std::string to_fhir(const referral& r, int indent) { return dump(bundle_of(std::span(&r, 1)), indent); }

std::string to_fhir_bundle(std::span<const referral> referrals, int indent) {
  return dump(bundle_of(referrals), indent);
}

}  // namespace kulkija
