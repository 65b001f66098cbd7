#include "kulkija/matching/workforce.hpp"

#include <algorithm>

#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/score.hpp"

namespace kulkija {

std::optional<specialism> specialism_of(competence c) noexcept {
  switch (c) {
    case competence::older_people: return specialism::older_people;
    case competence::young_adults: return specialism::young_adults;
    case competence::mental_wellbeing: return specialism::mental_wellbeing;
    case competence::employment: return specialism::employment;
    case competence::immigrants: return specialism::immigrants;
    case competence::caregivers: return specialism::caregivers;
    case competence::physical_activity: return specialism::physical_activity;
    case competence::digital_skills: return specialism::digital_skills;
    case competence::bereavement: return specialism::bereavement;
    case competence::link_work:
    case competence::peer_support:
    case competence::experience_expert:
    case competence::swedish_language:
    case competence::sami_language: break;
  }
  return std::nullopt;
}

std::vector<specialism> effective_specialisms(const workforce_policy& policy, const link_worker& w, date day) {
  std::vector<specialism> out = w.specialisms();
  if (!policy.training_adds_specialisms || w.training().empty()) return out;
  for (competence c : w.competences_on(day)) {
    const auto s = specialism_of(c);
    if (s && std::find(out.begin(), out.end(), *s) == out.end()) out.push_back(*s);
  }
  return out;
}

std::vector<workforce_group> workforce_groups(const matching_policy& policy, std::span<const link_worker> workers,
                                             date on) {
  validate(policy);
  std::vector<workforce_member> members;
  members.reserve(workers.size());
  for (const link_worker& w : workers) members.push_back(w.member());
  return workforce_groups(policy.workforce, members, on, standing_requirements_of(policy));
}

}  // namespace kulkija
