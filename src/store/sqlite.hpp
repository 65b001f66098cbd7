#pragma once
// A thin RAII layer over SQLite's C API for the register: a connection, cached prepared
// statements with bound parameters (never SQL built from values), and transactions. Every
// SQLite failure becomes a kulkija::storage_error naming the file. Internal to src/store.

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "kulkija/core/error.hpp"

namespace kulkija::store::sql {

/// The storage error for SQLite result code `rc` on `file`, with `what` was being done.
[[noreturn]] void fail(int rc, const std::string& file, std::string_view what, sqlite3* db = nullptr);

/// One prepared statement; reset and its bindings cleared on every use.
class statement {
 public:
  statement(sqlite3* db, sqlite3_stmt* s, const std::string* file) : db_(db), s_(s), file_(file) {}
  statement& bind(int i, std::int64_t v);
  statement& bind(int i, int v) { return bind(i, static_cast<std::int64_t>(v)); }
  statement& bind(int i, std::string_view v);
  statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  statement& bind_null(int i);
  template <class T>
  statement& bind(int i, const std::optional<T>& v) {
    return v ? bind(i, *v) : bind_null(i);
  }
  /// Steps once: true while a row is available, false when done.
  bool step();
  /// Steps to the end (for writes).
  void run() {
    while (step()) {
    }
  }
  [[nodiscard]] bool is_null(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  [[nodiscard]] std::int64_t integer(int i) const { return sqlite3_column_int64(s_, i); }
  [[nodiscard]] std::string text(int i) const;
  [[nodiscard]] std::optional<std::int64_t> opt_integer(int i) const {
    return is_null(i) ? std::nullopt : std::optional(integer(i));
  }
  [[nodiscard]] std::optional<std::string> opt_text(int i) const {
    return is_null(i) ? std::nullopt : std::optional(text(i));
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* s_;
  const std::string* file_;
};

/// A connection with a statement cache.
class connection {
 public:
  connection() = default;
  connection(const connection&) = delete;
  connection& operator=(const connection&) = delete;
  ~connection() { close(); }

  void open(const std::string& file, int flags);
  void close() noexcept;
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  /// Runs SQL text without parameters (schema, pragmas, transaction control).
  void exec(const char* sql);
  /// The cached statement for `sql`, reset and with its bindings cleared.
  statement prepare(const char* sql);
  /// Resets every cached statement (so that none holds a read snapshot open).
  void reset_all() noexcept {
    for (auto& [sql, s] : cache_) sqlite3_reset(s);
  }
  /// Whether a transaction is open.
  [[nodiscard]] bool in_transaction() const noexcept { return sqlite3_get_autocommit(db_) == 0; }

 private:
  sqlite3* db_ = nullptr;
  std::string file_;
  std::map<const char*, sqlite3_stmt*> cache_;  // keyed by the literal's address
};

/// A transaction: `BEGIN IMMEDIATE` (or deferred, for reads) unless one is open already;
/// rolled back by the destructor unless committed.
class transaction {
 public:
  transaction(connection& c, bool write);
  transaction(const transaction&) = delete;
  transaction& operator=(const transaction&) = delete;
  ~transaction();
  void commit();

 private:
  connection& c_;
  bool owner_ = false;
  bool done_ = false;
};

}  // namespace kulkija::store::sql
