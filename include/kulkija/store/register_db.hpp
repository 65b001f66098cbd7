#pragma once
/// @file
/// @brief The referral register on SQLite: one file, WAL journal, `synchronous=FULL`,
/// one transaction per write, bound parameters always.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "kulkija/privacy/identity_code.hpp"
#include "kulkija/store/store.hpp"

namespace kulkija::store {

/// @addtogroup store
/// @{

/// @brief The schema version this library writes and reads (`PRAGMA user_version`).
///
/// Version 2 added the outbox's last failed delivery (outbox_message::last_error), version 3
/// the elements a referral received from another system keeps (referral::kept()) and the
/// link workers' training records; older files are migrated forward with
/// open_options::migrate.
inline constexpr int register_schema_version = 3;

/// @brief How register_db::open() opens a file.
struct open_options {
  bool create = true;           ///< create the file (and the schema) when it does not exist
  bool read_only = false;       ///< open for reading only (then reads cannot be audited: set audit_reads false)
  bool migrate = false;         ///< apply forward migrations to an older schema (never done silently)
  bool synchronous_full = true;  ///< `synchronous=FULL` (the default); false for `NORMAL`
  bool audit_reads = true;      ///< log every read of client data with who and why
  int busy_timeout_ms = 10000;  ///< how long a writer waits for another writer's lock
  std::int64_t max_page_count = 0;  ///< the file's size limit in pages (0: none); for tests of a full disk
  std::optional<pseudonym_key> key;  ///< the key for identity-code pseudonyms at rest (set_identity_code())
};

/// @brief The referral register on SQLite (the embedded default implementation of
/// referral_store).
///
/// One file holds the clients, professionals, link workers, referrals, the append-only
/// event history, the outbox and the audit log. The journal is WAL, so readers never block
/// the one writer; every write is one `BEGIN IMMEDIATE` transaction, made durable at
/// commit (`synchronous=FULL`). Several processes may open the same file: writers queue on
/// SQLite's lock (busy_timeout_ms) and optimistic versions (append()'s expected_version)
/// stop one from overwriting another's change.
/// @code
/// using namespace kulkija;
/// auto db = store::register_db::open("register.db");
/// const store::accessor me{"coordinator-1", store::purpose::coordination};
/// db.add_referral(r, store::sharing_level::codes_only, me);
/// db.append(r.id(), "ev-42", {referral_event::accept, t, {actor_role::coordinator, "K-1"}}, 1, me);
/// @endcode
class register_db final : public referral_store {
 public:
  /// @brief Opens (or creates) a register file.
  ///
  /// Checks that the file is a kulkija register (its application id and schema) and that
  /// its schema version is not newer than register_schema_version; an older one is migrated
  /// only with `options.migrate`. Opening never rewrites data otherwise.
  /// @param path the file
  /// @param options how to open it
  /// @return the register
  /// @throws storage_error naming the file: storage_io (601) when it cannot be opened or
  ///         created, storage_format (602) when it is not a register or is corrupted,
  ///         storage_version (603) when its schema is newer (or older without migrate).
  [[nodiscard]] static register_db open(const std::filesystem::path& path, const open_options& options = {});

  /// @brief Moves a register.
  register_db(register_db&&) noexcept;
  /// @brief Move-assigns a register.
  register_db& operator=(register_db&&) noexcept;
  /// @brief Not copyable: a register is one connection to its file.
  register_db(const register_db&) = delete;
  /// @brief Not copyable.
  register_db& operator=(const register_db&) = delete;
  /// @brief Closes the file.
  ~register_db() override;

  /// @brief The file.
  [[nodiscard]] const std::filesystem::path& path() const noexcept;
  /// @brief The file's schema version (`PRAGMA user_version`).
  [[nodiscard]] int schema_version();
  /// @brief The schema version the file had before this open() migrated it, or nothing when
  /// it was current already (or new).
  [[nodiscard]] std::optional<int> migrated_from() const noexcept;
  /// @brief Runs `PRAGMA integrity_check` (reads the whole file).
  /// @return `ok`, or SQLite's list of problems
  [[nodiscard]] std::string integrity_check();
  /// @brief Copies the register into `target` with SQLite's online backup API, while
  /// other connections go on reading and writing; the copy is a consistent snapshot.
  /// @param target the new file (replaced when it exists)
  /// @throws storage_error naming `target`.
  void backup_to(const std::filesystem::path& target);
  /// @brief Writes a pseudonymised analytic copy: a new register in which every client id is
  /// replaced by a keyed pseudonym (HMAC-SHA256 under `key`), free text (notes, goals,
  /// interests, organisation and title), actor ids, birth dates, the identity-code
  /// pseudonyms, the outbox and the audit log are left out.
  /// @param target the new file (must not exist)
  /// @param key the key of the pseudonyms
  /// @param by who and why (audited as `analytic_copy`)
  /// @throws storage_error naming `target`.
  void export_analytic_copy(const std::filesystem::path& target, const pseudonym_key& key, const accessor& by);

  /// @brief Records a client's personal identity code at rest as its keyed pseudonym only
  /// (HMAC-SHA256 under open_options::key), so that the client can be found by the code.
  /// @param c the client (already in the register)
  /// @param identity_code the code (validated; never stored, never shown)
  /// @param by who and why
  /// @throws invalid_argument (id invalid_value) naming `key` when no key is configured;
  ///         invalid_argument (id invalid_identity_code); not_found for an unknown client.
  void set_identity_code(const client_id& c, std::string_view identity_code, const accessor& by);
  /// @brief The client whose identity code is `identity_code` (audited read).
  /// @param identity_code the code
  /// @param by who and why
  /// @return the client's id, or nothing
  /// @throws invalid_argument as set_identity_code().
  [[nodiscard]] std::optional<client_id> find_by_identity_code(std::string_view identity_code, const accessor& by);

  void put_client(const client& c, const accessor& by) override;
  void put_professional(const professional& p, const accessor& by) override;
  void put_link_worker(const link_worker& w, const accessor& by) override;
  append_result add_referral(const referral& r, sharing_level sharing, const accessor& by) override;
  append_result append(const referral_id& id, std::string_view event_id, const lifecycle_event& event,
                       std::int64_t expected_version, const accessor& by) override;
  [[nodiscard]] referral get(const referral_id& id, const accessor& by) override;
  [[nodiscard]] std::vector<stored_event> events(const referral_id& id, const accessor& by) override;
  [[nodiscard]] client get_client(const client_id& id, const accessor& by) override;
  [[nodiscard]] referral_summary summary(const referral_id& id) override;
  [[nodiscard]] std::vector<referral_summary> by_state(referral_state state, std::size_t limit,
                                                       const accessor& by) override;
  [[nodiscard]] std::vector<queue_entry> queue(const support_policy& policy, date on, const finnish_calendar& calendar,
                                               std::size_t limit, const accessor& by) override;
  [[nodiscard]] std::vector<due_deadline> deadlines_due(const support_policy& policy, date on,
                                                        std::int64_t business_days, const finnish_calendar& calendar,
                                                        std::size_t limit, const accessor& by) override;
  [[nodiscard]] std::vector<referral_summary> caseload(const link_worker_id& worker, const accessor& by) override;
  [[nodiscard]] std::vector<referral_summary> client_referrals(const client_id& c, const accessor& by) override;
  [[nodiscard]] std::map<referral_state, std::int64_t> state_counts() override;
  drain_result drain_outbox(const outbox_sender& send, std::size_t max_messages = SIZE_MAX) override;
  [[nodiscard]] std::vector<outbox_message> pending_messages() override;
  [[nodiscard]] std::vector<audit_entry> audit_log(std::int64_t after_seq = 0, std::size_t limit = SIZE_MAX) override;
  [[nodiscard]] subject_record export_subject(const client_id& c, const accessor& by) override;
  retention_result erase_subject(const client_id& c, retention_action action, const accessor& by) override;
  retention_result apply_retention(const retention_rule& rule, date today, const accessor& by) override;
  [[nodiscard]] region_records records(const accessor& by) override;
  [[nodiscard]] std::vector<link_worker> link_workers() override;
  using referral_store::import_records;
  std::size_t import_records(const region_records& records, sharing_level sharing, const accessor& by,
                             std::span<const link_worker> workers) override;

 private:
  struct impl;
  explicit register_db(std::unique_ptr<impl> p) noexcept;
  std::unique_ptr<impl> impl_;
};

/// @}

}  // namespace kulkija::store
