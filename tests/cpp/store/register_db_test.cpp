#include "kulkija/store/register_db.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "kulkija/core/error.hpp"
#include "kulkija/workforce/queue.hpp"
#include "../test_support.hpp"
#include "store_fixtures.hpp"

namespace k = kulkija;
namespace st = kulkija::store;
using k::testing::coordinator_access;
using k::testing::draft_referral;
using k::testing::nth_event;
using k::testing::raw_int;
using k::testing::temp_folder;

namespace {

void raw_exec(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "");
  sqlite3_free(message);
  sqlite3_close(db);
}

// Appends events until the referral has `n` of them.
void advance(st::register_db& db, const std::string& id, std::int64_t n) {
  auto v = db.summary(k::referral_id{id}).version;
  for (; v < n; ++v) db.append(k::referral_id{id}, id + "-e" + std::to_string(v + 1), nth_event(v), v, coordinator_access);
}

}  // namespace

TEST(StoreRegister, CreatesWithWalAndSchemaVersionAndReopens) {
  temp_folder tmp;
  const auto file = tmp / "register.db";
  {
    auto db = st::register_db::open(file);
    EXPECT_EQ(db.schema_version(), st::register_schema_version);
    EXPECT_EQ(db.integrity_check(), "ok");
    const auto r = db.add_referral(draft_referral("R-1"), st::sharing_level::codes_only, coordinator_access);
    EXPECT_EQ(r, (st::append_result{st::append_status::appended, 0, k::referral_state::draft}));
    advance(db, "R-1", 6);
  }
  EXPECT_EQ(raw_int(file, "PRAGMA user_version"), st::register_schema_version);
  EXPECT_EQ(raw_int(file, "SELECT count(*) FROM events"), 6);
  auto db = st::register_db::open(file, {.create = false});
  const k::referral r = db.get(k::referral_id{"R-1"}, coordinator_access);
  EXPECT_EQ(r.state(), k::referral_state::in_progress);
  EXPECT_EQ(r.history().size(), 6U);
  const auto evs = db.events(k::referral_id{"R-1"}, coordinator_access);
  ASSERT_EQ(evs.size(), 6U);
  EXPECT_EQ(evs[2].id, "R-1-e3");
  EXPECT_EQ(evs[2].version, 3);
  EXPECT_EQ(evs[2].entry, r.history()[2]);
  // the journal is WAL: the mode is kept in the file
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA journal_mode", -1, &s, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_close(raw);
}

TEST(StoreRegister, ARejectedEventWritesNothing) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1"), st::sharing_level::codes_only, coordinator_access);
  advance(db, "R-1", 2);  // accepted
  const auto audit_before = db.audit_log().size();
  // first contact before assignment: the lifecycle refuses it
  k::lifecycle_event bad = nth_event(3);
  KULKIJA_EXPECT_THROW_MSG(db.append(k::referral_id{"R-1"}, "bad-1", bad, 2, coordinator_access),
                           k::invalid_transition, "'first_contact' from state 'accepted'");
  // a reason where none is taken
  k::lifecycle_event reasoned = nth_event(2);
  reasoned.reason = k::reason_code::other;
  EXPECT_THROW(db.append(k::referral_id{"R-1"}, "bad-2", reasoned, 2, coordinator_access), k::invalid_transition);
  // a note with a personal identity code
  EXPECT_THROW(db.append(k::referral_id{"R-1"}, "bad-3", nth_event(2, "hetu 131052-308T"), 2, coordinator_access),
               k::invalid_argument);
  EXPECT_EQ(db.summary(k::referral_id{"R-1"}).version, 2);
  EXPECT_EQ(db.summary(k::referral_id{"R-1"}).state, k::referral_state::accepted);
  EXPECT_EQ(db.events(k::referral_id{"R-1"}, coordinator_access).size(), 2U);
  EXPECT_EQ(db.pending_messages().size(), 1U);  // the acceptance's, none for the refused events
  // the event ids were not used up: the right event may take one
  EXPECT_EQ(db.append(k::referral_id{"R-1"}, "bad-1", nth_event(2), 2, coordinator_access).status,
            st::append_status::appended);
  EXPECT_EQ(db.audit_log().size(), audit_before + 2);  // one read (events), one append
}

TEST(StoreRegister, OptimisticVersionsRefuseAStaleWriter) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  auto other = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1"), st::sharing_level::codes_only, coordinator_access);
  advance(db, "R-1", 1);
  const auto seen = other.summary(k::referral_id{"R-1"}).version;
  db.append(k::referral_id{"R-1"}, "first", nth_event(1), 1, coordinator_access);
  try {
    (void)other.append(k::referral_id{"R-1"}, "second", nth_event(1), seen, coordinator_access);
    FAIL() << "expected a conflict";
  } catch (const k::conflict& e) {
    EXPECT_EQ(e.id(), k::error_id::conflict);
    EXPECT_EQ(std::string(e.what()),
              "[kulkija.conflict.501] referral 'R-1': expected version 1, found 2 (another writer got there first); "
              "read it again");
  }
  EXPECT_EQ(db.summary(k::referral_id{"R-1"}).version, 2);
  EXPECT_THROW((void)db.append(k::referral_id{"R-404"}, "x", nth_event(0), 0, coordinator_access), k::not_found);
}

TEST(StoreRegister, AnEventIdMakesRetriesSafe) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1"), st::sharing_level::codes_only, coordinator_access);
  const auto first = db.append(k::referral_id{"R-1"}, "ev-1", nth_event(0), 0, coordinator_access);
  EXPECT_EQ(first.status, st::append_status::appended);
  // the retry after a timeout: same id, same event, the old expected version
  const auto again = db.append(k::referral_id{"R-1"}, "ev-1", nth_event(0), 0, coordinator_access);
  EXPECT_EQ(again, (st::append_result{st::append_status::duplicate, 1, k::referral_state::requested}));
  EXPECT_EQ(db.summary(k::referral_id{"R-1"}).version, 1);
  // the same id for another event is a conflict
  KULKIJA_EXPECT_THROW_MSG((void)db.append(k::referral_id{"R-1"}, "ev-1", nth_event(1), 1, coordinator_access),
                           k::conflict, "event_id 'ev-1': already used by another event");
  EXPECT_THROW((void)db.append(k::referral_id{"R-1"}, "bad id!", nth_event(1), 1, coordinator_access),
               k::invalid_argument);
  // adding the same referral twice is a duplicate; another referral under the id a conflict
  auto r = db.get(k::referral_id{"R-1"}, coordinator_access);
  EXPECT_EQ(db.add_referral(r, st::sharing_level::codes_only, coordinator_access).status, st::append_status::duplicate);
  EXPECT_THROW(db.add_referral(draft_referral("R-1"), st::sharing_level::codes_only, coordinator_access), k::conflict);
}

TEST(StoreRegister, RefusesANewerSchemaAndAnOlderOneWithoutMigrate) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  { auto db = st::register_db::open(file); }
  const int newer = st::register_schema_version + 1;
  raw_exec(file, ("PRAGMA user_version=" + std::to_string(newer)).c_str());
  const auto size = std::filesystem::file_size(file);
  KULKIJA_EXPECT_THROW_MSG((void)st::register_db::open(file), k::storage_error,
                           "r.db: the register's schema version " + std::to_string(newer) +
                               " is newer than this library's " + std::to_string(st::register_schema_version) +
                               "; open it with a newer kulkija");
  try {
    (void)st::register_db::open(file);
  } catch (const k::storage_error& e) {
    EXPECT_EQ(e.id(), k::error_id::storage_version);
    EXPECT_EQ(e.file(), file.string());
  }
  EXPECT_EQ(std::filesystem::file_size(file), size);
  EXPECT_EQ(raw_int(file, "PRAGMA user_version"), newer);  // never rewritten
}

TEST(StoreRegister, RefusesFilesThatAreNotRegisters) {
  temp_folder tmp;
  {
    std::ofstream(tmp / "notes.txt") << "Tämä ei ole rekisteri.\n" << std::string(5000, 'x');
    try {
      (void)st::register_db::open(tmp / "notes.txt");
      FAIL();
    } catch (const k::storage_error& e) {
      EXPECT_EQ(e.id(), k::error_id::storage_format);
      EXPECT_NE(std::string(e.what()).find("notes.txt: not a kulkija register"), std::string::npos) << e.what();
    }
  }
  raw_exec(tmp / "other.db", "CREATE TABLE t(x); INSERT INTO t VALUES(1)");
  KULKIJA_EXPECT_THROW_MSG((void)st::register_db::open(tmp / "other.db"), k::storage_error,
                           "other.db: not a kulkija register (another application's SQLite database)");
  EXPECT_EQ(raw_int(tmp / "other.db", "SELECT count(*) FROM t"), 1);
  KULKIJA_EXPECT_THROW_MSG((void)st::register_db::open(tmp / "missing.db", {.create = false}), k::storage_error,
                           "missing.db: no such register file");
  EXPECT_FALSE(std::filesystem::exists(tmp / "missing.db"));
  EXPECT_THROW((void)st::register_db::open(tmp.path()), k::storage_error);
  EXPECT_THROW((void)st::register_db::open(tmp / "x.db", {.read_only = true}), k::invalid_argument);
}

TEST(StoreRegister, EventsAndTheAuditLogAreAppendOnly) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  {
    auto db = st::register_db::open(file);
    k::referral received = draft_referral("R-1");
    received.set_kept({{"ServiceRequest", "note", R"([{"text": "soitto aamulla"}])"}});
    db.add_referral(received, st::sharing_level::codes_only, coordinator_access);
    advance(db, "R-1", 3);
  }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
  for (const char* sql : {"UPDATE events SET note = 'x'", "DELETE FROM events", "DELETE FROM audit",
                          "UPDATE audit SET who = 'x'", "UPDATE kept SET json = '[]'", "DELETE FROM kept"}) {
    EXPECT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_CONSTRAINT) << sql;
  }
  sqlite3_close(raw);
}
