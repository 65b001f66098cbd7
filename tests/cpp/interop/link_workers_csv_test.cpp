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
  KULKIJA_EXPECT_THROW_MSG((void)k::link_workers_from_csv("worker,languages,municipality,capacity\nLW-1,fi;fi,272,3\n"),
                           k::parse_error, "2:2: column 'languages': languages[1]: 'fi' is listed twice");
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

namespace {

// The message link_workers_from_csv() throws for `text`.
std::string thrown(const std::string& text) {
  try {
    (void)k::link_workers_from_csv(text, "w.csv");
  } catch (const k::parse_error& e) {
    return e.what();
  }
  return {};
}

const std::string header = "worker,languages,municipality,capacity\n";

}  // namespace

TEST(LinkWorkersCsv, CheckCollectsEveryRowsErrorAndKeepsTheGoodRows) {
  const std::string bad_language = "LW-2,xx,272,5\n";
  const std::string bad_capacity = "LW-3,fi,272,many\n";
  const std::string bad_both = "LW-4,fi,999,-1\n";  // the first problem (municipality) is reported
  const std::string text = header + "LW-1,fi,272,5\n" + bad_language + bad_capacity + bad_both + "LW-5,sv,272,3\n" +
                           "LW-1,fi,272,5\n";
  const auto checked = k::check_link_workers_csv(text, "w.csv");
  ASSERT_EQ(checked.rows.size(), 2U);
  EXPECT_EQ(checked.rows[0].id().str(), "LW-1");
  EXPECT_EQ(checked.rows[1].id().str(), "LW-5");
  const auto& d = checked.diagnostics;
  EXPECT_EQ(d.source, "w.csv");
  EXPECT_FALSE(d.ok());
  ASSERT_EQ(d.errors.size(), 4U);
  EXPECT_EQ(d.count(), 4U);
  EXPECT_EQ(d.more_errors, 0U);
  const std::size_t lines[] = {3, 4, 5, 7};
  const std::size_t columns[] = {2, 4, 3, 1};
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(d.errors[i].line(), lines[i]);
    EXPECT_EQ(d.errors[i].column(), columns[i]);
    EXPECT_EQ(d.errors[i].path(), "w.csv");
  }
  // each error is the one the throwing reader gives for that row alone (at line 2 there)
  const auto same = [&](const k::parse_error& e, const std::string& row) {
    std::string expected = thrown(header + row);
    const std::string at = "at w.csv: 2:";
    const std::string got = e.what();
    ASSERT_NE(expected.find(at), std::string::npos) << expected;
    expected.replace(expected.find(at), at.size(), "at w.csv: " + std::to_string(e.line()) + ":");
    EXPECT_EQ(got, expected);
  };
  same(d.errors[0], bad_language);
  same(d.errors[1], bad_capacity);
  same(d.errors[2], bad_both);
  EXPECT_NE(std::string(d.errors[3].what()).find("'LW-1' appears twice"), std::string::npos);
  // the throwing reader is unchanged: the first error only
  KULKIJA_EXPECT_THROW_MSG((void)k::link_workers_from_csv(text, "w.csv"), k::parse_error, "at w.csv: 3:2: column 'languages'");
}

TEST(LinkWorkersCsv, CheckOfAGoodFileAndOfAFileThatStops) {
  const auto good = k::check_link_workers_csv(header + "LW-1,fi,272,5\n");
  EXPECT_TRUE(good.diagnostics.ok());
  EXPECT_EQ(good.rows, k::link_workers_from_csv(header + "LW-1,fi,272,5\n"));
  // a missing required column stops the file: one error, no rows
  const auto missing = k::check_link_workers_csv("worker,languages,municipality\nLW-1,fi,272\nLW-2,fi,272\n");
  ASSERT_EQ(missing.diagnostics.errors.size(), 1U);
  EXPECT_TRUE(missing.rows.empty());
  EXPECT_NE(std::string(missing.diagnostics.errors[0].what()).find("missing column 'capacity'"), std::string::npos);
  // malformed CSV stops the file at that point
  const auto quote = k::check_link_workers_csv(header + "LW-1,xx,272,5\nLW-2,\"fi,272,5\n");
  ASSERT_EQ(quote.diagnostics.errors.size(), 1U);
  EXPECT_EQ(quote.diagnostics.errors[0].id(), k::error_id::parse_csv);
}

TEST(LinkWorkersCsv, CheckKeepsAtMostTheLimitAndCountsTheRest) {
  std::string text = header;
  for (int i = 0; i < 130; ++i) text += "LW-" + std::to_string(i) + ",xx,272,5\n";
  const auto checked = k::check_link_workers_csv(text);
  EXPECT_EQ(checked.diagnostics.errors.size(), k::csv_error_limit);
  EXPECT_EQ(checked.diagnostics.more_errors, 30U);
  EXPECT_EQ(checked.diagnostics.count(), 130U);
  EXPECT_EQ(checked.diagnostics.errors.back().line(), 101U);
  const auto three = k::check_link_workers_csv(text, {}, 3);
  EXPECT_EQ(three.diagnostics.errors.size(), 3U);
  EXPECT_EQ(three.diagnostics.more_errors, 127U);
}
