#pragma once
/// @file
/// @brief The support-period policy: a region's limits on fixed-term support, as versioned
/// JSON data.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kulkija/core/date.hpp"
#include "kulkija/support/calendar.hpp"

namespace kulkija {

/// @addtogroup support
/// @{

/// @brief The unit of a length in a policy.
enum class length_unit : std::uint8_t {
  days,           ///< calendar days
  business_days,  ///< business days of the region's finnish_calendar
  weeks,          ///< calendar weeks of 7 days
  months,         ///< calendar months (from the 31st, a month ends on the month's last day)
};
/// @brief The code of a unit: `days`, `business_days`, `weeks` or `months`.
/// @param u the unit
/// @return its code
[[nodiscard]] std::string_view to_string(length_unit u) noexcept;
/// @brief Parses a unit's code.
/// @param code the code
/// @return the unit
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] length_unit parse_length_unit(std::string_view code);

/// @brief An amount of a unit, e.g. 12 weeks.
struct length {
  int amount = 0;                     ///< how many units, at least 0
  length_unit unit = length_unit::days;  ///< the unit
  /// @brief Lengths are equal when amount and unit are equal (12 weeks is not 84 days).
  friend bool operator==(const length&, const length&) = default;
};

/// @brief The text form of a length, e.g. `12 weeks`.
/// @param l the length
/// @return the text
[[nodiscard]] std::string to_string(const length& l);

/// @brief Checks a length: a known unit, and an amount from `min_amount` to the unit's
/// largest sensible amount, about two years (730 days, 520 business days, 104 weeks or 24
/// months).
/// @param field the field name for the error message, e.g. `first_contact.within`
/// @param l the length
/// @param min_amount the smallest amount allowed
/// @throws invalid_argument (id invalid_value) naming `field` (the amount) or `<field>.unit`.
void validate(std::string_view field, const length& l, int min_amount = 0);

/// @brief The day a length after `day`: days and weeks count calendar days, business days
/// skip the weekends and holidays of `calendar`, and months keep the day of the month (from
/// a month's last day, or past the end of a shorter month, to the month's last day).
/// @param day the first day
/// @param l the length (validated)
/// @param calendar the business-day calendar
/// @return the day `l` after `day`
[[nodiscard]] date add_length(date day, const length& l, const finnish_calendar& calendar);

/// @brief The rules that bound a support period (*tukijakso*): first contact, meetings,
/// length, extensions, pauses, no-contact discontinuation, follow-up.
///
/// A region keeps its policy as JSON (see support_policy_from_json()) and versions it as it
/// versions its eligibility rule sets: an `id`, a `version` such as `2026.1`, the `region`,
/// and the days `valid_from` to `valid_to` (open-ended when empty) on which it is in force.
///
/// **Defaults.** From the issue that set the model's scope: first contact within 10 business
/// days of acceptance, at most 12 meetings, 12 weeks, one extension of up to 6 weeks with a
/// required reason, follow-up measurement 3 months after the end. (UK practice is 6-12
/// contacts over about 12 weeks; the Finnish model says only "fixed-term".) kulkija's own
/// choices, with no source behind them: pauses up to 6 weeks in total, discontinuation
/// after 30 days without contact with a warning 7 days before, and "due soon" meaning
/// within 5 business days.
struct support_policy {
  std::string id = "default";   ///< the policy's id (1-64 characters of `A-Z a-z 0-9 . _ : -`)
  std::string version = "1";    ///< the version, e.g. `2026.1` (1-64 characters, as an id)
  std::string region;           ///< the region it applies in (free text, at most 200 bytes; may be empty)
  date valid_from{1900, 1, 1};  ///< the first day the version is in force
  std::optional<date> valid_to;  ///< the last day it is in force, empty when open-ended
  length first_contact{10, length_unit::business_days};  ///< first contact within this of acceptance
  int max_meetings = 12;                                 ///< attended meetings at most (1-200)
  length max_length{12, length_unit::weeks};             ///< from first contact to the planned end
  int max_extensions = 1;                                ///< extensions at most (0-10)
  length extension_length{6, length_unit::weeks};        ///< each extension at most this long
  bool extension_reason_required = true;                 ///< an extension must give a reason
  length max_pause_total{6, length_unit::weeks};         ///< pauses, which stop the clock, in total at most
  int no_contact_days = 30;          ///< discontinue after this many days without contact (clock stopped in pauses)
  int no_contact_warning_days = 7;   ///< warn this many days before the no-contact limit
  length follow_up{3, length_unit::months};  ///< the follow-up measurement this long after the end
  int due_soon_business_days = 5;    ///< a deadline this close (in business days) is "due soon"

  /// @brief Policies are equal when every field is equal.
  friend bool operator==(const support_policy&, const support_policy&) = default;
};

/// @brief Whether `policy` is in force on `day` (from `valid_from` to `valid_to`, both included).
/// @param policy the policy
/// @param day the day
/// @return true when in force
[[nodiscard]] bool in_force_on(const support_policy& policy, date day) noexcept;

/// @brief Checks every rule of a policy.
///
/// Fields are named as in the JSON form, e.g. `extensions.max`, `first_contact.within`.
/// @param policy the policy
/// @throws invalid_argument (ids invalid_id, invalid_value) naming the field and the rule.
void validate(const support_policy& policy);

/// @brief Reads a policy from JSON; missing members keep their defaults.
///
/// @code{.json}
/// {
///   "id": "support-period", "version": "2026.1", "region": "Keski-Pohjanmaa",
///   "valid_from": "2026-01-01", "valid_to": null,
///   "first_contact": {"within": 10, "unit": "business_days"},
///   "meetings": {"max": 12},
///   "length": {"max": 12, "unit": "weeks"},
///   "extensions": {"max": 1, "length": 6, "unit": "weeks", "reason_required": true},
///   "pauses": {"max_total": 6, "unit": "weeks"},
///   "no_contact": {"discontinue_after_days": 30, "warn_days_before": 7},
///   "follow_up": {"after": 3, "unit": "months"},
///   "due_soon": {"business_days": 5}
/// }
/// @endcode
/// `id`, `version` and `valid_from` are required, as in a rule set; every other member may
/// be left out and keeps its default. Unknown members are errors (a misspelt rule must not
/// silently fall back to a default).
/// @param text the JSON text
/// @return the validated policy
/// @throws parse_error (id parse_syntax) naming the JSON path (e.g. `$.extensions.max`) and
///         the rule, for bad JSON, a wrong type, a missing or unknown member, a value out of
///         range or `valid_to` before `valid_from`; (id parse_date) for a bad date; (id
///         parse_enum) for an unknown unit.
[[nodiscard]] support_policy support_policy_from_json(std::string_view text);

/// @brief Writes a policy as JSON in the form support_policy_from_json() reads, with every
/// member present.
/// @param policy the policy
/// @return the JSON text (indented by 2)
[[nodiscard]] std::string to_json(const support_policy& policy);

/// @}

}  // namespace kulkija
