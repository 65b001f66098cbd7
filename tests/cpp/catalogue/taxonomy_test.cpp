#include "kulkija/catalogue/taxonomy.hpp"

#include <set>
#include <string>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

TEST(Taxonomy, EveryCategoryRoundTripsItsCodeAndHasLabelsAndNeeds) {
  std::set<std::string> codes;
  for (auto c : all_activity_categories()) {
    const std::string code(to_string(c));
    EXPECT_EQ(parse_activity_category(code), c);
    EXPECT_TRUE(codes.insert(code).second) << code;
    EXPECT_FALSE(label(c).fi.empty());
    EXPECT_FALSE(label(c).sv.empty());
    EXPECT_FALSE(label(c).en.empty());
    EXPECT_FALSE(needs_addressed(c).empty()) << code;
  }
  EXPECT_EQ(codes.size(), activity_category_count);
}

TEST(Taxonomy, EveryNeedIsAddressedBySomeCategory) {
  for (need n : all_needs()) {
    bool addressed = false;
    for (auto c : all_activity_categories()) addressed = addressed || needs_addressed(c).contains(n);
    EXPECT_TRUE(addressed) << to_string(n);
  }
}

TEST(Taxonomy, DocumentedMappings) {
  EXPECT_TRUE(needs_addressed(activity_category::digital_skills).contains(need::digital_exclusion));
  EXPECT_FALSE(needs_addressed(activity_category::digital_skills).contains(need::loneliness));
  EXPECT_TRUE(needs_addressed(activity_category::exercise).contains(need::physical_inactivity));
  EXPECT_EQ(label(activity_category::peer_support_group).fi, "vertaistukiryhmä");
}

TEST(Taxonomy, TargetGroupsAndAccessibilityRoundTrip) {
  for (std::size_t i = 0; i < target_group_count; ++i) {
    const auto g = static_cast<target_group>(i);
    EXPECT_EQ(parse_target_group(to_string(g)), g);
    EXPECT_FALSE(label(g).sv.empty());
  }
  for (std::size_t i = 0; i < accessibility_feature_count; ++i) {
    const auto f = static_cast<accessibility_feature>(i);
    EXPECT_EQ(parse_accessibility_feature(to_string(f)), f);
    EXPECT_FALSE(label(f).en.empty());
  }
}

TEST(Taxonomy, UnknownCodesAreRejectedWithTheList) {
  KULKIJA_EXPECT_THROW_MSG((void)parse_activity_category("karaoke"), parse_error, "peer_support_group");
  KULKIJA_EXPECT_THROW_MSG((void)parse_target_group("pets"), parse_error, "older_people");
  KULKIJA_EXPECT_THROW_MSG((void)parse_accessibility_feature("lift"), parse_error, "wheelchair_access");
}

}  // namespace
}  // namespace kulkija
