#pragma once
// Shared builders for the register's tests: temporary folders, referrals, and an endless
// valid event sequence (issue, accept, assign, first contact, then pause and resume), a look at
// a register file beside the library, and a sender-style FHIR Bundle.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

#include "kulkija/store/register_db.hpp"
#include "../referral/fixtures.hpp"

namespace kulkija::testing {

// A fresh folder under the system's temporary folder, removed at the end of the test.
class temp_folder {
 public:
  temp_folder() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("kulkija-store-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(std::random_device{}()));
    std::filesystem::create_directories(path_);
  }
  temp_folder(const temp_folder&) = delete;
  temp_folder& operator=(const temp_folder&) = delete;
  ~temp_folder() {
    std::error_code ec;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ec);
    std::filesystem::remove_all(path_, ec);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::filesystem::path operator/(const char* name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

inline const store::accessor coordinator_access{"K-1", store::purpose::coordination};

// A draft referral with consent and needs, for client `client` (default: one per referral).
inline referral draft_referral(const std::string& id, const std::string& client = {},
                               priority urgency = priority::routine) {
  referral r{referral_id{id}, sample_client(client.empty() ? ("C-" + id).c_str() : client.c_str()),
             sample_referrer(), need_set{need::loneliness}, urgency};
  r.record_consent(at("2026-01-05T09:00:00Z"));
  return r;
}

// The event after `version` events in the endless sequence, `version` minutes after 10:00.
inline lifecycle_event nth_event(std::int64_t version, std::string note = {}) {
  const timestamp when = at("2026-01-05T10:00:00Z") + boost::posix_time::minutes(version);
  lifecycle_event e{referral_event::issue, when, actor{actor_role::referrer, "P-1"}, std::nullopt, std::nullopt,
                    std::move(note)};
  switch (version) {
    case 0: break;
    case 1: e.kind = referral_event::accept; e.by = {actor_role::coordinator, "K-1"}; break;
    case 2:
      e.kind = referral_event::assign;
      e.by = {actor_role::coordinator, "K-1"};
      e.link_worker = link_worker_id{"LW-1"};
      break;
    case 3: e.kind = referral_event::first_contact; e.by = {actor_role::link_worker, "LW-1"}; break;
    default:
      e.by = {actor_role::link_worker, "LW-1"};
      if ((version - 4) % 2 == 0) {
        e.kind = referral_event::pause;
        e.reason = reason_code::client_ill;
      } else {
        e.kind = referral_event::resume;
      }
  }
  return e;
}

// Runs SQL on the file directly, beside the library (to look at or tamper with it): the first
// column of the first row, or -1.
inline std::int64_t raw_int(const std::filesystem::path& file, const char* sql) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  std::int64_t out = -1;
  if (sqlite3_step(s) == SQLITE_ROW) out = sqlite3_column_int64(s, 0);
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

// The sender-style Bundle of tests/fhir/senders/closed-loop.json: one referral received from
// another system, with elements kulkija keeps (referral::kept()).
inline std::string sender_bundle() {
  std::ifstream in(std::filesystem::path(KULKIJA_SOURCE_DIR) / "tests/fhir/senders/closed-loop.json");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace kulkija::testing
