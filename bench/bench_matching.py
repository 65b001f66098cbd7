"""Side-by-side benchmark of the capacitated assignment: kulkija vs LEMON vs scipy.

    PYTHONPATH=build-release/python .venv/bin/python bench/bench_matching.py \\
        [--clients 10000] [--workers 1000] [--capacity 10] [--k 50] [--seed 1] \\
        [--lemon build-release/bin/matching_vs_lemon] [--no-scipy]

Instances (seeded), integer costs, every worker of the same capacity:

- ``uniform``: independent uniform costs 0..1000;
- ``euclidean``: costs = rounded Euclidean distance of random points in a 1000 x 1000 square.

For each instance, in one run:

- kulkija from Python: ``kulkija.matching.assign(cost, capacity)`` (dense, exact),
  ``assign(..., k=K)`` (sparse K-best with a proof of optimality for the whole matrix, or a
  fallback), and ``stable_match(cost, capacity)`` (deferred acceptance, preference lists
  built inside);
- the C++ side (``matching_vs_lemon``, built from bench/matching_vs_lemon.cpp with LEMON):
  kulkija in C++ and LEMON's ``NetworkSimplex`` on the same dense network and on the same
  K-best sparse network (times include building LEMON's graph);
- scipy: ``scipy.optimize.linear_sum_assignment`` on the expanded clients x (workers *
  capacity) matrix (time includes the expansion);
- OR-Tools (``ortools``, when installed; a benchmark dependency pinned in
  requirements-dev.txt): ``SimpleMinCostFlow`` on the same dense network (a supply of 1 at
  each client, a client -> worker arc of capacity 1 for every pair, a worker -> sink arc of
  the worker's capacity), arcs added in bulk from numpy arrays, and on the same K-best sparse
  network. Two times each: end-to-end (from the cost matrix in memory: building the arc
  arrays, adding them, solving) and solve-only (``solve()`` alone).

The optimal costs of kulkija (dense and K-best), LEMON dense, OR-Tools dense and scipy must
be equal; the script checks that. LEMON's and OR-Tools' sparse optima are those of the sparse
graph only, which may be higher (they must equal each other). kulkija's times are
end-to-end from the same matrix. This is a benchmark, not a test: ctest does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

import kulkija.matching as km


def make_costs(kind: str, n: int, w: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind == "uniform":
        return rng.integers(0, 1001, size=(n, w), dtype=np.int64)
    clients = rng.random((n, 2)) * 1000
    workers = rng.random((w, 2)) * 1000
    d = np.sqrt(((clients[:, None, :] - workers[None, :, :]) ** 2).sum(axis=2))
    return np.rint(d).astype(np.int64)


def ortools_min_cost_flow(cost: np.ndarray, capacity: np.ndarray, k: int | None) -> tuple[float, float, int]:
    """OR-Tools SimpleMinCostFlow on the dense (k None) or K-best network: (end-to-end s, solve s, cost)."""
    from ortools.graph.python import min_cost_flow

    t0 = time.perf_counter()
    n, w = cost.shape
    if k is None or k >= w:
        tails = np.repeat(np.arange(n, dtype=np.int32), w)
        heads = np.tile(np.arange(n, n + w, dtype=np.int32), n)
        unit = cost.reshape(-1)
    else:
        best = np.argpartition(cost, k - 1, axis=1)[:, :k]
        tails = np.repeat(np.arange(n, dtype=np.int32), k)
        heads = (best + n).astype(np.int32).reshape(-1)
        unit = np.take_along_axis(cost, best, axis=1).reshape(-1)
    sink = n + w
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, np.ones(tails.size, dtype=np.int64), unit)
    smcf.add_arcs_with_capacity_and_unit_cost(
        np.arange(n, n + w, dtype=np.int32), np.full(w, sink, dtype=np.int32), capacity.astype(np.int64),
        np.zeros(w, dtype=np.int64),
    )
    supplies = np.zeros(n + w + 1, dtype=np.int64)
    supplies[:n] = 1
    supplies[sink] = -n
    smcf.set_nodes_supplies(np.arange(n + w + 1, dtype=np.int32), supplies)
    t1 = time.perf_counter()
    status = smcf.solve()
    t2 = time.perf_counter()
    if status != smcf.OPTIMAL:
        raise SystemExit(f"OR-Tools min cost flow: status {status}")
    return t2 - t0, t2 - t1, int(smcf.optimal_cost())


def timed(f):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = f()
    return time.perf_counter() - t0, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=10000)
    ap.add_argument("--workers", type=int, default=1000)
    ap.add_argument("--capacity", type=int, default=10)
    ap.add_argument("--k", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lemon", default=os.path.join("build-release", "bin", "matching_vs_lemon"))
    ap.add_argument("--no-scipy", action="store_true")
    ap.add_argument("--no-ortools", action="store_true")
    args = ap.parse_args()
    n, w, c, k = args.clients, args.workers, args.capacity, args.k
    capacity = np.full(w, c, dtype=np.int32)
    ok = True
    for kind in ("uniform", "euclidean"):
        cost = make_costs(kind, n, w, args.seed)
        row: dict[str, object] = {"instance": kind, "clients": n, "workers": w, "capacity": c, "k": k}
        t, r = timed(lambda: km.assign(cost, capacity))
        row.update(kulkija_py_dense_s=round(t, 4), kulkija_py_dense_cost=r.total_cost)
        t, rk = timed(lambda: km.assign(cost, capacity, k=k))
        row.update(kulkija_py_k_best_s=round(t, 4), kulkija_py_k_best_cost=rk.total_cost, k_best_method=rk.method)
        t, _ = timed(lambda: km.stable_match(cost, capacity))
        row.update(kulkija_py_stable_s=round(t, 4))
        if os.path.exists(args.lemon):
            with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
                cost.tofile(f)
                path = f.name
            try:
                out = subprocess.run([args.lemon, path, str(n), str(w), str(c), str(k)], check=True,
                                     capture_output=True, text=True).stdout
            finally:
                os.unlink(path)
            row.update(json.loads(out))
        else:
            print(f"(no {args.lemon}: the LEMON side is skipped)", file=sys.stderr)
        if not args.no_scipy:
            def scipy_solve() -> int:
                from scipy.optimize import linear_sum_assignment

                big = np.repeat(cost, capacity, axis=1)
                rows, cols = linear_sum_assignment(big)
                return int(big[rows, cols].sum())

            t, sc = timed(scipy_solve)
            row.update(scipy_expanded_s=round(t, 4), scipy_cost=sc)
        if not args.no_ortools:
            try:
                import ortools

                row["ortools_version"] = ortools.__version__
                e2e, solve, oc = ortools_min_cost_flow(cost, capacity, None)
                row.update(ortools_dense_s=round(e2e, 4), ortools_dense_solve_s=round(solve, 4), ortools_dense_cost=oc)
                e2e, solve, oc = ortools_min_cost_flow(cost, capacity, k)
                row.update(ortools_sparse_s=round(e2e, 4), ortools_sparse_solve_s=round(solve, 4), ortools_sparse_cost=oc)
                if "lemon_sparse_cost" in row and row["lemon_sparse_cost"] != oc:
                    print(f"OR-Tools sparse optimum {oc} differs from LEMON's {row['lemon_sparse_cost']}", file=sys.stderr)
                    ok = False
            except ImportError:
                print("(ortools not installed: OR-Tools is skipped)", file=sys.stderr)
        costs = {key: v for key, v in row.items() if key.endswith("_cost") and "sparse" not in key}
        equal = len(set(costs.values())) == 1
        ok = ok and equal
        row["optimal_costs_equal"] = equal
        base = float(row["kulkija_py_dense_s"])  # type: ignore[arg-type]
        for peer in ("lemon_dense_s", "scipy_expanded_s", "ortools_dense_s", "ortools_dense_solve_s"):
            if peer in row:
                row[f"ratio_{peer[:-2]}_over_kulkija_dense"] = round(float(row[peer]) / base, 2)  # type: ignore[arg-type]
        if "lemon_sparse_s" in row:
            row["ratio_lemon_sparse_over_kulkija_k_best"] = round(
                float(row["lemon_sparse_s"]) / float(row["kulkija_py_k_best_s"]), 2  # type: ignore[arg-type]
            )
        if "ortools_sparse_s" in row:
            row["ratio_ortools_sparse_over_kulkija_k_best"] = round(
                float(row["ortools_sparse_s"]) / float(row["kulkija_py_k_best_s"]), 2  # type: ignore[arg-type]
            )
        row["load_average"] = [round(x, 2) for x in os.getloadavg()]
        print(json.dumps(row))
        sys.stdout.flush()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
