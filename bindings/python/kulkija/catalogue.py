"""The service catalogue (palvelutarjotin): third-sector :class:`Organisation` s and their
:class:`Activity` s, read from Open Referral HSDS 3.0 (:meth:`Catalogue.from_hsds`) or
plain CSV, searched with Finnish and Swedish letters folded properly (:func:`fold_text`),
and ranked for a client with explained recommendations (:meth:`Catalogue.recommend`).

The taxonomy (:class:`ActivityCategory`, :class:`TargetGroup`,
:class:`AccessibilityFeature`) and the scoring are documented in the catalogue guide.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from ._core.catalogue import (
    AccessibilityFeature,
    Activity,
    ActivityCategory,
    Catalogue,
    CostKind,
    ExclusionReason,
    HsdsImport,
    Organisation,
    OrganisationKind,
    RecurrenceFrequency,
    RecurrenceRule,
    Recommendation,
    ScoreComponent,
    TargetGroup,
    Weekday,
    fold_text,
    hsds_from_json,
    needs_addressed,
    read_hsds,
)

if TYPE_CHECKING:
    import pandas as pd

    from ._core.referral import Client

_COMPONENTS = ("need", "interest", "language", "distance", "cost", "time")


def _code(value: Any) -> str:
    return value.name if hasattr(value, "name") else str(value)


def to_frame(catalogue: Catalogue, *, lang: str = "fi") -> pd.DataFrame:
    """One row per activity, indexed by ``activity_id``: the organisation (id, name, kind),
    the name and description in ``lang`` (or the first language that has one), categories
    and target groups as ``;``-separated codes, ages, languages, municipality (three-digit
    code), latitude and longitude, the schedule as text, cost kind, fee, currency, whether
    the Kaikukortti is accepted, registration, peer support, capacity and validity dates.
    """
    import pandas as pd

    rows = []
    for a in catalogue.activities:
        org = catalogue.organisation(a.organisation)
        position = a.position
        rows.append(
            {
                "activity_id": a.id,
                "organisation_id": org.id,
                "organisation": org.name,
                "organisation_kind": _code(org.kind),
                "name": a.name_in(lang),
                "description": getattr(a.description, lang) or a.description.fi or a.description.sv or a.description.en,
                "categories": ";".join(_code(c) for c in a.categories),
                "target_groups": ";".join(_code(g) for g in a.target_groups),
                "min_age": a.min_age,
                "max_age": a.max_age,
                "languages": ";".join(l.code for l in a.languages),
                "municipality": None if a.municipality is None else a.municipality.code_text,
                "latitude": None if position is None else position[0],
                "longitude": None if position is None else position[1],
                "schedule": "; ".join(
                    f"{_code(r.frequency)} {_code(r.day)} {r.starts}-{r.ends}" for r in a.schedule
                ),
                "cost": _code(a.cost),
                "fee": a.fee,
                "currency": a.currency,
                "kaikukortti": a.kaikukortti,
                "registration_required": a.registration_required,
                "peer_support": a.peer_support,
                "capacity": a.capacity,
                "valid_from": a.valid_from,
                "valid_to": a.valid_to,
            }
        )
    columns = [
        "activity_id", "organisation_id", "organisation", "organisation_kind", "name", "description",
        "categories", "target_groups", "min_age", "max_age", "languages", "municipality", "latitude",
        "longitude", "schedule", "cost", "fee", "currency", "kaikukortti", "registration_required",
        "peer_support", "capacity", "valid_from", "valid_to",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    for column in ("min_age", "max_age", "capacity"):
        frame[column] = frame[column].astype("Int64")
    return frame.set_index("activity_id")


def recommend(
    catalogue: Catalogue,
    client: Client,
    k: int = 10,
    lang: str = "fi",
    *,
    on: _dt.date | None = None,
    location: tuple[float, float] | None = None,
    max_distance_km: float = 15.0,
    reachable: Iterable[Any] = (),
    budget: float | None = None,
    kaikukortti_holder: bool = False,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The best ``k`` activities for ``client`` as a DataFrame, best first.

    Columns: ``rank`` (1 = best), ``activity_id``, ``name`` (in ``lang``),
    ``organisation``, ``municipality``, ``score``, one column per score component
    (``need``, ``interest``, ``language``, ``distance``, ``cost``, ``time``, each 0 to 1),
    ``distance_km``, ``cost_for_client`` (0 for Kaikukortti holders where the card is
    accepted), ``next_meeting``, ``reasons`` (readable, in ``lang``, joined by ``;``) and
    ``reason_codes``. ``on`` defaults to today; the other keywords are those of
    :meth:`Catalogue.recommendations` (hard filters: valid on the day, a language the
    client speaks, age range, within reach).
    """
    import pandas as pd

    recs = catalogue.recommendations(
        client,
        on=on if on is not None else _dt.date.today(),
        location=location,
        max_distance_km=max_distance_km,
        reachable=list(reachable),
        budget=budget,
        kaikukortti_holder=kaikukortti_holder,
        k=k,
        weights=dict(weights) if weights is not None else None,
    )
    rows = []
    for rank, r in enumerate(recs, start=1):
        a = catalogue.activity(r.activity_id)
        row: dict[str, Any] = {
            "rank": rank,
            "activity_id": r.activity_id,
            "name": a.name_in(lang),
            "organisation": catalogue.organisation(a.organisation).name,
            "municipality": None if a.municipality is None else a.municipality.code_text,
            "score": r.score,
        }
        row.update({c: r.components[c] for c in _COMPONENTS})
        row.update(
            {
                "distance_km": r.distance_km,
                "cost_for_client": r.cost,
                "next_meeting": r.next_meeting,
                "reasons": r.explain(lang),
                "reason_codes": ";".join(code for code, _ in r.reasons),
            }
        )
        rows.append(row)
    columns = ["rank", "activity_id", "name", "organisation", "municipality", "score", *_COMPONENTS,
               "distance_km", "cost_for_client", "next_meeting", "reasons", "reason_codes"]
    return pd.DataFrame(rows, columns=columns)


Catalogue.to_frame = to_frame  # type: ignore[attr-defined]
Catalogue.recommend = recommend  # type: ignore[attr-defined]

__all__ = (
    "AccessibilityFeature",
    "Activity",
    "ActivityCategory",
    "Catalogue",
    "CostKind",
    "ExclusionReason",
    "HsdsImport",
    "Organisation",
    "OrganisationKind",
    "RecurrenceFrequency",
    "RecurrenceRule",
    "Recommendation",
    "ScoreComponent",
    "TargetGroup",
    "Weekday",
    "fold_text",
    "hsds_from_json",
    "needs_addressed",
    "read_hsds",
)
