#pragma once
/// @file
/// @brief What a referral received from another system keeps that kulkija does not model.

#include <string>
#include <vector>

namespace kulkija {

/// @addtogroup referral
/// @{

/// @brief One element of a received record that kulkija does not model, kept verbatim so
/// that an export writes it back unchanged.
///
/// The referral only carries kept elements; it neither reads nor changes them. The FHIR
/// import fills them (for example a ServiceRequest's `extension`, `performer` or `note`, or
/// the sender's original `code`) and the FHIR export writes them back (docs/fhir.md,
/// "receiving referrals from other systems"). referral::set_kept() checks that each text is
/// JSON and holds nothing shaped like a personal identity code.
struct kept_element {
  std::string resource;  ///< the resource it belongs to, e.g. `ServiceRequest` or `Task`
  std::string name;      ///< the element's name in that resource, e.g. `extension`
  std::string json;      ///< the element's value as JSON text
  /// @brief Kept elements are equal when all three parts are equal.
  friend bool operator==(const kept_element&, const kept_element&) = default;
};

/// @}

}  // namespace kulkija
