#include "kulkija/region/region.hpp"

#include <gtest/gtest.h>

#include <string>

#include "../test_support.hpp"
#include "fixtures.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/eligibility/client_record.hpp"
#include "kulkija/interop/records_csv.hpp"

namespace k = kulkija;

TEST(Region, LoadsTheSampleRegion) {
  const auto r = k::region::load(kulkija_test::sample_region);
  EXPECT_EQ(r.config.name, "Keski-Pohjanmaa (Soite), synthetic sample region");
  EXPECT_EQ(r.records.referrals.size(), 320U);
  EXPECT_EQ(r.records.clients.size(), 320U);
  EXPECT_EQ(r.workers.size(), 13U);
  EXPECT_TRUE(r.catalogue.has_value());
  EXPECT_FALSE(r.measurements.empty());
  EXPECT_FALSE(r.visits.empty());
  EXPECT_FALSE(r.meetings.empty());
  EXPECT_FALSE(r.assessments.empty());
  EXPECT_NO_THROW((void)r.rules.in_force(r.config.rule_set, r.config.as_of));
  // every file read is kept, under the name region.json or the layout gives it
  EXPECT_TRUE(r.sources().contains("events.csv"));
  EXPECT_TRUE(r.sources().contains("../rules/wellbeing-referral.json"));
  EXPECT_TRUE(r.sources().contains("matching-policy.json"));
}

TEST(Region, FromSourcesRebuildsTheSameRegion) {
  const auto r = k::region::load(kulkija_test::sample_region);
  const auto copy = k::region::from_sources(r.sources(), "ignored: region.json names it");
  EXPECT_EQ(copy.config, r.config);
  EXPECT_EQ(copy.records.referrals, r.records.referrals);
  EXPECT_EQ(copy.workers, r.workers);
  EXPECT_EQ(copy.assessments, r.assessments);
  EXPECT_EQ(copy.meetings.size(), r.meetings.size());
  EXPECT_EQ(copy.sources(), r.sources());
  auto missing = r.sources();
  missing.erase("events.csv");
  KULKIJA_EXPECT_THROW_MSG((void)k::region::from_sources(missing, "x"), k::not_found, "events.csv");
}

// One reader for a region folder: the referrals read_referrals_csv() gives are the region's.
TEST(Region, RecordsAreWhatReadReferralsCsvReads) {
  const auto r = k::region::load(kulkija_test::sample_region);
  EXPECT_EQ(k::read_referrals_csv(kulkija_test::sample_region), r.records.referrals);
}

TEST(Region, MissingFolderAndFiles) {
  KULKIJA_EXPECT_THROW_MSG((void)k::region::load("/nonexistent/region"), k::not_found, "region folder");
  const kulkija_test::region_copy copy("missing");
  std::filesystem::remove(copy.dir() / "professionals.csv");
  KULKIJA_EXPECT_THROW_MSG((void)k::region::load(copy.dir()), k::not_found, "sample-region/professi");
}

TEST(Region, RuleSetAndPolicyFilesNamedInRegionJsonMustExist) {
  const kulkija_test::region_copy copy("named");
  copy.write("region.json", R"({"rule_sets": ["nowhere.json"]})");
  KULKIJA_EXPECT_THROW_MSG((void)k::region::load(copy.dir()), k::not_found,
                           "rule set file named in region.json 'nowhere.json' not found");
  copy.write("region.json", R"({"support_policy": "nowhere.json"})");
  KULKIJA_EXPECT_THROW_MSG((void)k::region::load(copy.dir()), k::not_found,
                           "policy file named in region.json 'nowhere.json' not found");
}

TEST(Region, BadRowsNameTheFileLineAndColumn) {
  const kulkija_test::region_copy copy("rows");
  copy.write("municipalities.csv", "code,name_fi,name_sv,lat,lon\n272,Kokkola,Karleby,north,23.1\n");
  try {
    (void)k::region::load(copy.dir());
    ADD_FAILURE() << "expected a parse error";
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.path(), "municipalities.csv");
    EXPECT_EQ(e.line(), 2U);
    EXPECT_EQ(e.column(), 4U);
    EXPECT_NE(std::string(e.what()).find("column 'lat': expected a number"), std::string::npos) << e.what();
  }
  copy.write("municipalities.csv", "code,name_fi,name_sv,lat,lon\n272,Kokkola,Karleby,63.8,23.1\n");
  copy.write("assessments.csv", "referral_id,wellbeing,needs_medical_care,own_resources_sufficient\nR-0001,11,,\n");
  KULKIJA_EXPECT_THROW_MSG((void)k::region::load(copy.dir()), k::parse_error, "column 'wellbeing': must be from 0 to 10");
  copy.write("assessments.csv", "referral_id,wellbeing,needs_medical_care,own_resources_sufficient\nR-9999,1,,\n");
  KULKIJA_EXPECT_THROW_MSG((void)k::region::load(copy.dir()), k::parse_error, "not found in referrals.csv");
}

// Every JSON file of a region fed a number overflow, a deep nesting and invalid UTF-8: a
// parse error naming the file, never a crash or another exception.
TEST(Region, HostileJsonInEveryRegionFileIsAParseError) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::vector<std::string> hostile{R"({"name": 1e999})", R"({"id": 1e999})", "{\"id\": \"\xff\xfe\"}", deep,
                                         "{\"a\": " + deep + "}"};
  for (const std::string file : {"region.json", "support-policy.json", "matching-policy.json", "catalogue.json"}) {
    for (const auto& text : hostile) {
      const kulkija_test::region_copy copy("hostile");
      copy.write(file, text);
      try {
        (void)k::region::load(copy.dir());
        ADD_FAILURE() << file << " accepted " << text.substr(0, 30);
      } catch (const k::parse_error& e) {
        EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
      }
    }
  }
}

TEST(Region, LocationOfPrefersTheClientsOwnThenTheMunicipality) {
  const auto r = k::region::load(kulkija_test::sample_region);
  for (const auto& c : r.records.clients) {
    const auto at = k::location_of(r, c);
    ASSERT_TRUE(at.has_value());
    const auto own = r.locations.find(c.id().str());
    if (own != r.locations.end()) {
      EXPECT_EQ(*at, own->second);
    } else {
      EXPECT_EQ(*at, r.centres.at(c.home().code()));
    }
  }
}

TEST(Region, ScreeningRecordAddsTheAssessment) {
  const auto r = k::region::load(kulkija_test::sample_region);
  const auto& ref = r.records.referrals.front();
  const auto rec = k::screening_record(r, ref, r.config.as_of);
  const auto& a = r.assessments.at(ref.id().str());
  ASSERT_TRUE(a.wellbeing.has_value());
  EXPECT_EQ(rec.value("wellbeing"), k::field_value(*a.wellbeing));
  EXPECT_EQ(k::client_record(ref, r.config.as_of).value("wellbeing"), k::field_value{});
}
