#include "kulkija/interop/catalogue_csv.hpp"

#include "../catalogue/fixtures.hpp"
#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

constexpr const char* minimal =
    "activity_id,organisation_id,organisation_name,name_fi,languages,municipality,schedule,cost,fee,kaikukortti\n"
    "A1,O1,Kannuksen Eläkkeensaajat ry,Kuntosalivuoro,fi;sv,217,weekly tu 10:00-11:30;monthly -1 fr 13:00-15:00,fee,3.5,true\n"
    "A2,O1,Kannuksen Eläkkeensaajat ry,Kahvila,fi,,biweekly 2026-01-07 17:00-19:00,,,\n";

TEST(CatalogueCsv, ReadsTheDocumentedColumns) {
  const catalogue c = catalogue_from_csv(minimal, "catalogue.csv");
  ASSERT_EQ(c.activities().size(), 2U);
  const activity_spec& a = c.activities()[0].spec();
  EXPECT_EQ(a.languages, (std::vector<language>{language{"fi"}, language{"sv"}}));
  EXPECT_EQ(a.place, municipality{217});
  ASSERT_EQ(a.schedule.size(), 2U);
  EXPECT_EQ(a.schedule[0].day, weekday::tuesday);
  EXPECT_EQ(a.schedule[1].week_of_month, -1);
  EXPECT_EQ(a.cost.kind, cost_kind::fee);
  EXPECT_DOUBLE_EQ(a.cost.amount, 3.5);
  EXPECT_TRUE(a.cost.kaikukortti);
  const activity_spec& b = c.activities()[1].spec();
  EXPECT_FALSE(b.place.has_value());
  EXPECT_EQ(b.schedule[0].day, weekday::wednesday);
  EXPECT_EQ(b.cost.kind, cost_kind::free);
  EXPECT_EQ(c.organisations().size(), 1U);
}

TEST(CatalogueCsv, RoundTrips) {
  catalogue c = testing::sample_catalogue();
  auto s = testing::choir_spec("A-2");
  s.schedule.push_back(recurrence_rule{recurrence_frequency::biweekly, weekday::wednesday, 0, parse_date("2026-01-07"), 1020, 1140});
  s.description.sv = "Med \"citat\", komma; och semikolon";
  s.valid_to = parse_date("2026-12-31");
  s.capacity = 20;
  c.add(activity{s});
  const std::string text = catalogue_to_csv(c);
  const catalogue back = catalogue_from_csv(text);
  ASSERT_EQ(back.activities().size(), c.activities().size());
  for (std::size_t i = 0; i < c.activities().size(); ++i) {
    const auto& x = back.activities()[i].spec();
    const auto& y = c.activities()[i].spec();
    EXPECT_EQ(x.name, y.name) << i;
    EXPECT_EQ(x.description, y.description) << i;
    EXPECT_EQ(x.schedule, y.schedule) << i;
    EXPECT_EQ(x.position, y.position) << i;
    EXPECT_EQ(x.cost, y.cost) << i;
    EXPECT_EQ(x.place, y.place) << i;
  }
  EXPECT_EQ(back.organisations(), c.organisations());
  EXPECT_EQ(back, c);
}

TEST(CatalogueCsv, ErrorsNameLineAndColumn) {
  const std::string bad_schedule = std::string(minimal).replace(std::string(minimal).find("tu 10:00"), 2, "xx");
  try {
    (void)catalogue_from_csv(bad_schedule, "catalogue.csv");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.line(), 2U);
    EXPECT_EQ(e.column(), 7U);
    EXPECT_EQ(e.path(), "catalogue.csv");
    EXPECT_NE(std::string(e.what()).find("column 'schedule'"), std::string::npos) << e.what();
  }
  KULKIJA_EXPECT_THROW_MSG((void)catalogue_from_csv("activity_id,organisation_id\nA,O\n"), parse_error, "organisation_name");
  const std::string other_name = std::string(minimal).replace(std::string(minimal).rfind("Kannuksen"), 9, "Toinen");
  KULKIJA_EXPECT_THROW_MSG((void)catalogue_from_csv(other_name), parse_error, "column 'organisation_name'");
  const std::string bad_municipality = std::string(minimal).replace(std::string(minimal).find(",217,"), 5, ",999,");
  try {
    (void)catalogue_from_csv(bad_municipality);
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.id(), error_id::invalid_municipality);
    EXPECT_EQ(e.column(), 6U);
  }
}

}  // namespace
}  // namespace kulkija
