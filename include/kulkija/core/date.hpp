#pragma once
/// @file
/// @brief Dates and timestamps on Boost.Date_Time, with ISO 8601 text forms.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <string>
#include <string_view>

namespace kulkija {

/// @addtogroup core
/// @{

/// @brief A calendar day (proleptic Gregorian), as Boost.Date_Time's `boost::gregorian::date`.
using date = boost::gregorian::date;

/// @brief A point in time in UTC, as Boost.Date_Time's `boost::posix_time::ptime`.
///
/// kulkija keeps every timestamp in UTC; text with an offset (`+02:00`) is converted to
/// UTC when parsed, and text without a zone is read as UTC.
using timestamp = boost::posix_time::ptime;

/// @brief Parses an ISO 8601 calendar date `YYYY-MM-DD`.
/// @param text the date text, e.g. `2026-03-15`
/// @return the date
/// @throws parse_error (id parse_date) when the text is not of that form or not a real day
///         (`2026-02-30`), naming the column of the first bad character.
/// @code
/// kulkija::date d = kulkija::parse_date("2026-03-15");
/// @endcode
[[nodiscard]] date parse_date(std::string_view text);

/// @brief Formats a date as ISO 8601 `YYYY-MM-DD`.
/// @param d a real (not special) date
/// @return the text, e.g. `2026-03-15`
/// @throws invalid_argument (id invalid_date) when `d` is not-a-date or infinite.
[[nodiscard]] std::string format_date(date d);

/// @brief Parses an ISO 8601 date and time: `YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm]`.
///
/// A space may stand for `T`. Without a zone the time is read as UTC; with an offset it is
/// converted to UTC. A fraction of a second is kept to the microsecond; further digits are
/// dropped.
/// @param text the timestamp text
/// @return the UTC timestamp
/// @throws parse_error (id parse_timestamp) naming the column of the first bad character.
[[nodiscard]] timestamp parse_timestamp(std::string_view text);

/// @brief Formats a timestamp as ISO 8601 UTC `YYYY-MM-DDThh:mm:ss[.ffffff]Z`: the fraction
/// of a second only when it is not zero, to the microsecond, without trailing zeros.
/// @param t a real (not special) timestamp
/// @return the text, e.g. `2026-03-15T09:30:00Z` or `2026-03-15T09:30:00.25Z`
/// @throws invalid_argument (id invalid_date) when `t` is not-a-date-time or infinite.
[[nodiscard]] std::string format_timestamp(timestamp t);

/// @brief The local day in Finland (EET, UTC+2; EEST, UTC+3 from the last Sunday of March
/// 01:00 UTC to the last Sunday of October 01:00 UTC) of a UTC timestamp.
/// @param utc the timestamp in UTC
/// @return the Finnish local day
/// @throws invalid_argument (id invalid_date) naming `timestamp` when it is special.
[[nodiscard]] date finnish_local_date(timestamp utc);

/// @brief The age in completed years of someone born on `birth`, on the day `on`.
///
/// Someone born on 29 February turns a year older on 1 March in common years.
/// @param birth the birth date
/// @param on the day of the decision
/// @return completed years
/// @throws invalid_argument (id invalid_date) when `on` is before `birth` or either is special.
[[nodiscard]] int age_on(date birth, date on);

/// @}

}  // namespace kulkija
