#include "kulkija/interop/region_csv.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "kulkija/core/error.hpp"

namespace k = kulkija;
namespace fs = std::filesystem;

namespace {

const fs::path sample = fs::path(KULKIJA_SOURCE_DIR) / "examples/data/sample-region";

// A copy of the sample region with one file's line replaced, for bad-input tests.
fs::path broken_copy(const std::string& file, std::size_t line, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("kulkija-region-" + file + std::to_string(line));
  fs::remove_all(dir);
  fs::copy(sample, dir);
  std::ifstream in(dir / file);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  in.close();
  lines.at(line - 1) = text;
  std::ofstream out(dir / file);
  for (const auto& l : lines) out << l << '\n';
  return dir;
}

k::parse_error read_error(const fs::path& dir) {
  try {
    (void)k::read_region_csv(dir);
  } catch (const k::parse_error& e) {
    return e;
  }
  throw std::runtime_error("expected a parse_error");
}

}  // namespace

TEST(RegionCsv, ReadsTheSampleRegion) {
  const auto records = k::read_region_csv(sample);
  EXPECT_EQ(records.clients.size(), 12U);
  EXPECT_EQ(records.professionals.size(), 5U);
  ASSERT_EQ(records.referrals.size(), 12U);
  std::map<k::referral_state, int> by_state;
  for (const auto& r : records.referrals) ++by_state[r.state()];
  EXPECT_EQ(by_state[k::referral_state::completed], 3);
  EXPECT_EQ(by_state[k::referral_state::draft], 1);
  const auto& r3 = records.referrals[2];
  EXPECT_EQ(r3.id().str(), "R-0003");
  EXPECT_EQ(r3.link_worker(), k::link_worker_id{"LW-02"});
  EXPECT_EQ(r3.urgency(), k::priority::urgent);
  EXPECT_EQ(records.clients[1].languages().front(), k::language("sv"));
}

TEST(RegionCsv, ErrorsNameFileLineAndColumn) {
  auto e = read_error(broken_copy("clients.csv", 3, "C-0002,1987,999,sv;fi,with_family,unemployment"));
  EXPECT_EQ(e.path(), "clients.csv");
  EXPECT_EQ(e.line(), 3U);
  EXPECT_EQ(e.column(), 3U);
  EXPECT_NE(std::string(e.what()).find("column 'municipality': municipality: '999'"), std::string::npos) << e.what();

  e = read_error(broken_copy("events.csv", 6, "R-0001,complete,2026-01-19T12:00:00+02:00,link_worker,LW-03,,,"));
  EXPECT_EQ(e.path(), "events.csv");
  EXPECT_EQ(e.line(), 6U);
  EXPECT_NE(std::string(e.what()).find("time may not go back"), std::string::npos) << e.what();

  e = read_error(broken_copy("referrals.csv", 2, "R-0001,C-9999,P-SOS-02,loneliness,routine,"));
  EXPECT_NE(std::string(e.what()).find("client 'C-9999' not found"), std::string::npos) << e.what();

  e = read_error(broken_copy("clients.csv", 3, "C-0001,1987,272,sv,with_family,unemployment"));
  EXPECT_NE(std::string(e.what()).find("column 'client_id': client_id: 'C-0001' appears twice"), std::string::npos)
      << e.what();

  e = read_error(broken_copy("clients.csv", 2, "131052-308T,1951,272,fi,alone,loneliness"));
  EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  EXPECT_EQ(e.id(), k::error_id::personal_data);

  e = read_error(broken_copy("clients.csv", 2, "C-0001,19x1,272,fi,alone,loneliness"));
  EXPECT_NE(std::string(e.what()).find("column 'birth_year': expected a whole number, got '19x1'"), std::string::npos)
      << e.what();
}

TEST(RegionCsv, MissingFileIsNotFound) {
  EXPECT_THROW((void)k::read_region_csv(fs::temp_directory_path() / "no-such-region"), k::not_found);
}
