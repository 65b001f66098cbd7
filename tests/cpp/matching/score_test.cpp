#include "kulkija/matching/score.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace {

using kulkija::match_exclusion;

kulkija::matching_client make_client() {
  kulkija::client c(kulkija::client_id("c-1"), 1950, kulkija::municipality(272), {kulkija::language("sv"), kulkija::language("fi")});
  c.set_needs({kulkija::need::loneliness, kulkija::need::digital_exclusion});
  kulkija::client_preferences p;
  p.worker_gender = kulkija::gender::female;
  p.times = {kulkija::time_window::weekday_daytime};
  c.set_preferences(p);
  return {c, kulkija::geo_point{63.8385, 23.1307}, std::nullopt, 1};
}

kulkija::link_worker make_worker() {
  kulkija::link_worker w(kulkija::link_worker_id("lw-1"), {kulkija::language("fi"), kulkija::language("sv")},
                         kulkija::municipality(272), 10);
  w.set_capacity(10, 4);
  w.set_gender(kulkija::gender::female);
  w.set_specialisms({kulkija::specialism::older_people});
  w.set_availability({kulkija::time_window::weekday_daytime, kulkija::time_window::weekend});
  w.set_location(kulkija::geo_point{63.8385, 23.1307 + 0.2});  // about 9.8 km east
  w.set_travel_radius_km(30.0);
  return w;
}

const kulkija::date day = kulkija::parse_date("2026-03-02");

TEST(ScorePair, ComponentsAndReasons) {
  const kulkija::matching_policy policy;
  const auto s = kulkija::score_pair(policy, make_client(), make_worker(), day);
  ASSERT_TRUE(s.allowed());
  ASSERT_EQ(s.components.size(), 6U);
  ASSERT_TRUE(s.distance_km.has_value());
  EXPECT_NEAR(*s.distance_km, 9.81, 0.05);
  EXPECT_NEAR(s.components[0].value, 1 - *s.distance_km / 50, 1e-12);
  EXPECT_EQ(s.components[0].reason.en, "distance 9.8 km");
  EXPECT_EQ(s.components[0].reason.fi, "etäisyys 9,8 km");
  EXPECT_DOUBLE_EQ(s.components[1].value, 0.5);  // loneliness served by older_people; digital not
  EXPECT_EQ(s.components[1].reason.en, "specialisms cover 1/2 needs (older people)");
  EXPECT_DOUBLE_EQ(s.components[2].value, 1.0);
  EXPECT_EQ(s.components[2].reason.sv, "önskemål som uppfylls 2/2");
  EXPECT_DOUBLE_EQ(s.components[3].value, 0.0);
  EXPECT_DOUBLE_EQ(s.components[4].value, 0.6);
  EXPECT_EQ(s.components[4].reason.en, "free places 6/10");
  EXPECT_DOUBLE_EQ(s.components[5].value, 1.0);
  double total = 0;
  for (const auto& c : s.components) total += c.points;
  EXPECT_DOUBLE_EQ(s.total, total);
  EXPECT_NEAR(s.total, 30 * (1 - *s.distance_km / 50) + 25 * 0.5 + 15 + 0 + 10 * 0.6, 1e-9);
}

TEST(ScorePair, HardConstraintsExclude) {
  kulkija::matching_policy policy;
  auto c = make_client();
  auto w = make_worker();
  w.set_gender(kulkija::gender::male);
  w.set_languages({kulkija::language("en")});
  w.set_availability({kulkija::time_window::weekend});
  w.set_travel_radius_km(5.0);
  w.set_active(std::nullopt, kulkija::parse_date("2026-03-01"));
  policy.excluded_pairs.push_back({kulkija::client_id("c-1"), kulkija::link_worker_id("lw-1"), "relative"});
  const auto s = kulkija::score_pair(policy, c, w, day);
  EXPECT_EQ(s.exclusions, (std::vector<match_exclusion>{match_exclusion::no_shared_language, match_exclusion::no_time_overlap,
                                                  match_exclusion::gender_not_as_requested, match_exclusion::beyond_travel_radius,
                                                  match_exclusion::not_active, match_exclusion::excluded_pair}));
  EXPECT_EQ(kulkija::label(match_exclusion::no_shared_language).sv, "inget gemensamt språk");
  policy.require_shared_language = false;
  policy.require_availability_overlap = false;
  policy.require_requested_gender = false;
  policy.require_travel_radius = false;
  policy.require_active = false;
  policy.excluded_pairs.clear();
  const auto relaxed = kulkija::score_pair(policy, c, w, day);
  EXPECT_TRUE(relaxed.allowed());
  EXPECT_EQ(relaxed.components[2].reason.en, "preferences met 0/2");
}

TEST(ScorePair, TravelTimeAndUnknownLocation) {
  kulkija::matching_policy policy;
  policy.distance = kulkija::distance_method::travel_time;
  policy.max_travel_minutes = 40;
  const auto s = kulkija::score_pair(policy, make_client(), make_worker(), day, 30.0);
  EXPECT_TRUE(s.allowed());
  EXPECT_DOUBLE_EQ(s.components[0].value, 0.5);
  EXPECT_EQ(s.components[0].reason.en, "travel time 30.0 min");
  EXPECT_EQ(kulkija::score_pair(policy, make_client(), make_worker(), day, 50.0).exclusions,
            std::vector<match_exclusion>{match_exclusion::beyond_travel_radius});
  EXPECT_EQ(kulkija::score_pair(policy, make_client(), make_worker(), day, -1.0).exclusions,
            std::vector<match_exclusion>{match_exclusion::unreachable});
  policy.distance = kulkija::distance_method::haversine;
  auto c = make_client();
  c.location.reset();
  const auto same = kulkija::score_pair(policy, c, make_worker(), day);
  EXPECT_TRUE(same.allowed());
  EXPECT_DOUBLE_EQ(same.components[0].value, 1.0);
  EXPECT_EQ(same.components[0].reason.en, "same municipality");
  auto far = make_worker();
  far = kulkija::link_worker(kulkija::link_worker_id("lw-2"), {kulkija::language("sv")}, kulkija::municipality(91), 5);
  far.set_travel_radius_km(20.0);
  far.set_gender(kulkija::gender::female);
  EXPECT_EQ(kulkija::score_pair(policy, c, far, day).exclusions, std::vector<match_exclusion>{match_exclusion::beyond_travel_radius});
}

TEST(ScorePair, ValidatesTheClient) {
  auto c = make_client();
  c.priority = 0;
  KULKIJA_EXPECT_THROW_MSG(kulkija::validate(c), kulkija::invalid_argument, "priority: must be from 1 to 10, got 0");
}

}  // namespace
