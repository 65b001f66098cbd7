#include "kulkija/referral/client.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "fixtures.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;
using boost::gregorian::date;

TEST(Client, ConstructionAndAccessors) {
  const k::client c = k::testing::sample_client();
  EXPECT_EQ(c.id().str(), "C-1");
  EXPECT_EQ(c.preferred_language(), k::language("fi"));
  EXPECT_TRUE(c.speaks(k::language("sv")));
  EXPECT_FALSE(c.speaks(k::language("en")));
  EXPECT_FALSE(c.living().has_value());
  KULKIJA_EXPECT_THROW_MSG(k::client(k::client_id{"C"}, 1899, k::municipality{272}, {k::language{"fi"}}),
                           k::invalid_argument, "birth_year: must be between 1900 and 2100, got 1899");
  KULKIJA_EXPECT_THROW_MSG(k::client(k::client_id{"C"}, 1950, k::municipality{272}, {}), k::invalid_argument,
                           "languages: must name at least one language");
  KULKIJA_EXPECT_THROW_MSG(
      k::client(k::client_id{"C"}, 1950, k::municipality{272}, {k::language{"fi"}, k::language{"FI"}}),
      k::invalid_argument, "languages[1]: 'fi' is listed twice");
}

TEST(Client, AgeFromYearOrDate) {
  k::client c = k::testing::sample_client();
  EXPECT_EQ(c.age_range_on(date(2026, 6, 1)), std::make_pair(75, 76));
  EXPECT_FALSE(c.age_on(date(2026, 6, 1)).has_value());
  EXPECT_EQ(c.age_on(date(2026, 12, 31)), 76);
  c.set_birth_date(date(1950, 7, 1));
  EXPECT_EQ(c.age_on(date(2026, 6, 30)), 75);
  EXPECT_EQ(c.age_on(date(2026, 7, 1)), 76);
  KULKIJA_EXPECT_THROW_MSG(c.set_birth_date(date(1951, 7, 1)), k::invalid_argument,
                           "birth_date: its year must equal birth_year 1950");
  EXPECT_EQ(c.birth_date(), date(1950, 7, 1));  // unchanged after the failure
  KULKIJA_EXPECT_THROW_MSG((void)c.age_on(date(1949, 1, 1)), k::invalid_argument, "on:");
  const k::client baby(k::client_id{"C-2"}, 2026, k::municipality{272}, {k::language{"fi"}});
  EXPECT_EQ(baby.age_range_on(date(2026, 6, 1)), std::make_pair(0, 0));
}

TEST(Client, GoalsAndPreferencesValidateAndKeepState) {
  k::client c = k::testing::sample_client();
  c.set_goals({"Löytää kävelykaveri", "Käydä kuorossa"});
  const k::client before = c;
  KULKIJA_EXPECT_THROW_MSG(c.set_goals({"ok", ""}), k::invalid_argument, "goals[1]: must not be empty");
  KULKIJA_EXPECT_THROW_MSG(c.set_goals(std::vector<std::string>(11, "x")), k::invalid_argument, "at most 10 goals");
  KULKIJA_EXPECT_THROW_MSG(c.set_goals({"hetu 131052-308T"}), k::invalid_argument,
                           "goals[0]: must not contain a personal identity code");
  EXPECT_EQ(c, before);
  k::client_preferences p;
  p.worker_gender = k::gender::female;
  p.meeting_modes = {k::meeting_mode::home_visit, k::meeting_mode::phone};
  p.interests = {"kuorolaulu"};
  c.set_preferences(p);
  EXPECT_EQ(c.preferences(), p);
  p.meeting_modes.push_back(k::meeting_mode::phone);
  KULKIJA_EXPECT_THROW_MSG(c.set_preferences(p), k::invalid_argument, "preferences.meeting_modes[2]: is listed twice");
  p.meeting_modes.pop_back();
  p.interests.emplace_back(61, 'x');
  KULKIJA_EXPECT_THROW_MSG(c.set_preferences(p), k::invalid_argument, "preferences.interests[1]: must be at most 60");
  EXPECT_EQ(c.preferences().interests.size(), 1U);
}

TEST(Client, EnumCodes) {
  EXPECT_EQ(k::parse_living_situation("supported_housing"), k::living_situation::supported_housing);
  EXPECT_EQ(k::to_string(k::living_situation::alone), "alone");
  EXPECT_EQ(k::parse_gender("other"), k::gender::other);
  EXPECT_EQ(k::parse_meeting_mode("video"), k::meeting_mode::video);
  EXPECT_EQ(k::to_string(k::time_window::weekend), "weekend");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_time_window("night"), k::parse_error, "unknown time window 'night'");
}
