"""Capacity planning for analysts: how many link workers of which kind a region needs.

Give the referral inflow per month, the support-period :class:`~kulkija.support.Policy` and
the workforce; kulkija simulates, day by day in C++ without the GIL, who waits for a link
worker's place, when first contact is made and how full each kind of worker is, and finds
the fewest workers to add so that first contact stays within the policy's deadline for,
say, 90% of clients.

- :func:`referrals` turns an inflow per month into referrals (``arrived``, ``urgency``,
  ``outcome``): evenly spread and mixed by the shares, or Poisson from a seed;
- :func:`simulate` returns the month-by-month table, with the summary in ``attrs``;
- :func:`simulate_clients` returns what happened to each referral;
- :func:`plan` returns the workers per kind that meet the target;
- :func:`sweep` returns the share within the deadline for each number of added workers.

A **workforce** is a DataFrame with the columns ``kind, workers, caseload_limit`` and
optionally ``start_month`` (the month, from 0, from whose first day the group takes clients),
or a list of such tuples or dicts. **Hires** (the workers a plan may add) are
``kind, caseload_limit`` and optionally ``weight``, the option's share of the added workers.
Kinds are :class:`~kulkija.matching.WorkerKind` members or their codes (``professional``,
``volunteer``, ``peer_supporter``).

The model and its assumptions are in the guide (docs/matching.md, "Capacity planning") and
on ``kulkija::simulate_capacity``: identical places, first contact ``contact_after`` after a
place is given, a support holding its place for the policy's length (shorter or longer by the
referral's outcome), the queue by priority then arrival (or by arrival only).

This module imports pandas, so it is imported on demand: ``import kulkija.capacity``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._core.calendar import FinnishCalendar
from ._core.matching import MatchingPolicy
from ._core.capacity import (
    ArrivalPattern,
    PlanningSearch,
    QueueOrder,
    SupportOutcome,
    apportion_hires,
    generate_referrals,
)
from ._core.capacity import plan as _plan
from ._core.capacity import workforce_groups as _workforce_groups
from ._core.capacity import simulate as _simulate
from ._core.support import Length, Policy
from ._errors import invalid_argument as _invalid

__all__ = (
    "ArrivalPattern",
    "PlanningSearch",
    "QueueOrder",
    "SupportOutcome",
    "apportion_hires",
    "plan",
    "referrals",
    "simulate",
    "simulate_clients",
    "sweep",
    "workforce_of",
)

_KINDS = ("professional", "volunteer", "peer_supporter")


def workforce_of(workers: Iterable[Any], policy: Any = None, *, on: datetime.date) -> pd.DataFrame:
    """A region's link workers as the ``workforce`` of :func:`simulate` and :func:`plan`.

    Only the workers matchable on ``on`` under ``policy`` (a
    :class:`~kulkija.matching.MatchingPolicy`, the default one when None) count: active, and,
    where the policy switches them on, with valid required training and current supervision.
    Each brings its own capacity cut to its kind's caseload limit; workers of one kind and
    capacity form a group. Returns the columns ``kind``, ``workers``, ``caseload_limit`` and
    ``start_month`` (0)."""
    rows = _workforce_groups(policy if policy is not None else MatchingPolicy(), list(workers), on)
    return pd.DataFrame(
        [(kind.name, n, limit, start) for kind, n, limit, start in rows],
        columns=["kind", "workers", "caseload_limit", "start_month"],
    )


def _code(value: Any) -> Any:
    """An enum member's code (its name), or the value itself."""
    return getattr(value, "name", value)


def _rows(value: Any, name: str, columns: Sequence[str], required: int) -> list[tuple[Any, ...]]:
    """Rows of a DataFrame, dicts or tuples as tuples of `columns` (the first `required` must be given)."""
    if isinstance(value, pd.DataFrame):
        missing = [c for c in columns[:required] if c not in value.columns]
        if missing:
            raise _invalid(name, f"lacks the column(s) {', '.join(missing)}; it has {', '.join(map(str, value.columns))}")
        value = value.to_dict("records")
    rows: list[tuple[Any, ...]] = []
    for i, row in enumerate(value):
        if isinstance(row, Mapping):
            missing = [c for c in columns[:required] if c not in row]
            if missing:
                raise _invalid(f"{name}[{i}]", f"lacks {', '.join(missing)}")
            unknown = sorted(set(row) - set(columns))
            if unknown:
                raise _invalid(f"{name}[{i}]", f"has unknown keys {', '.join(map(str, unknown))}; known: {', '.join(columns)}")
            rows.append(tuple(row[c] for c in columns if c in row))
        else:
            rows.append(tuple(row))
        if not required <= len(rows[-1]) <= len(columns):
            raise _invalid(f"{name}[{i}]", f"must give {', '.join(columns[:required])} and optionally "
                           f"{', '.join(columns[required:])}; got {len(rows[-1])} values")
    return rows


def _workforce(workforce: Any, name: str = "workforce") -> list[tuple[Any, int, int, int]]:
    out = []
    for row in _rows(workforce, name, ("kind", "workers", "caseload_limit", "start_month"), 3):
        kind, workers, limit, *rest = row
        out.append((_code(kind), int(workers), int(limit), int(rest[0]) if rest else 0))
    return out


def _hires(hires: Any) -> list[tuple[Any, int, float]]:
    if isinstance(hires, tuple) and hires and not isinstance(hires[0], (tuple, list, Mapping)):
        hires = [hires]  # a single option: ("volunteer", 3)
    out = []
    for row in _rows(hires, "hires", ("kind", "caseload_limit", "weight"), 2):
        kind, limit, *rest = row
        out.append((_code(kind), int(limit), float(rest[0]) if rest else 1.0))
    return out


def _month_start(day: np.datetime64) -> datetime.date:
    d = pd.Timestamp(day)
    return datetime.date(d.year, d.month, 1)


def _columns(referrals: pd.DataFrame, start: datetime.date | None, months: int | None) -> dict[str, Any]:
    """The compiled simulation's referral arguments from a frame of referrals."""
    if not isinstance(referrals, pd.DataFrame):
        raise TypeError(f"referrals must be a pandas DataFrame (see kulkija.capacity.referrals), got {type(referrals).__name__}")
    if "arrived" not in referrals.columns:
        raise _invalid("referrals", f"lacks the column arrived; it has {', '.join(map(str, referrals.columns))}")
    arrived = np.asarray(referrals["arrived"], dtype="datetime64[D]")
    n = len(arrived)
    urgency = [_code(u) for u in referrals["urgency"]] if "urgency" in referrals.columns else ["routine"] * n
    outcome = [_code(o) for o in referrals["outcome"]] if "outcome" in referrals.columns else ["completed"] * n
    start = start if start is not None else referrals.attrs.get("start")
    months = months if months is not None else referrals.attrs.get("months")
    if start is None or months is None:
        if n == 0 or np.isnat(arrived).any():
            raise _invalid("start", "must be given: the referrals have no attrs['start'] and no days to start from")
        first, last = pd.Timestamp(arrived.min()), pd.Timestamp(arrived.max())
        if start is None:
            start = datetime.date(first.year, first.month, 1)
        if months is None:
            months = (last.year - start.year) * 12 + last.month - start.month + 1
    return {"start": start, "months": int(months), "arrived": arrived, "urgency": urgency, "outcome": outcome}


def _options(
    policy: Policy | None,
    calendar: FinnishCalendar | None,
    contact_after: Length | None,
    early_length: Length | None,
    order: QueueOrder | str,
    warm_up_months: int,
) -> dict[str, Any]:
    options: dict[str, Any] = {"order": order, "warm_up_months": warm_up_months}
    if policy is not None:
        options["policy"] = policy
    if calendar is not None:
        options["calendar"] = calendar
    if contact_after is not None:
        options["contact_after"] = contact_after
    if early_length is not None:
        options["early_length"] = early_length
    return options


def _months_frame(result: Mapping[str, Any]) -> pd.DataFrame:
    frame = pd.DataFrame(result["months"])
    kinds = pd.DataFrame(result["kinds"])
    for kind in _KINDS:
        rows = kinds[kinds["kind"] == kind] if len(kinds) else kinds
        if not len(rows):
            continue
        for column in ("workers", "places", "caseload", "utilisation"):
            frame[f"{column}_{kind}"] = rows[column].to_numpy()
    frame.attrs["summary"] = dict(result["summary"])
    return frame


def referrals(
    start: datetime.date,
    per_month: Iterable[float],
    *,
    urgent_share: float = 0.0,
    asap_share: float = 0.0,
    ended_early_share: float = 0.0,
    extended_share: float = 0.0,
    pattern: ArrivalPattern | str = "even",
    seed: int = 0,
) -> pd.DataFrame:
    """Referrals from an inflow of ``per_month`` referrals a month from ``start`` (a month's
    first day): columns ``arrived``, ``urgency`` (``routine``, ``urgent``, ``asap``) and
    ``outcome`` (``completed``, ``ended_early``, ``extended``); ``attrs`` keeps ``start`` and
    ``months`` for :func:`simulate` and :func:`plan`.

    ``pattern="even"`` (no randomness) gives each month the running total rounded, on evenly
    spaced days, with the priority and outcome mix from Weyl sequences; ``"poisson"`` draws a
    Poisson count per month and uniform days from ``seed``, the same for the same seed."""
    per_month = [float(x) for x in per_month]
    columns = generate_referrals(
        start,
        per_month,
        urgent_share=urgent_share,
        asap_share=asap_share,
        ended_early_share=ended_early_share,
        extended_share=extended_share,
        pattern=pattern,
        seed=seed,
    )
    frame = pd.DataFrame(
        {"arrived": columns["arrived"], "urgency": pd.Series(columns["urgency"], dtype="string"),
         "outcome": pd.Series(columns["outcome"], dtype="string")}
    )
    frame.attrs["start"] = start
    frame.attrs["months"] = len(per_month)
    return frame


def simulate(
    referrals: pd.DataFrame,
    workforce: Any,
    *,
    start: datetime.date | None = None,
    months: int | None = None,
    policy: Policy | None = None,
    calendar: FinnishCalendar | None = None,
    contact_after: Length | None = None,
    early_length: Length | None = None,
    order: QueueOrder | str = "priority_then_arrival",
    warm_up_months: int = 0,
) -> pd.DataFrame:
    """The month-by-month table of a capacity simulation.

    One row per month of the horizon (``start`` and ``months`` default to the referrals'
    ``attrs``, else to the months their arrivals span): ``month`` (its first day),
    ``arrivals``, ``assigned`` (given a place), ``first_contacts`` made in the month,
    ``within_deadline`` and ``share_within_deadline`` of those, ``mean_wait_days`` and
    ``p90_wait_days`` (calendar days from acceptance to first contact, 90th percentile by
    nearest rank), ``queue_at_end`` and ``in_support_at_end``; then for each kind in the
    workforce ``workers_<kind>``, ``places_<kind>``, ``caseload_<kind>`` (at the month's end)
    and ``utilisation_<kind>`` (place-days held over place-days open).

    ``attrs["summary"]`` holds the totals over the counted referrals (after
    ``warm_up_months``): ``clients``, ``within_deadline``, ``share_within_deadline``,
    ``not_contacted``, ``mean_wait_days``, ``p90_wait_days``, ``max_queue`` and ``last_day``.

    Defaults: the default :class:`~kulkija.support.Policy` (first contact within 10 business
    days, 12 weeks, one extension of 6 weeks), the Finnish calendar, first contact 2 business
    days after a place is given (``contact_after``), early ends after 4 weeks
    (``early_length``)."""
    result = _simulate(
        **_columns(referrals, start, months),
        workforce=_workforce(workforce),
        **_options(policy, calendar, contact_after, early_length, order, warm_up_months),
    )
    return _months_frame(result)


def simulate_clients(
    referrals: pd.DataFrame,
    workforce: Any,
    *,
    start: datetime.date | None = None,
    months: int | None = None,
    policy: Policy | None = None,
    calendar: FinnishCalendar | None = None,
    contact_after: Length | None = None,
    early_length: Length | None = None,
    order: QueueOrder | str = "priority_then_arrival",
    warm_up_months: int = 0,
) -> pd.DataFrame:
    """What happened to each referral in the simulation of :func:`simulate`, in the order
    given: ``arrived``, ``urgency``, ``outcome``, ``due`` (the first-contact deadline),
    ``assigned``, ``first_contact`` and ``ends`` (the day the place is free again; NaT when
    the referral never got a place), ``wait_days``, ``group`` (the workforce row, -1 when
    none), ``kind``, ``counted`` (after the warm-up) and ``within_deadline``."""
    groups = _workforce(workforce)
    result = _simulate(
        **_columns(referrals, start, months),
        workforce=groups,
        **_options(policy, calendar, contact_after, early_length, order, warm_up_months),
    )
    frame = pd.DataFrame(result["clients"])
    frame["urgency"] = frame["urgency"].astype("string")
    frame["outcome"] = frame["outcome"].astype("string")
    wait = (frame["first_contact"] - frame["arrived"]).dt.days
    frame.insert(frame.columns.get_loc("ends") + 1, "wait_days", wait.astype("Int64"))
    kinds = [str(_code(g[0])) for g in groups]
    frame.insert(frame.columns.get_loc("group") + 1, "kind",
                 pd.Series([kinds[g] if g >= 0 else pd.NA for g in frame["group"]], dtype="string"))
    return frame


def plan(
    referrals: pd.DataFrame,
    hires: Any,
    *,
    base: Any = (),
    target: float = 0.9,
    start: datetime.date | None = None,
    months: int | None = None,
    policy: Policy | None = None,
    calendar: FinnishCalendar | None = None,
    contact_after: Length | None = None,
    early_length: Length | None = None,
    order: QueueOrder | str = "priority_then_arrival",
    warm_up_months: int = 0,
) -> pd.DataFrame:
    """How many link workers of which kind keep first contact within the deadline for at
    least ``target`` of the counted referrals.

    Workers are added to ``base`` (the workforce already there) one at a time, each to the
    hiring option furthest behind its ``weight`` (with one option: workers of that kind, the
    cheapest, say), and the fewest that meet the target are found: by bisection when the
    queue is first come first served (more workers then never reach fewer deadlines), by
    trying every count when priorities can make more workers reach fewer.

    Returns one row per kind: ``kind``, ``base_workers``, ``added_workers``, ``workers`` and
    ``places`` (workers times caseload limit). ``attrs`` holds ``added_workers``,
    ``target_share``, ``share_within_deadline`` (reached), ``share_with_one_fewer`` (None when
    nothing was added), ``search`` (``bisection`` or ``linear_scan``), ``simulations``,
    ``summary`` (as :func:`simulate`'s) and ``workforce`` (the groups as tuples, to pass to
    :func:`simulate`). Raises :class:`~kulkija.InvalidArgument` naming ``target_share`` when
    no number of workers can meet the target (first contact itself comes too late)."""
    base_groups = _workforce(base, "base")
    answer = _plan(
        **_columns(referrals, start, months),
        base=base_groups,
        hires=_hires(hires),
        target_share=target,
        **_options(policy, calendar, contact_after, early_length, order, warm_up_months),
    )
    groups = pd.DataFrame(answer["workforce"])
    groups["places"] = groups["workers"] * groups["caseload_limit"]
    rows = []
    for kind in _KINDS:
        of_kind = groups[groups["kind"] == kind]
        if not len(of_kind):
            continue
        rows.append({
            "kind": kind,
            "base_workers": int(of_kind.loc[~of_kind["added"], "workers"].sum()),
            "added_workers": int(of_kind.loc[of_kind["added"], "workers"].sum()),
            "workers": int(of_kind["workers"].sum()),
            "places": int(of_kind["places"].sum()),
        })
    frame = pd.DataFrame(rows, columns=["kind", "base_workers", "added_workers", "workers", "places"])
    frame["kind"] = frame["kind"].astype("string")
    for key in ("added_workers", "target_share", "share_within_deadline", "share_with_one_fewer", "search",
                "simulations"):
        frame.attrs[key] = answer[key]
    frame.attrs["summary"] = dict(answer["result"]["summary"])
    frame.attrs["workforce"] = [
        (str(k), int(w), int(c), int(s))
        for k, w, c, s in zip(groups["kind"], groups["workers"], groups["caseload_limit"], groups["start_month"],
                              strict=True)
    ]
    return frame


def sweep(
    referrals: pd.DataFrame,
    hires: Any,
    added: Iterable[int] = range(21),
    *,
    base: Any = (),
    start: datetime.date | None = None,
    months: int | None = None,
    policy: Policy | None = None,
    calendar: FinnishCalendar | None = None,
    contact_after: Length | None = None,
    early_length: Length | None = None,
    order: QueueOrder | str = "priority_then_arrival",
    warm_up_months: int = 0,
) -> pd.DataFrame:
    """The summary for each number of ``added`` workers (added to ``base`` by :func:`plan`'s
    rule): ``added_workers``, ``added_<kind>`` per hiring kind, ``clients``,
    ``within_deadline``, ``share_within_deadline``, ``mean_wait_days``, ``p90_wait_days`` and
    ``max_queue``. The curve behind a plan, to plot against the target."""
    columns = _columns(referrals, start, months)
    options = _options(policy, calendar, contact_after, early_length, order, warm_up_months)
    base_groups = _workforce(base, "base")
    options_rows = _hires(hires)
    kinds = [str(_code(h[0])) for h in options_rows]
    rows = []
    for n in added:
        counts = apportion_hires(options_rows, int(n))
        groups = base_groups + [(kind, count, limit, 0) for (kind, limit, _), count in zip(options_rows, counts, strict=True)]
        summary = _simulate(**columns, workforce=groups, **options)["summary"]
        row: dict[str, Any] = {"added_workers": int(n)}
        for kind in dict.fromkeys(kinds):
            row[f"added_{kind}"] = sum(c for k, c in zip(kinds, counts, strict=True) if k == kind)
        for key in ("clients", "within_deadline", "share_within_deadline", "mean_wait_days", "p90_wait_days",
                    "max_queue"):
            row[key] = summary[key]
        rows.append(row)
    return pd.DataFrame(rows)

