#pragma once
/// @file
/// @brief Referrals as HL7 FHIR R4 JSON: export to and import from a Bundle of
/// ServiceRequest, Task, Patient, PractitionerRole, Consent and Provenance resources.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup interop
/// @{

/// @brief The FHIR R4 statuses that stand for a referral state.
///
/// The Task carries the workflow (closed-loop referral pattern) and maps one-to-one; the
/// ServiceRequest carries the request, whose status set is coarser.
struct fhir_status {
  std::string_view task;             ///< Task.status, e.g. `ready` for assigned
  std::string_view service_request;  ///< ServiceRequest.status, e.g. `active` for assigned
  /// @brief Statuses are equal when both codes are equal.
  friend bool operator==(const fhir_status&, const fhir_status&) = default;
};

/// @brief The FHIR statuses of a referral state (the table in the FHIR guide, docs/fhir.md).
///
/// | state | Task | ServiceRequest |
/// |---|---|---|
/// | draft | draft | draft |
/// | requested | requested | active |
/// | accepted | accepted | active |
/// | rejected | rejected | revoked |
/// | assigned | ready | active |
/// | in_progress | in-progress | active |
/// | on_hold | on-hold | on-hold |
/// | completed | completed | completed |
/// | discontinued | failed | revoked |
/// | cancelled | cancelled | revoked |
/// | entered_in_error | entered-in-error | entered-in-error |
/// @param s the state
/// @return the Task and ServiceRequest status codes
[[nodiscard]] fhir_status fhir_status_of(referral_state s) noexcept;

/// @brief Exports one referral as a FHIR R4 Bundle (type `collection`) in JSON.
///
/// The Bundle holds the ServiceRequest (the referral), the Task (its workflow, status
/// mapped by fhir_status_of(), owner = the link worker), the pseudonymous Patient (the
/// client: birth year or date, municipality, languages, needs, goals and preferences; no
/// name, no identity code), the requester as a PractitionerRole, the client's Consent
/// when recorded, and one Provenance per history entry, listed in Task.relevantHistory.
/// Resource ids and fullUrls are `urn:uuid:` values derived from the referral id, so the
/// same referral always gives the same text. Every resource passes the FHIR R4 schema and
/// StructureDefinition checks; the layout is documented in the FHIR guide (docs/fhir.md).
/// @param r the referral
/// @param indent spaces per level of indentation; negative for one line
/// @return the Bundle's JSON text
/// @code
/// std::string json = kulkija::to_fhir(r);
/// assert(kulkija::from_fhir(json) == r);
/// @endcode
[[nodiscard]] std::string to_fhir(const referral& r, int indent = 2);

/// @brief Exports many referrals as one FHIR R4 Bundle (type `collection`) in JSON.
///
/// The entries are those of to_fhir() for each referral, in order.
/// @param referrals the referrals; their ids must differ
/// @param indent spaces per level of indentation; negative for one line
/// @return the Bundle's JSON text
/// @throws invalid_argument (id invalid_id) naming `referrals` when an id appears twice.
[[nodiscard]] std::string to_fhir_bundle(std::span<const referral> referrals, int indent = 2);

/// @brief Imports every referral of a FHIR R4 Bundle, or of a single ServiceRequest or
/// Task whose related resources are contained in it.
///
/// Each ServiceRequest with the social prescribing code (SNOMED CT 871731000000106) and
/// intent `order` becomes a referral: its Task (the one whose focus is the ServiceRequest)
/// gives the history through the Provenance resources in Task.relevantHistory, which are
/// replayed through the lifecycle; the statuses of Task and ServiceRequest must agree with
/// the state reached. References resolve to contained resources (`#id`), to Bundle
/// entries by fullUrl, or by `Type/id`.
/// @param json the JSON text
/// @return the referrals, in the order of their ServiceRequests
/// @throws parse_error naming the JSON path (e.g. `$.entry[3].resource.subject`) and the
///         rule: id parse_syntax for text that is not JSON, parse_structure for a missing,
///         mistyped or unresolvable element, parse_enum for an unknown code,
///         parse_unsupported for a valid resource kulkija cannot represent (another
///         code, intent or status), personal_data for a Patient with a name, contact data
///         or a personal identity code, and the lifecycle's ids (301 to 305) for a
///         history the lifecycle does not allow. No error message contains a personal
///         identity code.
[[nodiscard]] std::vector<referral> from_fhir_bundle(std::string_view json);

/// @brief Imports exactly one referral (see from_fhir_bundle()).
/// @param json the JSON text of a Bundle with one referral, or of a Task or
///        ServiceRequest with its resources contained
/// @return the referral
/// @throws parse_error as from_fhir_bundle(); parse_structure at `$` when the JSON holds
///         no referral or more than one.
[[nodiscard]] referral from_fhir(std::string_view json);

/// @}

}  // namespace kulkija
