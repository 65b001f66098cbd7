#include "kulkija/matching/reassignment.hpp"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "kulkija/core/error.hpp"
#include "kulkija/matching/match.hpp"
#include "../referral/fixtures.hpp"
#include "../test_support.hpp"

namespace k = kulkija;

namespace {

const k::date day = k::parse_date("2026-06-15");
const k::timestamp when = k::parse_timestamp("2026-06-15T08:00:00Z");

k::link_worker worker(const char* id, double lon, int capacity, int caseload = 0,
                      k::worker_kind kind = k::worker_kind::professional) {
  k::link_worker w(k::link_worker_id(id), {k::language("fi")}, k::municipality(272), capacity, kind);
  w.set_location(k::geo_point{63.84, lon});
  w.set_capacity(capacity, caseload);
  return w;
}

k::lifecycle_event ev(k::referral_event kind, int minute, k::actor_role role, std::optional<k::reason_code> reason = std::nullopt,
                      std::optional<std::string> worker = std::nullopt) {
  k::lifecycle_event e{kind, k::parse_timestamp("2026-06-01T08:00:00Z") + boost::posix_time::minutes(minute),
                       k::actor{role, {}}, reason, std::nullopt, {}};
  if (worker) e.link_worker = k::link_worker_id(*worker);
  return e;
}

// A referral issued and accepted, then assigned to each worker of `workers` in turn (the
// first by assign, the others by reassign at the client's request), then taken to `state`.
k::referral with_workers(const std::string& id, const std::vector<std::string>& workers,
                         k::referral_state state = k::referral_state::in_progress,
                         k::priority urgency = k::priority::routine) {
  k::client c(k::client_id(id), 1950, k::municipality(272), {k::language("fi")});
  k::referral r{k::referral_id{id}, c, k::testing::sample_referrer(), k::need_set{k::need::loneliness}, urgency};
  r.record_consent(k::parse_timestamp("2026-06-01T07:00:00Z"));
  int m = 0;
  r.apply(ev(k::referral_event::issue, ++m, k::actor_role::referrer));
  r.apply(ev(k::referral_event::accept, ++m, k::actor_role::coordinator));
  for (std::size_t i = 0; i < workers.size(); ++i) {
    if (i == 0) {
      r.apply(ev(k::referral_event::assign, ++m, k::actor_role::coordinator, std::nullopt, workers[i]));
    } else {
      r.apply(ev(k::referral_event::reassign, ++m, k::actor_role::coordinator, k::reason_code::client_request, workers[i]));
    }
  }
  if (state == k::referral_state::assigned) return r;
  r.apply(ev(k::referral_event::first_contact, ++m, k::actor_role::link_worker));
  if (state == k::referral_state::on_hold) {
    r.apply(ev(k::referral_event::pause, ++m, k::actor_role::link_worker, k::reason_code::client_ill));
  } else if (state == k::referral_state::completed) {
    r.apply(ev(k::referral_event::complete, ++m, k::actor_role::link_worker, k::reason_code::goals_reached));
  }
  return r;
}

k::referral replayed(const k::referral& r) {
  std::vector<k::lifecycle_event> events;
  for (const auto& h : r.history()) events.push_back(h.event);
  return k::referral::replay(r.id(), r.subject(), r.referrer(), r.needs(), r.urgency(), r.consent_given_at(), events);
}

const k::reassignment* move_of(const k::reassignment_plan& p, const std::string& id) {
  for (const auto& m : p.moves) {
    if (m.referral.str() == id) return &m;
  }
  return nullptr;
}

}  // namespace

TEST(Reassignment, PlansNewWorkersForTheActiveReferralsOnly) {
  const std::vector<k::link_worker> workers{worker("A", 23.13, 10, 3), worker("B", 23.14, 1), worker("C", 23.40, 5)};
  const std::vector<k::referral> referrals{
      with_workers("r1", {"A"}, k::referral_state::assigned), with_workers("r2", {"A"}, k::referral_state::in_progress),
      with_workers("r3", {"A"}, k::referral_state::on_hold), with_workers("r4", {"A"}, k::referral_state::completed),
      with_workers("r5", {"B"})};
  const auto plan = k::plan_reassignment(k::matching_policy{}, referrals, workers, k::link_worker_id("A"),
                                         k::reason_code::worker_left, day);
  EXPECT_EQ(plan.worker.str(), "A");
  EXPECT_EQ(plan.reason, k::reason_code::worker_left);
  ASSERT_EQ(plan.moves.size(), 3U);  // r4 is closed, r5 is B's
  EXPECT_EQ(plan.moves[0].referral.str(), "r1");
  EXPECT_EQ(plan.planned(), 3U);
  std::map<std::string, int> load;
  for (const auto& m : plan.moves) {
    ASSERT_TRUE(m.to.has_value());
    EXPECT_NE(m.to->str(), "A");
    EXPECT_EQ(m.from.str(), "A");
    ++load[m.to->str()];
    ASSERT_TRUE(m.score.has_value());
    EXPECT_TRUE(m.score->allowed());
    EXPECT_EQ(m.reason.en.rfind("A: the link worker left. ", 0), 0U) << m.reason.en;
    EXPECT_NE(m.reason.en.find(" takes over, score "), std::string::npos) << m.reason.en;
    EXPECT_NE(m.reason.fi.find("linkkihenkilö lopetti"), std::string::npos);
    EXPECT_NE(m.reason.sv.find("länkpersonen slutade"), std::string::npos);
  }
  EXPECT_EQ(load["B"], 1);  // B has one free place
  EXPECT_EQ(load["C"], 2);

  auto changed = referrals;
  EXPECT_EQ(k::apply_reassignment(plan, changed, when, "COORD-1"), 3U);
  for (std::size_t i = 0; i < changed.size(); ++i) {
    const auto* m = move_of(plan, changed[i].id().str());
    EXPECT_EQ(replayed(changed[i]), changed[i]);
    EXPECT_EQ(changed[i].state(), referrals[i].state());
    if (m == nullptr) {
      EXPECT_EQ(changed[i], referrals[i]);
      continue;
    }
    EXPECT_EQ(changed[i].link_worker(), m->to);
    ASSERT_EQ(changed[i].history().size(), referrals[i].history().size() + 1);
    const auto& e = changed[i].history().back().event;
    EXPECT_EQ(e.kind, k::referral_event::reassign);
    EXPECT_EQ(e.by, (k::actor{k::actor_role::coordinator, "COORD-1"}));
    EXPECT_EQ(e.reason, k::reason_code::worker_left);
    EXPECT_EQ(e.at, when);
    EXPECT_EQ(e.note, m->reason.en);
  }
}

TEST(Reassignment, ContinuityPrefersOrRequiresTheEarlierWorker) {
  // The client had C before A; B is nearer. Continuity (weight 20) outweighs B's nearness
  // under the default weights, and when required C takes the client even with weight 0.
  const std::vector<k::link_worker> workers{worker("A", 23.13, 5, 1), worker("B", 23.13, 5), worker("C", 23.30, 5)};
  const std::vector<k::referral> referrals{with_workers("r1", {"C", "A"})};
  k::matching_policy policy;
  auto plan = k::plan_reassignment(policy, referrals, workers, k::link_worker_id("A"), k::reason_code::worker_on_leave, day);
  ASSERT_EQ(plan.moves.size(), 1U);
  EXPECT_EQ(plan.moves[0].to, k::link_worker_id("C"));
  EXPECT_TRUE(plan.moves[0].continuity);
  EXPECT_NE(plan.moves[0].reason.en.find("The client's earlier link worker C takes over"), std::string::npos);
  EXPECT_NE(plan.moves[0].reason.en.find("the same link worker as before"), std::string::npos);
  policy.workforce.continuity.prefer_earlier_worker = false;
  plan = k::plan_reassignment(policy, referrals, workers, k::link_worker_id("A"), k::reason_code::worker_on_leave, day);
  EXPECT_EQ(plan.moves[0].to, k::link_worker_id("B"));
  EXPECT_FALSE(plan.moves[0].continuity);
  policy.workforce.continuity.require_earlier_worker = true;
  policy.weights.continuity = 0;
  plan = k::plan_reassignment(policy, referrals, workers, k::link_worker_id("A"), k::reason_code::worker_on_leave, day);
  EXPECT_EQ(plan.moves[0].to, k::link_worker_id("C"));
  EXPECT_TRUE(plan.moves[0].continuity);
  // required, but the earlier worker is full: matched like the others
  const std::vector<k::link_worker> full{worker("A", 23.13, 5, 1), worker("B", 23.13, 5), worker("C", 23.30, 5, 5)};
  plan = k::plan_reassignment(policy, referrals, full, k::link_worker_id("A"), k::reason_code::worker_on_leave, day);
  EXPECT_EQ(plan.moves[0].to, k::link_worker_id("B"));
}

TEST(Reassignment, WorkersWhoCannotTakeClientsAreExcludedAndExplained) {
  k::matching_policy policy;
  policy.require_supervision_current = true;
  auto b = worker("B", 23.13, 5);
  b.set_last_supervision(k::parse_date("2026-03-01"));  // overdue on 2026-06-15
  auto c = worker("C", 23.13, 5);
  c.set_last_supervision(k::parse_date("2026-06-01"));
  const std::vector<k::referral> referrals{with_workers("r1", {"A"}), with_workers("r2", {"A"})};
  auto plan = k::plan_reassignment(policy, referrals, std::vector<k::link_worker>{worker("A", 23.13, 5, 2), b, c},
                                   k::link_worker_id("A"), k::reason_code::worker_left, day);
  for (const auto& m : plan.moves) EXPECT_EQ(m.to, k::link_worker_id("C"));
  ASSERT_EQ(plan.excluded_workers.size(), 1U);  // A itself is not a candidate
  EXPECT_EQ(plan.excluded_workers[0].worker.str(), "B");
  EXPECT_EQ(plan.excluded_workers[0].reasons[0].en, "Supervision overdue: last on 2026-03-01, due by 2026-04-12 (every 42 days).");
  // nobody can take them: the moves say why, and applying changes nothing
  plan = k::plan_reassignment(policy, referrals, std::vector<k::link_worker>{b}, k::link_worker_id("A"),
                              k::reason_code::worker_left, day);
  EXPECT_EQ(plan.planned(), 0U);
  EXPECT_EQ(plan.moves[0].reason.en,
            "A: the link worker left. No link worker can take the client: no link worker meets the hard constraints: "
            "supervision overdue.");
  auto same = referrals;
  EXPECT_EQ(k::apply_reassignment(plan, same, when, ""), 0U);
  EXPECT_EQ(same, referrals);
}

TEST(Reassignment, BadInputNamesTheFieldAndChangesNothing) {
  const std::vector<k::link_worker> workers{worker("A", 23.13, 5, 2), worker("B", 23.13, 5)};
  const std::vector<k::referral> referrals{with_workers("r1", {"A"}), with_workers("r2", {"A"})};
  const k::matching_policy policy;
  const k::link_worker_id a("A");
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_reassignment(policy, referrals, workers, a, k::reason_code::client_request, day),
                           k::invalid_argument, "reason: must be worker_left or worker_on_leave, got 'client_request'");
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_reassignment(policy, referrals, workers, a, k::reason_code::worker_left,
                                                      k::date(boost::date_time::not_a_date_time)),
                           k::invalid_argument, "on: must be a real date");
  const std::vector<std::optional<k::geo_point>> one{k::geo_point{63.8, 23.1}};
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::plan_reassignment(policy, referrals, workers, a, k::reason_code::worker_left, day, one),
      k::invalid_argument, "locations: must hold one location per referral (2), got 1");
  const std::vector<k::referral> twice{referrals[0], referrals[0]};
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_reassignment(policy, twice, workers, a, k::reason_code::worker_left, day),
                           k::invalid_argument, "referrals[1]: referral 'r1' appears twice");
  auto bad_policy = policy;
  bad_policy.workforce.of(k::worker_kind::volunteer).caseload_limit = -1;
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::plan_reassignment(bad_policy, referrals, workers, a, k::reason_code::worker_left, day),
      k::invalid_argument, "workforce.kinds.volunteer.caseload_limit: must be from 0 to 1000, got -1");

  const auto plan = k::plan_reassignment(policy, referrals, workers, a, k::reason_code::worker_left, day);
  ASSERT_EQ(plan.planned(), 2U);
  // one referral changed since planning: nothing is applied
  auto changed = referrals;
  changed[1].apply(ev(k::referral_event::reassign, 100, k::actor_role::coordinator, k::reason_code::other, "B"));
  const auto before = changed;
  KULKIJA_EXPECT_THROW_MSG((void)k::apply_reassignment(plan, changed, when, "COORD-1"), k::invalid_argument,
                           "moves[1].from: referral 'r2' now has link worker 'B', not 'A': plan again");
  EXPECT_EQ(changed, before);
  // the second referral's last event is later than `at`: the lifecycle refuses, nothing is applied
  changed = referrals;
  changed[1].apply(ev(k::referral_event::pause, 60 * 24 * 20, k::actor_role::link_worker, k::reason_code::client_away));
  const auto paused = changed;
  EXPECT_THROW((void)k::apply_reassignment(plan, changed, when, "COORD-1"), k::invalid_transition);
  EXPECT_EQ(changed, paused);
  // a referral of the plan that is not given, a bad coordinator id
  auto only_first = std::vector<k::referral>{referrals[0]};
  KULKIJA_EXPECT_THROW_MSG((void)k::apply_reassignment(plan, only_first, when, ""), k::not_found, "'r2'");
  EXPECT_EQ(only_first[0], referrals[0]);
  auto copy = referrals;
  KULKIJA_EXPECT_THROW_MSG((void)k::apply_reassignment(plan, copy, when, "bad id!"), k::invalid_argument, "coordinator");
  EXPECT_EQ(copy, referrals);
  // a hand-made plan that moves one referral twice
  auto doubled = plan;
  doubled.moves.push_back(doubled.moves[0]);
  KULKIJA_EXPECT_THROW_MSG((void)k::apply_reassignment(doubled, copy, when, ""), k::invalid_argument,
                           "moves[2].referral: referral 'r1' is moved twice");
  EXPECT_EQ(copy, referrals);
}

TEST(Reassignment, ClientsReturnAfterLeaveWhenThePolicyAsks) {
  std::vector<k::link_worker> workers{worker("A", 23.13, 5, 2), worker("B", 23.13, 5), worker("C", 23.60, 5, 1)};
  std::vector<k::referral> referrals{with_workers("r1", {"A"}), with_workers("r2", {"A"}), with_workers("r3", {"A", "C"})};
  k::matching_policy policy;
  policy.weights.continuity = 0;
  const auto leave = k::plan_reassignment(policy, referrals, workers, k::link_worker_id("A"),
                                          k::reason_code::worker_on_leave, day);
  ASSERT_EQ(k::apply_reassignment(leave, referrals, when, "COORD-1"), 2U);
  // r3 had A before C, and leaves C because C leaves (not on leave): it is not A's to take back
  const auto c_left = k::plan_reassignment(policy, referrals, workers, k::link_worker_id("C"), k::reason_code::worker_left, day);
  const auto later = when + boost::posix_time::hours(1);
  k::apply_reassignment(c_left, referrals, later, "COORD-1");

  const k::date back_on = k::parse_date("2026-08-03");
  const auto back = k::plan_return(policy, referrals, workers, k::link_worker_id("A"), back_on);
  EXPECT_EQ(back.reason, k::reason_code::other);
  ASSERT_EQ(back.moves.size(), 2U);
  for (const auto& m : back.moves) {
    EXPECT_EQ(m.to, k::link_worker_id("A"));
    EXPECT_TRUE(m.continuity);
    EXPECT_EQ(m.reason.en, "A is back from leave. The client returns to their own link worker.");
  }
  auto returned = referrals;
  const auto at = k::parse_timestamp("2026-08-03T08:00:00Z");
  EXPECT_EQ(k::apply_reassignment(back, returned, at, "COORD-1"), 2U);
  for (const auto& r : returned) {
    EXPECT_EQ(replayed(r), r);
    if (r.id().str() != "r3") EXPECT_EQ(r.link_worker(), k::link_worker_id("A"));
    if (r.id().str() != "r3") EXPECT_EQ(r.history().back().event.reason, k::reason_code::other);
  }
  // nothing left to return afterwards
  EXPECT_TRUE(k::plan_return(policy, returned, workers, k::link_worker_id("A"), back_on).moves.empty());
  // A has one free place only: the first referral given returns, the other stays
  workers[0].set_capacity(5, 4);
  auto one = k::plan_return(policy, referrals, workers, k::link_worker_id("A"), back_on);
  EXPECT_EQ(one.planned(), 1U);
  EXPECT_EQ(one.moves[0].to, k::link_worker_id("A"));
  EXPECT_EQ(one.moves[1].reason.en, "A is back from leave. The client stays with the current link worker: no free places.");
  // the policy keeps clients with their new worker
  policy.workforce.continuity.return_after_leave = false;
  const auto kept = k::plan_return(policy, referrals, workers, k::link_worker_id("A"), back_on);
  EXPECT_EQ(kept.planned(), 0U);
  EXPECT_NE(kept.moves[0].reason.en.find("continuity.return_after_leave"), std::string::npos);
  // the returning worker cannot take clients yet: supervision overdue
  policy.workforce.continuity.return_after_leave = true;
  policy.require_supervision_current = true;
  const auto unsupervised = k::plan_return(policy, referrals, workers, k::link_worker_id("A"), back_on);
  EXPECT_EQ(unsupervised.planned(), 0U);
  EXPECT_NE(unsupervised.moves[0].reason.en.find("No supervision recorded."), std::string::npos);
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_return(policy, referrals, workers, k::link_worker_id("Z"), back_on), k::not_found,
                           "'Z'");
}

// Random regions: whatever the states, histories, capacities and continuity rules, applying
// a plan keeps every history consistent (replaying it gives the referral), moves only the
// planned referrals, never to the leaving worker and never beyond a worker's free places.
TEST(Reassignment, PropertyHistoriesStayConsistentAndCapacitiesHold) {
  std::mt19937 rng(20260615);
  const std::vector<k::referral_state> states{k::referral_state::assigned, k::referral_state::in_progress,
                                              k::referral_state::on_hold, k::referral_state::completed};
  for (int round = 0; round < 150; ++round) {
    const int n_workers = std::uniform_int_distribution<int>(2, 6)(rng);
    std::vector<std::string> ids;
    for (int j = 0; j < n_workers; ++j) ids.push_back("W" + std::to_string(j));
    std::vector<k::referral> referrals;
    const int n_referrals = std::uniform_int_distribution<int>(0, 14)(rng);
    for (int i = 0; i < n_referrals; ++i) {
      std::vector<std::string> chain;
      const int hops = std::uniform_int_distribution<int>(1, 3)(rng);
      for (int h = 0; h < hops; ++h) {
        std::string next = ids[std::uniform_int_distribution<std::size_t>(0, ids.size() - 1)(rng)];
        if (!chain.empty() && chain.back() == next) continue;
        chain.push_back(next);
      }
      const auto urgency = static_cast<k::priority>(std::uniform_int_distribution<int>(0, 2)(rng));
      referrals.push_back(with_workers("r" + std::to_string(i), chain,
                                       states[std::uniform_int_distribution<std::size_t>(0, states.size() - 1)(rng)],
                                       urgency));
    }
    std::map<std::string, int> load;
    for (const auto& r : referrals) {
      if (r.state() != k::referral_state::completed) ++load[r.link_worker()->str()];
    }
    std::vector<k::link_worker> workers;
    for (int j = 0; j < n_workers; ++j) {
      const auto kind = static_cast<k::worker_kind>(std::uniform_int_distribution<int>(0, 2)(rng));
      const int capacity = std::uniform_int_distribution<int>(0, 8)(rng);
      workers.push_back(worker(ids[static_cast<std::size_t>(j)].c_str(), 23.0 + 0.05 * j, capacity,
                               load[ids[static_cast<std::size_t>(j)]], kind));
    }
    k::matching_policy policy;
    policy.workforce.continuity.prefer_earlier_worker = rng() % 2 == 0;
    policy.workforce.continuity.require_earlier_worker = rng() % 2 == 0;
    policy.unassigned_penalty = rng() % 2 == 0 ? std::optional<double>(40) : std::nullopt;
    const k::link_worker_id leaving(ids[std::uniform_int_distribution<std::size_t>(0, ids.size() - 1)(rng)]);
    const auto reason = rng() % 2 == 0 ? k::reason_code::worker_left : k::reason_code::worker_on_leave;
    const auto plan = k::plan_reassignment(policy, referrals, workers, leaving, reason, day);

    auto after = referrals;
    const std::size_t applied = k::apply_reassignment(plan, after, when, "COORD-1");
    ASSERT_EQ(applied, plan.planned());
    std::map<std::string, int> added;
    std::size_t affected = 0;
    for (std::size_t i = 0; i < after.size(); ++i) {
      const auto& r = after[i];
      ASSERT_EQ(replayed(r), r) << "round " << round;
      EXPECT_EQ(r.state(), referrals[i].state());
      const auto* m = move_of(plan, r.id().str());
      const bool active = referrals[i].state() != k::referral_state::completed;
      if (active && referrals[i].link_worker() == leaving) {
        ++affected;
        ASSERT_NE(m, nullptr);
      }
      if (m == nullptr || !m->to) {
        EXPECT_EQ(r, referrals[i]);
        continue;
      }
      EXPECT_NE(*m->to, leaving);
      EXPECT_EQ(r.link_worker(), m->to);
      EXPECT_EQ(r.history().back().event.reason, reason);
      ++added[m->to->str()];
      if (m->continuity) {  // the earlier worker: one the history had assigned before
        bool had = false;
        for (const auto& h : referrals[i].history()) had = had || h.event.link_worker == m->to;
        EXPECT_TRUE(had);
      }
    }
    EXPECT_EQ(plan.moves.size(), affected);
    for (const auto& w : workers) {
      if (w.id() == leaving) continue;
      EXPECT_LE(added[w.id().str()], k::effective_free_places(policy.workforce, w)) << w.id().str();
    }
    // and the clients come back after a leave
    if (reason == k::reason_code::worker_on_leave) {
      const auto back = k::plan_return(policy, after, workers, leaving, day + boost::gregorian::days(30));
      auto returned = after;
      ASSERT_EQ(k::apply_reassignment(back, returned, when + boost::posix_time::hours(1), ""), back.planned());
      for (const auto& r : returned) ASSERT_EQ(replayed(r), r);
      for (const auto& m : back.moves) {
        if (m.to) EXPECT_EQ(*m.to, leaving);
      }
    }
  }
}
