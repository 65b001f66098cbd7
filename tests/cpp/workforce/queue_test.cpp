#include "kulkija/workforce/queue.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../referral/fixtures.hpp"
#include "../test_support.hpp"

namespace k = kulkija;
using k::testing::event;

namespace {

k::date d(const char* text) { return k::parse_date(text); }

// A referral issued on 2026-06-01 and accepted at `accepted` (UTC), or left requested.
k::referral accepted(const char* id, k::priority p, std::optional<const char*> accepted_at,
                     std::optional<const char*> assigned_at = std::nullopt) {
  k::referral r{k::referral_id{id}, k::testing::sample_client(id), k::testing::sample_referrer(),
                k::need_set{k::need::loneliness}, p};
  r.record_consent(k::testing::at("2026-06-01T08:00:00Z"));
  r.apply(event(k::referral_event::issue, "2026-06-01T09:00:00Z", k::actor_role::referrer));
  if (accepted_at) r.apply(event(k::referral_event::accept, *accepted_at, k::actor_role::coordinator));
  if (assigned_at) {
    r.apply(event(k::referral_event::assign, *assigned_at, k::actor_role::coordinator, std::nullopt, "LW-1"));
  }
  return r;
}

std::vector<std::string> ids(const std::vector<k::queue_entry>& q) {
  std::vector<std::string> out;
  for (const auto& e : q) out.push_back(e.referral.str());
  return out;
}

}  // namespace

TEST(CoordinatorQueue, PriorityThenWaitingTimeThenId) {
  const std::vector<k::referral> referrals{
      accepted("R-routine-old", k::priority::routine, "2026-06-02T07:00:00Z"),
      accepted("R-urgent-new", k::priority::urgent, "2026-06-10T07:00:00Z"),
      accepted("R-asap", k::priority::asap, "2026-06-11T07:00:00Z"),
      accepted("R-routine-new", k::priority::routine, "2026-06-09T07:00:00Z"),
      accepted("R-urgent-old", k::priority::urgent, "2026-06-03T07:00:00Z"),
      accepted("R-routine-tie-b", k::priority::routine, "2026-06-05T07:00:00Z"),
      accepted("R-routine-tie-a", k::priority::routine, "2026-06-05T07:00:00Z"),
      accepted("R-assigned", k::priority::asap, "2026-06-02T07:00:00Z", "2026-06-03T07:00:00Z"),
      accepted("R-requested", k::priority::asap, std::nullopt),
      accepted("R-later", k::priority::asap, "2026-06-20T07:00:00Z"),
  };
  const auto q = k::coordinator_queue(referrals, k::support_policy{}, d("2026-06-12"));
  EXPECT_EQ(ids(q), (std::vector<std::string>{"R-asap", "R-urgent-old", "R-urgent-new", "R-routine-old",
                                              "R-routine-tie-a", "R-routine-tie-b", "R-routine-new"}));
  EXPECT_EQ(q[0].client.str(), "R-asap");
  EXPECT_EQ(q[0].urgency, k::priority::asap);
  // the referral accepted after the day appears once the day comes, after the asap one waiting longer
  const auto later = k::coordinator_queue(referrals, k::support_policy{}, d("2026-06-20"));
  EXPECT_EQ(ids(later)[0], "R-asap");
  EXPECT_EQ(ids(later)[1], "R-later");
}

TEST(CoordinatorQueue, DeadlineFromTheSupportPolicyWithTheFlagsOnTheRightDays) {
  // Accepted 2026-06-16 22:30 UTC, which is 2026-06-17 01:30 in Finland. Ten business days
  // from Wednesday 17 June skip Midsummer Eve (Friday 19 June): due Thursday 2 July.
  const std::vector<k::referral> referrals{accepted("R-1", k::priority::routine, "2026-06-16T22:30:00Z")};
  const k::support_policy policy;
  const auto on = [&](const char* day) { return k::coordinator_queue(referrals, policy, d(day)).at(0); };
  const auto first = on("2026-06-17");
  EXPECT_EQ(first.accepted_on, d("2026-06-17"));
  EXPECT_EQ(first.first_contact.kind, k::deadline_kind::first_contact);
  EXPECT_EQ(first.first_contact.due, d("2026-07-02"));
  EXPECT_EQ(first.first_contact.rule, "first_contact.within = 10 business_days");
  EXPECT_EQ(first.days_waiting, 0);
  EXPECT_FALSE(first.overdue);
  EXPECT_FALSE(first.due_soon);
  const auto six = on("2026-06-24");  // 24, 25, 26, 29, 30 June and 1 July: 6 business days before the due day
  EXPECT_FALSE(six.due_soon);
  EXPECT_EQ(six.days_waiting, 7);
  EXPECT_EQ(six.business_days_waiting, 4);  // 17, 18, 22, 23 June (19 June is Midsummer Eve)
  EXPECT_TRUE(on("2026-06-25").due_soon);
  const auto due = on("2026-07-02");
  EXPECT_TRUE(due.due_soon);
  EXPECT_FALSE(due.overdue);
  const auto late = on("2026-07-03");
  EXPECT_TRUE(late.overdue);
  EXPECT_FALSE(late.due_soon);
  EXPECT_EQ(late.reason.en, "routine; waiting 16 days (11 business days); first contact due by 2026-07-02 (overdue).");
  EXPECT_EQ(late.reason.fi,
            "tavallinen; odottanut 16 päivää (11 arkipäivää); ensikontakti viimeistään 2026-07-02 (myöhässä).");
  EXPECT_EQ(due.reason.sv,
            "normal; väntat 15 dagar (10 arbetsdagar); första kontakten senast 2026-07-02 (snart).");
  // the policy's rule decides: 5 calendar days
  k::support_policy days;
  days.first_contact = {5, k::length_unit::days};
  EXPECT_EQ(k::coordinator_queue(referrals, days, d("2026-06-17")).at(0).first_contact.due, d("2026-06-22"));
}

TEST(CoordinatorQueue, ARepeatedAcceptanceRestartsTheWait) {
  auto r = accepted("R-1", k::priority::urgent, "2026-06-02T07:00:00Z");
  r.apply(event(k::referral_event::cancel, "2026-06-03T07:00:00Z", k::actor_role::referrer,
                k::reason_code::referral_withdrawn));
  r.apply(event(k::referral_event::reopen, "2026-06-08T07:00:00Z", k::actor_role::coordinator,
                k::reason_code::client_returned));
  r.apply(event(k::referral_event::accept, "2026-06-09T07:00:00Z", k::actor_role::coordinator));
  const auto q = k::coordinator_queue(std::vector<k::referral>{r}, k::support_policy{}, d("2026-06-10"));
  ASSERT_EQ(q.size(), 1U);
  EXPECT_EQ(q[0].accepted_on, d("2026-06-09"));
  EXPECT_EQ(q[0].days_waiting, 1);
}

TEST(CoordinatorQueue, BadInputNamesTheField) {
  const std::vector<k::referral> referrals{accepted("R-1", k::priority::routine, "2026-06-02T07:00:00Z")};
  KULKIJA_EXPECT_THROW_MSG((void)k::coordinator_queue(referrals, k::support_policy{}, k::date(boost::date_time::not_a_date_time)),
                           k::invalid_argument, "on: must be a real date");
  KULKIJA_EXPECT_THROW_MSG((void)k::coordinator_queue(referrals, k::support_policy{}, d("2300-01-01")),
                           k::invalid_argument, "on: must be a real date within 1900-01-01 and 2200-12-31");
  k::support_policy bad;
  bad.max_meetings = 0;
  KULKIJA_EXPECT_THROW_MSG((void)k::coordinator_queue(referrals, bad, d("2026-06-10")), k::invalid_argument,
                           "meetings.max");
  EXPECT_TRUE(k::coordinator_queue(std::vector<k::referral>{}, k::support_policy{}, d("2026-06-10")).empty());
  EXPECT_EQ(k::priority_label(k::priority::urgent).sv, "brådskande");
}
