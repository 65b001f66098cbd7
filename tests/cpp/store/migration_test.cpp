// Schema versions: a register written by an older kulkija (tests/data/register-v1.db and
// register-v2.db, made by schema versions 1 and 2; see tests/data/README.md) is refused
// untouched without `migrate`, and migrated forward with it, keeping every row and ending with
// the schema a new file has.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <map>
#include <sstream>

#include "kulkija/core/error.hpp"
#include "kulkija/store/register_db.hpp"
#include "kulkija/store/transfer.hpp"
#include "../test_support.hpp"
#include "store_fixtures.hpp"

namespace k = kulkija;
namespace st = kulkija::store;
using k::testing::coordinator_access;
using k::testing::temp_folder;

namespace {

const std::filesystem::path version_1_file = std::filesystem::path(KULKIJA_SOURCE_DIR) / "tests/data/register-v1.db";
const std::filesystem::path version_2_file = std::filesystem::path(KULKIJA_SOURCE_DIR) / "tests/data/register-v2.db";

std::string bytes_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every row of a query as text, columns joined by '|', read beside the library.
std::vector<std::string> rows(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::vector<std::string> out;
  while (sqlite3_step(s) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(s); ++i) {
      if (i > 0) row += '|';
      const auto* text = sqlite3_column_text(s, i);
      row += text ? reinterpret_cast<const char*>(text) : "<null>";
    }
    out.push_back(std::move(row));
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

// The tables of schema version 1 with their columns, in the order of the file.
const std::map<std::string, std::string> version_1_tables{
    {"meta", "key, value"},
    {"clients", "client_id, record, identity_pseudonym, updated_at"},
    {"professionals", "professional_id, record"},
    {"link_workers", "link_worker_id, record"},
    {"referrals", "*"},
    {"events", "*"},
    {"outbox", "seq, referral_id, event_id, kind, payload, created_at, attempts, delivered_at"},
    {"audit", "*"},
    {"erased", "*"},
};

std::map<std::string, std::vector<std::string>> version_1_rows(const std::filesystem::path& file) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& [table, columns] : version_1_tables) {
    out[table] = rows(file, "SELECT " + columns + " FROM " + table + " ORDER BY rowid");
  }
  return out;
}

std::vector<std::string> schema_of(const std::filesystem::path& file) {
  return rows(file, "SELECT type, name, sql FROM sqlite_master ORDER BY type, name");
}

}  // namespace

TEST(StoreMigration, TheFixtureIsAVersionOneRegister) {
  ASSERT_TRUE(std::filesystem::exists(version_1_file)) << version_1_file;
  temp_folder tmp;  // a copy: SQLite would leave WAL files beside the one in the source tree
  const auto file = tmp / "old.db";
  std::filesystem::copy_file(version_1_file, file);
  EXPECT_EQ(rows(file, "PRAGMA user_version"), std::vector<std::string>{"1"});
  EXPECT_EQ(rows(file, "SELECT count(*) FROM referrals"), std::vector<std::string>{"11"});
  // one message delivered, one pending: both kinds must survive the migration
  EXPECT_EQ(rows(file, "SELECT count(*), count(delivered_at) FROM outbox"), std::vector<std::string>{"2|1"});
  static_assert(st::register_schema_version == 3, "add the new version's fixture and test when the schema moves on");
}

TEST(StoreMigration, AnOlderFileIsRefusedWithoutMigrateAndNotTouched) {
  temp_folder tmp;
  const auto file = tmp / "old.db";
  std::filesystem::copy_file(version_1_file, file);
  const std::string before = bytes_of(file);
  KULKIJA_EXPECT_THROW_MSG(
      (void)st::register_db::open(file), k::storage_error,
      "old.db: the register's schema version 1 is older than this library's 3; open it with migrate to upgrade it "
      "(back it up first)");
  try {
    (void)st::register_db::open(file, {.read_only = true, .migrate = true, .audit_reads = false});
    FAIL() << "a read-only open must not migrate";
  } catch (const k::storage_error& e) {
    EXPECT_EQ(e.id(), k::error_id::storage_version);
    EXPECT_EQ(e.file(), file.string());
  }
  EXPECT_EQ(bytes_of(file), before);
  EXPECT_FALSE(std::filesystem::exists(tmp / "old.db-wal") && std::filesystem::file_size(tmp / "old.db-wal") > 0);
}

TEST(StoreMigration, MigratesForwardKeepingEveryRowAndEndsWithTheNewSchema) {
  temp_folder tmp;
  const auto file = tmp / "old.db";
  std::filesystem::copy_file(version_1_file, file);
  const auto before = version_1_rows(file);
  ASSERT_EQ(before.at("events").size(), 39U);
  {
    auto db = st::register_db::open(file, {.migrate = true});
    EXPECT_EQ(db.schema_version(), 3);
    EXPECT_EQ(db.integrity_check(), "ok");
    // every history replays through the lifecycle (records() rebuilds each referral)
    const auto all = db.records(coordinator_access);
    EXPECT_EQ(all.referrals.size(), 11U);
    std::size_t events = 0;
    for (const auto& r : all.referrals) events += r.history().size();
    EXPECT_EQ(events, 39U);
    // the old messages have no failure on record; the pending one can fail and keep why
    const auto pending = db.pending_messages();
    ASSERT_EQ(pending.size(), 1U);
    EXPECT_FALSE(pending[0].last_error.has_value());
    EXPECT_FALSE(pending[0].last_attempt_at.has_value());
    const auto drained = db.drain_outbox([](const st::outbox_message&) -> bool { throw std::runtime_error("503"); });
    EXPECT_EQ(drained.error, "503");
    EXPECT_EQ(db.pending_messages()[0].last_error, "503");
  }
  auto after = version_1_rows(file);
  // The drain above added an attempt and an audit row or two: compare what was there.
  ASSERT_EQ(after.at("outbox").size(), before.at("outbox").size());
  for (const auto& [table, old_rows] : before) {
    if (table == "outbox") continue;
    ASSERT_GE(after.at(table).size(), old_rows.size()) << table;
    EXPECT_EQ(std::vector<std::string>(after.at(table).begin(), after.at(table).begin() + static_cast<std::ptrdiff_t>(old_rows.size())),
              old_rows)
        << table;
  }
  EXPECT_EQ(after.at("events"), before.at("events"));
  EXPECT_EQ(after.at("referrals"), before.at("referrals"));

  // The migrated file's schema is exactly a new file's.
  { auto fresh = st::register_db::open(tmp / "new.db"); }
  EXPECT_EQ(schema_of(file), schema_of(tmp / "new.db"));
  // Opened again without migrate: it is current now.
  EXPECT_EQ(st::register_db::open(file).schema_version(), 3);
}

// Every row of every table of a file, ordered by rowid.
std::map<std::string, std::vector<std::string>> all_rows(const std::filesystem::path& file) {
  std::map<std::string, std::vector<std::string>> out;
  for (const std::string& table : rows(file, "SELECT name FROM sqlite_master WHERE type = 'table'")) {
    out[table] = rows(file, "SELECT * FROM " + table + " ORDER BY rowid");
  }
  return out;
}

TEST(StoreMigration, MigratesVersionTwoForwardKeepingEveryRow) {
  ASSERT_TRUE(std::filesystem::exists(version_2_file)) << version_2_file;
  temp_folder tmp;
  const auto file = tmp / "two.db";
  std::filesystem::copy_file(version_2_file, file);
  EXPECT_EQ(rows(file, "PRAGMA user_version"), std::vector<std::string>{"2"});
  const auto before = all_rows(file);
  ASSERT_EQ(before.at("referrals").size(), 12U);
  ASSERT_EQ(before.count("kept"), 0U);
  ASSERT_EQ(before.at("link_workers").size(), 13U);
  // one message delivered, one that failed with the sender's words (version 2's columns)
  ASSERT_EQ(rows(file, "SELECT count(delivered_at), group_concat(last_error) FROM outbox"),
            std::vector<std::string>{"1|503 Service Unavailable"});
  KULKIJA_EXPECT_THROW_MSG((void)st::register_db::open(file), k::storage_error,
                           "two.db: the register's schema version 2 is older than this library's 3; open it with "
                           "migrate to upgrade it (back it up first)");
  {
    auto db = st::register_db::open(file, {.migrate = true, .audit_reads = false});
    EXPECT_EQ(db.migrated_from(), 2);
    EXPECT_EQ(db.integrity_check(), "ok");
    const auto all = db.records(coordinator_access);
    ASSERT_EQ(all.referrals.size(), 12U);
    for (const auto& r : all.referrals) EXPECT_TRUE(r.kept().empty()) << r.id().str();  // version 2 dropped them
    EXPECT_EQ(db.pending_messages().at(0).last_error, "503 Service Unavailable");
  }
  auto after = all_rows(file);
  EXPECT_EQ(after.at("kept"), std::vector<std::string>{});
  after.erase("kept");
  for (std::string& row : after.at("link_workers")) {  // the new training column: none recorded
    ASSERT_TRUE(row.ends_with("|<null>")) << row;
    row.resize(row.size() - 7);
  }
  EXPECT_EQ(after, before);  // not a row changed (reads were not audited)
  { auto fresh = st::register_db::open(tmp / "new.db"); }
  EXPECT_EQ(schema_of(file), schema_of(tmp / "new.db"));
  // The Bundle version 2 imported, imported again: the stored referral lacks what it keeps
  // (docs/register.md, "Schema versions").
  auto db = st::register_db::open(file);
  EXPECT_THROW((void)st::import_fhir_bundle(db, k::testing::sender_bundle(), st::sharing_level::codes_only, coordinator_access),
               k::conflict);
}

TEST(StoreMigration, AFailedMigrationLeavesTheFileAsItWas) {
  temp_folder tmp;
  const auto file = tmp / "odd.db";
  std::filesystem::copy_file(version_1_file, file);
  {  // A version-1 file that somebody altered by hand: the migration's step cannot apply.
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "ALTER TABLE outbox ADD COLUMN last_error TEXT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  const auto schema = schema_of(file);
  const auto before = version_1_rows(file);
  try {
    (void)st::register_db::open(file, {.migrate = true});
    FAIL() << "the migration must fail";
  } catch (const k::storage_error& e) {
    EXPECT_NE(std::string(e.what()).find("odd.db"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("last_error"), std::string::npos) << e.what();
  }
  EXPECT_EQ(rows(file, "PRAGMA user_version"), std::vector<std::string>{"1"});
  EXPECT_EQ(schema_of(file), schema);
  EXPECT_EQ(version_1_rows(file), before);
}
