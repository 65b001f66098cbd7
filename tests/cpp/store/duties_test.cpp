// The register's duties: the outbox back to the referrer (at least once), the data
// subject's export and erasure, retention, identity codes at rest, backups and the
// pseudonymised analytic copy.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "kulkija/core/error.hpp"
#include "kulkija/store/register_db.hpp"
#include "../test_support.hpp"
#include "store_fixtures.hpp"

namespace k = kulkija;
namespace st = kulkija::store;
using k::testing::at;
using k::testing::coordinator_access;
using k::testing::draft_referral;
using k::testing::nth_event;
using k::testing::temp_folder;

namespace {

void advance(st::register_db& db, const std::string& id, std::int64_t n, const std::string& note = {}) {
  auto v = db.summary(k::referral_id{id}).version;
  for (; v < n; ++v) db.append(k::referral_id{id}, id + "-e" + std::to_string(v + 1), nth_event(v, note), v, coordinator_access);
}

void complete(st::register_db& db, const std::string& id, const char* when) {
  const auto v = db.summary(k::referral_id{id}).version;
  db.append(k::referral_id{id}, id + "-done", {k::referral_event::complete, at(when), {k::actor_role::link_worker, "LW-1"},
                                             k::reason_code::goals_reached, {}, "tavoitteet saavutettu"},
            v, coordinator_access);
}

}  // namespace

TEST(StoreOutbox, MessagesAreWrittenWithTheirEventAndCarryTheSharedLevel) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1"), st::sharing_level::codes_only, coordinator_access);
  db.add_referral(draft_referral("R-2"), st::sharing_level::codes_and_text, coordinator_access);
  advance(db, "R-1", 4, "salainen muistiinpano");
  advance(db, "R-2", 4, "jaettava muistiinpano");
  complete(db, "R-2", "2026-02-01T10:00:00Z");
  const auto pending = db.pending_messages();
  ASSERT_EQ(pending.size(), 5U);  // accept and assign of each, complete of R-2
  EXPECT_EQ(pending[0].kind, k::referral_event::accept);
  EXPECT_EQ(pending[0].event_id, "R-1-e2");
  const auto task = nlohmann::json::parse(pending[0].payload);
  EXPECT_EQ(task["resourceType"], "Task");
  EXPECT_EQ(task["status"], "accepted");
  EXPECT_EQ(task["identifier"][0]["value"], "R-1");
  EXPECT_FALSE(task.contains("note"));
  EXPECT_EQ(pending[0].payload.find("salainen"), std::string::npos);
  const auto done = nlohmann::json::parse(pending[4].payload);
  EXPECT_EQ(done["status"], "completed");
  EXPECT_EQ(done["statusReason"]["coding"][0]["code"], "goals_reached");
  EXPECT_EQ(done["owner"]["identifier"]["value"], "LW-1");
  EXPECT_EQ(done["note"][0]["text"], "tavoitteet saavutettu");
  bool has_days = false;
  for (const auto& o : done["output"]) has_days |= o["type"]["coding"][0]["code"] == "days-in-support";
  EXPECT_TRUE(has_days);
}

TEST(StoreOutbox, DrainDeliversInOrderAndStopsAtAFailure) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1"), st::sharing_level::codes_only, coordinator_access);
  advance(db, "R-1", 3);
  std::vector<std::int64_t> seen;
  int calls = 0;
  auto r = db.drain_outbox([&](const st::outbox_message& m) {
    ++calls;
    if (calls == 2) throw std::runtime_error("receiver down");
    seen.push_back(m.seq);
    return true;
  });
  EXPECT_EQ(r, (st::drain_result{1, 1, 1, "receiver down"}));
  {  // the failure is kept with the message, for the coordinator to see
    const auto stuck = db.pending_messages();
    ASSERT_EQ(stuck.size(), 1U);
    EXPECT_EQ(stuck[0].attempts, 1);
    EXPECT_EQ(stuck[0].last_error, "receiver down");
    EXPECT_TRUE(stuck[0].last_attempt_at.has_value());
  }
  r = db.drain_outbox([&](const st::outbox_message& m) {
    seen.push_back(m.seq);
    EXPECT_EQ(m.attempts, 2);
    EXPECT_EQ(m.last_error, "receiver down");  // what the previous attempt left
    return true;
  });
  EXPECT_EQ(r, (st::drain_result{1, 0, 0}));
  EXPECT_EQ(seen.size(), 2U);
  EXPECT_LT(seen[0], seen[1]);
  EXPECT_TRUE(db.pending_messages().empty());
}

TEST(StoreOutbox, AFailureIsRecordedWithoutIdentityCodesAndBounded) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1"), st::sharing_level::codes_only, coordinator_access);
  advance(db, "R-1", 2);  // issued and accepted: one message
  ASSERT_EQ(db.pending_messages().size(), 1U);
  auto r = db.drain_outbox([](const st::outbox_message&) { return false; });
  EXPECT_EQ(r.error, "the receiver did not acknowledge the message");
  EXPECT_EQ(db.pending_messages()[0].last_error, r.error);
  // A sender that echoes a personal identity code: the code never reaches the register.
  r = db.drain_outbox([](const st::outbox_message&) -> bool { throw std::runtime_error("no client 131052-308T"); });
  ASSERT_TRUE(r.error.has_value());
  EXPECT_EQ(r.error->find("131052-308T"), std::string::npos);
  EXPECT_EQ(db.pending_messages()[0].last_error, r.error);
  // A long message is cut at a character boundary.
  std::string long_text;
  for (int i = 0; i < 400; ++i) long_text += "\xC3\xA4";  // 'ä', two bytes each
  r = db.drain_outbox([&](const st::outbox_message&) -> bool { throw std::runtime_error(long_text); });
  ASSERT_TRUE(r.error.has_value());
  EXPECT_LE(r.error->size(), 503U);
  EXPECT_EQ(r.error->substr(r.error->size() - 3), "...");
  EXPECT_EQ(r.error->substr(0, 4), "\xC3\xA4\xC3\xA4");
  EXPECT_EQ(r.error->size() % 2, 1U);  // 'ä's and "...": no 'ä' was split
  r = db.drain_outbox([](const st::outbox_message&) -> bool { throw 42; });
  EXPECT_EQ(r.error, "the sender threw something that is not a std::exception");
  EXPECT_EQ(db.pending_messages()[0].attempts, 4);
}

TEST(StoreOutbox, AKillBetweenSendAndAcknowledgementDeliversAgainNeverLoses) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  {
    auto db = st::register_db::open(file);
    for (int i = 0; i < 3; ++i) {
      db.add_referral(draft_referral("R-" + std::to_string(i)), st::sharing_level::codes_only, coordinator_access);
      advance(db, "R-" + std::to_string(i), 3);
    }
    ASSERT_EQ(db.pending_messages().size(), 6U);
  }
  std::vector<std::int64_t> received;  // what the receiver saw, across both processes
  for (int round = 0; round < 3; ++round) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      auto db = st::register_db::open(file);
      int sent = 0;
      (void)db.drain_outbox([&](const st::outbox_message& m) {
        const std::string line = std::to_string(m.seq) + "\n";
        (void)!::write(fds[1], line.data(), line.size());
        if (++sent == 2) ::raise(SIGKILL);  // sent, not yet acknowledged
        return true;
      });
      ::_exit(0);
    }
    ::close(fds[1]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    char buf[256];
    std::string text;
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) text.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) received.push_back(std::stoll(line));
    ASSERT_TRUE(WIFSIGNALED(status));
    auto db = st::register_db::open(file);
    const auto pending = db.pending_messages();
    ASSERT_FALSE(pending.empty());
    EXPECT_EQ(pending.front().seq, received.back());  // the unacknowledged one is still there
  }
  auto db = st::register_db::open(file);
  (void)db.drain_outbox([&](const st::outbox_message& m) {
    received.push_back(m.seq);
    return true;
  });
  EXPECT_TRUE(db.pending_messages().empty());
  std::set<std::int64_t> distinct(received.begin(), received.end());
  EXPECT_EQ(distinct.size(), 6U);          // every message delivered
  EXPECT_EQ(received.size(), 6U + 3U);     // three of them twice: at least once, never lost
}

TEST(StoreSubject, ExportGivesEverythingHeldAboutAClient) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1", "C-9"), st::sharing_level::codes_only, coordinator_access);
  db.add_referral(draft_referral("R-2", "C-9"), st::sharing_level::codes_only, coordinator_access);
  db.add_referral(draft_referral("R-3", "C-other"), st::sharing_level::codes_only, coordinator_access);
  advance(db, "R-1", 3);
  (void)db.get(k::referral_id{"R-1"}, {"LW-1", st::purpose::care});
  const auto s = db.export_subject(k::client_id{"C-9"}, {"DPO-1", st::purpose::subject_access});
  EXPECT_EQ(s.subject.id().str(), "C-9");
  ASSERT_EQ(s.referrals.size(), 2U);
  EXPECT_EQ(s.events.size(), 3U);
  EXPECT_EQ(s.messages.size(), 2U);
  ASSERT_FALSE(s.audit.empty());
  EXPECT_EQ(s.audit.back().action, "export_subject");
  EXPECT_EQ(s.audit.back().who, "DPO-1");
  EXPECT_TRUE(std::any_of(s.audit.begin(), s.audit.end(), [](const auto& a) { return a.who == "LW-1"; }));
  EXPECT_THROW((void)db.export_subject(k::client_id{"C-404"}, coordinator_access), k::not_found);
}

TEST(StoreSubject, ErasureKeepsTheCountsAndRefusesOpenReferrals) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1", "C-9"), st::sharing_level::codes_only, coordinator_access);
  db.add_referral(draft_referral("R-2", "C-8"), st::sharing_level::codes_only, coordinator_access);
  advance(db, "R-1", 4);
  advance(db, "R-2", 4, "muistiinpano");
  const st::accessor dpo{"DPO-1", st::purpose::erasure};
  KULKIJA_EXPECT_THROW_MSG(db.erase_subject(k::client_id{"C-9"}, st::retention_action::erase, dpo), k::invalid_argument,
                           "client_id: a referral of the client is still open");
  complete(db, "R-1", "2026-02-01T10:00:00Z");
  complete(db, "R-2", "2026-02-01T10:00:00Z");
  const auto counts = db.state_counts();
  const auto erased = db.erase_subject(k::client_id{"C-9"}, st::retention_action::erase, dpo);
  EXPECT_EQ(erased, (st::retention_result{1, 1, 5}));
  EXPECT_THROW((void)db.get_client(k::client_id{"C-9"}, dpo), k::not_found);
  EXPECT_THROW((void)db.summary(k::referral_id{"R-1"}), k::not_found);
  EXPECT_EQ(db.state_counts(), counts);  // the KPI counts survive
  EXPECT_EQ(db.audit_log().back().action, "erase_subject");
  EXPECT_EQ(db.integrity_check(), "ok");
  // pseudonymisation: a new pseudonym, no free text, the history kept
  const auto p = db.erase_subject(k::client_id{"C-8"}, st::retention_action::pseudonymise, dpo);
  EXPECT_EQ(p.referrals, 1U);
  EXPECT_THROW((void)db.get_client(k::client_id{"C-8"}, dpo), k::not_found);
  const auto r = db.get(k::referral_id{"R-2"}, dpo);
  EXPECT_TRUE(r.subject().id().str().starts_with("anon-"));
  EXPECT_EQ(r.history().size(), 5U);
  for (const auto& h : r.history()) EXPECT_EQ(h.event.note, "");
  EXPECT_TRUE(r.subject().goals().empty());
}

TEST(StoreSubject, RetentionActsOnClientsClosedLongEnough) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  for (const char* id : {"R-1", "R-2", "R-3"}) {
    db.add_referral(draft_referral(id), st::sharing_level::codes_only, coordinator_access);
    advance(db, id, 4);
  }
  complete(db, "R-1", "2026-02-01T10:00:00Z");
  complete(db, "R-2", "2026-06-01T10:00:00Z");
  const st::accessor rule_runner{"retention", st::purpose::erasure};
  const auto r = db.apply_retention({365, st::retention_action::erase}, k::parse_date("2027-03-01"), rule_runner);
  EXPECT_EQ(r.clients, 1U);  // R-1's client; R-2 closed too recently, R-3 open
  EXPECT_THROW((void)db.summary(k::referral_id{"R-1"}), k::not_found);
  EXPECT_EQ(db.summary(k::referral_id{"R-2"}).state, k::referral_state::completed);
  EXPECT_EQ(db.audit_log().back().action, "retention_erase");
  EXPECT_EQ(db.apply_retention({365, st::retention_action::erase}, k::parse_date("2027-03-01"), rule_runner).clients, 0U);
}

TEST(StoreSubject, IdentityCodesAreStoredOnlyAsKeyedPseudonyms) {
  temp_folder tmp;
  const auto file = tmp / "r.db";
  const auto key = k::pseudonym_key::from_hex(std::string(64, 'a'));
  {
    auto plain = st::register_db::open(file);
    plain.add_referral(draft_referral("R-1", "C-1"), st::sharing_level::codes_only, coordinator_access);
    KULKIJA_EXPECT_THROW_MSG(plain.set_identity_code(k::client_id{"C-1"}, "131052-308T", coordinator_access),
                             k::invalid_argument, "key: no pseudonym key is configured");
  }
  st::open_options o;
  o.key = key;
  auto db = st::register_db::open(file, o);
  db.set_identity_code(k::client_id{"C-1"}, "131052-308T", coordinator_access);
  EXPECT_EQ(db.find_by_identity_code("131052-308t", coordinator_access), k::client_id{"C-1"});
  EXPECT_EQ(db.find_by_identity_code("010101-123N", coordinator_access), std::nullopt);
  // the code is nowhere in the file
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(bytes.find("131052"), std::string::npos);
}

TEST(StoreSubject, BackupAndAnalyticCopy) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  db.add_referral(draft_referral("R-1", "C-1"), st::sharing_level::codes_only, coordinator_access);
  advance(db, "R-1", 6, "henkilökohtainen muistiinpano");
  db.backup_to(tmp / "backup.db");
  auto backup = st::register_db::open(tmp / "backup.db");
  EXPECT_EQ(backup.integrity_check(), "ok");
  EXPECT_EQ(backup.get(k::referral_id{"R-1"}, coordinator_access), db.get(k::referral_id{"R-1"}, coordinator_access));
  const auto key = k::pseudonym_key::from_hex(std::string(64, 'b'));
  db.export_analytic_copy(tmp / "analytic.db", key, {"analyst", st::purpose::statistics});
  auto copy = st::register_db::open(tmp / "analytic.db");
  const auto records = copy.records({"analyst", st::purpose::statistics});
  ASSERT_EQ(records.referrals.size(), 1U);
  const auto& r = records.referrals[0];
  EXPECT_TRUE(r.subject().id().str().starts_with("A-"));
  EXPECT_EQ(r.state(), k::referral_state::in_progress);
  for (const auto& h : r.history()) {
    EXPECT_EQ(h.event.note, "");
    EXPECT_EQ(h.event.by.id, "");
  }
  EXPECT_THROW(db.export_analytic_copy(tmp / "analytic.db", key, coordinator_access), k::storage_error);
}
