#include "kulkija/referral/need.hpp"

#include <bit>

#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, need_count> need_names{
    "loneliness",          "social_exclusion",   "mental_wellbeing",    "life_transition", "bereavement",
    "unemployment",        "caregiver_burden",   "physical_inactivity", "financial_hardship",
    "long_term_condition", "digital_exclusion",  "integration",         "meaningful_activity"};

const std::array<localized_text, need_count> need_labels{{
    {"yksinäisyys", "ensamhet", "loneliness"},
    {"syrjäytyminen", "utanförskap", "social exclusion"},
    {"mielen hyvinvointi", "psykiskt välbefinnande", "mental wellbeing"},
    {"elämänmuutos", "livsförändring", "life transition"},
    {"läheisen menetys", "förlust av en närstående", "bereavement"},
    {"työttömyys", "arbetslöshet", "unemployment"},
    {"omaishoitajan kuormitus", "närståendevårdarens belastning", "caregiver burden"},
    {"vähäinen liikkuminen", "fysisk inaktivitet", "physical inactivity"},
    {"taloudelliset vaikeudet", "ekonomiska svårigheter", "financial hardship"},
    {"pitkäaikaissairaus", "långvarig sjukdom", "long-term condition"},
    {"digitaalinen syrjäytyminen", "digitalt utanförskap", "digital exclusion"},
    {"kotoutuminen", "integration", "integration"},
    {"mielekkään tekemisen puute", "brist på meningsfull sysselsättning", "lack of meaningful activity"},
}};

constexpr std::array<need, need_count> every_need = [] {
  std::array<need, need_count> a{};
  for (std::size_t i = 0; i < need_count; ++i) a[i] = static_cast<need>(i);
  return a;
}();

}  // namespace

const std::array<need, need_count>& all_needs() noexcept { return every_need; }

std::string_view to_string(need n) noexcept { return detail::enum_name(need_names, n); }

need parse_need(std::string_view code) { return detail::parse_enum<need>("need", code, need_names); }

const localized_text& label(need n) noexcept { return need_labels[static_cast<std::size_t>(n)]; }

std::size_t need_set::size() const noexcept { return static_cast<std::size_t>(std::popcount(bits_)); }

std::vector<need> need_set::members() const {
  std::vector<need> out;
  for (need n : every_need) {
    if (contains(n)) out.push_back(n);
  }
  return out;
}

}  // namespace kulkija
