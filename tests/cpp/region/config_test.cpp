#include "kulkija/region/config.hpp"

#include <gtest/gtest.h>

#include <string>

#include "../test_support.hpp"
#include "fixtures.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(RegionConfig, ReadsEveryMember) {
  const auto c = k::region_config_from_json(R"({"name": "Testi", "as_of": "2026-03-02", "rule_sets": ["a.json", "b.json"],
    "rule_set": "r", "support_policy": "s.json", "matching_policy": "m.json", "catalogue": "",
    "mobility_radius_km": 12.5, "recommendations": 7})");
  EXPECT_EQ(c.name, "Testi");
  EXPECT_EQ(c.as_of, k::date(2026, 3, 2));
  EXPECT_EQ(c.rule_sets, (std::vector<std::string>{"a.json", "b.json"}));
  EXPECT_EQ(c.rule_set, "r");
  EXPECT_EQ(c.support_policy, "s.json");
  EXPECT_EQ(c.matching_policy, "m.json");
  EXPECT_EQ(c.catalogue, "");
  EXPECT_DOUBLE_EQ(c.mobility_radius_km, 12.5);
  EXPECT_EQ(c.recommendations, 7U);
}

TEST(RegionConfig, DefaultsWhenEmpty) {
  const auto c = k::region_config_from_json("{}");
  EXPECT_EQ(c, k::region_config{});
  EXPECT_EQ(c.catalogue, "catalogue.json");
  EXPECT_EQ(c.recommendations, 3U);
}

TEST(RegionConfig, ErrorsNameTheFileAndThePath) {
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json(R"({"as_of": "2026-13-01"})"), k::parse_error,
                           "region.json $.as_of");
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json(R"({"name": 3})"), k::parse_error,
                           "at region.json $.name: must be a string, got number");
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json(R"({"rule_sets": "x.json"})"), k::parse_error,
                           "$.rule_sets: must be an array of file names");
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json(R"({"rule_sets": ["a", 1]})"), k::parse_error,
                           "$.rule_sets[1]: must be a string");
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json(R"({"mobility_radius_km": 0})"), k::parse_error,
                           "$.mobility_radius_km: must be more than 0");
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json(R"({"recommendations": 51})"), k::parse_error,
                           "$.recommendations: must be 1 to 50");
  // found on the way: the shared JSON reader let 0 through a lower bound of 1 (nlohmann reads
  // 0 as unsigned, and only the upper bound was checked for unsigned numbers)
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json(R"({"recommendations": 0})"), k::parse_error,
                           "$.recommendations: must be 1 to 50");
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json(R"({"colour": "red"})"), k::parse_error,
                           "unknown member 'colour'");
  KULKIJA_EXPECT_THROW_MSG((void)k::region_config_from_json("[1, 2]"), k::parse_error, "must be an object");
}

// Found as a crash: `{"name": 1e999}` aborted the tool with nlohmann's out_of_range.406.
TEST(RegionConfig, HostileTextIsAParseErrorNeverACrash) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::vector<std::string> texts{R"({"name": 1e999})", R"({"mobility_radius_km": -1e999})",
                                       "{\"name\": \"\xff\xfe\"}", R"({"name": )" + deep + "}", deep};
  for (const std::string& text : texts) {
    EXPECT_THROW((void)k::region_config_from_json(text), k::parse_error) << text.substr(0, 40);
  }
}

TEST(RegionConfig, ReadRegionConfigDefaultsTheNameToTheFolder) {
  const kulkija_test::region_copy copy("config");
  std::filesystem::remove(copy.dir() / "region.json");
  const auto c = k::read_region_config(copy.dir());
  EXPECT_EQ(c.name, "sample-region");
  EXPECT_EQ(c.as_of, k::date(2026, 1, 1));
  EXPECT_EQ(k::read_region_config(kulkija_test::sample_region).name, "Keski-Pohjanmaa (Soite), synthetic sample region");
}
