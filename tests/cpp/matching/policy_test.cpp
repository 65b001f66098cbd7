#include "kulkija/matching/policy.hpp"

#include <gtest/gtest.h>

#include "kulkija/core/error.hpp"
#include "../test_support.hpp"

namespace {

TEST(MatchingPolicy, ReadsJsonAndRoundTrips) {
  const auto p = kulkija::matching_policy_from_json(R"({
    "id": "matching", "version": "2026.1",
    "hard": {"meeting_mode_overlap": true, "travel_radius": false},
    "excluded_pairs": [{"client": "c-17", "worker": "lw-3", "reason": "relative"}],
    "weights": {"distance": 10, "language": 5},
    "distance": {"method": "travel_time", "scale_minutes": 45, "max_minutes": 90},
    "unassigned_penalty": 40
  })");
  EXPECT_EQ(p.id, "matching");
  EXPECT_TRUE(p.require_meeting_mode_overlap);
  EXPECT_FALSE(p.require_travel_radius);
  EXPECT_TRUE(p.require_shared_language);
  ASSERT_EQ(p.excluded_pairs.size(), 1U);
  EXPECT_EQ(p.excluded_pairs[0].worker, kulkija::link_worker_id("lw-3"));
  EXPECT_EQ(p.weights.distance, 10);
  EXPECT_EQ(p.weights.specialism, 25);
  EXPECT_EQ(p.distance, kulkija::distance_method::travel_time);
  EXPECT_EQ(p.max_travel_minutes, 90);
  EXPECT_EQ(p.unassigned_penalty, 40);
  EXPECT_EQ(kulkija::matching_policy_from_json(kulkija::to_json(p)), p);
  EXPECT_EQ(kulkija::matching_policy_from_json(kulkija::to_json(kulkija::matching_policy{})), kulkija::matching_policy{});
}

TEST(MatchingPolicy, ErrorsNameTheJsonPath) {
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::matching_policy_from_json(R"({"version": "1"})"), kulkija::parse_error,
                           "[kulkija.parse_error.101] at $.id: is required");
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::matching_policy_from_json(R"({"id": "a", "version": "1", "weights": {"distanse": 3}})"),
                           kulkija::parse_error, "$.weights.distanse: unknown member 'distanse'");
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::matching_policy_from_json(R"({"id": "a", "version": "1", "weights": {"distance": -1}})"),
                           kulkija::parse_error, "$.weights.distance: must be from 0 to 1000");
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::matching_policy_from_json(R"({"id": "a", "version": "1", "hard": {"active": 1}})"),
                           kulkija::parse_error, "$.hard.active: must be true or false, got number");
  KULKIJA_EXPECT_THROW_MSG(
      (void)kulkija::matching_policy_from_json(R"({"id": "a", "version": "1", "distance": {"method": "manhattan"}})"),
      kulkija::parse_error, "[kulkija.parse_error.105] at $.distance.method: unknown distance method 'manhattan'");
  KULKIJA_EXPECT_THROW_MSG(
      (void)kulkija::matching_policy_from_json(R"({"id": "a", "version": "1", "excluded_pairs": [{"client": "bad id!", "worker": "w"}]})"),
      kulkija::parse_error, "$.excluded_pairs[0].client:");
  KULKIJA_EXPECT_THROW_MSG(
      (void)kulkija::matching_policy_from_json(
          R"({"id": "a", "version": "1", "weights": {"distance": 0, "specialism": 0, "preferences": 0, "continuity": 0, "caseload": 0}})"),
      kulkija::parse_error, "$.weights: must not all be 0");
  KULKIJA_EXPECT_THROW_MSG((void)kulkija::matching_policy_from_json("{"), kulkija::parse_error, "at $: 1:2: not valid JSON");
}

TEST(MatchingPolicy, NoIdentityCodeInAnExcludedPairOrMessage) {
  // A syntax error right after a code must not echo it.
  try {
    (void)kulkija::matching_policy_from_json(R"({"id": "a", "version": "1", "excluded_pairs": [{"client": 131052-308T}]})");
    ADD_FAILURE() << "expected a parse_error";
  } catch (const kulkija::parse_error& e) {
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
  try {
    (void)kulkija::matching_policy_from_json(
        R"({"id": "a", "version": "1", "excluded_pairs": [{"client": "131052-308T", "worker": "w"}]})");
    ADD_FAILURE() << "expected a parse_error";
  } catch (const kulkija::parse_error& e) {
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
    EXPECT_EQ(e.path(), "$.excluded_pairs[0].client");
  }
  KULKIJA_EXPECT_THROW_MSG(
      (void)kulkija::matching_policy_from_json(
          R"({"id": "a", "version": "1", "excluded_pairs": [{"client": "c", "worker": "w", "reason": "sister 131052-308T"}]})"),
      kulkija::parse_error, "$.excluded_pairs[0].reason");
}

}  // namespace
