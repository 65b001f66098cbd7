#include "kulkija/core/date.hpp"

#include <cstdio>
#include <string>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

// The last Sunday of `month` in `year`.
date last_sunday(int year, int month) {
  date d = date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1).end_of_month();
  while (d.day_of_week() != boost::date_time::Sunday) d -= boost::gregorian::days(1);
  return d;
}

namespace greg = boost::gregorian;
namespace pt = boost::posix_time;

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

// Reads `width` digits at `pos` or throws naming the column.
int read_digits(std::string_view text, std::size_t pos, std::size_t width, error_id id, std::string_view expected) {
  int value = 0;
  for (std::size_t k = 0; k < width; ++k) {
    if (pos + k >= text.size() || !is_digit(text[pos + k])) {
      throw parse_error(id, "expected " + std::string(expected) + " in " + quote(text), 1, pos + k + 1);
    }
    value = value * 10 + (text[pos + k] - '0');
  }
  return value;
}

void expect_char(std::string_view text, std::size_t pos, char c, error_id id) {
  if (pos >= text.size() || text[pos] != c) {
    throw parse_error(id, std::string("expected '") + c + "' in " + quote(text), 1, pos + 1);
  }
}

date make_date(std::string_view text, int y, int m, int d, error_id id) {
  if (y < 1400) throw parse_error(id, "year must be 1400 or later in " + quote(text), 1, 1);
  if (m < 1 || m > 12) throw parse_error(id, "month must be 01 to 12 in " + quote(text), 1, 6);
  const int last = greg::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y),
                                                              static_cast<unsigned short>(m));
  if (d < 1 || d > last) {
    throw parse_error(id, "day must be 01 to " + std::to_string(last) + " in " + quote(text), 1, 9);
  }
  return {static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d)};
}

date read_date(std::string_view text, error_id id) {
  const int y = read_digits(text, 0, 4, id, "a four-digit year");
  expect_char(text, 4, '-', id);
  const int m = read_digits(text, 5, 2, id, "a two-digit month");
  expect_char(text, 7, '-', id);
  const int d = read_digits(text, 8, 2, id, "a two-digit day");
  return make_date(text, y, m, d, id);
}

void require_real(bool special, std::string_view what) {
  if (special) throw invalid_argument(error_id::invalid_date, std::string(what), "must be a real date, not a special value");
}

}  // namespace

date parse_date(std::string_view text) {
  const date d = read_date(text, error_id::parse_date);
  if (text.size() != 10) throw parse_error(error_id::parse_date, "unexpected text after the date in " + quote(text), 1, 11);
  return d;
}

std::string format_date(date d) {
  require_real(d.is_special(), "date");
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()), static_cast<int>(d.month()),
                static_cast<int>(d.day()));
  return buf;
}

timestamp parse_timestamp(std::string_view text) {
  constexpr auto id = error_id::parse_timestamp;
  const date d = read_date(text, id);
  if (text.size() <= 10 || (text[10] != 'T' && text[10] != ' ')) {
    throw parse_error(id, "expected 'T' and a time after the date in " + quote(text), 1, 11);
  }
  const int hh = read_digits(text, 11, 2, id, "a two-digit hour");
  expect_char(text, 13, ':', id);
  const int mm = read_digits(text, 14, 2, id, "two-digit minutes");
  int ss = 0;
  long micro = 0;  // the fraction of a second, to microseconds; further digits are dropped
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    ss = read_digits(text, pos + 1, 2, id, "two-digit seconds");
    pos += 3;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      const std::size_t start = pos;
      long scale = 100000;
      for (; pos < text.size() && is_digit(text[pos]); ++pos, scale /= 10) micro += (text[pos] - '0') * scale;
      if (pos == start) throw parse_error(id, "expected digits of a fraction of a second in " + quote(text), 1, pos + 1);
    }
  }
  if (hh > 23) throw parse_error(id, "hour must be 00 to 23 in " + quote(text), 1, 12);
  if (mm > 59) throw parse_error(id, "minutes must be 00 to 59 in " + quote(text), 1, 15);
  if (ss > 59) throw parse_error(id, "seconds must be 00 to 59 in " + quote(text), 1, 18);
  pt::time_duration offset = pt::hours(0);
  if (pos < text.size()) {
    if (text[pos] == 'Z') {
      ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
      const bool minus = text[pos] == '-';
      const int oh = read_digits(text, pos + 1, 2, id, "a two-digit offset hour");
      expect_char(text, pos + 3, ':', id);
      const int om = read_digits(text, pos + 4, 2, id, "two-digit offset minutes");
      if (oh > 14 || om > 59) throw parse_error(id, "offset must be within -14:00 to +14:00 in " + quote(text), 1, pos + 1);
      offset = pt::hours(oh) + pt::minutes(om);
      if (minus) offset = offset.invert_sign();
      pos += 6;
    } else {
      throw parse_error(id, "expected 'Z' or an offset such as '+02:00' in " + quote(text), 1, pos + 1);
    }
  }
  if (pos != text.size()) throw parse_error(id, "unexpected text after the time in " + quote(text), 1, pos + 1);
  const timestamp utc =
      timestamp(d, pt::hours(hh) + pt::minutes(mm) + pt::seconds(ss) + pt::microseconds(micro)) - offset;
  // Boost keeps the arithmetic but cannot give the date of a time outside 1400-9999.
  static const timestamp first(date(1400, 1, 1));
  static const timestamp last(date(9999, 12, 31), pt::hours(23) + pt::minutes(59) + pt::seconds(59));
  if (utc < first || utc > last) {
    throw parse_error(id, "the time in UTC falls outside the years 1400 to 9999 in " + quote(text), 1, pos);
  }
  return utc;
}

std::string format_timestamp(timestamp t) {
  require_real(t.is_special(), "timestamp");
  const auto tod = t.time_of_day();
  char buf[48];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", format_date(t.date()).c_str(), static_cast<int>(tod.hours()),
                static_cast<int>(tod.minutes()), static_cast<int>(tod.seconds()));
  std::string out(buf);
  const auto micro = tod.fractional_seconds() * 1000000 / pt::time_duration::ticks_per_second();
  if (micro != 0) {
    std::snprintf(buf, sizeof buf, ".%06ld", static_cast<long>(micro));
    std::string fraction(buf);
    while (fraction.back() == '0') fraction.pop_back();
    out += fraction;
  }
  out += 'Z';
  return out;
}

int age_on(date birth, date on) {
  require_real(birth.is_special(), "birth_date");
  require_real(on.is_special(), "on");
  if (on < birth) {
    throw invalid_argument(error_id::invalid_date, "on", "the day of the decision must not be before the birth date");
  }
  int age = on.year() - birth.year();
  const bool before_birthday =
      on.month() < birth.month() || (on.month() == birth.month() && on.day() < birth.day());
  if (before_birthday) --age;
  return age;
}

date finnish_local_date(timestamp utc) {
  if (utc.is_special()) throw invalid_argument(error_id::invalid_date, "timestamp", "must be a real timestamp");
  namespace pt = boost::posix_time;
  const int year = utc.date().year();
  // EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
  const timestamp summer_from(last_sunday(year, 3), pt::hours(1));
  const timestamp summer_to(last_sunday(year, 10), pt::hours(1));
  const bool summer = utc >= summer_from && utc < summer_to;
  return (utc + pt::hours(summer ? 3 : 2)).date();
}

}  // namespace kulkija
