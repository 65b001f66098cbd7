"""Outcomes and impact for analysts: wellbeing measures, the referral funnel, first-contact
times, meetings, caseload, closures, care visits before and after support, and the cost effect.

Every function takes pandas DataFrames and returns a DataFrame. The scoring of instruments
(SWEMWBS with its published Rasch conversion, WEMWBS, UCLA 3-item, ONS4, or a region's own
:class:`Instrument` from JSON), the paired change with its t-based confidence interval and the
referral milestones (business days with the region's calendar, the support policy's
first-contact deadline) are computed in C++; the grouping and counting is plain pandas. The
wellbeing functions are written in ``kulkija._wellbeing`` and the care visits and cost in
``kulkija._care_visits``; import every one of them from here.

The frames follow the files of a region's data folder:

- ``referrals``: the columns of ``referrals.csv`` (``referral_id, client_id, professional_id,
  needs, priority, ...``);
- ``events``: the columns of ``events.csv`` (``referral_id, event, at, role, actor_id, reason,
  link_worker_id, note``), ``at`` as text or timestamps;
- ``measurements``: ``referral_id, instrument, point, day, answers``, with ``answers`` the
  item answers in questionnaire order separated by ``;`` (empty for a missing answer);
- ``visits``: ``client_id, day, kind`` (one row per social- or health-care visit; ``kind`` is
  the key of the unit costs, e.g. ``gp_visit``);
- ``meetings``: ``referral_id, day, mode, outcome`` (a link worker's meetings).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ._core.calendar import FinnishCalendar
from ._core.outcomes import (
    ChangeCategory,
    ChangeSummary,
    FunnelStage,
    Instrument,
    Item,
    MeasurementPoint,
    Scale,
    ScoreDirection,
    builtin_instrument,
    builtin_instruments,
    classify_change,
    milestones,
    ons4,
    paired_change,
    regularized_incomplete_beta,
    student_t_cdf,
    student_t_quantile,
    swemwbs,
    swemwbs_metric_score,
    ucla3,
    wemwbs,
)
from ._core.outcomes import assignment_spans as _assignment_spans
from ._core.outcomes import caseloads_on as _caseloads_on
from ._core.outcomes import first_contact_summary as _first_contact_summary
from ._core.outcomes import funnel as _funnel
from ._core.referral import ReferralState, is_closed
from ._core.support import Policy
from ._care_visits import cost_effect, cost_summary, read_visits_csv, visit_effect, visit_windows
from ._errors import invalid_argument as _invalid
from ._frames import day_array as _day_array
from ._frames import local_days as _local_days
from ._frames import optional_texts as _optional
from ._frames import read_csv as _read_csv
from ._frames import require_columns as _require_columns
from ._wellbeing import read_measurements_csv, score_measurements, wellbeing_change, wellbeing_summary

if TYPE_CHECKING:
    import pandas as pd

__all__ = (
    "ChangeCategory",
    "ChangeSummary",
    "FunnelStage",
    "Instrument",
    "Item",
    "MeasurementPoint",
    "Scale",
    "ScoreDirection",
    "builtin_instrument",
    "builtin_instruments",
    "caseload",
    "classify_change",
    "closures",
    "cost_effect",
    "cost_summary",
    "dropout_reasons",
    "first_contact_times",
    "funnel",
    "link_worker_assignments",
    "meetings_per_period",
    "milestones",
    "ons4",
    "paired_change",
    "read_measurements_csv",
    "read_meetings_csv",
    "read_visits_csv",
    "referral_counts",
    "referral_milestones",
    "referral_overview",
    "regularized_incomplete_beta",
    "score_measurements",
    "student_t_cdf",
    "student_t_quantile",
    "swemwbs",
    "swemwbs_metric_score",
    "ucla3",
    "visit_effect",
    "visit_windows",
    "wellbeing_change",
    "wellbeing_summary",
    "wemwbs",
)

STAGES = tuple(stage.name for stage in FunnelStage)
_CLOSED_STATES = tuple(state.name for state in ReferralState if is_closed(state))


# ---------------------------------------------------------------- reading the data folder


def read_meetings_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Reads ``meetings.csv`` (``referral_id, day, mode, outcome``)."""
    return _read_csv(path, "meetings", ["referral_id", "day", "outcome"])


# ---------------------------------------------------------------- referrals and the funnel


def referral_milestones(
    events: pd.DataFrame, policy: Policy | None = None, calendar: FinnishCalendar | None = None
) -> pd.DataFrame:
    """The milestones of every referral from ``events`` (the columns of ``events.csv``).

    Columns: ``referral_id, state, reached, requested_on, accepted_on, assigned_on,
    first_contact_on, closed_on, closing_reason, link_worker_id, first_contact_due,
    business_days_to_first_contact, first_contact_within_deadline``. Days are Finnish local
    days of the events' times; the deadline and the business days follow ``policy`` (the
    default support policy: 10 business days) and ``calendar`` (Finnish holidays).
    """
    import pandas as pd

    _require_columns(events, "events", ["referral_id", "event", "at"])
    days = _local_days(events["at"]).dt.date
    reasons = events["reason"] if "reason" in events.columns else [None] * len(events)
    workers = events["link_worker_id"] if "link_worker_id" in events.columns else [None] * len(events)
    columns = milestones(
        [str(r) for r in events["referral_id"]],
        [str(e) for e in events["event"]],
        list(days),
        _optional(reasons),
        _optional(workers),
        policy=policy if policy is not None else Policy(),
        calendar=calendar if calendar is not None else FinnishCalendar(),
    )
    frame = pd.DataFrame(columns)
    for column in ("requested_on", "accepted_on", "assigned_on", "first_contact_on", "closed_on", "first_contact_due"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[s]")
    for column in ("referral_id", "state", "reached", "closing_reason", "link_worker_id"):
        frame[column] = frame[column].astype("string")
    frame["business_days_to_first_contact"] = frame["business_days_to_first_contact"].astype("Int64")
    frame["first_contact_within_deadline"] = frame["first_contact_within_deadline"].astype("boolean")
    return frame


def referral_overview(
    referrals: pd.DataFrame,
    milestones_frame: pd.DataFrame,
    clients: pd.DataFrame | None = None,
    professionals: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per referral: ``referrals`` joined with its milestones, the client's
    ``municipality`` (from ``clients``) and the referrer's ``sector`` (from ``professionals``)."""
    _require_columns(referrals, "referrals", ["referral_id", "client_id", "professional_id", "needs"])
    out = referrals.merge(milestones_frame, on="referral_id", how="left", validate="one_to_one")
    if clients is not None:
        _require_columns(clients, "clients", ["client_id", "municipality"])
        out = out.merge(clients[["client_id", "municipality"]], on="client_id", how="left", validate="many_to_one")
    if professionals is not None:
        _require_columns(professionals, "professionals", ["professional_id", "sector"])
        out = out.merge(
            professionals[["professional_id", "sector"]], on="professional_id", how="left", validate="many_to_one"
        )
    return out


def referral_counts(overview: pd.DataFrame, by: str) -> pd.DataFrame:
    """Referrals counted by ``month`` (of ``requested_on``), ``sector``, ``municipality`` or
    ``need`` (each of a referral's ``;``-separated needs counts once). Columns: ``<by>, referrals``."""
    import pandas as pd

    if by == "month":
        _require_columns(overview, "overview", ["requested_on"])
        keys = pd.to_datetime(overview["requested_on"]).dt.to_period("M").astype("string")
    elif by == "need":
        _require_columns(overview, "overview", ["needs"])
        keys = overview["needs"].astype("string").str.split(";").explode()
    elif by in ("sector", "municipality"):
        _require_columns(overview, "overview", [by])
        keys = overview[by].astype("string")
    else:
        raise _invalid("by", f"must be month, sector, municipality or need, got {by!r}")
    counts = keys.dropna().value_counts().rename_axis(by).reset_index(name="referrals")
    return counts.sort_values(by, kind="stable").reset_index(drop=True)


def funnel(milestones_frame: pd.DataFrame) -> pd.DataFrame:
    """The referral funnel: one row per stage (requested, accepted, assigned, first_contact,
    completed) of the referrals that were issued.

    Columns: ``stage, reached`` (referrals that reached at least this stage),
    ``share_of_requested``, ``conversion`` (of the previous stage), ``open`` (still at this
    stage, not closed) and ``dropped`` (closed at this stage without completing).
    """
    import pandas as pd

    states = milestones_frame["state"].fillna("draft").astype(str).tolist()
    out = pd.DataFrame(_funnel(states, _optional(milestones_frame["reached"])))
    total = out["reached"].iloc[0]
    out["share_of_requested"] = out["reached"] / total if total else np.nan
    previous = out["reached"].shift(1)
    previous.iloc[0] = total
    out["conversion"] = out["reached"] / previous.where(previous > 0)
    return out[["stage", "reached", "share_of_requested", "conversion", "open", "dropped"]]


def dropout_reasons(milestones_frame: pd.DataFrame) -> pd.DataFrame:
    """Why referrals left the funnel: the closed, not completed ones by the stage they had
    reached, their final state and the closing reason (``none`` when not given).
    Columns: ``stage, state, reason, referrals``."""
    closed = milestones_frame[
        milestones_frame["state"].isin(_CLOSED_STATES) & (milestones_frame["state"] != "completed")
    ].copy()
    closed["reason"] = closed["closing_reason"].fillna("none")
    closed["stage"] = closed["reached"]
    out = closed.groupby(["stage", "state", "reason"], observed=True).size().reset_index(name="referrals")
    out["order"] = out["stage"].map({s: i for i, s in enumerate(STAGES)})
    return out.sort_values(["order", "state", "reason"]).drop(columns="order").reset_index(drop=True)


def closures(milestones_frame: pd.DataFrame) -> pd.DataFrame:
    """Completions and discontinuations by reason. Columns: ``state, reason, referrals``."""
    ended = milestones_frame[milestones_frame["state"].isin(["completed", "discontinued"])].copy()
    ended["reason"] = ended["closing_reason"].fillna("none")
    out = ended.groupby(["state", "reason"], observed=True).size().reset_index(name="referrals")
    return out.sort_values(["state", "reason"]).reset_index(drop=True)


def first_contact_times(milestones_frame: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Time to first contact in business days from acceptance: ``accepted``, ``contacted``,
    ``median``, ``p90`` (linear interpolation, as numpy), ``mean`` and ``share_within_deadline``
    (of the contacted, by the policy's deadline), overall or per value of column ``by``
    (e.g. ``link_worker_id``)."""
    import pandas as pd

    def summary(group: pd.DataFrame) -> dict[str, Any]:
        s = _first_contact_summary(
            _day_array(group["accepted_on"]),
            group["business_days_to_first_contact"].astype("Float64").to_numpy(float, na_value=np.nan),
            group["first_contact_within_deadline"].astype("Float64").to_numpy(float, na_value=np.nan),
        )
        within = s.pop("within_deadline")
        return {**s, "share_within_deadline": within / s["contacted"] if s["contacted"] else np.nan}

    if by is None:
        return pd.DataFrame([summary(milestones_frame)])
    rows = [{by: key, **summary(group)} for key, group in milestones_frame.groupby(by, sort=True)]
    return pd.DataFrame(rows)


def meetings_per_period(meetings: pd.DataFrame) -> pd.DataFrame:
    """Meetings per support period (referral): ``referral_id, attended, cancelled, no_show,
    planned`` (all three), by referral id."""
    _require_columns(meetings, "meetings", ["referral_id", "outcome"])
    bad = ~meetings["outcome"].isin(["attended", "cancelled", "no_show"])
    if bad.any():
        label = meetings.index[bad.to_numpy()][0]
        raise _invalid(
            f"meetings[{label}].outcome", f"must be attended, cancelled or no_show, got {meetings['outcome'][label]!r}"
        )
    table = meetings.groupby(["referral_id", "outcome"]).size().unstack("outcome", fill_value=0)
    for outcome in ("attended", "cancelled", "no_show"):
        if outcome not in table.columns:
            table[outcome] = 0
    table = table[["attended", "cancelled", "no_show"]].astype(int)
    table["planned"] = table.sum(axis=1)
    table.columns.name = None
    return table.reset_index()


def link_worker_assignments(events: pd.DataFrame) -> pd.DataFrame:
    """Who held each referral when: one row per assignment, from ``assign`` or ``reassign``
    to the next ``reassign`` or the closing event (complete, discontinue, cancel, enter in
    error). Columns: ``referral_id, link_worker_id, start, end`` (Finnish local days; ``end``
    is NaT while the assignment lasts, and the referral no longer counts on its ``end`` day)."""
    import pandas as pd

    _require_columns(events, "events", ["referral_id", "event", "at", "link_worker_id"])
    spans = _assignment_spans(
        [str(r) for r in events["referral_id"]],
        [str(e) for e in events["event"]],
        _local_days(events["at"]).to_numpy("datetime64[D]"),
        _optional(events["link_worker_id"]),
    )
    out = pd.DataFrame(spans, columns=["referral_id", "link_worker_id", "start", "end"])
    out["start"] = pd.to_datetime(out["start"]).astype("datetime64[s]")
    out["end"] = pd.to_datetime(out["end"]).astype("datetime64[s]")
    return out


def caseload(
    events: pd.DataFrame,
    days: Iterable[Any],
    capacity: int | Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """Each link worker's caseload on each of ``days``: the referrals assigned to the worker on
    or before the day and not yet reassigned or closed (see :func:`link_worker_assignments`;
    paused referrals count).

    Columns: ``day, link_worker_id, caseload``, and with ``capacity`` (one number for all, or
    per link worker) ``capacity`` and ``utilisation`` (caseload / capacity).
    """
    import pandas as pd

    spans = link_worker_assignments(events)
    workers = sorted(spans["link_worker_id"].dropna().unique())
    out = pd.DataFrame(
        _caseloads_on(
            _optional(spans["link_worker_id"]),
            spans["start"].to_numpy("datetime64[D]"),
            spans["end"].to_numpy("datetime64[D]"),
            _day_array(list(days)),
        ),
        columns=["day", "link_worker_id", "caseload"],
    )
    out["day"] = out["day"].astype("datetime64[s]")
    if capacity is not None:
        if isinstance(capacity, Mapping):
            missing = [w for w in workers if w not in capacity]
            if missing:
                raise _invalid("capacity", f"has no capacity for link worker(s) {', '.join(missing)}")
            out["capacity"] = out["link_worker_id"].map(dict(capacity)).astype(int)
        else:
            out["capacity"] = int(capacity)
        if (out["capacity"] <= 0).any():
            raise _invalid("capacity", "must be above 0")
        out["utilisation"] = out["caseload"] / out["capacity"]
    return out
