"""Coordinating the link workers: the coordinator's queue and reassignment.

:func:`coordinator_queue` lists the accepted referrals still waiting for a link worker, most
urgent first and then longest waiting, each with its first-contact deadline from the
support-period policy and whether that is overdue or due soon. :func:`plan_reassignment`
plans new workers for the clients of a worker who leaves or goes on leave (by the matching,
keeping continuity where the policy asks), :func:`plan_return` plans their return after a
leave, and :func:`apply_reassignment` records the moves in the referrals' histories, all or
nothing. Every move is explained in Finnish, Swedish and English.

The kinds of link worker, their training and supervision, and the workforce policy live in
:mod:`kulkija.matching` (:class:`~kulkija.matching.WorkerKind`,
:class:`~kulkija.matching.TrainingRecord`, :class:`~kulkija.matching.WorkforcePolicy`,
:func:`~kulkija.matching.standing_of`).

The ``*_frame`` helpers return pandas DataFrames, so this module is imported on demand:
``import kulkija.workforce``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

import pandas as pd

from ._core import ErrorId, InvalidArgument
from ._core.calendar import FinnishCalendar
from ._core.matching import LinkWorker, MatchingPolicy, standing_of
from ._core.referral import Referral
from ._core.support import Policy
from ._core.workforce import (
    QueueEntry,
    Reassignment,
    ReassignmentPlan,
    apply_reassignment,
    coordinator_queue,
    plan_reassignment,
    plan_return,
    priority_label,
)

__all__ = (
    "QueueEntry",
    "Reassignment",
    "ReassignmentPlan",
    "apply_reassignment",
    "coordinator_queue",
    "plan_reassignment",
    "plan_return",
    "priority_label",
    "queue_frame",
    "reassignment_frame",
    "standings_frame",
    "training_frame",
)

_LANGS = ("fi", "sv", "en")


def _lang(lang: str) -> str:
    if lang not in _LANGS:
        e = InvalidArgument(f"[kulkija.invalid_argument.201] lang: must be 'fi', 'sv' or 'en', got {lang!r}")
        e.id = ErrorId.invalid_value
        e.field = "lang"
        e.rule = f"must be 'fi', 'sv' or 'en', got {lang!r}"
        raise e
    return lang


def queue_frame(
    referrals: Iterable[Referral],
    policy: Policy | None = None,
    on: datetime.date | None = None,
    *,
    calendar: FinnishCalendar | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """The coordinator's queue as a DataFrame, first to be assigned first.

    Columns: ``rank`` (from 1), ``referral``, ``client``, ``priority``, ``accepted_on``,
    ``days_waiting``, ``business_days_waiting``, ``first_contact_due``, ``overdue``,
    ``due_soon`` and ``reason`` (in ``lang``). ``policy`` defaults to the default support
    policy, ``on`` to today.
    """
    lang = _lang(lang)
    entries = coordinator_queue(list(referrals), policy if policy is not None else Policy(),
                                on if on is not None else datetime.date.today(), calendar=calendar)
    columns = ["rank", "referral", "client", "priority", "accepted_on", "days_waiting", "business_days_waiting",
               "first_contact_due", "overdue", "due_soon", "reason"]
    rows = [{
        "rank": i + 1,
        "referral": e.referral,
        "client": e.client,
        "priority": e.urgency.name,
        "accepted_on": e.accepted_on,
        "days_waiting": e.days_waiting,
        "business_days_waiting": e.business_days_waiting,
        "first_contact_due": e.first_contact.due,
        "overdue": e.overdue,
        "due_soon": e.due_soon,
        "reason": getattr(e.reason, lang),
    } for i, e in enumerate(entries)]
    return pd.DataFrame(rows, columns=columns)


def reassignment_frame(plan: ReassignmentPlan, *, lang: str = "en") -> pd.DataFrame:
    """A reassignment plan as a DataFrame, one row per affected referral.

    Columns: ``referral``, ``client``, ``from_worker``, ``to_worker`` (None when no worker
    can take the client), ``continuity``, ``score`` (NaN without a new worker) and
    ``reason`` (in ``lang``).
    """
    lang = _lang(lang)
    columns = ["referral", "client", "from_worker", "to_worker", "continuity", "score", "reason"]
    rows = [{
        "referral": m.referral,
        "client": m.client,
        "from_worker": m.from_worker,
        "to_worker": m.to_worker,
        "continuity": m.continuity,
        "score": m.score.total if m.score is not None else float("nan"),
        "reason": getattr(m.reason, lang),
    } for m in plan.moves]
    return pd.DataFrame(rows, columns=columns).astype({"score": "float64"})


def standings_frame(
    policy: MatchingPolicy,
    workers: Sequence[LinkWorker],
    on: datetime.date | None = None,
    *,
    lang: str = "en",
) -> pd.DataFrame:
    """Every worker's standing on a day under a matching policy, one row per worker.

    Columns: ``worker``, ``kind``, ``own_capacity``, ``capacity`` (cut to the kind's
    caseload limit), ``caseload``, ``free_places``, ``last_supervision``,
    ``supervision_due``, ``missing_training`` (competence codes joined by ``;``),
    ``matchable``, ``exclusions`` (codes joined by ``;``) and ``reason`` (in ``lang``).
    """
    lang = _lang(lang)
    day = on if on is not None else datetime.date.today()
    columns = ["worker", "kind", "own_capacity", "capacity", "caseload", "free_places", "last_supervision",
               "supervision_due", "missing_training", "matchable", "exclusions", "reason"]
    rows = []
    for w in workers:
        s = standing_of(policy, w, day)
        rows.append({
            "worker": w.id,
            "kind": w.kind.name,
            "own_capacity": w.capacity,
            "capacity": s.capacity,
            "caseload": w.caseload,
            "free_places": s.free_places,
            "last_supervision": w.last_supervision,
            "supervision_due": s.supervision_due,
            "missing_training": ";".join(c.name for c in s.missing_training),
            "matchable": s.matchable,
            "exclusions": ";".join(e.name for e in s.exclusions),
            "reason": " ".join(getattr(r, lang) for r in s.reasons),
        })
    return pd.DataFrame(rows, columns=columns)


def training_frame(workers: Sequence[LinkWorker]) -> pd.DataFrame:
    """The workers' training records as a DataFrame with the columns of ``training.csv``:
    ``worker``, ``course``, ``completed_on``, ``valid_until`` (None when the course does not
    lapse) and ``competences`` (codes joined by ``;``)."""
    rows = []
    for w in workers:
        for r in w.training:
            rows.append({
                "worker": w.id,
                "course": r.course,
                "completed_on": r.completed_on,
                "valid_until": r.valid_until,
                "competences": ";".join(c.name for c in r.competences),
            })
    return pd.DataFrame(rows, columns=["worker", "course", "completed_on", "valid_until", "competences"])
