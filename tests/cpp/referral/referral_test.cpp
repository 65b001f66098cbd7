#include "kulkija/referral/referral.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "fixtures.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;
using k::testing::at;
using k::testing::event;
using E = k::referral_event;
using R = k::actor_role;
using S = k::referral_state;

namespace {

// Applies `e` expecting invalid_transition with `id` and a message containing `fragment`;
// checks that the referral is unchanged afterwards.
void expect_rejected(k::referral& r, const k::lifecycle_event& e, k::error_id id, const std::string& fragment) {
  const k::referral before = r;
  const auto predicted = r.check(e);
  ASSERT_TRUE(predicted.has_value()) << "check() did not predict the failure";
  EXPECT_EQ(predicted->id(), id);
  try {
    r.apply(e);
    ADD_FAILURE() << "apply accepted " << k::to_string(e.kind);
  } catch (const k::invalid_transition& error) {
    EXPECT_EQ(error.id(), id) << error.what();
    EXPECT_NE(std::string(error.what()).find(fragment), std::string::npos) << error.what();
    EXPECT_EQ(error.event(), k::to_string(e.kind));
    EXPECT_EQ(error.state(), k::to_string(before.state()));
  }
  EXPECT_EQ(r, before);
}

}  // namespace

TEST(Referral, HappyPath) {
  k::referral r = k::testing::sample_referral();
  EXPECT_EQ(r.state(), S::draft);
  EXPECT_FALSE(r.issued_at());
  r.apply(event(E::issue, "2026-01-05T10:00:00Z", R::referrer));
  r.apply(event(E::accept, "2026-01-06T08:00:00Z", R::coordinator));
  r.apply(event(E::assign, "2026-01-06T08:05:00Z", R::coordinator, std::nullopt, "LW-3"));
  r.apply(event(E::first_contact, "2026-01-08T12:00:00Z", R::link_worker));
  r.apply(event(E::pause, "2026-02-01T12:00:00Z", R::link_worker, k::reason_code::client_ill));
  r.apply(event(E::resume, "2026-02-10T12:00:00Z", R::link_worker));
  r.apply(event(E::reassign, "2026-02-11T12:00:00Z", R::coordinator, k::reason_code::worker_left, "LW-5"));
  const auto& last = r.apply(event(E::complete, "2026-04-01T12:00:00Z", R::link_worker, k::reason_code::goals_reached));
  EXPECT_EQ(last.from, S::in_progress);
  EXPECT_EQ(last.to, S::completed);
  EXPECT_EQ(r.state(), S::completed);
  EXPECT_EQ(r.history().size(), 8U);
  EXPECT_EQ(r.issued_on(), boost::gregorian::date(2026, 1, 5));
  EXPECT_EQ(r.link_worker(), k::link_worker_id{"LW-5"});
  EXPECT_EQ(r.first_contact_at(), at("2026-01-08T12:00:00Z"));
  EXPECT_EQ(r.last_event_at(), at("2026-04-01T12:00:00Z"));
}

TEST(Referral, DraftOnlyEdits) {
  k::referral r = k::testing::sample_referral();
  r.set_needs(k::need_set{k::need::bereavement});
  r.set_urgency(k::priority::urgent);
  k::client c = r.subject();
  c.set_living(k::living_situation::alone);
  r.update_subject(c);
  EXPECT_EQ(r.subject().living(), k::living_situation::alone);
  KULKIJA_EXPECT_THROW_MSG(r.update_subject(k::testing::sample_client("C-2")), k::invalid_argument,
                           "client_id: the client of a referral cannot be changed");
  KULKIJA_EXPECT_THROW_MSG(r.record_consent(k::timestamp(boost::posix_time::not_a_date_time)), k::invalid_argument,
                           "consent_given_at");
  r.apply(event(E::issue, "2026-01-05T10:00:00Z", R::referrer));
  const k::referral before = r;
  KULKIJA_EXPECT_THROW_MSG(r.set_needs(k::need_set{k::need::loneliness}), k::invalid_transition,
                           "'set_needs' from state 'requested': the referral's content may change only while it is a draft");
  KULKIJA_EXPECT_THROW_MSG(r.record_consent(at("2026-01-01T00:00:00Z")), k::invalid_transition, "only while it is a draft");
  EXPECT_EQ(r, before);
  EXPECT_EQ(k::parse_priority("asap"), k::priority::asap);
  EXPECT_EQ(k::to_string(k::priority::urgent), "urgent");
}

TEST(Referral, GuardsNameTheRule) {
  k::referral r{k::referral_id{"R-2"}, k::testing::sample_client(), k::testing::sample_referrer(), k::need_set{}};
  expect_rejected(r, event(E::issue, "2026-01-05T10:00:00Z", R::referrer), k::error_id::transition_guard,
                  "consent_recorded: the client's consent must be recorded");
  r.record_consent(at("2026-01-05T11:00:00Z"));
  expect_rejected(r, event(E::issue, "2026-01-05T10:00:00Z", R::referrer), k::error_id::transition_guard,
                  "consent_recorded");  // consent after the issue
  expect_rejected(r, event(E::issue, "2026-01-05T12:00:00Z", R::referrer), k::error_id::transition_guard,
                  "needs_present: the referral must name at least one need");
  r.set_needs(k::need_set{k::need::loneliness});
  expect_rejected(r, event(E::issue, "2026-01-05T12:00:00Z", R::coordinator), k::error_id::transition_role,
                  "role 'coordinator' may not do this; allowed roles: referrer");
  expect_rejected(r, event(E::issue, "2026-01-05T12:00:00Z", R::referrer, k::reason_code::other),
                  k::error_id::transition_reason, "this event takes no reason code");
  r.apply(event(E::issue, "2026-01-05T12:00:00Z", R::referrer));
  expect_rejected(r, event(E::first_contact, "2026-01-06T12:00:00Z", R::link_worker),
                  k::error_id::transition_not_allowed, "allowed events: accept, reject, cancel, enter_in_error");
  expect_rejected(r, event(E::reject, "2026-01-06T12:00:00Z", R::coordinator), k::error_id::transition_reason,
                  "a reason is required; allowed reasons: not_eligible, no_capacity");
  expect_rejected(r, event(E::reject, "2026-01-06T12:00:00Z", R::coordinator, k::reason_code::goals_reached),
                  k::error_id::transition_reason, "reason 'goals_reached' does not fit");
  expect_rejected(r, event(E::accept, "2026-01-05T11:59:59Z", R::coordinator), k::error_id::transition_time,
                  "time may not go back: 2026-01-05T11:59:59Z is before the last event at 2026-01-05T12:00:00Z");
  expect_rejected(r, event(E::accept, "2026-01-06T12:00:00Z", R::coordinator, std::nullopt, "LW-1"),
                  k::error_id::transition_guard, "only assign and reassign name a link worker");
  r.apply(event(E::accept, "2026-01-05T12:00:00Z", R::coordinator));  // same instant is allowed
  expect_rejected(r, event(E::assign, "2026-01-06T12:00:00Z", R::coordinator), k::error_id::transition_guard,
                  "link_worker_given");
  r.apply(event(E::assign, "2026-01-06T12:00:00Z", R::coordinator, std::nullopt, "LW-1"));
  expect_rejected(r, event(E::reassign, "2026-01-06T13:00:00Z", R::coordinator, k::reason_code::worker_left, "LW-1"),
                  k::error_id::transition_guard, "link_worker_changes");
  expect_rejected(r, event(E::complete, "2026-01-07T12:00:00Z", R::link_worker), k::error_id::transition_not_allowed,
                  "not allowed from this state");
  k::lifecycle_event special = event(E::first_contact, "2026-01-07T12:00:00Z", R::link_worker);
  special.at = k::timestamp(boost::posix_time::not_a_date_time);
  expect_rejected(r, special, k::error_id::transition_time, "the timestamp must be a real date-time");
}

TEST(Referral, NotesAndActorIdsAreChecked) {
  k::referral r = k::testing::sample_referral();
  k::lifecycle_event e = event(E::issue, "2026-01-05T10:00:00Z", R::referrer);
  e.note = "asiakkaan hetu 131052-308T";
  const k::referral before = r;
  try {
    r.apply(e);
    FAIL();
  } catch (const k::invalid_argument& error) {
    EXPECT_EQ(error.field(), "note");
    EXPECT_EQ(std::string(error.what()).find("131052"), std::string::npos);
  }
  e.note.clear();
  e.by.id = "P 1";
  KULKIJA_EXPECT_THROW_MSG(r.apply(e), k::invalid_argument, "actor.id: may contain only");
  EXPECT_EQ(r, before);
}

TEST(Referral, ReopenStartsAfresh) {
  k::referral r = k::testing::sample_referral();
  r.apply(event(E::issue, "2026-01-05T10:00:00Z", R::referrer));
  r.apply(event(E::accept, "2026-01-06T08:00:00Z", R::coordinator));
  r.apply(event(E::assign, "2026-01-06T08:05:00Z", R::coordinator, std::nullopt, "LW-3"));
  r.apply(event(E::first_contact, "2026-01-08T12:00:00Z", R::link_worker));
  r.apply(event(E::discontinue, "2026-02-08T12:00:00Z", R::system, k::reason_code::no_contact));
  expect_rejected(r, event(E::reopen, "2026-03-01T12:00:00Z", R::coordinator), k::error_id::transition_reason,
                  "a reason is required");
  r.apply(event(E::reopen, "2026-03-01T12:00:00Z", R::coordinator, k::reason_code::client_returned));
  EXPECT_EQ(r.state(), S::requested);
  EXPECT_FALSE(r.link_worker());
  EXPECT_FALSE(r.first_contact_at());
  EXPECT_EQ(r.issued_on(), boost::gregorian::date(2026, 1, 5));
  r.apply(event(E::enter_in_error, "2026-03-02T12:00:00Z", R::coordinator, k::reason_code::data_entry_error));
  EXPECT_TRUE(r.allowed_events().empty());
}

TEST(Referral, ReplayEqualsIncrementalApplication) {
  k::referral r = k::testing::sample_referral();
  std::vector<k::lifecycle_event> events{event(E::issue, "2026-01-05T10:00:00Z", R::referrer),
                                         event(E::reject, "2026-01-06T08:00:00Z", R::coordinator,
                                               k::reason_code::not_eligible)};
  for (const auto& e : events) r.apply(e);
  const k::referral replayed =
      k::referral::replay(r.id(), r.subject(), r.referrer(), r.needs(), r.urgency(), r.consent_given_at(), events);
  EXPECT_EQ(replayed, r);
  events.push_back(event(E::accept, "2026-01-07T08:00:00Z", R::coordinator));
  KULKIJA_EXPECT_THROW_MSG((void)k::referral::replay(r.id(), r.subject(), r.referrer(), r.needs(), r.urgency(),
                                                     r.consent_given_at(), events),
                           k::invalid_transition, "'accept' from state 'rejected'");
}

TEST(Referral, KeptElementsAreCarriedAndChecked) {
  k::referral r = k::testing::sample_referral();
  EXPECT_TRUE(r.kept().empty());
  const std::vector<k::kept_element> kept{{"ServiceRequest", "performer", R"([{"reference":"Organization/o1"}])"},
                                          {"Task", "note", R"([{"text":"call after 4pm"}])"}};
  k::referral copy = r;
  r.set_kept(kept);
  EXPECT_EQ(r.kept(), kept);
  EXPECT_NE(r, copy);  // equality covers the kept elements
  copy.set_kept(kept);
  EXPECT_EQ(r, copy);
  // any state: kept elements take no part in the lifecycle
  r.apply(event(E::issue, "2026-01-05T10:00:00Z", R::referrer));
  r.set_kept({});
  EXPECT_TRUE(r.kept().empty());

  KULKIJA_EXPECT_THROW_MSG(r.set_kept({{"", "note", "[]"}}), k::invalid_argument,
                           "element 0 must name its resource and element");
  KULKIJA_EXPECT_THROW_MSG(r.set_kept({{"Task", "note", "[{"}}), k::invalid_argument,
                           "element 0 (Task.note) must be JSON text");
  try {
    r.set_kept({kept[0], {"Task", "note", R"([{"text":"hetu 131052-308T"}])"}});
    ADD_FAILURE() << "expected invalid_argument";
  } catch (const k::invalid_argument& e) {
    EXPECT_EQ(e.id(), k::error_id::personal_data);
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("element 1 holds something shaped like a personal identity code"),
              std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(r.kept().empty());  // unchanged after a failure
  // a UUID whose last group has the shape of a code (091226c336f) is not one
  r.set_kept({{"Task", "basedOn", R"([{"reference":"urn:uuid:0f03850d-7df1-8c9b-8003-1091226c336f"}])"}});
  EXPECT_EQ(r.kept().size(), 1U);
}
