#include "kulkija/matching/workforce.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "kulkija/matching/match.hpp"
#include "kulkija/matching/policy.hpp"
#include "kulkija/matching/score.hpp"
#include "kulkija/workforce/capacity.hpp"
#include "../test_support.hpp"

namespace k = kulkija;

namespace {

k::date d(const char* text) { return k::parse_date(text); }

k::link_worker worker(const char* id = "lw-1", k::worker_kind kind = k::worker_kind::professional, int capacity = 5) {
  k::link_worker w(k::link_worker_id(id), {k::language("fi")}, k::municipality(272), capacity, kind);
  w.set_location(k::geo_point{63.84, 23.13});
  return w;
}

k::matching_client client(const char* id = "c-1", std::vector<k::meeting_mode> modes = {}) {
  k::client_preferences prefs;
  prefs.meeting_modes = std::move(modes);
  k::client c(k::client_id(id), 1950, k::municipality(272), {k::language("fi")});
  c.set_needs(k::need_set{k::need::loneliness});
  c.set_preferences(prefs);
  return {c, k::geo_point{63.84, 23.13}, std::nullopt, 1};
}

k::matching_policy strict() {
  k::matching_policy p;
  p.require_training_valid = true;
  p.require_supervision_current = true;
  return p;
}

k::training_record basic(const char* from, std::optional<const char*> until) {
  return {"Linkkityön peruskurssi", d(from), until ? std::optional(d(*until)) : std::nullopt, {k::competence::link_work}};
}

// Whether one client is matched with the one worker on `day`.
bool matched_on(const k::matching_policy& p, const k::link_worker& w, const char* day) {
  const std::vector<k::matching_client> clients{client()};
  const std::vector<k::link_worker> workers{w};
  return k::match(p, clients, workers, d(day)).matched.size() == 1;
}

}  // namespace

TEST(WorkforcePolicy, DefaultsAndWhereTheyComeFrom) {
  const k::workforce_policy p;
  EXPECT_EQ(p.of(k::worker_kind::professional).caseload_limit, 50);
  EXPECT_EQ(p.of(k::worker_kind::volunteer).caseload_limit, 5);
  EXPECT_EQ(p.of(k::worker_kind::peer_supporter).caseload_limit, 3);
  for (auto kind : k::all_worker_kinds) {
    EXPECT_EQ(p.of(kind).supervision_interval_days, 42);
    EXPECT_EQ(p.of(kind).required_training, std::vector<k::competence>{k::competence::link_work});
  }
  const auto& v = p.of(k::worker_kind::volunteer).meeting_modes;
  EXPECT_EQ(std::count(v.begin(), v.end(), k::meeting_mode::home_visit), 0);
  EXPECT_NO_THROW(k::validate(p));
  // training and supervision are not hard constraints unless the region switches them on
  EXPECT_FALSE(k::matching_policy{}.require_training_valid);
  EXPECT_FALSE(k::matching_policy{}.require_supervision_current);
}

TEST(WorkforcePolicy, JsonRoundTripsAndErrorsNameTheJsonPath) {
  const auto p = k::matching_policy_from_json(R"({
    "id": "m", "version": "1",
    "hard": {"training_valid": true, "supervision_current": true},
    "workforce": {
      "kinds": {"volunteer": {"caseload_limit": 4, "meeting_modes": ["in_person", "phone"],
                              "supervision_interval_days": 28, "required_training": ["link_work", "mental_wellbeing"]},
                "peer_supporter": {"required_training": []}},
      "training_adds_specialisms": false,
      "continuity": {"require_earlier_worker": true, "return_after_leave": false}
    }
  })");
  EXPECT_TRUE(p.require_training_valid);
  EXPECT_TRUE(p.require_supervision_current);
  const auto& v = p.workforce.of(k::worker_kind::volunteer);
  EXPECT_EQ(v.caseload_limit, 4);
  EXPECT_EQ(v.meeting_modes, (std::vector<k::meeting_mode>{k::meeting_mode::in_person, k::meeting_mode::phone}));
  EXPECT_EQ(v.supervision_interval_days, 28);
  EXPECT_EQ(v.required_training, (std::vector<k::competence>{k::competence::link_work, k::competence::mental_wellbeing}));
  EXPECT_TRUE(p.workforce.of(k::worker_kind::peer_supporter).required_training.empty());
  EXPECT_EQ(p.workforce.of(k::worker_kind::peer_supporter).caseload_limit, 3);  // left out: the default
  EXPECT_EQ(p.workforce.of(k::worker_kind::professional), k::kind_policy{});
  EXPECT_FALSE(p.workforce.training_adds_specialisms);
  EXPECT_TRUE(p.workforce.continuity.prefer_earlier_worker);
  EXPECT_TRUE(p.workforce.continuity.require_earlier_worker);
  EXPECT_FALSE(p.workforce.continuity.return_after_leave);
  EXPECT_EQ(k::matching_policy_from_json(k::to_json(p)), p);

  const auto fails = [](const std::string& workforce, const std::string& fragment) {
    KULKIJA_EXPECT_THROW_MSG((void)k::matching_policy_from_json(R"({"id": "m", "version": "1", )" + workforce + "}"),
                             k::parse_error, fragment);
  };
  fails(R"("workforce": {"kinds": {"volunteers": {}}})", "at $.workforce.kinds.volunteers: unknown member 'volunteers'");
  fails(R"("workforce": {"kinds": {"volunteer": {"meeting_modes": ["phone", "teleport"]}}})",
        "[kulkija.parse_error.105] at $.workforce.kinds.volunteer.meeting_modes[1]: unknown meeting mode 'teleport'");
  fails(R"("workforce": {"kinds": {"volunteer": {"meeting_modes": "phone"}}})",
        "at $.workforce.kinds.volunteer.meeting_modes: must be an array of codes, got string");
  fails(R"("workforce": {"kinds": {"volunteer": {"meeting_modes": [3]}}})",
        "at $.workforce.kinds.volunteer.meeting_modes[0]: must be a string, got number");
  fails(R"("workforce": {"kinds": {"volunteer": {"meeting_modes": []}}})",
        "at $.workforce.kinds.volunteer.meeting_modes: must name at least one meeting mode");
  fails(R"("workforce": {"kinds": {"volunteer": {"meeting_modes": ["phone", "phone"]}}})",
        "at $.workforce.kinds.volunteer.meeting_modes[1]: is listed twice (phone)");
  fails(R"("workforce": {"kinds": {"volunteer": {"caseload_limit": 5000}}})",
        "at $.workforce.kinds.volunteer.caseload_limit: must be from 0 to 1000, got 5000");
  fails(R"("workforce": {"kinds": {"peer_supporter": {"supervision_interval_days": 0}}})",
        "at $.workforce.kinds.peer_supporter.supervision_interval_days: must be from 1 to 366 days, got 0");
  fails(R"("workforce": {"kinds": {"professional": {"required_training": ["link_work", "link_work"]}}})",
        "at $.workforce.kinds.professional.required_training[1]: is listed twice (link_work)");
  fails(R"("workforce": {"kinds": {"professional": {"required_training": ["juggling"]}}})",
        "at $.workforce.kinds.professional.required_training[0]: unknown competence 'juggling'");
  fails(R"("workforce": {"kinds": {"professional": {"caseload_limit": 2.5}}})",
        "at $.workforce.kinds.professional.caseload_limit: must be an integer, got number");
  fails(R"("workforce": {"continuity": {"forever": true}})", "at $.workforce.continuity.forever: unknown member");
  fails(R"("workforce": {"training_adds_specialisms": "yes"})",
        "at $.workforce.training_adds_specialisms: must be true or false, got string");
  fails(R"("hard": {"training_valid": 1})", "at $.hard.training_valid: must be true or false, got number");
  fails(R"("hard": {"supervision_current": null})", "at $.hard.supervision_current: must be true or false, got null");
}

TEST(WorkforcePolicy, TheKindsLimitCapsTheWorkersOwnCapacity) {
  const k::workforce_policy p;
  auto v = worker("v", k::worker_kind::volunteer, 8);  // own capacity above the volunteer limit of 5
  EXPECT_EQ(k::effective_capacity(p, v), 5);
  v.set_capacity(3, 1);  // a volunteer with little time: the own capacity is below the limit
  EXPECT_EQ(k::effective_capacity(p, v), 3);
  EXPECT_EQ(k::effective_free_places(p, v), 2);
  v.set_capacity(8, 6);  // more clients than the limit (the limit was lowered): no free place
  EXPECT_EQ(k::effective_free_places(p, v), 0);
  // The matching gives a volunteer of own capacity 8 and caseload 3 only 5 - 3 = 2 clients.
  v.set_capacity(8, 3);
  std::vector<k::matching_client> clients{client("a"), client("b"), client("c")};
  const std::vector<k::link_worker> workers{v};
  const auto r = k::match(k::matching_policy{}, clients, workers, d("2026-03-02"));
  EXPECT_EQ(r.matched.size(), 2U);
  ASSERT_EQ(r.unmatched.size(), 1U);
  EXPECT_EQ(r.unmatched[0].reason.en,
            "the suitable link workers' places went to clients with a higher priority or total score");
  EXPECT_EQ(r.matched[0].score.components[4].reason.en, "free places 2/5");
  // a professional of the same own capacity takes all three
  auto pro = v;
  pro.set_kind(k::worker_kind::professional);
  EXPECT_EQ(k::match(k::matching_policy{}, clients, std::vector<k::link_worker>{pro}, d("2026-03-02")).matched.size(), 3U);
}

TEST(WorkforcePolicy, TheKindsMeetingModesRestrictTheWorkers) {
  const k::workforce_policy p;
  auto v = worker("v", k::worker_kind::volunteer);
  EXPECT_EQ(k::effective_meeting_modes(p, v), p.of(k::worker_kind::volunteer).meeting_modes);  // none listed: the kind's
  v.set_meeting_modes({k::meeting_mode::home_visit, k::meeting_mode::in_person});
  EXPECT_EQ(k::effective_meeting_modes(p, v), std::vector<k::meeting_mode>{k::meeting_mode::in_person});
  auto pro = v;
  pro.set_kind(k::worker_kind::professional);
  EXPECT_EQ(k::effective_meeting_modes(p, pro),
            (std::vector<k::meeting_mode>{k::meeting_mode::home_visit, k::meeting_mode::in_person}));
  k::matching_policy policy;
  policy.require_meeting_mode_overlap = true;
  const auto home = client("c", {k::meeting_mode::home_visit});
  EXPECT_EQ(k::score_pair(policy, home, v, d("2026-03-02")).exclusions,
            std::vector<k::match_exclusion>{k::match_exclusion::no_meeting_mode_overlap});
  EXPECT_TRUE(k::score_pair(policy, home, pro, d("2026-03-02")).allowed());
  // a volunteer who lists only home visits has no mode left
  v.set_meeting_modes({k::meeting_mode::home_visit});
  EXPECT_TRUE(k::effective_meeting_modes(p, v).empty());
  EXPECT_FALSE(k::score_pair(policy, client("c", {k::meeting_mode::phone}), v, d("2026-03-02")).allowed());
}

TEST(WorkforcePolicy, ValidTrainingAddsSpecialisms) {
  k::matching_policy policy;
  auto w = worker();
  w.set_training({{"Ikäihmisten kohtaaminen", d("2026-01-01"), d("2026-06-30"), {k::competence::older_people}}});
  const auto specialism_value = [&](const char* day) {
    return k::score_pair(policy, client(), w, d(day)).components[1].value;  // loneliness: older_people serves it
  };
  EXPECT_EQ(k::effective_specialisms(policy.workforce, w, d("2026-03-01")),
            std::vector<k::specialism>{k::specialism::older_people});
  EXPECT_DOUBLE_EQ(specialism_value("2026-03-01"), 1.0);
  EXPECT_DOUBLE_EQ(specialism_value("2026-07-01"), 0.0);  // lapsed
  policy.workforce.training_adds_specialisms = false;
  EXPECT_DOUBLE_EQ(specialism_value("2026-03-01"), 0.0);
  EXPECT_EQ(k::specialism_of(k::competence::bereavement), k::specialism::bereavement);
  EXPECT_EQ(k::specialism_of(k::competence::link_work), std::nullopt);
  EXPECT_EQ(k::specialism_of(k::competence::swedish_language), std::nullopt);
}

TEST(WorkerStanding, LapsedTrainingExcludesFromTheDayAfterValidUntil) {
  auto w = worker();
  w.set_training({basic("2025-09-12", "2026-10-31")});
  w.set_last_supervision(d("2026-10-20"));
  const auto p = strict();
  for (const char* day : {"2026-10-30", "2026-10-31"}) {
    EXPECT_TRUE(k::standing_of(p, w, d(day)).matchable()) << day;
    EXPECT_TRUE(matched_on(p, w, day)) << day;
  }
  const auto s = k::standing_of(p, w, d("2026-11-01"));
  EXPECT_FALSE(s.matchable());
  EXPECT_EQ(s.exclusions, std::vector<k::match_exclusion>{k::match_exclusion::training_not_valid});
  EXPECT_EQ(s.missing_training, std::vector<k::competence>{k::competence::link_work});
  ASSERT_EQ(s.reasons.size(), 1U);
  EXPECT_EQ(s.reasons[0].en, "Required training 'Linkkityön peruskurssi' (basic link-worker training) lapsed on 2026-10-31.");
  EXPECT_EQ(s.reasons[0].fi, "Pakollinen koulutus 'Linkkityön peruskurssi' (linkkityön peruskoulutus) päättyi 2026-10-31.");
  EXPECT_EQ(s.reasons[0].sv,
            "Den obligatoriska utbildningen 'Linkkityön peruskurssi' (grundutbildning i länkarbete) gick ut 2026-10-31.");
  EXPECT_FALSE(matched_on(p, w, "2026-11-01"));
  // the match explains it: the unmatched client's exclusion and the excluded worker's dates
  const std::vector<k::matching_client> clients{client()};
  const std::vector<k::link_worker> workers{w};
  const auto r = k::match(p, clients, workers, d("2026-11-01"));
  ASSERT_EQ(r.unmatched.size(), 1U);
  EXPECT_EQ(r.unmatched[0].exclusions, std::vector<k::match_exclusion>{k::match_exclusion::training_not_valid});
  EXPECT_EQ(r.unmatched[0].reason.en, "no link worker meets the hard constraints: required training not valid");
  EXPECT_EQ(r.unmatched[0].reason.fi, "yksikään linkkihenkilö ei täytä ehtoja: pakollinen koulutus ei ole voimassa");
  ASSERT_EQ(r.excluded_workers.size(), 1U);
  EXPECT_EQ(r.excluded_workers[0], s);
  EXPECT_EQ(k::score_pair(p, client(), w, d("2026-11-01")).exclusions,
            std::vector<k::match_exclusion>{k::match_exclusion::training_not_valid});
  // a renewed course makes the worker matchable again; switched off, training does not count
  auto renewed = w;
  renewed.add_training(basic("2026-11-02", "2028-11-01"));
  EXPECT_FALSE(k::standing_of(p, renewed, d("2026-11-01")).matchable());
  EXPECT_EQ(k::standing_of(p, renewed, d("2026-11-01")).reasons[0].en,
            "Required training 'Linkkityön peruskurssi' (basic link-worker training) lapsed on 2026-10-31.");
  EXPECT_TRUE(k::standing_of(p, renewed, d("2026-11-02")).matchable());
  auto off = p;
  off.require_training_valid = false;
  EXPECT_TRUE(k::standing_of(off, w, d("2026-11-01")).matchable());
  EXPECT_TRUE(matched_on(off, w, "2026-11-01"));
}

TEST(WorkerStanding, TrainingCountsFromTheDayItIsCompletedAndMissingTrainingIsNamed) {
  auto w = worker();
  w.set_last_supervision(d("2026-01-15"));
  const auto p = strict();
  const auto none = k::standing_of(p, w, d("2026-02-01"));
  ASSERT_EQ(none.reasons.size(), 1U);
  EXPECT_EQ(none.reasons[0].en, "Required training missing: basic link-worker training.");
  EXPECT_EQ(none.reasons[0].sv, "Obligatorisk utbildning saknas: grundutbildning i länkarbete.");
  w.set_training({basic("2026-02-02", std::nullopt)});
  const auto before = k::standing_of(p, w, d("2026-02-01"));
  EXPECT_EQ(before.reasons[0].en,
            "Required training 'Linkkityön peruskurssi' (basic link-worker training) is completed only on 2026-02-02.");
  EXPECT_FALSE(matched_on(p, w, "2026-02-01"));
  EXPECT_TRUE(matched_on(p, w, "2026-02-02"));
  EXPECT_TRUE(matched_on(p, w, "2026-02-03"));
  // a kind that requires nothing is never excluded for training
  auto q = p;
  q.workforce.of(k::worker_kind::professional).required_training.clear();
  EXPECT_TRUE(k::standing_of(q, worker(), d("2026-02-01")).missing_training.empty());
}

TEST(WorkerStanding, SupervisionIsOverdueFromTheDayAfterLastPlusTheInterval) {
  auto w = worker();
  w.set_training({basic("2025-01-01", std::nullopt)});
  w.set_last_supervision(d("2026-09-01"));  // + 42 days: current up to and including 2026-10-13
  const auto p = strict();
  EXPECT_EQ(k::supervision_due(p.workforce, w), d("2026-10-13"));
  for (const char* day : {"2026-09-01", "2026-10-12", "2026-10-13"}) {
    EXPECT_TRUE(k::supervision_current(p.workforce, w, d(day))) << day;
    EXPECT_TRUE(matched_on(p, w, day)) << day;
  }
  EXPECT_FALSE(k::supervision_current(p.workforce, w, d("2026-10-14")));
  EXPECT_FALSE(matched_on(p, w, "2026-10-14"));
  const auto s = k::standing_of(p, w, d("2026-10-14"));
  EXPECT_EQ(s.exclusions, std::vector<k::match_exclusion>{k::match_exclusion::supervision_overdue});
  EXPECT_EQ(s.supervision_due, d("2026-10-13"));
  EXPECT_EQ(s.reasons[0].en, "Supervision overdue: last on 2026-09-01, due by 2026-10-13 (every 42 days).");
  EXPECT_EQ(s.reasons[0].fi, "Työnohjaus myöhässä: edellinen 2026-09-01, seuraava viimeistään 2026-10-13 (42 päivän välein).");
  EXPECT_EQ(s.reasons[0].sv, "Handledningen är försenad: senaste 2026-09-01, nästa senast 2026-10-13 (var 42:e dag).");
  // the interval is the kind's: a volunteer under a 28-day rule is overdue from 2026-09-30
  auto q = p;
  q.workforce.of(k::worker_kind::volunteer).supervision_interval_days = 28;
  auto v = w;
  v.set_kind(k::worker_kind::volunteer);
  EXPECT_TRUE(matched_on(q, v, "2026-09-29"));
  EXPECT_FALSE(matched_on(q, v, "2026-09-30"));
  EXPECT_TRUE(matched_on(q, w, "2026-09-30"));  // the professional keeps 42 days
  // never supervised: overdue on any day
  auto never = worker();
  never.set_training({basic("2025-01-01", std::nullopt)});
  const auto n = k::standing_of(p, never, d("2026-01-01"));
  EXPECT_EQ(n.exclusions, std::vector<k::match_exclusion>{k::match_exclusion::supervision_overdue});
  EXPECT_EQ(n.reasons[0].en, "No supervision recorded.");
  EXPECT_EQ(n.supervision_due, std::nullopt);
  // both at once, with the inactive worker's dates, in the order of the constraints
  auto all = never;
  all.set_training({});
  all.set_active(d("2026-03-01"), std::nullopt);
  const auto a = k::standing_of(p, all, d("2026-02-01"));
  EXPECT_EQ(a.exclusions, (std::vector<k::match_exclusion>{k::match_exclusion::not_active,
                                                           k::match_exclusion::training_not_valid,
                                                           k::match_exclusion::supervision_overdue}));
  EXPECT_EQ(a.reasons[0].en, "Takes clients only from 2026-03-01.");
  EXPECT_EQ(a.reasons.size(), 3U);
  KULKIJA_EXPECT_THROW_MSG((void)k::standing_of(p, all, k::date(boost::date_time::not_a_date_time)),
                           k::invalid_argument, "on: must be a real date");
}

TEST(WorkforceMember, TheLinkWorkerHoldsItsWorkforceFacts) {
  auto w = worker("lw-7", k::worker_kind::volunteer, 4);
  w.set_capacity(4, 1);
  w.set_meeting_modes({k::meeting_mode::phone});
  w.set_active(d("2026-01-01"), d("2026-12-31"));
  w.set_training({basic("2025-09-12", "2026-10-31")});
  w.set_last_supervision(d("2026-09-01"));
  const k::workforce_member& m = w.member();
  EXPECT_EQ(m.id(), w.id());
  EXPECT_EQ(m.kind(), k::worker_kind::volunteer);
  EXPECT_EQ(m.capacity(), 4);
  EXPECT_EQ(m.caseload(), 1);
  EXPECT_EQ(m.meeting_modes(), w.meeting_modes());
  EXPECT_EQ(m.active_from(), d("2026-01-01"));
  EXPECT_EQ(m.active_to(), d("2026-12-31"));
  EXPECT_EQ(m.training(), w.training());
  EXPECT_EQ(m.last_supervision(), d("2026-09-01"));
  // the same facts set on a member directly give an equal member
  k::workforce_member same(k::link_worker_id("lw-7"), 4, k::worker_kind::volunteer);
  same.set_capacity(4, 1);
  same.set_meeting_modes({k::meeting_mode::phone});
  same.set_active(d("2026-01-01"), d("2026-12-31"));
  same.set_training({basic("2025-09-12", "2026-10-31")});
  same.set_last_supervision(d("2026-09-01"));
  EXPECT_EQ(m, same);
  // a rejected change leaves the worker and its facts unchanged
  const auto before = w;
  EXPECT_THROW(w.set_capacity(4, 2000), k::invalid_argument);
  EXPECT_EQ(w, before);
  EXPECT_EQ(w.member(), same);
}

TEST(WorkforceMember, TheLinkWorkerOverloadsAgreeWithTheWorkforceArea) {
  std::vector<k::link_worker> workers;
  for (auto kind : k::all_worker_kinds) {
    for (int capacity : {0, 2, 8, 60}) {
      auto w = worker("lw", kind, capacity);
      w.set_capacity(capacity, capacity / 2 + 1);
      workers.push_back(w);
      w.set_meeting_modes({k::meeting_mode::home_visit, k::meeting_mode::video});
      w.set_training({basic("2025-09-12", "2026-10-31"),
                      {"Ikäihmisten kohtaaminen", d("2026-01-01"), std::nullopt, {k::competence::older_people}}});
      workers.push_back(w);
      w.set_last_supervision(d("2026-09-01"));
      w.set_active(d("2026-03-01"), d("2026-10-20"));
      workers.push_back(w);
    }
  }
  std::vector<k::matching_policy> policies{k::matching_policy{}, strict()};
  auto odd = strict();
  odd.require_active = false;
  odd.workforce.of(k::worker_kind::volunteer).supervision_interval_days = 28;
  odd.workforce.of(k::worker_kind::peer_supporter).required_training.clear();
  odd.workforce.of(k::worker_kind::professional).caseload_limit = 6;
  policies.push_back(odd);
  for (const auto& p : policies) {
    const k::workforce_policy& wp = p.workforce;
    const k::standing_requirements required = k::standing_requirements_of(p);
    EXPECT_EQ(required, (k::standing_requirements{p.require_active, p.require_training_valid,
                                                  p.require_supervision_current}));
    for (const auto& w : workers) {
      const k::workforce_member& m = w.member();
      EXPECT_EQ(k::effective_capacity(wp, w), k::effective_capacity(wp, m));
      EXPECT_EQ(k::effective_free_places(wp, w), k::effective_free_places(wp, m));
      EXPECT_EQ(k::effective_meeting_modes(wp, w), k::effective_meeting_modes(wp, m));
      EXPECT_EQ(k::supervision_due(wp, w), k::supervision_due(wp, m));
      for (const char* day : {"2026-02-01", "2026-03-01", "2026-10-13", "2026-10-14", "2026-11-01"}) {
        EXPECT_EQ(k::supervision_current(wp, w, d(day)), k::supervision_current(wp, m, d(day)));
        EXPECT_EQ(k::missing_training(wp, w, d(day)), k::missing_training(wp, m, d(day)));
        const k::worker_standing s = k::standing_of(p, w, d(day));
        const k::workforce_standing ws = k::standing_of(wp, m, d(day), required);
        ASSERT_EQ(s.exclusions.size(), ws.issues.size());
        for (std::size_t i = 0; i < ws.issues.size(); ++i) {
          EXPECT_EQ(s.exclusions[i], k::exclusion_of(ws.issues[i]));
          EXPECT_EQ(k::to_string(s.exclusions[i]), k::to_string(ws.issues[i]));
        }
        EXPECT_EQ(s.worker, ws.worker);
        EXPECT_EQ(s.reasons, ws.reasons);
        EXPECT_EQ(s.capacity, ws.capacity);
        EXPECT_EQ(s.free_places, ws.free_places);
        EXPECT_EQ(s.meeting_modes, ws.meeting_modes);
        EXPECT_EQ(s.supervision_due, ws.supervision_due);
        EXPECT_EQ(s.missing_training, ws.missing_training);
        EXPECT_EQ(s.matchable(), k::matchable_on(wp, m, d(day), required));
        // the matching excludes the worker exactly when the workforce area says it is not matchable
        EXPECT_EQ(matched_on(p, w, day), ws.matchable() && ws.free_places > 0) << day;
      }
    }
  }
}

TEST(CapacityWorkforce, GroupsTheMatchableWorkersByKindAndEffectiveCapacity) {
  const auto day = k::parse_date("2026-03-02");
  auto make = [&](const char* id, k::worker_kind kind, int capacity, bool trained, bool supervised) {
    k::link_worker w(k::link_worker_id(id), {k::language("fi")}, k::municipality(272), capacity, kind);
    if (trained) w.set_training({{"Linkkityön peruskurssi", k::parse_date("2025-09-01"), std::nullopt, {k::competence::link_work}}});
    if (supervised) w.set_last_supervision(k::parse_date("2026-02-20"));
    return w;
  };
  const std::vector<k::link_worker> workers{
      make("p1", k::worker_kind::professional, 12, true, true),
      make("p2", k::worker_kind::professional, 60, true, true),  // cut to the professional limit of 50
      make("p3", k::worker_kind::professional, 12, true, true),
      make("v1", k::worker_kind::volunteer, 9, true, true),       // cut to the volunteer limit of 5
      make("v2", k::worker_kind::volunteer, 4, false, true),      // no basic training
      make("v3", k::worker_kind::volunteer, 4, true, false),      // never supervised
      make("s1", k::worker_kind::peer_supporter, 0, true, true),  // no places
  };
  k::matching_policy strict;
  strict.require_training_valid = true;
  strict.require_supervision_current = true;
  const auto groups = k::workforce_groups(strict, workers, day);
  const std::vector<k::workforce_group> want{{k::worker_kind::professional, 1, 50, 0},
                                             {k::worker_kind::professional, 2, 12, 0},
                                             {k::worker_kind::volunteer, 1, 5, 0}};
  EXPECT_EQ(groups, want);
  // without the training and supervision constraints the untrained and unsupervised count
  const auto lenient = k::workforce_groups(k::matching_policy{}, workers, day);
  ASSERT_EQ(lenient.size(), 4U);
  EXPECT_EQ(lenient[3], (k::workforce_group{k::worker_kind::volunteer, 2, 4, 0}));
  // and the groups run in the simulation as they are
  EXPECT_NO_THROW((void)k::simulate_capacity(k::referral_inflow{k::date(2026, 3, 1), {10, 10}}, groups));
}

TEST(CapacityWorkforce, TheLinkWorkerOverloadAgreesWithTheWorkforceArea) {
  const auto day = k::parse_date("2026-03-02");
  std::vector<k::link_worker> workers;
  std::vector<k::workforce_member> members;
  int n = 0;
  for (auto kind : k::all_worker_kinds) {
    for (int capacity : {0, 3, 12, 60}) {
      for (int facts = 0; facts < 4; ++facts) {
        auto w = worker(("w" + std::to_string(n++)).c_str(), kind, capacity);
        if ((facts & 1) != 0) w.set_training({basic("2025-09-01", std::nullopt)});
        if ((facts & 2) != 0) w.set_last_supervision(k::parse_date("2026-02-20"));
        if (capacity == 12 && facts == 3) w.set_active(k::parse_date("2026-04-01"), std::nullopt);
        workers.push_back(w);
        members.push_back(w.member());
      }
    }
  }
  for (const auto& p : {k::matching_policy{}, strict()}) {
    EXPECT_EQ(k::workforce_groups(p, workers, day),
              k::workforce_groups(p.workforce, members, day, k::standing_requirements_of(p)));
  }
}
