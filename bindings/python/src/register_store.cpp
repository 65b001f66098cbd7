// The submodule kulkija._core.store: the referral register (register_db) on SQLite.
#include "kulkija/matching/link_worker.hpp"
#include "kulkija/store/register_db.hpp"
#include "kulkija/store/transfer.hpp"
#include "kulkija/support/calendar.hpp"
#include "kulkija/support/policy.hpp"
#include "kulkija/workforce/queue.hpp"
//
#include "register.hpp"

#include <pybind11/stl/filesystem.h>

#include <optional>
#include <string>
#include <vector>

namespace kulkija::python {

template <>
struct enum_traits<store::purpose> : enum_traits_of<store::purpose, store::purpose::administration, store::parse_purpose> {};
template <>
struct enum_traits<store::sharing_level>
    : enum_traits_of<store::sharing_level, store::sharing_level::codes_and_text, store::parse_sharing_level> {};

namespace {

using store::accessor;
using store::register_db;

/// The Python object: an open register, closed by close() or the context manager.
struct py_register {
  std::optional<register_db> db;
  accessor by;

  register_db& open() {
    if (!db) throw invalid_argument(error_id::invalid_value, "register", "is closed");
    return *db;
  }
  accessor who(const std::optional<std::string>& who, const std::optional<store::purpose>& why) const {
    return {who.value_or(by.who), why.value_or(by.why)};
  }
};

// Register.put_client / put_professional / put_link_worker: one record added or replaced by
// the register's `Put`, as who and why say (or the register's own).
template <class T, void (store::referral_store::*Put)(const T&, const accessor&)>
void put_record(py_register& r, const T& value, const std::optional<std::string>& who,
                const std::optional<store::purpose>& purpose) {
  (r.open().*Put)(value, r.who(who, purpose));
}

PyObject* conflict_type = nullptr;
PyObject* storage_error_type = nullptr;

py::dict counts(const store::retention_result& r) {
  py::dict d;
  d["clients"] = r.clients;
  d["referrals"] = r.referrals;
  d["events"] = r.events;
  return d;
}

store::retention_action parse_action(const std::string& a) {
  if (a == "erase") return store::retention_action::erase;
  if (a == "pseudonymise") return store::retention_action::pseudonymise;
  throw parse_error(error_id::parse_enum, "action: " + quote(a) + " is not one of erase, pseudonymise");
}

}  // namespace

void register_store(py::module_& m) {
  const py::object builtins = py::module_::import("builtins");
  const py::object core = py::module_::import("kulkija._core");
  const std::string name = m.attr("__name__").cast<std::string>();
  conflict_type = PyErr_NewExceptionWithDoc(
      (name + ".Conflict").c_str(),
      "A write that lost a race (id 501): another writer changed the referral first, or an id is taken by other "
      "content. Nothing was written: read again and retry.",
      py::make_tuple(core.attr("Error")).ptr(), nullptr);
  storage_error_type = PyErr_NewExceptionWithDoc(
      (name + ".StorageError").c_str(),
      "A register file that cannot be used (ids 601-604): not openable or writable, not a register, corrupted, of a "
      "newer schema, or full. `file` names it; nothing partial was written.",
      py::make_tuple(core.attr("Error"), builtins.attr("OSError")).ptr(), nullptr);
  if (conflict_type == nullptr || storage_error_type == nullptr) throw py::error_already_set();
  m.attr("Conflict") = py::handle(conflict_type);
  m.attr("StorageError") = py::handle(storage_error_type);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const kulkija::conflict& e) {
      py::object instance = py::handle(conflict_type)(e.what());
      instance.attr("id") = py::cast(e.id());
      PyErr_SetObject(conflict_type, instance.ptr());
    } catch (const kulkija::storage_error& e) {
      py::object instance = py::handle(storage_error_type)(e.what());
      instance.attr("id") = py::cast(e.id());
      instance.attr("file") = e.file();
      PyErr_SetObject(storage_error_type, instance.ptr());
    }
  });

  bind_enum<store::purpose>(m, "Purpose", "Why someone reads or changes a client's data: the audit log's purpose code.");
  bind_enum<store::sharing_level>(m, "SharingLevel",
                                  "What the messages back to a referrer carry: codes_only, or codes_and_text.");

  py::class_<store::append_result> ar(m, "AppendResult", "What an append or add_referral did.");
  ar.def_property_readonly(
        "status", [](const store::append_result& r) { return r.status == store::append_status::appended ? "appended" : "duplicate"; },
        "'appended', or 'duplicate' when the same event (or referral) was written before: a safe retry.")
      .def_readonly("version", &store::append_result::version, "The referral's version (number of events) after the call.")
      .def_readonly("state", &store::append_result::state, "The referral's state after the call.")
      .def("__repr__", [](const store::append_result& r) {
        return py::str("<AppendResult {} version {} {}>")
            .format(r.status == store::append_status::appended ? "appended" : "duplicate", r.version,
                    std::string(to_string(r.state)));
      });
  def_eq(ar);

  py::class_<store::referral_summary> rs(m, "ReferralSummary",
                                         "A referral's row as the coordinator's queries return it (no history).");
  rs.def_readonly("id", &store::referral_summary::id, "The referral's id.")
      .def_readonly("client", &store::referral_summary::client, "The client's pseudonym.")
      .def_readonly("referrer", &store::referral_summary::referrer, "The referring professional's id.")
      .def_readonly("state", &store::referral_summary::state, "The current state.")
      .def_readonly("urgency", &store::referral_summary::urgency, "The priority.")
      .def_readonly("version", &store::referral_summary::version, "The number of events: append's expected_version.")
      .def_readonly("link_worker", &store::referral_summary::link_worker, "The link worker, or None.")
      .def_readonly("accepted_at", &store::referral_summary::accepted_at, "The last acceptance (UTC), or None.")
      .def_readonly("first_contact_at", &store::referral_summary::first_contact_at, "First contact (UTC), or None.")
      .def_readonly("last_event_at", &store::referral_summary::last_event_at, "The last event (UTC), or None.")
      .def("__repr__", [](const store::referral_summary& s) {
        return py::str("<ReferralSummary {!r} {} version {}>").format(s.id.str(), std::string(to_string(s.state)), s.version);
      });
  def_eq(rs);

  py::class_<store::due_deadline> dd(m, "DueDeadline", "A first-contact deadline due soon (or overdue).");
  dd.def_readonly("referral", &store::due_deadline::referral, "The referral (a ReferralSummary).")
      .def_readonly("accepted_on", &store::due_deadline::accepted_on, "The Finnish local day of the last acceptance.")
      .def_readonly("due", &store::due_deadline::due, "The first-contact deadline.")
      .def_readonly("business_days_left", &store::due_deadline::business_days_left,
                    "Business days from the day to the deadline; negative when overdue.")
      .def("__repr__", [](const store::due_deadline& d) {
        return py::str("<DueDeadline {!r} due {}>").format(d.referral.id.str(), format_date(d.due));
      });
  def_eq(dd);

  py::class_<store::stored_event> se(m, "StoredEvent", "An event as stored: its id, version and history entry.");
  se.def_readonly("id", &store::stored_event::id, "The event id (the idempotency key).")
      .def_readonly("referral", &store::stored_event::referral, "The referral's id.")
      .def_readonly("version", &store::stored_event::version, "1 for the first event; the version after it.")
      .def_readonly("entry", &store::stored_event::entry, "The HistoryEntry.")
      .def_readonly("recorded_at", &store::stored_event::recorded_at, "When the register wrote it (UTC).")
      .def("__repr__", [](const store::stored_event& e) {
        return py::str("<StoredEvent {!r} {} v{}>").format(e.id, std::string(to_string(e.entry.event.kind)), e.version);
      });
  def_eq(se);

  py::class_<store::outbox_message> om(m, "OutboxMessage",
                                       "A message back to the referrer, written with its event; delivered at least once.");
  om.def_readonly("seq", &store::outbox_message::seq, "Its place in the outbox (receivers deduplicate by it).")
      .def_readonly("referral", &store::outbox_message::referral, "The referral's id.")
      .def_readonly("event_id", &store::outbox_message::event_id, "The event that caused it.")
      .def_readonly("kind", &store::outbox_message::kind, "The event kind (a ReferralEvent).")
      .def_readonly("payload", &store::outbox_message::payload, "A FHIR R4 Task as JSON text.")
      .def_readonly("created_at", &store::outbox_message::created_at, "When it was written (UTC).")
      .def_readonly("attempts", &store::outbox_message::attempts, "Delivery attempts so far, this one included.")
      .def_readonly("last_attempt_at", &store::outbox_message::last_attempt_at,
                    "When the last attempt began (UTC), or None before the first.")
      .def_readonly("last_error", &store::outbox_message::last_error,
                    "Why the last failed attempt failed (the sender's exception text, identity codes redacted), or None.")
      .def("__repr__", [](const store::outbox_message& o) {
        return py::str("<OutboxMessage {} {!r} {}>").format(o.seq, o.referral.str(), std::string(to_string(o.kind)));
      });
  def_eq(om);

  py::class_<store::audit_entry> ae(m, "AuditEntry", "One row of the append-only audit log: who did what, why.");
  ae.def_readonly("seq", &store::audit_entry::seq, "Increasing.")
      .def_readonly("at", &store::audit_entry::at, "When (UTC).")
      .def_readonly("who", &store::audit_entry::who, "Who.")
      .def_readonly("purpose", &store::audit_entry::why, "Why (a Purpose).")
      .def_readonly("action", &store::audit_entry::action, "What, e.g. 'read_referral', 'append', 'erase_subject'.")
      .def_readonly("subject", &store::audit_entry::subject, "The client or referral concerned, or ''.")
      .def("__repr__", [](const store::audit_entry& a) {
        return py::str("<AuditEntry {} {} {} {!r}>").format(a.seq, a.who, a.action, a.subject);
      });
  def_eq(ae);

  using opt_who = std::optional<std::string>;
  using opt_why = std::optional<store::purpose>;
  py::class_<py_register> reg(
      m, "Register",
      "The referral register: one SQLite file of clients, professionals, link workers, referrals and their "
      "append-only event history, with the outbox and the audit log. Every write is one transaction; every read of "
      "client data is logged with who and why (the constructor's `who` and `purpose`, or each call's).");
  reg.def(py::init([](const std::filesystem::path& path, bool create, bool read_only, bool migrate, bool synchronous_full,
                      bool audit_reads, int busy_timeout_ms, std::int64_t max_page_count,
                      const std::optional<pseudonym_key>& key, const std::string& who, store::purpose why) {
            validate_id("who", who);
            store::open_options o;
            o.create = create;
            o.read_only = read_only;
            o.migrate = migrate;
            o.synchronous_full = synchronous_full;
            o.audit_reads = audit_reads;
            o.busy_timeout_ms = busy_timeout_ms;
            o.max_page_count = max_page_count;
            o.key = key;
            return py_register{register_db::open(path, o), {who, why}};
          }),
          py::arg("path"), py::kw_only(), py::arg("create") = true, py::arg("read_only") = false,
          py::arg("migrate") = false, py::arg("synchronous_full") = true, py::arg("audit_reads") = true,
          py::arg("busy_timeout_ms") = 10000, py::arg("max_page_count") = 0, py::arg("key") = std::nullopt,
          py::arg("who") = "python", py::arg("purpose") = store::purpose::administration,
          "Opens (or creates) a register file. `key` (a PseudonymKey) keeps identity codes at rest as keyed pseudonyms. Raises "
          "StorageError naming the file when it is not a register, is damaged, or has a newer schema.");
  reg.def("close", [](py_register& r) { r.db.reset(); }, "Closes the file (the register cannot be used afterwards).")
      .def("__enter__", [](py_register& r) -> py_register& { return r; }, "Returns the register.")
      .def(
          "__exit__", [](py_register& r, const py::args&) { r.db.reset(); }, "Closes the register.")
      .def_property_readonly("path", [](py_register& r) { return r.open().path().string(); }, "The file.")
      .def_property_readonly("schema_version", [](py_register& r) { return r.open().schema_version(); },
                             "The file's schema version (PRAGMA user_version).")
      .def_property_readonly("migrated_from", [](py_register& r) { return r.open().migrated_from(); },
                             "The schema version the file had before this open migrated it, or None.")
      .def("integrity_check", [](py_register& r) { return r.open().integrity_check(); },
           "SQLite's integrity check of the whole file: 'ok', or the problems found.")
      .def("put_client", put_record<client, &store::referral_store::put_client>, py::arg("client"), py::kw_only(),
           py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt, "Adds a client or replaces their record.")
      .def("put_professional", put_record<professional, &store::referral_store::put_professional>,
           py::arg("professional"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
           "Adds a referring professional or replaces their record.")
      .def("put_link_worker", put_record<link_worker, &store::referral_store::put_link_worker>, py::arg("worker"),
           py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
           "Adds a link worker or replaces their record, training records included.")
      .def(
          "link_workers", [](py_register& r) { return r.open().link_workers(); },
          "Every link worker, in the order first put, with their training records.")
      .def(
          "add_referral",
          [](py_register& r, const referral& ref, store::sharing_level sharing, const opt_who& who, const opt_why& purpose) {
            return r.open().add_referral(ref, sharing, r.who(who, purpose));
          },
          py::arg("referral"), py::kw_only(), py::arg("sharing") = store::sharing_level::codes_only,
          py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Adds a referral with its history (event ids '<id>#<n>'); the same referral again is a duplicate, "
          "another under the same id a Conflict.")
      .def(
          "append",
          [](py_register& r, const referral_id& id, const std::string& event_id, const lifecycle_event& event,
             std::int64_t expected_version, const opt_who& who, const opt_why& purpose) {
            return r.open().append(id, event_id, event, expected_version, r.who(who, purpose));
          },
          py::arg("referral_id"), py::arg("event_id"), py::arg("event"), py::arg("expected_version"), py::kw_only(),
          py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Appends one event in one transaction, after the lifecycle's guards (a refused event writes nothing). "
          "Raises Conflict when the version moved on; the same event id and event again is a 'duplicate'.")
      .def(
          "get",
          [](py_register& r, const referral_id& id, const opt_who& who, const opt_why& purpose) {
            return r.open().get(id, r.who(who, purpose));
          },
          py::arg("referral_id"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "A referral with its whole history (an audited read).")
      .def(
          "events",
          [](py_register& r, const referral_id& id, const opt_who& who, const opt_why& purpose) {
            return r.open().events(id, r.who(who, purpose));
          },
          py::arg("referral_id"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "A referral's stored events, oldest first (an audited read).")
      .def(
          "get_client",
          [](py_register& r, const client_id& id, const opt_who& who, const opt_why& purpose) {
            return r.open().get_client(id, r.who(who, purpose));
          },
          py::arg("client_id"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "A client's record (an audited read).")
      .def(
          "summary", [](py_register& r, const referral_id& id) { return r.open().summary(id); }, py::arg("referral_id"),
          "A referral's summary row, with the version to pass to append().")
      .def(
          "by_state",
          [](py_register& r, referral_state s, std::size_t limit, const opt_who& who, const opt_why& purpose) {
            return r.open().by_state(s, limit, r.who(who, purpose));
          },
          py::arg("state"), py::kw_only(), py::arg("limit") = 100, py::arg("who") = std::nullopt,
          py::arg("purpose") = std::nullopt, "Referrals in a state, most urgent and longest accepted first.")
      .def(
          "queue",
          [](py_register& r, const support_policy& policy, date on, const std::optional<finnish_calendar>& calendar,
             std::size_t limit, const opt_who& who, const opt_why& purpose) {
            return r.open().queue(policy, on, calendar.value_or(finnish_calendar{}), limit, r.who(who, purpose));
          },
          py::arg("policy"), py::arg("on"), py::kw_only(), py::arg("calendar") = std::nullopt, py::arg("limit") = 100,
          py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "The coordinator's queue on `on` (QueueEntry list, as kulkija.workforce.coordinator_queue gives it).")
      .def(
          "deadlines_due",
          [](py_register& r, const support_policy& policy, date on, std::int64_t business_days,
             const std::optional<finnish_calendar>& calendar, std::size_t limit, const opt_who& who,
             const opt_why& purpose) {
            return r.open().deadlines_due(policy, on, business_days, calendar.value_or(finnish_calendar{}), limit,
                                          r.who(who, purpose));
          },
          py::arg("policy"), py::arg("on"), py::arg("business_days"), py::kw_only(), py::arg("calendar") = std::nullopt,
          py::arg("limit") = 100, py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "First-contact deadlines due within `business_days` business days of `on`, and overdue ones.")
      .def(
          "caseload",
          [](py_register& r, const link_worker_id& w, const opt_who& who, const opt_why& purpose) {
            return r.open().caseload(w, r.who(who, purpose));
          },
          py::arg("worker"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "A link worker's referrals in assigned, in_progress or on_hold.")
      .def(
          "client_referrals",
          [](py_register& r, const client_id& c, const opt_who& who, const opt_why& purpose) {
            return r.open().client_referrals(c, r.who(who, purpose));
          },
          py::arg("client_id"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "A client's referrals, oldest first.")
      .def(
          "state_counts", [](py_register& r) { return r.open().state_counts(); },
          "How many referrals are in each state, erased ones counted in their last state.")
      .def(
          "referrals",
          [](py_register& r, const opt_who& who, const opt_why& purpose) {
            return r.open().records(r.who(who, purpose)).referrals;
          },
          py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Every referral with its history (an audited read).")
      .def(
          "drain_outbox",
          [](py_register& r, const py::function& sender, std::optional<std::size_t> max_messages) {
            const auto result = r.open().drain_outbox(
                [&](const store::outbox_message& msg) {
                  try {
                    return sender(msg).cast<bool>();
                  } catch (py::error_already_set& e) {  // "ConnectionError: refused", without the traceback
                    throw std::runtime_error(py::str(e.type().attr("__name__")).cast<std::string>() + ": " +
                                             py::str(e.value()).cast<std::string>());
                  }
                },
                max_messages.value_or(SIZE_MAX));
            py::dict d;
            d["delivered"] = result.delivered;
            d["failed"] = result.failed;
            d["pending"] = result.pending;
            d["error"] = result.error ? py::cast(*result.error) : py::none();
            return d;
          },
          py::arg("sender"), py::kw_only(), py::arg("max_messages") = std::nullopt,
          "Delivers pending messages in order: `sender(message)` returns True once the receiver acknowledged it; "
          "False or an exception stops the drain (the message keeps the reason as last_error). At least once: returns a "
          "dict of delivered, failed, pending and error (why the drain stopped, or None).")
      .def(
          "pending_messages", [](py_register& r) { return r.open().pending_messages(); },
          "The messages not yet delivered, oldest first.")
      .def(
          "audit_log",
          [](py_register& r, std::int64_t after_seq, std::optional<std::size_t> limit) {
            return r.open().audit_log(after_seq, limit.value_or(SIZE_MAX));
          },
          py::kw_only(), py::arg("after_seq") = 0, py::arg("limit") = std::nullopt, "The audit log, oldest first.")
      .def(
          "export_subject",
          [](py_register& r, const client_id& c, const opt_who& who, const opt_why& purpose) {
            auto s = r.open().export_subject(c, r.who(who, purpose));
            py::dict d;
            d["client"] = s.subject;
            d["referrals"] = s.referrals;
            d["events"] = s.events;
            d["messages"] = s.messages;
            d["audit"] = s.audit;
            return d;
          },
          py::arg("client_id"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Everything held about a client (the access request): a dict of client, referrals, events, messages, audit.")
      .def(
          "erase_subject",
          [](py_register& r, const client_id& c, const std::string& action, const opt_who& who, const opt_why& purpose) {
            return counts(r.open().erase_subject(c, parse_action(action), r.who(who, purpose)));
          },
          py::arg("client_id"), py::arg("action") = "erase", py::kw_only(), py::arg("who") = std::nullopt,
          py::arg("purpose") = std::nullopt,
          "Erases ('erase') or pseudonymises ('pseudonymise') a client whose referrals are all closed; the state "
          "counts are kept. Returns a dict of clients, referrals, events.")
      .def(
          "apply_retention",
          [](py_register& r, std::int64_t days_after_closing, date today, const std::string& action, const opt_who& who,
             const opt_why& purpose) {
            return counts(r.open().apply_retention({days_after_closing, parse_action(action)}, today, r.who(who, purpose)));
          },
          py::arg("days_after_closing"), py::arg("today"), py::arg("action") = "erase", py::kw_only(),
          py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Erases or pseudonymises every client whose referrals have all been closed that long.")
      .def(
          "set_identity_code",
          [](py_register& r, const client_id& c, const std::string& code, const opt_who& who, const opt_why& purpose) {
            r.open().set_identity_code(c, code, r.who(who, purpose));
          },
          py::arg("client_id"), py::arg("identity_code"), py::kw_only(), py::arg("who") = std::nullopt,
          py::arg("purpose") = std::nullopt, "Stores a client's identity code as its keyed pseudonym only (needs `key`).")
      .def(
          "find_by_identity_code",
          [](py_register& r, const std::string& code, const opt_who& who, const opt_why& purpose) {
            return r.open().find_by_identity_code(code, r.who(who, purpose));
          },
          py::arg("identity_code"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "The client with this identity code, or None (needs `key`).")
      .def(
          "backup_to", [](py_register& r, const std::filesystem::path& target) { r.open().backup_to(target); }, py::arg("target"),
          "Copies the register with SQLite's online backup API (a consistent snapshot).")
      .def(
          "export_analytic_copy",
          [](py_register& r, const std::filesystem::path& target, const pseudonym_key& key, const opt_who& who,
             const opt_why& purpose) {
            r.open().export_analytic_copy(target, key, r.who(who, purpose));
          },
          py::arg("target"), py::arg("key"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Writes a pseudonymised analytic copy (keyed client pseudonyms, no free text, no audit log) to a new file.")
      .def(
          "import_region_folder",
          [](py_register& r, const std::filesystem::path& folder, store::sharing_level sharing, const opt_who& who,
             const opt_why& purpose) {
            return store::import_region_folder(r.open(), folder, sharing, r.who(who, purpose)).referrals;
          },
          py::arg("folder"), py::kw_only(), py::arg("sharing") = store::sharing_level::codes_only,
          py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Imports a region folder's records and its link workers (with the training records of training.csv) in "
          "one transaction; returns the referrals added.")
      .def(
          "export_region_folder",
          [](py_register& r, const std::filesystem::path& folder, const opt_who& who, const opt_why& purpose) {
            store::export_region_folder(r.open(), folder, r.who(who, purpose));
          },
          py::arg("folder"), py::kw_only(), py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Writes the register's records as a region folder, with link_workers.csv and training.csv when it holds "
          "link workers.")
      .def(
          "import_fhir_bundle",
          [](py_register& r, const std::string& json, store::sharing_level sharing, const opt_who& who,
             const opt_why& purpose) {
            return store::import_fhir_bundle(r.open(), json, sharing, r.who(who, purpose)).referrals;
          },
          py::arg("json"), py::kw_only(), py::arg("sharing") = store::sharing_level::codes_only,
          py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Imports a FHIR R4 Bundle's referrals in one transaction; returns the referrals added.")
      .def(
          "export_fhir_bundle",
          [](py_register& r, int indent, const opt_who& who, const opt_why& purpose) {
            return store::export_fhir_bundle(r.open(), r.who(who, purpose), indent);
          },
          py::kw_only(), py::arg("indent") = 2, py::arg("who") = std::nullopt, py::arg("purpose") = std::nullopt,
          "Every referral as one FHIR R4 Bundle (JSON text).")
      .def("__repr__", [](py_register& r) {
        return r.db ? py::str("<Register {!r}>").format(r.db->path().string()) : py::str("<Register closed>");
      });
  m.attr("SCHEMA_VERSION") = store::register_schema_version;
}

}  // namespace kulkija::python
