#include "kulkija/catalogue/activity.hpp"

#include "../test_support.hpp"
#include "fixtures.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

using testing::choir_spec;

TEST(Activity, HoldsTheSpecAndAnswersQuestions) {
  const activity a{choir_spec()};
  EXPECT_EQ(a.id().str(), "A-choir");
  EXPECT_EQ(a.name_in(text_language::sv), "Sångcirkel");
  EXPECT_TRUE(a.uses(language{"fi"}));
  EXPECT_FALSE(a.uses(language{"sv"}));
  EXPECT_TRUE(a.in_category(activity_category::music_singing));
  EXPECT_TRUE(a.needs().contains(need::loneliness));
  EXPECT_FALSE(a.needs().contains(need::digital_exclusion));
}

TEST(Activity, NameFallsBackToAnotherLanguage) {
  auto s = choir_spec();
  s.name = {"", "Sångcirkel", ""};
  const activity a{s};
  EXPECT_EQ(a.name_in(text_language::fi), "Sångcirkel");
  EXPECT_EQ(a.name_in(text_language::en), "Sångcirkel");
}

TEST(Activity, ValidityDates) {
  auto s = choir_spec();
  s.valid_from = parse_date("2026-01-01");
  s.valid_to = parse_date("2026-05-31");
  const activity a{s};
  EXPECT_FALSE(a.valid_on(parse_date("2025-12-31")));
  EXPECT_TRUE(a.valid_on(parse_date("2026-01-01")));
  EXPECT_TRUE(a.valid_on(parse_date("2026-05-31")));
  EXPECT_FALSE(a.valid_on(parse_date("2026-06-01")));
  s.valid_to = parse_date("2025-05-31");
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.valid_to: must not be before valid_from");
}

TEST(Activity, RejectsBrokenSpecs) {
  auto s = choir_spec();
  s.name = {};
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.name");
  s = choir_spec();
  s.languages = {};
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.languages: needs at least one language");
  s = choir_spec();
  s.categories = {activity_category::exercise, activity_category::exercise};
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.categories[1]");
  s = choir_spec();
  s.min_age = 70;
  s.max_age = 60;
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.max_age");
  s = choir_spec();
  s.position = geo_point{100, 20};
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.position.latitude: must be from -90 to 90 degrees");
  s = choir_spec();
  s.position = geo_point{63.8, -181};
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.position.longitude: must be from -180 to 180 degrees");
  s = choir_spec();
  s.cost = {cost_kind::fee, 0, "EUR", false};
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.cost.amount");
  s = choir_spec();
  s.cost = {cost_kind::free, 0, "eur", false};
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.cost.currency");
  s = choir_spec();
  s.capacity = 0;
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.capacity");
  s = choir_spec();
  s.description.fi = "Ohjaaja 131052-308T";
  KULKIJA_EXPECT_THROW_MSG(activity{s}, invalid_argument, "activity.description.fi");
}

TEST(Recurrence, WeeklyBiweeklyMonthly) {
  recurrence_rule weekly{recurrence_frequency::weekly, weekday::wednesday, 0, std::nullopt, 600, 720};
  weekly.validate("r");
  EXPECT_TRUE(weekly.occurs_on(parse_date("2026-01-07")));   // a Wednesday
  EXPECT_FALSE(weekly.occurs_on(parse_date("2026-01-08")));
  EXPECT_EQ(weekly.next_on_or_after(parse_date("2026-01-08")), parse_date("2026-01-14"));

  recurrence_rule biweekly{recurrence_frequency::biweekly, weekday::wednesday, 0, parse_date("2026-01-07"), 1020, 1140};
  biweekly.validate("r");
  EXPECT_TRUE(biweekly.occurs_on(parse_date("2026-01-07")));
  EXPECT_FALSE(biweekly.occurs_on(parse_date("2026-01-14")));
  EXPECT_TRUE(biweekly.occurs_on(parse_date("2026-01-21")));
  EXPECT_TRUE(biweekly.occurs_on(parse_date("2025-12-24")));  // before the anchor too
  EXPECT_FALSE(biweekly.occurs_on(parse_date("2025-12-31")));
  EXPECT_EQ(biweekly.window(), time_window::weekday_evening);

  recurrence_rule last_friday{recurrence_frequency::monthly, weekday::friday, -1, std::nullopt, 780, 900};
  last_friday.validate("r");
  EXPECT_TRUE(last_friday.occurs_on(parse_date("2026-01-30")));
  EXPECT_FALSE(last_friday.occurs_on(parse_date("2026-01-23")));
  recurrence_rule second_monday{recurrence_frequency::monthly, weekday::monday, 2, std::nullopt, 600, 660};
  EXPECT_TRUE(second_monday.occurs_on(parse_date("2026-02-09")));
  EXPECT_FALSE(second_monday.occurs_on(parse_date("2026-02-02")));
  EXPECT_EQ(second_monday.next_on_or_after(parse_date("2026-02-10")), parse_date("2026-03-09"));
  recurrence_rule saturday{recurrence_frequency::weekly, weekday::saturday, 0, std::nullopt, 600, 660};
  EXPECT_EQ(saturday.window(), time_window::weekend);
  EXPECT_EQ(second_monday.window(), time_window::weekday_daytime);
}

TEST(Recurrence, ValidationNamesThePart) {
  recurrence_rule r{recurrence_frequency::weekly, weekday::monday, 0, std::nullopt, 600, 600};
  KULKIJA_EXPECT_THROW_MSG(r.validate("schedule[0]"), invalid_argument, "schedule[0].ends");
  r = {recurrence_frequency::biweekly, weekday::monday, 0, std::nullopt, 600, 660};
  KULKIJA_EXPECT_THROW_MSG(r.validate("schedule[0]"), invalid_argument, "schedule[0].anchor");
  r.anchor = parse_date("2026-01-07");  // a Wednesday
  KULKIJA_EXPECT_THROW_MSG(r.validate("schedule[0]"), invalid_argument, "must fall on the rule's weekday monday");
  r = {recurrence_frequency::monthly, weekday::monday, 5, std::nullopt, 600, 660};
  KULKIJA_EXPECT_THROW_MSG(r.validate("s"), invalid_argument, "s.week_of_month");
  r = {recurrence_frequency::weekly, weekday::monday, 2, std::nullopt, 600, 660};
  KULKIJA_EXPECT_THROW_MSG(r.validate("s"), invalid_argument, "only for monthly");
}

TEST(TimeOfDay, ParsesAndFormats) {
  EXPECT_EQ(parse_time_of_day("10:00"), 600);
  EXPECT_EQ(parse_time_of_day("18:30:00"), 1110);
  EXPECT_EQ(parse_time_of_day("24:00"), 1440);
  EXPECT_EQ(format_time_of_day(545), "09:05");
  KULKIJA_EXPECT_THROW_MSG((void)parse_time_of_day("25:00"), parse_error, "time of day");
  KULKIJA_EXPECT_THROW_MSG((void)parse_time_of_day("9:00"), parse_error, "time of day");
  KULKIJA_EXPECT_THROW_MSG((void)parse_time_of_day("10:60"), parse_error, "time of day");
}

TEST(Cost, KaikukorttiMakesItFreeForHolders) {
  const activity_cost fee{cost_kind::fee, 12.5, "EUR", true};
  EXPECT_EQ(fee.for_participant(false), 12.5);
  EXPECT_EQ(fee.for_participant(true), 0.0);
  const activity_cost no_card{cost_kind::fee, 12.5, "EUR", false};
  EXPECT_EQ(no_card.for_participant(true), 12.5);
  const activity_cost unknown{cost_kind::unknown, 0, "EUR", false};
  EXPECT_FALSE(unknown.for_participant(false).has_value());
  EXPECT_EQ(parse_cost_kind("fee"), cost_kind::fee);
  EXPECT_EQ(parse_weekday("TH"), weekday::thursday);
  EXPECT_EQ(weekday_of(parse_date("2026-11-24")), weekday::tuesday);
}

}  // namespace
}  // namespace kulkija
