"""The geographic and sparse forms of the assignment (issue 18): a 1/100 scale of the national
instance against scipy on the expanded dense matrix, geographic against dense, CSR against
dense, stable matching on geography, and bad input."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from scipy.optimize import linear_sum_assignment

import kulkija
import kulkija.matching as km


def clustered(n: int, w: int, towns: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Referral and worker points clustered around towns in Finland's bounding box."""
    rng = np.random.default_rng(seed)
    centre = np.column_stack([rng.uniform(59.7, 70.1, towns), rng.uniform(19.1, 31.6, towns)])
    weight = 1.0 / np.arange(1, towns + 1)
    weight /= weight.sum()

    def draw(count: int) -> tuple[np.ndarray, np.ndarray]:
        at = centre[rng.choice(towns, size=count, p=weight)]
        lat = np.clip(at[:, 0] + rng.normal(0, 0.15, count), 59.7, 70.1)
        lon = np.clip(at[:, 1] + rng.normal(0, 0.3, count), 19.1, 31.6)
        return lat, lon

    rlat, rlon = draw(n)
    wlat, wlon = draw(w)
    return rlat, rlon, wlat, wlon


@pytest.fixture(scope="module")
def hundredth() -> km.GeographicCost:
    return km.GeographicCost(*clustered(1000, 50, 12, 18))


def test_hundredth_of_the_national_size_equals_scipy(hundredth: km.GeographicCost) -> None:
    capacity = np.full(50, 20, dtype=np.int32)
    r = km.assign(hundredth, capacity, k=4)
    dense = hundredth.matrix()
    big = np.repeat(dense, capacity, axis=1)
    rows, cols = linear_sum_assignment(big)
    assert r.total_cost == int(big[rows, cols].sum())
    assert r.unassigned == 0
    assert r.method in ("sparse_proved", "sparse_extended")
    # The certificate, checked here over every pair.
    price = r.worker_price
    u = dense[np.arange(1000), r.worker_of] + price[r.worker_of]
    assert np.all(dense + price[None, :] >= u[:, None])
    load = np.bincount(r.worker_of, minlength=50)
    assert np.all((price == 0) | (load == capacity))
    assert km.assignment_cost(dense, capacity, r.worker_of) == r.total_cost


def test_geographic_equals_dense_on_the_same_costs(hundredth: km.GeographicCost) -> None:
    dense = hundredth.matrix()
    for k in (1, 8, 50):
        assert km.assign(hundredth, 20, k=k).total_cost == km.assign(dense, 20).total_cost
    penalty = np.full(1000, 60_000)
    geo = km.assign(hundredth, 15, penalty, k=3)
    assert geo.total_cost == km.assign(dense, 15, penalty).total_cost
    assert geo.unassigned >= 250
    assert dense[0, 7] == hundredth.cost(0, 7)
    assert hundredth.cost(0, 7) == round(1000 * km.haversine_km(
        km.GeoPoint(*_point(hundredth, 0, True)), km.GeoPoint(*_point(hundredth, 7, False))))


def _point(cost: km.GeographicCost, index: int, referral: bool) -> tuple[float, float]:
    rlat, rlon, wlat, wlon = clustered(1000, 50, 12, 18)
    return (rlat[index], rlon[index]) if referral else (wlat[index], wlon[index])


def test_the_returned_graph_holds_the_optimum(hundredth: km.GeographicCost) -> None:
    r, (indptr, indices, costs) = km.assign(hundredth, 20, k=4, return_graph=True)
    assert indices.size == r.candidate_pairs
    again = km.assign_sparse(indptr, indices, costs, np.full(50, 20))
    assert again.method == "sparse_graph"
    assert again.total_cost == r.total_cost


def test_csr_equals_dense() -> None:
    rng = np.random.default_rng(4)
    cost = rng.integers(0, 1000, size=(300, 40))
    cost_f = cost.astype(float)
    cost_f[rng.random(cost.shape) < 0.3] = np.inf
    capacity = rng.integers(5, 12, size=40)
    indptr, indices, costs = km.k_cheapest(km._as_cost(cost_f, "cost"), 40)
    dense = km.assign(cost_f, capacity, 2000)
    sparse = km.assign_sparse(indptr, indices, costs, capacity, 2000)
    assert sparse.total_cost == dense.total_cost
    scipy_sparse = pytest.importorskip("scipy.sparse")
    matrix = scipy_sparse.csr_matrix((costs, indices, indptr), shape=(300, 40))
    assert km.assign_sparse(matrix, None, None, capacity, 2000).total_cost == dense.total_cost
    # The nearest graph equals k_cheapest on the dense matrix.
    geo = km.GeographicCost(*clustered(200, 30, 5, 2))
    a = geo.nearest(6)
    b = km.k_cheapest(geo.matrix(), 6)
    for x, y in zip(a, b):
        np.testing.assert_array_equal(x, y)


def test_stable_match_on_geography_equals_the_dense_form(hundredth: km.GeographicCost) -> None:
    dense = hundredth.matrix()
    geo = km.stable_match(hundredth, 20)
    np.testing.assert_array_equal(geo, km.stable_match(dense, 20))
    assert km.find_blocking_pair(dense, np.full(50, 20, dtype=np.int32), geo) is None
    near = km.stable_match(hundredth, 20, unassigned_penalty=40_000)
    np.testing.assert_array_equal(near, km.stable_match(dense, 20, unassigned_penalty=40_000))


def test_pickle_and_repr(hundredth: km.GeographicCost) -> None:
    assert pickle.loads(pickle.dumps(hundredth)) == hundredth
    assert repr(hundredth) == "<GeographicCost referrals=1000 workers=50>"


def test_bad_input_names_the_field_and_rule() -> None:
    ok = np.array([60.0, 61.0])
    with pytest.raises(kulkija.InvalidArgument, match=r"referral_lat\[1\]: must be a finite latitude from -90 to 90 degrees, got nan"):
        km.GeographicCost([60.0, np.nan], ok, ok, ok)
    with pytest.raises(ValueError, match=r"worker_lon\[0\]: must be a finite longitude from -180 to 180 degrees, got 200"):
        km.GeographicCost(ok, ok, ok, [200.0, 25.0])
    with pytest.raises(kulkija.InvalidArgument, match=r"worker_lat\[1\]: must be a finite latitude .* got 91"):
        km.GeographicCost(ok, ok, [60.0, 91.0], ok)
    with pytest.raises(kulkija.InvalidArgument, match=r"referral_lon: must have one value per referral \(2, the length of referral_lat\), got 3"):
        km.GeographicCost(ok, [1.0, 2.0, 3.0], ok, ok)
    geo = km.GeographicCost(ok, ok, ok, ok)
    with pytest.raises(kulkija.InvalidArgument, match=r"capacity\[1\]: must be at least 0, got -1"):
        km.assign(geo, [1, -1])
    with pytest.raises(kulkija.InvalidArgument, match=r"capacity: must have one value per worker \(2\), got 3"):
        km.assign(geo, [1, 1, 1])
    with pytest.raises(kulkija.InvalidArgument, match=r"k: must be at least 1"):
        km.assign(geo, 1, k=0)
    with pytest.raises(kulkija.InvalidArgument, match=r"capacity: client 1 cannot be assigned") as info:
        km.assign(geo, [1, 0])
    assert info.value.id == kulkija.ErrorId.matching_infeasible
    with pytest.raises(kulkija.InvalidArgument, match=r"indices\[1\]: must be a worker from 0 to 2 - 1, got 5"):
        km.assign_sparse([0, 1, 2], [0, 5], [1, 2], [1, 1])
    with pytest.raises(kulkija.InvalidArgument, match=r"indptr\[0\]: must be 0, got 1"):
        km.assign_sparse([1, 2], [0, 1], [1, 2], [1, 1])
    with pytest.raises(kulkija.InvalidArgument, match=r"costs: must hold whole numbers"):
        km.assign_sparse([0, 1], [0], [1.5], [1])
    with pytest.raises(kulkija.InvalidArgument, match=r"capacity\[0\]: must be at least 0"):
        km.stable_match(geo, [-1, 1])
