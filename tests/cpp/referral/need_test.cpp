#include "kulkija/referral/need.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(Need, CodesRoundTripAndLabels) {
  EXPECT_EQ(k::all_needs().size(), k::need_count);
  for (k::need n : k::all_needs()) {
    EXPECT_EQ(k::parse_need(k::to_string(n)), n);
    EXPECT_FALSE(k::label(n).fi.empty());
    EXPECT_FALSE(k::label(n).sv.empty());
    EXPECT_FALSE(k::label(n).en.empty());
  }
  EXPECT_EQ(k::label(k::need::loneliness).fi, "yksinäisyys");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_need("lonely"), k::parse_error,
                           "unknown need 'lonely'; expected one of: loneliness, social_exclusion");
}

TEST(NeedSet, SetOperations) {
  k::need_set s{k::need::loneliness, k::need::unemployment, k::need::loneliness};
  EXPECT_EQ(s.size(), 2U);
  EXPECT_TRUE(s.contains(k::need::unemployment));
  EXPECT_FALSE(s.contains(k::need::bereavement));
  EXPECT_TRUE(s.intersects(k::need_set{k::need::unemployment, k::need::integration}));
  EXPECT_FALSE(s.intersects(k::need_set{k::need::integration}));
  s.erase(k::need::loneliness);
  EXPECT_EQ(s.members(), std::vector<k::need>{k::need::unemployment});
  s.insert(k::need::meaningful_activity);
  EXPECT_EQ(s.mask(), (1U << 5) | (1U << 12));
  EXPECT_TRUE(k::need_set{}.empty());
  EXPECT_EQ(s, (k::need_set{k::need::meaningful_activity, k::need::unemployment}));
}
