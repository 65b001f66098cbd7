"""Outcomes and impact for analysts: wellbeing measures, the referral funnel, first-contact
times, meetings, caseload, closures, care visits before and after support, and the cost effect.

Every function takes pandas DataFrames and returns a DataFrame. The scoring of instruments
(SWEMWBS with its published Rasch conversion, WEMWBS, UCLA 3-item, ONS4, or a region's own
:class:`Instrument` from JSON), the paired change with its t-based confidence interval and the
referral milestones (business days with the region's calendar, the support policy's
first-contact deadline) are computed in C++; the grouping and counting is plain pandas.

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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ._core import ErrorId, InvalidArgument
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
from ._core.outcomes import visit_comparison as _visit_comparison
from ._core.referral import ReferralState, is_closed
from ._core.support import Policy
from ._errors import invalid_argument as _invalid

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


def _require_columns(frame: pd.DataFrame, name: str, columns: Iterable[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise _invalid(name, f"lacks the column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}")


def _instrument(instrument: Instrument | str) -> Instrument:
    return builtin_instrument(instrument) if isinstance(instrument, str) else instrument


def _optional(values: Iterable[Any]) -> list[str | None]:
    """Text values, None for a missing or empty one."""
    import pandas as pd

    return [None if v is None or v is pd.NA or v != v or v == "" else str(v) for v in values]


def _day_array(values: Any) -> np.ndarray:
    return _days(values).to_numpy("datetime64[D]")


def _days(values: Any) -> pd.Series:
    """Dates (text, date or timestamps) as datetime64 days, NaT for missing."""
    import pandas as pd

    return pd.to_datetime(pd.Series(values), errors="raise").dt.normalize().astype("datetime64[s]")


# ---------------------------------------------------------------- reading the data folder


def _read(path: str | os.PathLike[str], dates: Iterable[str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(Path(path), dtype="string", keep_default_na=False, na_values=[""])
    for column in dates:
        if column in frame.columns:
            frame[column] = _days(frame[column]).values
    return frame


def read_measurements_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Reads ``measurements.csv`` (``referral_id, instrument, point, day, answers``)."""
    frame = _read(path, ["day"])
    _require_columns(frame, "measurements", ["referral_id", "instrument", "point", "day", "answers"])
    return frame


def read_visits_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Reads ``visits.csv`` (``client_id, day, kind``)."""
    frame = _read(path, ["day"])
    _require_columns(frame, "visits", ["client_id", "day", "kind"])
    return frame


def read_meetings_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Reads ``meetings.csv`` (``referral_id, day, mode, outcome``)."""
    frame = _read(path, ["day"])
    _require_columns(frame, "meetings", ["referral_id", "day", "outcome"])
    return frame


# ---------------------------------------------------------------- wellbeing


def _answers_matrix(answers: pd.Series, n_items: int, instrument_id: str, rows: pd.Index) -> np.ndarray:
    out = np.full((len(answers), n_items), np.nan)
    for r, (label, text) in enumerate(zip(rows, answers, strict=True)):
        parts = [] if text is None or text != text else str(text).split(";")
        if len(parts) != n_items:
            raise _invalid(
                f"measurements[{label}].answers",
                f"instrument '{instrument_id}' has {n_items} items, got {len(parts)} answers",
                ErrorId.invalid_measurement,
            )
        for c, part in enumerate(parts):
            part = part.strip()
            if part:
                try:
                    out[r, c] = int(part)
                except ValueError:
                    raise _invalid(
                        f"measurements[{label}].answers",
                        f"answer {c + 1} must be a whole number or empty, got {part!r}",
                        ErrorId.invalid_measurement,
                    ) from None
    return out


def score_measurements(
    measurements: pd.DataFrame, instruments: Iterable[Instrument] = (), *, raw: bool = False
) -> pd.DataFrame:
    """Scores every measurement: one row per measurement and scale.

    Columns: ``referral_id, instrument, point, day, scale, score``. ``instruments`` adds a
    region's own instruments to the built-ins. Answers out of range or missing beyond the
    scale's rule raise :class:`kulkija.InvalidArgument` (id ``invalid_measurement``) naming the
    item (``swemwbs.relaxed``) and the row.
    """
    import pandas as pd

    _require_columns(measurements, "measurements", ["referral_id", "instrument", "point", "day", "answers"])
    known = {i.id: i for i in builtin_instruments()}
    known.update({i.id: i for i in instruments})
    parts = []
    for instrument_id, group in measurements.groupby("instrument", sort=True):
        if instrument_id not in known:
            raise _invalid("instrument", f"unknown instrument {instrument_id!r}; known: {', '.join(sorted(known))}")
        instrument = known[instrument_id]
        matrix = _answers_matrix(group["answers"], len(instrument.items), instrument.id, group.index)
        try:
            scores = instrument.score_batch(matrix, raw=raw)
        except InvalidArgument as error:
            # name the frame's row label rather than the position within the group
            rule = error.rule
            if rule.startswith("row "):
                position, _, rest = rule[4:].partition(": ")
                rule = f"measurements[{group.index[int(position)]}]: {rest}"
            raise _invalid(error.field, rule, error.id) from None
        for scale, values in scores.items():
            part = group[["referral_id", "instrument", "point", "day"]].copy()
            part["scale"] = scale
            part["score"] = values
            parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["referral_id", "instrument", "point", "day", "scale", "score"])
    return pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)


def wellbeing_change(
    measurements: pd.DataFrame,
    instrument: Instrument | str = "swemwbs",
    scale: str | None = None,
    *,
    start: str = "start",
    end: str = "end",
) -> pd.DataFrame:
    """Each client's paired change on one scale between two measurement points.

    Columns: ``referral_id, before, after, change, category`` (``improved``, ``unchanged`` or
    ``worsened`` by the scale's documented threshold and direction), by referral id. Clients
    without both points are left out; two measurements of a client at the same point raise
    :class:`kulkija.InvalidArgument` (id ``invalid_measurement``).
    """
    import pandas as pd

    instr = _instrument(instrument)
    sc = instr.scale(scale) if scale is not None else instr.scales[0]
    MeasurementPoint.parse(start), MeasurementPoint.parse(end)
    mine = measurements[(measurements["instrument"] == instr.id) & measurements["point"].isin([start, end])]
    duplicated = mine[mine.duplicated(["referral_id", "point"], keep="first")]
    if len(duplicated):
        row = duplicated.iloc[0]
        raise _invalid(
            f"measurements[{duplicated.index[0]}]",
            f"referral {row['referral_id']!r} has a second {instr.id!r} measurement at {row['point']}",
            ErrorId.invalid_measurement,
        )
    scored = score_measurements(mine, [instr])
    scored = scored[scored["scale"] == sc.id]
    wide = scored.pivot(index="referral_id", columns="point", values="score")
    if start not in wide.columns or end not in wide.columns:
        return pd.DataFrame(columns=["referral_id", "before", "after", "change", "category"])
    wide = wide.dropna(subset=[start, end]).sort_index()
    out = pd.DataFrame(
        {
            "referral_id": wide.index.astype("string"),
            "before": wide[start].to_numpy(float),
            "after": wide[end].to_numpy(float),
        }
    )
    out["change"] = out["after"] - out["before"]
    out["category"] = [
        classify_change(c, sc.meaningful_change, sc.direction).name for c in out["change"].to_numpy()
    ]
    return out.reset_index(drop=True)


def wellbeing_summary(
    measurements: pd.DataFrame,
    instrument: Instrument | str = "swemwbs",
    *,
    start: str = "start",
    end: str = "end",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """The cohort's paired change on every scale of an instrument, one row per scale.

    Columns: ``instrument, scale, start, end, threshold, direction, threshold_source``, then
    those of :class:`ChangeSummary` (``n, mean_before, mean_after, mean_change, sd_change,
    confidence, ci_low, ci_high, improved, unchanged, worsened, share_improved,
    share_worsened``). The interval is t-based (Student's t quantile computed in C++).
    """
    import pandas as pd

    instr = _instrument(instrument)
    rows = []
    for sc in instr.scales:
        changes = wellbeing_change(measurements, instr, sc.id, start=start, end=end)
        summary = paired_change(
            changes["before"].to_numpy(float),
            changes["after"].to_numpy(float),
            sc.meaningful_change,
            sc.direction,
            confidence=confidence,
        )
        rows.append(
            {
                "instrument": instr.id,
                "scale": sc.id,
                "start": start,
                "end": end,
                "threshold": sc.meaningful_change,
                "direction": sc.direction.name,
                "threshold_source": sc.threshold_source,
                **summary.as_dict(),
            }
        )
    return pd.DataFrame(rows)


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


def _local_days(at: pd.Series) -> pd.Series:
    """Finnish local days of ISO timestamps (text or datetimes)."""
    import pandas as pd

    utc = pd.to_datetime(at, utc=True, format="ISO8601")
    return utc.dt.tz_convert("Europe/Helsinki").dt.tz_localize(None).dt.normalize().astype("datetime64[s]")


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


# ---------------------------------------------------------------- care visits and cost


def visit_windows(
    visits: pd.DataFrame,
    overview: pd.DataFrame,
    window_days: int = 180,
    *,
    as_of: Any = None,
) -> pd.DataFrame:
    """Care visits in equal windows before and after support, per client (referral) and kind.

    The support runs from ``first_contact_on`` to ``closed_on``; *before* is the
    ``window_days`` days before the first contact, *after* the ``window_days`` days from the
    day after the closure. Only completed or discontinued referrals whose after-window has
    ended by ``as_of`` (default: the last visit day) are included. Columns: ``referral_id,
    client_id, kind, before, after, change`` (after - before), every kind for every client
    (zeros included).
    """
    import pandas as pd

    _require_columns(visits, "visits", ["client_id", "day", "kind"])
    _require_columns(overview, "overview", ["referral_id", "client_id", "first_contact_on", "closed_on", "state"])
    if window_days < 1:
        raise _invalid("window_days", f"must be at least 1, got {window_days}")
    v = visits.assign(day=_days(visits["day"]).values)
    end = _days([as_of]).iloc[0] if as_of is not None else v["day"].max()
    columns = ["referral_id", "client_id", "kind", "before", "after"]
    if end is pd.NaT or end != end:
        out = pd.DataFrame(columns=columns)
    else:
        w = _visit_comparison(
            [str(r) for r in overview["referral_id"]],
            _optional(overview["client_id"]),
            _optional(overview["state"]),
            _day_array(overview["first_contact_on"]),
            _day_array(overview["closed_on"]),
            _optional(v["client_id"]),
            v["day"].to_numpy("datetime64[D]"),
            _optional(v["kind"]),
            window_days=window_days,
            as_of=end.date(),
        )
        n, k = w["before"].shape
        out = pd.DataFrame(
            {
                "referral_id": np.repeat(np.array(w["referral_id"], dtype=object), k),
                "client_id": np.repeat(np.array(w["client_id"], dtype=object), k),
                "kind": np.tile(np.array(w["kinds"], dtype=object), n),
                "before": w["before"].ravel(),
                "after": w["after"].ravel(),
            },
            columns=columns,
        )
    out["change"] = out["after"] - out["before"]
    return out


def visit_effect(windows: pd.DataFrame) -> pd.DataFrame:
    """The cohort's visits before and after support per kind and in total: ``kind, clients,
    before, after, change, mean_before, mean_after, mean_change``."""
    import pandas as pd

    per_kind = windows.groupby("kind").agg(
        clients=("referral_id", "nunique"), before=("before", "sum"), after=("after", "sum")
    )
    total = pd.DataFrame(
        {
            "clients": [windows["referral_id"].nunique()],
            "before": [windows["before"].sum()],
            "after": [windows["after"].sum()],
        },
        index=pd.Index(["total"], name="kind"),
    )
    out = pd.concat([per_kind, total]).reset_index()
    out["change"] = out["after"] - out["before"]
    clients = out["clients"].where(out["clients"] > 0)
    for column in ("before", "after", "change"):
        out[f"mean_{column}"] = out[column] / clients
    return out


def cost_effect(windows: pd.DataFrame, unit_costs: Mapping[str, float]) -> pd.DataFrame:
    """The cost of the visits before and after support per kind from ``unit_costs`` (EUR per
    visit, one per kind): ``kind, unit_cost, before, after, avoided`` (before - after),
    ``cost_before, cost_after, saving`` (cost_before - cost_after), and a ``total`` row."""
    import pandas as pd

    missing = sorted(set(windows["kind"]) - set(unit_costs))
    if missing:
        raise _invalid("unit_costs", f"has no unit cost for the visit kind(s) {', '.join(missing)}")
    for kind, cost in unit_costs.items():
        if not np.isfinite(cost) or cost < 0:
            raise _invalid(f"unit_costs[{kind!r}]", f"must be a finite cost of at least 0, got {cost!r}")
    per_kind = windows.groupby("kind")[["before", "after"]].sum()
    per_kind["unit_cost"] = [float(unit_costs[k]) for k in per_kind.index]
    per_kind["avoided"] = per_kind["before"] - per_kind["after"]
    per_kind["cost_before"] = per_kind["before"] * per_kind["unit_cost"]
    per_kind["cost_after"] = per_kind["after"] * per_kind["unit_cost"]
    per_kind["saving"] = per_kind["cost_before"] - per_kind["cost_after"]
    total = per_kind[["before", "after", "avoided", "cost_before", "cost_after", "saving"]].sum().to_frame("total").T
    total["unit_cost"] = np.nan
    out = pd.concat([per_kind, total]).rename_axis("kind").reset_index()
    return out[["kind", "unit_cost", "before", "after", "avoided", "cost_before", "cost_after", "saving"]]


def cost_summary(
    costs: pd.DataFrame,
    programme_cost: float,
    supported_clients: int,
    *,
    link_workers: int | None = None,
    measured_clients: int | None = None,
) -> pd.DataFrame:
    """The cost effect against the programme's cost, as one row.

    ``costs`` is :func:`cost_effect`'s frame for the ``measured_clients`` whose visits were
    compared; the saving per measured client is extrapolated to all ``supported_clients``.
    Columns: ``programme_cost, supported_clients, cost_per_supported_client, measured_clients,
    saving_measured, saving_per_client, estimated_saving, net_cost`` (programme cost minus the
    estimated saving), ``return_per_euro`` (estimated saving / programme cost) and, with
    ``link_workers``, ``link_workers`` and ``cost_per_link_worker``. For example a project of
    87,840 EUR with 13 link workers.
    """
    import pandas as pd

    if not np.isfinite(programme_cost) or programme_cost <= 0:
        raise _invalid("programme_cost", f"must be a finite cost above 0, got {programme_cost!r}")
    if supported_clients < 1:
        raise _invalid("supported_clients", f"must be at least 1, got {supported_clients}")
    saving = float(costs.loc[costs["kind"] == "total", "saving"].iloc[0])
    if measured_clients is None:
        measured_clients = supported_clients
    if measured_clients < 1:
        raise _invalid("measured_clients", f"must be at least 1, got {measured_clients}")
    per_client = saving / measured_clients
    estimated = per_client * supported_clients
    row: dict[str, Any] = {
        "programme_cost": float(programme_cost),
        "supported_clients": int(supported_clients),
        "cost_per_supported_client": programme_cost / supported_clients,
        "measured_clients": int(measured_clients),
        "saving_measured": saving,
        "saving_per_client": per_client,
        "estimated_saving": estimated,
        "net_cost": programme_cost - estimated,
        "return_per_euro": estimated / programme_cost,
    }
    if link_workers is not None:
        if link_workers < 1:
            raise _invalid("link_workers", f"must be at least 1, got {link_workers}")
        row["link_workers"] = int(link_workers)
        row["cost_per_link_worker"] = programme_cost / link_workers
    return pd.DataFrame([row])
