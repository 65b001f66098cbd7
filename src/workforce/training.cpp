#include "kulkija/workforce/training.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, competence_count> competence_names{
    "link_work",  "peer_support",      "experience_expert", "older_people",     "young_adults",
    "mental_wellbeing", "employment",  "immigrants",        "caregivers",       "physical_activity",
    "digital_skills",   "bereavement", "swedish_language",  "sami_language"};

const std::array<localized_text, competence_count> competence_labels{{
    {"linkkityön peruskoulutus", "grundutbildning i länkarbete", "basic link-worker training"},
    {"vertaistukijakoulutus", "utbildning för stödpersoner", "peer-supporter training"},
    {"kokemusasiantuntijakoulutus", "utbildning för erfarenhetsexperter", "expert-by-experience training"},
    {"työ ikääntyneiden kanssa", "arbete med äldre", "work with older people"},
    {"työ nuorten aikuisten kanssa", "arbete med unga vuxna", "work with young adults"},
    {"mielen hyvinvointi", "psykiskt välbefinnande", "mental wellbeing"},
    {"työllistyminen", "sysselsättning", "employment"},
    {"maahan muuttaneet", "invandrare", "immigrants"},
    {"omaishoitajat", "närståendevårdare", "family carers"},
    {"liikunta", "motion", "physical activity"},
    {"digitaidot", "digitala färdigheter", "digital skills"},
    {"läheisen menetys", "förlust av en närstående", "bereavement"},
    {"ruotsinkielinen työ", "arbete på svenska", "work in Swedish"},
    {"saamenkielinen työ", "arbete på samiska", "work in Sámi"},
}};

}  // namespace

std::string_view to_string(competence c) noexcept { return detail::enum_name(competence_names, c); }

competence parse_competence(std::string_view code) {
  return detail::parse_enum<competence>("competence", code, competence_names);
}

const localized_text& label(competence c) noexcept { return competence_labels[static_cast<std::size_t>(c)]; }

bool training_record::gives(competence c) const noexcept {
  return std::find(competences.begin(), competences.end(), c) != competences.end();
}

void validate(const training_record& r) {
  if (r.course.empty()) throw invalid_argument(error_id::invalid_value, "course", "must name the course");
  validate_free_text("course", r.course, 200);
  if (r.completed_on.is_special()) {
    throw invalid_argument(error_id::invalid_date, "completed_on", "must be a real date, not a special value");
  }
  if (r.valid_until) {
    if (r.valid_until->is_special()) {
      throw invalid_argument(error_id::invalid_date, "valid_until", "must be a real date, not a special value");
    }
    if (*r.valid_until < r.completed_on) {
      throw invalid_argument(error_id::invalid_date, "valid_until",
                             "must not be before completed_on (" + format_date(r.completed_on) + ")");
    }
  }
  if (r.competences.empty()) {
    throw invalid_argument(error_id::invalid_value, "competences", "must name at least one competence");
  }
  for (std::size_t i = 1; i < r.competences.size(); ++i) {
    const auto end = r.competences.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(r.competences.begin(), end, r.competences[i]) != end) {
      throw invalid_argument(error_id::invalid_value, "competences[" + std::to_string(i) + "]",
                             "is listed twice (" + std::string(to_string(r.competences[i])) + ")");
    }
  }
}

}  // namespace kulkija
