#pragma once
/// @file
/// @brief An activity in the service catalogue: what, for whom, where, when, at what cost.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/catalogue/taxonomy.hpp"
#include "kulkija/core/date.hpp"
#include "kulkija/core/geo.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/language.hpp"
#include "kulkija/core/municipality.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/referral/client.hpp"

namespace kulkija {

/// @addtogroup catalogue
/// @{

/// @brief A day of the week, Monday first (as ISO 8601 and Finnish calendars do).
enum class weekday : std::uint8_t {
  monday,     ///< maanantai
  tuesday,    ///< tiistai
  wednesday,  ///< keskiviikko
  thursday,   ///< torstai
  friday,     ///< perjantai
  saturday,   ///< lauantai
  sunday,     ///< sunnuntai
};
/// @brief The code of a weekday, e.g. `monday`.
/// @param d the weekday
/// @return its code
[[nodiscard]] std::string_view to_string(weekday d) noexcept;
/// @brief Parses a weekday's code (`monday`) or its iCalendar form (`MO`).
/// @param code the code
/// @return the weekday
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] weekday parse_weekday(std::string_view code);
/// @brief The weekday of a date.
/// @param d a real date
/// @return its weekday
[[nodiscard]] weekday weekday_of(date d);

/// @brief How often a recurring activity meets.
enum class recurrence_frequency : std::uint8_t {
  weekly,    ///< every week on the weekday
  biweekly,  ///< every other week, in the weeks of the rule's anchor date
  monthly,   ///< once a month, on the n-th (or last) weekday of the month
};
/// @brief The code of a frequency: `weekly`, `biweekly` or `monthly`.
/// @param f the frequency
/// @return its code
[[nodiscard]] std::string_view to_string(recurrence_frequency f) noexcept;
/// @brief Parses a frequency's code.
/// @param code the code
/// @return the frequency
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] recurrence_frequency parse_recurrence_frequency(std::string_view code);

/// @brief One recurring meeting time: a weekday, a frequency and a time window.
///
/// Times are minutes after midnight, local time. A biweekly rule needs an anchor (a day on
/// which it meets); a monthly rule needs `week_of_month` (1 to 4, or -1 for the last).
struct recurrence_rule {
  recurrence_frequency frequency = recurrence_frequency::weekly;  ///< how often
  weekday day = weekday::monday;  ///< the weekday
  int week_of_month = 0;          ///< monthly only: 1 to 4, or -1 for the last; otherwise 0
  std::optional<date> anchor;     ///< biweekly only: a day on which it meets (on `day`)
  int starts = 0;                 ///< start, minutes after midnight (0 to 1439)
  int ends = 0;                   ///< end, minutes after midnight, after `starts` (1 to 1440)

  /// @brief Checks the rule.
  /// @param field the field name for the error message, e.g. `schedule[1]`
  /// @throws invalid_argument (id invalid_value) naming `field.<part>` and the rule.
  void validate(std::string_view field) const;
  /// @brief Whether the activity meets on `d` by this rule.
  /// @param d a real date
  [[nodiscard]] bool occurs_on(date d) const;
  /// @brief The first day on or after `from` on which it meets.
  /// @param from a real date
  [[nodiscard]] date next_on_or_after(date from) const;
  /// @brief The client time window this meeting falls in: weekend on Saturday and Sunday,
  /// weekday_evening when it starts at 17:00 or later, weekday_daytime otherwise.
  [[nodiscard]] time_window window() const noexcept;
  /// @brief Rules are equal when every part is.
  friend bool operator==(const recurrence_rule&, const recurrence_rule&) = default;
};

/// @brief Parses a time of day `hh:mm` or `hh:mm:ss` (24-hour clock; `24:00` ends a day).
/// @param text the time
/// @return minutes after midnight
/// @throws parse_error (id parse_timestamp) when the text is not a time of day.
[[nodiscard]] int parse_time_of_day(std::string_view text);
/// @brief Formats minutes after midnight as `hh:mm`.
/// @param minutes 0 to 1440
/// @return the text
[[nodiscard]] std::string format_time_of_day(int minutes);

/// @brief Whether taking part costs something.
enum class cost_kind : std::uint8_t {
  free,     ///< maksuton: no charge
  fee,      ///< maksullinen: a fee per time (see activity_cost::amount)
  unknown,  ///< the directory does not say
};
/// @brief The code of a cost kind: `free`, `fee` or `unknown`.
/// @param k the kind
/// @return its code
[[nodiscard]] std::string_view to_string(cost_kind k) noexcept;
/// @brief Parses a cost kind's code.
/// @param code the code
/// @return the kind
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] cost_kind parse_cost_kind(std::string_view code);

/// @brief What taking part costs, and whether the Kaikukortti culture card is accepted.
struct activity_cost {
  cost_kind kind = cost_kind::free;  ///< free, fee or unknown
  double amount = 0;                 ///< the fee per time in `currency`; 0 unless kind is fee
  std::string currency = "EUR";      ///< ISO 4217 code, three upper-case letters
  bool kaikukortti = false;          ///< Kaikukortti accepted: free for card holders
  /// @brief The cost for a participant: 0 when free, or when the card is accepted and
  /// `holder` is true; the amount for a fee; nothing when unknown.
  /// @param holder whether the participant holds a Kaikukortti
  [[nodiscard]] std::optional<double> for_participant(bool holder) const noexcept;
  /// @brief Checks the cost (a fee is positive and finite, free and unknown have amount 0).
  /// @param field the field name for the error message
  /// @throws invalid_argument (id invalid_value) naming `field.<part>`.
  void validate(std::string_view field) const;
  /// @brief Costs are equal when every part is.
  friend bool operator==(const activity_cost&, const activity_cost&) = default;
};

/// @brief Everything that describes an activity; activity validates it on construction.
struct activity_spec {
  activity_id id{"activity"};                       ///< the activity's id
  organisation_id organisation{"organisation"};     ///< the organisation that runs it
  localized_text name;         ///< name in fi/sv/en; at least one, each at most 200 bytes
  localized_text description;  ///< description in fi/sv/en, each at most 4000 bytes
  std::vector<activity_category> categories;  ///< categories, no duplicates
  std::vector<target_group> target_groups;    ///< target groups, no duplicates
  std::optional<int> min_age;                 ///< youngest age admitted (0 to 120)
  std::optional<int> max_age;                 ///< oldest age admitted (0 to 120, at least min_age)
  std::vector<language> languages;            ///< languages spoken in it; at least one, no duplicates
  std::optional<municipality> place;          ///< the municipality where it meets (none: region-wide or online)
  std::string address;                        ///< street address or venue, at most 200 bytes
  std::optional<geo_point> position;          ///< where it meets (validated as `activity.position`)
  std::vector<recurrence_rule> schedule;      ///< when it meets (empty: by arrangement)
  std::vector<accessibility_feature> accessibility;  ///< accessibility features, no duplicates
  activity_cost cost;                         ///< what it costs
  bool registration_required = false;         ///< ilmoittautuminen: sign up in advance
  bool peer_support = false;                  ///< vertaistuki: run by or for peers
  std::optional<int> capacity;                ///< places per meeting, at least 1
  std::optional<date> valid_from;             ///< first day it runs
  std::optional<date> valid_to;               ///< last day it runs (not before valid_from)
  /// @brief Specs are equal when every part is.
  friend bool operator==(const activity_spec&, const activity_spec&) = default;
};

/// @brief A validated activity of the catalogue (a group, a club, an open meeting place).
///
/// @code
/// kulkija::activity_spec s;
/// s.id = kulkija::activity_id{"choir-1"};
/// s.organisation = kulkija::organisation_id{"kokkola-seniors"};
/// s.name.fi = "Laulupiiri";
/// s.languages = {kulkija::language{"fi"}};
/// kulkija::activity a{s};
/// @endcode
class activity {
 public:
  /// @brief Validates and stores the spec.
  /// @param spec the activity's description
  /// @throws invalid_argument naming `activity.<field>` and the rule (ids, free text,
  ///         ages, languages, duplicates, schedule, cost, coordinates, dates).
  explicit activity(activity_spec spec);

  /// @brief All the activity's fields.
  [[nodiscard]] const activity_spec& spec() const noexcept { return spec_; }
  /// @brief The id.
  [[nodiscard]] const activity_id& id() const noexcept { return spec_.id; }
  /// @brief The organisation's id.
  [[nodiscard]] const organisation_id& organisation() const noexcept { return spec_.organisation; }
  /// @brief The name in `lang`, or in the first of fi, sv, en that has one.
  /// @param lang the wanted language
  [[nodiscard]] const std::string& name_in(text_language lang) const noexcept;
  /// @brief The description in `lang`, or in the first of fi, sv, en that has one.
  /// @param lang the wanted language
  [[nodiscard]] const std::string& description_in(text_language lang) const noexcept;
  /// @brief Whether it runs on `d` (between valid_from and valid_to).
  /// @param d the day
  [[nodiscard]] bool valid_on(date d) const noexcept;
  /// @brief Whether the activity's languages include `l`.
  /// @param l the language
  [[nodiscard]] bool uses(const language& l) const noexcept;
  /// @brief Whether it belongs to category `c`.
  /// @param c the category
  [[nodiscard]] bool in_category(activity_category c) const noexcept;
  /// @brief The needs its categories address (see needs_addressed()).
  [[nodiscard]] need_set needs() const noexcept;

  /// @brief Activities are equal when their specs are.
  friend bool operator==(const activity&, const activity&) = default;

 private:
  activity_spec spec_;
};

/// @}

}  // namespace kulkija
