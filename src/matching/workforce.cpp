#include "kulkija/matching/workforce.hpp"

#include <algorithm>
#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

template <class T>
void check_unique(const std::vector<T>& values, const std::string& field) {
  for (std::size_t i = 1; i < values.size(); ++i) {
    const auto end = values.begin() + static_cast<std::ptrdiff_t>(i);
    if (std::find(values.begin(), end, values[i]) != end) {
      throw invalid_argument(error_id::invalid_value, field + "[" + std::to_string(i) + "]",
                             "is listed twice (" + std::string(to_string(values[i])) + ")");
    }
  }
}

template <class T>
bool contains(const std::vector<T>& values, const T& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

}  // namespace

void validate(const workforce_policy& policy) {
  for (worker_kind k : all_worker_kinds) {
    const kind_policy& p = policy.of(k);
    const std::string at = "workforce.kinds." + std::string(to_string(k)) + ".";
    if (p.caseload_limit < 0 || p.caseload_limit > 1000) {
      throw invalid_argument(error_id::invalid_value, at + "caseload_limit",
                             "must be from 0 to 1000, got " + std::to_string(p.caseload_limit));
    }
    if (p.meeting_modes.empty()) {
      throw invalid_argument(error_id::invalid_value, at + "meeting_modes", "must name at least one meeting mode");
    }
    check_unique(p.meeting_modes, at + "meeting_modes");
    if (p.supervision_interval_days < 1 || p.supervision_interval_days > 366) {
      throw invalid_argument(error_id::invalid_value, at + "supervision_interval_days",
                             "must be from 1 to 366 days, got " + std::to_string(p.supervision_interval_days));
    }
    check_unique(p.required_training, at + "required_training");
  }
}

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

int effective_capacity(const workforce_policy& policy, const link_worker& w) noexcept {
  return std::min(w.capacity(), policy.of(w.kind()).caseload_limit);
}

int effective_free_places(const workforce_policy& policy, const link_worker& w) noexcept {
  return std::max(0, effective_capacity(policy, w) - w.caseload());
}

std::vector<meeting_mode> effective_meeting_modes(const workforce_policy& policy, const link_worker& w) {
  const auto& allowed = policy.of(w.kind()).meeting_modes;
  if (w.meeting_modes().empty()) return allowed;
  std::vector<meeting_mode> out;
  for (meeting_mode m : w.meeting_modes()) {
    if (contains(allowed, m)) out.push_back(m);
  }
  return out;
}

std::vector<specialism> effective_specialisms(const workforce_policy& policy, const link_worker& w, date day) {
  std::vector<specialism> out = w.specialisms();
  if (!policy.training_adds_specialisms || w.training().empty()) return out;
  for (competence c : w.competences_on(day)) {
    const auto s = specialism_of(c);
    if (s && !contains(out, *s)) out.push_back(*s);
  }
  return out;
}

std::optional<date> supervision_due(const workforce_policy& policy, const link_worker& w) {
  if (!w.last_supervision()) return std::nullopt;
  return *w.last_supervision() + boost::gregorian::days(policy.of(w.kind()).supervision_interval_days);
}

bool supervision_current(const workforce_policy& policy, const link_worker& w, date day) {
  const auto due = supervision_due(policy, w);
  return due && day <= *due;
}

std::vector<competence> missing_training(const workforce_policy& policy, const link_worker& w, date day) {
  std::vector<competence> out;
  for (competence c : policy.of(w.kind()).required_training) {
    const bool held = std::any_of(w.training().begin(), w.training().end(),
                                  [&](const training_record& r) { return r.gives(c) && r.valid_on(day); });
    if (!held) out.push_back(c);
  }
  return out;
}

}  // namespace kulkija
