#pragma once
/// @file
/// @brief The client: known by a pseudonym, with only the data the referral needs.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/core/language.hpp"
#include "kulkija/core/municipality.hpp"
#include "kulkija/referral/need.hpp"

namespace kulkija {

/// @addtogroup referral
/// @{

/// @brief Who the client lives with: the model's target group is adults living at home.
enum class living_situation : std::uint8_t {
  alone,              ///< lives alone at home
  with_partner,       ///< lives at home with a spouse or partner
  with_family,        ///< lives at home with children, parents or other family
  with_others,        ///< lives at home with people who are not family
  supported_housing,  ///< sheltered or supported housing (palveluasuminen)
  institutional_care, ///< long-term institutional care (not living at home)
  no_fixed_abode,     ///< homeless or without a fixed address
};
/// @brief The code of a living situation, e.g. `alone`.
/// @param s the living situation
[[nodiscard]] std::string_view to_string(living_situation s) noexcept;
/// @brief Parses a living situation's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] living_situation parse_living_situation(std::string_view code);

/// @brief A person's gender, as far as a client's preference for a worker needs it.
enum class gender : std::uint8_t {
  female,  ///< female
  male,    ///< male
  other,   ///< other or non-binary
};
/// @brief The code of a gender: `female`, `male` or `other`.
/// @param g the gender
[[nodiscard]] std::string_view to_string(gender g) noexcept;
/// @brief Parses a gender's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] gender parse_gender(std::string_view code);

/// @brief How a client and a link worker meet.
enum class meeting_mode : std::uint8_t {
  in_person,   ///< face to face at an agreed place
  home_visit,  ///< at the client's home
  phone,       ///< by telephone
  video,       ///< by video call
};
/// @brief The code of a meeting mode, e.g. `home_visit`.
/// @param m the meeting mode
[[nodiscard]] std::string_view to_string(meeting_mode m) noexcept;
/// @brief Parses a meeting mode's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] meeting_mode parse_meeting_mode(std::string_view code);

/// @brief When a client (or worker) is available.
enum class time_window : std::uint8_t {
  weekday_daytime,  ///< Monday to Friday, office hours
  weekday_evening,  ///< Monday to Friday, evenings
  weekend,          ///< Saturday and Sunday
};
/// @brief The code of a time window, e.g. `weekend`.
/// @param w the time window
[[nodiscard]] std::string_view to_string(time_window w) noexcept;
/// @brief Parses a time window's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] time_window parse_time_window(std::string_view code);

/// @brief What the client prefers; every part is optional and empty means "no preference".
struct client_preferences {
  std::optional<gender> worker_gender;      ///< the gender of link worker the client asks for
  std::vector<meeting_mode> meeting_modes;  ///< acceptable ways to meet
  std::vector<time_window> times;           ///< when the client can meet
  std::vector<std::string> interests;       ///< free-text interest tags, e.g. `singing`
  /// @brief Preferences are equal when every part is equal.
  friend bool operator==(const client_preferences&, const client_preferences&) = default;
};

/// @brief A client of a wellbeing referral, known only by a pseudonym.
///
/// Holds no name, address or personal identity code: the birth year (or date, where a rule
/// needs the exact age), the home municipality, the languages, the living situation, the
/// needs, the goals in the client's own words, and preferences. Every setter validates and
/// leaves the client unchanged when it throws.
class client {
 public:
  /// @brief Creates a client.
  /// @param id the pseudonym
  /// @param birth_year the year of birth, 1900 to 2100
  /// @param home the home municipality
  /// @param languages the languages the client speaks, the preferred first; at least one,
  ///        no duplicates
  /// @throws invalid_argument naming `birth_year` or `languages` and the rule.
  client(client_id id, int birth_year, municipality home, std::vector<language> languages);

  /// @brief The pseudonym.
  [[nodiscard]] const client_id& id() const noexcept { return id_; }
  /// @brief The year of birth.
  [[nodiscard]] int birth_year() const noexcept { return birth_year_; }
  /// @brief The birth date, when the service records it.
  [[nodiscard]] const std::optional<date>& birth_date() const noexcept { return birth_date_; }
  /// @brief The home municipality.
  [[nodiscard]] const municipality& home() const noexcept { return home_; }
  /// @brief The languages, the preferred first.
  [[nodiscard]] const std::vector<language>& languages() const noexcept { return languages_; }
  /// @brief The preferred language (the first one).
  [[nodiscard]] const language& preferred_language() const noexcept { return languages_.front(); }
  /// @brief Whether the client speaks `l`.
  /// @param l the language
  [[nodiscard]] bool speaks(const language& l) const noexcept;
  /// @brief Who the client lives with, when known.
  [[nodiscard]] const std::optional<living_situation>& living() const noexcept { return living_; }
  /// @brief The client's needs.
  [[nodiscard]] need_set needs() const noexcept { return needs_; }
  /// @brief Goals in the client's own words.
  [[nodiscard]] const std::vector<std::string>& goals() const noexcept { return goals_; }
  /// @brief The client's preferences.
  [[nodiscard]] const client_preferences& preferences() const noexcept { return preferences_; }

  /// @brief The exact age on `on`, or nothing when only the birth year is known and the age
  /// depends on the unknown birthday.
  /// @param on the day of the decision
  /// @throws invalid_argument (id invalid_date) when `on` is before the birth.
  [[nodiscard]] std::optional<int> age_on(date on) const;
  /// @brief The smallest and largest age the client can have on `on` (equal when exact).
  /// @param on the day of the decision
  /// @throws invalid_argument (id invalid_date) when `on` is before the birth year.
  [[nodiscard]] std::pair<int, int> age_range_on(date on) const;

  /// @brief Records the birth date; its year must equal birth_year().
  /// @param d the birth date, or nothing to forget it
  /// @throws invalid_argument naming `birth_date`.
  void set_birth_date(std::optional<date> d);
  /// @brief Changes the home municipality.
  /// @param m the municipality
  void set_home(municipality m) noexcept { home_ = m; }
  /// @brief Replaces the languages (at least one, no duplicates).
  /// @param languages the languages, the preferred first
  /// @throws invalid_argument naming `languages`.
  void set_languages(std::vector<language> languages);
  /// @brief Records who the client lives with.
  /// @param s the living situation, or nothing when unknown
  void set_living(std::optional<living_situation> s) noexcept { living_ = s; }
  /// @brief Replaces the needs.
  /// @param needs the needs
  void set_needs(need_set needs) noexcept { needs_ = needs; }
  /// @brief Replaces the goals: at most 10, each non-empty free text of at most 500 bytes,
  /// with no personal identity code.
  /// @param goals the goals in the client's own words
  /// @throws invalid_argument naming `goals[i]` and the rule.
  void set_goals(std::vector<std::string> goals);
  /// @brief Replaces the preferences (interests: at most 20 tags of at most 60 bytes).
  /// @param p the preferences
  /// @throws invalid_argument naming `preferences.<part>` and the rule.
  void set_preferences(client_preferences p);

  /// @brief Clients are equal when every field is equal.
  friend bool operator==(const client&, const client&) = default;

 private:
  client_id id_;
  int birth_year_;
  std::optional<date> birth_date_;
  municipality home_;
  std::vector<language> languages_;
  std::optional<living_situation> living_;
  need_set needs_;
  std::vector<std::string> goals_;
  client_preferences preferences_;
};

/// @}

}  // namespace kulkija
