#include "kulkija/support/calendar.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/date_time/gregorian/gregorian.hpp>  // operator<< for messages

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;
using boost::gregorian::date;
using boost::gregorian::days;

namespace {

// Runs `command` and returns its exit status and standard output.
std::pair<int, std::string> run(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, out};
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  return {pclose(pipe), out};
}

std::set<std::pair<date, std::string>> names_of(const std::vector<k::holiday>& hs) {
  std::set<std::pair<date, std::string>> out;
  for (const auto& h : hs) out.insert({h.day, h.name.fi});
  return out;
}

date saturday_on_or_after(date d) {
  while (d.day_of_week() != boost::date_time::Saturday) d += days(1);
  return d;
}

}  // namespace

TEST(Easter, KnownDates) {
  EXPECT_EQ(k::easter_sunday(2026), date(2026, 4, 5));
  EXPECT_EQ(k::easter_sunday(2024), date(2024, 3, 31));
  EXPECT_EQ(k::easter_sunday(2000), date(2000, 4, 23));
  EXPECT_EQ(k::easter_sunday(1900), date(1900, 4, 15));
  EXPECT_EQ(k::easter_sunday(1943), date(1943, 4, 25));  // the latest possible
  EXPECT_EQ(k::easter_sunday(1818), date(1818, 3, 22));  // the earliest possible
  EXPECT_EQ(k::easter_sunday(2285), date(2285, 3, 22));
  KULKIJA_EXPECT_THROW_MSG((void)k::easter_sunday(1582), k::invalid_argument, "year: must be from 1583 to 9999");
}

TEST(FinnishHolidays, Year2026) {
  const auto hs = k::finnish_holidays(2026);
  std::vector<std::pair<std::string, std::string>> got;
  for (const auto& h : hs) got.emplace_back(k::format_date(h.day), std::string(k::to_string(*h.which)));
  const std::vector<std::pair<std::string, std::string>> want{
      {"2026-01-01", "new_years_day"}, {"2026-01-06", "epiphany"},        {"2026-04-03", "good_friday"},
      {"2026-04-05", "easter_sunday"}, {"2026-04-06", "easter_monday"},   {"2026-05-01", "may_day"},
      {"2026-05-14", "ascension_day"}, {"2026-05-24", "whit_sunday"},     {"2026-06-19", "midsummer_eve"},
      {"2026-06-20", "midsummer_day"}, {"2026-10-31", "all_saints_day"},  {"2026-12-06", "independence_day"},
      {"2026-12-24", "christmas_eve"}, {"2026-12-25", "christmas_day"},   {"2026-12-26", "st_stephens_day"}};
  EXPECT_EQ(got, want);
  for (const auto& h : hs) {
    const bool de_facto = h.which == k::finnish_holiday::midsummer_eve || h.which == k::finnish_holiday::christmas_eve;
    EXPECT_EQ(h.kind, de_facto ? k::holiday_kind::de_facto : k::holiday_kind::public_holiday) << h.name.en;
    EXPECT_EQ(h.name, k::label(*h.which));
  }
  EXPECT_EQ(k::label(k::finnish_holiday::midsummer_eve).sv, "Midsommarafton");
  EXPECT_EQ(k::label(k::finnish_holiday::st_stephens_day).fi, "Tapaninpäivä");
  EXPECT_EQ(k::parse_finnish_holiday("all_saints_day"), k::finnish_holiday::all_saints_day);
  KULKIJA_EXPECT_THROW_MSG((void)k::parse_finnish_holiday("boxing_day"), k::parse_error, "unknown holiday 'boxing_day'");
  KULKIJA_EXPECT_THROW_MSG((void)k::finnish_holidays(1899), k::invalid_argument, "year: must be from 1900 to 2200");
  KULKIJA_EXPECT_THROW_MSG((void)k::finnish_holidays(2201), k::invalid_argument, "got 2201");
}

TEST(FinnishHolidays, HistoricalRules) {
  const auto on = [](int year, k::finnish_holiday h) -> std::optional<date> {
    for (const auto& x : k::finnish_holidays(year)) {
      if (x.which == h) return x.day;
    }
    return std::nullopt;
  };
  using enum k::finnish_holiday;
  // Before the 1955 reform: fixed days, Annunciation on a weekday.
  EXPECT_EQ(on(1954, midsummer_day), date(1954, 6, 24));
  EXPECT_EQ(on(1954, midsummer_eve), date(1954, 6, 23));
  EXPECT_EQ(on(1954, all_saints_day), date(1954, 11, 1));
  EXPECT_EQ(on(1954, annunciation_day), date(1954, 3, 25));
  EXPECT_EQ(on(1955, midsummer_day), date(1955, 6, 25));
  EXPECT_EQ(on(1955, midsummer_eve), date(1955, 6, 24));
  EXPECT_EQ(on(1955, all_saints_day), date(1955, 11, 5));
  EXPECT_EQ(on(1955, annunciation_day), std::nullopt);
  // 1973-1991: Epiphany and Ascension Day on Saturdays; Whit Monday gone from 1973.
  EXPECT_EQ(on(1972, whit_monday), date(1972, 5, 22));
  EXPECT_EQ(on(1973, whit_monday), std::nullopt);
  EXPECT_EQ(on(1972, epiphany), date(1972, 1, 6));
  EXPECT_EQ(on(1973, epiphany), date(1973, 1, 6));  // a Saturday that year
  EXPECT_EQ(on(1980, epiphany), date(1980, 1, 12));
  EXPECT_EQ(on(1980, ascension_day), date(1980, 5, 10));
  EXPECT_EQ(on(1991, ascension_day), date(1991, 5, 4));
  EXPECT_EQ(on(1992, ascension_day), date(1992, 5, 28));
  EXPECT_EQ(on(1992, epiphany), date(1992, 1, 6));
  // Holidays that did not exist yet.
  EXPECT_EQ(on(1943, may_day), std::nullopt);
  EXPECT_EQ(on(1944, may_day), date(1944, 5, 1));
  EXPECT_EQ(on(1918, independence_day), std::nullopt);
  EXPECT_EQ(on(1919, independence_day), date(1919, 12, 6));
  // Two holidays on one day: Ascension Day on May Day in 2008.
  int on_may_first = 0;
  for (const auto& h : k::finnish_holidays(2008)) on_may_first += h.day == date(2008, 5, 1);
  EXPECT_EQ(on_may_first, 2);
}

// Debian's python3-holidays (holidays.Finland, 0.10.x) knows only today's rules, and applies
// them to every year. The test compares every year 1900-2200: equal sets from 1992, and
// before that equal after the documented historical changes are applied to the oracle's days.
TEST(FinnishHolidays, MatchDebianPythonHolidaysEveryYear) {
  const char* python = "/usr/bin/python3";
  ASSERT_TRUE(std::filesystem::exists(python)) << "needs Debian's /usr/bin/python3 with python3-holidays";
  const auto [status, text] =
      run(std::string(python) + " " KULKIJA_SOURCE_DIR "/tests/oracle/finland_holidays.py 1900 2200");
  ASSERT_EQ(status, 0) << "the oracle failed; install Debian's python3-holidays (scripts/setup does):\n" << text;
  std::map<int, std::set<std::pair<date, std::string>>> oracle;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    const date d = k::parse_date(line.substr(0, tab));
    oracle[d.year()].insert({d, line.substr(tab + 1)});
  }
  ASSERT_EQ(oracle.size(), 301U);
  int compared = 0;
  for (auto& [year, want] : oracle) {
    const auto find = [&](const std::string& name) {
      for (const auto& p : want) {
        if (p.second == name) return p;
      }
      ADD_FAILURE() << year << ": oracle lacks " << name;
      return std::pair<date, std::string>{};
    };
    const auto move = [&](const std::string& name, date to) {
      want.erase(find(name));
      want.insert({to, name});
    };
    const date easter = find("Pääsiäispäivä").first;
    if (year < 1955) {
      move("Juhannuspäivä", date(year, 6, 24));
      move("Juhannusaatto", date(year, 6, 23));
      move("Pyhäinpäivä", date(year, 11, 1));
      want.insert({date(year, 3, 25), "Marian ilmestyspäivä"});
    }
    if (year <= 1972) want.insert({easter + days(50), "2. helluntaipäivä"});
    if (year >= 1973 && year <= 1991) {
      move("Loppiainen", saturday_on_or_after(date(year, 1, 6)));
      move("Helatorstai", easter + days(34));
    }
    if (year < 1944) want.erase(find("Vappu"));
    if (year < 1919) want.erase(find("Itsenäisyyspäivä"));
    EXPECT_EQ(names_of(k::finnish_holidays(year)), want) << "year " << year;
    ++compared;
  }
  EXPECT_EQ(compared, 301);
}

TEST(FinnishCalendar, BusinessDaysAroundMidsummer) {
  const k::finnish_calendar cal;
  EXPECT_TRUE(cal.is_business_day(date(2026, 6, 18)));
  EXPECT_FALSE(cal.is_business_day(date(2026, 6, 19)));  // Midsummer Eve
  EXPECT_FALSE(cal.is_business_day(date(2026, 6, 20)));
  EXPECT_EQ(cal.add_business_days(date(2026, 6, 17), 1), date(2026, 6, 18));
  EXPECT_EQ(cal.add_business_days(date(2026, 6, 17), 2), date(2026, 6, 22));
  EXPECT_EQ(cal.add_business_days(date(2026, 6, 17), 3), date(2026, 6, 23));
  EXPECT_EQ(cal.add_business_days(date(2026, 6, 22), -1), date(2026, 6, 18));

  k::calendar_options o;
  o.midsummer_eve_off = false;
  const k::finnish_calendar working_eve{o};
  EXPECT_TRUE(working_eve.is_business_day(date(2026, 6, 19)));
  EXPECT_EQ(working_eve.add_business_days(date(2026, 6, 17), 2), date(2026, 6, 19));
  EXPECT_FALSE(working_eve.is_business_day(date(2026, 12, 24)));
  o.christmas_eve_off = false;
  EXPECT_TRUE(k::finnish_calendar{o}.is_business_day(date(2026, 12, 24)));
  EXPECT_FALSE(k::finnish_calendar{o}.is_business_day(date(2026, 12, 25)));
  EXPECT_NE(cal, working_eve);
  EXPECT_EQ(cal, k::finnish_calendar{k::calendar_options{}});
}

// The rule for a start that is not a business day: numpy's roll='forward'.
TEST(FinnishCalendar, NonBusinessStartRollsForwardAsNumpy) {
  const k::finnish_calendar cal;
  const date saturday(2026, 1, 3), monday(2026, 1, 5);  // Tuesday 6 January is Epiphany
  EXPECT_EQ(cal.add_business_days(saturday, 0), monday);
  EXPECT_EQ(cal.add_business_days(saturday, 1), date(2026, 1, 7));  // pandas would give Monday
  EXPECT_EQ(cal.add_business_days(saturday, 10), cal.add_business_days(monday, 10));
  EXPECT_EQ(cal.add_business_days(saturday, -1), date(2026, 1, 2));
  EXPECT_EQ(cal.add_business_days(date(2026, 1, 6), 0), date(2026, 1, 7));  // a holiday rolls too
  EXPECT_EQ(cal.business_days_between(monday, date(2026, 1, 12)), 4);
  EXPECT_EQ(cal.business_days_between(date(2026, 1, 12), monday), -4);
  EXPECT_EQ(cal.business_days_between(saturday, saturday), 0);
}

TEST(FinnishCalendar, OffsetAndCountAreInverseOnRandomDays) {
  const k::finnish_calendar cal;
  std::mt19937_64 rng(20261124);
  std::uniform_int_distribution<int> day(0, 100000);
  std::uniform_int_distribution<int> step(-400, 400);
  for (int i = 0; i < 20000; ++i) {
    const date a = date(1902, 1, 1) + days(day(rng));
    const int n = step(rng);
    const date r = cal.add_business_days(a, n);
    if (cal.is_business_day(a) || n >= 0) {
      ASSERT_EQ(cal.business_days_between(a, r), n) << a << " + " << n;
    } else {  // rolled forward to a' first; (r, a] holds the n - 1 business days strictly between
      ASSERT_EQ(cal.business_days_between(a, r), n + 1) << a << " + " << n;
    }
    ASSERT_TRUE(cal.is_business_day(r));
    // a naive walk agrees
    if (i % 50 == 0) {
      date w = a;
      while (!cal.is_business_day(w)) w += days(1);
      for (int s = 0; s < std::abs(n); ++s) {
        do w += days(n > 0 ? 1 : -1);
        while (!cal.is_business_day(w));
      }
      ASSERT_EQ(w, r) << a << " + " << n;
    }
  }
}

TEST(FinnishCalendar, RangeAndBadInput) {
  const k::finnish_calendar cal;
  EXPECT_EQ(k::finnish_calendar::first_day(), date(1900, 1, 1));
  EXPECT_EQ(k::finnish_calendar::last_day(), date(2200, 12, 31));
  EXPECT_EQ(k::days_since_epoch(k::finnish_calendar::first_day()), -25567);
  EXPECT_EQ((k::finnish_calendar::last_day() - k::finnish_calendar::first_day()).days() + 1, 301 * 365 + 73);
  KULKIJA_EXPECT_THROW_MSG((void)cal.is_business_day(date(1899, 12, 31)), k::invalid_argument,
                           "date: must be within 1900-01-01 and 2200-12-31");
  KULKIJA_EXPECT_THROW_MSG((void)cal.add_business_days(date(2200, 12, 30), 5), k::invalid_argument,
                           "n: the result of 2200-12-30 + 5 business days must be within");
  KULKIJA_EXPECT_THROW_MSG((void)cal.add_business_days(date(1900, 1, 2), -5), k::invalid_argument, "n: the result");
  KULKIJA_EXPECT_THROW_MSG((void)cal.business_days_between(date(2026, 1, 1), date(2300, 1, 1)), k::invalid_argument,
                           "b: must be within");
  KULKIJA_EXPECT_THROW_MSG((void)cal.is_business_day(date(boost::gregorian::not_a_date_time)), k::invalid_argument,
                           "date: must be a real date");
  k::calendar_options o;
  o.weekend.fill(true);
  KULKIJA_EXPECT_THROW_MSG(k::finnish_calendar{o}, k::invalid_argument, "weekend: at least one day");
  o = {};
  o.closures = {{date(2026, 1, 2), {"Sulkupäivä", "Stängningsdag", "Closure day"}},
                {date(2026, 1, 2), {"Toinen", "", ""}}};
  KULKIJA_EXPECT_THROW_MSG(k::finnish_calendar{o}, k::invalid_argument,
                           "closures[1].day: must not repeat the day of closures[0] (2026-01-02)");
  o.closures = {{date(2201, 1, 2), {"x", "", ""}}};
  KULKIJA_EXPECT_THROW_MSG(k::finnish_calendar{o}, k::invalid_argument, "closures[0].day: must be within");
  o.closures = {{date(2026, 1, 2), {"", "", ""}}};
  KULKIJA_EXPECT_THROW_MSG(k::finnish_calendar{o}, k::invalid_argument, "closures[0].name: must have a name");
  o.closures = {{date(2026, 1, 2), {"Asiakas 010190-123A", "", ""}}};
  KULKIJA_EXPECT_THROW_MSG(k::finnish_calendar{o}, k::invalid_argument, "closures[0].name.fi: must not contain");
}

TEST(FinnishCalendar, ClosureDaysAndWeekend) {
  k::calendar_options o;
  o.closures = {{date(2026, 1, 2), {"Sulkupäivä", "Stängningsdag", "Closure day"}},
                {date(2026, 1, 6), {"Päällekkäinen", "Överlappande", "Overlapping"}}};
  const k::finnish_calendar cal{o};
  EXPECT_FALSE(cal.is_business_day(date(2026, 1, 2)));
  EXPECT_TRUE(k::finnish_calendar{}.is_business_day(date(2026, 1, 2)));
  const auto on = cal.holidays_on(date(2026, 1, 6));
  ASSERT_EQ(on.size(), 2U);
  EXPECT_EQ(on[0].which, k::finnish_holiday::epiphany);
  EXPECT_EQ(on[1].kind, k::holiday_kind::closure);
  EXPECT_EQ(on[1].which, std::nullopt);
  EXPECT_EQ(on[1].name.sv, "Överlappande");
  EXPECT_EQ(cal.holidays(2026).size(), 17U);
  EXPECT_TRUE(cal.holidays_on(date(2026, 1, 7)).empty());
  EXPECT_EQ(cal.add_business_days(date(2025, 12, 31), 1), date(2026, 1, 5));

  k::calendar_options six;
  six.weekend = {false, false, false, false, false, false, true};  // Sunday only
  const k::finnish_calendar six_days{six};
  EXPECT_TRUE(six_days.is_business_day(date(2026, 1, 3)));
  EXPECT_FALSE(six_days.is_business_day(date(2026, 1, 4)));
  EXPECT_EQ(six_days.days_off(date(2026, 6, 1), date(2026, 6, 30)),
            (std::vector<date>{date(2026, 6, 19), date(2026, 6, 20)}));
  EXPECT_EQ(k::finnish_calendar{}.days_off(date(2026, 6, 1), date(2026, 6, 30)), (std::vector<date>{date(2026, 6, 19)}));
  o.midsummer_eve_off = false;
  EXPECT_EQ(k::finnish_calendar{o}.holidays(2026).size(), 16U);
}

TEST(FinnishCalendar, BatchFormsMatchScalarAndKeepNaT) {
  const k::finnish_calendar cal;
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int> day(0, 100000);
  std::vector<std::int64_t> in, n, a, b;
  for (int i = 0; i < 1000; ++i) {
    in.push_back(k::days_since_epoch(date(1901, 1, 1) + days(day(rng))));
    n.push_back(i % 41 - 20);
  }
  in[17] = k::finnish_calendar::not_a_day;
  std::vector<std::int64_t> out(in.size()), out_n(in.size()), counts(in.size());
  std::vector<std::uint8_t> flags(in.size());
  cal.add_business_days(in, 10, out);
  cal.add_business_days(in, n, out_n);
  cal.business_days_between(in, out, counts);
  cal.is_business_day(in, flags);
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (i == 17) {
      EXPECT_EQ(out[i], k::finnish_calendar::not_a_day);
      EXPECT_EQ(out_n[i], k::finnish_calendar::not_a_day);
      EXPECT_EQ(counts[i], 0);
      EXPECT_EQ(flags[i], 0);
      continue;
    }
    const date d = k::date_from_epoch_days(in[i]);
    ASSERT_EQ(k::date_from_epoch_days(out[i]), cal.add_business_days(d, 10));
    ASSERT_EQ(k::date_from_epoch_days(out_n[i]), cal.add_business_days(d, n[i]));
    ASSERT_EQ(counts[i], 10);
    ASSERT_EQ(flags[i] == 1, cal.is_business_day(d));
  }
  EXPECT_EQ(k::days_since_epoch(date(1970, 1, 1)), 0);
  EXPECT_EQ(k::days_since_epoch(date(1900, 1, 1)), -25567);
  in[3] = k::days_since_epoch(date(2300, 1, 1));
  KULKIJA_EXPECT_THROW_MSG(cal.add_business_days(in, 10, out), k::invalid_argument, "days[3]: must be within");
  out.pop_back();
  KULKIJA_EXPECT_THROW_MSG(cal.add_business_days(in, 10, out), k::invalid_argument,
                           "out: must have the same size as the input (1000), got 999");
}

// numpy.busday_offset(roll='forward') and numpy.busday_count, given the same weekmask and
// holiday list, agree with the calendar on random days and offsets.
TEST(FinnishCalendar, MatchesNumpyBusdayOffsetOnRandomDays) {
  const std::string python = KULKIJA_SOURCE_DIR "/.venv/bin/python";
  ASSERT_TRUE(std::filesystem::exists(python)) << "needs the project's .venv (scripts/setup) with numpy";
  k::calendar_options o;
  o.closures = {{date(2026, 2, 2), {"Sulkupäivä", "", ""}}};
  for (const k::finnish_calendar& cal : {k::finnish_calendar{}, k::finnish_calendar{o}}) {
    const auto input = std::filesystem::temp_directory_path() /
                       ("kulkija_busday_" + std::to_string(::getpid()) + ".txt");
    std::ofstream f(input);
    f << "1111100\n";
    for (date d : cal.days_off(k::finnish_calendar::first_day(), k::finnish_calendar::last_day())) {
      f << k::format_date(d) << ' ';
    }
    f << '\n';
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<int> day(0, 107000);
    std::uniform_int_distribution<int> step(-250, 250);
    std::vector<std::tuple<date, date, int>> queries;
    for (int i = 0; i < 5000; ++i) {
      const date a = date(1901, 6, 1) + days(day(rng));
      const date b = date(1901, 6, 1) + days(day(rng) % 400 + day(rng) / 200);
      queries.emplace_back(a, i % 2 ? b : a + days(step(rng)), step(rng));
    }
    queries.emplace_back(date(2026, 1, 3), date(2026, 1, 12), 1);
    queries.emplace_back(date(2026, 2, 1), date(2026, 2, 9), 0);
    for (const auto& [a, b, n] : queries) f << k::format_date(a) << ' ' << k::format_date(b) << ' ' << n << '\n';
    f.close();
    const auto [status, text] = run(python + " " KULKIJA_SOURCE_DIR "/tests/oracle/numpy_busday.py " + input.string());
    std::filesystem::remove(input);
    ASSERT_EQ(status, 0) << text;
    std::istringstream lines(text);
    std::size_t i = 0;
    std::string offset;
    std::int64_t count = 0;
    while (lines >> offset >> count) {
      ASSERT_LT(i, queries.size());
      const auto& [a, b, n] = queries[i];
      ASSERT_EQ(k::format_date(cal.add_business_days(a, n)), offset) << a << " + " << n;
      ASSERT_EQ(cal.business_days_between(a, b), count) << a << " .. " << b;
      ++i;
    }
    EXPECT_EQ(i, queries.size());
  }
}

TEST(CalendarOptions, FromJsonWithPaths) {
  const auto o = k::calendar_options_from_json(R"({
    "midsummer_eve_off": false, "weekmask": "1111110",
    "closures": [{"day": "2026-01-02", "name": {"fi": "Sulkupäivä", "sv": "Stängt", "en": "Closed"}},
                 {"day": "2026-05-15", "name": "Koulutus"}]})");
  EXPECT_FALSE(o.midsummer_eve_off);
  EXPECT_TRUE(o.christmas_eve_off);
  EXPECT_EQ(o.weekend, (std::array<bool, 7>{false, false, false, false, false, false, true}));
  ASSERT_EQ(o.closures.size(), 2U);
  EXPECT_EQ(o.closures[0].name.sv, "Stängt");
  EXPECT_EQ(o.closures[1].name.en, "Koulutus");
  const k::finnish_calendar cal{o};
  EXPECT_FALSE(cal.is_business_day(date(2026, 5, 15)));
  EXPECT_TRUE(cal.is_business_day(date(2026, 1, 3)));  // Saturday is a working day here
  EXPECT_EQ(k::calendar_options_from_json("{}"), k::calendar_options{});
  KULKIJA_EXPECT_THROW_MSG((void)k::calendar_options_from_json(R"({"weekmask": "11111"})"), k::parse_error,
                           "at $.weekmask: must be seven characters");
  KULKIJA_EXPECT_THROW_MSG((void)k::calendar_options_from_json(R"({"weekmask": "0000000"})"), k::parse_error,
                           "at $.weekend: at least one day");
  KULKIJA_EXPECT_THROW_MSG((void)k::calendar_options_from_json(R"({"closures": [{"day": "2026-13-01", "name": "x"}]})"),
                           k::parse_error, "[kulkija.parse_error.102] at $.closures[0].day: 1:6: month must be 01 to 12");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::calendar_options_from_json(
          R"({"closures": [{"day": "2026-01-02", "name": "a"}, {"day": "2026-01-02", "name": "b"}]})"),
      k::parse_error, "at $.closures[1].day: must not repeat the day of closures[0]");
  KULKIJA_EXPECT_THROW_MSG((void)k::calendar_options_from_json(R"({"closures": [{"day": "2026-01-02"}]})"),
                           k::parse_error, "at $.closures[0].name: is required");
  KULKIJA_EXPECT_THROW_MSG((void)k::calendar_options_from_json(R"({"holidays": []})"), k::parse_error,
                           "at $.holidays: unknown member 'holidays'");
  KULKIJA_EXPECT_THROW_MSG((void)k::calendar_options_from_json(R"({"christmas_eve_off": "yes"})"), k::parse_error,
                           "at $.christmas_eve_off: must be true or false, got string");
  KULKIJA_EXPECT_THROW_MSG((void)k::calendar_options_from_json("[1"), k::parse_error, "at $: 1:3: not valid JSON");
}
