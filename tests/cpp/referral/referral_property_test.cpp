// Property test: thousands of random event sequences, with the invariants checked after each
// event: the history is consistent and append-only, timestamps never go back, the state
// equals the replay of the history, a rejected event changes nothing, check() predicts apply().
#include <gtest/gtest.h>

#include <random>

#include "fixtures.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/referral/referral.hpp"

namespace k = kulkija;
using S = k::referral_state;

namespace {

template <class T>
T pick_enum(std::mt19937& rng, std::size_t count) {
  return static_cast<T>(std::uniform_int_distribution<std::size_t>(0, count - 1)(rng));
}

// A random event, biased towards ones the table allows so that sequences get deep.
k::lifecycle_event random_event(std::mt19937& rng, const k::referral& r, k::timestamp last) {
  std::uniform_int_distribution<int> percent(0, 99);
  k::lifecycle_event e{pick_enum<k::referral_event>(rng, k::referral_event_count), last,
                       {pick_enum<k::actor_role>(rng, k::actor_role_count), {}}, std::nullopt, std::nullopt, {}};
  const auto allowed = r.allowed_events();
  const k::transition* row = nullptr;
  if (!allowed.empty() && percent(rng) < 80) {
    e.kind = allowed[std::uniform_int_distribution<std::size_t>(0, allowed.size() - 1)(rng)];
    row = k::find_transition(r.state(), e.kind);
    if (percent(rng) < 90) e.by.role = row->roles[std::uniform_int_distribution<std::size_t>(0, row->roles.size() - 1)(rng)];
  }
  if (row != nullptr && !row->allowed_reasons.empty() && percent(rng) < 85) {
    e.reason = row->allowed_reasons[std::uniform_int_distribution<std::size_t>(0, row->allowed_reasons.size() - 1)(rng)];
  } else if (percent(rng) < 15) {
    e.reason = pick_enum<k::reason_code>(rng, k::reason_code_count);
  }
  if ((e.kind == k::referral_event::assign || e.kind == k::referral_event::reassign) ? percent(rng) < 90
                                                                                      : percent(rng) < 5) {
    e.link_worker = k::link_worker_id{"LW-" + std::to_string(percent(rng) % 4)};
  }
  const int step_minutes = percent(rng) < 7 ? -std::uniform_int_distribution<int>(1, 600)(rng)
                                            : std::uniform_int_distribution<int>(0, 60 * 24 * 10)(rng);
  e.at = last + boost::posix_time::minutes(step_minutes);
  return e;
}

void check_invariants(const k::referral& r) {
  const auto& h = r.history();
  S state = S::draft;
  std::vector<k::lifecycle_event> events;
  for (std::size_t i = 0; i < h.size(); ++i) {
    ASSERT_EQ(h[i].from, state) << "history entry " << i << " does not start where the previous ended";
    const auto* row = k::find_transition(h[i].from, h[i].event.kind);
    ASSERT_NE(row, nullptr) << "history holds a transition the table does not have";
    ASSERT_EQ(h[i].to, row->to);
    if (i > 0) ASSERT_LE(h[i - 1].event.at, h[i].event.at) << "timestamps go back at entry " << i;
    state = h[i].to;
    events.push_back(h[i].event);
  }
  ASSERT_EQ(r.state(), state);
  const k::referral replayed =
      k::referral::replay(r.id(), r.subject(), r.referrer(), r.needs(), r.urgency(), r.consent_given_at(), events);
  ASSERT_EQ(replayed, r);
  const bool has_worker = r.link_worker().has_value();
  const bool has_contact = r.first_contact_at().has_value();
  if (r.state() == S::assigned) ASSERT_TRUE(has_worker && !has_contact);
  if (r.state() == S::in_progress || r.state() == S::on_hold) ASSERT_TRUE(has_worker && has_contact);
  if (r.state() == S::completed) ASSERT_TRUE(has_contact);
  if (r.state() == S::requested || r.state() == S::accepted) ASSERT_FALSE(has_worker);
}

}  // namespace

TEST(ReferralProperty, RandomEventSequencesKeepInvariants) {
  std::mt19937 rng(20261124);
  std::size_t applied = 0, rejected = 0;
  std::array<std::size_t, k::referral_state_count> reached{};
  for (int sequence = 0; sequence < 3000; ++sequence) {
    k::referral r = k::testing::sample_referral();
    if (sequence % 10 == 0) r.set_needs(k::need_set{});  // some drafts cannot be issued
    k::timestamp last = k::testing::at("2026-01-05T09:00:00Z");
    for (int step = 0; step < 25; ++step) {
      const k::lifecycle_event e = random_event(rng, r, last);
      const k::referral before = r;
      const auto predicted = r.check(e);
      try {
        r.apply(e);
        ASSERT_FALSE(predicted.has_value()) << "check() predicted a failure that apply() did not raise";
        ASSERT_EQ(r.history().size(), before.history().size() + 1);
        ASSERT_TRUE(std::equal(before.history().begin(), before.history().end(), r.history().begin()))
            << "the history is not append-only";
        last = e.at;
        ++applied;
      } catch (const k::invalid_transition& error) {
        ASSERT_TRUE(predicted.has_value());
        ASSERT_STREQ(predicted->what(), error.what());
        ASSERT_EQ(r, before) << "a rejected event changed the referral";
        ++rejected;
      }
      check_invariants(r);
      ++reached[static_cast<std::size_t>(r.state())];
    }
  }
  // the generator must reach every state, or the test proves little
  for (std::size_t s = 0; s < k::referral_state_count; ++s) {
    EXPECT_GT(reached[s], 0U) << "never reached " << k::to_string(static_cast<S>(s));
  }
  EXPECT_GT(applied, 5000U);
  EXPECT_GT(rejected, 1000U);
}
