#include "kulkija/referral/lifecycle.hpp"

#include <gtest/gtest.h>

#include <set>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;
using S = k::referral_state;
using E = k::referral_event;

TEST(TransitionTable, OneRowPerStateAndEvent) {
  std::set<std::pair<S, E>> seen;
  for (const auto& row : k::transition_table()) {
    EXPECT_TRUE(seen.emplace(row.from, row.event).second)
        << "two rows for " << k::to_string(row.event) << " from " << k::to_string(row.from);
    EXPECT_FALSE(row.roles.empty());
    EXPECT_EQ(row.allowed_reasons.empty(), row.reason == k::reason_rule::none) << k::to_string(row.event);
  }
}

TEST(TransitionTable, ModelRules) {
  // cancelled from any state before completion, never after
  for (S s : {S::draft, S::requested, S::accepted, S::assigned, S::in_progress, S::on_hold}) {
    ASSERT_NE(k::find_transition(s, E::cancel), nullptr) << k::to_string(s);
    EXPECT_EQ(k::find_transition(s, E::cancel)->to, S::cancelled);
  }
  for (S s : {S::completed, S::discontinued, S::rejected, S::cancelled, S::entered_in_error}) {
    EXPECT_EQ(k::find_transition(s, E::cancel), nullptr) << k::to_string(s);
  }
  // no in_progress before a link worker is assigned
  for (const auto& row : k::transition_table()) {
    if (row.to == S::in_progress && row.from != S::in_progress) {
      EXPECT_TRUE(row.from == S::assigned || row.from == S::on_hold) << k::to_string(row.from);
    }
  }
  // every closed state but entered_in_error can be reopened, with a reason
  for (S s : {S::rejected, S::completed, S::discontinued, S::cancelled}) {
    const auto* row = k::find_transition(s, E::reopen);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row->to, S::requested);
    EXPECT_EQ(row->reason, k::reason_rule::required);
  }
  EXPECT_TRUE(k::allowed_events(S::entered_in_error).empty());
  EXPECT_EQ(k::find_transition(S::in_progress, E::reassign)->to, S::in_progress);
  EXPECT_TRUE(k::is_closed(S::completed));
  EXPECT_FALSE(k::is_closed(S::on_hold));
  EXPECT_EQ(k::allowed_events(S::draft), (std::vector<E>{E::issue, E::cancel, E::enter_in_error}));
}

TEST(TransitionTable, DotDiagramHasEveryRow) {
  const std::string dot = k::lifecycle_dot();
  EXPECT_EQ(dot.rfind("digraph referral_lifecycle {", 0), 0U);
  std::size_t edges = 0;
  for (std::size_t pos = dot.find(" -> "); pos != std::string::npos; pos = dot.find(" -> ", pos + 1)) ++edges;
  EXPECT_EQ(edges, k::transition_table().size());
  EXPECT_NE(dot.find("assigned -> in_progress [label=\"first_contact"), std::string::npos);
  EXPECT_NE(dot.find("completed [peripheries=2]"), std::string::npos);
}

TEST(Lifecycle, CodesRoundTrip) {
  for (std::size_t i = 0; i < k::referral_state_count; ++i) {
    const auto s = static_cast<S>(i);
    EXPECT_EQ(k::parse_referral_state(k::to_string(s)), s);
    EXPECT_FALSE(k::label(s).sv.empty());
  }
  for (std::size_t i = 0; i < k::referral_event_count; ++i) {
    EXPECT_EQ(k::parse_referral_event(k::to_string(static_cast<E>(i))), static_cast<E>(i));
  }
  for (std::size_t i = 0; i < k::reason_code_count; ++i) {
    const auto r = static_cast<k::reason_code>(i);
    EXPECT_EQ(k::parse_reason_code(k::to_string(r)), r);
    EXPECT_FALSE(k::label(r).fi.empty());
  }
  for (std::size_t i = 0; i < k::actor_role_count; ++i) {
    EXPECT_EQ(k::parse_actor_role(k::to_string(static_cast<k::actor_role>(i))), static_cast<k::actor_role>(i));
  }
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_referral_state("done"), k::parse_error, "unknown referral state 'done'");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_reason_code(""), k::parse_error, "unknown reason code ''");
}

TEST(Lifecycle, OpenSupportAndClosingEventsFollowTheTable) {
  for (std::size_t i = 0; i < k::referral_state_count; ++i) {
    const auto s = static_cast<k::referral_state>(i);
    // open support: the states a link worker holds (entered by assign, left by a closing event or reopen never)
    const bool held = s == k::referral_state::assigned || s == k::referral_state::in_progress ||
                      s == k::referral_state::on_hold;
    EXPECT_EQ(k::is_open_support(s), held) << k::to_string(s);
  }
  for (std::size_t i = 0; i < k::referral_event_count; ++i) {
    const auto e = static_cast<k::referral_event>(i);
    bool any = false;
    bool all_closed = true;
    for (const auto& t : k::transition_table()) {
      if (t.event != e) continue;
      any = true;
      all_closed = all_closed && k::is_closed(t.to);
    }
    EXPECT_EQ(k::is_closing(e), any && all_closed) << k::to_string(e);
  }
  // every way out of open support is a closing event (or another open-support state)
  for (const auto& t : k::transition_table()) {
    if (!k::is_open_support(t.from) || t.event == k::referral_event::reassign) continue;
    EXPECT_TRUE(k::is_open_support(t.to) || k::is_closing(t.event)) << k::to_string(t.event);
  }
}
