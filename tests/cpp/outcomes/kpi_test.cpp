#include "kulkija/outcomes/kpi.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "kulkija/core/error.hpp"
#include "region_fixture.hpp"
#include "../test_support.hpp"

namespace k = kulkija;

namespace {

k::date d(const char* text) { return k::parse_date(text); }

const k::date as_of = d("2026-06-30");

std::vector<k::referral_milestones> milestones_of(const std::vector<k::referral>& refs) {
  std::vector<k::referral_milestones> out;
  for (const auto& r : refs) out.push_back(k::milestones_of(r, k::support_policy{}, k::finnish_calendar{}));
  return out;
}

// The command-line tool's KPIs (tools/kulkija/region.cpp, run_pipeline, "5. KPIs"), restated
// as plainly as the tool computes them: the oracle the library's functions must equal.
struct tool_kpis {
  std::vector<k::funnel_row> funnel;
  std::size_t first_contacts = 0;
  std::size_t first_contacts_in_time = 0;
  std::optional<double> median;
  std::size_t visit_clients = 0;
  std::size_t visits_before = 0;
  std::size_t visits_after = 0;
  std::map<std::string, int> load;  // open supports per worker
};

tool_kpis tool_way(const std::vector<k::referral>& refs, const std::vector<k::referral_milestones>& ms,
                   const std::vector<k::care_visit>& visits, int window_days) {
  tool_kpis out;
  const std::vector<k::funnel_stage> stages{k::funnel_stage::requested, k::funnel_stage::accepted,
                                            k::funnel_stage::assigned, k::funnel_stage::first_contact,
                                            k::funnel_stage::completed};
  const auto closed = [](k::referral_state s) {
    return s == k::referral_state::rejected || s == k::referral_state::completed ||
           s == k::referral_state::discontinued || s == k::referral_state::cancelled ||
           s == k::referral_state::entered_in_error;
  };
  for (std::size_t level = 0; level < stages.size(); ++level) {
    k::funnel_row row{stages[level]};
    for (const auto& m : ms) {
      if (!m.reached) continue;
      const auto at = static_cast<std::size_t>(*m.reached);
      if (at >= level) ++row.reached;
      if (at == level && !closed(m.state)) ++row.open;
      if (at == level && closed(m.state) && m.state != k::referral_state::completed) ++row.dropped;
    }
    out.funnel.push_back(row);
  }
  std::vector<double> days;
  for (const auto& m : ms) {
    if (m.business_days_to_first_contact) {
      ++out.first_contacts;
      days.push_back(static_cast<double>(*m.business_days_to_first_contact));
      if (m.first_contact_within_deadline.value_or(false)) ++out.first_contacts_in_time;
    }
  }
  if (!days.empty()) {
    std::sort(days.begin(), days.end());
    const auto n = days.size();
    out.median = n % 2 == 1 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2;
  }
  std::map<std::string, std::vector<k::date>> visits_of;
  for (const auto& v : visits) visits_of[v.client.str()].push_back(v.day);
  const auto window = boost::gregorian::days(window_days);
  for (std::size_t i = 0; i < refs.size(); ++i) {
    const auto& m = ms[i];
    if (!(m.state == k::referral_state::completed || m.state == k::referral_state::discontinued)) continue;
    if (!m.first_contact_on || !m.closed_on || *m.closed_on + window > as_of) continue;
    ++out.visit_clients;
    for (const k::date day : visits_of[refs[i].subject().id().str()]) {
      if (day >= *m.first_contact_on - window && day < *m.first_contact_on) ++out.visits_before;
      if (day > *m.closed_on && day <= *m.closed_on + window) ++out.visits_after;
    }
  }
  for (const auto& r : refs) {
    const bool open_support = r.state() == k::referral_state::assigned ||
                              r.state() == k::referral_state::in_progress || r.state() == k::referral_state::on_hold;
    if (open_support && r.link_worker()) ++out.load[r.link_worker()->str()];
  }
  return out;
}

}  // namespace

TEST(Kpi, EqualsTheToolsComputationOnAHandBuiltRegion) {
  const auto refs = k::testing::sample_referrals();
  const auto ms = milestones_of(refs);
  const auto visits = k::testing::sample_visits();
  for (const int window : {30, 90, 180}) {
    const tool_kpis want = tool_way(refs, ms, visits, window);

    EXPECT_EQ(k::funnel(ms), want.funnel);

    const auto fc = k::first_contact_summary(ms);
    EXPECT_EQ(fc.contacted, want.first_contacts);
    EXPECT_EQ(fc.within_deadline, want.first_contacts_in_time);
    EXPECT_EQ(fc.median_business_days, want.median);

    std::vector<k::client_id> clients;
    for (const auto& r : refs) clients.push_back(r.subject().id());
    const auto vc = k::visit_comparison(ms, clients, visits, window, as_of);
    EXPECT_EQ(vc.windows.size(), want.visit_clients) << window;
    EXPECT_EQ(vc.before, want.visits_before) << window;
    EXPECT_EQ(vc.after, want.visits_after) << window;

    std::map<std::string, int> load;
    for (const auto& c : k::caseloads_on(refs, as_of)) {
      if (c.caseload > 0) load[c.worker.str()] = static_cast<int>(c.caseload);
    }
    EXPECT_EQ(load, want.load);
  }
}

TEST(Kpi, FunnelCountsByHand) {
  const auto ms = milestones_of(k::testing::sample_referrals());
  const auto f = k::funnel(ms);
  ASSERT_EQ(f.size(), 5U);
  // 12 issued (R-08 is a draft); stop at requested (rejected, cancelled, open)
  EXPECT_EQ(f[0], (k::funnel_row{k::funnel_stage::requested, 12, 1, 2}));
  EXPECT_EQ(f[1], (k::funnel_row{k::funnel_stage::accepted, 9, 1, 0}));        // R-04 waits
  EXPECT_EQ(f[2], (k::funnel_row{k::funnel_stage::assigned, 8, 0, 1}));        // R-09 discontinued
  EXPECT_EQ(f[3], (k::funnel_row{k::funnel_stage::first_contact, 7, 3, 1}));   // open; R-03 dropped
  EXPECT_EQ(f[4], (k::funnel_row{k::funnel_stage::completed, 3, 0, 0}));
  EXPECT_EQ(k::funnel({}), (std::vector<k::funnel_row>{{k::funnel_stage::requested},
                                                       {k::funnel_stage::accepted},
                                                       {k::funnel_stage::assigned},
                                                       {k::funnel_stage::first_contact},
                                                       {k::funnel_stage::completed}}));
}

TEST(Kpi, FirstContactSummaryAsNumpy) {
  const auto ms = milestones_of(k::testing::sample_referrals());
  const auto fc = k::first_contact_summary(ms);
  std::vector<double> days;
  for (const auto& m : ms) {
    if (m.business_days_to_first_contact) days.push_back(static_cast<double>(*m.business_days_to_first_contact));
  }
  ASSERT_EQ(days.size(), 7U);
  EXPECT_EQ(fc.accepted, 9U);
  EXPECT_EQ(fc.contacted, 7U);
  std::sort(days.begin(), days.end());
  EXPECT_DOUBLE_EQ(*fc.median_business_days, days[3]);
  // numpy.percentile(days, 90): position 0.9 * 6 = 5.4
  EXPECT_DOUBLE_EQ(*fc.p90_business_days, days[5] + 0.4 * (days[6] - days[5]));
  double sum = 0;
  for (const double x : days) sum += x;
  EXPECT_DOUBLE_EQ(*fc.mean_business_days, sum / 7);
  // R-03's first contact (16 business days) is after the 10-business-day deadline
  EXPECT_EQ(fc.within_deadline, 6U);
  const auto none = k::first_contact_summary({});
  EXPECT_EQ(none, k::first_contact_kpi{});
}

TEST(Kpi, AssignmentSpansAndCaseloadsOnDays) {
  const auto refs = k::testing::sample_referrals();
  const auto spans = k::assignment_spans(refs);
  // R-05 moves from LW-1 to LW-2 on 2026-03-02
  const auto r05 = std::find_if(spans.begin(), spans.end(), [](const k::assignment_span& s) {
    return s.referral.str() == "R-05";
  });
  ASSERT_NE(r05, spans.end());
  EXPECT_EQ(*r05, (k::assignment_span{k::referral_id{"R-05"}, k::link_worker_id{"LW-1"}, d("2026-01-13"), d("2026-03-02")}));
  EXPECT_EQ(*(r05 + 1), (k::assignment_span{k::referral_id{"R-05"}, k::link_worker_id{"LW-2"}, d("2026-03-02"), std::nullopt}));
  const std::vector<k::date> days{d("2026-03-01"), d("2026-03-02")};
  const auto c = k::caseloads_on(spans, days);
  ASSERT_EQ(c.size(), 6U);  // LW-1, LW-2, LW-3 on each day
  // 03-01: LW-1 holds; LW-2; LW-3
  EXPECT_EQ(c[0], (k::worker_caseload{d("2026-03-01"), k::link_worker_id{"LW-1"}, 3}));
  EXPECT_EQ(c[1], (k::worker_caseload{d("2026-03-01"), k::link_worker_id{"LW-2"}, 2}));
  EXPECT_EQ(c[2], (k::worker_caseload{d("2026-03-01"), k::link_worker_id{"LW-3"}, 2}));
  // 03-02: R-01 completes and R-09 is discontinued (LW-1), R-05 moves to LW-2
  EXPECT_EQ(c[3].caseload, 0U);
  EXPECT_EQ(c[4].caseload, 3U);
  EXPECT_EQ(c[5].caseload, 2U);
  // the event-column form gives the same spans
  std::vector<k::milestone_event> events;
  for (const auto& r : refs) {
    for (const auto& h : r.history()) {
      events.push_back({r.id(), h.event.kind, k::finnish_local_date(h.event.at), h.event.reason, h.event.link_worker});
    }
  }
  EXPECT_EQ(k::assignment_spans(events), spans);
}

TEST(Kpi, VisitComparisonPerKind) {
  const auto refs = k::testing::sample_referrals();
  const auto ms = milestones_of(refs);
  std::vector<k::client_id> clients;
  for (const auto& r : refs) clients.push_back(r.subject().id());
  const auto vc = k::visit_comparison(ms, clients, k::testing::sample_visits(), 30, as_of);
  EXPECT_EQ(vc.kinds, (std::vector<std::string>{"emergency_visit", "gp_visit", "nurse_visit"}));
  ASSERT_EQ(vc.windows.size(), 3U);  // R-10 (R-09 had no first contact, R-11's window is open)
  EXPECT_EQ(vc.windows[0].referral.str(), "R-01");
  EXPECT_EQ(vc.windows[0].before, (std::vector<std::size_t>{0, 1, 1}));
  EXPECT_EQ(vc.windows[0].after, (std::vector<std::size_t>{0, 2, 0}));
  EXPECT_EQ(vc.windows[1].referral.str(), "R-03");
  EXPECT_EQ(vc.windows[1].before, (std::vector<std::size_t>{1, 0, 0}));
  EXPECT_EQ(vc.windows[1].after, (std::vector<std::size_t>{0, 0, 1}));
  EXPECT_EQ(vc.windows[2].referral.str(), "R-10");
  EXPECT_EQ(vc.windows[2].before, (std::vector<std::size_t>{0, 1, 0}));
  EXPECT_EQ(vc.windows[2].after, (std::vector<std::size_t>{0, 1, 0}));
  EXPECT_EQ(vc.before, 4U);
  EXPECT_EQ(vc.after, 4U);
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::visit_comparison(ms, clients, k::testing::sample_visits(), 0, as_of), k::invalid_argument,
      "window_days: must be at least 1, got 0");
  KULKIJA_EXPECT_THROW_MSG((void)k::visit_comparison(ms, {}, k::testing::sample_visits(), 30, as_of),
                           k::invalid_argument, "clients: must name one client per milestone");
}
