#include "kulkija/matching/link_worker.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, 9> specialism_names{
    "older_people", "young_adults", "mental_wellbeing", "employment",  "immigrants",
    "caregivers",   "physical_activity", "digital_skills", "bereavement"};

const std::array<localized_text, 9> specialism_labels{{
    {"ikääntyneet", "äldre", "older people"},
    {"nuoret aikuiset", "unga vuxna", "young adults"},
    {"mielen hyvinvointi", "psykiskt välbefinnande", "mental wellbeing"},
    {"työllistyminen", "sysselsättning", "employment"},
    {"maahan muuttaneet", "invandrare", "immigrants"},
    {"omaishoitajat", "närståendevårdare", "family carers"},
    {"liikunta", "motion", "physical activity"},
    {"digitaidot", "digitala färdigheter", "digital skills"},
    {"läheisen menetys", "förlust av en närstående", "bereavement"},
}};

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

std::vector<language> checked_languages(std::vector<language> languages) {
  validate_languages("languages", languages);
  return languages;
}

}  // namespace

std::string_view to_string(specialism s) noexcept { return detail::enum_name(specialism_names, s); }
specialism parse_specialism(std::string_view code) {
  return detail::parse_enum<specialism>("specialism", code, specialism_names);
}
const localized_text& label(specialism s) noexcept { return specialism_labels[static_cast<std::size_t>(s)]; }

std::vector<specialism> specialisms_for(need n) {
  switch (n) {
    case need::loneliness: return {specialism::mental_wellbeing, specialism::older_people};
    case need::social_exclusion: return {specialism::young_adults, specialism::employment};
    case need::mental_wellbeing: return {specialism::mental_wellbeing};
    case need::life_transition: return {specialism::mental_wellbeing, specialism::older_people};
    case need::bereavement: return {specialism::bereavement};
    case need::unemployment: return {specialism::employment};
    case need::caregiver_burden: return {specialism::caregivers};
    case need::physical_inactivity: return {specialism::physical_activity};
    case need::financial_hardship: return {specialism::employment};
    case need::long_term_condition: return {specialism::physical_activity, specialism::mental_wellbeing};
    case need::digital_exclusion: return {specialism::digital_skills};
    case need::integration: return {specialism::immigrants};
    case need::meaningful_activity: break;
  }
  return {specialism::mental_wellbeing, specialism::physical_activity};
}

link_worker::link_worker(link_worker_id id, std::vector<language> languages, municipality home, int capacity,
                         worker_kind kind)
    : languages_(checked_languages(std::move(languages))), home_(home), member_(std::move(id), capacity, kind) {}

bool link_worker::speaks(const language& l) const noexcept {
  return std::find(languages_.begin(), languages_.end(), l) != languages_.end();
}

void link_worker::set_languages(std::vector<language> languages) {
  validate_languages("languages", languages);
  languages_ = std::move(languages);
}

void link_worker::set_location(std::optional<geo_point> p) {
  if (p) validate("location", *p);
  location_ = p;
}

void link_worker::set_travel_radius_km(std::optional<double> km) {
  if (km && (!std::isfinite(*km) || *km < 0 || *km > 2000)) {
    throw invalid_argument(error_id::invalid_value, "travel_radius_km", "must be from 0 to 2000 km");
  }
  travel_radius_km_ = km;
}

void link_worker::set_specialisms(std::vector<specialism> s) {
  check_unique(s, "specialisms");
  specialisms_ = std::move(s);
}

void link_worker::set_availability(std::vector<time_window> windows) {
  check_unique(windows, "availability");
  availability_ = std::move(windows);
}

}  // namespace kulkija
