#include "kulkija/workforce/standing.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

namespace kulkija {

namespace {

constexpr std::array<std::string_view, standing_issue_count> standing_issue_names{
    "not_active", "training_not_valid", "supervision_overdue"};

template <class T>
bool contains(const std::vector<T>& values, const T& v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

// Why the kind's required training is not valid on `on`: per missing competence, the lapsed
// course (the latest to lapse), else the course completed only later, else that none exists.
localized_text training_reason(const workforce_member& m, const std::vector<competence>& missing, date on) {
  localized_text out;
  for (competence c : missing) {
    const training_record* lapsed = nullptr;
    const training_record* later = nullptr;
    for (const auto& r : m.training()) {
      if (!r.gives(c)) continue;
      if (r.valid_until && *r.valid_until < on && (!lapsed || *lapsed->valid_until < *r.valid_until)) lapsed = &r;
      if (r.completed_on > on && (!later || r.completed_on < later->completed_on)) later = &r;
    }
    const localized_text& what = label(c);
    localized_text one;
    if (lapsed != nullptr) {
      const std::string course = "'" + lapsed->course + "'";
      const std::string day = format_date(*lapsed->valid_until);
      one = {"Pakollinen koulutus " + course + " (" + what.fi + ") päättyi " + day + ".",
             "Den obligatoriska utbildningen " + course + " (" + what.sv + ") gick ut " + day + ".",
             "Required training " + course + " (" + what.en + ") lapsed on " + day + "."};
    } else if (later != nullptr) {
      const std::string course = "'" + later->course + "'";
      const std::string day = format_date(later->completed_on);
      one = {"Pakollinen koulutus " + course + " (" + what.fi + ") valmistuu vasta " + day + ".",
             "Den obligatoriska utbildningen " + course + " (" + what.sv + ") blir klar först " + day + ".",
             "Required training " + course + " (" + what.en + ") is completed only on " + day + "."};
    } else {
      one = {"Pakollinen koulutus puuttuu: " + what.fi + ".", "Obligatorisk utbildning saknas: " + what.sv + ".",
             "Required training missing: " + what.en + "."};
    }
    out = out.en.empty() ? one : concat({out, untranslated(" "), one});
  }
  return out;
}

localized_text supervision_reason(const workforce_member& m, const std::optional<date>& due, int interval) {
  if (!m.last_supervision() || !due) {
    return {"Työnohjausta ei ole kirjattu.", "Ingen handledning har registrerats.", "No supervision recorded."};
  }
  const std::string last = format_date(*m.last_supervision());
  const std::string by = format_date(*due);
  const std::string n = std::to_string(interval);
  return {"Työnohjaus myöhässä: edellinen " + last + ", seuraava viimeistään " + by + " (" + n + " päivän välein).",
          "Handledningen är försenad: senaste " + last + ", nästa senast " + by + " (var " + n + ":e dag).",
          "Supervision overdue: last on " + last + ", due by " + by + " (every " + n + " days)."};
}

localized_text activity_reason(const workforce_member& m, date on) {
  if (m.active_from() && on < *m.active_from()) {
    const std::string day = format_date(*m.active_from());
    return {"Ottaa asiakkaita vasta " + day + " alkaen.", "Tar emot klienter först från " + day + ".",
            "Takes clients only from " + day + "."};
  }
  const std::string day = m.active_to() ? format_date(*m.active_to()) : std::string("?");
  return {"Ei ota asiakkaita " + day + " jälkeen.", "Tar inte emot klienter efter " + day + ".",
          "Takes no clients after " + day + "."};
}

}  // namespace

int effective_capacity(const workforce_policy& policy, const workforce_member& m) noexcept {
  return std::min(m.capacity(), policy.of(m.kind()).caseload_limit);
}

int effective_free_places(const workforce_policy& policy, const workforce_member& m) noexcept {
  return std::max(0, effective_capacity(policy, m) - m.caseload());
}

std::vector<meeting_mode> effective_meeting_modes(const workforce_policy& policy, const workforce_member& m) {
  const auto& allowed = policy.of(m.kind()).meeting_modes;
  if (m.meeting_modes().empty()) return allowed;
  std::vector<meeting_mode> out;
  for (meeting_mode mode : m.meeting_modes()) {
    if (contains(allowed, mode)) out.push_back(mode);
  }
  return out;
}

std::optional<date> supervision_due(const workforce_policy& policy, const workforce_member& m) {
  if (!m.last_supervision()) return std::nullopt;
  return *m.last_supervision() + boost::gregorian::days(policy.of(m.kind()).supervision_interval_days);
}

bool supervision_current(const workforce_policy& policy, const workforce_member& m, date day) {
  const auto due = supervision_due(policy, m);
  return due && day <= *due;
}

std::vector<competence> missing_training(const workforce_policy& policy, const workforce_member& m, date day) {
  std::vector<competence> out;
  for (competence c : policy.of(m.kind()).required_training) {
    const bool held = std::any_of(m.training().begin(), m.training().end(),
                                  [&](const training_record& r) { return r.gives(c) && r.valid_on(day); });
    if (!held) out.push_back(c);
  }
  return out;
}

std::string_view to_string(standing_issue i) noexcept { return detail::enum_name(standing_issue_names, i); }

std::vector<standing_issue> standing_issues(const workforce_policy& policy, const workforce_member& m, date on,
                                            const standing_requirements& required) {
  std::vector<standing_issue> out;
  if (required.active && !m.active_on(on)) out.push_back(standing_issue::not_active);
  if (required.training_valid && !missing_training(policy, m, on).empty()) {
    out.push_back(standing_issue::training_not_valid);
  }
  if (required.supervision_current && !supervision_current(policy, m, on)) {
    out.push_back(standing_issue::supervision_overdue);
  }
  return out;
}

bool matchable_on(const workforce_policy& policy, const workforce_member& m, date on,
                  const standing_requirements& required) {
  return standing_issues(policy, m, on, required).empty();
}

workforce_standing standing_of(const workforce_policy& policy, const workforce_member& m, date on,
                               const standing_requirements& required) {
  if (on.is_special()) throw invalid_argument(error_id::invalid_date, "on", "must be a real date, not a special value");
  workforce_standing s{m.id(), on, standing_issues(policy, m, on, required), {}, 0, 0, {}, std::nullopt, {}};
  s.capacity = effective_capacity(policy, m);
  s.free_places = effective_free_places(policy, m);
  s.meeting_modes = effective_meeting_modes(policy, m);
  s.supervision_due = supervision_due(policy, m);
  s.missing_training = missing_training(policy, m, on);
  for (standing_issue i : s.issues) {
    switch (i) {
      case standing_issue::not_active: s.reasons.push_back(activity_reason(m, on)); break;
      case standing_issue::training_not_valid: s.reasons.push_back(training_reason(m, s.missing_training, on)); break;
      case standing_issue::supervision_overdue:
        s.reasons.push_back(supervision_reason(m, s.supervision_due, policy.of(m.kind()).supervision_interval_days));
        break;
    }
  }
  return s;
}

}  // namespace kulkija
