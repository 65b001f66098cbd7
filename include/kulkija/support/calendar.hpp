#pragma once
/// @file
/// @brief The Finnish business-day calendar: public holidays 1900-2200, de facto days off,
/// a region's closure days, and business-day offsets and counts in O(1).

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/text.hpp"

namespace kulkija {

namespace detail {
struct business_day_table;
}  // namespace detail

/// @defgroup support Support periods
/// @brief The business-day calendar, support-period policies, support periods and their
/// deadlines.
/// @{

/// @brief The Finnish public holidays (*pyhäpäivät*) and de facto days off that kulkija knows,
/// including those of earlier rules (Annunciation Day before 1955, Whit Monday before 1973).
enum class finnish_holiday : std::uint8_t {
  new_years_day,     ///< 1 January
  epiphany,          ///< 6 January; 1973-1991 the Saturday from 6 to 12 January
  annunciation_day,  ///< 25 March, until 1954 (from 1955 it is kept on a Sunday)
  good_friday,       ///< Easter Sunday - 2
  easter_sunday,     ///< Easter Sunday (Gregorian computus)
  easter_monday,     ///< Easter Sunday + 1
  may_day,           ///< 1 May, from 1944
  ascension_day,     ///< Easter Sunday + 39 (Thursday); 1973-1991 Easter Sunday + 34 (Saturday)
  whit_sunday,       ///< Easter Sunday + 49
  whit_monday,       ///< Easter Sunday + 50, until 1972
  midsummer_eve,     ///< de facto day off: the day before Midsummer Day
  midsummer_day,     ///< 24 June until 1954; from 1955 the Saturday from 20 to 26 June
  all_saints_day,    ///< 1 November until 1954; from 1955 the Saturday from 31 October to 6 November
  independence_day,  ///< 6 December, from 1919
  christmas_eve,     ///< de facto day off: 24 December
  christmas_day,     ///< 25 December
  st_stephens_day,   ///< 26 December
};
/// @brief Number of Finnish holidays.
inline constexpr std::size_t finnish_holiday_count = 17;

/// @brief The code of a holiday, e.g. `midsummer_eve`.
/// @param h the holiday
/// @return its snake_case code
[[nodiscard]] std::string_view to_string(finnish_holiday h) noexcept;
/// @brief Parses a holiday's code.
/// @param code the code
/// @return the holiday
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] finnish_holiday parse_finnish_holiday(std::string_view code);
/// @brief A holiday's name in fi, sv and en, e.g. *Juhannusaatto*, *Midsommarafton*, *Midsummer Eve*.
/// @param h the holiday
/// @return the names
[[nodiscard]] const localized_text& label(finnish_holiday h) noexcept;

/// @brief Why a day is not a business day (besides the weekend).
enum class holiday_kind : std::uint8_t {
  public_holiday,  ///< an official holiday set by law (church law or an act of Parliament)
  de_facto,        ///< a de facto day off (Midsummer Eve, Christmas Eve), switchable
  closure,         ///< a closure day a region adds (e.g. a service's own day off)
};
/// @brief The code of a holiday kind: `public_holiday`, `de_facto` or `closure`.
/// @param k the kind
/// @return its code
[[nodiscard]] std::string_view to_string(holiday_kind k) noexcept;

/// @brief One day off in a calendar: the day, its kind, and its name in fi, sv and en.
struct holiday {
  date day;                              ///< the day
  holiday_kind kind;                     ///< official, de facto or a region's closure
  std::optional<finnish_holiday> which;  ///< the Finnish holiday, empty for a closure day
  localized_text name;                   ///< the name in fi, sv and en
  /// @brief Holidays are equal when every field is equal.
  friend bool operator==(const holiday&, const holiday&) = default;
};

/// @brief A day on which a region's service is closed, with its name.
struct closure_day {
  date day;             ///< the day, within 1900-2200
  localized_text name;  ///< the name in fi, sv and en (each at most 200 bytes of plain text)
  /// @brief Closure days are equal when day and name are equal.
  friend bool operator==(const closure_day&, const closure_day&) = default;
};

/// @brief Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian
/// algorithm of Meeus, Jones and Butcher).
/// @param year a year from 1583 to 9999
/// @return the date of Easter Sunday
/// @throws invalid_argument (id invalid_value) naming `year` when it is outside 1583-9999.
/// @code
/// assert(kulkija::easter_sunday(2026) == kulkija::date(2026, 4, 5));
/// @endcode
[[nodiscard]] date easter_sunday(int year);

/// @brief The official Finnish public holidays and the de facto days off of `year`, in date
/// order, following the rules in force that year.
///
/// The rules and their sources are written in `src/support/calendar.cpp`. In short: fixed
/// days; Good Friday, Easter Sunday, Easter Monday, Ascension Day and Whit Sunday from
/// Easter; Annunciation Day (25 March) and Whit Monday until they ceased to be weekday
/// holidays (1955 and 1973); Midsummer Day and All Saints' Day on fixed days until 1954 and
/// on Saturdays from 1955; Epiphany and Ascension Day on Saturdays 1973-1991; May Day from
/// 1944; Independence Day from 1919. Midsummer Eve and Christmas Eve are listed with kind
/// holiday_kind::de_facto.
/// @param year a year from 1900 to 2200
/// @return the holidays of the year, Sundays included
/// @throws invalid_argument (id invalid_value) naming `year` when it is outside 1900-2200.
[[nodiscard]] std::vector<holiday> finnish_holidays(int year);

/// @brief Which days a finnish_calendar treats as days off.
struct calendar_options {
  /// @brief Whether Midsummer Eve is a day off (it is, de facto, in most collective agreements).
  bool midsummer_eve_off = true;
  /// @brief Whether Christmas Eve is a day off (it is, de facto, in most collective agreements).
  bool christmas_eve_off = true;
  /// @brief The weekend, Monday first (as numpy's `weekmask`): `true` marks a day off.
  /// Saturday and Sunday by default; at least one day of the week must be a working day.
  std::array<bool, 7> weekend{false, false, false, false, false, true, true};
  /// @brief Extra closure days the region adds; no two on the same day.
  std::vector<closure_day> closures;
  /// @brief Options are equal when every field is equal.
  friend bool operator==(const calendar_options&, const calendar_options&) = default;
};

/// @brief Reads a region's calendar options from JSON; missing members keep their defaults.
///
/// @code{.json}
/// {
///   "midsummer_eve_off": true, "christmas_eve_off": true, "weekmask": "1111100",
///   "closures": [{"day": "2026-01-02", "name": {"fi": "Sulkupäivä", "sv": "Stängt", "en": "Closed"}}]
/// }
/// @endcode
/// `weekmask` is numpy's: seven characters `0` or `1`, Monday first, `1` for a working day.
/// Unknown members are errors.
/// @param text the JSON text
/// @return the options, checked as the finnish_calendar constructor checks them
/// @throws parse_error naming the JSON path (e.g. `$.closures[1].day`) and the rule: id
///         parse_syntax for bad JSON, wrong types, unknown members and broken rules, id
///         parse_date for a bad day.
[[nodiscard]] calendar_options calendar_options_from_json(std::string_view text);

/// @brief A Finnish business-day calendar over 1900-01-01 to 2200-12-31.
///
/// A business day is a day that is not in the weekend, not an official public holiday, not
/// a de facto day off that the options keep off, and not a region's closure day.
///
/// **Offsets.** add_business_days() follows numpy's `busday_offset` with `roll='forward'`:
/// a start day that is not a business day first rolls forward to the next business day,
/// and then moves `n` business days (forward for `n > 0`, back for `n < 0`). So a referral
/// accepted on a Saturday starts its clock on Monday: Saturday + 10 gives the same day as
/// Monday + 10, and Saturday + 0 gives Monday. This differs from pandas' `CustomBusinessDay`,
/// which counts the roll as the first step (Saturday + 1 business day is Monday there,
/// Tuesday here).
///
/// **Counts.** business_days_between(a, b) follows numpy's `busday_count` (numpy 1.25 and
/// later): the business days in [a, b) when `a <= b`; when `b < a`, minus the business days
/// in (b, a] (the start counts and the end does not, in either direction). Hence
/// `business_days_between(a, add_business_days(a, n)) == n` whenever `a` is a business day
/// or `n >= 0`.
///
/// Both run in O(1): the calendar precomputes, once, the number of business days before
/// each day of the range and the list of business days. Copies share that table.
/// @code
/// kulkija::finnish_calendar cal;
/// auto due = cal.add_business_days(kulkija::date(2026, 6, 17), 3);  // 2026-06-23 (Midsummer)
/// @endcode
class finnish_calendar {
 public:
  /// @brief The first year the calendar covers.
  static constexpr int first_year = 1900;
  /// @brief The last year the calendar covers.
  static constexpr int last_year = 2200;

  /// @brief The calendar with the default options: Saturday and Sunday off, Midsummer Eve
  /// and Christmas Eve off, no closure days.
  finnish_calendar();
  /// @brief A calendar with the given options.
  /// @param options which days are off
  /// @throws invalid_argument naming the field (`weekend`, `closures[i].day`,
  ///         `closures[i].name.fi` ...) and the rule when an option is invalid.
  explicit finnish_calendar(calendar_options options);

  /// @brief The options the calendar was built with.
  [[nodiscard]] const calendar_options& options() const noexcept { return options_; }

  /// @brief The first day covered, 1900-01-01.
  [[nodiscard]] static date first_day() noexcept;
  /// @brief The last day covered, 2200-12-31.
  [[nodiscard]] static date last_day() noexcept;

  /// @brief Whether `d` is a business day.
  /// @param d a day within the range
  /// @return true for a business day
  /// @throws invalid_argument (id invalid_date) when `d` is special or outside the range.
  [[nodiscard]] bool is_business_day(date d) const;

  /// @brief The days off of `year` that are not weekend days merely by being a Saturday or
  /// Sunday: public holidays, the de facto days off the options keep, and closure days,
  /// in date order. Public holidays that fall on a weekend are listed too.
  /// @param year a year from 1900 to 2200
  /// @return the holidays
  /// @throws invalid_argument (id invalid_value) naming `year` when it is out of range.
  [[nodiscard]] std::vector<holiday> holidays(int year) const;

  /// @brief The holidays on day `d` (usually none or one; a closure day may coincide with a
  /// public holiday).
  /// @param d a day within the range
  /// @return the holidays on that day
  /// @throws invalid_argument (id invalid_date) when `d` is outside the range.
  [[nodiscard]] std::vector<holiday> holidays_on(date d) const;

  /// @brief Moves `n` business days from `d`, after rolling a non-business `d` forward
  /// (numpy `busday_offset(..., roll='forward')`).
  /// @param d the start day
  /// @param n business days to move (negative moves back)
  /// @return the day reached
  /// @throws invalid_argument (id invalid_date) when `d` or the result is outside the range.
  [[nodiscard]] date add_business_days(date d, std::int64_t n) const;

  /// @brief The number of business days in [a, b); when `b` is before `a`, minus the number
  /// in (b, a] (numpy `busday_count`).
  /// @param a the first day (included)
  /// @param b the last day (excluded)
  /// @return the count
  /// @throws invalid_argument (id invalid_date) when `a` or `b` is outside the range.
  [[nodiscard]] std::int64_t business_days_between(date a, date b) const;

  /// @brief The value that stands for "not a time" in the batch forms: numpy's `NaT`.
  static constexpr std::int64_t not_a_day = INT64_MIN;

  /// @brief Batch form of add_business_days() over days since 1970-01-01 (numpy's
  /// `datetime64[D]`): `out[i] = add_business_days(days[i], n)`. not_a_day stays not_a_day.
  /// @param days the start days, as days since 1970-01-01
  /// @param n business days to move
  /// @param out the results; the same size as `days` (may be the same memory)
  /// @throws invalid_argument naming `days[i]` (id invalid_date) at the first day whose start
  ///         or result is out of range, or `out` (id invalid_value) when the sizes differ.
  ///         `out` is then partly written.
  void add_business_days(std::span<const std::int64_t> days, std::int64_t n, std::span<std::int64_t> out) const;

  /// @brief Batch form of add_business_days() with one offset per day.
  /// @param days the start days, as days since 1970-01-01
  /// @param n business days to move, one per day
  /// @param out the results; the same size as `days`
  /// @throws invalid_argument as the scalar-offset form, and naming `n` when its size differs.
  void add_business_days(std::span<const std::int64_t> days, std::span<const std::int64_t> n,
                         std::span<std::int64_t> out) const;

  /// @brief Batch form of business_days_between(); not_a_day in either input gives 0 (as
  /// numpy's `busday_count` does for `NaT`).
  /// @param a the first days, as days since 1970-01-01
  /// @param b the last days (excluded), the same size as `a`
  /// @param out the counts; the same size as `a`
  /// @throws invalid_argument naming `a[i]` or `b[i]` (id invalid_date) when out of range, or
  ///         naming `b` or `out` (id invalid_value) when the sizes differ.
  void business_days_between(std::span<const std::int64_t> a, std::span<const std::int64_t> b,
                             std::span<std::int64_t> out) const;

  /// @brief Batch form of is_business_day(); not_a_day gives false.
  /// @param days the days, as days since 1970-01-01
  /// @param out 1 for a business day, 0 otherwise; the same size as `days`
  /// @throws invalid_argument naming `days[i]` (id invalid_date) when out of range, or `out`
  ///         (id invalid_value) when the sizes differ.
  void is_business_day(std::span<const std::int64_t> days, std::span<std::uint8_t> out) const;

  /// @brief Every non-weekend day off in [from, to], in date order: the list to give numpy's
  /// `busday_offset(holidays=...)` for the same calendar.
  /// @param from the first day
  /// @param to the last day (included)
  /// @return the days
  /// @throws invalid_argument (id invalid_date) when either is out of range or `to < from`.
  [[nodiscard]] std::vector<date> days_off(date from, date to) const;

  /// @brief Calendars are equal when their options are equal.
  /// @param a a calendar
  /// @param b another calendar
  friend bool operator==(const finnish_calendar& a, const finnish_calendar& b) noexcept {
    return a.options_ == b.options_;
  }

 private:
  calendar_options options_;
  std::shared_ptr<const detail::business_day_table> table_;
};

/// @brief Days since 1970-01-01 of `d` (numpy's `datetime64[D]` value).
/// @param d a real date
/// @return the day number
/// @throws invalid_argument (id invalid_date) when `d` is special.
[[nodiscard]] std::int64_t days_since_epoch(date d);
/// @brief The date `days` days after 1970-01-01.
/// @param days the day number
/// @return the date
/// @throws invalid_argument (id invalid_date) when the date is outside 1400-9999.
[[nodiscard]] date date_from_epoch_days(std::int64_t days);

/// @}

}  // namespace kulkija
