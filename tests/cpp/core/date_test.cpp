#include "kulkija/core/date.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;
using boost::gregorian::date;

TEST(Date, ParsesAndFormatsIso) {
  EXPECT_EQ(k::parse_date("2026-03-15"), date(2026, 3, 15));
  EXPECT_EQ(k::parse_date("2024-02-29"), date(2024, 2, 29));
  EXPECT_EQ(k::format_date(date(2026, 1, 5)), "2026-01-05");
  EXPECT_EQ(k::format_date(date(1400, 1, 1)), "1400-01-01");
}

TEST(Date, RejectsBadDatesWithColumn) {
  try {
    (void)k::parse_date("2026-02-30");
    FAIL();
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.id(), k::error_id::parse_date);
    EXPECT_EQ(e.column(), 9U);
    EXPECT_NE(std::string(e.what()).find("day must be 01 to 28"), std::string::npos);
  }
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_date("2026-13-01"), k::parse_error, "month must be 01 to 12");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_date("2026-3-15"), k::parse_error, "1:7: expected a two-digit month");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_date("2026/03/15"), k::parse_error, "expected '-'");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_date("2026-03-15x"), k::parse_error, "1:11: unexpected text");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_date(""), k::parse_error, "expected a four-digit year");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_date("1399-12-31"), k::parse_error, "year must be 1400 or later");
  KULKIJA_EXPECT_THROW_MSG((void)k::format_date(date(boost::gregorian::not_a_date_time)), k::invalid_argument,
                           "date: must be a real date");
}

TEST(Timestamp, ParsesZonesToUtc) {
  using boost::posix_time::ptime;
  using boost::posix_time::time_duration;
  EXPECT_EQ(k::parse_timestamp("2026-03-15T09:30:00Z"), ptime(date(2026, 3, 15), time_duration(9, 30, 0)));
  EXPECT_EQ(k::parse_timestamp("2026-03-15 09:30"), ptime(date(2026, 3, 15), time_duration(9, 30, 0)));
  EXPECT_EQ(k::parse_timestamp("2026-03-15T09:30:00+02:00"), ptime(date(2026, 3, 15), time_duration(7, 30, 0)));
  EXPECT_EQ(k::parse_timestamp("2026-01-01T01:00:00+03:00"), ptime(date(2025, 12, 31), time_duration(22, 0, 0)));
  EXPECT_EQ(k::parse_timestamp("2026-03-15T09:30:00.123-05:30"),
            ptime(date(2026, 3, 15), time_duration(15, 0, 0) + boost::posix_time::milliseconds(123)));
  EXPECT_EQ(k::format_timestamp(k::parse_timestamp("2026-03-15T09:30:05+02:00")), "2026-03-15T07:30:05Z");
  // fractions of a second are kept to the microsecond and written without trailing zeros
  EXPECT_EQ(k::format_timestamp(k::parse_timestamp("2026-03-15T09:30:05.25Z")), "2026-03-15T09:30:05.25Z");
  EXPECT_EQ(k::format_timestamp(k::parse_timestamp("2026-03-15T09:30:05.1234567Z")), "2026-03-15T09:30:05.123456Z");
  EXPECT_EQ(k::parse_timestamp("2026-03-15T09:30:05,5Z") - k::parse_timestamp("2026-03-15T09:30:05Z"),
            boost::posix_time::milliseconds(500));
}

TEST(Timestamp, RejectsBadText) {
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("2026-03-15"), k::parse_error, "expected 'T'");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("2026-03-15T24:00"), k::parse_error, "hour must be 00 to 23");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("2026-03-15T10:60"), k::parse_error, "minutes must be");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("2026-03-15T10:00:00+2"), k::parse_error, "offset hour");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("2026-03-15T10:00:00+15:00"), k::parse_error, "offset must be");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("2026-03-15T10:00:00Q"), k::parse_error, "expected 'Z'");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("2026-03-15T10:00:00.Z"), k::parse_error, "fraction");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("2026-03-15T10:00:00Zjunk"), k::parse_error, "unexpected text");
  // found by fuzzing: an offset that moves the time out of Boost's range of years
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("1400-01-01T00:00:00+14:00"), k::parse_error,
                           "falls outside the years 1400 to 9999");
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_timestamp("9999-12-31T23:00:00-05:00"), k::parse_error,
                           "falls outside the years 1400 to 9999");
}

TEST(AgeOn, CompletedYearsAndLeapDay) {
  EXPECT_EQ(k::age_on(date(1990, 6, 15), date(2026, 6, 14)), 35);
  EXPECT_EQ(k::age_on(date(1990, 6, 15), date(2026, 6, 15)), 36);
  EXPECT_EQ(k::age_on(date(2008, 2, 29), date(2026, 2, 28)), 17);  // common year: not yet
  EXPECT_EQ(k::age_on(date(2008, 2, 29), date(2026, 3, 1)), 18);
  EXPECT_EQ(k::age_on(date(2008, 2, 29), date(2028, 2, 29)), 20);
  EXPECT_EQ(k::age_on(date(2000, 1, 1), date(2000, 1, 1)), 0);
  KULKIJA_EXPECT_THROW_MSG((void)k::age_on(date(2000, 1, 2), date(2000, 1, 1)), k::invalid_argument,
                           "on: the day of the decision must not be before the birth date");
}
