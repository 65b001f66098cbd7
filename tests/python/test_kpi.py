"""The library's single rules as Python sees them: lifecycle facts, the urgency order, a
support period rebuilt from a referral's history, and the KPI kernels behind kulkija.outcomes."""

from __future__ import annotations

import datetime as dt
from datetime import UTC

import numpy as np
import pytest

import kulkija
from kulkija import ReferralState
from kulkija._core import outcomes as core
from kulkija.support import Meeting, support_period_of


def at(month: int, day: int) -> dt.datetime:
    return dt.datetime(2026, month, day, 8, tzinfo=UTC)


def paused_referral() -> kulkija.Referral:
    r = kulkija.Referral("R-1", kulkija.Client("C-1", 1950, 272, ["fi"]), kulkija.Professional("P-1", "health_care", "x"), ["loneliness"])
    r.record_consent(at(1, 2))
    r.apply("issue", at=at(1, 5), by="referrer")
    r.apply("accept", at=at(1, 6), by="coordinator")
    r.apply("assign", at=at(1, 7), by="coordinator", link_worker="LW-1")
    r.apply("first_contact", at=at(1, 12), by="link_worker")
    r.apply("pause", at=at(2, 10), by="link_worker", reason="client_ill")
    r.apply("resume", at=at(2, 20), by="link_worker")
    r.apply("pause", at=at(3, 20), by="link_worker", reason="client_away")
    return r


def test_lifecycle_facts_and_urgency_order() -> None:
    assert [s.name for s in ReferralState if kulkija.is_open_support(s)] == ["assigned", "in_progress", "on_hold"]
    assert [e.name for e in kulkija.ReferralEvent if kulkija.is_closing(e)] == [
        "reject", "complete", "discontinue", "cancel", "enter_in_error"
    ]
    assert [kulkija.urgency_rank(p) for p in ("asap", "urgent", "routine")] == [0, 1, 2]
    assert [kulkija.matching_priority(p) for p in ("asap", "urgent", "routine")] == [3, 2, 1]


def test_support_period_of_replays_pauses() -> None:
    r = paused_referral()
    meetings = [Meeting(dt.date(2026, 1, 12)), Meeting(dt.date(2026, 2, 24)), Meeting(dt.date(2026, 6, 1))]
    p = support_period_of(r, as_of=dt.date(2026, 4, 10), meetings=meetings)
    assert p is not None
    assert p.accepted_on == dt.date(2026, 1, 6)
    assert [(x.start, x.until) for x in p.pauses] == [
        (dt.date(2026, 2, 10), dt.date(2026, 2, 19)),
        (dt.date(2026, 3, 20), dt.date(2026, 4, 10)),
    ]
    assert [m.day for m in p.meetings] == [dt.date(2026, 1, 12), dt.date(2026, 2, 24)]
    # the ongoing pause, longer than the policy allows by the end of the year, is left out
    late = support_period_of(r, as_of=dt.date(2026, 12, 31), meetings=meetings[:2])
    assert late is not None and len(late.pauses) == 1
    fresh = kulkija.Referral("R-2", kulkija.Client("C-2", 1950, 272, ["fi"]), kulkija.Professional("P-1", "health_care", "x"), ["loneliness"])
    assert support_period_of(fresh, as_of=dt.date(2026, 1, 1)) is None


def test_kpi_kernels_take_columns() -> None:
    f = core.funnel(["completed", "rejected", "draft"], ["completed", "requested", None])
    assert f["stage"] == ["requested", "accepted", "assigned", "first_contact", "completed"]
    assert list(f["reached"]) == [2, 1, 1, 1, 1] and list(f["dropped"]) == [1, 0, 0, 0, 0]
    s = core.first_contact_summary(
        np.array(["2026-01-05", "NaT", "2026-01-05"], dtype="datetime64[D]"), [3.0, np.nan, 12.0], [1.0, np.nan, 0.0]
    )
    assert (s["accepted"], s["contacted"], s["within_deadline"], s["median"]) == (2, 2, 1, 7.5)
    spans = core.assignment_spans(
        ["R-1", "R-2", "R-1", "R-1"],
        ["assign", "assign", "reassign", "complete"],
        np.array(["2026-01-05", "2026-01-06", "2026-02-01", "2026-03-01"], dtype="datetime64[D]"),
        ["LW-1", "LW-2", "LW-2", None],
    )
    assert spans["referral_id"] == ["R-1", "R-1", "R-2"]
    assert spans["link_worker_id"] == ["LW-1", "LW-2", "LW-2"]
    assert np.isnat(spans["end"][2])
    c = core.caseloads_on(spans["link_worker_id"], spans["start"], spans["end"], np.array(["2026-02-01"], dtype="datetime64[D]"))
    assert c["link_worker_id"] == ["LW-1", "LW-2"] and list(c["caseload"]) == [0, 2]
    with pytest.raises(kulkija.InvalidArgument, match="window_days: must be at least 1, got 0"):
        core.visit_comparison([], [], [], [], [], [], [], [], window_days=0, as_of=dt.date(2026, 1, 1))
