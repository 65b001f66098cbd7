#pragma once
// A small hand-built set of referrals in every part of the lifecycle, with meetings and
// care visits, for the KPI and support-period tests.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kulkija/outcomes/kpi.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/support/support_period.hpp"

namespace kulkija::testing {

struct step {
  referral_event kind;
  const char* day;  // YYYY-MM-DD; the event happens at 08:00 UTC (the same Finnish day)
  std::optional<reason_code> reason = std::nullopt;
  const char* worker = nullptr;
};

inline actor_role role_of(referral_event e) {
  switch (e) {
    case referral_event::issue: return actor_role::referrer;
    case referral_event::first_contact:
    case referral_event::pause:
    case referral_event::resume:
    case referral_event::complete:
    case referral_event::discontinue: return actor_role::link_worker;
    default: return actor_role::coordinator;
  }
}

inline referral build(const char* id, const char* client_code, priority p, const std::vector<step>& steps) {
  referral r{referral_id{id}, client{client_id{client_code}, 1950, municipality{272}, {language{"fi"}}},
             professional{professional_id{"P-1"}, sector::health_care, "Kokkolan terveysasema", "terveydenhoitaja"},
             need_set{need::loneliness}, p};
  r.record_consent(parse_timestamp("2025-12-01T08:00:00Z"));
  for (const step& s : steps) {
    lifecycle_event e{s.kind, parse_timestamp(std::string(s.day) + "T08:00:00Z"), actor{role_of(s.kind), {}}, s.reason,
                      std::nullopt, {}};
    if (s.worker != nullptr) e.link_worker = link_worker_id{s.worker};
    r.apply(e);
  }
  return r;
}

inline std::vector<referral> sample_referrals() {
  using enum referral_event;
  using enum reason_code;
  using enum priority;
  return {
      build("R-01", "C-01", routine,
            {{issue, "2026-01-05"}, {accept, "2026-01-06"}, {assign, "2026-01-07", {}, "LW-1"},
             {first_contact, "2026-01-12"}, {complete, "2026-03-02", goals_reached}}),
      build("R-02", "C-02", routine, {{issue, "2026-01-05"}, {reject, "2026-01-06", not_eligible}}),
      build("R-03", "C-03", urgent,
            {{issue, "2026-01-08"}, {accept, "2026-01-09"}, {assign, "2026-01-09", {}, "LW-2"},
             {first_contact, "2026-02-02"}, {pause, "2026-02-10", client_ill}, {resume, "2026-02-20"},
             {discontinue, "2026-04-01", client_withdrew}}),
      build("R-04", "C-04", asap, {{issue, "2026-01-10"}, {accept, "2026-01-12"}}),
      build("R-05", "C-05", routine,
            {{issue, "2026-01-10"}, {accept, "2026-01-12"}, {assign, "2026-01-13", {}, "LW-1"},
             {first_contact, "2026-01-14"}, {reassign, "2026-03-02", worker_on_leave, "LW-2"}}),
      build("R-06", "C-06", routine,
            {{issue, "2026-01-10"}, {accept, "2026-01-12"}, {assign, "2026-01-13", {}, "LW-2"},
             {first_contact, "2026-01-15"}, {pause, "2026-06-01", client_away}}),
      build("R-07", "C-07", routine, {{issue, "2026-02-01"}, {cancel, "2026-02-02", referral_withdrawn}}),
      build("R-08", "C-08", routine, {}),
      build("R-09", "C-09", urgent,
            {{issue, "2026-02-01"}, {accept, "2026-02-02"}, {assign, "2026-02-03", {}, "LW-1"},
             {discontinue, "2026-03-02", could_not_contact}}),
      build("R-10", "C-10", routine,
            {{issue, "2026-01-05"}, {accept, "2026-01-06"}, {assign, "2026-01-06", {}, "LW-3"},
             {first_contact, "2026-01-07"}, {complete, "2026-05-20"}}),
      build("R-11", "C-11", routine,
            {{issue, "2026-01-05"}, {accept, "2026-01-06"}, {assign, "2026-01-06", {}, "LW-3"},
             {first_contact, "2026-01-08"}, {complete, "2026-06-15", support_period_ended}}),
      build("R-12", "C-12", asap, {{issue, "2026-06-20"}}),
      build("R-13", "C-01", routine,
            {{issue, "2026-03-10"}, {accept, "2026-03-11"}, {assign, "2026-03-12", {}, "LW-3"},
             {first_contact, "2026-03-13"}, {pause, "2026-03-20", client_ill}}),
  };
}

inline std::vector<care_visit> sample_visits() {
  std::vector<care_visit> out;
  const auto add = [&](const char* client, const char* day, const char* kind) {
    out.push_back({client_id{client}, parse_date(day), kind});
  };
  add("C-01", "2025-12-20", "gp_visit");
  add("C-01", "2026-01-11", "nurse_visit");
  add("C-01", "2026-01-12", "gp_visit");    // the first-contact day: not before
  add("C-01", "2026-03-02", "gp_visit");    // the closure day: not after
  add("C-01", "2026-03-03", "gp_visit");
  add("C-01", "2026-04-01", "gp_visit");    // closed_on + 30
  add("C-01", "2026-04-02", "gp_visit");    // beyond the window
  add("C-03", "2026-01-03", "emergency_visit");
  add("C-03", "2026-01-02", "gp_visit");    // first_contact - 31
  add("C-03", "2026-04-15", "nurse_visit");
  add("C-10", "2026-01-01", "gp_visit");
  add("C-10", "2026-06-01", "gp_visit");
  add("C-11", "2026-06-20", "gp_visit");    // R-11's window has not ended
  add("C-05", "2026-02-01", "gp_visit");    // still in support
  return out;
}

// The meetings of the sample referrals that have them.
inline std::map<std::string, std::vector<meeting>> sample_meetings() {
  using enum contact_mode;
  using enum meeting_outcome;
  return {
      {"R-03",
       {{parse_date("2026-02-02"), in_person, attended},
        {parse_date("2026-02-05"), phone, no_show},
        {parse_date("2026-02-24"), in_person, attended},
        {parse_date("2026-03-10"), video, attended}}},
      {"R-06", {{parse_date("2026-01-15"), in_person, attended}, {parse_date("2026-02-01"), in_person, attended}}},
      {"R-13", {{parse_date("2026-03-13"), in_person, attended}}},
  };
}

}  // namespace kulkija::testing
