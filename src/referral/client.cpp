#include "kulkija/referral/client.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 7> living_names{"alone",           "with_partner",       "with_family",
                                                       "with_others",     "supported_housing",  "institutional_care",
                                                       "no_fixed_abode"};
constexpr std::array<std::string_view, 3> gender_names{"female", "male", "other"};
constexpr std::array<std::string_view, 4> meeting_mode_names{"in_person", "home_visit", "phone", "video"};
constexpr std::array<std::string_view, 3> time_window_names{"weekday_daytime", "weekday_evening", "weekend"};

constexpr int min_birth_year = 1900;
constexpr int max_birth_year = 2100;

void check_birth_year(int year) {
  if (year < min_birth_year || year > max_birth_year) {
    throw invalid_argument(error_id::invalid_value, "birth_year",
                           "must be between 1900 and 2100, got " + std::to_string(year));
  }
}

template <class T>
void check_unique(const std::vector<T>& values, std::string_view field) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (std::find(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(i), values[i]) !=
        values.begin() + static_cast<std::ptrdiff_t>(i)) {
      throw invalid_argument(error_id::invalid_value, std::string(field) + "[" + std::to_string(i) + "]",
                             "is listed twice");
    }
  }
}

}  // namespace

std::string_view to_string(living_situation s) noexcept { return detail::enum_name(living_names, s); }
living_situation parse_living_situation(std::string_view code) {
  return detail::parse_enum<living_situation>("living situation", code, living_names);
}
std::string_view to_string(gender g) noexcept { return detail::enum_name(gender_names, g); }
gender parse_gender(std::string_view code) { return detail::parse_enum<gender>("gender", code, gender_names); }
std::string_view to_string(meeting_mode m) noexcept { return detail::enum_name(meeting_mode_names, m); }
meeting_mode parse_meeting_mode(std::string_view code) {
  return detail::parse_enum<meeting_mode>("meeting mode", code, meeting_mode_names);
}
std::string_view to_string(time_window w) noexcept { return detail::enum_name(time_window_names, w); }
time_window parse_time_window(std::string_view code) {
  return detail::parse_enum<time_window>("time window", code, time_window_names);
}

client::client(client_id id, int birth_year, municipality home, std::vector<language> languages)
    : id_(std::move(id)), birth_year_(birth_year), home_(home), languages_(std::move(languages)) {
  check_birth_year(birth_year_);
  validate_languages("languages", languages_);
}

bool client::speaks(const language& l) const noexcept {
  return std::find(languages_.begin(), languages_.end(), l) != languages_.end();
}

std::optional<int> client::age_on(date on) const {
  const auto [low, high] = age_range_on(on);
  if (low == high) return low;
  return std::nullopt;
}

std::pair<int, int> client::age_range_on(date on) const {
  if (on.is_special()) throw invalid_argument(error_id::invalid_date, "on", "must be a real date, not a special value");
  if (birth_date_) {
    const int exact = kulkija::age_on(*birth_date_, on);
    return {exact, exact};
  }
  if (on.year() < birth_year_) {
    throw invalid_argument(error_id::invalid_date, "on", "the day of the decision must not be before the birth year");
  }
  const int high = on.year() - birth_year_;
  // Born on 1 January at the latest birthday already passed; the age is exact on 31 December.
  const bool last_day = on.month() == 12 && on.day() == 31;
  const int low = last_day ? high : std::max(0, high - 1);
  return {low, high};
}

void client::set_birth_date(std::optional<date> d) {
  if (d) {
    if (d->is_special()) throw invalid_argument(error_id::invalid_date, "birth_date", "must be a real date");
    if (d->year() != birth_year_) {
      throw invalid_argument(error_id::invalid_date, "birth_date",
                             "its year must equal birth_year " + std::to_string(birth_year_));
    }
  }
  birth_date_ = d;
}

void client::set_languages(std::vector<language> languages) {
  validate_languages("languages", languages);
  languages_ = std::move(languages);
}

void client::set_goals(std::vector<std::string> goals) {
  constexpr std::size_t max_goals = 10;
  if (goals.size() > max_goals) {
    throw invalid_argument(error_id::invalid_value, "goals", "at most 10 goals, got " + std::to_string(goals.size()));
  }
  for (std::size_t i = 0; i < goals.size(); ++i) {
    const std::string field = "goals[" + std::to_string(i) + "]";
    if (goals[i].empty()) throw invalid_argument(error_id::invalid_value, field, "must not be empty");
    validate_free_text(field, goals[i], 500);
  }
  goals_ = std::move(goals);
}

void client::set_preferences(client_preferences p) {
  check_unique(p.meeting_modes, "preferences.meeting_modes");
  check_unique(p.times, "preferences.times");
  if (p.interests.size() > 20) {
    throw invalid_argument(error_id::invalid_value, "preferences.interests",
                           "at most 20 interests, got " + std::to_string(p.interests.size()));
  }
  for (std::size_t i = 0; i < p.interests.size(); ++i) {
    const std::string field = "preferences.interests[" + std::to_string(i) + "]";
    if (p.interests[i].empty()) throw invalid_argument(error_id::invalid_value, field, "must not be empty");
    validate_free_text(field, p.interests[i], 60);
  }
  check_unique(p.interests, "preferences.interests");
  preferences_ = std::move(p);
}

}  // namespace kulkija
