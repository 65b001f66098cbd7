#include "kulkija/support/calendar.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "kulkija/core/error.hpp"
#include "kulkija/detail/enum_names.hpp"

// The Finnish holiday rules, year by year, and where they come from.
//
// Today's rules: the church law (kirkkolaki 1054/1993, chapter 4 section 3) lists the church
// holidays and fixes Midsummer Day on "the Saturday following 19 June" and All Saints' Day on
// "the Saturday following 30 October"; May Day and Independence Day are holidays by acts of
// Parliament. Midsummer Eve and Christmas Eve are no official holidays but days off in the
// annual holidays act (vuosilomalaki 162/2005) and most collective agreements.
// Sources: almanakka.helsinki.fi/liputus-ja-juhlapaivat (University of Helsinki Almanac
// Office); fi.wikipedia.org/wiki/Pyhäpäivä (quoting the church law);
// en.wikipedia.org/wiki/Public_holidays_in_Finland.
//
// Earlier rules:
// - 1955 reform: "Marian ilmestyspäivä (25.3.) siirtyi sunnuntaiksi, Johannes Kastajan päivä
//   (24.6.) siirtyi lauantaiksi ja pyhäinmiestenpäivä (1.11.) siirtyi lauantaiksi"
//   (kirjastot.fi "Kysy kirjastonhoitajalta", citing Heikki Oja, Aikakirja, and the
//   University almanac; the same in en.wikipedia Public_holidays_in_Finland). So until 1954:
//   Annunciation Day 25 March, Midsummer Day 24 June (its eve 23 June), All Saints' Day
//   1 November; from 1955: Annunciation on a Sunday (no longer a weekday holiday), Midsummer
//   Day the Saturday 20-26 June (its eve the Friday 19-25 June), All Saints' Day the
//   Saturday 31 October - 6 November.
// - 1973 reform (the UKK incomes agreement of 1970; kotimaa.fi blog "Arkipyhät agendalle
//   jälleen kerran"): Epiphany, Ascension Day and Whit Monday (toinen helluntaipäivä) were
//   taken off weekdays. Epiphany moved to the Saturday following 5 January (6-12 January),
//   Ascension Day to the Saturday before its Thursday (Easter + 34, the eve of Rogation
//   Sunday), and Whit Monday ceased to be a holiday.
// - Epiphany and Ascension Day returned to their days in 1992: the Almanac Office
//   ("Kevätkesän juhlia kirkollisessa ja maallisessa perinteessä": "Vuosina 1973–1991
//   helatorstaita ei vietettykään torstaina ... Vuodesta 1992 helatorstai on taas ...") and
//   kotimaa24.fi ("Helatorstai palasi loppiaisen tapaan oikealle paikalleen vuonna 1992";
//   President Koivisto delayed the law's entry into force). English Wikipedia says "reversed
//   in 1991" and python-holidays uses 1973-1990; we follow the Almanac Office, which keeps
//   the Finnish calendar. (The two differ only in 1991: Ascension on Saturday 4 May, not
//   Thursday 9 May; Epiphany 1991 was a Sunday either way.)
// - May Day a public holiday from 1944 (python-holidays, vacanza/holidays finland.py:
//   "May Day is already a Public Holiday since 1944").
// - Independence Day a public holiday from 1919 (declared 6 December 1917; "Designated as
//   Public Holiday on NOV 20th, 1919", vacanza/holidays finland.py).
// - Christmas, St Stephen's Day, New Year's Day, Good Friday, Easter and Whitsun are church
//   holidays through the whole range.
// The weekend is an option (Saturday and Sunday by default) and is applied to every year,
// although Saturday was a working day in Finland until the late 1960s.

namespace kulkija {

namespace detail {

// The precomputed table: for day i of the range (0 = 1900-01-01), before[i] is the number of
// business days in [first, first + i); business[k] is the index of the k-th business day.
struct business_day_table {
  std::vector<std::int32_t> before;    // size days + 1
  std::vector<std::int32_t> business;  // size = number of business days
};

}  // namespace detail

namespace {

constexpr std::array<std::string_view, finnish_holiday_count> holiday_names{
    "new_years_day", "epiphany",       "annunciation_day", "good_friday",    "easter_sunday",  "easter_monday",
    "may_day",       "ascension_day",  "whit_sunday",      "whit_monday",    "midsummer_eve",  "midsummer_day",
    "all_saints_day", "independence_day", "christmas_eve", "christmas_day", "st_stephens_day"};

constexpr std::array<std::string_view, 3> kind_names{"public_holiday", "de_facto", "closure"};

const std::array<localized_text, finnish_holiday_count> holiday_labels{{
    {"Uudenvuodenpäivä", "Nyårsdagen", "New Year's Day"},
    {"Loppiainen", "Trettondedagen", "Epiphany"},
    {"Marian ilmestyspäivä", "Marie bebådelsedag", "Annunciation Day"},
    {"Pitkäperjantai", "Långfredagen", "Good Friday"},
    {"Pääsiäispäivä", "Påskdagen", "Easter Sunday"},
    {"2. pääsiäispäivä", "Annandag påsk", "Easter Monday"},
    {"Vappu", "Första maj", "May Day"},
    {"Helatorstai", "Kristi himmelsfärdsdag", "Ascension Day"},
    {"Helluntaipäivä", "Pingstdagen", "Whit Sunday"},
    {"2. helluntaipäivä", "Annandag pingst", "Whit Monday"},
    {"Juhannusaatto", "Midsommarafton", "Midsummer Eve"},
    {"Juhannuspäivä", "Midsommardagen", "Midsummer Day"},
    {"Pyhäinpäivä", "Alla helgons dag", "All Saints' Day"},
    {"Itsenäisyyspäivä", "Självständighetsdagen", "Independence Day"},
    {"Jouluaatto", "Julafton", "Christmas Eve"},
    {"Joulupäivä", "Juldagen", "Christmas Day"},
    {"Tapaninpäivä", "Annandag jul", "St Stephen's Day"},
}};

namespace greg = boost::gregorian;

constexpr std::int64_t epoch_day_number = 2440588;  // Julian day number of 1970-01-01

date ymd(int y, int m, int d) {
  return {static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d)};
}

// The first day on or after `d` whose weekday is `wd`.
date on_or_after(date d, greg::greg_weekday wd) {
  const int delta = (wd.as_number() - d.day_of_week().as_number() + 7) % 7;
  return d + greg::days(delta);
}

void require_year(int year, int first, int last) {
  if (year < first || year > last) {
    throw invalid_argument(error_id::invalid_value, "year",
                           "must be from " + std::to_string(first) + " to " + std::to_string(last) + ", got " +
                               std::to_string(year));
  }
}

// The range as constants, so that no static initialisation order matters (checked in the tests:
// 1900-01-01 is day -25567 of the epoch, and 1900-2200 has 301 * 365 + 73 leap days).
constexpr std::int64_t range_first_epoch = -25567;
constexpr std::int64_t range_days = 301 * 365 + 73;
inline date range_first_day() { return ymd(finnish_calendar::first_year, 1, 1); }
inline date range_last_day() { return ymd(finnish_calendar::last_year, 12, 31); }

std::string range_rule() {
  return "must be within " + std::to_string(finnish_calendar::first_year) + "-01-01 and " +
         std::to_string(finnish_calendar::last_year) + "-12-31";
}

[[noreturn]] void throw_out_of_range(const std::string& field) {
  throw invalid_argument(error_id::invalid_date, field, range_rule());
}

[[noreturn]] void throw_result_out_of_range(const std::string& field, std::int64_t n) {
  throw invalid_argument(error_id::invalid_date, field,
                         "the result of moving " + std::to_string(n) + " business days " + range_rule());
}

// Index of `d` in the range, or throws naming `field`.
std::int64_t index_of(date d, const char* field) {
  if (d.is_special()) throw invalid_argument(error_id::invalid_date, field, "must be a real date, not a special value");
  if (d < range_first_day() || d > range_last_day()) throw_out_of_range(field);
  return (d - range_first_day()).days();
}

std::string indexed(const char* field, std::size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

void add(std::vector<holiday>& out, date d, finnish_holiday h, holiday_kind kind = holiday_kind::public_holiday) {
  out.push_back({d, kind, h, label(h)});
}

std::vector<holiday> holidays_of(int year) {
  using enum finnish_holiday;
  std::vector<holiday> out;
  const date easter = kulkija::easter_sunday(year);
  const auto plus = [&](int n) { return easter + greg::days(n); };
  const bool moved_1955 = year >= 1955;
  const bool saturdays_1973 = year >= 1973 && year <= 1991;

  add(out, ymd(year, 1, 1), new_years_day);
  add(out, saturdays_1973 ? on_or_after(ymd(year, 1, 6), greg::Saturday) : ymd(year, 1, 6), epiphany);
  if (!moved_1955) add(out, ymd(year, 3, 25), annunciation_day);
  add(out, plus(-2), good_friday);
  add(out, easter, easter_sunday);
  add(out, plus(1), easter_monday);
  if (year >= 1944) add(out, ymd(year, 5, 1), may_day);
  add(out, plus(saturdays_1973 ? 34 : 39), ascension_day);
  add(out, plus(49), whit_sunday);
  if (year <= 1972) add(out, plus(50), whit_monday);
  const date midsummer = moved_1955 ? on_or_after(ymd(year, 6, 20), greg::Saturday) : ymd(year, 6, 24);
  add(out, midsummer - greg::days(1), midsummer_eve, holiday_kind::de_facto);
  add(out, midsummer, midsummer_day);
  add(out, moved_1955 ? on_or_after(ymd(year, 10, 31), greg::Saturday) : ymd(year, 11, 1), all_saints_day);
  if (year >= 1919) add(out, ymd(year, 12, 6), independence_day);
  add(out, ymd(year, 12, 24), christmas_eve, holiday_kind::de_facto);
  add(out, ymd(year, 12, 25), christmas_day);
  add(out, ymd(year, 12, 26), st_stephens_day);
  std::stable_sort(out.begin(), out.end(), [](const holiday& a, const holiday& b) { return a.day < b.day; });
  return out;
}

bool kept_off(const holiday& h, const calendar_options& o) {
  if (h.kind != holiday_kind::de_facto) return true;
  if (h.which == finnish_holiday::midsummer_eve) return o.midsummer_eve_off;
  if (h.which == finnish_holiday::christmas_eve) return o.christmas_eve_off;
  return true;
}

std::vector<holiday> calendar_holidays(int year, const calendar_options& o) {
  std::vector<holiday> out;
  for (holiday& h : holidays_of(year)) {
    if (kept_off(h, o)) out.push_back(std::move(h));
  }
  for (const closure_day& c : o.closures) {
    if (c.day.year() == year) out.push_back({c.day, holiday_kind::closure, std::nullopt, c.name});
  }
  std::stable_sort(out.begin(), out.end(), [](const holiday& a, const holiday& b) { return a.day < b.day; });
  return out;
}

void validate(const calendar_options& o) {
  if (std::all_of(o.weekend.begin(), o.weekend.end(), [](bool off) { return off; })) {
    throw invalid_argument(error_id::invalid_value, "weekend", "at least one day of the week must be a working day");
  }
  for (std::size_t i = 0; i < o.closures.size(); ++i) {
    const std::string field = "closures[" + std::to_string(i) + "]";
    const closure_day& c = o.closures[i];
    (void)index_of(c.day, (field + ".day").c_str());
    validate_free_text(field + ".name.fi", c.name.fi, 200);
    validate_free_text(field + ".name.sv", c.name.sv, 200);
    validate_free_text(field + ".name.en", c.name.en, 200);
    if (c.name.fi.empty() && c.name.sv.empty() && c.name.en.empty()) {
      throw invalid_argument(error_id::invalid_value, field + ".name", "must have a name in at least one language");
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (o.closures[j].day == c.day) {
        throw invalid_argument(error_id::invalid_date, field + ".day",
                               "must not repeat the day of closures[" + std::to_string(j) + "] (" +
                                   format_date(c.day) + ")");
      }
    }
  }
}

std::shared_ptr<const detail::business_day_table> build_table(const calendar_options& o) {
  const auto n = static_cast<std::size_t>(range_days);
  std::vector<std::uint8_t> off(n, 0);
  // Weekend: 1900-01-01 was a Monday (ISO weekday index 0).
  const int first_weekday = (range_first_day().day_of_week().as_number() + 6) % 7;  // Monday = 0
  for (std::size_t i = 0; i < n; ++i) {
    off[i] = o.weekend[(static_cast<std::size_t>(first_weekday) + i) % 7] ? 1 : 0;
  }
  for (int y = finnish_calendar::first_year; y <= finnish_calendar::last_year; ++y) {
    for (const holiday& h : holidays_of(y)) {
      if (kept_off(h, o)) off[static_cast<std::size_t>((h.day - range_first_day()).days())] = 1;
    }
  }
  for (const closure_day& c : o.closures) off[static_cast<std::size_t>((c.day - range_first_day()).days())] = 1;

  auto table = std::make_shared<detail::business_day_table>();
  table->before.resize(n + 1);
  table->business.reserve(n);
  std::int32_t count = 0;
  for (std::size_t i = 0; i < n; ++i) {
    table->before[i] = count;
    if (!off[i]) {
      table->business.push_back(static_cast<std::int32_t>(i));
      ++count;
    }
  }
  table->before[n] = count;
  table->business.shrink_to_fit();
  return table;
}

const std::shared_ptr<const detail::business_day_table>& default_table() {
  static const std::shared_ptr<const detail::business_day_table> table = build_table(calendar_options{});
  return table;
}

// O(1) core on range indices; returns false when the result leaves the range.
inline bool offset_index(const detail::business_day_table& t, std::int64_t i, std::int64_t n,
                         std::int64_t& result) noexcept {
  // before[i] is the index of the first business day on or after day i: the roll forward.
  const std::int64_t k = static_cast<std::int64_t>(t.before[static_cast<std::size_t>(i)]) + n;
  if (k < 0 || k >= static_cast<std::int64_t>(t.business.size())) return false;
  result = t.business[static_cast<std::size_t>(k)];
  return true;
}

// numpy's busday_count: [a, b) forward; for b < a, minus the business days in (b, a]
// (numpy >= 1.25, gh-23197: the start is counted and the end is not, in either direction).
inline std::int64_t count_indices(const detail::business_day_table& t, std::int64_t a, std::int64_t b) noexcept {
  const auto at = [&t](std::int64_t i) { return static_cast<std::int64_t>(t.before[static_cast<std::size_t>(i)]); };
  return b >= a ? at(b) - at(a) : at(b + 1) - at(a + 1);
}

void require_same_size(std::size_t expected, std::size_t got, const char* field) {
  if (expected != got) {
    throw invalid_argument(error_id::invalid_value, field,
                           "must have the same size as the input (" + std::to_string(expected) + "), got " +
                               std::to_string(got));
  }
}

}  // namespace

std::string_view to_string(finnish_holiday h) noexcept { return detail::enum_name(holiday_names, h); }

finnish_holiday parse_finnish_holiday(std::string_view code) {
  return detail::parse_enum<finnish_holiday>("holiday", code, holiday_names);
}

const localized_text& label(finnish_holiday h) noexcept {
  return holiday_labels[std::min(static_cast<std::size_t>(h), finnish_holiday_count - 1)];
}

std::string_view to_string(holiday_kind k) noexcept { return detail::enum_name(kind_names, k); }

date easter_sunday(int year) {
  require_year(year, 1583, 9999);
  // Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8).
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return ymd(year, month, day);
}

std::vector<holiday> finnish_holidays(int year) {
  require_year(year, finnish_calendar::first_year, finnish_calendar::last_year);
  return holidays_of(year);
}

finnish_calendar::finnish_calendar() : table_(default_table()) {}

finnish_calendar::finnish_calendar(calendar_options options) : options_(std::move(options)) {
  validate(options_);
  table_ = options_ == calendar_options{} ? default_table() : build_table(options_);
}

date finnish_calendar::first_day() noexcept { return range_first_day(); }
date finnish_calendar::last_day() noexcept { return range_last_day(); }

bool finnish_calendar::is_business_day(date d) const {
  const auto i = static_cast<std::size_t>(index_of(d, "date"));
  return table_->before[i + 1] != table_->before[i];
}

std::vector<holiday> finnish_calendar::holidays(int year) const {
  require_year(year, first_year, last_year);
  return calendar_holidays(year, options_);
}

std::vector<holiday> finnish_calendar::holidays_on(date d) const {
  (void)index_of(d, "date");
  std::vector<holiday> out;
  for (holiday& h : calendar_holidays(d.year(), options_)) {
    if (h.day == d) out.push_back(std::move(h));
  }
  return out;
}

date finnish_calendar::add_business_days(date d, std::int64_t n) const {
  const std::int64_t i = index_of(d, "date");
  std::int64_t r = 0;
  if (!offset_index(*table_, i, n, r)) {
    throw invalid_argument(error_id::invalid_date, "n",
                           "the result of " + format_date(d) + " + " + std::to_string(n) + " business days " +
                               range_rule());
  }
  return range_first_day() + greg::days(r);
}

std::int64_t finnish_calendar::business_days_between(date a, date b) const {
  const std::int64_t ia = index_of(a, "a");
  const std::int64_t ib = index_of(b, "b");
  return count_indices(*table_, ia, ib);
}

// The array forms of add_business_days: `n_of(j)` is the offset of element j.
template <class Offset>
void add_business_days_each(const detail::business_day_table& t, std::span<const std::int64_t> days,
                            std::span<std::int64_t> out, Offset n_of) {
  for (std::size_t j = 0; j < days.size(); ++j) {
    const std::int64_t day = days[j];
    if (day == finnish_calendar::not_a_day) {
      out[j] = finnish_calendar::not_a_day;
      continue;
    }
    const std::int64_t i = day - range_first_epoch;
    const std::int64_t n = n_of(j);
    std::int64_t r = 0;
    if (i < 0 || i >= range_days) throw_out_of_range(indexed("days", j));
    if (!offset_index(t, i, n, r)) throw_result_out_of_range(indexed("days", j), n);
    out[j] = r + range_first_epoch;
  }
}

void finnish_calendar::add_business_days(std::span<const std::int64_t> days, std::int64_t n,
                                         std::span<std::int64_t> out) const {
  require_same_size(days.size(), out.size(), "out");
  add_business_days_each(*table_, days, out, [n](std::size_t) { return n; });
}

void finnish_calendar::add_business_days(std::span<const std::int64_t> days, std::span<const std::int64_t> n,
                                         std::span<std::int64_t> out) const {
  require_same_size(days.size(), n.size(), "n");
  require_same_size(days.size(), out.size(), "out");
  add_business_days_each(*table_, days, out, [n](std::size_t j) { return n[j]; });
}


void finnish_calendar::business_days_between(std::span<const std::int64_t> a, std::span<const std::int64_t> b,
                                             std::span<std::int64_t> out) const {
  require_same_size(a.size(), b.size(), "b");
  require_same_size(a.size(), out.size(), "out");
  const detail::business_day_table& t = *table_;
  for (std::size_t j = 0; j < a.size(); ++j) {
    if (a[j] == not_a_day || b[j] == not_a_day) {
      out[j] = 0;
      continue;
    }
    const std::int64_t ia = a[j] - range_first_epoch;
    const std::int64_t ib = b[j] - range_first_epoch;
    if (ia < 0 || ia >= range_days) throw_out_of_range(indexed("a", j));
    if (ib < 0 || ib >= range_days) throw_out_of_range(indexed("b", j));
    out[j] = count_indices(t, ia, ib);
  }
}

void finnish_calendar::is_business_day(std::span<const std::int64_t> days, std::span<std::uint8_t> out) const {
  require_same_size(days.size(), out.size(), "out");
  const detail::business_day_table& t = *table_;
  for (std::size_t j = 0; j < days.size(); ++j) {
    if (days[j] == not_a_day) {
      out[j] = 0;
      continue;
    }
    const std::int64_t i = days[j] - range_first_epoch;
    if (i < 0 || i >= range_days) throw_out_of_range(indexed("days", j));
    const auto u = static_cast<std::size_t>(i);
    out[j] = t.before[u + 1] != t.before[u] ? 1 : 0;
  }
}

std::vector<date> finnish_calendar::days_off(date from, date to) const {
  const std::int64_t a = index_of(from, "from");
  const std::int64_t b = index_of(to, "to");
  if (b < a) throw invalid_argument(error_id::invalid_date, "to", "must not be before 'from'");
  std::vector<date> out;
  for (int y = from.year(); y <= to.year(); ++y) {
    for (const holiday& h : calendar_holidays(y, options_)) {
      const auto wd = static_cast<std::size_t>((h.day.day_of_week().as_number() + 6) % 7);
      if (h.day < from || h.day > to || options_.weekend[wd]) continue;
      if (out.empty() || out.back() != h.day) out.push_back(h.day);
    }
  }
  return out;
}

std::int64_t days_since_epoch(date d) {
  if (d.is_special()) throw invalid_argument(error_id::invalid_date, "date", "must be a real date, not a special value");
  return static_cast<std::int64_t>(d.day_number()) - epoch_day_number;
}

date date_from_epoch_days(std::int64_t days) {
  static const std::int64_t lo = days_since_epoch(ymd(1400, 1, 1));
  static const std::int64_t hi = days_since_epoch(ymd(9999, 12, 31));
  if (days < lo || days > hi) {
    throw invalid_argument(error_id::invalid_date, "days", "must be a day from 1400-01-01 to 9999-12-31");
  }
  return date(1970, 1, 1) + greg::days(days);
}

}  // namespace kulkija
