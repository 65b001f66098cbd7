#include "kulkija/outcomes/measurement.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

TEST(Measurement, PointsHaveCodes) {
  EXPECT_EQ(to_string(measurement_point::follow_up), "follow_up");
  EXPECT_EQ(parse_measurement_point("end"), measurement_point::end);
  KULKIJA_EXPECT_THROW_MSG((void)parse_measurement_point("middle"), parse_error, "unknown measurement point 'middle'");
}

TEST(Measurement, ScoresWithItsInstrument) {
  const measurement m{referral_id{"R-1"}, "ucla3", measurement_point::start, date(2026, 1, 19), {3, 2, 3}};
  const scored_measurement s = score(ucla_loneliness_3(), m);
  EXPECT_EQ(s.referral.str(), "R-1");
  EXPECT_DOUBLE_EQ(s.scores.at(0).value, 8);
  KULKIJA_EXPECT_THROW_MSG((void)score(swemwbs(), m), invalid_argument, "instrument: the measurement is of 'ucla3', not of 'swemwbs'");
  measurement bad = m;
  bad.answers[1] = 4;
  KULKIJA_EXPECT_THROW_MSG((void)score(ucla_loneliness_3(), bad), invalid_argument, "ucla3.left_out: the answer must be from 1 to 3, got 4");
}

}  // namespace
}  // namespace kulkija
