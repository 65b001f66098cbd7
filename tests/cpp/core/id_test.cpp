#include "kulkija/core/id.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <unordered_set>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(Id, RegularValue) {
  const k::referral_id a{"R-1"}, b{"R-2"}, a2{"R-1"};
  EXPECT_EQ(a, a2);
  EXPECT_LT(a, b);
  EXPECT_EQ(a.str(), "R-1");
  std::unordered_set<k::referral_id> set{a, b, a2};
  EXPECT_EQ(set.size(), 2U);
  std::ostringstream os;
  os << b;
  EXPECT_EQ(os.str(), "R-2");
  static_assert(!std::is_convertible_v<k::client_id, k::referral_id>, "kinds do not mix");
  static_assert(!std::is_convertible_v<std::string, k::referral_id>, "construction is explicit");
}

TEST(Id, ValidatesText) {
  EXPECT_NO_THROW(k::client_id{"SOITE:client.0042_x-1"});
  KULKIJA_EXPECT_THROW_MSG(k::client_id{""}, k::invalid_argument, "client_id: must not be empty");
  KULKIJA_EXPECT_THROW_MSG(k::referral_id{std::string(65, 'a')}, k::invalid_argument,
                           "referral_id: must be at most 64 characters, got 65");
  KULKIJA_EXPECT_THROW_MSG(k::referral_id{"R 1"}, k::invalid_argument, "bad character at position 2");
  KULKIJA_EXPECT_THROW_MSG(k::link_worker_id{"Väinö"}, k::invalid_argument, "link_worker_id: may contain only");
}

TEST(Id, NeverAPersonalIdentityCode) {
  for (const char* code : {"131052-308T", "010101A123N", "311299Y9999", "x131052-308Tx"}) {
    try {
      k::client_id id{code};
      ADD_FAILURE() << "accepted an identity code as an id";
    } catch (const k::invalid_argument& e) {
      EXPECT_EQ(e.id(), k::error_id::personal_data);
      EXPECT_EQ(std::string(e.what()).find(code), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
    }
  }
}
