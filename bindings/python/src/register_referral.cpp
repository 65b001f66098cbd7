// kulkija._core.referral: needs, clients, professionals, the lifecycle and the referral.
#include "register.hpp"

#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace kulkija::python {

namespace {

// A referral's kept elements (kulkija::kept_element) as (resource, name, JSON text) tuples.
std::vector<std::tuple<std::string, std::string, std::string>> kept_tuples(const referral& r) {
  std::vector<std::tuple<std::string, std::string, std::string>> out;
  for (const auto& k : r.kept()) out.emplace_back(k.resource, k.name, k.json);
  return out;
}


/// A client built from every part the Python constructor (and unpickling) takes.
client make_client(client_id id, int birth_year, municipality home, std::vector<language> languages,
                   std::optional<date> birth_date, std::optional<living_situation> living, need_set needs,
                   std::vector<std::string> goals, std::optional<client_preferences> preferences) {
  client c(std::move(id), birth_year, home, std::move(languages));
  c.set_birth_date(birth_date);
  c.set_living(living);
  c.set_needs(needs);
  c.set_goals(std::move(goals));
  if (preferences) c.set_preferences(std::move(*preferences));
  return c;
}

/// An event from the keyword form of Referral.apply() and Referral.check().
lifecycle_event make_event(referral_event kind, timestamp at, actor by, std::optional<reason_code> reason,
                           std::optional<link_worker_id> link_worker, std::string note) {
  return {kind, at, std::move(by), reason, std::move(link_worker), std::move(note)};
}

/// The optional parts of an event, shared by LifecycleEvent() and the keyword forms.
auto event_options() {
  return std::make_tuple(py::arg("reason") = py::none(), py::arg("link_worker") = py::none(),
                         py::arg("note") = "");
}

/// Binds `name` as two overloads: taking a LifecycleEvent, and taking the event's parts.
template <class Class, class Call>
void def_event_method(Class& cls, const char* name, Call call, const char* doc) {
  cls.def(
      name, [call](referral& r, const lifecycle_event& event) { return call(r, event); }, py::arg("event"), doc);
  std::apply(
      [&](auto... options) {
        cls.def(
            name,
            [call](referral& r, referral_event kind, timestamp at, actor by, std::optional<reason_code> reason,
                   std::optional<link_worker_id> link_worker, std::string note) {
              return call(r, make_event(kind, at, std::move(by), reason, std::move(link_worker), std::move(note)));
            },
            py::arg("kind"), py::kw_only(), py::arg("at"), py::arg("by"), options...,
            "The same, with the event given by its parts.");
      },
      event_options());
}

void bind_enums(py::module_& m) {
  bind_enum<need>(m, "Need",
                  "Why a client is referred: a closed, documented list of needs. Member names are the stable codes.");
  bind_enum<living_situation>(m, "LivingSituation", "Who the client lives with.");
  bind_enum<gender>(m, "Gender", "A person's gender, as far as a client's preference for a worker needs it.");
  bind_enum<meeting_mode>(m, "MeetingMode", "How a client and a link worker meet.");
  bind_enum<time_window>(m, "TimeWindow", "When a client (or worker) is available.");
  bind_enum<sector>(m, "Sector", "The service sector a referring professional works in.");
  bind_enum<priority>(m, "Priority", "How soon the referral should be acted on (FHIR request priority).");
  bind_enum<referral_state>(m, "ReferralState",
                            "Where a referral is in its lifecycle (modelled on FHIR Task statuses).");
  bind_enum<referral_event>(m, "ReferralEvent", "What happens to a referral; each event moves it along one transition.");
  bind_enum<actor_role>(m, "ActorRole", "The role of whoever causes an event.");
  bind_enum<reason_code>(m, "ReasonCode", "Why an event happened; which codes an event accepts is in the table.");
  bind_enum<transition_guard>(m, "TransitionGuard", "A condition, beyond the state, that a transition requires.");
  bind_enum<reason_rule>(m, "ReasonRule", "Whether an event takes a reason code: none, optional or required.");
}

void bind_lifecycle(py::module_& m) {
  py::class_<transition> row(m, "Transition",
                             "One row of the lifecycle's transition table: from a state, on an event, to a state, if "
                             "the actor's role is allowed, the reason fits and every guard holds. Read-only.");
  row.def_property_readonly(
         "from_state", [](const transition& t) { return t.from; }, "The state before.")
      .def_property_readonly(
          "event", [](const transition& t) { return t.event; }, "The event.")
      .def_property_readonly(
          "to_state", [](const transition& t) { return t.to; }, "The state after.")
      .def_property_readonly(
          "roles", [](const transition& t) { return t.roles; }, "The roles that may cause the event.")
      .def_property_readonly(
          "reason", [](const transition& t) { return t.reason; }, "Whether the event takes a reason code.")
      .def_property_readonly(
          "allowed_reasons", [](const transition& t) { return t.allowed_reasons; },
          "The reason codes accepted when a reason is taken.")
      .def_property_readonly(
          "guards", [](const transition& t) { return t.guards; }, "The conditions that must hold.")
      .def("__repr__",
           [](const transition& t) {
             return py::str("<Transition {}: {} -> {}>")
                 .format(std::string(to_string(t.event)), std::string(to_string(t.from)), std::string(to_string(t.to)));
           })
      .def(py::pickle(
          [](const transition& t) {
            return py::make_tuple(t.from, t.event, t.to, t.roles, t.reason, t.allowed_reasons, t.guards);
          },
          [](const py::tuple& s) {
            return transition{s[0].cast<referral_state>(),          s[1].cast<referral_event>(),
                              s[2].cast<referral_state>(),          s[3].cast<std::vector<actor_role>>(),
                              s[4].cast<reason_rule>(),             s[5].cast<std::vector<reason_code>>(),
                              s[6].cast<std::vector<transition_guard>>()};
          }));
  def_eq(row);

  m.def(
      "transition_table", [] { return std::vector<transition>(transition_table().begin(), transition_table().end()); },
      "Every row of the transition table, grouped by event: the single definition of the lifecycle.");
  m.def(
      "find_transition",
      [](referral_state from_state, referral_event event) -> std::optional<transition> {
        const transition* t = find_transition(from_state, event);
        return t ? std::optional<transition>(*t) : std::nullopt;
      },
      py::arg("from_state"), py::arg("event"), "The row for `event` from `from_state`, or None when not allowed.");
  m.def(
      "allowed_events", [](referral_state state) { return allowed_events(state); }, py::arg("state"),
      "The events the table allows from `state`, in table order.");
  m.def("is_closed", &is_closed, py::arg("state"),
        "Whether no event but reopen (or none at all) leaves `state`: rejected, completed, discontinued, cancelled, "
        "entered_in_error.");
  m.def("lifecycle_dot", &lifecycle_dot, "The transition table as a Graphviz digraph (DOT text).");
  m.def("is_open_support", &is_open_support, py::arg("state"),
        "Whether a referral in `state` is in support with a link worker, holding a place in the worker's "
        "caseload: assigned, in_progress, on_hold.");
  m.def("is_closing", &is_closing, py::arg("event"),
        "Whether `event` closes a referral (every transition on it leads to a closed state): reject, complete, "
        "discontinue, cancel, enter_in_error.");
  m.def(
      "urgency_rank", [](priority p) { return urgency_rank(p); }, py::arg("priority"),
      "The one order of urgency: 0 for asap (the most urgent), 1 for urgent, 2 for routine. The coordinator's "
      "queue, the capacity simulation and the matching follow it.");
  m.def(
      "matching_priority", [](priority p) { return matching_priority(p); }, py::arg("priority"),
      "The priority a referral's client gets in the matching (higher is placed first when places are short), "
      "in the order of urgency_rank: 3 for asap, 2 for urgent, 1 for routine.");

  py::class_<actor> who(m, "Actor",
                        "Who caused an event: a role and, optionally, the actor's id. An ActorRole or a role code "
                        "is accepted wherever an Actor is expected.");
  who.def(py::init([](actor_role role, std::string id) { return actor{role, std::move(id)}; }), py::arg("role"),
          py::arg("id") = "", "Creates the actor; the id is checked as an id when the event is applied.")
      .def_readwrite("role", &actor::role, "The role.")
      .def_readwrite("id", &actor::id, "The actor's id (e.g. a professional or link worker id); may be empty.")
      .def("__repr__",
           [](const actor& a) { return py::str("Actor(role={!r}, id={!r})").format(a.role, a.id); })
      .def(py::pickle([](const actor& a) { return py::make_tuple(a.role, a.id); },
                      [](const py::tuple& s) { return actor{s[0].cast<actor_role>(), s[1].cast<std::string>()}; }));
  def_eq(who);
  py::implicitly_convertible<actor_role, actor>();
  py::implicitly_convertible<py::str, actor>();

  py::class_<lifecycle_event> event(m, "LifecycleEvent", "An event as it is applied to a referral.");
  std::apply(
      [&](auto... options) {
        event.def(py::init(&make_event), py::arg("kind"), py::arg("at"), py::arg("by"), py::kw_only(), options...,
                  "Creates the event; `at` is converted to UTC (a naive datetime is read as UTC).");
      },
      event_options());
  event.def_readwrite("kind", &lifecycle_event::kind, "What happens.")
      .def_readwrite("at", &lifecycle_event::at, "When, as an aware UTC datetime.")
      .def_readwrite("by", &lifecycle_event::by, "Who causes it.")
      .def_readwrite("reason", &lifecycle_event::reason, "Why, where the table takes a reason; else None.")
      .def_readwrite("link_worker", &lifecycle_event::link_worker,
                     "The link worker's id, on assign and reassign only; else None.")
      .def_readwrite("note", &lifecycle_event::note, "Free text; never a personal identity code.")
      .def("__repr__",
           [](const lifecycle_event& e) {
             // The note is free text about a person: it stays out of the repr.
             return py::str("LifecycleEvent(kind={!r}, at={!r}, by={!r}, reason={!r}, link_worker={!r})")
                 .format(e.kind, e.at, e.by, e.reason, e.link_worker);
           })
      .def(py::pickle(
          [](const lifecycle_event& e) { return py::make_tuple(e.kind, e.at, e.by, e.reason, e.link_worker, e.note); },
          [](const py::tuple& s) {
            return make_event(s[0].cast<referral_event>(), s[1].cast<timestamp>(), s[2].cast<actor>(),
                              s[3].cast<std::optional<reason_code>>(), s[4].cast<std::optional<link_worker_id>>(),
                              s[5].cast<std::string>());
          }));
  def_eq(event);

  py::class_<history_entry> entry(m, "HistoryEntry",
                                  "One entry of a referral's append-only history: the event and the states it joined.");
  entry
      .def(py::init([](lifecycle_event e, referral_state from_state, referral_state to_state) {
             return history_entry{std::move(e), from_state, to_state};
           }),
           py::arg("event"), py::arg("from_state"), py::arg("to_state"), "Creates the entry (as a record; not applied).")
      .def_property_readonly(
          "event", [](const history_entry& h) { return h.event; }, "The event as applied.")
      .def_property_readonly(
          "from_state", [](const history_entry& h) { return h.from; }, "The state before.")
      .def_property_readonly(
          "to_state", [](const history_entry& h) { return h.to; }, "The state after.")
      .def("__repr__",
           [](const history_entry& h) {
             return py::str("<HistoryEntry {} at {}: {} -> {}>")
                 .format(std::string(to_string(h.event.kind)), format_timestamp(h.event.at),
                         std::string(to_string(h.from)), std::string(to_string(h.to)));
           })
      .def(py::pickle([](const history_entry& h) { return py::make_tuple(h.event, h.from, h.to); },
                      [](const py::tuple& s) {
                        return history_entry{s[0].cast<lifecycle_event>(), s[1].cast<referral_state>(),
                                             s[2].cast<referral_state>()};
                      }));
  def_eq(entry);
}

void bind_people(py::module_& m) {
  py::class_<client_preferences> prefs(m, "ClientPreferences",
                                       "What the client prefers; every part is optional, empty means no preference. "
                                       "List attributes are copies: assign a new list to change one.");
  prefs
      .def(py::init([](std::optional<gender> worker_gender, std::vector<meeting_mode> meeting_modes,
                       std::vector<time_window> times, std::vector<std::string> interests) {
             return client_preferences{worker_gender, std::move(meeting_modes), std::move(times), std::move(interests)};
           }),
           py::kw_only(), py::arg("worker_gender") = py::none(), py::arg("meeting_modes") = py::tuple(),
           py::arg("times") = py::tuple(), py::arg("interests") = py::tuple(),
           "Creates the preferences; they are checked when given to a Client.")
      .def_readwrite("worker_gender", &client_preferences::worker_gender,
                     "The gender of link worker the client asks for, or None.")
      .def_readwrite("meeting_modes", &client_preferences::meeting_modes, "Acceptable ways to meet.")
      .def_readwrite("times", &client_preferences::times, "When the client can meet.")
      .def_readwrite("interests", &client_preferences::interests, "Free-text interest tags, e.g. 'singing'.")
      .def("__repr__",
           [](const client_preferences& p) {
             // Interests are free text about a person: only their number is shown.
             return py::str("ClientPreferences(worker_gender={!r}, meeting_modes={!r}, times={!r}, interests=<{} tags>)")
                 .format(p.worker_gender, p.meeting_modes, p.times, p.interests.size());
           })
      .def(py::pickle(
          [](const client_preferences& p) {
            return py::make_tuple(p.worker_gender, p.meeting_modes, p.times, p.interests);
          },
          [](const py::tuple& s) {
            return client_preferences{s[0].cast<std::optional<gender>>(), s[1].cast<std::vector<meeting_mode>>(),
                                      s[2].cast<std::vector<time_window>>(), s[3].cast<std::vector<std::string>>()};
          }));
  def_eq(prefs);

  py::class_<client> person(m, "Client",
                            "A client of a wellbeing referral, known only by a pseudonym: no name, address or personal "
                            "identity code. Every setter validates and leaves the client unchanged when it raises.");
  person
      .def(py::init(&make_client), py::arg("id"), py::arg("birth_year"), py::arg("home"), py::arg("languages"),
           py::kw_only(), py::arg("birth_date") = py::none(), py::arg("living") = py::none(),
           py::arg("needs") = py::tuple(), py::arg("goals") = py::tuple(), py::arg("preferences") = py::none(),
           "Creates a client. `id` is a pseudonym (a personal identity code is rejected); `birth_year` 1900 to 2100; "
           "`languages` at least one, no duplicates, the preferred first. Raises InvalidArgument naming the field.")
      .def_property_readonly(
          "id", [](const client& c) { return c.id(); }, "The pseudonym.")
      .def_property_readonly("birth_year", &client::birth_year, "The year of birth.")
      .def_property(
          "birth_date", [](const client& c) { return c.birth_date(); }, &client::set_birth_date,
          "The birth date, or None; its year must equal birth_year.")
      .def_property(
          "home", [](const client& c) { return c.home(); }, &client::set_home, "The home municipality.")
      .def_property(
          "languages", [](const client& c) { return c.languages(); }, &client::set_languages,
          "The languages, the preferred first (a copy; assign a new list to change).")
      .def_property_readonly(
          "preferred_language", [](const client& c) { return c.preferred_language(); },
          "The preferred (first) language.")
      .def_property(
          "living", [](const client& c) { return c.living(); }, &client::set_living,
          "Who the client lives with, or None when unknown.")
      .def_property(
          "needs", [](const client& c) { return c.needs(); }, &client::set_needs, "The client's needs.")
      .def_property(
          "goals", [](const client& c) { return c.goals(); }, &client::set_goals,
          "Goals in the client's own words: at most 10, each 1 to 500 bytes, no personal identity code.")
      .def_property(
          "preferences", [](const client& c) { return c.preferences(); }, &client::set_preferences,
          "The client's preferences (a copy; assign to change).")
      .def("speaks", &client::speaks, py::arg("language"), "Whether the client speaks `language`.")
      .def("age_on", &client::age_on, py::arg("on"),
           "The exact age on `on`, or None when only the birth year is known and the birthday decides.")
      .def("age_range_on", &client::age_range_on, py::arg("on"),
           "The smallest and largest age the client can have on `on` (equal when exact).")
      .def("__repr__", [](const client& c) { return py::str("<Client {!r}>").format(c.id().str()); })
      .def(py::pickle(
          [](const client& c) {
            return py::make_tuple(c.id(), c.birth_year(), c.home(), c.languages(), c.birth_date(), c.living(),
                                  c.needs(), c.goals(), c.preferences());
          },
          [](const py::tuple& s) {
            return make_client(s[0].cast<client_id>(), s[1].cast<int>(), s[2].cast<municipality>(),
                               s[3].cast<std::vector<language>>(), s[4].cast<std::optional<date>>(),
                               s[5].cast<std::optional<living_situation>>(), s[6].cast<need_set>(),
                               s[7].cast<std::vector<std::string>>(), s[8].cast<client_preferences>());
          }));
  def_eq(person);

  py::class_<professional> pro(m, "Professional",
                               "A professional who writes referrals: known by an id, a sector and an organisation.");
  pro.def(py::init([](professional_id id, sector s, std::string organisation, std::string title) {
            return professional(std::move(id), s, std::move(organisation), std::move(title));
          }),
          py::arg("id"), py::arg("sector"), py::arg("organisation"), py::arg("title") = "",
          "Creates a professional. `organisation` is 1 to 200 bytes, `title` at most 100 bytes (may be empty); "
          "raises InvalidArgument naming the field.")
      .def_property_readonly(
          "id", [](const professional& p) { return p.id(); }, "The id.")
      .def_property_readonly("sector", &professional::work_sector, "The sector.")
      .def_property_readonly(
          "organisation", [](const professional& p) { return p.organisation(); }, "The organisation.")
      .def_property_readonly(
          "title", [](const professional& p) { return p.title(); }, "The job title (may be empty).")
      .def("__repr__",
           [](const professional& p) {
             return py::str("Professional(id={!r}, sector={!r}, organisation={!r}, title={!r})")
                 .format(p.id().str(), p.work_sector(), p.organisation(), p.title());
           })
      .def(py::pickle(
          [](const professional& p) { return py::make_tuple(p.id(), p.work_sector(), p.organisation(), p.title()); },
          [](const py::tuple& s) {
            return professional(s[0].cast<professional_id>(), s[1].cast<sector>(), s[2].cast<std::string>(),
                                s[3].cast<std::string>());
          }));
  def_eq(pro);
}

void bind_referral(py::module_& m) {
  py::class_<referral> cls(
      m, "Referral",
      "A wellbeing referral (hyvinvointilähete): a professional refers a client to a link worker. It starts as a "
      "draft; its content may change only while a draft; afterwards it moves only through apply(), which checks "
      "the transition table, the actor's role, the reason, the guards and that time does not go back. Every "
      "operation that raises leaves the referral exactly as it was.");
  cls.def(py::init([](referral_id id, client subject, professional referrer, need_set needs, priority urgency,
                      std::optional<timestamp> consent_given_at) {
            referral r(std::move(id), std::move(subject), std::move(referrer), needs, urgency);
            if (consent_given_at) r.record_consent(*consent_given_at);
            return r;
          }),
          py::arg("id"), py::arg("subject"), py::arg("referrer"), py::arg("needs") = py::tuple(),
          py::arg("urgency") = priority::routine, py::kw_only(), py::arg("consent_given_at") = py::none(),
          "Creates a draft referral; `needs` may be empty while a draft but not when issued.")
      .def_property_readonly(
          "id", [](const referral& r) { return r.id(); }, "The id.")
      .def_property_readonly(
          "subject", [](const referral& r) { return r.subject(); },
          "The client as recorded on the referral (a copy; use update_subject() to change it).")
      .def_property_readonly(
          "referrer", [](const referral& r) { return r.referrer(); }, "The referring professional.")
      .def_property(
          "needs", [](const referral& r) { return r.needs(); }, &referral::set_needs,
          "Why the client is referred; settable only while a draft (else InvalidTransition).")
      .def_property("urgency", &referral::urgency, &referral::set_urgency,
                    "The priority; settable only while a draft (else InvalidTransition).")
      .def_property_readonly(
          "consent_given_at", [](const referral& r) { return r.consent_given_at(); },
          "When the client gave consent, or None.")
      .def_property_readonly("state", &referral::state, "The current state.")
      .def_property_readonly(
          "history", [](const referral& r) { return r.history(); }, "The append-only history, oldest first (a copy).")
      .def_property_readonly("issued_at", &referral::issued_at, "When the referral was last issued, or None.")
      .def_property_readonly("issued_on", &referral::issued_on, "The day the referral was last issued, or None.")
      .def_property_readonly("link_worker", &referral::link_worker,
                             "The link worker assigned since the referral was last (re)opened, or None.")
      .def_property_readonly("first_contact_at", &referral::first_contact_at,
                             "When first contact was made since the referral was last (re)opened, or None.")
      .def_property_readonly("last_event_at", &referral::last_event_at, "When the last event happened, or None.")
      .def("record_consent", &referral::record_consent, py::arg("at"),
           "Records when the client gave consent (draft only).")
      .def("update_subject", &referral::update_subject, py::arg("subject"),
           "Replaces the client's data (draft only); the pseudonym must stay the same.")
      .def("allowed_events", &referral::allowed_events, "The events the table allows from the current state.");
  def_event_method(
      cls, "apply",
      [](referral& r, const lifecycle_event& e) { return history_entry(r.apply(e)); },
      "Applies an event: moves the state along the table and appends to the history; returns the new "
      "HistoryEntry. Raises InvalidTransition naming the state, the event and the failed guard (or InvalidArgument "
      "for a bad note or actor id); the referral is then unchanged.");
  def_event_method(
      cls, "check",
      [](referral& r, const lifecycle_event& e) -> py::object {
        auto problem = std::as_const(r).check(e);
        return problem ? python_error(*problem) : py::none();
      },
      "The InvalidTransition that apply() would raise for this event (not raised), or None when it can be "
      "applied. Changes nothing.");
  cls.def_static(
         "replay",
         [](referral_id id, client subject, professional referrer, need_set needs, priority urgency,
            std::optional<timestamp> consent_given_at, const std::vector<lifecycle_event>& events) {
           return referral::replay(std::move(id), std::move(subject), std::move(referrer), needs, urgency,
                                   consent_given_at, events);
         },
         py::arg("id"), py::arg("subject"), py::arg("referrer"), py::arg("needs"), py::arg("urgency") = priority::routine,
         py::arg("consent_given_at") = py::none(), py::arg("events") = py::tuple(),
         "Builds a referral by applying `events` in order to a new draft; raises InvalidTransition at the first "
         "event that cannot be applied.")
      .def_property_readonly("kept", &kept_tuples,
                             "What a referral received from another system keeps that kulkija does not model, as "
                             "(resource, element, JSON text) tuples: written back unchanged by kulkija.fhir.to_fhir(). "
                             "Empty for a referral made in kulkija.")
      .def("__repr__",
           [](const referral& r) {
             return py::str("<Referral {!r} state={}>").format(r.id().str(), std::string(to_string(r.state())));
           })
      .def(py::pickle(
          [](const referral& r) {
            std::vector<lifecycle_event> events;
            for (const auto& h : r.history()) events.push_back(h.event);
            return py::make_tuple(r.id(), r.subject(), r.referrer(), r.needs(), r.urgency(), r.consent_given_at(),
                                  events, kept_tuples(r));
          },
          [](const py::tuple& s) {
            referral r = referral::replay(s[0].cast<referral_id>(), s[1].cast<client>(), s[2].cast<professional>(),
                                          s[3].cast<need_set>(), s[4].cast<priority>(),
                                          s[5].cast<std::optional<timestamp>>(),
                                          s[6].cast<std::vector<lifecycle_event>>());
            if (s.size() > 7) {
              std::vector<kept_element> kept;
              for (const auto& [resource, name, json] :
                   s[7].cast<std::vector<std::tuple<std::string, std::string, std::string>>>()) {
                kept.push_back({resource, name, json});
              }
              r.set_kept(std::move(kept));
            }
            return r;
          }));
  def_eq(cls);
}

}  // namespace

void register_referral(py::module_& m) {
  bind_enums(m);
  m.def(
      "all_needs",
      [] { return std::vector<need>(all_needs().begin(), all_needs().end()); }, "Every need, in list order.");
  const py::tuple labelled = py::make_tuple(m.attr("Need"), m.attr("ReferralState"), m.attr("ReasonCode"),
                                            m.attr("TransitionGuard"));
  m.def(
      "label",
      [labelled](const py::object& value, text_language lang) -> py::object {
        if (!py::isinstance(value, labelled)) {
          throw py::type_error("label() takes a Need, ReferralState, ReasonCode or TransitionGuard");
        }
        return value.attr("label")(lang);
      },
      py::arg("value"), py::arg("lang") = text_language::en,
      "The readable label of a Need, ReferralState, ReasonCode or TransitionGuard in `lang` ('fi', 'sv' or 'en').");
  bind_lifecycle(m);
  bind_people(m);
  bind_referral(m);
}

}  // namespace kulkija::python
