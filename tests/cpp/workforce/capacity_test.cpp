#include "kulkija/workforce/capacity.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

namespace {

using k::date;

// A policy in calendar days, so that the expected days below are plain arithmetic.
k::capacity_options in_days(int deadline_days, int support_days, int contact_after_days = 0) {
  k::capacity_options o;
  o.policy.first_contact = {deadline_days, k::length_unit::days};
  o.policy.max_length = {support_days, k::length_unit::days};
  o.policy.max_extensions = 1;
  o.policy.extension_length = {3, k::length_unit::days};
  o.contact_after = {contact_after_days, k::length_unit::days};
  o.early_length = {1, k::length_unit::days};
  return o;
}

k::capacity_referral on(date d, k::priority p = k::priority::routine,
                        k::support_outcome o = k::support_outcome::completed) {
  return {d, p, o};
}

std::vector<k::workforce_group> professionals(int workers, int limit = 1, int start_month = 0) {
  return {{k::worker_kind::professional, workers, limit, start_month}};
}

}  // namespace

TEST(Capacity, Codes) {
  for (auto p : {k::arrival_pattern::even, k::arrival_pattern::poisson}) {
    EXPECT_EQ(k::parse_arrival_pattern(k::to_string(p)), p);
  }
  for (auto o : {k::support_outcome::completed, k::support_outcome::ended_early, k::support_outcome::extended}) {
    EXPECT_EQ(k::parse_support_outcome(k::to_string(o)), o);
  }
  for (auto o : {k::queue_order::priority_then_arrival, k::queue_order::arrival}) {
    EXPECT_EQ(k::parse_queue_order(k::to_string(o)), o);
  }
  EXPECT_EQ(k::to_string(k::planning_search::linear_scan), "linear_scan");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_support_outcome("done"), k::parse_error, "ended_early");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_queue_order("fifo"), k::parse_error, "priority_then_arrival");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_arrival_pattern("uniform"), k::parse_error, "poisson");
}

// ---------------------------------------------------------------- generated referrals

TEST(CapacityInflow, EvenRoundsTheRunningTotalAndSpreadsOverTheMonth) {
  k::referral_inflow in;
  in.start = date(2026, 1, 1);
  in.per_month = {1.5, 1.5, 0.4, 2.0};
  const auto r = k::generate_referrals(in);
  // running totals 1.5, 3.0, 3.4, 5.4 round (halves up) to 2, 3, 3, 5: counts 2, 1, 0, 2
  ASSERT_EQ(r.size(), 5U);
  EXPECT_EQ(r[0].arrived, date(2026, 1, 8));   // floor(1 * 31 / 4) = 7 days after the 1st
  EXPECT_EQ(r[1].arrived, date(2026, 1, 24));  // floor(3 * 31 / 4) = 23
  EXPECT_EQ(r[2].arrived, date(2026, 2, 15));  // floor(1 * 28 / 2) = 14
  EXPECT_EQ(r[3].arrived, date(2026, 4, 8));   // floor(30 / 4) = 7
  EXPECT_EQ(r[4].arrived, date(2026, 4, 23));  // floor(90 / 4) = 22
  for (const auto& x : r) {
    EXPECT_EQ(x.urgency, k::priority::routine);
    EXPECT_EQ(x.outcome, k::support_outcome::completed);
  }
  EXPECT_EQ(k::generate_referrals(in), r);
}

TEST(CapacityInflow, EvenMixFollowsTheShares) {
  k::referral_inflow in;
  in.per_month = std::vector<double>(10, 100.0);
  in.urgent_share = 0.2;
  in.asap_share = 0.05;
  in.ended_early_share = 0.3;
  in.extended_share = 0.1;
  const auto r = k::generate_referrals(in);
  ASSERT_EQ(r.size(), 1000U);
  const auto count = [&](auto pred) { return std::count_if(r.begin(), r.end(), pred); };
  EXPECT_NEAR(count([](const auto& x) { return x.urgency == k::priority::urgent; }), 200, 3);
  EXPECT_NEAR(count([](const auto& x) { return x.urgency == k::priority::asap; }), 50, 3);
  EXPECT_NEAR(count([](const auto& x) { return x.outcome == k::support_outcome::ended_early; }), 300, 3);
  EXPECT_NEAR(count([](const auto& x) { return x.outcome == k::support_outcome::extended; }), 100, 3);
  // not correlated: urgent referrals end early about as often as the others
  const auto urgent_early = count([](const auto& x) {
    return x.urgency == k::priority::urgent && x.outcome == k::support_outcome::ended_early;
  });
  EXPECT_NEAR(urgent_early, 60, 10);
  EXPECT_TRUE(std::is_sorted(r.begin(), r.end(), [](const auto& a, const auto& b) { return a.arrived < b.arrived; }));
}

TEST(CapacityInflow, PoissonIsReproducibleFromItsSeed) {
  k::referral_inflow in;
  in.start = date(2027, 3, 1);
  in.per_month = std::vector<double>(120, 40.0);
  in.pattern = k::arrival_pattern::poisson;
  in.urgent_share = 0.3;
  in.seed = 42;
  const auto a = k::generate_referrals(in);
  EXPECT_EQ(k::generate_referrals(in), a);
  in.seed = 43;
  EXPECT_NE(k::generate_referrals(in), a);
  // 4800 expected: a Poisson total has standard deviation about 69
  EXPECT_NEAR(static_cast<double>(a.size()), 4800.0, 4 * 69.0);
  const auto urgent = std::count_if(a.begin(), a.end(), [](const auto& x) { return x.urgency == k::priority::urgent; });
  EXPECT_NEAR(static_cast<double>(urgent) / static_cast<double>(a.size()), 0.3, 0.03);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end(), [](const auto& x, const auto& y) { return x.arrived < y.arrived; }));
  EXPECT_GE(a.front().arrived, in.start);
  EXPECT_LT(a.back().arrived, date(2037, 3, 1));
  // a mean above 30 per step is drawn in steps; zero gives none
  in.per_month = {0.0, 250.0};
  const auto b = k::generate_referrals(in);
  EXPECT_TRUE(std::all_of(b.begin(), b.end(), [](const auto& x) { return x.arrived.month() == 4; }));
  EXPECT_NEAR(static_cast<double>(b.size()), 250.0, 4 * 16.0);
}

TEST(CapacityInflow, RejectsBadInflows) {
  k::referral_inflow in;
  in.per_month = {10};
  auto bad = in;
  bad.start = date(2026, 1, 2);
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument, "inflow.start: must be the first day");
  bad = in;
  bad.per_month = {};
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument, "inflow.per_month: must be from 1");
  bad.per_month = {1.0, -2.0};
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument, "inflow.per_month[1]");
  bad.per_month = {NAN};
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument, "inflow.per_month[0]");
  bad = in;
  bad.urgent_share = 1.2;
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument, "inflow.urgent_share");
  bad.urgent_share = 0.7;
  bad.asap_share = 0.4;
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument,
                           "inflow.asap_share: urgent_share + asap_share must be at most 1");
  bad = in;
  bad.ended_early_share = 0.6;
  bad.extended_share = 0.6;
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument, "inflow.extended_share");
  bad = in;
  bad.start = date(2170, 12, 1);
  bad.per_month = {1, 1};
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument, "must end by 2170-12-31");
  bad = in;
  bad.pattern = static_cast<k::arrival_pattern>(7);
  KULKIJA_EXPECT_THROW_MSG((void)k::generate_referrals(bad), k::invalid_argument, "inflow.pattern");
  try {
    bad = in;
    bad.per_month = {1e7};
    (void)k::generate_referrals(bad);
    FAIL();
  } catch (const k::invalid_argument& e) {
    EXPECT_EQ(e.id(), k::error_id::invalid_value);
    EXPECT_EQ(e.field(), "inflow.per_month[0]");
  }
}

// ---------------------------------------------------------------- the simulation

TEST(CapacitySimulation, OneWorkerByHand) {
  // One place; a deadline of 10 days, support of 14 days, first contact on the day of the place.
  const auto o = in_days(10, 14);
  const std::vector<k::capacity_referral> refs{on(date(2026, 1, 5)), on(date(2026, 1, 6)), on(date(2026, 1, 7))};
  const auto r = k::simulate_capacity(date(2026, 1, 1), 2, refs, professionals(1), o);
  ASSERT_EQ(r.clients.size(), 3U);
  EXPECT_EQ(r.clients[0].assigned, date(2026, 1, 5));
  EXPECT_EQ(r.clients[0].first_contact, date(2026, 1, 5));
  EXPECT_EQ(r.clients[0].ends, date(2026, 1, 19));
  EXPECT_EQ(r.clients[0].group, 0U);
  EXPECT_TRUE(r.clients[0].within_deadline);
  EXPECT_EQ(r.clients[1].assigned, date(2026, 1, 19));  // the place is free again on the end day
  EXPECT_EQ(r.clients[1].due, date(2026, 1, 16));
  EXPECT_FALSE(r.clients[1].within_deadline);
  EXPECT_EQ(r.clients[2].assigned, date(2026, 2, 2));
  EXPECT_EQ(r.clients[2].ends, date(2026, 2, 16));
  EXPECT_FALSE(r.clients[2].within_deadline);

  ASSERT_EQ(r.months.size(), 2U);
  const auto& jan = r.months[0];
  EXPECT_EQ(jan.month, date(2026, 1, 1));
  EXPECT_EQ(jan.arrivals, 3);
  EXPECT_EQ(jan.assigned, 2);
  EXPECT_EQ(jan.first_contacts, 2);
  EXPECT_EQ(jan.within_deadline, 1);
  EXPECT_DOUBLE_EQ(jan.share_within_deadline, 0.5);
  EXPECT_DOUBLE_EQ(jan.mean_wait_days, (0 + 13) / 2.0);
  EXPECT_DOUBLE_EQ(jan.p90_wait_days, 13);
  EXPECT_EQ(jan.queue_at_end, 1);
  EXPECT_EQ(jan.in_support_at_end, 1);
  const auto& feb = r.months[1];
  EXPECT_EQ(feb.arrivals, 0);
  EXPECT_EQ(feb.first_contacts, 1);
  EXPECT_EQ(feb.within_deadline, 0);
  EXPECT_DOUBLE_EQ(feb.share_within_deadline, 0.0);
  EXPECT_DOUBLE_EQ(feb.p90_wait_days, 26);
  EXPECT_EQ(feb.queue_at_end, 0);
  EXPECT_EQ(feb.in_support_at_end, 0);

  ASSERT_EQ(r.kinds.size(), 2U);
  EXPECT_EQ(r.kinds[0].kind, k::worker_kind::professional);
  EXPECT_EQ(r.kinds[0].workers, 1);
  EXPECT_EQ(r.kinds[0].places, 1);
  EXPECT_EQ(r.kinds[0].caseload, 1);
  // held on 5-31 January: 27 of 31 place-days; in February on the 1st and on 2-15: 15 of 28
  EXPECT_DOUBLE_EQ(r.kinds[0].utilisation, 27.0 / 31.0);
  EXPECT_DOUBLE_EQ(r.kinds[1].utilisation, 15.0 / 28.0);
  EXPECT_EQ(r.kinds[1].caseload, 0);

  EXPECT_EQ(r.summary.clients, 3);
  EXPECT_EQ(r.summary.within_deadline, 1);
  EXPECT_EQ(r.summary.not_contacted, 0);
  EXPECT_DOUBLE_EQ(r.summary.share_within_deadline, 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(r.summary.mean_wait_days, 13.0);
  EXPECT_DOUBLE_EQ(r.summary.p90_wait_days, 26.0);
  EXPECT_EQ(r.summary.max_queue, 2);
  EXPECT_EQ(r.summary.last_day, date(2026, 2, 28));
}

TEST(CapacitySimulation, BusinessDaysFollowTheCalendar) {
  // Midsummer Eve, Friday 2026-06-19, is a day off: a place on Thursday the 18th plus two
  // business days is Tuesday the 23rd; a deadline of 3 business days is the 24th.
  k::capacity_options o;
  o.policy.first_contact = {3, k::length_unit::business_days};
  o.contact_after = {2, k::length_unit::business_days};
  const std::vector<k::capacity_referral> refs{on(date(2026, 6, 18))};
  const auto r = k::simulate_capacity(date(2026, 6, 1), 1, refs, professionals(1), o);
  EXPECT_EQ(r.clients[0].first_contact, date(2026, 6, 23));
  EXPECT_EQ(r.clients[0].due, date(2026, 6, 24));
  EXPECT_EQ(r.clients[0].due, o.calendar.add_business_days(date(2026, 6, 18), 3));
  EXPECT_TRUE(r.clients[0].within_deadline);
  EXPECT_EQ(r.clients[0].ends, date(2026, 6, 23) + boost::gregorian::weeks(12));
  EXPECT_EQ(r.summary.last_day, date(2026, 6, 30));
}

TEST(CapacitySimulation, OutcomesSetTheSupportLength) {
  auto o = in_days(30, 20, 2);
  o.early_length = {5, k::length_unit::days};
  o.policy.max_extensions = 2;
  o.policy.extension_length = {1, k::length_unit::weeks};
  const date d(2026, 3, 2);
  const std::vector<k::capacity_referral> refs{on(d, k::priority::routine, k::support_outcome::completed),
                                               on(d, k::priority::routine, k::support_outcome::ended_early),
                                               on(d, k::priority::routine, k::support_outcome::extended)};
  const auto r = k::simulate_capacity(date(2026, 3, 1), 1, refs, professionals(3), o);
  EXPECT_EQ(r.clients[0].ends, date(2026, 3, 24));  // 4th + 20 days
  EXPECT_EQ(r.clients[1].ends, date(2026, 3, 9));   // 4th + 5 days
  EXPECT_EQ(r.clients[2].ends, date(2026, 4, 7));   // 4th + 20 days + 2 weeks
  // a support of no length still holds its place for a day
  o.contact_after = {0, k::length_unit::days};
  o.early_length = {0, k::length_unit::days};
  const std::vector<k::capacity_referral> two{on(d, k::priority::routine, k::support_outcome::ended_early),
                                              on(d, k::priority::routine, k::support_outcome::ended_early)};
  const auto s = k::simulate_capacity(date(2026, 3, 1), 1, two, professionals(1), o);
  EXPECT_EQ(s.clients[0].ends, d + boost::gregorian::days(1));
  EXPECT_EQ(s.clients[1].assigned, d + boost::gregorian::days(1));
}

TEST(CapacitySimulation, PriorityThenArrivalOrArrivalOnly) {
  const auto o = in_days(10, 7);
  const std::vector<k::capacity_referral> refs{on(date(2026, 1, 5)), on(date(2026, 1, 6)),
                                               on(date(2026, 1, 7), k::priority::urgent),
                                               on(date(2026, 1, 7), k::priority::asap)};
  const auto p = k::simulate_capacity(date(2026, 1, 1), 2, refs, professionals(1), o);
  EXPECT_EQ(p.clients[0].assigned, date(2026, 1, 5));
  EXPECT_EQ(p.clients[3].assigned, date(2026, 1, 12));  // asap first
  EXPECT_EQ(p.clients[2].assigned, date(2026, 1, 19));  // then urgent
  EXPECT_EQ(p.clients[1].assigned, date(2026, 1, 26));  // routine last although it came first
  auto fifo = o;
  fifo.order = k::queue_order::arrival;
  const auto f = k::simulate_capacity(date(2026, 1, 1), 2, refs, professionals(1), fifo);
  EXPECT_EQ(f.clients[1].assigned, date(2026, 1, 12));
  EXPECT_EQ(f.clients[2].assigned, date(2026, 1, 19));  // same day: in the order given
  EXPECT_EQ(f.clients[3].assigned, date(2026, 1, 26));
}

TEST(CapacitySimulation, GroupsStartLateAndShareClientsByUtilisation) {
  const auto o = in_days(60, 90);
  const std::vector<k::workforce_group> staff{{k::worker_kind::professional, 1, 4, 0},
                                              {k::worker_kind::volunteer, 2, 1, 0},
                                              {k::worker_kind::peer_supporter, 1, 2, 1}};
  std::vector<k::capacity_referral> refs;
  for (int i = 0; i < 8; ++i) refs.push_back(on(date(2026, 1, 10)));
  refs.push_back(on(date(2026, 2, 3)));
  const auto r = k::simulate_capacity(date(2026, 1, 1), 3, refs, staff, o);
  // places 4 (professional), 2 (volunteers), from February (peer supporter); the lowest
  // held share first, ties to the earlier group: P (0/4 = 0/2), V (1/4 > 0/2), P (1/4 < 1/2),
  // P (2/4 = 1/2), V (3/4 > 1/2), P (volunteers full); then the queue waits
  std::vector<std::size_t> groups;
  for (int i = 0; i < 6; ++i) groups.push_back(*r.clients[static_cast<std::size_t>(i)].group);
  EXPECT_EQ(groups, (std::vector<std::size_t>{0, 1, 0, 0, 1, 0}));
  EXPECT_EQ(r.clients[6].assigned, date(2026, 2, 1));  // the peer supporter's places open
  EXPECT_EQ(r.clients[6].group, 2U);
  EXPECT_EQ(r.clients[7].group, 2U);
  EXPECT_EQ(r.clients[8].assigned, std::nullopt);  // everything is full until April
  EXPECT_EQ(r.months[0].queue_at_end, 2);
  ASSERT_EQ(r.kinds.size(), 9U);  // three kinds in each of three months
  EXPECT_EQ(r.kinds[2].kind, k::worker_kind::peer_supporter);
  EXPECT_EQ(r.kinds[2].workers, 0);
  EXPECT_EQ(r.kinds[2].places, 0);
  EXPECT_TRUE(std::isnan(r.kinds[2].utilisation));
  EXPECT_EQ(r.kinds[5].workers, 1);
  EXPECT_EQ(r.kinds[5].places, 2);
  EXPECT_DOUBLE_EQ(r.kinds[5].utilisation, 1.0);
  EXPECT_EQ(r.kinds[0].caseload, 4);
  EXPECT_EQ(r.kinds[1].caseload, 2);
  EXPECT_DOUBLE_EQ(r.kinds[1].utilisation, 2.0 * 22 / (2.0 * 31));
  EXPECT_EQ(r.summary.not_contacted, 1);
}

TEST(CapacitySimulation, EmptyWorkforceAndWarmUp) {
  const auto o = in_days(10, 14);
  const std::vector<k::capacity_referral> refs{on(date(2026, 1, 30)), on(date(2026, 2, 3))};
  const auto r = k::simulate_capacity(date(2026, 1, 1), 2, refs, {}, o);
  EXPECT_TRUE(r.kinds.empty());
  EXPECT_EQ(r.summary.clients, 2);
  EXPECT_EQ(r.summary.within_deadline, 0);
  EXPECT_EQ(r.summary.not_contacted, 2);
  EXPECT_DOUBLE_EQ(r.summary.share_within_deadline, 0.0);
  EXPECT_TRUE(std::isnan(r.summary.mean_wait_days));
  EXPECT_TRUE(std::isnan(r.months[0].share_within_deadline));
  EXPECT_EQ(r.months[1].queue_at_end, 2);
  EXPECT_EQ(r.summary.last_day, date(2026, 2, 28));
  auto warm = in_days(10, 20);
  warm.warm_up_months = 1;
  const auto w = k::simulate_capacity(date(2026, 1, 1), 2, refs, professionals(1), warm);
  EXPECT_FALSE(w.clients[0].counted);
  EXPECT_TRUE(w.clients[1].counted);
  EXPECT_EQ(w.summary.clients, 1);
  EXPECT_EQ(w.summary.within_deadline, 0);  // the warm-up referral holds the place until Feb 19
  EXPECT_EQ(w.months[0].arrivals, 1);
  // no referrals at all
  const auto none = k::simulate_capacity(date(2026, 1, 1), 1, {}, professionals(1), o);
  EXPECT_EQ(none.summary.clients, 0);
  EXPECT_TRUE(std::isnan(none.summary.share_within_deadline));
  // the run-out: a deadline after the horizon is waited for
  const std::vector<k::capacity_referral> late{on(date(2026, 1, 31))};
  EXPECT_EQ(k::simulate_capacity(date(2026, 1, 1), 1, late, professionals(1), o).summary.last_day, date(2026, 2, 10));
}

TEST(CapacitySimulation, InflowOverloadSimulatesTheGeneratedReferrals) {
  k::referral_inflow in;
  in.per_month = {20, 25, 30};
  in.urgent_share = 0.2;
  const auto staff = professionals(3, 5);
  const auto a = k::simulate_capacity(in, staff);
  const auto b = k::simulate_capacity(in.start, 3, k::generate_referrals(in), staff);
  EXPECT_EQ(a.clients, b.clients);
  EXPECT_EQ(a.summary.within_deadline, b.summary.within_deadline);
  EXPECT_EQ(a.summary.clients, 75);
}

TEST(CapacitySimulation, RejectsBadInput) {
  const std::vector<k::capacity_referral> refs{on(date(2026, 1, 5))};
  const auto staff = professionals(1);
  const date start(2026, 1, 1);
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(date(2026, 1, 5), 1, refs, staff), k::invalid_argument,
                           "start: must be the first day of a month");
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 0, refs, staff), k::invalid_argument,
                           "months: must be from 1 to 1200, got 0");
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(date(1899, 12, 1), 1, refs, staff), k::invalid_argument,
                           "start: must be on or after 1900-01-01");
  const std::vector<k::capacity_referral> outside{on(date(2026, 1, 5)), on(date(2026, 2, 1))};
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, outside, staff), k::invalid_argument,
                           "referrals[1].arrived: must be within the horizon 2026-01-01 to 2026-01-31");
  const std::vector<k::capacity_referral> odd{{date(2026, 1, 5), static_cast<k::priority>(9)}};
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, odd, staff), k::invalid_argument,
                           "referrals[0].urgency");
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, refs, professionals(1, 0)), k::invalid_argument,
                           "workforce[0].caseload_limit: must be from 1 to 1000, got 0");
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, refs, professionals(-1)), k::invalid_argument,
                           "workforce[0].workers");
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 2, refs, professionals(1, 1, 2)), k::invalid_argument,
                           "workforce[0].start_month: must be from 0 to 1, got 2");
  std::vector<k::workforce_group> huge(11, {k::worker_kind::volunteer, 100000, 1000, 0});
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, refs, huge), k::invalid_argument,
                           "workforce: may have at most");
  k::capacity_options o;
  o.contact_after = {-1, k::length_unit::days};
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, refs, staff, o), k::invalid_argument,
                           "options.contact_after: must be from 0 to 730, got -1");
  o = {};
  o.early_length = {600, k::length_unit::business_days};
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, refs, staff, o), k::invalid_argument,
                           "options.early_length: must be from 0");
  o = {};
  o.policy.max_meetings = 0;
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, refs, staff, o), k::invalid_argument,
                           "options.policy.meetings.max");
  o = {};
  o.warm_up_months = 1;
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, refs, staff, o), k::invalid_argument,
                           "options.warm_up_months: must be from 0 to 0, got 1");
  o = {};
  o.order = static_cast<k::queue_order>(5);
  KULKIJA_EXPECT_THROW_MSG((void)k::simulate_capacity(start, 1, refs, staff, o), k::invalid_argument, "options.order");
  try {
    (void)k::simulate_capacity(start, 1, outside, staff);
    FAIL();
  } catch (const k::invalid_argument& e) {
    EXPECT_EQ(e.id(), k::error_id::invalid_date);
    EXPECT_EQ(e.field(), "referrals[1].arrived");
  }
}

// ---------------------------------------------------------------- planning

namespace {

// Seven referrals (found by a search over small cases) where, with priorities, two workers
// of one place each reach fewer deadlines than one worker: with two, the routine supports
// of 8 days take both places on days 3 and 5, and the asap and urgent referrals after them
// wait past their deadlines of 2 days.
std::vector<k::capacity_referral> priority_trap() {
  const date s(2026, 1, 1);
  const auto at = [&](int day, k::priority p, k::support_outcome o) { return on(s + boost::gregorian::days(day), p, o); };
  using P = k::priority;
  using O = k::support_outcome;
  return {at(3, P::routine, O::completed), at(9, P::urgent, O::ended_early), at(3, P::urgent, O::ended_early),
          at(8, P::urgent, O::ended_early), at(2, P::asap, O::ended_early),   at(5, P::routine, O::completed),
          at(6, P::asap, O::ended_early)};
}

// A deadline of 2 days, first contact a day after the place, supports of 8 days (1 when
// ended early).
k::capacity_options trap_options() { return in_days(2, 8, 1); }

int within(const std::vector<k::capacity_referral>& refs, int workers, const k::capacity_options& o) {
  return k::simulate_capacity(date(2026, 1, 1), 1, refs, professionals(workers), o).summary.within_deadline;
}

}  // namespace

TEST(CapacityPlanning, ApportionHiresIsNestedAndFollowsTheWeights) {
  const std::vector<k::hiring_option> hires{{k::worker_kind::volunteer, 3, 2.0},
                                            {k::worker_kind::professional, 10, 1.0}};
  EXPECT_EQ(k::apportion_hires(hires, 0), (std::vector<int>{0, 0}));
  EXPECT_EQ(k::apportion_hires(hires, 1), (std::vector<int>{1, 0}));
  EXPECT_EQ(k::apportion_hires(hires, 2), (std::vector<int>{1, 1}));
  EXPECT_EQ(k::apportion_hires(hires, 3), (std::vector<int>{2, 1}));
  EXPECT_EQ(k::apportion_hires(hires, 30), (std::vector<int>{20, 10}));
  for (int n = 0; n < 50; ++n) {
    const auto a = k::apportion_hires(hires, n);
    const auto b = k::apportion_hires(hires, n + 1);
    EXPECT_EQ(std::accumulate(b.begin(), b.end(), 0), n + 1);
    EXPECT_TRUE(a[0] <= b[0] && a[1] <= b[1]);
  }
  KULKIJA_EXPECT_THROW_MSG((void)k::apportion_hires({}, 1), k::invalid_argument, "hires: must name at least one");
  KULKIJA_EXPECT_THROW_MSG((void)k::apportion_hires(hires, -1), k::invalid_argument, "n: must be from 0");
  const std::vector<k::hiring_option> zero{{k::worker_kind::volunteer, 3, 0.0}};
  KULKIJA_EXPECT_THROW_MSG((void)k::apportion_hires(zero, 1), k::invalid_argument, "hires[0].weight");
}

TEST(CapacityPlanning, FewestWorkersThatMeetTheTarget) {
  k::referral_inflow in;
  in.per_month = std::vector<double>(12, 30.0);
  in.ended_early_share = 0.2;
  const std::vector<k::hiring_option> hire{{k::worker_kind::volunteer, 3, 1.0}};
  const auto plan = k::plan_capacity(in, {}, hire, 0.9);
  EXPECT_EQ(plan.search, k::planning_search::bisection);
  ASSERT_GT(plan.added_workers, 0);
  ASSERT_EQ(plan.added.size(), 1U);
  EXPECT_EQ(plan.added[0].workers, plan.added_workers);
  EXPECT_EQ(plan.added[0].kind, k::worker_kind::volunteer);
  EXPECT_EQ(plan.workforce, plan.added);
  EXPECT_GE(plan.share_within_deadline, 0.9);
  ASSERT_TRUE(plan.share_with_one_fewer.has_value());
  EXPECT_LT(*plan.share_with_one_fewer, 0.9);
  EXPECT_DOUBLE_EQ(plan.result.summary.share_within_deadline, plan.share_within_deadline);
  EXPECT_LT(plan.simulations, plan.added_workers);  // a bisection, not a scan
  // the same numbers from plain simulations
  auto staff = plan.workforce;
  EXPECT_GE(k::simulate_capacity(in, staff).summary.share_within_deadline, 0.9);
  staff[0].workers -= 1;
  EXPECT_LT(k::simulate_capacity(in, staff).summary.share_within_deadline, 0.9);
  // a base workforce needs fewer added workers
  const std::vector<k::workforce_group> base{{k::worker_kind::professional, 2, 10, 0}};
  const auto with_base = k::plan_capacity(in, base, hire, 0.9);
  EXPECT_LT(with_base.added_workers, plan.added_workers);
  ASSERT_EQ(with_base.workforce.size(), 2U);
  EXPECT_EQ(with_base.workforce[0], base[0]);
  // more base than needed: nothing to add
  const std::vector<k::workforce_group> plenty{{k::worker_kind::professional, 50, 10, 0}};
  const auto none = k::plan_capacity(in, plenty, hire, 0.9);
  EXPECT_EQ(none.added_workers, 0);
  EXPECT_FALSE(none.share_with_one_fewer.has_value());
}

TEST(CapacityPlanning, ShareIsMonotoneFirstComeFirstServed) {
  k::referral_inflow in;
  in.per_month = {25, 40, 10, 35, 30, 5};
  in.pattern = k::arrival_pattern::poisson;
  in.urgent_share = 0.3;
  in.ended_early_share = 0.3;
  in.extended_share = 0.2;
  k::capacity_options o;
  o.order = k::queue_order::arrival;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    in.seed = seed;
    int before = -1;
    for (int workers = 0; workers <= 16; ++workers) {
      const std::vector<k::workforce_group> staff{{k::worker_kind::volunteer, workers, 2, 0},
                                                  {k::worker_kind::professional, 1, 3, 2}};
      const int now = k::simulate_capacity(in, staff, o).summary.within_deadline;
      EXPECT_GE(now, before) << "seed " << seed << ", " << workers << " workers";
      before = now;
    }
  }
}

TEST(CapacityPlanning, PrioritiesCanBreakMonotonicitySoThePlanScans) {
  const auto refs = priority_trap();
  const auto o = trap_options();
  EXPECT_EQ(within(refs, 0, o), 0);
  EXPECT_EQ(within(refs, 1, o), 5);
  EXPECT_EQ(within(refs, 2, o), 4);  // one more worker, one fewer deadline met
  EXPECT_EQ(within(refs, 3, o), 7);
  const std::vector<k::hiring_option> hire{{k::worker_kind::professional, 1, 1.0}};
  const auto six = k::plan_capacity(date(2026, 1, 1), 1, refs, {}, hire, 6.0 / 7.0, o);
  EXPECT_EQ(six.search, k::planning_search::linear_scan);
  EXPECT_EQ(six.added_workers, 3);
  EXPECT_DOUBLE_EQ(*six.share_with_one_fewer, 4.0 / 7.0);
  EXPECT_GE(six.simulations, 5);  // 4 (where nobody waits: the bound), then 0, 1, 2, 3
  const auto five = k::plan_capacity(date(2026, 1, 1), 1, refs, {}, hire, 5.0 / 7.0, o);
  EXPECT_EQ(five.added_workers, 1);
  // first come first served, the same referrals are monotone and bisected
  auto fifo = o;
  fifo.order = k::queue_order::arrival;
  for (int w = 0; w < 7; ++w) EXPECT_LE(within(refs, w, fifo), within(refs, w + 1, fifo));
  EXPECT_EQ(k::plan_capacity(date(2026, 1, 1), 1, refs, {}, hire, 6.0 / 7.0, fifo).search,
            k::planning_search::bisection);
}

TEST(CapacityPlanning, RejectsBadInputAndUnreachableTargets) {
  k::referral_inflow in;
  in.per_month = {10, 10};
  const std::vector<k::hiring_option> hire{{k::worker_kind::volunteer, 3, 1.0}};
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_capacity(in, {}, hire, 0.0), k::invalid_argument,
                           "target_share: must be above 0 and at most 1, got 0");
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_capacity(in, {}, hire, 1.5), k::invalid_argument, "target_share");
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_capacity(in, {}, hire, NAN), k::invalid_argument, "target_share");
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_capacity(in, {}, {}, 0.9), k::invalid_argument, "hires: must name");
  const std::vector<k::hiring_option> bad{{k::worker_kind::volunteer, 0, 1.0}};
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_capacity(in, {}, bad, 0.9), k::invalid_argument,
                           "hires[0].caseload_limit");
  const std::vector<k::workforce_group> base{{k::worker_kind::volunteer, 1, 1, 5}};
  KULKIJA_EXPECT_THROW_MSG((void)k::plan_capacity(in, base, hire, 0.9), k::invalid_argument, "base[0].start_month");
  // first contact 12 business days after the place can never meet a deadline of 10
  k::capacity_options slow;
  slow.contact_after = {12, k::length_unit::business_days};
  try {
    (void)k::plan_capacity(in, {}, hire, 0.9, slow);
    FAIL();
  } catch (const k::invalid_argument& e) {
    EXPECT_EQ(e.id(), k::error_id::invalid_value);
    EXPECT_EQ(e.field(), "target_share");
    EXPECT_NE(std::string(e.what()).find("even if nobody waited, 0 of the 20 counted referrals (a share of 0)"), std::string::npos) << e.what();
  }
  // without counted referrals every target is met at once
  k::referral_inflow empty;
  empty.per_month = {0, 0};
  const auto plan = k::plan_capacity(empty, {}, hire, 1.0);
  EXPECT_EQ(plan.added_workers, 0);
  EXPECT_DOUBLE_EQ(plan.share_within_deadline, 1.0);
}
