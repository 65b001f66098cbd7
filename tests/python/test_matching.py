"""kulkija.matching: the exact assignment against scipy and brute force, stable matching,
explained matches as DataFrames, and errors."""

from __future__ import annotations

import datetime
import itertools
import pickle

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linear_sum_assignment

import kulkija
import kulkija.matching as km

DAY = datetime.date(2026, 3, 2)


def scipy_optimum(cost: np.ndarray, capacity: np.ndarray, penalty: np.ndarray | None = None) -> int:
    """The optimum by linear_sum_assignment on the matrix with each worker's column repeated
    capacity times (and one penalty column per client when unassigned is allowed)."""
    n = cost.shape[0]
    big = np.repeat(cost, capacity, axis=1).astype(float)
    if penalty is not None:
        extra = np.full((n, n), np.inf)
        np.fill_diagonal(extra, penalty)
        big = np.hstack([big, extra])
    rows, cols = linear_sum_assignment(big)
    assert len(rows) == n
    return int(big[rows, cols].sum())


@pytest.mark.parametrize("seed", range(40))
def test_assign_matches_scipy_on_expanded_matrices(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 60))
    w = int(rng.integers(1, 12))
    cost = rng.integers(0, 4 if seed % 3 == 0 else 1000, size=(n, w))
    capacity = rng.integers(0, 8, size=w)
    with_penalty = seed % 2 == 1
    penalty = rng.integers(200, 900, size=n) if with_penalty else None
    if not with_penalty and capacity.sum() < n:
        with pytest.raises(kulkija.InvalidArgument) as info:
            km.assign(cost, capacity)
        assert info.value.id == kulkija.ErrorId.matching_infeasible
        assert info.value.field == "capacity"
        return
    r = km.assign(cost, capacity, penalty)
    assert r.total_cost == scipy_optimum(cost, capacity, penalty)
    assert km.assignment_cost(cost, capacity, r.worker_of, penalty) == r.total_cost
    assert r.worker_of.dtype == np.int32
    k = km.assign(cost, capacity, penalty, k=2)
    assert k.total_cost == r.total_cost
    assert k.method in ("sparse_proved", "sparse_extended", "sparse_fallback")


def test_assign_matches_brute_force_with_forbidden_pairs() -> None:
    rng = np.random.default_rng(11)
    for _ in range(200):
        n, w = int(rng.integers(1, 6)), int(rng.integers(1, 4))
        cost = rng.integers(0, 20, size=(n, w)).astype(float)
        cost[rng.random((n, w)) < 0.3] = np.inf
        capacity = rng.integers(0, 3, size=w)
        best = None
        for choice in itertools.product(range(-1, w), repeat=n):
            if any(j >= 0 and not np.isfinite(cost[i, j]) for i, j in enumerate(choice)):
                continue
            if any(sum(1 for j in choice if j == c) > capacity[c] for c in range(w)):
                continue
            total = sum(cost[i, j] if j >= 0 else 50 for i, j in enumerate(choice))
            best = total if best is None else min(best, total)
        assert km.assign(cost, capacity, 50).total_cost == best


def test_assign_on_a_larger_matrix_and_scalar_capacity() -> None:
    rng = np.random.default_rng(5)
    cost = rng.integers(0, 1000, size=(600, 120))
    r = km.assign(cost, 5)
    assert r.total_cost == scipy_optimum(cost, np.full(120, 5))
    assert r.method == "dense"
    assert np.all(np.bincount(r.worker_of, minlength=120) <= 5)
    assert np.all(r.worker_price >= 0)


def test_assign_rejects_bad_input() -> None:
    with pytest.raises(kulkija.InvalidArgument, match="cost: must hold whole numbers"):
        km.assign(np.array([[1.5, 2.0]]), [1, 1])
    with pytest.raises(kulkija.InvalidArgument, match="cost: must be a 2-dimensional array"):
        km.assign(np.array([1, 2]), [1, 1])
    with pytest.raises(kulkija.InvalidArgument, match=r"capacity: must have one value per worker \(2\), got 3"):
        km.assign(np.array([[1, 2]]), [1, 1, 1])
    with pytest.raises(ValueError, match=r"capacity\[1\]: must be at least 0"):
        km.assign(np.array([[1, 2]]), [1, -1])


def test_stable_match_on_costs_has_no_blocking_pair() -> None:
    rng = np.random.default_rng(2)
    cost = rng.integers(0, 100, size=(200, 15))
    worker_cost = rng.integers(0, 100, size=(200, 15))
    capacity = rng.integers(0, 15, size=15)
    worker_of = km.stable_match(cost, capacity, worker_cost=worker_cost)
    assert km.find_blocking_pair(cost, capacity, worker_of, worker_cost) is None
    moved = worker_of.copy()
    free = [j for j in range(15) if capacity[j] > 0]
    # Unassigning a client whose worker it prefers to nothing makes that pair blocking.
    i = int(np.flatnonzero(worker_of >= 0)[0])
    moved[i] = -1
    assert km.find_blocking_pair(cost, capacity, moved, worker_cost) is not None
    assert free


def test_assign_one_online() -> None:
    assert km.assign_one(np.array([5, 1, 3]), np.array([1, 1, 1]), np.array([0, 1, 0])) == 2
    assert km.assign_one(np.array([5, 1, 3]), np.array([1, 1, 1]), np.array([1, 1, 1])) is None


def make_clients() -> list[km.MatchingClient]:
    a = kulkija.Client("a", 1950, 272, ["fi", "sv"])
    b = kulkija.Client("b", 1990, 272, ["fi"])
    c = kulkija.Client("c", 1980, 272, ["ar"])
    return [
        km.MatchingClient(a, location=km.GeoPoint(63.84, 23.00)),
        km.MatchingClient(b, location=km.GeoPoint(63.84, 22.70), priority=2),
        km.MatchingClient(c, location=km.GeoPoint(63.84, 23.00)),
    ]


def make_workers() -> list[km.LinkWorker]:
    return [
        km.LinkWorker("west", ["fi"], 272, 1, location=km.GeoPoint(63.84, 22.80), specialisms=["older_people"]),
        km.LinkWorker("east", ["fi", "sv"], 272, 1, location=km.GeoPoint(63.84, 23.20), gender="female"),
    ]


def test_match_returns_a_frame_with_components_and_reasons() -> None:
    policy = km.MatchingPolicy.from_json('{"id": "m", "version": "1", "weights": {"distance": 30, "specialism": 0, '
                                         '"preferences": 0, "continuity": 0, "caseload": 0}}')
    frame = km.match(make_clients(), make_workers(), policy, on=DAY)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["client", "worker", "score", "distance", "specialism", "preferences",
                                   "continuity", "caseload", "language", "distance_km", "reason"]
    assert list(frame["client"]) == ["a", "b", "c"]
    assert list(frame["worker"][:2]) == ["east", "west"]
    assert pd.isna(frame["worker"][2])
    assert frame["reason"][2] == "no link worker meets the hard constraints: no shared language"
    assert frame["score"][0] == pytest.approx(frame["distance"][0])
    assert frame["distance_km"][0] == pytest.approx(km.haversine_km(km.GeoPoint(63.84, 23.0), km.GeoPoint(63.84, 23.2)))
    fi = km.match(make_clients(), make_workers(), policy, on=DAY, lang="fi")
    assert fi["reason"][2] == "yksikään linkkihenkilö ei täytä ehtoja: ei yhteistä kieltä"
    stable = km.stable_match(make_clients(), make_workers(), policy, on=DAY)
    assert list(stable["client"]) == ["a", "b", "c"]


def test_score_pair_explains() -> None:
    score = km.score_pair(km.MatchingPolicy(), make_clients()[0], make_workers()[1], DAY)
    assert score.allowed
    assert [c.component for c in score.components][0] is km.MatchComponent.distance
    assert score.components[0].reason.en.startswith("distance ")
    assert score.total == pytest.approx(sum(c.points for c in score.components))
    excluded = km.score_pair(km.MatchingPolicy(), make_clients()[2], make_workers()[0], DAY)
    assert excluded.exclusions == [km.MatchExclusion.no_shared_language]
    assert km.MatchExclusion.no_shared_language.label("sv") == "inget gemensamt språk"


def test_policy_json_errors_and_pickle() -> None:
    with pytest.raises(kulkija.ParseError) as info:
        km.MatchingPolicy.from_json('{"id": "m", "version": "1", "weights": {"distance": "far"}}')
    assert info.value.path == "$.weights.distance"
    policy = km.MatchingPolicy.from_json('{"id": "m", "version": "2", "unassigned_penalty": 30}')
    assert pickle.loads(pickle.dumps(policy)) == policy
    assert policy.unassigned_penalty == 30
    with pytest.raises(kulkija.InvalidArgument, match="capacity: must be from 0 to 1000"):
        km.LinkWorker("w", ["fi"], 272, 5000)
    with pytest.raises(kulkija.InvalidArgument, match="priority: must be from 1 to 10"):
        km.MatchingClient(kulkija.Client("x", 1950, 272, ["fi"]), priority=0)


def test_match_on_dataframes() -> None:
    clients = pd.DataFrame(
        {
            "client": ["a", "b", "c"],
            "birth_year": [1950, 1990, 1980],
            "municipality": [272, 272, 272],
            "languages": ["fi;sv", "fi", ["ar"]],
            "lat": [63.84, 63.84, 63.84],
            "lon": [23.0, 22.7, 23.0],
            "needs": ["loneliness", None, "integration"],
            "priority": [1, 2, 1],
        }
    )
    workers = pd.DataFrame(
        {
            "worker": ["west", "east"],
            "languages": ["fi", "fi,sv"],
            "municipality": [272, 272],
            "capacity": [1, 1],
            "lat": [63.84, 63.84],
            "lon": [22.8, 23.2],
            "specialisms": ["older_people", None],
            "gender": [None, "female"],
        }
    )
    policy = km.MatchingPolicy.from_json('{"id": "m", "version": "1", "weights": {"distance": 30, "specialism": 0, '
                                         '"preferences": 0, "continuity": 0, "caseload": 0}}')
    from_frames = km.match(clients, workers, policy, on=DAY)
    from_objects = km.match(make_clients(), make_workers(), policy, on=DAY)
    assert list(from_frames["worker"][:2]) == list(from_objects["worker"][:2]) == ["east", "west"]
    assert from_frames["score"][:2].tolist() == pytest.approx(from_objects["score"][:2].tolist())
    parsed = km.workers_from_frame(workers)
    assert parsed[0].specialisms == [km.Specialism.older_people]
    assert parsed[1].gender is kulkija.Gender.female
    assert km.clients_from_frame(clients)[0].client.needs == frozenset({kulkija.Need.loneliness})
    with pytest.raises(kulkija.InvalidArgument, match="capacity: is a required column of the workers frame"):
        km.workers_from_frame(workers.drop(columns="capacity"))
