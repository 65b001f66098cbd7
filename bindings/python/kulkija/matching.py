"""Matching clients with link workers: explained scores, the exact optimal assignment with
capacities, stable matching and online assignment.

:func:`assign` is a drop-in for what analysts do with
``scipy.optimize.linear_sum_assignment`` on a matrix with each worker's column repeated
``capacity`` times, but it takes the capacities directly, may leave clients unassigned at a
penalty, and runs without the GIL. :func:`match` scores clients against link workers under a
region's :class:`MatchingPolicy` and returns a pandas DataFrame with the score components
and, for the unassigned, the reason. :func:`stable_match` does either by deferred acceptance.

Link workers have a :class:`WorkerKind` (professional, trained volunteer, peer supporter),
training records (:class:`TrainingRecord`, giving :class:`Competence` values) and a last
supervision; the policy's :class:`WorkforcePolicy` gives each kind a caseload limit, meeting
modes, a supervision interval and required training, and :func:`standing_of` says whether a
worker can take clients on a day, and why not, with the dates.

This module imports pandas, so it is imported on demand: ``import kulkija.matching``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ._core.referral import Client, ClientPreferences
from ._core.io import WorkerTraining, training_from_csv
from ._core.matching import (
    FORBIDDEN,
    AssignmentResult,
    Competence,
    ComponentScore,
    ContinuityPolicy,
    DistanceMethod,
    GeographicCost,
    GeoPoint,
    KindPolicy,
    LinkWorker,
    MatchComponent,
    MatchedPair,
    MatchExclusion,
    MatchingClient,
    MatchingPolicy,
    MatchResult,
    MatchScore,
    Specialism,
    TrainingRecord,
    UnmatchedClient,
    WorkerKind,
    WorkerStanding,
    WorkforcePolicy,
    assign_one,
    assignment_cost,
    effective_capacity,
    effective_meeting_modes,
    effective_specialisms,
    find_blocking_pair,
    haversine_km,
    k_cheapest,
    match_clients,
    match_one,
    missing_training,
    score_pair,
    solve_assignment,
    solve_geographic_assignment,
    solve_sparse_assignment,
    specialism_of,
    specialisms_for,
    stable_match_clients,
    stable_match_costs,
    stable_match_geographic,
    standing_of,
    supervision_due,
)
from ._errors import invalid_argument as _invalid

__all__ = (
    "FORBIDDEN",
    "AssignmentResult",
    "Competence",
    "ComponentScore",
    "ContinuityPolicy",
    "DistanceMethod",
    "GeoPoint",
    "GeographicCost",
    "KindPolicy",
    "LinkWorker",
    "MatchComponent",
    "MatchExclusion",
    "MatchResult",
    "MatchScore",
    "MatchedPair",
    "MatchingClient",
    "MatchingPolicy",
    "Specialism",
    "TrainingRecord",
    "UnmatchedClient",
    "WorkerKind",
    "WorkerStanding",
    "WorkforcePolicy",
    "assign",
    "assign_one",
    "assign_sparse",
    "assignment_cost",
    "clients_from_frame",
    "effective_capacity",
    "effective_meeting_modes",
    "effective_specialisms",
    "find_blocking_pair",
    "haversine_km",
    "k_cheapest",
    "match",
    "match_clients",
    "match_one",
    "missing_training",
    "score_pair",
    "solve_assignment",
    "solve_geographic_assignment",
    "solve_sparse_assignment",
    "specialism_of",
    "specialisms_for",
    "stable_match",
    "stable_match_clients",
    "stable_match_costs",
    "stable_match_geographic",
    "standing_of",
    "supervision_due",
    "workers_from_frame",
)

_COMPONENTS = ("distance", "specialism", "preferences", "continuity", "caseload", "language")


def _as_cost(cost: object, name: str) -> np.ndarray:
    """An int64 matrix; float input must hold whole numbers, with +inf or NaN for forbidden pairs.
    Arrow data (a fixed-size list column, a row a client, or a table of numeric columns, a
    column a worker) is read through the Arrow C data interface; a null is a forbidden pair."""
    if not isinstance(cost, (dict, np.ndarray)) and (hasattr(cost, "__arrow_c_stream__") or hasattr(cost, "__arrow_c_array__")):
        from ._core.io import _arrow_matrix

        cost = _arrow_matrix(cost, name)
    a = np.asarray(cost)
    if a.ndim != 2:
        raise _invalid(name, f"must be a 2-dimensional array (clients x workers), got {a.ndim} dimensions")
    if a.dtype.kind in "iub":
        return np.ascontiguousarray(a, dtype=np.int64)
    if a.dtype.kind != "f":
        raise _invalid(name, f"must be an integer or float array, got dtype {a.dtype}")
    forbidden = ~np.isfinite(a) & ~(a == -np.inf)
    if np.any(a == -np.inf):
        raise _invalid(name, "must not hold -inf")
    finite = np.where(forbidden, 0.0, a)
    if np.any(finite != np.round(finite)):
        raise _invalid(name, "must hold whole numbers (the solver is exact on integer costs); scale and round first")
    out = finite.astype(np.int64)
    out[forbidden] = FORBIDDEN
    return out


def _capacity(capacity: object, workers: int) -> np.ndarray:
    cap = np.asarray(capacity)
    if cap.ndim == 0:
        cap = np.full(workers, int(cap), dtype=np.int32)
    return np.ascontiguousarray(cap, dtype=np.int32)


def _penalty(unassigned_penalty: object | None, clients: int) -> np.ndarray | None:
    if unassigned_penalty is None:
        return None
    p = np.asarray(unassigned_penalty)
    if p.ndim == 0:
        p = np.full(clients, p)
    if p.dtype.kind == "f" and np.any(p != np.round(p)):
        raise _invalid("unassigned_penalty", "must hold whole numbers")
    return np.ascontiguousarray(p, dtype=np.int64)


def assign(
    cost: object,
    capacity: object,
    unassigned_penalty: object | None = None,
    *,
    k: int | None = None,
    return_graph: bool = False,
) -> AssignmentResult | tuple[AssignmentResult, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """The exact minimum-cost assignment of clients (rows) to workers (columns) with capacities.

    ``cost`` is a clients x workers array of whole numbers; ``+inf`` or NaN (in a float
    array) or :data:`FORBIDDEN` marks a forbidden pair. It may also be Arrow data: a
    fixed-size list column of costs (a row a client: ``pyarrow.FixedSizeListArray``, a polars
    ``Array`` column) or a table of numeric columns (a column a worker), where a null marks a
    forbidden pair. ``capacity`` is one integer per
    worker (or one for all). ``unassigned_penalty`` (a number or one per client) lets a
    client stay unassigned at that cost; without it every client must be assigned, and
    :class:`InvalidArgument` (id ``matching_infeasible``) is raised when that is impossible.
    With ``k``, each client's ``k`` cheapest workers are solved first and the result is
    proved optimal for the whole matrix by reduced costs (``method`` says how).
    Runs without the GIL. The result's ``worker_of[i]`` is client ``i``'s worker or -1;
    ``total_cost`` includes the penalties of the unassigned.

    ``cost`` may also be a :class:`GeographicCost` (distances in metres between referral and
    worker points, national size without a dense matrix): the assignment starts from each
    referral's ``k`` nearest workers (16 when None) and the prices of an auction that adds the
    workers that matter (see docs/matching.md), and is proved optimal over every pair by
    reduced costs computed on the fly. With ``return_graph``, it returns ``(result, (indptr,
    indices, costs))``, the last candidate graph, which holds the optimum.
    """
    if isinstance(cost, GeographicCost):
        cap = _capacity(capacity, cost.workers)
        result, graph = solve_geographic_assignment(
            cost, cap, 16 if k is None else k, _penalty(unassigned_penalty, cost.referrals)
        )
        return (result, graph) if return_graph else result
    if return_graph:
        raise _invalid("return_graph", "is only for a GeographicCost")
    c = _as_cost(cost, "cost")
    n, w = c.shape
    return solve_assignment(c, _capacity(capacity, w), _penalty(unassigned_penalty, n), k)


def assign_sparse(
    indptr: object,
    indices: object,
    costs: object,
    capacity: object,
    unassigned_penalty: object | None = None,
) -> AssignmentResult:
    """The exact assignment on a sparse graph in compressed rows (the layout of
    ``scipy.sparse.csr_matrix``): client ``i``'s allowed workers are
    ``indices[indptr[i]:indptr[i + 1]]`` at ``costs`` of the same positions; a pair not
    listed is forbidden. ``capacity`` is one integer per worker (its length is the number of
    workers). Otherwise as :func:`assign`; ``method`` is ``'sparse_graph'``. A
    ``scipy.sparse`` matrix may be given as ``indptr`` (its ``indptr``, ``indices`` and
    ``data`` are used; pass None for ``indices`` and ``costs``).
    """
    if indices is None and costs is None and hasattr(indptr, "indptr"):
        matrix = indptr
        indptr, indices, costs = matrix.indptr, matrix.indices, matrix.data  # type: ignore[attr-defined]
    c = np.asarray(costs)
    if c.dtype.kind == "f" and np.any(c != np.round(c)):
        raise _invalid("costs", "must hold whole numbers (the solver is exact on integer costs); scale and round first")
    ptr = np.ascontiguousarray(indptr, dtype=np.int64)
    cap = np.asarray(capacity)
    if cap.ndim == 0:
        raise _invalid("capacity", "must have one value per worker (its length is the number of workers)")
    return solve_sparse_assignment(
        ptr,
        np.ascontiguousarray(indices, dtype=np.int32),
        np.ascontiguousarray(c, dtype=np.int64),
        np.ascontiguousarray(cap, dtype=np.int32),
        _penalty(unassigned_penalty, max(ptr.size - 1, 0)),
    )


def _codes(value: object) -> list[str]:
    """A list cell: a list or tuple, a string of codes separated by ';' or ',', or missing."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
    return [str(v) for v in value]  # type: ignore[attr-defined]


def _present(row: pd.Series, name: str) -> bool:
    return name in row.index and not (np.isscalar(row[name]) and pd.isna(row[name]))


def _point(row: pd.Series) -> GeoPoint | None:
    if _present(row, "lat") and _present(row, "lon"):
        return GeoPoint(float(row["lat"]), float(row["lon"]))
    return None


def clients_from_frame(frame: pd.DataFrame) -> list[MatchingClient]:
    """Matching clients from a DataFrame, one row each.

    Required columns: ``client`` (the pseudonym), ``birth_year``, ``municipality`` and
    ``languages``. Optional: ``lat`` and ``lon``, ``needs``, ``worker_gender``,
    ``meeting_modes``, ``times``, ``previous_worker`` and ``priority``. List columns hold
    lists or codes separated by ``;`` (or ``,``); missing values mean "none".
    """
    for name in ("client", "birth_year", "municipality", "languages"):
        if name not in frame.columns:
            raise _invalid(name, "is a required column of the clients frame")
    out = []
    for _, row in frame.iterrows():
        prefs = ClientPreferences(
            worker_gender=str(row["worker_gender"]) if _present(row, "worker_gender") else None,
            meeting_modes=_codes(row["meeting_modes"]) if "meeting_modes" in row.index else (),
            times=_codes(row["times"]) if "times" in row.index else (),
        )
        client = Client(
            str(row["client"]),
            int(row["birth_year"]),
            row["municipality"],
            _codes(row["languages"]),
            needs=_codes(row["needs"]) if "needs" in row.index else (),
            preferences=prefs,
        )
        out.append(
            MatchingClient(
                client,
                location=_point(row),
                previous_worker=str(row["previous_worker"]) if _present(row, "previous_worker") else None,
                priority=int(row["priority"]) if _present(row, "priority") else 1,
            )
        )
    return out


def _training_rows(training: object) -> dict[str, list[TrainingRecord]]:
    """Training records by worker, from a training.csv frame or WorkerTraining rows."""
    if isinstance(training, pd.DataFrame):
        text = training.to_csv(index=False, na_rep="", date_format="%Y-%m-%d")
        rows: Sequence[WorkerTraining] = training_from_csv(text, "DataFrame")
    else:
        rows = list(training)  # type: ignore[call-overload]
    out: dict[str, list[TrainingRecord]] = {}
    for row in rows:
        out.setdefault(row.worker, []).append(row.record)
    return out


def workers_from_frame(frame: pd.DataFrame, *, training: object | None = None) -> list[LinkWorker]:
    """Link workers from a DataFrame, one row each.

    Required columns: ``worker`` (the id), ``languages``, ``municipality`` and ``capacity``.
    Optional: ``caseload``, ``lat`` and ``lon``, ``travel_radius_km``, ``specialisms``,
    ``gender``, ``availability``, ``meeting_modes``, ``active_from``, ``active_to``, ``kind``
    (a :class:`WorkerKind` code; professional when missing) and ``last_supervision``.
    ``training`` gives the workers' training records: a DataFrame with the columns of
    ``training.csv`` or a list of :class:`kulkija.io.WorkerTraining` rows.
    """
    for name in ("worker", "languages", "municipality", "capacity"):
        if name not in frame.columns:
            raise _invalid(name, "is a required column of the workers frame")
    records = _training_rows(training) if training is not None else {}
    unknown = set(records) - {str(w) for w in frame["worker"]}
    if unknown:
        raise _invalid("training", f"names workers not in the frame: {sorted(unknown)}")
    out = []
    for _, row in frame.iterrows():
        out.append(
            LinkWorker(
                str(row["worker"]),
                _codes(row["languages"]),
                row["municipality"],
                int(row["capacity"]),
                caseload=int(row["caseload"]) if _present(row, "caseload") else 0,
                location=_point(row),
                travel_radius_km=float(row["travel_radius_km"]) if _present(row, "travel_radius_km") else None,
                specialisms=_codes(row["specialisms"]) if "specialisms" in row.index else (),
                gender=str(row["gender"]) if _present(row, "gender") else None,
                availability=_codes(row["availability"]) if "availability" in row.index else (),
                meeting_modes=_codes(row["meeting_modes"]) if "meeting_modes" in row.index else (),
                active_from=pd.Timestamp(row["active_from"]).date() if _present(row, "active_from") else None,
                active_to=pd.Timestamp(row["active_to"]).date() if _present(row, "active_to") else None,
                kind=str(row["kind"]) if _present(row, "kind") else WorkerKind.professional,
                training=records.get(str(row["worker"]), []),
                last_supervision=(
                    pd.Timestamp(row["last_supervision"]).date() if _present(row, "last_supervision") else None
                ),
            )
        )
    return out


def _objects(clients: object, workers: object) -> tuple[list[MatchingClient], list[LinkWorker]]:
    c = clients_from_frame(clients) if isinstance(clients, pd.DataFrame) else list(clients)  # type: ignore[call-overload]
    w = workers_from_frame(workers) if isinstance(workers, pd.DataFrame) else list(workers)  # type: ignore[call-overload]
    return c, w


def _frame(result: MatchResult, clients: Sequence[MatchingClient], workers: Sequence[LinkWorker], lang: str) -> pd.DataFrame:
    rows = []
    for m in result.matched:
        row: dict[str, object] = {
            "client": m.client,
            "worker": m.worker,
            "score": m.score.total,
        }
        for comp in m.score.components:
            row[comp.component.name] = comp.points
        row["distance_km"] = m.score.distance_km
        row["reason"] = "; ".join(getattr(comp.reason, lang) for comp in m.score.components if comp.weight > 0)
        row["_order"] = m.client_index
        rows.append(row)
    for u in result.unmatched:
        row = {"client": u.client, "worker": None, "score": np.nan}
        for name in _COMPONENTS:
            row[name] = np.nan
        row["distance_km"] = None
        row["reason"] = getattr(u.reason, lang)
        row["_order"] = u.client_index
        rows.append(row)
    columns = ["client", "worker", "score", *_COMPONENTS, "distance_km", "reason"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows).sort_values("_order").drop(columns="_order").reset_index(drop=True)
    frame["distance_km"] = frame["distance_km"].astype("float64")
    return frame[columns]


def _travel(travel_minutes: object | None) -> np.ndarray | None:
    if travel_minutes is None:
        return None
    return np.ascontiguousarray(np.asarray(travel_minutes, dtype=np.float64))


def match(
    clients: Sequence[MatchingClient] | pd.DataFrame,
    workers: Sequence[LinkWorker] | pd.DataFrame,
    policy: MatchingPolicy | None = None,
    *,
    on: datetime.date | None = None,
    travel_minutes: object | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Matches clients with link workers to maximise the total score under ``policy`` (exact).

    Returns one row per client, in input order: ``client``, ``worker`` (None when
    unassigned), ``score`` and the points of each component (``distance``, ``specialism``,
    ``preferences``, ``continuity``, ``caseload``, ``language``), ``distance_km``, and
    ``reason``: the components' reasons for a match, or why the client is unassigned, in
    ``lang`` (``'fi'``, ``'sv'`` or ``'en'``). ``on`` defaults to today. ``clients`` and
    ``workers`` may be DataFrames (see :func:`clients_from_frame`, :func:`workers_from_frame`).
    """
    if lang not in ("fi", "sv", "en"):
        raise _invalid("lang", f"must be 'fi', 'sv' or 'en', got {lang!r}")
    p = policy if policy is not None else MatchingPolicy()
    day = on if on is not None else datetime.date.today()
    c, w = _objects(clients, workers)
    r = match_clients(p, c, w, day, _travel(travel_minutes))
    return _frame(r, c, w, lang)


def stable_match(
    clients: object,
    workers: object,
    policy: MatchingPolicy | None = None,
    *,
    on: datetime.date | None = None,
    travel_minutes: object | None = None,
    lang: str = "en",
    worker_cost: object | None = None,
    priority: object | None = None,
    unassigned_penalty: object | None = None,
) -> pd.DataFrame | np.ndarray:
    """Stable matching by client-proposing deferred acceptance, with capacities.

    Two forms: with ``MatchingClient`` and ``LinkWorker`` sequences it returns the same
    DataFrame as :func:`match` (clients prefer a higher score; workers a higher priority,
    then a higher score). With a cost matrix as ``clients`` and capacities as ``workers``
    it returns ``worker_of`` (int32, -1 unassigned): clients prefer a lower cost; workers a
    higher ``priority``, then a lower ``worker_cost`` (the same cost when None); a client
    rejects workers dearer than its ``unassigned_penalty``. With a :class:`GeographicCost`
    as ``clients`` (and capacities as ``workers``), both sides prefer the nearer (then the
    lower index), the preference lists are built lazily from the nearest workers, and
    ``unassigned_penalty`` is a distance in metres past which a referral does not go.
    """
    if isinstance(clients, GeographicCost):
        if worker_cost is not None or priority is not None:
            raise _invalid("worker_cost", "is not taken with a GeographicCost (both sides prefer the nearer)")
        worker_of, _ = stable_match_geographic(
            clients, _capacity(workers, clients.workers), _penalty(unassigned_penalty, clients.referrals)
        )
        return worker_of
    if isinstance(clients, np.ndarray) or (
        isinstance(clients, Sequence)
        and not isinstance(clients, pd.DataFrame)
        and len(clients) > 0
        and not isinstance(clients[0], MatchingClient)
    ):
        c = _as_cost(clients, "client_cost")
        cap = np.asarray(workers)
        if cap.ndim == 0:
            cap = np.full(c.shape[1], int(cap))
        wc = None if worker_cost is None else _as_cost(worker_cost, "worker_cost")
        pr = None if priority is None else np.ascontiguousarray(priority, dtype=np.int32)
        pen = None
        if unassigned_penalty is not None:
            p = np.asarray(unassigned_penalty)
            pen = np.ascontiguousarray(np.full(c.shape[0], p) if p.ndim == 0 else p, dtype=np.int64)
        worker_of, _ = stable_match_costs(c, np.ascontiguousarray(cap, dtype=np.int32), wc, pr, pen)
        return worker_of
    if lang not in ("fi", "sv", "en"):
        raise _invalid("lang", f"must be 'fi', 'sv' or 'en', got {lang!r}")
    p = policy if policy is not None else MatchingPolicy()
    day = on if on is not None else datetime.date.today()
    c, w = _objects(clients, workers)
    r = stable_match_clients(p, c, w, day, _travel(travel_minutes))
    return _frame(r, c, w, lang)
