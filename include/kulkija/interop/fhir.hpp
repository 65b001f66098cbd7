#pragma once
/// @file
/// @brief Referrals as HL7 FHIR R4 JSON: export to and import from a Bundle of
/// ServiceRequest, Task, Patient, PractitionerRole, Consent and Provenance resources.

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/error.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/need.hpp"
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

/// @brief How an import treats a code that its code map does not know.
enum class fhir_mode : std::uint8_t {
  strict,   ///< an unknown code is an error (the default)
  lenient,  ///< an unknown code is a warning, and the referral is imported
};

/// @brief Something a lenient import let through (fhir_mode::lenient): the error a strict
/// import would have thrown.
struct fhir_warning {
  error_id id;          ///< the id of the error a strict import throws
  std::string path;     ///< the JSON path, e.g. `$.entry[0].resource.code`
  std::string message;  ///< the rule, never a personal identity code
  /// @brief Warnings are equal when id, path and message are equal.
  friend bool operator==(const fhir_warning&, const fhir_warning&) = default;
};

/// @brief Which codes of other systems kulkija reads, and as what: the referral codes it
/// takes (ServiceRequest.code), codes that give a need (ServiceRequest.reasonCode), and
/// codes that give a reason (Task.statusReason).
///
/// A code map is data: JSON, read by from_json(), written by to_json(); defaults() is the
/// map shipped with kulkija (docs/fhir.md lists its codes and their sources). kulkija's own
/// code systems (need, reason) are always read and need no entry.
/// @code
/// auto codes = kulkija::fhir_code_map::from_json(R"({"referral": [
///   {"system": "http://snomed.info/sct", "code": "871731000000106",
///    "display": "Referral to social prescribing service", "kind": "social_prescribing"}]})");
/// @endcode
class fhir_code_map {
 public:
  /// @brief A code that makes a ServiceRequest a referral kulkija takes.
  struct referral_entry {
    std::string system;       ///< the code system's URI
    std::string code;         ///< the code
    std::string display;      ///< its display text (documentation only)
    std::vector<need> needs;  ///< needs the code itself implies (e.g. a food programme: financial_hardship)
    /// @brief Entries are equal when every field is equal.
    friend bool operator==(const referral_entry&, const referral_entry&) = default;
  };
  /// @brief A code of another system that stands for one of kulkija's needs.
  struct need_entry {
    std::string system;   ///< the code system's URI
    std::string code;     ///< the code
    std::string display;  ///< its display text (documentation only)
    kulkija::need need;   ///< the need
    /// @brief Entries are equal when every field is equal.
    friend bool operator==(const need_entry&, const need_entry&) = default;
  };
  /// @brief A code of another system that stands for one of kulkija's reasons.
  struct reason_entry {
    std::string system;          ///< the code system's URI
    std::string code;            ///< the code
    std::string display;         ///< its display text (documentation only)
    kulkija::reason_code reason; ///< the reason
    /// @brief Entries are equal when every field is equal.
    friend bool operator==(const reason_entry&, const reason_entry&) = default;
  };

  /// @brief An empty map: no referral code is taken.
  fhir_code_map() = default;

  /// @brief The map shipped with kulkija: SNOMED CT 871731000000106 and the
  /// referral-to-community-service concepts listed in the FHIR guide (docs/fhir.md).
  [[nodiscard]] static const fhir_code_map& defaults();

  /// @brief Reads a map from JSON: an object with the arrays `referral` (entries `system`,
  /// `code`, `display`, `kind` = `social_prescribing`, optional `needs`), `need` (entries
  /// `system`, `code`, `display`, `need`) and `reason` (entries `system`, `code`,
  /// `display`, `reason`); every array is optional.
  /// @param json the JSON text
  /// @return the map
  /// @throws parse_error naming the JSON path and the rule (an unknown member, a wrong type,
  ///         an unknown kind, need or reason, a code listed twice).
  [[nodiscard]] static fhir_code_map from_json(std::string_view json);

  /// @brief The map as JSON, in the form from_json() reads.
  /// @param indent spaces per level of indentation; negative for one line
  [[nodiscard]] std::string to_json(int indent = 2) const;

  /// @brief The referral codes, in order.
  [[nodiscard]] const std::vector<referral_entry>& referral_codes() const noexcept { return referral_; }
  /// @brief The need codes, in order.
  [[nodiscard]] const std::vector<need_entry>& need_codes() const noexcept { return need_; }
  /// @brief The reason codes, in order.
  [[nodiscard]] const std::vector<reason_entry>& reason_codes() const noexcept { return reason_; }

  /// @brief The referral entry of a code, or nullptr.
  [[nodiscard]] const referral_entry* find_referral(std::string_view system, std::string_view code) const noexcept;
  /// @brief The need of a code, if the map has one.
  [[nodiscard]] std::optional<need> find_need(std::string_view system, std::string_view code) const noexcept;
  /// @brief The reason of a code, if the map has one (kulkija's own reason codes included).
  [[nodiscard]] std::optional<kulkija::reason_code> find_reason(std::string_view system,
                                                                std::string_view code) const noexcept;

  /// @brief Maps are equal when all their entries are equal, in order.
  friend bool operator==(const fhir_code_map&, const fhir_code_map&) = default;

 private:
  std::vector<referral_entry> referral_;
  std::vector<need_entry> need_;
  std::vector<reason_entry> reason_;
};

/// @brief Fetches a resource that a reference points to and the received JSON does not
/// hold (for example from the sender's FHIR server): the JSON text of the resource, or
/// nothing when it cannot be had. The argument is the reference as written
/// (`ServiceRequest/sr-1`, `urn:uuid:...` or an absolute URL).
using fhir_resolver = std::function<std::optional<std::string>(const std::string& reference)>;

/// @brief How an import reads: the mode, the code map and the resolver.
struct fhir_read_options {
  fhir_mode mode = fhir_mode::strict;               ///< strict (the default) or lenient
  fhir_code_map codes = fhir_code_map::defaults();  ///< the codes that are read
  fhir_resolver resolver;                           ///< fetches what references point to, if set
};

/// @brief What an import gives: the referrals and, in lenient mode, the warnings.
struct fhir_import {
  std::vector<referral> referrals;    ///< the referrals, in the order of their ServiceRequests
  std::vector<fhir_warning> warnings; ///< what a strict import would have refused (lenient mode only)
};

/// @brief Imports every referral of a FHIR R4 Bundle (of any type), or of a single Task
/// (or ServiceRequest) whose related resources are contained in it or can be resolved.
///
/// Each ServiceRequest whose code is in the code map (by default SNOMED CT 871731000000106
/// and the concepts of docs/fhir.md) and whose intent is `order` or one of its kinds
/// (`original-order`, `reflex-order`, `filler-order`, `instance-order`) becomes a referral.
/// Its history comes from the Tasks whose focus is the ServiceRequest: kulkija's own
/// history (the Provenance resources of Task.relevantHistory) is replayed entry by entry;
/// a Task of another system stands for the status it reached, and several such Tasks are
/// replayed in the order of `lastModified` (or `authoredOn`), each moved to along the
/// lifecycle as the FHIR Task state machine allows. References resolve to contained
/// resources (`#id`), to Bundle entries by fullUrl (`urn:uuid:` or absolute URL), or by
/// `Type/id` (relative, or absolute with the same type and id), then through
/// `options.resolver`. Elements kulkija does not model are kept on the referral
/// (referral::kept()) and written back by to_fhir().
/// @param json the JSON text
/// @param options the mode, the code map and the resolver
/// @return the referrals, and the warnings of a lenient import
/// @throws parse_error naming the JSON path (e.g. `$.entry[3].resource.subject`) and the
///         rule: id parse_syntax for text that is not JSON, parse_structure for a missing,
///         mistyped or unresolvable element, parse_enum for an unknown status or intent,
///         parse_unsupported for a valid resource kulkija cannot represent (a code not in
///         the map in strict mode, an intent that is not an order, a reference to another
///         resource type), personal_data for a Patient with a name, contact data or a
///         personal identity code, or for anything kept that holds something shaped like
///         one, and the lifecycle's ids (301 to 305) for a history the lifecycle does not
///         allow, naming the Provenance or the Task. No error message contains a personal
///         identity code.
[[nodiscard]] fhir_import read_fhir(std::string_view json, const fhir_read_options& options = {});

/// @brief Imports the referral of a Task and its ServiceRequest given separately (e.g. as
/// fetched one by one from a FHIR server).
///
/// As read_fhir() on a Bundle of the two: the Task's `focus` must refer to the
/// ServiceRequest (by `ServiceRequest/id`, an absolute URL with that type and id, or
/// `urn:uuid:id`); other references resolve to resources contained in either, then through
/// `options.resolver`. Errors in the Task name paths from `$`, those in the ServiceRequest
/// from `[service_request]$`.
/// @param task the Task's JSON text
/// @param service_request the ServiceRequest's JSON text
/// @param options the mode, the code map and the resolver
/// @return the one referral, and the warnings of a lenient import
/// @throws parse_error as read_fhir().
[[nodiscard]] fhir_import read_fhir_pair(std::string_view task, std::string_view service_request,
                                         const fhir_read_options& options = {});

/// @brief Imports every referral (read_fhir() without the warnings).
///
/// In lenient mode the warnings are dropped; read_fhir() returns them.
/// @param json the JSON text of a Bundle, or of a Task or ServiceRequest with its resources
///        contained
/// @param options the mode, the code map and the resolver (strict, the default map, none)
/// @return the referrals, in the order of their ServiceRequests
/// @throws parse_error as read_fhir().
[[nodiscard]] std::vector<referral> from_fhir_bundle(std::string_view json, const fhir_read_options& options = {});

/// @brief Imports exactly one referral (see read_fhir()).
/// @param json the JSON text of a Bundle with one referral, or of a Task or
///        ServiceRequest with its resources contained
/// @param options the mode, the code map and the resolver
/// @return the referral
/// @throws parse_error as read_fhir(); parse_structure at `$` when the JSON holds
///         no referral or more than one.
[[nodiscard]] referral from_fhir(std::string_view json, const fhir_read_options& options = {});

/// @brief Imports the referral of a Task and its ServiceRequest given separately
/// (read_fhir_pair() without the warnings).
/// @param task the Task's JSON text
/// @param service_request the ServiceRequest's JSON text
/// @param options the mode, the code map and the resolver
/// @return the referral
/// @throws parse_error as read_fhir_pair().
[[nodiscard]] referral from_fhir_pair(std::string_view task, std::string_view service_request,
                                      const fhir_read_options& options = {});

/// @}

}  // namespace kulkija
