#include "kulkija/referral/professional.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(Professional, Construction) {
  const k::professional p{k::professional_id{"P-1"}, k::sector::employment_services, "TE-palvelut"};
  EXPECT_EQ(p.work_sector(), k::sector::employment_services);
  EXPECT_EQ(p.organisation(), "TE-palvelut");
  EXPECT_TRUE(p.title().empty());
  EXPECT_EQ(k::parse_sector("social_services"), k::sector::social_services);
  EXPECT_EQ(k::to_string(k::sector::health_care), "health_care");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_sector("police"), k::parse_error, "unknown sector 'police'");
  KULKIJA_EXPECT_THROW_MSG(k::professional(k::professional_id{"P"}, k::sector::other, ""), k::invalid_argument,
                           "organisation: must not be empty");
  KULKIJA_EXPECT_THROW_MSG(k::professional(k::professional_id{"P"}, k::sector::other, "x", std::string(101, 't')),
                           k::invalid_argument, "title: must be at most 100 bytes");
}
