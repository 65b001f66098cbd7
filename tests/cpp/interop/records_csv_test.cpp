#include "kulkija/interop/records_csv.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <string>

#include "../test_support.hpp"
#include "fhir_fixtures.hpp"
#include "kulkija/interop/csv.hpp"

namespace {

using namespace kulkija;
using namespace kulkija::testing::fhir;

const std::filesystem::path sample_region = std::filesystem::path(KULKIJA_SOURCE_DIR) / "examples" / "data" / "sample-region";

// A fresh folder under the system's temporary directory, removed afterwards.
class temp_dir {
 public:
  explicit temp_dir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("kulkija-records-csv-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
  }
  ~temp_dir() { std::filesystem::remove_all(path_); }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ClientsCsv, HeaderIsTheDocumentedLayout) {
  const std::string text = clients_to_csv(std::vector<client>{});
  EXPECT_EQ(text,
            "client_id,birth_year,municipality,languages,living_situation,needs,birth_date,goals,worker_gender,"
            "meeting_modes,times,interests\n");
}

TEST(ClientsCsv, RowsSpellEveryPart) {
  const std::vector<client> clients{rich_client("C-2"), plain_client("C-1")};
  const csv_table table = parse_csv(clients_to_csv(clients));
  ASSERT_EQ(table.rows().size(), 2U);
  const auto& rich = table.rows()[0];
  EXPECT_EQ(rich[table.column("municipality")], "272");
  EXPECT_EQ(rich[table.column("languages")], "sv;fi;smn");
  EXPECT_EQ(rich[table.column("needs")], "loneliness;bereavement");
  EXPECT_EQ(rich[table.column("birth_date")], "1948-02-29");
  EXPECT_EQ(rich[table.column("goals")], "käydä kuorossa;meet people \"every\" week");
  EXPECT_EQ(rich[table.column("meeting_modes")], "home_visit;phone");
  EXPECT_EQ(table.rows()[1][table.column("municipality")], "005");
  EXPECT_EQ(table.rows()[1][table.column("living_situation")], "");
}

TEST(ClientsCsv, RoundTripKeepsEveryField) {
  client tricky = rich_client("C-3");
  tricky.set_goals({"a; b", "back\\slash", "comma, \"quote\"\nand a new line", " spaced "});
  tricky.set_preferences(client_preferences{std::nullopt, {}, {time_window::weekend}, {"x;y"}});
  const std::vector<client> clients{rich_client("C-2"), plain_client("C-1"), tricky};
  const std::string text = clients_to_csv(clients);
  EXPECT_EQ(clients_from_csv(text), clients);
}

TEST(ClientsCsv, RegionLayoutWithoutOptionalColumnsReads) {
  const auto clients = read_clients_csv(sample_region / "clients.csv");
  ASSERT_FALSE(clients.empty());
  EXPECT_EQ(clients.front().id(), client_id{"C-0001"});
  EXPECT_TRUE(clients.front().goals().empty());
  EXPECT_EQ(clients_from_csv(clients_to_csv(clients)), clients);
}

TEST(ClientsCsv, ErrorsNameRowAndColumn) {
  const std::string header = "client_id,birth_year,municipality,languages,living_situation,needs\n";
  KULKIJA_EXPECT_THROW_MSG((void)clients_from_csv(header + "C-1,1950,272,fi,,\nC-2,1950,999,fi,,\n", "clients.csv"),
                           parse_error, "[kulkija.parse_error.204] at clients.csv: 3:3: column 'municipality':");
  KULKIJA_EXPECT_THROW_MSG((void)clients_from_csv(header + "C-1,19x0,272,fi,,\n"), parse_error,
                           "2:2: column 'birth_year': expected a whole number, got '19x0'");
  KULKIJA_EXPECT_THROW_MSG((void)clients_from_csv(header + "C-1,1950,272,fi,alone,lonely\n"), parse_error,
                           "2:6: column 'needs': unknown need 'lonely'");
  KULKIJA_EXPECT_THROW_MSG((void)clients_from_csv(header + "C-1,1950,272,fi,,\nC-1,1951,272,fi,,\n"), parse_error,
                           "3:1: column 'client_id': client_id: 'C-1' appears twice");
  KULKIJA_EXPECT_THROW_MSG((void)clients_from_csv("client_id,birth_year\nC-1,1950\n"), parse_error, "municipality");
  KULKIJA_EXPECT_THROW_MSG((void)clients_from_csv(header.substr(0, header.size() - 1) + ",goals\nC-1,1950,272,fi,,,bad\\x\n"),
                           parse_error, "2:7: column 'goals': a backslash must be followed by");
}

TEST(ClientsCsv, IdentityCodesAreRejectedAndNeverShown) {
  const std::string header = "client_id,birth_year,municipality,languages,living_situation,needs,goals\n";
  try {
    (void)clients_from_csv(header + "C-1,1950,272,fi,,,soita 131052-308T\n");
    FAIL() << "expected a parse_error";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.id(), error_id::personal_data);
    EXPECT_EQ(e.line(), 2U);
    EXPECT_EQ(e.column(), 7U);
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
  try {
    (void)clients_from_csv(header + "131052-308T,1950,272,fi,,,\n");
    FAIL() << "expected a parse_error";
  } catch (const parse_error& e) {
    EXPECT_EQ(e.id(), error_id::personal_data);
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  }
}

TEST(ProfessionalsCsv, RoundTripAndErrors) {
  const std::vector<professional> pros{referrer(), referrer_without_title()};
  const std::string text = professionals_to_csv(pros);
  EXPECT_TRUE(text.starts_with("professional_id,sector,organisation,title\n"));
  EXPECT_NE(text.find("\"TE-palvelut, Soite\""), std::string::npos) << text;
  EXPECT_EQ(professionals_from_csv(text), pros);
  EXPECT_EQ(read_professionals_csv(sample_region / "professionals.csv").size(),
            parse_csv(read_file(sample_region / "professionals.csv")).rows().size());
  KULKIJA_EXPECT_THROW_MSG((void)professionals_from_csv("professional_id,sector,organisation,title\nP-1,police,Org,\n"),
                           parse_error, "2:2: column 'sector': unknown sector 'police'");
  KULKIJA_EXPECT_THROW_MSG((void)read_professionals_csv(sample_region / "missing.csv"), not_found, "missing.csv");
}

TEST(ReferralsCsv, ColumnsIncludeDerivedState) {
  const auto referrals = every_state_referrals();
  const csv_table table = parse_csv(referrals_to_csv(referrals));
  ASSERT_EQ(table.rows().size(), referrals.size());
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    const auto& row = table.rows()[i];
    EXPECT_EQ(row[table.column("referral_id")], referrals[i].id().str());
    EXPECT_EQ(row[table.column("state")], to_string(referrals[i].state()));
  }
  EXPECT_EQ(table.rows()[2][table.column("issued_at")], "2026-01-05T10:00:00Z");
  EXPECT_EQ(table.rows()[4][table.column("link_worker_id")], "LW-7");
  EXPECT_EQ(table.rows()[0][table.column("consent_given_at")], "");
}

TEST(EventsCsv, OneRowPerHistoryEntry) {
  const auto referrals = every_state_referrals();
  const csv_table table = parse_csv(events_to_csv(referrals));
  std::size_t entries = 0;
  for (const auto& r : referrals) entries += r.history().size();
  ASSERT_EQ(table.rows().size(), entries);
  const auto& accept = table.rows()[1 + 1];  // requested has 1 event; accepted's second
  EXPECT_EQ(accept[table.column("event")], "accept");
  EXPECT_EQ(accept[table.column("at")], "2026-01-06T08:15:30.25Z");
  EXPECT_EQ(accept[table.column("from_state")], "requested");
  EXPECT_EQ(accept[table.column("to_state")], "accepted");
}

TEST(RegionCsv, WriteThenReadGivesEqualReferrals) {
  const auto referrals = every_state_referrals();
  const temp_dir dir("roundtrip");
  write_region_csv(dir.path(), region_records_of(referrals));
  for (const char* f : {"clients.csv", "professionals.csv", "referrals.csv", "events.csv"}) {
    EXPECT_TRUE(std::filesystem::exists(dir.path() / f)) << f;
  }
  EXPECT_EQ(read_referrals_csv(dir.path()), referrals);
  EXPECT_EQ(read_referrals_csv(dir.path() / "referrals.csv"), referrals);
  // the region reader reads the same folder (to the second, without the optional client columns)
  const region_records records = read_region_csv(dir.path());
  ASSERT_EQ(records.referrals.size(), referrals.size());
  for (std::size_t i = 0; i < referrals.size(); ++i) {
    EXPECT_EQ(records.referrals[i].state(), referrals[i].state());
    EXPECT_EQ(records.referrals[i].history().size(), referrals[i].history().size());
  }
}

TEST(RegionCsv, SampleRegionSurvivesARoundTrip) {
  const auto referrals = read_referrals_csv(sample_region);
  EXPECT_EQ(referrals, read_region_csv(sample_region).referrals);
  const temp_dir dir("sample");
  write_region_csv(dir.path(), region_records_of(referrals));
  EXPECT_EQ(read_referrals_csv(dir.path()), referrals);
}

TEST(RegionCsv, RecordsMustBeConsistent) {
  auto referrals = every_state_referrals();
  referrals.push_back(referrals.front());
  KULKIJA_EXPECT_THROW_MSG((void)region_records_of(referrals), invalid_argument,
                           "referrals: referral id 'R-draft' appears twice");
  const std::vector<referral> conflicting{
      make("R-a", plain_client("C-1"), referrer(), {}, priority::routine, std::nullopt, {}),
      make("R-b", rich_client("C-1"), referrer(), {}, priority::routine, std::nullopt, {})};
  KULKIJA_EXPECT_THROW_MSG((void)region_records_of(conflicting), invalid_argument,
                           "client 'C-1' has different data on referral 'R-b'");
  region_records records = region_records_of(every_state_referrals());
  records.clients.pop_back();
  const temp_dir dir("inconsistent");
  KULKIJA_EXPECT_THROW_MSG(write_region_csv(dir.path(), records), invalid_argument,
                           "records: client 'C-13' of referral 'R-reopened' is not among the clients");
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "clients.csv"));
}

}  // namespace

namespace {

TEST(ClientsCsv, CheckCollectsEveryRowsError) {
  const std::string header = "client_id,birth_year,municipality,languages,living_situation,needs\n";
  const std::string text = header + "C-1,1950,272,fi,alone,loneliness\n" + "C-2,19x0,272,fi,alone,loneliness\n" +
                           "C-3,1950,272,fi,alone,juggling\n" + "131052-308T,1950,272,fi,alone,loneliness\n" +
                           "C-5,1950,272,sv,,\n";
  const auto checked = check_clients_csv(text, "clients.csv");
  ASSERT_EQ(checked.rows.size(), 2U);
  EXPECT_EQ(checked.rows[1].id().str(), "C-5");
  const auto& errors = checked.diagnostics.errors;
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].line(), 3U);
  EXPECT_EQ(errors[1].line(), 4U);
  EXPECT_EQ(errors[1].column(), 6U);
  EXPECT_EQ(errors[2].line(), 5U);
  EXPECT_EQ(errors[2].id(), error_id::personal_data);
  for (const auto& e : errors) EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  KULKIJA_EXPECT_THROW_MSG((void)clients_from_csv(text, "clients.csv"), parse_error,
                           "at clients.csv: 3:2: column 'birth_year'");
  try {
    (void)clients_from_csv(text, "clients.csv");
  } catch (const parse_error& e) {
    EXPECT_STREQ(e.what(), errors[0].what());
  }
}

TEST(ProfessionalsCsv, CheckCollectsEveryRowsError) {
  const std::string text =
      "professional_id,sector,organisation,title\nP-1,health_care,A,\nP-2,magic,B,\nP-1,health_care,C,\nP-4,social_services,D,\n";
  const auto checked = check_professionals_csv(text);
  ASSERT_EQ(checked.rows.size(), 2U);
  ASSERT_EQ(checked.diagnostics.errors.size(), 2U);
  EXPECT_EQ(checked.diagnostics.errors[0].line(), 3U);
  EXPECT_EQ(checked.diagnostics.errors[1].line(), 4U);
  EXPECT_NE(std::string(checked.diagnostics.errors[1].what()).find("appears twice"), std::string::npos);
}

}  // namespace
