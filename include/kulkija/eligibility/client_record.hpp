#pragma once
/// @file
/// @brief The default field schema of a wellbeing-referral client, and binding a client or
/// a referral to a record on the day of the decision.

#include <memory>

#include "kulkija/core/date.hpp"
#include "kulkija/eligibility/record.hpp"
#include "kulkija/eligibility/schema.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/referral.hpp"

namespace kulkija {

/// @addtogroup eligibility
/// @{

/// @brief The fields that the default rule sets use, bound from a client and a referral.
///
/// | field | type | from |
/// |---|---|---|
/// | `age` | integer | birth date, or birth year as a range, on the decision day |
/// | `birth_year` | integer | client |
/// | `birth_date` | date | client, when recorded |
/// | `municipality` | integer | the client's home municipality code |
/// | `living` | code (living_situation codes) | client, when known |
/// | `needs` | code_set (need codes) | client and referral (union) |
/// | `languages` | code_set (language codes) | client |
/// | `referrer_sector` | code (sector codes) | referral |
/// | `consent_given` | boolean | referral: consent recorded on or before the decision day |
/// | `consent_date` | date | referral |
/// | `needs_medical_care` | boolean | set by the professional |
/// | `own_resources_sufficient` | boolean | set by the professional |
/// | `wellbeing` | number | a self-rated wellbeing score (0 to 10), set by the caller |
/// | `participating_unit_client` | boolean | set by the caller (Kaikukortti) |
/// | `low_income` | boolean | set by the caller (Kaikukortti) |
/// @return the shared schema (the same object on every call)
[[nodiscard]] const std::shared_ptr<const field_schema>& client_schema();

/// @brief Binds a client's fields to a record over client_schema() on the day `on`.
///
/// When only the birth year is known and the birthday decides the age, `age` becomes the
/// range of the two possible ages with a note saying so; rules whose outcome depends on
/// which it is are then undetermined. Fields the client does not hold stay missing.
/// @param c the client
/// @param on the day of the decision
/// @return the record
/// @throws invalid_argument (id invalid_date) naming `on` when it is before the birth or special.
[[nodiscard]] record client_record(const client& c, date on);

/// @brief Binds a referral's client and the referral's own fields (sector of the referrer,
/// consent, needs) to a record over client_schema() on the day `on`.
/// @param r the referral
/// @param on the day of the decision
/// @return the record
/// @throws invalid_argument (id invalid_date) naming `on` when it is before the birth or special.
[[nodiscard]] record client_record(const referral& r, date on);

/// @}

}  // namespace kulkija
