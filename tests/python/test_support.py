"""kulkija.support: support-period policies and support periods."""

from __future__ import annotations

import datetime as dt
import json
import pickle

import numpy as np
import pytest

import kulkija
from kulkija.calendar import FinnishCalendar
from kulkija.support import (
    ContactMode,
    DeadlineKind,
    Length,
    LengthUnit,
    MeetingOutcome,
    Policy,
    SupportPeriod,
    SupportStatus,
    WarningKind,
    first_contact_due,
)

ACCEPTED = dt.date(2026, 1, 5)  # a Monday; Tuesday 6 January is Epiphany


def by_kind(period: SupportPeriod, on: dt.date | None = None) -> dict[DeadlineKind, kulkija.support.Deadline]:
    return {d.kind: d for d in period.deadlines(on)}


def test_policy_defaults_json_and_errors() -> None:
    p = Policy()
    assert (p.first_contact, p.max_meetings, p.max_length) == (Length(10, "business_days"), 12, Length(12, "weeks"))
    assert (p.max_extensions, p.extension_length, p.follow_up) == (1, Length(6, LengthUnit.weeks), Length(3, "months"))
    text = json.dumps(
        {"id": "soite", "version": "2026.1", "region": "Keski-Pohjanmaa", "valid_from": "2026-01-01",
         "meetings": {"max": 8}, "length": {"max": 3, "unit": "months"}}
    )
    q = Policy.from_json(text)
    assert (q.id, q.version, q.max_meetings, q.max_length) == ("soite", "2026.1", 8, Length(3, "months"))
    assert q.in_force_on(dt.date(2026, 1, 1)) and not q.in_force_on(dt.date(2025, 12, 31))
    assert Policy.from_json(q.to_json()) == q
    assert pickle.loads(pickle.dumps(q)) == q
    with pytest.raises(kulkija.ParseError, match=r"at \$\.meetings\.max: must be from 1 to 200, got 0") as e:
        Policy.from_json(text.replace('"max": 8', '"max": 0'))
    assert e.value.path == "$.meetings.max"
    assert isinstance(e.value, ValueError)
    with pytest.raises(kulkija.InvalidArgument, match="extensions.max: must be from 0 to 10") as f:
        Policy(max_extensions=11)
    assert f.value.field == "extensions.max"


def test_support_period_deadlines_status_and_warnings() -> None:
    p = SupportPeriod("R-1", ACCEPTED)
    d = by_kind(p)
    assert d[DeadlineKind.first_contact].due == dt.date(2026, 1, 20)
    assert d[DeadlineKind.first_contact].rule == "first_contact.within = 10 business_days"
    assert d[DeadlineKind.first_contact].reason.fi == "Ensikontakti viimeistään: hyväksymispäivä 2026-01-05 + 10 arkipäivää."
    assert d[DeadlineKind.planned_end].provisional
    assert p.status(on=dt.date(2026, 1, 8)) is SupportStatus.on_track
    assert p.status(on=dt.date(2026, 1, 14)) is SupportStatus.due_soon
    assert p.status(on=dt.date(2026, 1, 21)) is SupportStatus.overdue
    assert [w.kind for w in p.warnings(dt.date(2026, 1, 21))] == [WarningKind.first_contact_overdue]

    p.record_meeting(dt.date(2026, 1, 12), mode="video")
    p.record_meeting(dt.date(2026, 1, 19), ContactMode.group_activity, MeetingOutcome.no_show)
    p.add_pause(dt.date(2026, 2, 2), dt.date(2026, 2, 8), "client_ill")
    p.extend(dt.date(2026, 4, 1), Length(6, "weeks"), "goals need more time")
    d = by_kind(p)
    assert d[DeadlineKind.first_contact].met_on == dt.date(2026, 1, 12)
    assert d[DeadlineKind.planned_end].due == dt.date(2026, 5, 25)
    assert d[DeadlineKind.planned_end].reason.en == (
        "Planned end: first contact 2026-01-12 + 12 weeks + extension 6 weeks (2026-04-01) + pauses 7 days."
    )
    assert d[DeadlineKind.follow_up_measurement].due == dt.date(2026, 8, 25)
    assert by_kind(p, dt.date(2026, 1, 20))[DeadlineKind.planned_end].due == dt.date(2026, 4, 6)
    assert (p.attended_meetings, p.remaining_meetings, p.paused_days) == (1, 11, 7)
    assert p.status(on=dt.date(2026, 2, 17)) is SupportStatus.due_soon  # no-contact limit 2026-02-18
    assert [w.kind for w in p.warnings(dt.date(2026, 2, 12))] == [WarningKind.no_contact_warning]
    assert pickle.loads(pickle.dumps(p)) == p
    p.close(dt.date(2026, 5, 20), "goals_reached")
    assert p.status(on=dt.date(2026, 5, 20)) is SupportStatus.ended
    assert p.closure is not None and p.closure.reason is kulkija.ReasonCode.goals_reached
    assert pickle.loads(pickle.dumps(p)) == p


def test_bad_input_raises_and_leaves_the_period_unchanged() -> None:
    p = SupportPeriod("R-2", ACCEPTED, Policy(max_meetings=1))
    p.record_meeting(dt.date(2026, 1, 12))
    p.add_pause(dt.date(2026, 2, 2), dt.date(2026, 2, 8), "client_away")
    before = pickle.loads(pickle.dumps(p))
    with pytest.raises(kulkija.InvalidArgument, match="meeting.day: must not be before the acceptance day") as e:
        p.record_meeting(dt.date(2026, 1, 2))
    assert e.value.field == "meeting.day"
    with pytest.raises(kulkija.InvalidArgument, match="meeting: at most 1 attended meetings"):
        p.record_meeting(dt.date(2026, 1, 13))
    with pytest.raises(kulkija.InvalidArgument, match="pause: must not overlap"):
        p.add_pause(dt.date(2026, 2, 5), dt.date(2026, 2, 10), "client_ill")
    with pytest.raises(kulkija.InvalidArgument, match="extension.added: must be from 1 to 6 weeks"):
        p.extend(dt.date(2026, 3, 1), Length(7, "weeks"), "more")
    with pytest.raises(kulkija.InvalidArgument, match="extension.reason: is required"):
        p.extend(dt.date(2026, 3, 1), Length(2, "weeks"))
    assert p == before
    p.close(dt.date(2026, 3, 1), "client_withdrew")
    with pytest.raises(kulkija.InvalidTransition, match="'extend' from state 'closed'"):
        p.extend(dt.date(2026, 3, 2), Length(2, "weeks"), "more")


def test_first_contact_deadlines_for_an_array_match_the_calendar() -> None:
    rng = np.random.default_rng(3)
    accepted = (np.datetime64("2020-01-01") + rng.integers(0, 3650, size=10_000)).astype("datetime64[D]")
    accepted[5] = np.datetime64("NaT")
    due = first_contact_due(accepted)
    cal = FinnishCalendar()
    np.testing.assert_array_equal(due[~np.isnat(accepted)], cal.add_business_days(accepted[~np.isnat(accepted)], 10))
    assert np.isnat(due[5])
    one_month = Policy(first_contact=Length(1, "months"))
    got = first_contact_due(np.array(["2026-01-15", "2026-01-31", "2026-03-31"], dtype="datetime64[D]"), one_month)
    assert got.tolist() == [dt.date(2026, 2, 15), dt.date(2026, 2, 28), dt.date(2026, 4, 30)]
    two_weeks = Policy(first_contact=Length(2, "weeks"))
    assert first_contact_due(accepted[:1], two_weeks)[0] == accepted[0] + np.timedelta64(14, "D")
