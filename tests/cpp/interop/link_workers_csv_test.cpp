#include "kulkija/interop/link_workers_csv.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

namespace {
const std::filesystem::path sample = std::filesystem::path(KULKIJA_SOURCE_DIR) / "examples/data/sample-region";
}

TEST(LinkWorkersCsv, SampleRegionRoundTrips) {
  const auto workers = k::read_link_workers_csv(sample / "link_workers.csv");
  ASSERT_EQ(workers.size(), 13U);
  EXPECT_EQ(k::link_workers_from_csv(k::link_workers_to_csv(workers)), workers);
}

TEST(LinkWorkersCsv, OptionalColumnsAndErrors) {
  const auto workers = k::link_workers_from_csv(
      "worker,languages,municipality,capacity,lat,lon,specialisms\n"
      "LW-1,fi;sv,272,8,63.8376,23.1313,older_people\n"
      "LW-2,fi,924,5,,,\n");
  ASSERT_EQ(workers.size(), 2U);
  EXPECT_TRUE(workers[0].location().has_value());
  EXPECT_FALSE(workers[1].location().has_value());
  EXPECT_EQ(workers[0].languages().size(), 2U);
  EXPECT_EQ(k::link_workers_from_csv(k::link_workers_to_csv(workers)), workers);
  KULKIJA_EXPECT_THROW_MSG((void)k::link_workers_from_csv("worker,languages,municipality\n"), k::parse_error,
                           "missing column 'capacity'");
  KULKIJA_EXPECT_THROW_MSG((void)k::link_workers_from_csv("worker,languages,municipality,capacity\nLW-1,fi,999,3\n", "w.csv"),
                           k::parse_error, "at w.csv: 2:3: column 'municipality'");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::link_workers_from_csv("worker,languages,municipality,capacity\nLW-1,fi,272,3\nLW-1,sv,272,3\n"),
      k::parse_error, "3:1: column 'worker': worker: 'LW-1' appears twice");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::link_workers_from_csv("worker,languages,municipality,capacity,lat,lon\nLW-1,fi,272,3,63.8,\n"),
      k::parse_error, "column 'lon': expected a decimal number");
  KULKIJA_EXPECT_THROW_MSG((void)k::link_workers_from_csv("worker,languages,municipality,capacity\n131052-308T,fi,272,3\n"),
                           k::parse_error, "worker");
}

TEST(LinkWorkersCsv, KindAndLastSupervision) {
  const auto workers = k::link_workers_from_csv(
      "worker,languages,municipality,capacity,kind,last_supervision\n"
      "LW-1,fi,272,8,volunteer,2026-10-01\n"
      "LW-2,fi,272,5,,\n");
  EXPECT_EQ(workers[0].kind(), k::worker_kind::volunteer);
  EXPECT_EQ(workers[0].last_supervision(), k::parse_date("2026-10-01"));
  EXPECT_EQ(workers[1].kind(), k::worker_kind::professional);  // empty: professional
  EXPECT_EQ(workers[1].last_supervision(), std::nullopt);
  EXPECT_EQ(k::link_workers_from_csv(k::link_workers_to_csv(workers)), workers);
  // files without the columns read as before
  EXPECT_EQ(k::link_workers_from_csv("worker,languages,municipality,capacity\nLW-1,fi,272,8\n")[0].kind(),
            k::worker_kind::professional);
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::link_workers_from_csv("worker,languages,municipality,capacity,kind\nLW-1,fi,272,8,wizard\n", "w.csv"),
      k::parse_error, "[kulkija.parse_error.105] at w.csv: 2:5: column 'kind': unknown worker kind 'wizard'");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::link_workers_from_csv("worker,languages,municipality,capacity,last_supervision\nLW-1,fi,272,8,2026-02-30\n"),
      k::parse_error, "2:5: column 'last_supervision'");
}
