#pragma once
// Internal to the FHIR reader and writer (src/interop/fhir_*.cpp): the systems, extension
// urls and codes of kulkija's FHIR profile, and the FHIR status sets. Not installed.

#include <nlohmann/json.hpp>

#include <array>
#include <string_view>

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

// ------------------------------------------------------------------ statuses

inline constexpr std::array<std::string_view, 12> task_statuses{
    "draft",     "requested", "received", "accepted", "rejected",  "ready",
    "cancelled", "in-progress", "on-hold", "failed",  "completed", "entered-in-error"};
inline constexpr std::array<std::string_view, 7> request_statuses{"draft",     "active",           "on-hold", "revoked",
                                                           "completed", "entered-in-error", "unknown"};

}  // namespace kulkija::detail::fhir
