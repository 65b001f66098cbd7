// The register under faults: SIGKILL at random points, two writers at once, damaged,
// foreign, read-only and full files, and hostile text.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "kulkija/core/error.hpp"
#include "kulkija/store/register_db.hpp"
#include "../test_support.hpp"
#include "store_fixtures.hpp"

namespace k = kulkija;
namespace st = kulkija::store;
using k::testing::coordinator_access;
using k::testing::draft_referral;
using k::testing::nth_event;
using k::testing::temp_folder;

namespace {

std::set<std::string> event_ids(const std::filesystem::path& file) {
  std::set<std::string> out;
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, "SELECT event_id FROM events", -1, &s, nullptr), SQLITE_OK);
  while (sqlite3_step(s) == SQLITE_ROW) out.insert(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)));
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

// The first `n` bytes of `s`, cut back to a whole UTF-8 character.
std::string prefix(const std::string& s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// Reads every line a child wrote to the pipe (until the child's end is closed).
std::vector<std::string> read_lines(int fd) {
  std::string all;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    all.append(buf, static_cast<std::size_t>(n));
  }
  std::vector<std::string> out;
  std::istringstream in(all);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  // a line cut by the kill has no newline: it was not acknowledged
  if (!all.empty() && all.back() != '\n' && !out.empty()) out.pop_back();
  return out;
}

void say(int fd, const std::string& line) {
  const std::string text = line + "\n";
  (void)!::write(fd, text.data(), text.size());
}

// One step of a writer: a new referral, or the next event of an existing one (retrying on conflicts).
std::string write_step(st::register_db& db, std::mt19937& rng, int referrals, const std::string& writer) {
  const std::string id = "R-" + std::to_string(rng() % static_cast<unsigned>(referrals));
  for (;;) {
    try {
      const auto s = db.summary(k::referral_id{id});
      const std::string event_id = id + "-v" + std::to_string(s.version + 1);
      db.append(s.id, event_id, nth_event(s.version, "by " + writer), s.version, coordinator_access);
      return event_id;
    } catch (const k::not_found&) {
      db.add_referral(draft_referral(id), st::sharing_level::codes_only, coordinator_access);
      return "add:" + id;
    } catch (const k::conflict&) {
      continue;  // another writer got there first: read again
    }
  }
}

// Every referral's row agrees with its history, which replays through the lifecycle.
void expect_consistent(st::register_db& db) {
  const auto all = db.records({"checker", st::purpose::administration});
  for (const k::referral& r : all.referrals) {
    const auto s = db.summary(r.id());
    EXPECT_EQ(s.version, static_cast<std::int64_t>(r.history().size())) << r.id();
    EXPECT_EQ(s.state, r.state()) << r.id();
  }
}

int kills_wanted() {
  if (const char* v = std::getenv("KULKIJA_STORE_KILLS")) return std::max(1, std::atoi(v));
  return 200;
}

}  // namespace

TEST(StoreFaults, SurvivesSigkillAtRandomPoints) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  { auto db = st::register_db::open(file); }
  const int kills = kills_wanted();
  std::mt19937 rng(20260105);
  std::set<std::string> acknowledged;
  int killed_with_work = 0;
  for (int i = 0; i < kills; ++i) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const unsigned seed = static_cast<unsigned>(rng());
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      try {
        auto db = st::register_db::open(file);
        std::mt19937 child_rng(seed);
        for (;;) say(fds[1], write_step(db, child_rng, 40, "child"));
      } catch (const std::exception& e) {
        say(fds[1], std::string("error:") + e.what());
      }
      ::_exit(3);
    }
    ::close(fds[1]);
    // Wait until the writer has acknowledged its first write (so that a loaded machine, where
    // a child may not even start within the random delay, still kills it mid-work), then kill
    // it at a random point of the writes that follow.
    pollfd ready{fds[0], POLLIN, 0};
    ASSERT_EQ(::poll(&ready, 1, 60000), 1) << "the writer wrote nothing in 60 s at kill " << i;
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % 40000));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the writer stopped by itself at kill " << i;
    const auto lines = read_lines(fds[0]);
    ::close(fds[0]);
    if (!lines.empty()) ++killed_with_work;
    for (const auto& line : lines) {
      ASSERT_FALSE(line.starts_with("error:")) << line;
      if (!line.starts_with("add:")) acknowledged.insert(line);
    }
    // after each kill: the file opens, is intact, holds every acknowledged event, and every
    // history replays with its row agreeing
    auto db = st::register_db::open(file);
    ASSERT_EQ(db.integrity_check(), "ok") << "after kill " << i;
    const auto present = event_ids(file);
    for (const auto& id : acknowledged) ASSERT_TRUE(present.contains(id)) << id << " lost after kill " << i;
    expect_consistent(db);
  }
  EXPECT_GE(killed_with_work, kills / 2);
  EXPECT_GT(acknowledged.size(), static_cast<std::size_t>(kills));
  RecordProperty("kills", kills);
  RecordProperty("acknowledged_events", static_cast<int>(acknowledged.size()));
}

TEST(StoreFaults, TwoProcessesAppendingAtOnceLoseAndDuplicateNothing) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  {
    auto db = st::register_db::open(file);
    for (int i = 0; i < 4; ++i) {
      db.add_referral(draft_referral("R-" + std::to_string(i)), st::sharing_level::codes_only, coordinator_access);
    }
  }
  constexpr int per_writer = 150;
  std::vector<std::pair<pid_t, int>> children;
  for (int w = 0; w < 2; ++w) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      try {
        auto db = st::register_db::open(file);
        std::mt19937 rng(static_cast<unsigned>(w + 1));
        for (int n = 0; n < per_writer; ++n) say(fds[1], write_step(db, rng, 4, "writer" + std::to_string(w)));
      } catch (const std::exception& e) {
        say(fds[1], std::string("error:") + e.what());
        ::_exit(1);
      }
      ::_exit(0);
    }
    ::close(fds[1]);
    children.emplace_back(pid, fds[0]);
  }
  std::multiset<std::string> written;
  for (auto [pid, fd] : children) {
    for (const auto& line : read_lines(fd)) {
      EXPECT_FALSE(line.starts_with("error:")) << line;
      written.insert(line);
    }
    ::close(fd);
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  EXPECT_EQ(written.size(), 2U * per_writer);
  const auto present = event_ids(file);
  EXPECT_EQ(present.size(), written.size());  // nothing lost, nothing twice
  for (const auto& id : written) EXPECT_EQ(written.count(id), 1U) << id;
  auto db = st::register_db::open(file);
  EXPECT_EQ(db.integrity_check(), "ok");
  expect_consistent(db);
  std::int64_t total = 0;
  for (int i = 0; i < 4; ++i) total += db.summary(k::referral_id{"R-" + std::to_string(i)}).version;
  EXPECT_EQ(total, 2 * per_writer);
}

namespace {

// A closed register of `n` referrals with a few events each (the WAL checkpointed into the file).
void fill(const std::filesystem::path& file, int n) {
  auto db = st::register_db::open(file);
  k::region_records records;
  for (int i = 0; i < n; ++i) {
    k::referral r = draft_referral("R-" + std::to_string(i));
    for (int v = 0; v < 5; ++v) r.apply(nth_event(v, "muistiinpano " + std::to_string(i)));
    records.referrals.push_back(r);
  }
  db.import_records(records, st::sharing_level::codes_only, coordinator_access);
}

void expect_storage_error(const std::filesystem::path& file, k::error_id id) {
  try {
    auto db = st::register_db::open(file);
    (void)db.records(coordinator_access);
    const auto check = db.integrity_check();
    ADD_FAILURE() << "no error; integrity_check: " << check;
  } catch (const k::storage_error& e) {
    EXPECT_EQ(e.id(), id) << e.what();
    EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
  }
}

}  // namespace

TEST(StoreFaults, ACorruptedFileIsAClearError) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  fill(file, 300);
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 2);
    const std::string junk(4096 * 6, '\x55');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  expect_storage_error(file, k::error_id::storage_format);
}

TEST(StoreFaults, ATruncatedFileIsAClearError) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  fill(file, 300);
  std::filesystem::resize_file(file, std::filesystem::file_size(file) / 2);
  expect_storage_error(file, k::error_id::storage_format);
}

TEST(StoreFaults, AReadOnlyRegisterRefusesWritesNamingTheFile) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  fill(file, 3);
  auto db = st::register_db::open(file, {.read_only = true, .audit_reads = false});
  EXPECT_EQ(db.get(k::referral_id{"R-1"}, coordinator_access).history().size(), 5U);
  try {
    db.append(k::referral_id{"R-1"}, "ro-1", nth_event(5), 5, coordinator_access);
    FAIL();
  } catch (const k::storage_error& e) {
    EXPECT_EQ(e.id(), k::error_id::storage_io);
    EXPECT_NE(std::string(e.what()).find(file.string() + ": "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("read-only"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db.summary(k::referral_id{"R-1"}).version, 5);
  if (::geteuid() != 0) {  // file permissions (root ignores them)
    std::filesystem::permissions(file, std::filesystem::perms::owner_read);
    auto plain = st::register_db::open(file);
    EXPECT_THROW(plain.append(k::referral_id{"R-1"}, "ro-2", nth_event(5), 5, coordinator_access), k::storage_error);
  }
}

TEST(StoreFaults, AFullDiskWritesNothingPartial) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  fill(file, 3);
  const auto pages = std::filesystem::file_size(file) / 4096;
  auto db = st::register_db::open(file, {.max_page_count = static_cast<std::int64_t>(pages) + 2});
  std::optional<k::storage_error> full;
  std::int64_t written = 0;
  for (int i = 0; i < 5000 && !full; ++i) {
    const std::string id = "F-" + std::to_string(i);
    const std::string long_note(480, 'x');
    try {
      db.add_referral(draft_referral(id), st::sharing_level::codes_only, coordinator_access);
      for (std::int64_t v = 0; v < 6; ++v) {
        db.append(k::referral_id{id}, id + "-" + std::to_string(v), nth_event(v, long_note), v, coordinator_access);
        ++written;
      }
    } catch (const k::storage_error& e) {
      full = e;
    }
  }
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(full->id(), k::error_id::storage_full);
  EXPECT_NE(std::string(full->what()).find(file.string() + ": "), std::string::npos) << full->what();
  EXPECT_NE(std::string(full->what()).find("full"), std::string::npos);
  // nothing partial: every referral's row agrees with its events
  auto check = st::register_db::open(file);
  EXPECT_EQ(check.integrity_check(), "ok");
  expect_consistent(check);
  EXPECT_EQ(static_cast<std::int64_t>(event_ids(file).size()), 15 + written);
}

TEST(StoreFaults, HostileTextRoundTripsByteForByte) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  auto db = st::register_db::open(file);
  const std::vector<std::string> hostile{
      "'; DROP TABLE events; --",
      "\" OR 1=1 --",
      "Robert'); DELETE FROM referrals WHERE ('1'='1",
      "x'||(SELECT group_concat(name) FROM sqlite_master)||'",
      "%s %n %x {0} ${HOME} $(rm -rf /) `id`",
      "<script>alert('x')</script>&amp;",
      "rivi 1\nrivi 2\r\nrivi\t3",
      "Åsa Öhman – Ärrä ÄÄ, smörgåsbord 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧑‍🤝‍🧑 \u202Eevil\u202C",
      "a\\b\\\\c;d\\;e,\"f\"",
      "\xef\xbb\xbf" "BOM first",
      std::string(500, 'a'),
  };
  for (std::size_t i = 0; i < hostile.size(); ++i) {
    const std::string id = "R-" + std::to_string(i);
    k::client c = k::testing::sample_client(("C-" + std::to_string(i)).c_str());
    c.set_goals({prefix(hostile[i], 500)});
    k::client_preferences prefs;
    prefs.interests = {prefix(hostile[i], 60)};
    c.set_preferences(prefs);
    k::professional p{k::professional_id{"P-" + std::to_string(i)}, k::sector::social_services,
                      prefix(hostile[i], 200), prefix(hostile[i], 100)};
    k::referral r{k::referral_id{id}, c, p, k::need_set{k::need::loneliness}};
    r.record_consent(k::testing::at("2026-01-05T09:00:00Z"));
    db.add_referral(r, st::sharing_level::codes_and_text, coordinator_access);
    for (std::int64_t v = 0; v < 3; ++v) {
      db.append(r.id(), id + "-" + std::to_string(v), nth_event(v, hostile[i]), v, coordinator_access);
      r.apply(nth_event(v, hostile[i]));
    }
    const k::referral back = db.get(r.id(), coordinator_access);
    EXPECT_EQ(back, r) << i;
    EXPECT_EQ(back.history().back().event.note, hostile[i]);
    EXPECT_EQ(back.subject().goals().at(0), prefix(hostile[i], 500));
    EXPECT_EQ(back.referrer().organisation(), prefix(hostile[i], 200));
  }
  // every table is still there and the messages carry the text as JSON strings
  EXPECT_EQ(db.integrity_check(), "ok");
  EXPECT_EQ(db.records(coordinator_access).referrals.size(), hostile.size());
  EXPECT_EQ(db.pending_messages().size(), 2 * hostile.size());  // each accepted and assigned
  // a NUL byte or a lone surrogate is refused by the lifecycle before anything is written
  EXPECT_THROW(db.append(k::referral_id{"R-0"}, "nul", nth_event(3, std::string("a\0b", 3)), 3, coordinator_access),
               k::invalid_argument);
  EXPECT_THROW(db.append(k::referral_id{"R-0"}, "bad-utf8", nth_event(3, "\xed\xa0\x80"), 3, coordinator_access),
               k::invalid_argument);
  EXPECT_EQ(db.summary(k::referral_id{"R-0"}).version, 3);
  // injection strings as keys are just keys: nothing found, nothing run
  EXPECT_THROW((void)db.get(k::referral_id{"R-0'--"}, coordinator_access), k::invalid_argument);
  EXPECT_THROW((void)db.get(k::referral_id{"R-0.or.1"}, coordinator_access), k::not_found);
}
