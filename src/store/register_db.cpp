#include "kulkija/store/register_db.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <utility>

#include "kulkija/core/text.hpp"
#include "kulkija/interop/fhir.hpp"
#include "kulkija/interop/link_workers_csv.hpp"
#include "kulkija/interop/records_csv.hpp"
#include "kulkija/interop/training_csv.hpp"
#include "kulkija/support/support_period.hpp"
#include "sqlite.hpp"

namespace kulkija::store {

namespace {

namespace fs = std::filesystem;
using sql::statement;
using sql::transaction;

constexpr std::int64_t application_id = 0x4B4C4B52;  // "KLKR": a kulkija register

// ------------------------------------------------------------------ schema, version 1
// Times are microseconds since 1970-01-01 UTC, days are days since 1970-01-01: exact and in
// order. Events, the audit log and the erasure counts are append-only (triggers); events
// may change or go only inside an erasure (a row in `erasure` for the length of it).
constexpr const char* schema_v1 = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE clients(
  client_id TEXT PRIMARY KEY,
  record TEXT NOT NULL,
  identity_pseudonym TEXT UNIQUE,
  updated_at INTEGER NOT NULL);
CREATE TABLE professionals(professional_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE link_workers(link_worker_id TEXT PRIMARY KEY, record TEXT NOT NULL);
CREATE TABLE referrals(
  rid INTEGER PRIMARY KEY,
  referral_id TEXT NOT NULL UNIQUE,
  client_id TEXT NOT NULL,
  professional_id TEXT NOT NULL,
  needs INTEGER NOT NULL,
  priority TEXT NOT NULL,
  urgency_rank INTEGER NOT NULL,
  consent_at INTEGER,
  sharing TEXT NOT NULL,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  link_worker_id TEXT,
  accepted_at INTEGER,
  accepted_on INTEGER,
  first_contact_at INTEGER,
  last_event_at INTEGER,
  closed_at INTEGER,
  created_at INTEGER NOT NULL);
CREATE INDEX referrals_by_state ON referrals(state, urgency_rank, accepted_at, referral_id);
CREATE INDEX referrals_by_client ON referrals(client_id);
CREATE INDEX referrals_queue ON referrals(urgency_rank, accepted_at, referral_id) WHERE state = 'accepted';
CREATE INDEX referrals_awaiting_contact ON referrals(accepted_on, referral_id) WHERE state IN ('accepted', 'assigned');
CREATE INDEX referrals_caseload ON referrals(link_worker_id) WHERE state IN ('assigned', 'in_progress', 'on_hold');
CREATE INDEX referrals_closed ON referrals(client_id, closed_at);
CREATE TABLE events(
  seq INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  rid INTEGER NOT NULL REFERENCES referrals(rid),
  version INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at INTEGER NOT NULL,
  role TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  reason TEXT,
  link_worker_id TEXT,
  note TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  recorded_at INTEGER NOT NULL,
  UNIQUE(rid, version));
CREATE TABLE outbox(
  seq INTEGER PRIMARY KEY,
  referral_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  delivered_at INTEGER);
CREATE INDEX outbox_pending ON outbox(seq) WHERE delivered_at IS NULL;
CREATE INDEX outbox_by_referral ON outbox(referral_id);
CREATE TABLE audit(
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  who TEXT NOT NULL,
  purpose TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL);
CREATE INDEX audit_by_subject ON audit(subject);
CREATE TABLE erased(
  seq INTEGER PRIMARY KEY,
  erased_at INTEGER NOT NULL,
  final_state TEXT NOT NULL,
  events INTEGER NOT NULL);
CREATE TABLE erasure(token INTEGER);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events WHEN NOT EXISTS (SELECT 1 FROM erasure)
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events WHEN NOT EXISTS (SELECT 1 FROM erasure)
  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER erased_no_update BEFORE UPDATE ON erased BEGIN SELECT RAISE(ABORT, 'erasure counts are append-only'); END;
CREATE TRIGGER erased_no_delete BEFORE DELETE ON erased BEGIN SELECT RAISE(ABORT, 'erasure counts are append-only'); END;
)sql";

// Forward migrations: migrations[i] takes a file from version i+1 to i+2. A new file is made
// the same way (schema 1, then every migration), so a migrated file and a new one have the
// same schema, which the migration tests compare.
//
// 1 -> 2: the outbox remembers its last failed delivery (when, and what the sender said), so
// a coordinator can see why a message is stuck; messages of a version-1 file have none.
// 2 -> 3: the elements a referral received from another system keeps (referral::kept(): a
// sender's extensions, notes, own coding), written with the referral; and a link worker's
// training records (training.csv's rows for the worker), written with the worker. Version 2
// dropped both: its referrals keep none and its workers have no training.
constexpr std::array<const char*, 2> migrations{
    R"sql(
ALTER TABLE outbox ADD COLUMN last_attempt_at INTEGER;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
)sql",
    R"sql(
CREATE TABLE kept(
  rid INTEGER NOT NULL REFERENCES referrals(rid),
  position INTEGER NOT NULL,
  resource TEXT NOT NULL,
  name TEXT NOT NULL,
  json TEXT NOT NULL,
  PRIMARY KEY(rid, position));
CREATE TRIGGER kept_no_update BEFORE UPDATE ON kept
  BEGIN SELECT RAISE(ABORT, 'kept elements are written once, with their referral'); END;
CREATE TRIGGER kept_no_delete BEFORE DELETE ON kept WHEN NOT EXISTS (SELECT 1 FROM erasure)
  BEGIN SELECT RAISE(ABORT, 'kept elements go only with an erasure'); END;
ALTER TABLE link_workers ADD COLUMN training TEXT;
)sql",
};
static_assert(migrations.size() + 1 == register_schema_version, "one migration per schema version after the first");

// ------------------------------------------------------------------ conversions

const timestamp epoch(date(1970, 1, 1));

std::int64_t micros(timestamp t) { return (t - epoch).total_microseconds(); }
timestamp from_micros(std::int64_t m) { return epoch + boost::posix_time::microseconds(m); }
std::int64_t days(date d) { return (d - epoch.date()).days(); }
date from_days(std::int64_t d) { return epoch.date() + boost::gregorian::days(d); }

std::int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

template <class T>
std::optional<std::int64_t> opt_micros(const std::optional<T>& t) {
  return t ? std::optional(micros(*t)) : std::nullopt;
}

std::string client_record(const client& c) { return clients_to_csv(std::span<const client>(&c, 1)); }
std::string professional_record(const professional& p) {
  return professionals_to_csv(std::span<const professional>(&p, 1));
}

need_set needs_from_mask(std::int64_t mask) {
  need_set out;
  for (const need n : all_needs()) {
    if ((mask >> static_cast<unsigned>(n)) & 1) out.insert(n);
  }
  return out;
}

void check_accessor(const accessor& by) { validate_id("accessor.who", by.who); }

const std::array<std::string_view, 7> purpose_codes{"care",           "coordination", "follow_up",     "statistics",
                                                    "subject_access", "erasure",      "administration"};

bool sends_message(referral_event e) {
  return e == referral_event::accept || e == referral_event::reject || e == referral_event::assign ||
         e == referral_event::complete || e == referral_event::discontinue;
}

// The outbox columns that outbox_row() reads, in its order.
#define OUTBOX_COLUMNS "SELECT seq, referral_id, event_id, kind, payload, created_at, attempts, last_attempt_at, last_error "

outbox_message outbox_row(const statement& s) {
  const auto last_attempt = s.opt_integer(7);
  return outbox_message{s.integer(0),
                        referral_id{s.text(1)},
                        s.text(2),
                        parse_referral_event(s.text(3)),
                        s.text(4),
                        from_micros(s.integer(5)),
                        static_cast<int>(s.integer(6)),
                        last_attempt ? std::optional(from_micros(*last_attempt)) : std::nullopt,
                        s.opt_text(8)};
}

// What a failed delivery leaves in the outbox: the sender's words, never an identity code,
// at most 500 bytes (cut at a character boundary).
std::string delivery_error(std::string_view what) {
  std::string text = shown(what);
  if (text.empty()) text = "the sender failed without a message";
  if (text.size() > 500) {
    std::size_t cut = 500;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text.resize(cut);
    text += "...";
  }
  return text;
}

// The coded message back to the referrer: a FHIR R4 Task update (docs/register.md).
std::string task_message(const referral& r, const history_entry& h, sharing_level sharing) {
  nlohmann::ordered_json task;
  task["resourceType"] = "Task";
  task["identifier"] = {{{"system", "urn:kulkija:referral"}, {"value", r.id().str()}}};
  task["status"] = std::string(fhir_status_of(r.state()).task);
  if (h.event.reason) {
    task["statusReason"] = {
        {"coding", {{{"system", "urn:kulkija:reason"}, {"code", std::string(to_string(*h.event.reason))}}}}};
  }
  task["businessStatus"] = {
      {"coding", {{{"system", "urn:kulkija:referral-state"}, {"code", std::string(to_string(r.state()))}}}}};
  task["intent"] = "order";
  task["focus"] = {{"identifier", {{"system", "urn:kulkija:referral"}, {"value", r.id().str()}}}};
  task["for"] = {{"identifier", {{"system", "urn:kulkija:client"}, {"value", r.subject().id().str()}}}};
  task["lastModified"] = format_timestamp(h.event.at);
  task["requester"] = {{"identifier", {{"system", "urn:kulkija:professional"}, {"value", r.referrer().id().str()}}}};
  if (const auto w = r.link_worker()) {
    task["owner"] = {{"identifier", {{"system", "urn:kulkija:link-worker"}, {"value", w->str()}}}};
  }
  auto output = nlohmann::ordered_json::array();
  auto coded = [&](const char* code, nlohmann::ordered_json value, const char* key) {
    nlohmann::ordered_json o;
    o["type"] = {{"coding", {{{"system", "urn:kulkija:support-summary"}, {"code", code}}}}};
    o[key] = std::move(value);
    output.push_back(std::move(o));
  };
  coded("event", std::string(to_string(h.event.kind)), "valueCode");
  coded("events", static_cast<std::int64_t>(r.history().size()), "valueInteger");
  coded("first-contact-made", r.first_contact_at().has_value(), "valueBoolean");
  if (const auto first = r.first_contact_at(); first && is_closed(r.state())) {
    coded("days-in-support", (finnish_local_date(h.event.at) - finnish_local_date(*first)).days(), "valueInteger");
  }
  if (const auto issued = r.issued_on()) {
    coded("days-since-issue", (finnish_local_date(h.event.at) - *issued).days(), "valueInteger");
  }
  task["output"] = std::move(output);
  if (sharing == sharing_level::codes_and_text && !h.event.note.empty()) {
    task["note"] = {{{"text", h.event.note}}};
  }
  return task.dump();
}

}  // namespace

std::string_view to_string(purpose p) noexcept { return purpose_codes[static_cast<std::size_t>(p)]; }

purpose parse_purpose(std::string_view code) {
  for (std::size_t i = 0; i < purpose_codes.size(); ++i) {
    if (purpose_codes[i] == code) return static_cast<purpose>(i);
  }
  throw parse_error(error_id::parse_enum,
                    "purpose: " + quote(code) +
                        " is not one of care, coordination, follow_up, statistics, subject_access, erasure, "
                        "administration");
}

std::string_view to_string(sharing_level s) noexcept {
  return s == sharing_level::codes_only ? "codes_only" : "codes_and_text";
}

sharing_level parse_sharing_level(std::string_view code) {
  if (code == "codes_only") return sharing_level::codes_only;
  if (code == "codes_and_text") return sharing_level::codes_and_text;
  throw parse_error(error_id::parse_enum, "sharing_level: " + quote(code) + " is not one of codes_only, codes_and_text");
}

// ------------------------------------------------------------------ the implementation

struct register_db::impl {
  fs::path path;
  sql::connection db;
  open_options options;
  std::optional<int> migrated_from;

  [[noreturn]] void fail(int rc, std::string_view what) { sql::fail(rc, db.file(), what, db.handle()); }

  std::int64_t pragma_int(const char* sql_text) {
    statement s = db.prepare(sql_text);
    return s.step() ? s.integer(0) : 0;
  }

  void audit(const accessor& by, std::string_view action, std::string_view subject) {
    db.prepare("INSERT INTO audit(at, who, purpose, action, subject) VALUES(?, ?, ?, ?, ?)")
        .bind(1, now_micros())
        .bind(2, by.who)
        .bind(3, to_string(by.why))
        .bind(4, action)
        .bind(5, subject)
        .run();
  }

  // A read of client data: audited in the same transaction when the register audits reads.
  void audit_read(const accessor& by, std::string_view action, std::string_view subject) {
    check_accessor(by);
    if (options.audit_reads) audit(by, action, subject);
  }

  transaction read_txn() { return transaction(db, options.audit_reads && !options.read_only); }

  // ---------------------------------------------------------------- records

  std::optional<client> find_client(std::string_view id) {
    statement s = db.prepare("SELECT record FROM clients WHERE client_id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    auto v = clients_from_csv(s.text(0), "clients");
    return std::move(v.at(0));
  }

  std::optional<professional> find_professional(std::string_view id) {
    statement s = db.prepare("SELECT record FROM professionals WHERE professional_id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    auto v = professionals_from_csv(s.text(0), "professionals");
    return std::move(v.at(0));
  }

  void write_client(const client& c) {
    db.prepare(
          "INSERT INTO clients(client_id, record, updated_at) VALUES(?, ?, ?) "
          "ON CONFLICT(client_id) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at")
        .bind(1, c.id().str())
        .bind(2, client_record(c))
        .bind(3, now_micros())
        .run();
  }

  void write_professional(const professional& p) {
    db.prepare(
          "INSERT INTO professionals(professional_id, record) VALUES(?, ?) "
          "ON CONFLICT(professional_id) DO UPDATE SET record = excluded.record")
        .bind(1, p.id().str())
        .bind(2, professional_record(p))
        .run();
  }

  // A link worker's row (added or replacing its record and training), audited as put_link_worker.
  void write_link_worker(const link_worker& w, const accessor& by) {
    db.prepare(
          "INSERT INTO link_workers(link_worker_id, record, training) VALUES(?, ?, ?) "
          "ON CONFLICT(link_worker_id) DO UPDATE SET record = excluded.record, training = excluded.training")
        .bind(1, w.id().str())
        .bind(2, link_workers_to_csv(std::span<const link_worker>(&w, 1)))
        .bind(3, w.training().empty() ? std::nullopt
                                      : std::optional(training_to_csv(std::span<const link_worker>(&w, 1))))
        .run();
    audit(by, "put_link_worker", w.id().str());
  }

  struct referral_row {
    std::int64_t rid = 0;
    referral_summary summary{referral_id{"x"}, client_id{"x"}, professional_id{"x"}, referral_state::draft,
                             priority::routine, 0, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
    need_set needs;
    std::optional<timestamp> consent;
    sharing_level sharing = sharing_level::codes_only;
  };

  static constexpr const char* summary_columns =
      "rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
      "first_contact_at, last_event_at, needs, consent_at, sharing";

  static referral_row row_of(const statement& s) {
    referral_row r;
    r.rid = s.integer(0);
    r.summary.id = referral_id{s.text(1)};
    r.summary.client = client_id{s.text(2)};
    r.summary.referrer = professional_id{s.text(3)};
    r.summary.state = parse_referral_state(s.text(4));
    r.summary.urgency = parse_priority(s.text(5));
    r.summary.version = s.integer(6);
    if (auto w = s.opt_text(7)) r.summary.link_worker = link_worker_id{*w};
    if (auto t = s.opt_integer(8)) r.summary.accepted_at = from_micros(*t);
    if (auto t = s.opt_integer(9)) r.summary.first_contact_at = from_micros(*t);
    if (auto t = s.opt_integer(10)) r.summary.last_event_at = from_micros(*t);
    r.needs = needs_from_mask(s.integer(11));
    if (auto t = s.opt_integer(12)) r.consent = from_micros(*t);
    r.sharing = parse_sharing_level(s.text(13));
    return r;
  }

  std::optional<referral_row> find_row(std::string_view id) {
    statement s = db.prepare(
        "SELECT rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
        "first_contact_at, last_event_at, needs, consent_at, sharing FROM referrals WHERE referral_id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return row_of(s);
  }

  referral_row require_row(const referral_id& id) {
    auto row = find_row(id.str());
    if (!row) throw not_found("referral", id.str());
    return *row;
  }

  std::vector<stored_event> load_events(const referral_row& row) {
    std::vector<stored_event> out;
    statement s = db.prepare(
        "SELECT event_id, version, kind, at, role, actor_id, reason, link_worker_id, note, from_state, to_state, "
        "recorded_at FROM events WHERE rid = ? ORDER BY version");
    s.bind(1, row.rid);
    while (s.step()) {
      lifecycle_event e{parse_referral_event(s.text(2)), from_micros(s.integer(3)),
                        actor{parse_actor_role(s.text(4)), s.text(5)}, std::nullopt, std::nullopt, s.text(8)};
      if (auto r = s.opt_text(6)) e.reason = parse_reason_code(*r);
      if (auto w = s.opt_text(7)) e.link_worker = link_worker_id{*w};
      out.push_back(stored_event{s.text(0), row.summary.id, s.integer(1),
                                 history_entry{std::move(e), parse_referral_state(s.text(9)),
                                               parse_referral_state(s.text(10))},
                                 from_micros(s.integer(11))});
    }
    return out;
  }

  referral build(const referral_row& row, const std::vector<stored_event>& evs) {
    auto c = find_client(row.summary.client.str());
    auto p = find_professional(row.summary.referrer.str());
    if (!c || !p) {
      throw storage_error(error_id::storage_format, db.file(),
                          "referral " + quote(row.summary.id.str()) + " names a client or professional not in the register");
    }
    std::vector<lifecycle_event> list;
    list.reserve(evs.size());
    for (const auto& e : evs) list.push_back(e.entry.event);
    referral r = referral::replay(row.summary.id, std::move(*c), std::move(*p), row.needs, row.summary.urgency,
                                  row.consent, list);
    std::vector<kept_element> kept;
    statement s = db.prepare("SELECT resource, name, json FROM kept WHERE rid = ? ORDER BY position");
    s.bind(1, row.rid);
    while (s.step()) kept.push_back(kept_element{s.text(0), s.text(1), s.text(2)});
    if (!kept.empty()) r.set_kept(std::move(kept));
    return r;
  }

  referral load(const referral_row& row) { return build(row, load_events(row)); }

  // Writes the derived columns of a referral after its history changed.
  void write_state(std::int64_t rid, const referral& r) {
    std::optional<timestamp> accepted;
    for (auto it = r.history().rbegin(); it != r.history().rend(); ++it) {
      if (it->event.kind == referral_event::accept) {
        accepted = it->event.at;
        break;
      }
    }
    std::optional<std::int64_t> accepted_on;
    if (accepted) accepted_on = days(finnish_local_date(*accepted));
    std::optional<std::int64_t> closed;
    if (is_closed(r.state()) && r.last_event_at()) closed = micros(*r.last_event_at());
    std::optional<std::string> worker;
    if (auto w = r.link_worker()) worker = w->str();
    db.prepare(
          "UPDATE referrals SET state = ?, version = ?, link_worker_id = ?, accepted_at = ?, accepted_on = ?, "
          "first_contact_at = ?, last_event_at = ?, closed_at = ? WHERE rid = ?")
        .bind(1, to_string(r.state()))
        .bind(2, static_cast<std::int64_t>(r.history().size()))
        .bind(3, worker)
        .bind(4, opt_micros(accepted))
        .bind(5, accepted_on)
        .bind(6, opt_micros(r.first_contact_at()))
        .bind(7, opt_micros(r.last_event_at()))
        .bind(8, closed)
        .bind(9, rid)
        .run();
  }

  void write_event(std::int64_t rid, std::string_view event_id, std::int64_t version, const history_entry& h,
                   std::int64_t recorded_at) {
    std::optional<std::string> reason;
    if (h.event.reason) reason = std::string(to_string(*h.event.reason));
    std::optional<std::string> worker;
    if (h.event.link_worker) worker = h.event.link_worker->str();
    db.prepare(
          "INSERT INTO events(event_id, rid, version, kind, at, role, actor_id, reason, link_worker_id, note, "
          "from_state, to_state, recorded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, event_id)
        .bind(2, rid)
        .bind(3, version)
        .bind(4, to_string(h.event.kind))
        .bind(5, micros(h.event.at))
        .bind(6, to_string(h.event.by.role))
        .bind(7, h.event.by.id)
        .bind(8, reason)
        .bind(9, worker)
        .bind(10, h.event.note)
        .bind(11, to_string(h.from))
        .bind(12, to_string(h.to))
        .bind(13, recorded_at)
        .run();
  }

  void write_message(const referral& r, std::string_view event_id, const history_entry& h, sharing_level sharing,
                     std::int64_t at) {
    db.prepare("INSERT INTO outbox(referral_id, event_id, kind, payload, created_at) VALUES(?, ?, ?, ?, ?)")
        .bind(1, r.id().str())
        .bind(2, event_id)
        .bind(3, to_string(h.event.kind))
        .bind(4, task_message(r, h, sharing))
        .bind(5, at)
        .run();
  }

  // The stored event with `event_id`, if any, with its referral's id.
  std::optional<std::pair<std::string, stored_event>> find_event(std::string_view event_id) {
    statement s = db.prepare(
        "SELECT r.referral_id, e.version, e.kind, e.at, e.role, e.actor_id, e.reason, e.link_worker_id, e.note "
        "FROM events e JOIN referrals r ON r.rid = e.rid WHERE e.event_id = ?");
    s.bind(1, event_id);
    if (!s.step()) return std::nullopt;
    lifecycle_event e{parse_referral_event(s.text(2)), from_micros(s.integer(3)),
                      actor{parse_actor_role(s.text(4)), s.text(5)}, std::nullopt, std::nullopt, s.text(8)};
    if (auto r = s.opt_text(6)) e.reason = parse_reason_code(*r);
    if (auto w = s.opt_text(7)) e.link_worker = link_worker_id{*w};
    const std::string rid_text = s.text(0);
    return std::pair{rid_text, stored_event{std::string(event_id), referral_id{rid_text}, s.integer(1),
                                            history_entry{std::move(e), referral_state::draft, referral_state::draft},
                                            timestamp()}};
  }

  std::vector<referral_summary> summaries(statement& s) {
    std::vector<referral_summary> out;
    while (s.step()) out.push_back(row_of(s).summary);
    return out;
  }

  append_result add(const referral& r, sharing_level sharing) {
    if (auto existing = find_row(r.id().str())) {
      const referral stored = load(*existing);
      if (stored == r) return {append_status::duplicate, existing->summary.version, existing->summary.state};
      throw conflict("referral " + quote(r.id().str()),
                     "the id is taken by a referral with other content or history; append its new events instead");
    }
    if (auto c = find_client(r.subject().id().str())) {
      if (!(*c == r.subject())) {
        throw conflict("client " + quote(r.subject().id().str()),
                       "the register holds another record of the client; put_client() it first");
      }
    } else {
      write_client(r.subject());
    }
    if (auto p = find_professional(r.referrer().id().str())) {
      if (!(*p == r.referrer())) {
        throw conflict("professional " + quote(r.referrer().id().str()),
                       "the register holds another record of the professional; put_professional() it first");
      }
    } else {
      write_professional(r.referrer());
    }
    const std::int64_t now = now_micros();
    db.prepare(
          "INSERT INTO referrals(referral_id, client_id, professional_id, needs, priority, urgency_rank, consent_at, "
          "sharing, state, version, created_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?, 'draft', 0, ?)")
        .bind(1, r.id().str())
        .bind(2, r.subject().id().str())
        .bind(3, r.referrer().id().str())
        .bind(4, static_cast<std::int64_t>(r.needs().mask()))
        .bind(5, to_string(r.urgency()))
        .bind(6, urgency_rank(r.urgency()))
        .bind(7, opt_micros(r.consent_given_at()))
        .bind(8, to_string(sharing))
        .bind(9, now)
        .run();
    const std::int64_t rid = sqlite3_last_insert_rowid(db.handle());
    for (std::size_t i = 0; i < r.kept().size(); ++i) {
      const kept_element& k = r.kept()[i];
      db.prepare("INSERT INTO kept(rid, position, resource, name, json) VALUES(?, ?, ?, ?, ?)")
          .bind(1, rid)
          .bind(2, static_cast<std::int64_t>(i))
          .bind(3, k.resource)
          .bind(4, k.name)
          .bind(5, k.json)
          .run();
    }
    std::int64_t version = 0;
    for (const history_entry& h : r.history()) {
      ++version;
      const std::string event_id = r.id().str() + "#" + std::to_string(version);
      if (find_event(event_id)) {
        throw conflict("event_id " + quote(event_id), "already used by another event");
      }
      write_event(rid, event_id, version, h, now);
    }
    write_state(rid, r);
    return {append_status::appended, version, r.state()};
  }

  // Erases or pseudonymises one client, all of whose referrals are closed; inside a write transaction.
  retention_result retire(const client_id& cid, retention_action action) {
    retention_result out;
    out.clients = 1;
    std::vector<std::pair<std::int64_t, std::string>> rows;  // rid, referral id
    std::vector<std::pair<std::string, std::int64_t>> finals;  // state, events
    {
      statement s = db.prepare("SELECT rid, referral_id, state, version FROM referrals WHERE client_id = ?");
      s.bind(1, cid.str());
      while (s.step()) {
        rows.emplace_back(s.integer(0), s.text(1));
        finals.emplace_back(s.text(2), s.integer(3));
      }
    }
    for (const auto& [state, n] : finals) {
      if (!is_closed(parse_referral_state(state))) {
        throw invalid_argument(error_id::invalid_value, "client_id",
                               "a referral of the client is still open; close it before erasure");
      }
      out.events += static_cast<std::size_t>(n);
    }
    out.referrals = rows.size();
    const std::int64_t now = now_micros();
    db.exec("INSERT INTO erasure(token) VALUES(1)");
    if (action == retention_action::erase) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        db.prepare("INSERT INTO erased(erased_at, final_state, events) VALUES(?, ?, ?)")
            .bind(1, now)
            .bind(2, finals[i].first)
            .bind(3, finals[i].second)
            .run();
        db.prepare("DELETE FROM events WHERE rid = ?").bind(1, rows[i].first).run();
        db.prepare("DELETE FROM kept WHERE rid = ?").bind(1, rows[i].first).run();
        db.prepare("DELETE FROM outbox WHERE referral_id = ?").bind(1, rows[i].second).run();
        db.prepare("DELETE FROM referrals WHERE rid = ?").bind(1, rows[i].first).run();
      }
      db.prepare("DELETE FROM clients WHERE client_id = ?").bind(1, cid.str()).run();
    } else {
      const auto old = find_client(cid.str());
      static thread_local std::mt19937_64 rng{std::random_device{}()};
      std::string fresh = "anon-";
      for (int i = 0; i < 26; ++i) fresh += "bcdfghjklmnpqrst"[rng() % 16];
      client c(client_id{fresh}, old->birth_year(), old->home(), old->languages());
      c.set_living(old->living());
      c.set_needs(old->needs());
      db.prepare("UPDATE clients SET client_id = ?, record = ?, identity_pseudonym = NULL, updated_at = ? WHERE client_id = ?")
          .bind(1, fresh)
          .bind(2, client_record(c))
          .bind(3, now)
          .bind(4, cid.str())
          .run();
      for (const auto& [rid, ref] : rows) {
        db.prepare("UPDATE referrals SET client_id = ? WHERE rid = ?").bind(1, fresh).bind(2, rid).run();
        db.prepare("UPDATE events SET note = '', actor_id = '' WHERE rid = ?").bind(1, rid).run();
        // what a sender kept is free text too (notes, references to its own records of the person)
        db.prepare("DELETE FROM kept WHERE rid = ?").bind(1, rid).run();
        db.prepare("DELETE FROM outbox WHERE referral_id = ?").bind(1, ref).run();
      }
    }
    db.exec("DELETE FROM erasure");
    return out;
  }

  void create_schema() {
    db.exec("PRAGMA journal_mode=WAL");
    transaction t(db, true);
    db.exec(schema_v1);
    for (const char* step : migrations) db.exec(step);
    db.prepare("INSERT INTO meta(key, value) VALUES('application', 'kulkija referral register')").run();
    db.exec(("PRAGMA application_id=" + std::to_string(application_id)).c_str());
    db.exec(("PRAGMA user_version=" + std::to_string(register_schema_version)).c_str());
    t.commit();
  }
};

register_db::register_db(std::unique_ptr<impl> p) noexcept : impl_(std::move(p)) {}
register_db::register_db(register_db&&) noexcept = default;
register_db& register_db::operator=(register_db&&) noexcept = default;
register_db::~register_db() = default;

register_db register_db::open(const fs::path& path, const open_options& options) {
  if (options.read_only && options.audit_reads) {
    throw invalid_argument(error_id::invalid_value, "audit_reads",
                           "a register opened read-only cannot log reads; open it with audit_reads false");
  }
  auto p = std::make_unique<impl>();
  p->path = path;
  p->options = options;
  const std::string file = path.string();
  std::error_code ec;
  const bool exists = fs::exists(path, ec);
  if (!exists && (!options.create || options.read_only)) {
    throw storage_error(error_id::storage_io, file, "no such register file");
  }
  if (exists && fs::is_directory(path, ec)) throw storage_error(error_id::storage_io, file, "is a folder, not a register file");
  const int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  p->db.open(file, flags);
  sqlite3_busy_timeout(p->db.handle(), options.busy_timeout_ms);

  // What the file is, before anything is written to it.
  std::int64_t app = 0, version = 0, tables = 0;
  try {
    app = p->pragma_int("PRAGMA application_id");
    version = p->pragma_int("PRAGMA user_version");
    tables = p->pragma_int("SELECT count(*) FROM sqlite_master");
  } catch (const storage_error& e) {
    if (e.id() == error_id::storage_format) {
      throw storage_error(error_id::storage_format, file, "not a kulkija register (not an SQLite database, or its header is damaged)");
    }
    throw;
  }
  p->db.reset_all();
  if (tables == 0 && app == 0 && version == 0) {
    if (options.read_only) throw storage_error(error_id::storage_format, file, "an empty file, not a kulkija register");
    p->create_schema();
  } else if (app != application_id) {
    throw storage_error(error_id::storage_format, file, "not a kulkija register (another application's SQLite database)");
  } else if (version > register_schema_version) {
    throw storage_error(error_id::storage_version, file,
                        "the register's schema version " + std::to_string(version) +
                            " is newer than this library's " + std::to_string(register_schema_version) +
                            "; open it with a newer kulkija");
  } else if (version < 1) {
    throw storage_error(error_id::storage_format, file, "a kulkija register without a schema version (damaged)");
  } else if (version < register_schema_version) {
    if (!options.migrate || options.read_only) {
      throw storage_error(error_id::storage_version, file,
                          "the register's schema version " + std::to_string(version) + " is older than this library's " +
                              std::to_string(register_schema_version) + "; open it with migrate to upgrade it (back it up first)");
    }
    transaction t(p->db, true);
    for (auto v = version; v < register_schema_version; ++v) {
      p->db.exec(migrations[static_cast<std::size_t>(v - 1)]);
    }
    p->db.exec(("PRAGMA user_version=" + std::to_string(register_schema_version)).c_str());
    t.commit();
    p->migrated_from = static_cast<int>(version);
  }
  p->db.exec(options.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  p->db.exec("PRAGMA foreign_keys=ON");
  if (options.max_page_count > 0) {
    p->db.exec(("PRAGMA max_page_count=" + std::to_string(options.max_page_count)).c_str());
  }
  return register_db(std::move(p));
}

const fs::path& register_db::path() const noexcept { return impl_->path; }

int register_db::schema_version() { return static_cast<int>(impl_->pragma_int("PRAGMA user_version")); }

std::optional<int> register_db::migrated_from() const noexcept { return impl_->migrated_from; }

std::string register_db::integrity_check() {
  statement s = impl_->db.prepare("PRAGMA integrity_check");
  std::string out;
  while (s.step()) {
    if (!out.empty()) out += '\n';
    out += s.text(0);
  }
  impl_->db.reset_all();
  return out;
}

void register_db::backup_to(const fs::path& target) {
  sql::connection to;
  to.open(target.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* b = sqlite3_backup_init(to.handle(), "main", impl_->db.handle(), "main");
  if (b == nullptr) sql::fail(sqlite3_errcode(to.handle()), target.string(), "backup", to.handle());
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(b, 256);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) sql::fail(rc, target.string(), "backup", to.handle());
}

void register_db::put_client(const client& c, const accessor& by) {
  check_accessor(by);
  transaction t(impl_->db, true);
  impl_->write_client(c);
  impl_->audit(by, "put_client", c.id().str());
  t.commit();
}

void register_db::put_professional(const professional& p, const accessor& by) {
  check_accessor(by);
  transaction t(impl_->db, true);
  impl_->write_professional(p);
  impl_->audit(by, "put_professional", p.id().str());
  t.commit();
}

void register_db::put_link_worker(const link_worker& w, const accessor& by) {
  check_accessor(by);
  transaction t(impl_->db, true);
  impl_->write_link_worker(w, by);
  t.commit();
}

append_result register_db::add_referral(const referral& r, sharing_level sharing, const accessor& by) {
  check_accessor(by);
  transaction t(impl_->db, true);
  const append_result out = impl_->add(r, sharing);
  if (out.status == append_status::appended) impl_->audit(by, "add_referral", r.id().str());
  t.commit();
  return out;
}

append_result register_db::append(const referral_id& id, std::string_view event_id, const lifecycle_event& event,
                                  std::int64_t expected_version, const accessor& by) {
  check_accessor(by);
  validate_id("event_id", event_id);
  transaction t(impl_->db, true);
  const auto row = impl_->require_row(id);
  if (auto existing = impl_->find_event(event_id)) {
    if (existing->first == id.str() && existing->second.entry.event == event) {
      t.commit();
      return {append_status::duplicate, row.summary.version, row.summary.state};
    }
    throw conflict("event_id " + quote(event_id), "already used by another event");
  }
  if (row.summary.version != expected_version) {
    throw conflict("referral " + quote(id.str()), "expected version " + std::to_string(expected_version) +
                                                      ", found " + std::to_string(row.summary.version) +
                                                      " (another writer got there first); read it again");
  }
  referral r = impl_->load(row);
  const history_entry& h = r.apply(event);  // the lifecycle's guards: throws before anything is written
  const std::int64_t now = now_micros();
  const std::int64_t version = row.summary.version + 1;
  impl_->write_event(row.rid, event_id, version, h, now);
  impl_->write_state(row.rid, r);
  if (sends_message(h.event.kind)) impl_->write_message(r, event_id, h, row.sharing, now);
  impl_->audit(by, "append", id.str());
  t.commit();
  return {append_status::appended, version, r.state()};
}

referral register_db::get(const referral_id& id, const accessor& by) {
  check_accessor(by);
  transaction t = impl_->read_txn();
  const auto row = impl_->require_row(id);
  referral r = impl_->load(row);
  impl_->audit_read(by, "read_referral", id.str());
  t.commit();
  return r;
}

std::vector<stored_event> register_db::events(const referral_id& id, const accessor& by) {
  check_accessor(by);
  transaction t = impl_->read_txn();
  const auto row = impl_->require_row(id);
  auto out = impl_->load_events(row);
  impl_->audit_read(by, "read_events", id.str());
  t.commit();
  return out;
}

client register_db::get_client(const client_id& id, const accessor& by) {
  check_accessor(by);
  transaction t = impl_->read_txn();
  auto c = impl_->find_client(id.str());
  if (!c) throw not_found("client", id.str());
  impl_->audit_read(by, "read_client", id.str());
  t.commit();
  return std::move(*c);
}

referral_summary register_db::summary(const referral_id& id) {
  transaction t(impl_->db, false);
  auto row = impl_->require_row(id);
  t.commit();
  return row.summary;
}

std::vector<referral_summary> register_db::by_state(referral_state state, std::size_t limit, const accessor& by) {
  check_accessor(by);
  transaction t = impl_->read_txn();
  statement s = impl_->db.prepare(
      "SELECT rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
      "first_contact_at, last_event_at, needs, consent_at, sharing FROM referrals WHERE state = ? "
      "ORDER BY urgency_rank, accepted_at, referral_id LIMIT ?");
  s.bind(1, to_string(state)).bind(2, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
  auto out = impl_->summaries(s);
  impl_->audit_read(by, "query_by_state", to_string(state));
  t.commit();
  return out;
}

std::vector<queue_entry> register_db::queue(const support_policy& policy, date on, const finnish_calendar& calendar,
                                            std::size_t limit, const accessor& by) {
  check_accessor(by);
  validate(policy);
  transaction t = impl_->read_txn();
  std::vector<referral> waiting;
  {
    std::vector<impl::referral_row> rows;
    statement s = impl_->db.prepare(
        "SELECT rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
        "first_contact_at, last_event_at, needs, consent_at, sharing FROM referrals "
        "WHERE state = 'accepted' AND accepted_on <= ? ORDER BY urgency_rank, accepted_at, referral_id LIMIT ?");
    s.bind(1, days(on)).bind(2, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
    while (s.step()) rows.push_back(impl::row_of(s));
    for (const auto& row : rows) waiting.push_back(impl_->load(row));
  }
  auto out = coordinator_queue(waiting, policy, on, calendar);
  impl_->audit_read(by, "query_queue", "");
  t.commit();
  return out;
}

std::vector<due_deadline> register_db::deadlines_due(const support_policy& policy, date on,
                                                     std::int64_t business_days, const finnish_calendar& calendar,
                                                     std::size_t limit, const accessor& by) {
  check_accessor(by);
  validate(policy);
  if (business_days < 0) throw invalid_argument(error_id::invalid_value, "business_days", "must be 0 or more");
  const date target = calendar.add_business_days(on, business_days);
  // the support period's rule for the first-contact deadline (support_period::deadlines())
  auto due_of = [&](date accepted) { return add_length(accepted, policy.first_contact, calendar); };
  // The first-contact deadline grows with the day of acceptance: the latest acceptance day
  // whose deadline is on or before the target bounds the index range.
  date lo = std::max(finnish_calendar::first_day(), target - boost::gregorian::days(3660));
  date hi = target;
  if (due_of(lo) > target) {
    hi = lo - boost::gregorian::days(1);
  } else {
    while (lo < hi) {
      const date mid = lo + boost::gregorian::days(((hi - lo).days() + 1) / 2);
      if (due_of(mid) <= target) {
        lo = mid;
      } else {
        hi = mid - boost::gregorian::days(1);
      }
    }
  }
  transaction t = impl_->read_txn();
  std::vector<due_deadline> out;
  statement s = impl_->db.prepare(
      "SELECT rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
      "first_contact_at, last_event_at, needs, consent_at, sharing, accepted_on FROM referrals "
      // without statistics the planner prefers the state index and sorts every waiting referral
      // (measured: 100-200 ms on 1,000,000 referrals); the partial index gives them in order
      "INDEXED BY referrals_awaiting_contact "
      "WHERE state IN ('accepted', 'assigned') AND accepted_on <= ? ORDER BY accepted_on, referral_id LIMIT ?");
  s.bind(1, days(hi)).bind(2, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
  while (s.step()) {
    const date accepted_on = from_days(s.integer(14));
    const date due = due_of(accepted_on);
    out.push_back(due_deadline{impl::row_of(s).summary, accepted_on, due, calendar.business_days_between(on, due)});
  }
  impl_->audit_read(by, "query_deadlines", "");
  t.commit();
  return out;
}

std::vector<referral_summary> register_db::caseload(const link_worker_id& worker, const accessor& by) {
  check_accessor(by);
  transaction t = impl_->read_txn();
  statement s = impl_->db.prepare(
      "SELECT rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
      "first_contact_at, last_event_at, needs, consent_at, sharing FROM referrals "
      "WHERE link_worker_id = ? AND state IN ('assigned', 'in_progress', 'on_hold') ORDER BY referral_id");
  s.bind(1, worker.str());
  auto out = impl_->summaries(s);
  impl_->audit_read(by, "query_caseload", worker.str());
  t.commit();
  return out;
}

std::vector<referral_summary> register_db::client_referrals(const client_id& c, const accessor& by) {
  check_accessor(by);
  transaction t = impl_->read_txn();
  statement s = impl_->db.prepare(
      "SELECT rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
      "first_contact_at, last_event_at, needs, consent_at, sharing FROM referrals WHERE client_id = ? ORDER BY rid");
  s.bind(1, c.str());
  auto out = impl_->summaries(s);
  impl_->audit_read(by, "query_client_referrals", c.str());
  t.commit();
  return out;
}

std::map<referral_state, std::int64_t> register_db::state_counts() {
  transaction t(impl_->db, false);
  std::map<referral_state, std::int64_t> out;
  {
    statement s = impl_->db.prepare("SELECT state, count(*) FROM referrals GROUP BY state");
    while (s.step()) out[parse_referral_state(s.text(0))] += s.integer(1);
  }
  {
    statement s = impl_->db.prepare("SELECT final_state, count(*) FROM erased GROUP BY final_state");
    while (s.step()) out[parse_referral_state(s.text(0))] += s.integer(1);
  }
  t.commit();
  return out;
}

std::vector<outbox_message> register_db::pending_messages() {
  transaction t(impl_->db, false);
  std::vector<outbox_message> out;
  statement s = impl_->db.prepare(
      OUTBOX_COLUMNS "FROM outbox "
      "WHERE delivered_at IS NULL ORDER BY seq");
  while (s.step()) {
    out.push_back(outbox_row(s));
  }
  t.commit();
  return out;
}

drain_result register_db::drain_outbox(const outbox_sender& send, std::size_t max_messages) {
  drain_result out;
  std::int64_t after = 0;
  while (out.delivered < max_messages) {
    std::optional<outbox_message> m;
    {
      transaction t(impl_->db, false);
      statement s = impl_->db.prepare(
          OUTBOX_COLUMNS "FROM outbox "
          "WHERE delivered_at IS NULL AND seq > ? ORDER BY seq LIMIT 1");
      s.bind(1, after);
      if (s.step()) {
        m = outbox_row(s);
      }
      t.commit();
    }
    if (!m) break;
    {  // the attempt is counted before sending: a crash during the send still shows it
      transaction t(impl_->db, true);
      const std::int64_t at = now_micros();
      impl_->db.prepare("UPDATE outbox SET attempts = attempts + 1, last_attempt_at = ? WHERE seq = ?")
          .bind(1, at)
          .bind(2, m->seq)
          .run();
      t.commit();
      m->last_attempt_at = from_micros(at);
    }
    m->attempts += 1;
    std::optional<std::string> error;
    try {
      if (!send(*m)) error = "the receiver did not acknowledge the message";
    } catch (const std::exception& e) {
      error = delivery_error(e.what());
    } catch (...) {
      error = "the sender threw something that is not a std::exception";
    }
    if (error) {
      transaction t(impl_->db, true);
      impl_->db.prepare("UPDATE outbox SET last_error = ? WHERE seq = ?").bind(1, *error).bind(2, m->seq).run();
      t.commit();
      ++out.failed;
      out.error = std::move(error);
      break;
    }
    transaction t(impl_->db, true);
    impl_->db.prepare("UPDATE outbox SET delivered_at = ? WHERE seq = ? AND delivered_at IS NULL")
        .bind(1, now_micros())
        .bind(2, m->seq)
        .run();
    t.commit();
    ++out.delivered;
    after = m->seq;
  }
  out.pending = static_cast<std::size_t>(impl_->pragma_int("SELECT count(*) FROM outbox WHERE delivered_at IS NULL"));
  impl_->db.reset_all();
  return out;
}

std::vector<audit_entry> register_db::audit_log(std::int64_t after_seq, std::size_t limit) {
  transaction t(impl_->db, false);
  std::vector<audit_entry> out;
  statement s = impl_->db.prepare(
      "SELECT seq, at, who, purpose, action, subject FROM audit WHERE seq > ? ORDER BY seq LIMIT ?");
  s.bind(1, after_seq).bind(2, static_cast<std::int64_t>(std::min<std::size_t>(limit, INT64_MAX)));
  while (s.step()) {
    out.push_back(audit_entry{s.integer(0), from_micros(s.integer(1)), s.text(2), parse_purpose(s.text(3)), s.text(4),
                              s.text(5)});
  }
  t.commit();
  return out;
}

subject_record register_db::export_subject(const client_id& c, const accessor& by) {
  check_accessor(by);
  transaction t(impl_->db, !impl_->options.read_only);
  auto subject = impl_->find_client(c.str());
  if (!subject) throw not_found("client", c.str());
  subject_record out{std::move(*subject), {}, {}, {}, {}};
  std::vector<impl::referral_row> rows;
  {
    statement s = impl_->db.prepare(
        "SELECT rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
        "first_contact_at, last_event_at, needs, consent_at, sharing FROM referrals WHERE client_id = ? ORDER BY rid");
    s.bind(1, c.str());
    while (s.step()) rows.push_back(impl::row_of(s));
  }
  std::set<std::string> subjects{c.str()};
  for (const auto& row : rows) {
    auto evs = impl_->load_events(row);
    out.referrals.push_back(impl_->build(row, evs));
    out.events.insert(out.events.end(), evs.begin(), evs.end());
    subjects.insert(row.summary.id.str());
    statement s = impl_->db.prepare(
        OUTBOX_COLUMNS "FROM outbox WHERE referral_id = ? "
        "ORDER BY seq");
    s.bind(1, row.summary.id.str());
    while (s.step()) {
      out.messages.push_back(outbox_row(s));
    }
  }
  if (!impl_->options.read_only) impl_->audit(by, "export_subject", c.str());
  for (const std::string& subj : subjects) {
    statement s = impl_->db.prepare("SELECT seq, at, who, purpose, action, subject FROM audit WHERE subject = ? ORDER BY seq");
    s.bind(1, subj);
    while (s.step()) {
      out.audit.push_back(audit_entry{s.integer(0), from_micros(s.integer(1)), s.text(2), parse_purpose(s.text(3)),
                                      s.text(4), s.text(5)});
    }
  }
  std::sort(out.audit.begin(), out.audit.end(), [](const auto& a, const auto& b) { return a.seq < b.seq; });
  t.commit();
  return out;
}

retention_result register_db::erase_subject(const client_id& c, retention_action action, const accessor& by) {
  check_accessor(by);
  transaction t(impl_->db, true);
  if (!impl_->find_client(c.str())) throw not_found("client", c.str());
  auto out = impl_->retire(c, action);
  impl_->audit(by, action == retention_action::erase ? "erase_subject" : "pseudonymise_subject", c.str());
  t.commit();
  return out;
}

retention_result register_db::apply_retention(const retention_rule& rule, date today, const accessor& by) {
  check_accessor(by);
  if (rule.days_after_closing < 0) {
    throw invalid_argument(error_id::invalid_value, "days_after_closing", "must be 0 or more");
  }
  const std::int64_t cutoff = micros(timestamp(today - boost::gregorian::days(rule.days_after_closing)));
  transaction t(impl_->db, true);
  std::vector<std::string> due;
  {
    statement s = impl_->db.prepare(
        "SELECT client_id FROM referrals GROUP BY client_id "
        "HAVING sum(closed_at IS NULL) = 0 AND max(closed_at) <= ? AND client_id NOT LIKE 'anon-%'");
    s.bind(1, cutoff);
    while (s.step()) due.push_back(s.text(0));
  }
  retention_result out;
  for (const std::string& id : due) {
    const auto r = impl_->retire(client_id{id}, rule.action);
    out.clients += r.clients;
    out.referrals += r.referrals;
    out.events += r.events;
    impl_->audit(by, rule.action == retention_action::erase ? "retention_erase" : "retention_pseudonymise", id);
  }
  t.commit();
  return out;
}

region_records register_db::records(const accessor& by) {
  check_accessor(by);
  transaction t = impl_->read_txn();
  region_records out;
  {
    statement s = impl_->db.prepare("SELECT record FROM clients ORDER BY rowid");
    std::vector<std::string> texts;
    while (s.step()) texts.push_back(s.text(0));
    for (const auto& text : texts) out.clients.push_back(clients_from_csv(text, "clients").at(0));
  }
  {
    statement s = impl_->db.prepare("SELECT record FROM professionals ORDER BY rowid");
    std::vector<std::string> texts;
    while (s.step()) texts.push_back(s.text(0));
    for (const auto& text : texts) out.professionals.push_back(professionals_from_csv(text, "professionals").at(0));
  }
  std::vector<impl::referral_row> rows;
  {
    statement s = impl_->db.prepare(
        "SELECT rid, referral_id, client_id, professional_id, state, priority, version, link_worker_id, accepted_at, "
        "first_contact_at, last_event_at, needs, consent_at, sharing FROM referrals ORDER BY rid");
    while (s.step()) rows.push_back(impl::row_of(s));
  }
  for (const auto& row : rows) out.referrals.push_back(impl_->load(row));
  impl_->audit_read(by, "export_records", "");
  t.commit();
  return out;
}

std::vector<link_worker> register_db::link_workers() {
  transaction t(impl_->db, false);
  std::vector<std::pair<std::string, std::optional<std::string>>> texts;  // the record, the training
  {
    statement s = impl_->db.prepare("SELECT record, training FROM link_workers ORDER BY rowid");
    while (s.step()) texts.emplace_back(s.text(0), s.opt_text(1));
  }
  t.commit();
  std::vector<link_worker> out;
  for (const auto& [record, training] : texts) {
    out.push_back(link_workers_from_csv(record, "link_workers").at(0));
    if (training) add_training(std::span<link_worker>(&out.back(), 1), training_from_csv(*training, "training"));
  }
  return out;
}

std::size_t register_db::import_records(const region_records& records, sharing_level sharing, const accessor& by,
                                        std::span<const link_worker> workers) {
  check_accessor(by);
  transaction t(impl_->db, true);
  for (const client& c : records.clients) impl_->write_client(c);
  for (const professional& p : records.professionals) impl_->write_professional(p);
  std::size_t added = 0;
  for (const referral& r : records.referrals) {
    if (impl_->add(r, sharing).status == append_status::appended) ++added;
  }
  impl_->audit(by, "import_records", "");
  for (const link_worker& w : workers) impl_->write_link_worker(w, by);
  t.commit();
  return added;
}

void register_db::set_identity_code(const client_id& c, std::string_view identity_code, const accessor& by) {
  check_accessor(by);
  if (!impl_->options.key) {
    throw invalid_argument(error_id::invalid_value, "key",
                           "no pseudonym key is configured: the register stores identity codes only as keyed pseudonyms");
  }
  const std::string pseudonym = pseudonymise(identity_code, *impl_->options.key, "H-").str();
  transaction t(impl_->db, true);
  if (!impl_->find_client(c.str())) throw not_found("client", c.str());
  {
    statement s = impl_->db.prepare("SELECT client_id FROM clients WHERE identity_pseudonym = ?");
    s.bind(1, pseudonym);
    if (s.step() && s.text(0) != c.str()) {
      throw conflict("identity_code", "another client of the register has the same identity code");
    }
  }
  impl_->db.prepare("UPDATE clients SET identity_pseudonym = ? WHERE client_id = ?").bind(1, pseudonym).bind(2, c.str()).run();
  impl_->audit(by, "set_identity_code", c.str());
  t.commit();
}

std::optional<client_id> register_db::find_by_identity_code(std::string_view identity_code, const accessor& by) {
  check_accessor(by);
  if (!impl_->options.key) {
    throw invalid_argument(error_id::invalid_value, "key",
                           "no pseudonym key is configured: the register stores identity codes only as keyed pseudonyms");
  }
  const std::string pseudonym = pseudonymise(identity_code, *impl_->options.key, "H-").str();
  transaction t = impl_->read_txn();
  std::optional<client_id> out;
  {
    statement s = impl_->db.prepare("SELECT client_id FROM clients WHERE identity_pseudonym = ?");
    s.bind(1, pseudonym);
    if (s.step()) out = client_id{s.text(0)};
  }
  impl_->audit_read(by, "find_by_identity_code", out ? out->str() : std::string());
  t.commit();
  return out;
}

void register_db::export_analytic_copy(const fs::path& target, const pseudonym_key& key, const accessor& by) {
  check_accessor(by);
  std::error_code ec;
  if (fs::exists(target, ec)) throw storage_error(error_id::storage_io, target.string(), "already exists; the analytic copy is written to a new file");
  auto alias = [&](const std::string& id) {
    const auto mac = key.hmac_sha256(std::as_bytes(std::span<const char>(id.data(), id.size())));
    std::string out = "A-";
    for (std::size_t i = 0; i < 16; ++i) {
      const auto b = static_cast<unsigned>(mac[i]);
      out += "bcdfghjklmnpqrst"[b >> 4];
      out += "bcdfghjklmnpqrst"[b & 15];
    }
    return out;
  };
  const region_records all = records(by);
  open_options o;
  o.synchronous_full = false;
  o.audit_reads = false;
  register_db copy = open(target, o);
  sql::transaction t(copy.impl_->db, true);
  std::map<std::string, client> clients;
  for (const client& c : all.clients) {
    client a(client_id{alias(c.id().str())}, c.birth_year(), c.home(), c.languages());
    a.set_living(c.living());
    a.set_needs(c.needs());
    clients.emplace(c.id().str(), a);
    copy.impl_->write_client(a);
  }
  for (const referral& r : all.referrals) {
    std::vector<lifecycle_event> evs;
    for (const auto& h : r.history()) {
      lifecycle_event e = h.event;
      e.note.clear();
      e.by.id.clear();
      evs.push_back(std::move(e));
    }
    professional p(r.referrer().id(), r.referrer().work_sector(), "-");
    const referral a = referral::replay(r.id(), clients.at(r.subject().id().str()), p, r.needs(), r.urgency(),
                                        r.consent_given_at(), evs);
    copy.impl_->add(a, sharing_level::codes_only);
  }
  t.commit();
  transaction audit_t(impl_->db, true);
  impl_->audit(by, "analytic_copy", "");
  audit_t.commit();
}

}  // namespace kulkija::store
