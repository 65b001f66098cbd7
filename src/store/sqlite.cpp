#include "sqlite.hpp"

#include <string>

namespace kulkija::store::sql {

void fail(int rc, const std::string& file, std::string_view what, sqlite3* db) {
  const int primary = rc & 0xff;
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string rule(what);
  rule += ": ";
  error_id id = error_id::storage_io;
  switch (primary) {
    case SQLITE_FULL:
      id = error_id::storage_full;
      rule += "the disk or the register's size limit is full; nothing was written (" + detail + ")";
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      id = error_id::storage_format;
      rule += "not a kulkija register, or corrupted or truncated (" + detail + ")";
      break;
    case SQLITE_READONLY:
      rule += "the register is read-only (" + detail + ")";
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      rule += "another process holds the register's lock beyond the busy timeout (" + detail + ")";
      break;
    default:
      rule += detail;
      break;
  }
  throw storage_error(id, file, rule);
}

statement& statement::bind(int i, std::int64_t v) {
  const int rc = sqlite3_bind_int64(s_, i, v);
  if (rc != SQLITE_OK) fail(rc, *file_, "bind", db_);
  return *this;
}

statement& statement::bind(int i, std::string_view v) {
  const int rc = sqlite3_bind_text64(s_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(rc, *file_, "bind", db_);
  return *this;
}

statement& statement::bind_null(int i) {
  const int rc = sqlite3_bind_null(s_, i);
  if (rc != SQLITE_OK) fail(rc, *file_, "bind", db_);
  return *this;
}

bool statement::step() {
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // the error is reported by step (v2 interface); the message before resetting
  const std::string message = sqlite3_errmsg(db_);
  sqlite3_reset(s_);
  const int primary = rc & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    throw storage_error(error_id::storage_io, *file_, "a rule of the register's schema refused the write (" + message + ")");
  }
  fail(rc, *file_, "step", db_);
}

std::string statement::text(int i) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
  const int n = sqlite3_column_bytes(s_, i);
  return p == nullptr ? std::string() : std::string(p, static_cast<std::size_t>(n));
}

void connection::open(const std::string& file, int flags) {
  file_ = file;
  const int rc = sqlite3_open_v2(file.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    close();
    fail(rc, file, "cannot open (" + message + ")");
  }
  sqlite3_extended_result_codes(db_, 1);
}

void connection::close() noexcept {
  for (auto& [sql, s] : cache_) sqlite3_finalize(s);
  cache_.clear();
  if (db_ != nullptr) sqlite3_close_v2(db_);
  db_ = nullptr;
}

void connection::exec(const char* sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message != nullptr ? message : "";
    sqlite3_free(message);
    fail(rc, file_, text.empty() ? "exec" : text, db_);
  }
}

statement connection::prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) fail(rc, file_, "prepare", db_);
    it = cache_.emplace(sql, s).first;
  } else {
    sqlite3_reset(it->second);
    sqlite3_clear_bindings(it->second);
  }
  return statement(db_, it->second, &file_);
}

transaction::transaction(connection& c, bool write) : c_(c) {
  if (!c_.in_transaction()) {
    c_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
    owner_ = true;
  }
}

transaction::~transaction() {
  if (owner_ && !done_) {
    c_.reset_all();
    if (c_.in_transaction()) sqlite3_exec(c_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void transaction::commit() {
  if (owner_ && !done_) {
    c_.reset_all();
    c_.exec("COMMIT");
  }
  done_ = true;
}

}  // namespace kulkija::store::sql
