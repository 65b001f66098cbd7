#include "kulkija/interop/region_csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "kulkija/core/error.hpp"
#include "kulkija/interop/csv.hpp"

namespace k = kulkija;
namespace fs = std::filesystem;

namespace {

const fs::path sample = fs::path(KULKIJA_SOURCE_DIR) / "examples/data/sample-region";

// The copies this test program made, removed when it ends.
struct copies {
  std::vector<fs::path> dirs;
  copies() = default;
  copies(const copies&) = delete;
  copies& operator=(const copies&) = delete;
  ~copies() {
    for (const auto& dir : dirs) {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  }
};

// A copy of the sample region with one file's line replaced, for bad-input tests. Its
// directory is the test's own (named by the test and the process): ctest runs the tests of
// this file side by side, and two of them breaking the same line raced on one directory.
fs::path broken_copy(const std::string& file, std::size_t line, const std::string& text) {
  static copies made;
  const std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
  const fs::path dir = fs::temp_directory_path() / ("kulkija-region-" + test + "-" + std::to_string(::getpid()) + "-" +
                                                    file + std::to_string(line));
  fs::remove_all(dir);
  made.dirs.push_back(dir);
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

// The first `first_contact` line of events.csv (1-based) and the same line with its
// timestamp moved to before every referral of the sample.
std::pair<std::size_t, std::string> first_contact_line() {
  std::ifstream in(sample / "events.csv");
  std::size_t n = 0;
  for (std::string l; std::getline(in, l);) {
    ++n;
    const auto comma = l.find(',');
    if (l.compare(comma + 1, 14, "first_contact,") == 0) {
      const auto at = comma + 15;
      return {n, l.substr(0, at) + "2025-12-01T12:00:00+02:00" + l.substr(l.find(',', at))};
    }
  }
  throw std::runtime_error("no first_contact in events.csv");
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

// The sample region is generated (examples/data/generate_region.py): what it holds is
// checked against its own CSV rows, read independently of read_region_csv().
TEST(RegionCsv, ReadsTheSampleRegion) {
  const auto records = k::read_region_csv(sample);
  const auto rows = [](const char* file) { return k::read_csv_file(sample / file); };
  const auto clients = rows("clients.csv");
  const auto referrals = rows("referrals.csv");
  const auto events = rows("events.csv");
  EXPECT_EQ(records.clients.size(), clients.rows().size());
  EXPECT_EQ(records.professionals.size(), rows("professionals.csv").rows().size());
  ASSERT_EQ(records.referrals.size(), referrals.rows().size());
  ASSERT_GE(records.referrals.size(), 200U);

  // each referral's last event, its last link worker and its number of events
  std::map<std::string, std::string> last_event, last_worker;
  std::map<std::string, std::size_t> event_count;
  const auto ev_ref = events.column("referral_id"), ev_name = events.column("event"),
             ev_worker = events.column("link_worker_id");
  for (const auto& row : events.rows()) {
    last_event[row[ev_ref]] = row[ev_name];
    ++event_count[row[ev_ref]];
    if (!row[ev_worker].empty()) last_worker[row[ev_ref]] = row[ev_worker];
  }
  const std::map<std::string, k::referral_state> closing{{"complete", k::referral_state::completed},
                                                         {"discontinue", k::referral_state::discontinued},
                                                         {"reject", k::referral_state::rejected},
                                                         {"cancel", k::referral_state::cancelled}};
  std::map<k::referral_state, int> by_state;
  const auto prio = referrals.column("priority");
  for (std::size_t i = 0; i < records.referrals.size(); ++i) {
    const auto& r = records.referrals[i];
    const std::string id = r.id().str();
    EXPECT_EQ(id, referrals.rows()[i][referrals.column("referral_id")]);
    ++by_state[r.state()];
    EXPECT_EQ(r.history().size(), event_count[id]) << id;
    if (!last_event.contains(id)) {
      EXPECT_EQ(r.state(), k::referral_state::draft) << id;
    } else if (closing.contains(last_event[id])) {
      EXPECT_EQ(r.state(), closing.at(last_event[id])) << id;
    }
    if (last_worker.contains(id)) {
      EXPECT_EQ(r.link_worker(), k::link_worker_id{last_worker[id]}) << id;
    }
    EXPECT_EQ(r.urgency(), referrals.rows()[i][prio] == "urgent" ? k::priority::urgent : k::priority::routine) << id;
  }
  // every state of a year's referrals is there
  for (auto s : {k::referral_state::draft, k::referral_state::requested, k::referral_state::accepted,
                 k::referral_state::rejected, k::referral_state::in_progress, k::referral_state::completed,
                 k::referral_state::discontinued, k::referral_state::cancelled}) {
    EXPECT_GT(by_state[s], 0) << k::to_string(s);
  }
  // Swedish-speaking clients, as in Kokkola
  const auto langs = clients.column("languages");
  for (std::size_t i = 0; i < records.clients.size(); ++i) {
    EXPECT_EQ(records.clients[i].languages().front(),
              k::language(clients.rows()[i][langs].substr(0, clients.rows()[i][langs].find(';'))));
  }
  EXPECT_TRUE(std::any_of(records.clients.begin(), records.clients.end(),
                          [](const k::client& c) { return c.languages().front() == k::language("sv"); }));
}

TEST(RegionCsv, ErrorsNameFileLineAndColumn) {
  auto e = read_error(broken_copy("clients.csv", 3, "C-0002,1987,999,sv;fi,with_family,unemployment"));
  EXPECT_EQ(e.path(), "clients.csv");
  EXPECT_EQ(e.line(), 3U);
  EXPECT_EQ(e.column(), 3U);
  EXPECT_NE(std::string(e.what()).find("column 'municipality': municipality: '999'"), std::string::npos) << e.what();

  // a first contact moved before the referral was issued
  const auto [contact_line, contact_text] = first_contact_line();
  e = read_error(broken_copy("events.csv", contact_line, contact_text));
  EXPECT_EQ(e.path(), "events.csv");
  EXPECT_EQ(e.line(), contact_line);
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

TEST(RegionCsv, CheckCollectsEveryFilesErrors) {
  // two bad clients, a bad professional sector and a bad referral priority in one folder
  fs::path dir = broken_copy("clients.csv", 2, "C-0001,19x1,272,fi,alone,loneliness");
  {
    std::ifstream in(dir / "clients.csv");
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    in.close();
    lines.at(2) = "C-0002,1979,999,fi,with_family,financial_hardship";
    std::ofstream out(dir / "clients.csv");
    for (const auto& l : lines) out << l << '\n';
  }
  const auto checked = k::check_region_csv(dir);
  ASSERT_EQ(checked.files.size(), 4U);
  EXPECT_FALSE(checked.ok());
  EXPECT_EQ(checked.files[0].source, "clients.csv");
  EXPECT_EQ(checked.files[3].source, "events.csv");
  const auto& clients = checked.files[0].errors;
  ASSERT_EQ(clients.size(), 2U);
  EXPECT_EQ(clients[0].line(), 2U);
  EXPECT_EQ(clients[0].column(), 2U);
  EXPECT_EQ(clients[1].line(), 3U);
  EXPECT_EQ(clients[1].column(), 3U);
  EXPECT_EQ(clients[0].path(), "clients.csv");
  // the first error is the one read_region_csv() throws
  EXPECT_STREQ(read_error(dir).what(), clients[0].what());
  // the referrals of the two left-out clients are reported as unknown clients
  ASSERT_FALSE(checked.files[2].errors.empty());
  EXPECT_NE(std::string(checked.files[2].errors[0].what()).find("client 'C-0001' not found"), std::string::npos);
  const auto all = k::read_region_csv(sample);
  EXPECT_EQ(checked.records.clients.size(), all.clients.size() - 2);
  EXPECT_EQ(checked.records.professionals, all.professionals);

  const auto clean = k::check_region_csv(sample);
  EXPECT_TRUE(clean.ok());
  EXPECT_EQ(clean.records.referrals, all.referrals);
  EXPECT_THROW((void)k::check_region_csv(fs::temp_directory_path() / "no-such-region"), k::not_found);
}

TEST(RegionCsv, CheckGoesOnAfterAFileThatStops) {
  const fs::path dir = broken_copy("professionals.csv", 2, "P-1,\"health_care,x,y");
  const auto checked = k::check_region_csv(dir);
  ASSERT_EQ(checked.files[1].errors.size(), 1U);
  EXPECT_EQ(checked.files[1].errors[0].id(), k::error_id::parse_csv);
  EXPECT_TRUE(checked.files[0].ok());
  EXPECT_FALSE(checked.files[2].ok());  // referrals' professionals are unknown now
  // an identity code in a bad row never reaches an error
  const fs::path code = broken_copy("clients.csv", 2, "131052-308T,1951,272,fi,alone,loneliness");
  for (const auto& file : k::check_region_csv(code).files) {
    for (const auto& e : file.errors) EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
}
