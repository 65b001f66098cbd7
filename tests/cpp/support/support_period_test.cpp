#include "kulkija/support/support_period.hpp"

#include <gtest/gtest.h>

#include <string>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;
using boost::gregorian::date;
using enum k::deadline_kind;

namespace {

// Accepted on Monday 2026-01-05; Tuesday 6 January is Epiphany.
k::support_period sample(k::support_policy policy = {}) {
  return k::support_period{k::referral_id{"R-1"}, date(2026, 1, 5), std::move(policy)};
}

k::meeting attended(date d, k::contact_mode mode = k::contact_mode::in_person) {
  return {d, mode, k::meeting_outcome::attended};
}

const k::deadline& get(const std::vector<k::deadline>& ds, k::deadline_kind kind) {
  for (const auto& d : ds) {
    if (d.kind == kind) return d;
  }
  throw std::runtime_error("no deadline " + std::string(k::to_string(kind)));
}

bool has(const std::vector<k::deadline>& ds, k::deadline_kind kind) {
  for (const auto& d : ds) {
    if (d.kind == kind) return true;
  }
  return false;
}

std::vector<k::warning_kind> kinds(const std::vector<k::support_warning>& ws) {
  std::vector<k::warning_kind> out;
  for (const auto& w : ws) out.push_back(w.kind);
  return out;
}

}  // namespace

TEST(SupportPeriod, DeadlinesBeforeFirstContactAreProvisional) {
  const auto p = sample();
  const auto ds = p.deadlines();
  ASSERT_EQ(ds.size(), 5U);  // no no-contact deadline before the first contact
  EXPECT_FALSE(has(ds, no_contact));
  const auto& first = get(ds, first_contact);
  EXPECT_EQ(first.due, date(2026, 1, 20));  // 10 business days, Epiphany skipped
  EXPECT_FALSE(first.met_on);
  EXPECT_FALSE(first.provisional);
  EXPECT_EQ(first.rule, "first_contact.within = 10 business_days");
  EXPECT_EQ(first.reason.en, "First contact due: acceptance day 2026-01-05 + 10 business days.");
  EXPECT_EQ(first.reason.fi, "Ensikontakti viimeistään: hyväksymispäivä 2026-01-05 + 10 arkipäivää.");
  EXPECT_EQ(first.reason.sv, "Första kontakten senast: godkännandedagen 2026-01-05 + 10 arbetsdagar.");
  const auto& end = get(ds, planned_end);
  EXPECT_TRUE(end.provisional);
  EXPECT_EQ(end.due, date(2026, 4, 14));  // 2026-01-20 + 12 weeks
  EXPECT_EQ(get(ds, follow_up_measurement).due, date(2026, 7, 14));
  EXPECT_EQ(p.remaining_meetings(), 12);
}

TEST(SupportPeriod, MeetingsPausesAndExtensionMoveTheDeadlines) {
  auto p = sample();
  p.record_meeting({date(2026, 1, 9), k::contact_mode::phone, k::meeting_outcome::no_show});
  p.record_meeting(attended(date(2026, 1, 12)));
  EXPECT_EQ(p.first_contact_on(), date(2026, 1, 12));
  auto ds = p.deadlines();
  EXPECT_EQ(get(ds, first_contact).met_on, date(2026, 1, 12));
  EXPECT_EQ(get(ds, start_measurement).due, date(2026, 1, 12));
  EXPECT_EQ(get(ds, planned_end).due, date(2026, 4, 6));
  EXPECT_FALSE(get(ds, planned_end).provisional);
  EXPECT_EQ(get(ds, no_contact).due, date(2026, 2, 11));

  p.add_pause({date(2026, 2, 2), date(2026, 2, 8), k::reason_code::client_ill});
  EXPECT_EQ(p.paused_days(), 7);
  ds = p.deadlines();
  EXPECT_EQ(get(ds, planned_end).due, date(2026, 4, 13));
  EXPECT_EQ(get(ds, no_contact).due, date(2026, 2, 18));
  EXPECT_EQ(get(ds, no_contact).reason.en,
            "Discontinued without contact: last meeting 2026-01-12 + 30 days + pauses 7 days.");

  p.extend({date(2026, 4, 1), {6, k::length_unit::weeks}, "goals need more time"});
  ds = p.deadlines();
  EXPECT_EQ(get(ds, planned_end).due, date(2026, 5, 25));
  EXPECT_EQ(get(ds, planned_end).reason.en,
            "Planned end: first contact 2026-01-12 + 12 weeks + extension 6 weeks (2026-04-01) + pauses 7 days.");
  EXPECT_EQ(get(ds, planned_end).reason.fi,
            "Suunniteltu päättyminen: ensikontakti 2026-01-12 + 12 viikkoa + jatko 6 viikkoa (2026-04-01) + tauot 7 päivää.");
  EXPECT_EQ(get(ds, follow_up_measurement).due, date(2026, 8, 25));
  EXPECT_EQ(get(ds, follow_up_measurement).rule, "follow_up.after = 3 months");

  // As they stood before the extension and the pause.
  const auto before = p.deadlines_on(date(2026, 1, 20));
  EXPECT_EQ(get(before, planned_end).due, date(2026, 4, 6));

  p.record_meeting(attended(date(2026, 3, 2), k::contact_mode::group_activity));
  EXPECT_EQ(get(p.deadlines(), no_contact).due, date(2026, 4, 1));
  p.close({date(2026, 5, 20), k::reason_code::goals_reached});
  ds = p.deadlines();
  EXPECT_FALSE(has(ds, no_contact));
  EXPECT_EQ(get(ds, planned_end).met_on, date(2026, 5, 20));
  EXPECT_EQ(get(ds, end_measurement).due, date(2026, 5, 20));
  EXPECT_EQ(get(ds, follow_up_measurement).due, date(2026, 8, 20));
  EXPECT_EQ(p.remaining_meetings(), 10);
}

TEST(SupportPeriod, StatusOnADay) {
  auto p = sample();
  EXPECT_EQ(p.status(date(2026, 1, 8)), k::support_status::on_track);  // 8 business days left
  EXPECT_EQ(p.status(date(2026, 1, 14)), k::support_status::due_soon);  // 4 left
  EXPECT_EQ(p.status(date(2026, 1, 20)), k::support_status::due_soon);  // the due day itself
  EXPECT_EQ(p.status(date(2026, 1, 21)), k::support_status::overdue);
  p.record_meeting(attended(date(2026, 1, 12)));
  EXPECT_EQ(p.status(date(2026, 1, 21)), k::support_status::on_track);
  EXPECT_EQ(p.status(date(2026, 1, 10)), k::support_status::on_track);  // first contact not yet known then, 6 left
  EXPECT_EQ(p.status(date(2026, 2, 10)), k::support_status::due_soon);  // no-contact limit 2026-02-11
  EXPECT_EQ(p.status(date(2026, 2, 12)), k::support_status::overdue);
  p.close({date(2026, 2, 12), k::reason_code::no_contact});
  EXPECT_EQ(p.status(date(2026, 2, 12)), k::support_status::ended);
  EXPECT_EQ(p.status(date(2026, 2, 11)), k::support_status::due_soon);
  EXPECT_EQ(k::to_string(k::support_status::due_soon), "due_soon");
}

TEST(SupportPeriod, Warnings) {
  k::support_policy policy;
  policy.max_meetings = 3;
  auto p = sample(policy);
  EXPECT_EQ(kinds(p.warnings(date(2026, 1, 14))), (std::vector{k::warning_kind::first_contact_due_soon}));
  EXPECT_EQ(kinds(p.warnings(date(2026, 1, 21))), (std::vector{k::warning_kind::first_contact_overdue}));
  p.record_meeting(attended(date(2026, 1, 12)));
  EXPECT_TRUE(p.warnings(date(2026, 1, 11)).empty());  // the meeting of the 12th is not known yet
  EXPECT_EQ(kinds(p.warnings(date(2026, 1, 13))), (std::vector{k::warning_kind::meetings_nearly_used}));
  const auto ws = p.warnings(date(2026, 2, 5));  // limit 2026-02-11, 6 days away
  EXPECT_EQ(kinds(ws), (std::vector{k::warning_kind::no_contact_warning, k::warning_kind::meetings_nearly_used}));
  EXPECT_EQ(ws[0].due, date(2026, 2, 11));
  EXPECT_EQ(ws[0].text.en, "Contact the client: the support is discontinued on 2026-02-11 without contact.");
  EXPECT_EQ(ws[1].text.fi, "Tapaamisia jäljellä: 2.");
  EXPECT_EQ(kinds(p.warnings(date(2026, 2, 12))),
            (std::vector{k::warning_kind::no_contact_limit_reached, k::warning_kind::meetings_nearly_used}));
  p.record_meeting(attended(date(2026, 2, 10)));
  EXPECT_EQ(kinds(p.warnings(date(2026, 2, 10))), (std::vector{k::warning_kind::meetings_nearly_used}));
  p.record_meeting(attended(date(2026, 3, 30)));
  EXPECT_EQ(kinds(p.warnings(date(2026, 4, 1))),
            (std::vector{k::warning_kind::period_ending_soon, k::warning_kind::meetings_used_up}));
  EXPECT_EQ(kinds(p.warnings(date(2026, 4, 7))),
            (std::vector{k::warning_kind::period_past_end, k::warning_kind::meetings_used_up}));
  p.close({date(2026, 4, 7), k::reason_code::support_period_ended});
  EXPECT_TRUE(p.warnings(date(2026, 4, 8)).empty());
  EXPECT_EQ(kinds(p.warnings(date(2026, 7, 6))), (std::vector{k::warning_kind::follow_up_due}));
  EXPECT_EQ(p.warnings(date(2026, 7, 8))[0].text.en, "Follow-up measurement due on 2026-07-07 (overdue).");
}

TEST(SupportPeriod, BadInputThrowsAndLeavesThePeriodUnchanged) {
  k::support_policy policy;
  policy.max_meetings = 2;
  auto p = sample(policy);
  p.record_meeting(attended(date(2026, 1, 12)));
  p.add_pause({date(2026, 2, 2), date(2026, 2, 8), k::reason_code::client_away});
  const auto before = p;

  KULKIJA_EXPECT_THROW_MSG(p.record_meeting(attended(date(2026, 1, 2))), k::invalid_argument,
                           "meeting.day: must not be before the acceptance day 2026-01-05, got 2026-01-02");
  KULKIJA_EXPECT_THROW_MSG(p.record_meeting(attended(date(2026, 2, 3))), k::invalid_argument,
                           "meeting.day: must not fall within the pause from 2026-02-02 to 2026-02-08");
  p.record_meeting(attended(date(2026, 1, 20)));
  KULKIJA_EXPECT_THROW_MSG(p.record_meeting(attended(date(2026, 1, 27))), k::invalid_argument,
                           "meeting: at most 2 attended meetings (meetings.max of policy 'default' version '1')");
  p.record_meeting({date(2026, 1, 27), k::contact_mode::video, k::meeting_outcome::cancelled});
  EXPECT_EQ(p.meetings().size(), 3U);
  const auto with_meetings = p;

  KULKIJA_EXPECT_THROW_MSG(p.add_pause({date(2026, 2, 6), date(2026, 2, 12), k::reason_code::client_ill}),
                           k::invalid_argument, "pause: must not overlap the pause from 2026-02-02 to 2026-02-08");
  KULKIJA_EXPECT_THROW_MSG(p.add_pause({date(2026, 1, 26), date(2026, 1, 28), k::reason_code::client_ill}),
                           k::invalid_argument, "pause: must not contain the meeting on 2026-01-27");
  KULKIJA_EXPECT_THROW_MSG(p.add_pause({date(2026, 1, 10), date(2026, 1, 11), k::reason_code::client_ill}),
                           k::invalid_argument, "pause.from: must be after the first contact on 2026-01-12");
  KULKIJA_EXPECT_THROW_MSG(p.add_pause({date(2026, 3, 2), date(2026, 3, 1), k::reason_code::client_ill}),
                           k::invalid_argument, "pause.until: must not be before pause.from");
  KULKIJA_EXPECT_THROW_MSG(p.add_pause({date(2026, 3, 2), date(2026, 3, 3), k::reason_code::deceased}),
                           k::invalid_argument, "pause.reason: must be one of: client_ill, client_away");
  KULKIJA_EXPECT_THROW_MSG(p.add_pause({date(2026, 3, 1), date(2026, 4, 5), k::reason_code::client_ill}),
                           k::invalid_argument,
                           "pause: the pauses would total 43 days, more than pauses.max_total = 6 weeks (42 days)");

  KULKIJA_EXPECT_THROW_MSG(p.extend({date(2026, 3, 1), {7, k::length_unit::weeks}, "more time"}), k::invalid_argument,
                           "extension.added: must be from 1 to 6 weeks (extensions.length), got 7 weeks");
  KULKIJA_EXPECT_THROW_MSG(p.extend({date(2026, 3, 1), {30, k::length_unit::days}, "more time"}), k::invalid_argument,
                           "extension.added: must be in weeks");
  KULKIJA_EXPECT_THROW_MSG(p.extend({date(2026, 3, 1), {6, k::length_unit::weeks}, ""}), k::invalid_argument,
                           "extension.reason: is required by the policy");
  KULKIJA_EXPECT_THROW_MSG(p.extend({date(2026, 3, 1), {6, k::length_unit::weeks}, "asiakas 010190-123A"}),
                           k::invalid_argument, "extension.reason: must not contain a personal identity code");
  KULKIJA_EXPECT_THROW_MSG(p.extend({date(2026, 5, 1), {6, k::length_unit::weeks}, "more time"}), k::invalid_argument,
                           "extension.granted_on: must not be after the planned end 2026-04-13");
  EXPECT_EQ(p, with_meetings);
  p.extend({date(2026, 3, 1), {2, k::length_unit::weeks}, "more time"});
  KULKIJA_EXPECT_THROW_MSG(p.extend({date(2026, 3, 2), {2, k::length_unit::weeks}, "again"}), k::invalid_argument,
                           "extensions: at most 1 extension(s)");

  KULKIJA_EXPECT_THROW_MSG(p.close({date(2026, 1, 21), k::reason_code::goals_reached}), k::invalid_argument,
                           "closure.day: must not be before the last meeting on 2026-01-27");
  KULKIJA_EXPECT_THROW_MSG(p.close({date(2026, 3, 1), k::reason_code::client_ill}), k::invalid_argument,
                           "closure.reason: must be one of: goals_reached");
  const auto open = p;
  EXPECT_EQ(p, open);
  p.close({date(2026, 3, 1), k::reason_code::moved_away});
  KULKIJA_EXPECT_THROW_MSG(p.record_meeting(attended(date(2026, 3, 2))), k::invalid_transition,
                           "'record_meeting' from state 'closed': the support period was closed on 2026-03-01");
  KULKIJA_EXPECT_THROW_MSG(p.close({date(2026, 3, 2), k::reason_code::moved_away}), k::invalid_transition,
                           "'close' from state 'closed'");
  EXPECT_NE(p, before);
}

TEST(SupportPeriod, ConstructionValidatesPolicyAndDay) {
  k::support_policy bad;
  bad.max_meetings = 0;
  KULKIJA_EXPECT_THROW_MSG(sample(bad), k::invalid_argument, "meetings.max: must be from 1 to 200");
  KULKIJA_EXPECT_THROW_MSG((k::support_period{k::referral_id{"R-2"}, date(1899, 1, 1), k::support_policy{}}),
                           k::invalid_argument, "accepted_on: must be within");
  auto p = sample();
  KULKIJA_EXPECT_THROW_MSG(p.add_pause({date(2026, 2, 2), date(2026, 2, 8), k::reason_code::client_ill}),
                           k::invalid_argument, "pause.from: a pause needs a first contact");
  EXPECT_EQ(k::parse_contact_mode("group_activity"), k::contact_mode::group_activity);
  EXPECT_EQ(k::parse_meeting_outcome("no_show"), k::meeting_outcome::no_show);
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_contact_mode("letter"), k::parse_error, "unknown contact mode 'letter'");
}

TEST(SupportPeriod, MonthsAndCalendarDaysPolicy) {
  const auto policy = k::support_policy_from_json(
      R"({"id": "months", "version": "1", "valid_from": "2026-01-01",
          "first_contact": {"within": 14, "unit": "days"}, "length": {"max": 3, "unit": "months"}})");
  k::support_period p{k::referral_id{"R-3"}, date(2026, 10, 20), policy};
  EXPECT_EQ(get(p.deadlines(), first_contact).due, date(2026, 11, 3));
  p.record_meeting(attended(date(2026, 11, 30)));
  EXPECT_EQ(get(p.deadlines(), planned_end).due, date(2027, 2, 28));  // from a month's last day
  EXPECT_EQ(get(p.deadlines(), first_contact).met_on, date(2026, 11, 30));  // met late
  EXPECT_EQ(get(p.deadlines(), planned_end).reason.sv, "Planerat slut: första kontakten 2026-11-30 + 3 månader.");
}
