#pragma once
/// @file
/// @brief The referral register's interface: a durable, audited store of clients,
/// professionals, link workers, referrals and their append-only event history.
///
/// referral_store is the seam: register_db (store/register_db.hpp) implements it on SQLite,
/// and a service may put another database (PostgreSQL) behind the same interface
/// (docs/register.md).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"
#include "kulkija/interop/region_csv.hpp"
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/referral/client.hpp"
#include "kulkija/referral/lifecycle.hpp"
#include "kulkija/referral/professional.hpp"
#include "kulkija/referral/referral.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/workforce/queue.hpp"

/// @brief The referral register: durable storage of referrals and their history.
namespace kulkija::store {

/// @defgroup store Store
/// @brief The referral register: events with guards before every write, optimistic
/// versions, idempotent event ids, the outbox back to the referrer, the audit log of reads,
/// and the data subject's rights; SQLite by default (register_db).
/// @{

/// @brief Why someone reads or changes a client's data: the purpose code of the audit log.
enum class purpose : std::uint8_t {
  care,            ///< the client's own support (the link worker)
  coordination,    ///< routing referrals (the coordinator's queue, caseloads)
  follow_up,       ///< the referrer's follow-up of their referral
  statistics,      ///< KPIs and analysis
  subject_access,  ///< the data subject's access request (export_subject())
  erasure,         ///< erasure or retention (erase_subject(), apply_retention())
  administration,  ///< import, export, backup and maintenance
};
/// @brief The code of a purpose, e.g. `subject_access`.
/// @param p the purpose
[[nodiscard]] std::string_view to_string(purpose p) noexcept;
/// @brief Parses a purpose's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] purpose parse_purpose(std::string_view code);

/// @brief Who accesses the register and why; written to the audit log.
struct accessor {
  std::string who;                       ///< the user or service (an id: 1-64 of `A-Z a-z 0-9 . _ : -`)
  purpose why = purpose::administration;  ///< the purpose
  /// @brief Accessors are equal when both fields are equal.
  friend bool operator==(const accessor&, const accessor&) = default;
};

/// @brief How much the message back to the referrer carries (per referral).
enum class sharing_level : std::uint8_t {
  codes_only,      ///< states, reasons and counts as codes; no free text
  codes_and_text,  ///< codes, and the events' notes as text
};
/// @brief The code of a sharing level: `codes_only` or `codes_and_text`.
/// @param s the level
[[nodiscard]] std::string_view to_string(sharing_level s) noexcept;
/// @brief Parses a sharing level's code.
/// @param code the code
/// @throws parse_error (id parse_enum) listing the valid codes.
[[nodiscard]] sharing_level parse_sharing_level(std::string_view code);

/// @brief What an append did.
enum class append_status : std::uint8_t {
  appended,   ///< the event was written
  duplicate,  ///< an event with the same id and content was written before; nothing changed
};

/// @brief The outcome of add_referral() or append().
struct append_result {
  append_status status = append_status::appended;  ///< appended, or a duplicate (a safe retry)
  std::int64_t version = 0;                        ///< the referral's version after the call
  referral_state state = referral_state::draft;   ///< the referral's state after the call
  /// @brief Results are equal when every field is equal.
  friend bool operator==(const append_result&, const append_result&) = default;
};

/// @brief One event as stored: its id, its place in the referral's history, and the entry.
struct stored_event {
  std::string id;             ///< the event id (idempotency key)
  referral_id referral;       ///< the referral
  std::int64_t version = 0;   ///< 1 for the first event; the referral's version after it
  history_entry entry;        ///< the event with the states it joined
  timestamp recorded_at;      ///< when the register wrote it (UTC)
  /// @brief Events are equal when every field is equal.
  friend bool operator==(const stored_event&, const stored_event&) = default;
};

/// @brief A referral's row as the coordinator's queries return it (no history, no client data).
struct referral_summary {
  referral_id id;                            ///< the referral
  client_id client;                          ///< the client's pseudonym
  professional_id referrer;                  ///< the referring professional
  referral_state state = referral_state::draft;  ///< the current state
  priority urgency = priority::routine;      ///< the priority
  std::int64_t version = 0;                  ///< the number of events (append()'s expected version)
  std::optional<link_worker_id> link_worker;  ///< the link worker since the last (re)opening
  std::optional<timestamp> accepted_at;      ///< the last acceptance
  std::optional<timestamp> first_contact_at;  ///< first contact since the last (re)opening
  std::optional<timestamp> last_event_at;    ///< the last event
  /// @brief Summaries are equal when every field is equal.
  friend bool operator==(const referral_summary&, const referral_summary&) = default;
};

/// @brief A first-contact deadline due soon (deadlines_due()).
struct due_deadline {
  referral_summary referral;       ///< the referral (accepted or assigned, first contact not made)
  date accepted_on;                ///< the Finnish local day of the last acceptance
  date due;                        ///< the first-contact deadline (support_period's rule)
  std::int64_t business_days_left = 0;  ///< business days in [on, due); negative when overdue
  /// @brief Deadlines are equal when every field is equal.
  friend bool operator==(const due_deadline&, const due_deadline&) = default;
};

/// @brief A message back to the referrer, written in the same transaction as its event.
struct outbox_message {
  std::int64_t seq = 0;     ///< its place in the outbox, increasing
  referral_id referral;     ///< the referral
  std::string event_id;     ///< the event that caused it
  referral_event kind = referral_event::accept;  ///< accept, reject, assign, complete or discontinue
  std::string payload;      ///< a FHIR R4 Task (JSON): status, statusReason, output (docs/register.md)
  timestamp created_at;     ///< when it was written
  int attempts = 0;         ///< delivery attempts so far
  std::optional<timestamp> last_attempt_at;  ///< when the last attempt began (none before the first, or in a schema-1 file)
  /// @brief What the sender said when the last failed attempt failed (its exception's text,
  /// with anything shaped like an identity code redacted, at most 500 bytes), or that the
  /// receiver did not acknowledge; none when no attempt has failed. A later successful
  /// delivery leaves it as it was.
  std::optional<std::string> last_error;
  /// @brief Messages are equal when every field is equal.
  friend bool operator==(const outbox_message&, const outbox_message&) = default;
};

/// @brief Delivers one message; returns true when the receiver acknowledged it.
///
/// A sender that returns false or throws leaves the message in the outbox for the next
/// drain. The same message may be delivered more than once (at least once): receivers
/// deduplicate by `seq` or `event_id`.
using outbox_sender = std::function<bool(const outbox_message&)>;

/// @brief What drain_outbox() did.
struct drain_result {
  std::size_t delivered = 0;  ///< acknowledged and marked delivered
  std::size_t failed = 0;     ///< the sender refused or threw; still pending
  std::size_t pending = 0;    ///< messages left in the outbox afterwards
  std::optional<std::string> error;  ///< why the failed message failed (as outbox_message::last_error)
  /// @brief Results are equal when every field is equal.
  friend bool operator==(const drain_result&, const drain_result&) = default;
};

/// @brief One row of the append-only audit log.
struct audit_entry {
  std::int64_t seq = 0;  ///< increasing
  timestamp at;          ///< when (UTC)
  std::string who;       ///< who (accessor::who)
  purpose why = purpose::administration;  ///< the purpose
  std::string action;    ///< what, e.g. `read_referral`, `append`, `erase_subject`
  std::string subject;   ///< the client or referral concerned (a pseudonym or id); may be empty
  /// @brief Entries are equal when every field is equal.
  friend bool operator==(const audit_entry&, const audit_entry&) = default;
};

/// @brief Everything the register holds about one client (the data subject's access request).
struct subject_record {
  client subject;                       ///< the client's record
  std::vector<referral> referrals;      ///< the client's referrals with their histories
  std::vector<stored_event> events;     ///< every event of those referrals, with ids and record times
  std::vector<outbox_message> messages;  ///< messages about them, delivered or not
  std::vector<audit_entry> audit;       ///< every audit row about the client or the referrals
};

/// @brief What retention or erasure does with a client whose referrals are all closed.
enum class retention_action : std::uint8_t {
  pseudonymise,  ///< a new random pseudonym; free text, birth date and preferences dropped
  erase,         ///< delete the client, the referrals, events and messages; keep the counts
};

/// @brief A retention rule: what happens to a client once every referral of theirs has
/// been closed for `days_after_closing` days.
struct retention_rule {
  std::int64_t days_after_closing = 5 * 365;  ///< days after the last referral closed (>= 0)
  retention_action action = retention_action::erase;  ///< what is done
  /// @brief Rules are equal when both fields are equal.
  friend bool operator==(const retention_rule&, const retention_rule&) = default;
};

/// @brief What erase_subject() or apply_retention() did.
struct retention_result {
  std::size_t clients = 0;    ///< clients pseudonymised or erased
  std::size_t referrals = 0;  ///< their referrals
  std::size_t events = 0;     ///< their events
  /// @brief Results are equal when every field is equal.
  friend bool operator==(const retention_result&, const retention_result&) = default;
};

/// @brief The store's interface: what a referral service needs from its register.
///
/// Every write is one transaction: it is all written or nothing is. Every call that reads a
/// client's data takes an accessor and, when the store audits reads, writes one audit row
/// with who and why in the same transaction as the read. Errors are typed: conflict (id
/// 501) when another writer got there first, storage_error (601-604) naming the file, and
/// the lifecycle's own errors (301-305) when a guard fails, in which case nothing is written.
class referral_store {
 public:
  /// @brief Destroys the store.
  virtual ~referral_store() = default;

  /// @brief Adds a client or replaces their record.
  /// @param c the client
  /// @param by who and why
  virtual void put_client(const client& c, const accessor& by) = 0;
  /// @brief Adds a professional or replaces their record.
  /// @param p the professional
  /// @param by who and why
  virtual void put_professional(const professional& p, const accessor& by) = 0;
  /// @brief Adds a link worker or replaces their record.
  /// @param w the link worker
  /// @param by who and why
  virtual void put_link_worker(const link_worker& w, const accessor& by) = 0;

  /// @brief Adds a referral (its client and professional too, when missing) with its
  /// history: each history entry becomes an event with id `<referral id>#<version>`.
  ///
  /// Adding the same referral again (same id, same history) is a duplicate that changes
  /// nothing; a different referral under an existing id is a conflict.
  /// @param r the referral
  /// @param sharing what the messages back to the referrer carry
  /// @param by who and why
  /// @return the status, the version (the history's length) and the state
  /// @throws conflict (id 501) when the id is taken by a different referral.
  virtual append_result add_referral(const referral& r, sharing_level sharing, const accessor& by) = 0;

  /// @brief Appends one event to a referral's history.
  ///
  /// In one transaction: finds the event id (the same event again is a `duplicate` and
  /// writes nothing; the id with other content is a conflict), checks `expected_version`,
  /// replays the history and applies the event through the lifecycle's guards (a rejected
  /// event writes nothing), then writes the event, the referral's new state and, for
  /// accept, reject, assign, complete and discontinue, the message back to the referrer.
  /// @param id the referral
  /// @param event_id the event's id (1-64 of `A-Z a-z 0-9 . _ : -`), unique in the register
  /// @param event the event
  /// @param expected_version the version the caller last saw (the number of events)
  /// @param by who and why
  /// @return appended or duplicate, with the version and state after
  /// @throws conflict (id 501) when the version moved on or the id holds another event;
  ///         not_found for an unknown referral; invalid_transition (301-305) or
  ///         invalid_argument from the lifecycle.
  virtual append_result append(const referral_id& id, std::string_view event_id, const lifecycle_event& event,
                               std::int64_t expected_version, const accessor& by) = 0;

  /// @brief A referral with its whole history (audited read).
  /// @param id the referral
  /// @param by who and why
  /// @throws not_found for an unknown referral.
  [[nodiscard]] virtual referral get(const referral_id& id, const accessor& by) = 0;
  /// @brief A referral's stored events, oldest first (audited read).
  /// @param id the referral
  /// @param by who and why
  /// @throws not_found for an unknown referral.
  [[nodiscard]] virtual std::vector<stored_event> events(const referral_id& id, const accessor& by) = 0;
  /// @brief A client's record (audited read).
  /// @param id the client
  /// @param by who and why
  /// @throws not_found for an unknown client.
  [[nodiscard]] virtual client get_client(const client_id& id, const accessor& by) = 0;
  /// @brief A referral's summary row: the version to pass to append() (not audited: no
  /// client data beyond the pseudonym).
  /// @param id the referral
  /// @throws not_found for an unknown referral.
  [[nodiscard]] virtual referral_summary summary(const referral_id& id) = 0;

  /// @brief Referrals in `state`, most urgent and longest accepted first, then by id.
  /// @param state the state
  /// @param limit at most this many
  /// @param by who and why
  [[nodiscard]] virtual std::vector<referral_summary> by_state(referral_state state, std::size_t limit,
                                                               const accessor& by) = 0;
  /// @brief The coordinator's queue on `on` (coordinator_queue() on the referrals in state
  /// accepted, accepted on or before `on`), first `limit` entries.
  /// @param policy the support policy
  /// @param on the day
  /// @param calendar the region's calendar
  /// @param limit at most this many
  /// @param by who and why
  [[nodiscard]] virtual std::vector<queue_entry> queue(const support_policy& policy, date on,
                                                       const finnish_calendar& calendar, std::size_t limit,
                                                       const accessor& by) = 0;
  /// @brief First-contact deadlines due within `business_days` business days of `on` (and
  /// overdue ones): referrals accepted or assigned without first contact, soonest first.
  /// @param policy the support policy (its `first_contact` rule)
  /// @param on the day
  /// @param business_days how far ahead (>= 0)
  /// @param calendar the region's calendar
  /// @param limit at most this many
  /// @param by who and why
  [[nodiscard]] virtual std::vector<due_deadline> deadlines_due(const support_policy& policy, date on,
                                                                std::int64_t business_days,
                                                                const finnish_calendar& calendar, std::size_t limit,
                                                                const accessor& by) = 0;
  /// @brief A link worker's caseload: their referrals in assigned, in_progress or on_hold.
  /// @param worker the link worker
  /// @param by who and why
  [[nodiscard]] virtual std::vector<referral_summary> caseload(const link_worker_id& worker, const accessor& by) = 0;
  /// @brief A client's referrals, oldest first.
  /// @param c the client
  /// @param by who and why
  [[nodiscard]] virtual std::vector<referral_summary> client_referrals(const client_id& c, const accessor& by) = 0;
  /// @brief How many referrals are in each state, erased ones counted in their last state
  /// (the counts KPIs need survive erasure).
  [[nodiscard]] virtual std::map<referral_state, std::int64_t> state_counts() = 0;

  /// @brief Delivers pending outbox messages in order, marking each delivered once `send`
  /// acknowledges it; stops at the first failure (messages keep their order).
  /// @param send the sender
  /// @param max_messages at most this many
  /// @return what was delivered and what is left
  virtual drain_result drain_outbox(const outbox_sender& send, std::size_t max_messages = SIZE_MAX) = 0;
  /// @brief The messages not yet delivered, oldest first.
  [[nodiscard]] virtual std::vector<outbox_message> pending_messages() = 0;

  /// @brief The audit log, oldest first, from `after_seq` on.
  /// @param after_seq only rows with a larger seq
  /// @param limit at most this many
  [[nodiscard]] virtual std::vector<audit_entry> audit_log(std::int64_t after_seq = 0,
                                                           std::size_t limit = SIZE_MAX) = 0;

  /// @brief Everything held about a client (audited as `export_subject`).
  /// @param c the client
  /// @param by who and why
  /// @throws not_found for an unknown client.
  [[nodiscard]] virtual subject_record export_subject(const client_id& c, const accessor& by) = 0;
  /// @brief Erases or pseudonymises one client whose referrals are all closed (an event in
  /// the audit log); the state counts are kept.
  /// @param c the client
  /// @param action erase or pseudonymise
  /// @param by who and why
  /// @throws not_found for an unknown client; invalid_argument (id invalid_value) naming
  ///         `client_id` when a referral of the client is still open.
  virtual retention_result erase_subject(const client_id& c, retention_action action, const accessor& by) = 0;
  /// @brief Applies a retention rule on `today` to every client whose referrals have all
  /// been closed for at least `rule.days_after_closing` days (one audit row per client).
  /// @param rule the rule
  /// @param today the day
  /// @param by who and why
  virtual retention_result apply_retention(const retention_rule& rule, date today, const accessor& by) = 0;

  /// @brief Every client, professional and referral (with history), as a region's records
  /// (audited as `export_records`).
  /// @param by who and why
  [[nodiscard]] virtual region_records records(const accessor& by) = 0;
  /// @brief Every link worker.
  [[nodiscard]] virtual std::vector<link_worker> link_workers() = 0;
  /// @brief Adds a region's records in one transaction: every client and professional
  /// (replacing their records), then every referral as add_referral() does, then every link
  /// worker as put_link_worker() does. All or nothing.
  /// @param records the records
  /// @param sharing what the messages back to the referrers carry
  /// @param by who and why
  /// @param workers the region's link workers (added or replacing theirs)
  /// @return how many referrals were added; the others were already there (duplicates)
  /// @throws conflict when a referral's id is taken by different content; storage_error when
  ///         the file cannot take them (storage_full, storage_io); nothing is written then.
  virtual std::size_t import_records(const region_records& records, sharing_level sharing, const accessor& by,
                                     std::span<const link_worker> workers) = 0;
  /// @brief import_records() without link workers.
  /// @param records the records
  /// @param sharing what the messages back to the referrers carry
  /// @param by who and why
  /// @return how many referrals were added
  /// @throws as the form with workers.
  std::size_t import_records(const region_records& records, sharing_level sharing, const accessor& by) {
    return import_records(records, sharing, by, {});
  }
};

/// @}

}  // namespace kulkija::store
