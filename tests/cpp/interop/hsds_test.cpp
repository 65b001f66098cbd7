#include "kulkija/interop/hsds.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../catalogue/fixtures.hpp"
#include "../test_support.hpp"
#include "kulkija/catalogue/recommend.hpp"
#include "kulkija/core/error.hpp"

#ifndef KULKIJA_SHARED_DATA_DIR
#error "KULKIJA_SHARED_DATA_DIR must be defined by the build"
#endif

namespace kulkija {
namespace {

const std::filesystem::path examples = std::filesystem::path(KULKIJA_SHARED_DATA_DIR) / "hsds" / "v3.0" / "examples";

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool warned(const hsds_import& r, std::string_view path_fragment) {
  return std::any_of(r.warnings.begin(), r.warnings.end(),
                     [&](const hsds_warning& w) { return w.path.find(path_fragment) != std::string::npos; });
}

// Every official example of HSDS 3.0, with what it must give.
TEST(HsdsExamples, ServiceFull) {
  const auto r = read_hsds_file(examples / "service_full.json");
  ASSERT_EQ(r.catalogue.activities().size(), 1U);
  const activity& a = r.catalogue.activities()[0];
  EXPECT_EQ(a.id().str(), "ac148810-d857-441c-9679-408f346de14b");
  EXPECT_EQ(a.name_in(text_language::fi), "Community Counselling");
  EXPECT_EQ(a.spec().min_age, 12);
  EXPECT_EQ(a.spec().max_age, 100);
  EXPECT_EQ(a.spec().languages, std::vector<language>{language{"ur"}});
  EXPECT_EQ(a.spec().cost.kind, cost_kind::fee);
  EXPECT_DOUBLE_EQ(a.spec().cost.amount, 35);
  EXPECT_EQ(a.spec().cost.currency, "GBP");
  // WEEKLY TH,FR 10:00-18:00 from the service and from its service_at_location
  ASSERT_EQ(a.spec().schedule.size(), 2U);
  EXPECT_EQ(a.spec().schedule[0].day, weekday::thursday);
  EXPECT_EQ(a.spec().schedule[1].day, weekday::friday);
  EXPECT_EQ(a.spec().schedule[0].starts, 600);
  EXPECT_EQ(a.spec().schedule[0].ends, 1080);
  EXPECT_FALSE(a.spec().position.has_value());  // latitude 100 is not on Earth
  EXPECT_TRUE(warned(r, "$.service_at_locations[0].location"));
  EXPECT_TRUE(warned(r, "$.schedules[0].byweekno"));
  EXPECT_EQ(a.spec().address, "1-30 Main Street, MyCity");
  EXPECT_EQ(r.catalogue.organisations().at(0).name(), "Example Organization Inc.");
  EXPECT_EQ(r.terms.size(), 1U);
}

TEST(HsdsExamples, OrganizationFull) {
  const auto r = read_hsds_file(examples / "organization_full.json");
  ASSERT_EQ(r.catalogue.organisations().size(), 1U);
  EXPECT_EQ(r.catalogue.organisations()[0].id().str(), "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610");
  ASSERT_EQ(r.catalogue.activities().size(), 1U);
  EXPECT_EQ(r.catalogue.activities()[0].organisation(), r.catalogue.organisations()[0].id());
}

TEST(HsdsExamples, ServiceAtLocationFull) {
  const auto r = read_hsds_file(examples / "service_at_location_full.json");
  ASSERT_EQ(r.catalogue.activities().size(), 1U);
  EXPECT_EQ(r.catalogue.activities()[0].spec().schedule.size(), 2U);
  EXPECT_TRUE(warned(r, "$.location"));
}

TEST(HsdsExamples, ListPages) {
  const auto services = read_hsds_file(examples / "service_list.json");
  EXPECT_EQ(services.catalogue.activities().size(), 1U);
  EXPECT_EQ(services.catalogue.activities()[0].spec().cost.kind, cost_kind::unknown);
  const auto organisations = read_hsds_file(examples / "organization_list.json");
  EXPECT_EQ(organisations.catalogue.organisations().size(), 1U);
  EXPECT_TRUE(organisations.catalogue.activities().empty());
  const auto at_locations = read_hsds_file(examples / "service_at_location_list.json");
  EXPECT_EQ(at_locations.catalogue.activities().size(), 1U);
  EXPECT_EQ(read_hsds_file(examples / "taxonomy_list.json").terms.size(), 1U);
  EXPECT_EQ(read_hsds_file(examples / "taxonomy_term_list.json").terms.size(), 1U);
}

TEST(HsdsExamples, SmallObjects) {
  EXPECT_TRUE(read_hsds_file(examples / "base.json").catalogue.activities().empty());
  const auto location = read_hsds_file(examples / "location.json");
  EXPECT_TRUE(location.catalogue.activities().empty());
  EXPECT_TRUE(warned(location, "$"));
  EXPECT_EQ(read_hsds_file(examples / "taxonomy.json").terms.at(0).name, "name");
  const auto term = read_hsds_file(examples / "taxonomy_term.json");
  EXPECT_EQ(term.terms.at(0).code, "code");
  EXPECT_EQ(term.terms.at(0).taxonomy, "taxonomy");
}

TEST(HsdsExamples, TabularForm) {
  const auto r = read_hsds_file(examples / "tabular.json");
  ASSERT_EQ(r.catalogue.activities().size(), 1U);
  const activity& a = r.catalogue.activities()[0];
  EXPECT_EQ(a.id().str(), "ac148810-d857-441c-9679-408f346de14b");
  EXPECT_EQ(a.spec().languages, std::vector<language>{language{"ur"}});
  EXPECT_EQ(a.spec().cost.kind, cost_kind::fee);
  EXPECT_FALSE(a.spec().schedule.empty());
}

TEST(HsdsExamples, EveryJsonFileInTheFolderImports) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(examples)) {
    if (entry.path().extension() != ".json") continue;
    ++files;
    EXPECT_NO_THROW((void)read_hsds_file(entry.path())) << entry.path();
  }
  EXPECT_EQ(files, 13U);
}

TEST(HsdsErrors, MalformedFilesNameThePath) {
  std::string text = read(examples / "service_full.json");
  const auto replace = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    for (auto at = t.find(from); at != std::string::npos; at = t.find(from, at + to.size())) t.replace(at, from.size(), to);
    return t;
  };
  try {
    (void)catalogue_from_hsds(replace("\"minimum_age\": 12", "\"minimum_age\": \"twelve\""));
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.path(), "$.minimum_age");
    EXPECT_EQ(e.id(), error_id::parse_structure);
  }
  KULKIJA_EXPECT_THROW_MSG((void)catalogue_from_hsds(replace("\"code\": \"ur\"", "\"code\": \"xx\"")), parse_error,
                           "language");
  try {
    (void)catalogue_from_hsds(replace("\"code\": \"ur\"", "\"code\": \"xx\""));
  } catch (const parse_error& e) {
    EXPECT_EQ(e.path().substr(0, 12), "$.languages[");  // service languages come first
    EXPECT_EQ(e.id(), error_id::invalid_language);
  }
  try {
    (void)catalogue_from_hsds(replace("\"opens_at\": \"10:00:00\"", "\"opens_at\": \"ten\""));
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.path(), "$.schedules[0].opens_at");
  }
  try {
    (void)catalogue_from_hsds(replace("\"freq\": \"WEEKLY\"", "\"freq\": \"DAILY\""));
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.path(), "$.schedules[0].freq");
    EXPECT_EQ(e.id(), error_id::parse_enum);
  }
  KULKIJA_EXPECT_THROW_MSG((void)catalogue_from_hsds("{\"services\": 3, \"id\": \"x\", \"name\": \"n\"}"), parse_error,
                           "must be an array");
  try {
    (void)catalogue_from_hsds("{\"total_items\": 1, \"contents\": [{\"id\": \"s1\", \"status\": \"active\"}]}");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.path(), "$.contents[0].name");
  }
  try {
    (void)catalogue_from_hsds("{\"id\": \"s 1\", \"name\": \"n\", \"status\": \"active\"}");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.path(), "$.id");
    EXPECT_EQ(e.id(), error_id::invalid_id);
  }
  try {
    (void)catalogue_from_hsds("{\"id\": \"s1\",\n \"name\": }");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.id(), error_id::parse_syntax);
    EXPECT_EQ(e.line(), 2U);
  }
  KULKIJA_EXPECT_THROW_MSG((void)catalogue_from_hsds("{\"hello\": 1}"), parse_error, "is not an HSDS 3.0 object");
}

TEST(HsdsErrors, KulkijaAttributesAreChecked) {
  const std::string doc = R"({"id": "s1", "name": "Kuoro", "status": "active", "organization_id": "o1",
    "attributes": [{"id": "a1", "value": "karaoke",
      "taxonomy_term": {"id": "kulkija:category", "code": "category", "name": "category", "description": "", "taxonomy": "kulkija"}}]})";
  try {
    (void)catalogue_from_hsds(doc);
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.path(), "$.attributes[0].value");
    EXPECT_EQ(e.id(), error_id::parse_enum);
  }
}

TEST(HsdsErrors, IdentityCodesNeverReachTheMessage) {
  try {
    (void)catalogue_from_hsds(R"({"id": "s1", "name": "Kuoro", "status": "active", "description": "ohjaaja 131052-308T"})");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.id(), error_id::personal_data);
    EXPECT_EQ(e.path(), "$");
    EXPECT_NE(std::string(e.what()).find("activity.description.fi"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
  try {
    (void)catalogue_from_hsds(R"({"id": "131052-308T", "name": "Kuoro", "status": "active"})");
    FAIL();
  } catch (const parse_error& e) {
    EXPECT_EQ(e.path(), "$.id");
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
}

TEST(HsdsErrors, InactiveServicesAreSkippedWithAWarning) {
  const auto r = catalogue_from_hsds(R"({"id": "s1", "name": "Kuoro", "status": "defunct"})");
  EXPECT_TRUE(r.catalogue.activities().empty());
  ASSERT_EQ(r.warnings.size(), 1U);
  EXPECT_EQ(r.warnings[0].path, "$");
}

TEST(HsdsExport, RoundTripsACatalogue) {
  catalogue cat = testing::sample_catalogue();
  auto s = testing::choir_spec("A-walk");
  s.name = {"Kävely", "Promenad", ""};
  s.description = {"", "", "Walking"};
  s.categories = {activity_category::outdoor_nature};
  s.target_groups = {};
  s.accessibility = {accessibility_feature::wheelchair_access, accessibility_feature::induction_loop};
  s.place = municipality{74};
  s.address = "";
  s.position.reset();
  s.schedule = {recurrence_rule{recurrence_frequency::biweekly, weekday::wednesday, 0, parse_date("2026-01-07"), 1020, 1140},
                recurrence_rule{recurrence_frequency::monthly, weekday::friday, -1, std::nullopt, 780, 900}};
  s.cost = {};
  s.registration_required = true;
  s.peer_support = true;
  s.capacity = 12;
  s.valid_from = parse_date("2026-01-01");
  s.valid_to = parse_date("2026-12-31");
  s.min_age.reset();
  s.languages = {language{"sv"}, language{"fi"}};
  cat.add(activity{s});
  auto u = testing::choir_spec("A-unknown");
  u.cost = {cost_kind::unknown, 0, "EUR", true};
  cat.add(activity{u});
  const std::string json = catalogue_to_hsds(cat);
  const auto back = catalogue_from_hsds(json);
  EXPECT_TRUE(back.warnings.empty()) << back.warnings.at(0).path << ": " << back.warnings.at(0).message;
  EXPECT_EQ(back.catalogue, cat);
  EXPECT_EQ(catalogue_to_hsds(back.catalogue), json);
  // Swedish as HSDS's name language gives the same catalogue
  hsds_import_options sv;
  sv.name_language = text_language::sv;
  EXPECT_EQ(catalogue_from_hsds(catalogue_to_hsds(cat, sv), sv).catalogue, cat);
}

TEST(HsdsSample, TheSampleRegionCatalogueImports) {
  const auto path = std::filesystem::path(KULKIJA_SOURCE_DIR) / "examples" / "data" / "sample-region" / "catalogue.json";
  const auto r = read_hsds_file(path);
  EXPECT_TRUE(r.warnings.empty());
  EXPECT_EQ(r.catalogue.organisations().size(), 31U);
  EXPECT_GE(r.catalogue.activities().size(), 30U);
  EXPECT_LE(r.catalogue.activities().size(), 80U);
  for (const auto& a : r.catalogue.activities()) {
    EXPECT_TRUE(a.spec().place.has_value()) << a.id();
    EXPECT_FALSE(a.spec().categories.empty()) << a.id();
    EXPECT_FALSE(a.spec().name.fi.empty() || a.spec().name.sv.empty() || a.spec().name.en.empty()) << a.id();
  }
  // exporting and reading back gives the same catalogue
  EXPECT_EQ(catalogue_from_hsds(catalogue_to_hsds(r.catalogue)).catalogue, r.catalogue);
  // a Swedish-speaking older client in Kokkola with a Kaikukortti finds card activities free
  client c{client_id{"C-sv"}, 1950, municipality{272}, {language{"sv"}}};
  c.set_needs({need::loneliness});
  recommendation_request req;
  req.on = parse_date("2026-03-02");
  req.kaikukortti_holder = true;
  req.k = 100;
  const auto recs = recommend(r.catalogue, c, req);
  EXPECT_FALSE(recs.empty());
  for (const auto& x : recs) {
    const activity& a = r.catalogue.find(x.activity);
    EXPECT_TRUE(a.uses(language{"sv"}));
    EXPECT_EQ(a.spec().place, municipality{272});
    if (a.spec().cost.kaikukortti) EXPECT_EQ(x.cost, 0.0);
  }
}

// The wording every JSON reader shares (issue 15): "must be <a kind>, got <JSON type>", "is required".
TEST(HsdsErrors, TheSharedWording) {
  KULKIJA_EXPECT_THROW_MSG((void)catalogue_from_hsds("{\"services\": 3, \"id\": \"x\", \"name\": \"n\"}"), parse_error,
                           "at $.services: must be an array, got number");
  KULKIJA_EXPECT_THROW_MSG(
      (void)catalogue_from_hsds("{\"total_items\": 1, \"contents\": [{\"id\": \"s1\", \"status\": \"active\"}]}"),
      parse_error, "at $.contents[0].name: is required");
  KULKIJA_EXPECT_THROW_MSG(
      (void)catalogue_from_hsds("{\"id\": \"s1\", \"name\": \"n\", \"status\": \"active\", \"minimum_age\": \"12\"}"),
      parse_error, "at $.minimum_age: must be a number, got string");
  KULKIJA_EXPECT_THROW_MSG((void)catalogue_from_hsds("{\"id\": \"s1\", \"name\": 5, \"status\": \"active\"}"),
                           parse_error, "at $.name: must be a string, got number");
  KULKIJA_EXPECT_THROW_MSG((void)catalogue_from_hsds("[1]"), parse_error, "at $: must be an object, got array");
}

}  // namespace
}  // namespace kulkija
