// The coordinator's queries against the library's own functions on the same referrals.
#include <gtest/gtest.h>

#include <algorithm>

#include "kulkija/core/error.hpp"
#include "kulkija/store/register_db.hpp"
#include "kulkija/support/support_period.hpp"
#include "kulkija/workforce/queue.hpp"
#include "../test_support.hpp"
#include "store_fixtures.hpp"

namespace k = kulkija;
namespace st = kulkija::store;
using k::testing::at;
using k::testing::coordinator_access;
using k::testing::temp_folder;

namespace {

k::referral make(int i) {
  const std::string id = "R-" + std::to_string(100 + i);
  const k::priority p = static_cast<k::priority>(i % 3);
  k::referral r{k::referral_id{id}, k::testing::sample_client(("C-" + std::to_string(i % 7)).c_str()),
                k::testing::sample_referrer(), k::need_set{k::need::loneliness}, p};
  r.record_consent(at("2026-01-05T09:00:00Z"));
  const k::timestamp issued = at("2026-05-01T09:00:00Z") + boost::posix_time::hours(6 * i);
  r.apply({k::referral_event::issue, issued, {k::actor_role::referrer, "P-1"}, {}, {}, {}});
  if (i % 5 == 4) return r;  // left requested
  r.apply({k::referral_event::accept, issued + boost::posix_time::hours(30 + (i * 7) % 50),
           {k::actor_role::coordinator, "K-1"}, {}, {}, {}});
  if (i % 4 == 0) return r;  // waiting for a worker
  const std::string worker = "LW-" + std::to_string(i % 3);
  r.apply({k::referral_event::assign, issued + boost::posix_time::hours(100), {k::actor_role::coordinator, "K-1"}, {},
           k::link_worker_id{worker}, {}});
  if (i % 4 == 1) return r;  // assigned, no first contact
  r.apply({k::referral_event::first_contact, issued + boost::posix_time::hours(120), {k::actor_role::link_worker, worker},
           {}, {}, {}});
  if (i % 8 == 3) {
    r.apply({k::referral_event::complete, issued + boost::posix_time::hours(500), {k::actor_role::link_worker, worker},
             k::reason_code::goals_reached, {}, {}});
  }
  return r;
}

class StoreQueries : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 60; ++i) referrals_.push_back(make(i));
    k::region_records records;
    records.referrals = referrals_;
    db_.import_records(records, st::sharing_level::codes_only, coordinator_access);
  }
  temp_folder tmp_;
  st::register_db db_ = st::register_db::open(tmp_ / "r.db");
  std::vector<k::referral> referrals_;
};

std::vector<std::string> ids(const std::vector<st::referral_summary>& v) {
  std::vector<std::string> out;
  for (const auto& s : v) out.push_back(s.id.str());
  return out;
}

}  // namespace

TEST_F(StoreQueries, QueueIsTheLibrarysCoordinatorQueue) {
  const k::support_policy policy;
  for (const char* day : {"2026-05-03", "2026-05-10", "2026-06-01"}) {
    const auto on = k::parse_date(day);
    const auto expected = k::coordinator_queue(referrals_, policy, on);
    EXPECT_EQ(db_.queue(policy, on, k::finnish_calendar{}, 1000, coordinator_access), expected) << day;
    const auto first3 = db_.queue(policy, on, k::finnish_calendar{}, 3, coordinator_access);
    EXPECT_EQ(first3, std::vector(expected.begin(), expected.begin() + std::min<std::ptrdiff_t>(3, std::ssize(expected))));
  }
}

TEST_F(StoreQueries, ByStateCaseloadAndClientReferrals) {
  std::vector<std::string> in_progress, caseload, client3;
  for (const auto& r : referrals_) {
    if (r.state() == k::referral_state::in_progress) in_progress.push_back(r.id().str());
    if (k::is_open_support(r.state()) && r.link_worker() == k::link_worker_id{"LW-1"}) caseload.push_back(r.id().str());
    if (r.subject().id().str() == "C-3") client3.push_back(r.id().str());
  }
  std::sort(in_progress.begin(), in_progress.end());
  std::sort(caseload.begin(), caseload.end());
  auto got = ids(db_.by_state(k::referral_state::in_progress, 1000, coordinator_access));
  std::sort(got.begin(), got.end());
  EXPECT_EQ(got, in_progress);
  EXPECT_EQ(ids(db_.caseload(k::link_worker_id{"LW-1"}, coordinator_access)), caseload);
  EXPECT_EQ(ids(db_.client_referrals(k::client_id{"C-3"}, coordinator_access)), client3);
  EXPECT_FALSE(caseload.empty());
  const auto counts = db_.state_counts();
  std::int64_t total = 0;
  for (const auto& [s, n] : counts) total += n;
  EXPECT_EQ(total, 60);
}

TEST_F(StoreQueries, DeadlinesDueInBusinessDays) {
  const k::support_policy policy;
  const k::finnish_calendar cal;
  const auto on = k::parse_date("2026-05-08");
  for (std::int64_t n : {0, 3, 10}) {
    const k::date target = cal.add_business_days(on, n);
    std::vector<std::pair<k::date, std::string>> expected;
    for (const auto& r : referrals_) {
      if (r.state() != k::referral_state::accepted && r.state() != k::referral_state::assigned) continue;
      k::date accepted_on;
      for (const auto& h : r.history()) {
        if (h.event.kind == k::referral_event::accept) accepted_on = k::finnish_local_date(h.event.at);
      }
      const k::support_period period(r.id(), accepted_on, policy, cal);
      for (const auto& d : period.deadlines()) {
        if (d.kind == k::deadline_kind::first_contact && d.due <= target) expected.emplace_back(accepted_on, r.id().str());
      }
    }
    std::sort(expected.begin(), expected.end());
    const auto got = db_.deadlines_due(policy, on, n, cal, 1000, coordinator_access);
    ASSERT_EQ(got.size(), expected.size()) << n;
    for (std::size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].referral.id.str(), expected[i].second);
      EXPECT_LE(got[i].due, target);
      EXPECT_EQ(got[i].business_days_left, cal.business_days_between(on, got[i].due));
    }
  }
  EXPECT_THROW((void)db_.deadlines_due(policy, on, -1, cal, 10, coordinator_access), k::invalid_argument);
}

TEST_F(StoreQueries, EveryReadOfClientDataIsAuditedWithWhoAndWhy) {
  const auto before = db_.audit_log();
  const st::accessor nurse{"LW-1", st::purpose::care};
  (void)db_.get(k::referral_id{"R-101"}, nurse);
  (void)db_.get_client(k::client_id{"C-1"}, nurse);
  (void)db_.caseload(k::link_worker_id{"LW-1"}, nurse);
  const auto after = db_.audit_log(before.back().seq);
  ASSERT_EQ(after.size(), 3U);
  EXPECT_EQ(after[0].who, "LW-1");
  EXPECT_EQ(after[0].why, st::purpose::care);
  EXPECT_EQ(after[0].action, "read_referral");
  EXPECT_EQ(after[0].subject, "R-101");
  EXPECT_EQ(after[1].action, "read_client");
  EXPECT_EQ(after[1].subject, "C-1");
  EXPECT_EQ(after[2].action, "query_caseload");
  EXPECT_THROW((void)db_.get(k::referral_id{"R-101"}, {"", st::purpose::care}), k::invalid_argument);
  EXPECT_EQ(st::parse_purpose("subject_access"), st::purpose::subject_access);
  EXPECT_THROW((void)st::parse_purpose("curiosity"), k::parse_error);
}
