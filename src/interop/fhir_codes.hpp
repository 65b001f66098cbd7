#pragma once
// Internal to the FHIR reader and writer (src/interop/fhir_*.cpp): the systems, extension
// urls and codes of kulkija's FHIR profile, and the FHIR status sets. Not installed.

#include <nlohmann/json.hpp>

#include <array>
#include <string_view>
#include <utility>

namespace kulkija::detail::fhir {

using json = nlohmann::ordered_json;

// ------------------------------------------------------------------ systems and urls

#define KULKIJA_FHIR_BASE "https://kulkija.github.io/fhir"
inline constexpr const char* sid_referral = KULKIJA_FHIR_BASE "/sid/referral";
inline constexpr const char* sid_client = KULKIJA_FHIR_BASE "/sid/client-pseudonym";
inline constexpr const char* sid_professional = KULKIJA_FHIR_BASE "/sid/professional";
inline constexpr const char* sid_link_worker = KULKIJA_FHIR_BASE "/sid/link-worker";
inline constexpr const char* sid_actor = KULKIJA_FHIR_BASE "/sid/actor";
inline constexpr const char* cs_need = KULKIJA_FHIR_BASE "/CodeSystem/need";
inline constexpr const char* cs_reason = KULKIJA_FHIR_BASE "/CodeSystem/reason";
inline constexpr const char* cs_event = KULKIJA_FHIR_BASE "/CodeSystem/referral-event";
inline constexpr const char* cs_state = KULKIJA_FHIR_BASE "/CodeSystem/referral-state";
inline constexpr const char* cs_role = KULKIJA_FHIR_BASE "/CodeSystem/actor-role";
inline constexpr const char* cs_sector = KULKIJA_FHIR_BASE "/CodeSystem/sector";
inline constexpr const char* cs_living = KULKIJA_FHIR_BASE "/CodeSystem/living-situation";
inline constexpr const char* cs_meeting = KULKIJA_FHIR_BASE "/CodeSystem/meeting-mode";
inline constexpr const char* cs_time = KULKIJA_FHIR_BASE "/CodeSystem/time-window";
inline constexpr const char* cs_task_output = KULKIJA_FHIR_BASE "/CodeSystem/task-output";
inline constexpr const char* ext_living = KULKIJA_FHIR_BASE "/StructureDefinition/living-situation";
inline constexpr const char* ext_client_need = KULKIJA_FHIR_BASE "/StructureDefinition/client-need";
inline constexpr const char* ext_goal = KULKIJA_FHIR_BASE "/StructureDefinition/client-goal";
inline constexpr const char* ext_worker_gender = KULKIJA_FHIR_BASE "/StructureDefinition/preferred-worker-gender";
inline constexpr const char* ext_meeting = KULKIJA_FHIR_BASE "/StructureDefinition/meeting-mode";
inline constexpr const char* ext_time = KULKIJA_FHIR_BASE "/StructureDefinition/time-window";
inline constexpr const char* ext_interest = KULKIJA_FHIR_BASE "/StructureDefinition/interest";
inline constexpr const char* ext_link_worker = KULKIJA_FHIR_BASE "/StructureDefinition/assigned-link-worker";
inline constexpr const char* ext_event_note = KULKIJA_FHIR_BASE "/StructureDefinition/event-note";
#undef KULKIJA_FHIR_BASE
inline constexpr const char* ext_municipality = "https://hl7.fi/fhir/finnish-base-profiles/StructureDefinition/municipality-code";
inline constexpr const char* cs_municipality = "urn:oid:1.2.246.537.6.21.2003";
inline constexpr const char* sid_henkilotunnus = "urn:oid:1.2.246.21";
inline constexpr const char* snomed = "http://snomed.info/sct";
inline constexpr const char* code_social_prescribing = "871731000000106";
inline constexpr const char* code_declined = "871711000000103";
inline constexpr const char* code_patient_referral = "3457005";
inline constexpr const char* bcp47 = "urn:ietf:bcp:47";

inline constexpr const char* cs_task_code = "http://hl7.org/fhir/CodeSystem/task-code";

// ------------------------------------------------------------------ what kulkija writes by default
// (shared by the writer and the reader, which keeps a sender's value only when it differs)

inline json coding_of(std::string_view system, std::string_view code, std::string_view display = {}) {
  json c = json::object();
  c["system"] = system;
  c["code"] = code;
  if (!display.empty()) c["display"] = display;
  return c;
}

inline json concept_with(json coding_value, std::string_view text = {}) {
  json c = json::object();
  c["coding"] = json::array({std::move(coding_value)});
  if (!text.empty()) c["text"] = text;
  return c;
}

// ServiceRequest.category, ServiceRequest.code and Task.code as kulkija writes them
inline json default_request_category() {
  return json::array({concept_with(coding_of(snomed, code_patient_referral, "Patient referral"))});
}
inline json default_request_code() {
  return concept_with(coding_of(snomed, code_social_prescribing, "Referral to social prescribing service"));
}
inline json default_task_code() { return concept_with(coding_of(cs_task_code, "fulfill", "Fulfill the focal request")); }

// ------------------------------------------------------------------ statuses

inline constexpr std::array<std::string_view, 12> task_statuses{
    "draft",     "requested", "received", "accepted", "rejected",  "ready",
    "cancelled", "in-progress", "on-hold", "failed",  "completed", "entered-in-error"};
// FHIR request-intent: `order` and its specialisations are referrals; the others are not
inline constexpr std::array<std::string_view, 5> order_intents{"order", "original-order", "reflex-order", "filler-order",
                                                               "instance-order"};
inline constexpr std::array<std::string_view, 9> request_intents{
    "proposal", "plan", "directive", "order", "original-order", "reflex-order", "filler-order", "instance-order", "option"};
inline constexpr std::array<std::string_view, 7> request_statuses{"draft",     "active",           "on-hold", "revoked",
                                                           "completed", "entered-in-error", "unknown"};

}  // namespace kulkija::detail::fhir
