"""kulkija.referral: needs, clients, professionals, the lifecycle and referrals."""

from __future__ import annotations

import datetime as dt
import enum
import os
import pickle
import subprocess
import sys

import pytest

import kulkija
from kulkija import ActorRole, ErrorId, Need, ReasonCode, ReferralEvent, ReferralState

UTC = dt.timezone.utc
IDENTITY_CODE = "131052-308T"


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, tzinfo=UTC)


def make_client(**kwargs: object) -> kulkija.Client:
    return kulkija.Client("C-2026-0042", 1950, 272, ["fi", "sv"], **kwargs)  # type: ignore[arg-type]


def make_professional() -> kulkija.Professional:
    return kulkija.Professional("P-1", "health_care", "Soite terveysasema", title="sairaanhoitaja")


def make_referral(consent: bool = True) -> kulkija.Referral:
    r = kulkija.Referral("R-1", make_client(), make_professional(), [Need.loneliness, "bereavement"])
    if consent:
        r.record_consent(at(5, 8))
    return r


def walk_to(r: kulkija.Referral, state: ReferralState) -> kulkija.Referral:
    steps = [
        ("issue", dict(by=kulkija.Actor("referrer", "P-1"))),
        ("accept", dict(by="coordinator")),
        ("assign", dict(by="coordinator", link_worker="LW-1")),
        ("first_contact", dict(by=ActorRole.link_worker)),
    ]
    for hour, (kind, parts) in enumerate(steps, start=10):
        if r.state == state:
            break
        r.apply(kind, at=at(5, hour), **parts)  # type: ignore[arg-type]
    assert r.state == state
    return r


# ------------------------------------------------------------------ enums


ENUMS = [
    kulkija.Need,
    kulkija.LivingSituation,
    kulkija.Gender,
    kulkija.MeetingMode,
    kulkija.TimeWindow,
    kulkija.Sector,
    kulkija.Priority,
    kulkija.ReferralState,
    kulkija.ReferralEvent,
    kulkija.ActorRole,
    kulkija.ReasonCode,
    kulkija.TransitionGuard,
    kulkija.ReasonRule,
]


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_enums_are_python_enums_parsed_by_code(cls: type[enum.Enum]) -> None:
    assert issubclass(cls, enum.Enum)
    assert cls.__doc__
    for value, member in enumerate(cls):
        assert member.value == value
        assert member.name == member.name.lower()
        assert cls.parse(member.name) is member  # type: ignore[attr-defined]
        assert pickle.loads(pickle.dumps(member)) is member
    with pytest.raises(kulkija.ParseError) as info:
        cls.parse("No Such Code")  # type: ignore[attr-defined]
    assert info.value.id == ErrorId.parse_enum
    assert "expected one of: " + ", ".join(m.name for m in cls) in str(info.value)


def test_need_list() -> None:
    assert kulkija.all_needs() == list(Need)
    assert len(Need) == 13
    assert Need.loneliness.name == "loneliness"
    assert Need.parse("social_exclusion") is Need.social_exclusion


def test_labels() -> None:
    assert Need.loneliness.label() == Need.loneliness.label("en")
    assert Need.loneliness.label("fi") == "yksinäisyys"
    assert kulkija.label(ReferralState.in_progress) == "in progress"
    assert kulkija.label(ReferralState.draft, lang="sv") == "utkast"
    assert kulkija.label(ReasonCode.no_capacity, kulkija.TextLanguage.fi) == "ei vapaata linkkihenkilöä"
    assert kulkija.label(kulkija.TransitionGuard.needs_present).startswith("the referral must name")
    with pytest.raises(TypeError):
        kulkija.label(kulkija.Sector.other)  # type: ignore[arg-type]
    with pytest.raises(kulkija.ParseError):
        kulkija.label(Need.loneliness, "de")


def test_codes_accepted_for_enums() -> None:
    assert kulkija.allowed_events("draft") == kulkija.allowed_events(ReferralState.draft)
    with pytest.raises(kulkija.ParseError) as info:
        kulkija.allowed_events("drafted")
    assert "unknown referral state 'drafted'" in str(info.value)
    with pytest.raises(TypeError):
        kulkija.allowed_events(0)  # type: ignore[arg-type]


# ------------------------------------------------------------------ need sets


def test_need_sets_are_frozensets() -> None:
    c = make_client(needs=("loneliness", Need.bereavement, "loneliness"))
    assert c.needs == frozenset({Need.loneliness, Need.bereavement})
    assert isinstance(c.needs, frozenset)
    c.needs = {Need.integration}
    assert c.needs == {Need.integration}
    mixed: list[Need | str] = [Need.unemployment, "digital_exclusion"]
    c.needs = (n for n in mixed)
    assert c.needs == {Need.unemployment, Need.digital_exclusion}
    c.needs = []
    assert c.needs == frozenset()


def test_need_sets_reject_bad_input() -> None:
    c = make_client(needs=[Need.loneliness])
    with pytest.raises(TypeError):
        c.needs = "loneliness"  # a str is iterable, yet refused
    with pytest.raises(TypeError):
        c.needs = [1]  # type: ignore[list-item]
    with pytest.raises(kulkija.ParseError):
        c.needs = ["loneliness", "lonely"]
    assert c.needs == {Need.loneliness}


# ------------------------------------------------------------------ clients


def test_client() -> None:
    prefs = kulkija.ClientPreferences(worker_gender="female", meeting_modes=["phone"], interests=["singing"])
    c = make_client(
        birth_date=dt.date(1950, 6, 1),
        living="alone",
        needs=[Need.loneliness],
        goals=["meet people", "sing in a choir"],
        preferences=prefs,
    )
    assert c.id == "C-2026-0042"
    assert c.birth_year == 1950
    assert c.birth_date == dt.date(1950, 6, 1)
    assert c.home == kulkija.Municipality(272)
    assert c.languages == [kulkija.Language("fi"), kulkija.Language("sv")]
    assert c.preferred_language == kulkija.Language("fi")
    assert c.speaks("SV") and c.speaks(kulkija.Language("fi")) and not c.speaks("en")
    assert c.living is kulkija.LivingSituation.alone
    assert c.goals == ["meet people", "sing in a choir"]
    assert c.preferences == prefs
    assert c.preferences.worker_gender is kulkija.Gender.female


def test_client_ages() -> None:
    c = make_client()
    assert c.age_on(dt.date(2026, 6, 1)) is None
    assert c.age_range_on(dt.date(2026, 6, 1)) == (75, 76)
    c.birth_date = dt.date(1950, 6, 1)
    assert c.age_on(dt.date(2026, 6, 1)) == 76
    assert c.age_range_on(on=dt.date(2026, 5, 31)) == (75, 75)
    with pytest.raises(kulkija.InvalidArgument) as info:
        c.age_on(dt.date(1949, 1, 1))
    assert info.value.field == "on"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (dict(birth_year=1899), "birth_year"),
        (dict(birth_year=2101), "birth_year"),
        (dict(languages=[]), "languages"),
        (dict(languages=["fi", "FI"]), "languages[1]"),
        (dict(languages=["fi", "xx"]), "language"),
        (dict(home=999), "municipality"),
        (dict(id=""), "client_id"),
        (dict(id="C 1"), "client_id"),
        (dict(birth_date=dt.date(1951, 1, 1)), "birth_date"),
        (dict(goals=[""]), "goals[0]"),
        (dict(goals=["x"] * 11), "goals"),
        (dict(preferences=kulkija.ClientPreferences(interests=["x"] * 21)), "preferences.interests"),
        (dict(preferences=kulkija.ClientPreferences(times=["weekend", "weekend"])), "preferences.times[1]"),
    ],
)
def test_client_validation(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = dict(id="C-1", birth_year=1950, home=272, languages=["fi"])
    args.update(kwargs)
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Client(**args)  # type: ignore[arg-type]
    assert info.value.field == field
    assert str(info.value).startswith(f"[kulkija.invalid_argument.{int(info.value.id)}] {field}: ")


def test_client_rejects_identity_codes() -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Client(IDENTITY_CODE, 1952, 272, ["fi"])
    assert (info.value.id, info.value.field) == (ErrorId.personal_data, "client_id")
    assert IDENTITY_CODE not in str(info.value)
    c = make_client(goals=["walk daily"])
    with pytest.raises(kulkija.InvalidArgument) as info:
        c.goals = ["walk daily", f"my hetu is {IDENTITY_CODE}"]
    assert (info.value.id, info.value.field) == (ErrorId.personal_data, "goals[1]")
    assert IDENTITY_CODE not in str(info.value)
    assert IDENTITY_CODE not in repr(info.value)
    assert c.goals == ["walk daily"]


def test_client_setters_leave_it_unchanged_on_error() -> None:
    c = make_client(needs=[Need.loneliness], goals=["walk"])
    before = pickle.dumps(c)
    with pytest.raises(kulkija.InvalidArgument):
        c.languages = ["fi", "fi"]
    with pytest.raises(kulkija.InvalidArgument):
        c.birth_date = dt.date(1960, 1, 1)
    with pytest.raises(kulkija.InvalidArgument):
        c.preferences = kulkija.ClientPreferences(interests=[""])
    assert c == pickle.loads(before)


def test_client_keyword_only() -> None:
    with pytest.raises(TypeError):
        kulkija.Client("C-1", 1950, 272, ["fi"], None)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        kulkija.ClientPreferences("female")  # type: ignore[call-arg]


def test_client_value_semantics() -> None:
    c = make_client(birth_date=dt.date(1950, 6, 1), living="with_partner", needs=["loneliness"], goals=["walk"])
    copy = pickle.loads(pickle.dumps(c))
    assert copy == c
    assert copy is not c
    copy.goals = ["sing"]
    assert copy != c
    assert c != "C-2026-0042"
    with pytest.raises(TypeError):
        hash(c)
    assert repr(c) == "<Client 'C-2026-0042'>"


def test_client_preferences_value_semantics() -> None:
    p = kulkija.ClientPreferences(worker_gender="male", meeting_modes=["video", "phone"], times=["weekend"])
    assert p.meeting_modes == [kulkija.MeetingMode.video, kulkija.MeetingMode.phone]
    assert pickle.loads(pickle.dumps(p)) == p
    assert "worker_gender=<Gender.male" in repr(p)
    assert repr(kulkija.ClientPreferences(interests=["singing"])).endswith("interests=<1 tags>)")
    p.worker_gender = None
    assert p == kulkija.ClientPreferences(meeting_modes=["video", "phone"], times=["weekend"])
    assert kulkija.ClientPreferences() != p


# ------------------------------------------------------------------ professionals


def test_professional() -> None:
    p = make_professional()
    assert (p.id, p.sector, p.organisation, p.title) == ("P-1", kulkija.Sector.health_care, "Soite terveysasema",
                                                         "sairaanhoitaja")
    assert pickle.loads(pickle.dumps(p)) == p
    assert p != kulkija.Professional("P-1", "health_care", "Soite terveysasema")
    assert repr(p).startswith("Professional(id='P-1', sector=<Sector.health_care")
    with pytest.raises(AttributeError):
        p.title = "lääkäri"  # type: ignore[misc]


def test_professional_validation() -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Professional("P-1", "social_services", "")
    assert info.value.field == "organisation"
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Professional(IDENTITY_CODE, "social_services", "Soite")
    assert info.value.field == "professional_id"
    assert IDENTITY_CODE not in str(info.value)
    with pytest.raises(kulkija.ParseError):
        kulkija.Professional("P-1", "police", "Soite")


# ------------------------------------------------------------------ lifecycle table


def test_transition_table() -> None:
    table = kulkija.transition_table()
    assert all(isinstance(t, kulkija.Transition) for t in table)
    issue = kulkija.find_transition("draft", "issue")
    assert issue is not None and issue in table
    assert (issue.from_state, issue.event, issue.to_state) == (
        ReferralState.draft,
        ReferralEvent.issue,
        ReferralState.requested,
    )
    assert issue.roles == [ActorRole.referrer]
    assert issue.reason is kulkija.ReasonRule.none
    assert issue.guards == [kulkija.TransitionGuard.consent_recorded, kulkija.TransitionGuard.needs_present]
    assert kulkija.find_transition(ReferralState.completed, ReferralEvent.accept) is None
    assert pickle.loads(pickle.dumps(issue)) == issue
    assert repr(issue) == "<Transition issue: draft -> requested>"
    with pytest.raises(AttributeError):
        issue.to_state = ReferralState.completed  # type: ignore[misc]
    for state in ReferralState:
        assert kulkija.allowed_events(state) == [t.event for t in table if t.from_state == state]


def test_closed_states_and_dot() -> None:
    closed = {s for s in ReferralState if kulkija.is_closed(s)}
    assert closed == {
        ReferralState.rejected,
        ReferralState.completed,
        ReferralState.discontinued,
        ReferralState.cancelled,
        ReferralState.entered_in_error,
    }
    dot = kulkija.lifecycle_dot()
    assert dot.startswith("digraph referral_lifecycle {")
    assert dot.count(" -> ") == len(kulkija.transition_table())


# ------------------------------------------------------------------ actors and events


def test_actor() -> None:
    a = kulkija.Actor(ActorRole.coordinator, id="LW-9")
    assert (a.role, a.id) == (ActorRole.coordinator, "LW-9")
    assert kulkija.Actor("system") == kulkija.Actor(ActorRole.system, "")
    assert repr(a) == "Actor(role=<ActorRole.coordinator: 1>, id='LW-9')"
    assert pickle.loads(pickle.dumps(a)) == a
    a.id = "LW-10"
    assert a != kulkija.Actor(ActorRole.coordinator, id="LW-9")


def test_lifecycle_event() -> None:
    e = kulkija.LifecycleEvent("assign", dt.datetime(2026, 1, 5, 12), "coordinator", link_worker="LW-1", note="hi")
    assert e.kind is ReferralEvent.assign
    assert e.at == at(5, 12)  # naive is read as UTC
    assert e.at.tzinfo is UTC
    assert e.by == kulkija.Actor(ActorRole.coordinator)
    assert (e.reason, e.link_worker, e.note) == (None, "LW-1", "hi")
    assert pickle.loads(pickle.dumps(e)) == e
    e.reason = "no_capacity"  # type: ignore[assignment]
    assert e.reason is ReasonCode.no_capacity
    e.link_worker = None
    assert e.link_worker is None
    with pytest.raises(TypeError):
        kulkija.LifecycleEvent("issue", at(5), "referrer", None)  # type: ignore[call-arg]


def test_lifecycle_event_validates_link_worker_id() -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.LifecycleEvent("assign", at(5), "coordinator", link_worker=IDENTITY_CODE)
    assert info.value.field == "link_worker_id"
    assert IDENTITY_CODE not in str(info.value)


def test_lifecycle_event_repr_leaves_out_the_note() -> None:
    e = kulkija.LifecycleEvent("pause", at(5), "link_worker", reason="client_ill", note="in hospital")
    assert "hospital" not in repr(e)
    assert repr(e).startswith("LifecycleEvent(kind=<ReferralEvent.pause: 6>, at=datetime.datetime(2026, 1, 5, 9")


# ------------------------------------------------------------------ referrals


def test_referral_draft() -> None:
    r = make_referral(consent=False)
    assert r.id == "R-1"
    assert r.state is ReferralState.draft
    assert r.needs == {Need.loneliness, Need.bereavement}
    assert r.urgency is kulkija.Priority.routine
    assert r.subject == make_client()
    assert r.referrer == make_professional()
    assert r.consent_given_at is None
    assert r.history == []
    assert (r.issued_at, r.issued_on, r.link_worker, r.first_contact_at, r.last_event_at) == (None,) * 5
    r.urgency = "urgent"
    r.needs = ["integration"]
    r.record_consent(dt.datetime(2026, 1, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=2))))
    assert r.consent_given_at == at(5, 8)
    assert (r.urgency, r.needs) == (kulkija.Priority.urgent, {Need.integration})
    assert r.allowed_events() == [ReferralEvent.issue, ReferralEvent.cancel, ReferralEvent.enter_in_error]


def test_referral_constructor_keywords() -> None:
    r = kulkija.Referral(
        id="R-2", subject=make_client(), referrer=make_professional(), needs=["loneliness"], urgency="asap",
        consent_given_at=at(5),
    )
    assert (r.urgency, r.consent_given_at) == (kulkija.Priority.asap, at(5))
    with pytest.raises(TypeError):
        kulkija.Referral("R-2", make_client(), make_professional(), ["loneliness"], "asap", at(5))  # type: ignore[call-arg]
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Referral(IDENTITY_CODE, make_client(), make_professional())
    assert info.value.field == "referral_id"
    assert IDENTITY_CODE not in str(info.value)


def test_full_lifecycle_walk() -> None:
    r = make_referral()
    entry = r.apply(kulkija.LifecycleEvent("issue", at(5, 10), kulkija.Actor("referrer", "P-1")))
    assert isinstance(entry, kulkija.HistoryEntry)
    assert (entry.from_state, entry.to_state) == (ReferralState.draft, ReferralState.requested)
    assert r.issued_at == at(5, 10)
    assert r.issued_on == dt.date(2026, 1, 5)
    r.apply("accept", at=at(5, 11), by="coordinator")
    r.apply(ReferralEvent.assign, at=at(5, 12), by=kulkija.Actor(ActorRole.coordinator, "LW-0"), link_worker="LW-1")
    assert r.link_worker == "LW-1"
    r.apply("first_contact", at=at(6), by="link_worker")
    assert r.first_contact_at == at(6)
    r.apply("reassign", at=at(7), by="coordinator", reason="worker_left", link_worker="LW-2")
    assert (r.state, r.link_worker) == (ReferralState.in_progress, "LW-2")
    r.apply("pause", at=at(8), by="link_worker", reason=ReasonCode.client_ill, note="flu")
    assert r.state is ReferralState.on_hold
    r.apply("resume", at=at(15), by="link_worker")
    entry = r.apply("complete", at=at(30), by="link_worker", reason="goals_reached")
    assert entry.to_state is r.state is ReferralState.completed
    assert kulkija.is_closed(r.state)
    assert [h.event.kind.name for h in r.history] == [
        "issue", "accept", "assign", "first_contact", "reassign", "pause", "resume", "complete",
    ]
    assert [h.to_state for h in r.history][-1] is ReferralState.completed
    assert all(a.to_state == b.from_state for a, b in zip(r.history, r.history[1:]))
    assert r.history[5].event.note == "flu"
    assert r.last_event_at == at(30)
    assert repr(r) == "<Referral 'R-1' state=completed>"

    r.apply("reopen", at=at(31), by="coordinator", reason="client_returned")
    assert r.state is ReferralState.requested
    assert (r.link_worker, r.first_contact_at) == (None, None)
    assert r.issued_at == at(5, 10)


@pytest.mark.parametrize(
    ("kind", "parts", "error_id", "guard"),
    [
        ("complete", dict(by="link_worker"), ErrorId.transition_not_allowed, "not allowed from this state"),
        ("first_contact", dict(by="referrer"), ErrorId.transition_role, "role 'referrer' may not do this"),
        ("first_contact", dict(by="link_worker", when=at(5, 11)), ErrorId.transition_time, "time may not go back"),
        ("first_contact", dict(by="link_worker", reason="other"), ErrorId.transition_reason, "takes no reason code"),
        ("pause", dict(by="link_worker"), ErrorId.transition_not_allowed, "allowed events: reassign, first_contact"),
        ("discontinue", dict(by="link_worker"), ErrorId.transition_reason, "a reason is required"),
        ("discontinue", dict(by="system", reason="goals_reached"), ErrorId.transition_reason, "does not fit"),
        ("reassign", dict(by="coordinator", reason="worker_left", link_worker="LW-1"), ErrorId.transition_guard,
         "link_worker_changes"),
        ("reassign", dict(by="coordinator", reason="worker_left"), ErrorId.transition_guard, "link_worker_given"),
        ("cancel", dict(by="client", reason="client_declined", link_worker="LW-2"), ErrorId.transition_guard,
         "only assign and reassign name a link worker"),
    ],
)
def test_invalid_transition_leaves_referral_unchanged(
    kind: str, parts: dict[str, object], error_id: ErrorId, guard: str
) -> None:
    r = walk_to(make_referral(), ReferralState.assigned)
    snapshot = pickle.dumps(r)
    when = parts.pop("when", at(20))
    problem = r.check(kind, at=when, **parts)  # type: ignore[call-overload]
    assert isinstance(problem, kulkija.InvalidTransition)
    with pytest.raises(kulkija.InvalidTransition) as info:
        r.apply(kind, at=when, **parts)  # type: ignore[call-overload]
    e = info.value
    assert (e.id, e.state, e.event) == (error_id, "assigned", kind)
    assert guard in e.guard
    assert str(e) == f"[kulkija.invalid_transition.{int(error_id)}] '{kind}' from state 'assigned': {e.guard}"
    assert (problem.id, str(problem)) == (e.id, str(e))
    assert r == pickle.loads(snapshot)


def test_issue_guards() -> None:
    r = make_referral(consent=False)
    with pytest.raises(kulkija.InvalidTransition) as info:
        r.apply("issue", at=at(5, 10), by="referrer")
    assert info.value.id == ErrorId.transition_guard
    assert info.value.guard.startswith("consent_recorded: ")
    r.record_consent(at(5, 11))
    assert r.check("issue", at=at(5, 10), by="referrer") is not None  # consent later than the event
    r.needs = []
    problem = r.check("issue", at=at(5, 12), by="referrer")
    assert problem is not None and problem.guard.startswith("needs_present: ")
    r.needs = ["loneliness"]
    assert r.check("issue", at=at(5, 12), by="referrer") is None
    assert r.state is ReferralState.draft
    assert r.history == []


def test_content_changes_only_while_draft() -> None:
    r = walk_to(make_referral(), ReferralState.requested)
    snapshot = pickle.dumps(r)
    with pytest.raises(kulkija.InvalidTransition) as info:
        r.needs = ["integration"]
    assert (info.value.id, info.value.state, info.value.event) == (ErrorId.transition_not_allowed, "requested",
                                                                   "set_needs")
    with pytest.raises(kulkija.InvalidTransition):
        r.urgency = "asap"
    with pytest.raises(kulkija.InvalidTransition):
        r.record_consent(at(6))
    with pytest.raises(kulkija.InvalidTransition):
        r.update_subject(make_client(goals=["walk"]))
    assert r == pickle.loads(snapshot)


def test_update_subject() -> None:
    r = make_referral()
    r.update_subject(make_client(goals=["walk"]))
    assert r.subject.goals == ["walk"]
    with pytest.raises(kulkija.InvalidArgument) as info:
        r.update_subject(kulkija.Client("C-other", 1950, 272, ["fi"]))
    assert info.value.field == "client_id"
    assert r.subject.id == "C-2026-0042"


def test_subject_is_a_copy() -> None:
    r = make_referral()
    subject = r.subject
    subject.goals = ["changed behind the referral's back"]
    assert r.subject.goals == []


def test_note_with_identity_code_is_rejected() -> None:
    r = walk_to(make_referral(), ReferralState.in_progress)
    snapshot = pickle.dumps(r)
    with pytest.raises(kulkija.InvalidArgument) as info:
        r.apply("pause", at=at(9), by="link_worker", reason="client_ill", note=f"called {IDENTITY_CODE}")
    assert (info.value.id, info.value.field) == (ErrorId.personal_data, "note")
    assert IDENTITY_CODE not in str(info.value)
    assert r == pickle.loads(snapshot)
    with pytest.raises(kulkija.InvalidArgument) as info:
        r.apply("pause", at=at(9), by=kulkija.Actor("link_worker", "bad id"), reason="client_ill")
    assert info.value.field == "actor.id"
    assert r == pickle.loads(snapshot)


def test_replay() -> None:
    r = walk_to(make_referral(), ReferralState.in_progress)
    events = [h.event for h in r.history]
    again = kulkija.Referral.replay(
        "R-1", make_client(), make_professional(), ["loneliness", "bereavement"],
        consent_given_at=at(5, 8), events=events,
    )
    assert again == r
    assert kulkija.Referral.replay("R-1", make_client(), make_professional(), ["loneliness"]).state is (
        ReferralState.draft
    )
    with pytest.raises(kulkija.InvalidTransition) as info:
        kulkija.Referral.replay("R-1", make_client(), make_professional(), ["loneliness"], events=events)
    assert info.value.guard.startswith("consent_recorded")


def test_referral_pickles_with_its_history() -> None:
    r = walk_to(make_referral(), ReferralState.in_progress)
    r.apply("pause", at=at(9), by="link_worker", reason="client_away", note="travelling")
    copy = pickle.loads(pickle.dumps(r))
    assert copy == r
    assert copy.history == r.history
    assert copy.history[-1].event.note == "travelling"
    copy.apply("resume", at=at(10), by="link_worker")
    assert copy != r


def test_referral_unpickles_in_a_fresh_process() -> None:
    r = walk_to(make_referral(), ReferralState.assigned)
    script = "import pickle, sys; r = pickle.loads(sys.stdin.buffer.read()); print(repr(r), r.link_worker)"
    result = subprocess.run(
        [sys.executable, "-c", script], input=pickle.dumps(r), capture_output=True, check=True, env=os.environ.copy()
    )
    assert result.stdout.decode().strip() == "<Referral 'R-1' state=assigned> LW-1"


def test_referral_equality() -> None:
    a, b = make_referral(), make_referral()
    assert a == b
    b.urgency = "urgent"
    assert a != b
    assert a != "R-1"
    with pytest.raises(TypeError):
        hash(a)


def test_history_entry_value_semantics() -> None:
    r = walk_to(make_referral(), ReferralState.requested)
    entry = r.history[0]
    assert entry == kulkija.HistoryEntry(entry.event, "draft", "requested")
    assert pickle.loads(pickle.dumps(entry)) == entry
    assert repr(entry) == "<HistoryEntry issue at 2026-01-05T10:00:00Z: draft -> requested>"
    with pytest.raises(AttributeError):
        entry.to_state = ReferralState.completed  # type: ignore[misc]


def test_apply_keyword_form_requires_keywords() -> None:
    r = make_referral()
    with pytest.raises(TypeError):
        r.apply("issue", at(5, 10), "referrer")  # type: ignore[call-overload]
    with pytest.raises(kulkija.ParseError):
        r.apply("isue", at=at(5, 10), by="referrer")
    assert r.history == []
