#include "kulkija/region/report.hpp"

#include <gtest/gtest.h>

#include <string>

#include "fixtures.hpp"

namespace k = kulkija;

namespace {

const k::region& sample() {
  static const k::region r = k::region::load(kulkija_test::sample_region);
  return r;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST(RegionReport, TablesInTheOrderOfTheCsvFiles) {
  const auto result = k::run(sample(), sample().config.as_of);
  const auto tables = k::report_tables(result);
  std::vector<std::string> stems;
  for (const auto& [stem, t] : tables) {
    stems.push_back(stem);
    EXPECT_EQ(t.numeric.size(), t.columns.size()) << stem;
    for (const auto& row : t.rows) EXPECT_EQ(row.size(), t.columns.size()) << stem;
  }
  EXPECT_EQ(stems, (std::vector<std::string>{"summary", "screening", "matches", "deadlines", "recommendations", "funnel",
                                             "caseloads", "workers", "queue"}));
  EXPECT_EQ(tables[1].second.rows.size(), sample().records.referrals.size());
  EXPECT_EQ(tables[2].second.rows.size(), result.waiting.size());
  EXPECT_EQ(tables[5].second.rows.size(), 5U);
  EXPECT_EQ(tables[6].second.rows.size(), sample().workers.size());
  EXPECT_EQ(tables[8].second.rows.size(), result.queue.size());
}

TEST(RegionReport, SummaryRowsAreTheKpis) {
  const auto result = k::run(sample(), sample().config.as_of);
  const auto t = k::kpi_table(result);
  const auto value = [&](const std::string& metric) {
    for (const auto& row : t.rows) {
      if (row[0] == metric) return row[1];
    }
    return std::string("absent");
  };
  EXPECT_EQ(value("referrals"), std::to_string(sample().records.referrals.size()));
  EXPECT_EQ(value("matched_now"), std::to_string(result.matches.matched.size()));
  EXPECT_EQ(value("queue"), std::to_string(result.queue.size()));
  EXPECT_EQ(value("first_contacts"), std::to_string(result.kpis.first_contacts));
}

TEST(RegionReport, TitlesInTheResultsLanguage) {
  k::run_options sv;
  sv.lang = k::text_language::sv;
  const auto result = k::run(sample(), sample().config.as_of, sv);
  EXPECT_EQ(k::funnel_table(result).title, "Remissernas förlopp");
  EXPECT_EQ(k::queue_table(result.queue, k::text_language::fi).title, "Koordinaattorin jono");
}

TEST(RegionReport, HtmlIsSelfContainedWithItsCharts) {
  const auto html = k::report_html(k::run(sample(), sample().config.as_of));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
  for (const std::string id : {"funnel", "deadlines", "caseloads", "visits", "change-swemwbs"}) {
    EXPECT_EQ(count(html, "<svg id=\"" + id + "\""), 1U) << id;
  }
  EXPECT_EQ(count(html, "<script"), 0U);
  EXPECT_EQ(count(html, "http://"), count(html, "http://www.w3.org/2000/svg"));
  EXPECT_EQ(count(html, "https://"), 0U);
}

TEST(RegionReport, ARegionNameWithAnIdentityCodeIsRedacted) {
  k::region r = sample();
  r.config.name = "Region 131052-308T";
  const auto html = k::report_html(k::run(r, r.config.as_of));
  EXPECT_EQ(html.find("131052-308T"), std::string::npos);
  EXPECT_NE(html.find("&lt;redacted personal identity code&gt;"), std::string::npos);
}
