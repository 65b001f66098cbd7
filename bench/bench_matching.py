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
  capacity) matrix (time includes the expansion).

The optimal costs of kulkija (dense and K-best), LEMON dense and scipy must be equal; the
script checks that. LEMON's sparse optimum is that of the sparse graph only, which may be
higher. This is a benchmark, not a test: ctest does not run it.
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
        costs = {key: v for key, v in row.items() if key.endswith("_cost") and "sparse" not in key}
        equal = len(set(costs.values())) == 1
        ok = ok and equal
        row["optimal_costs_equal"] = equal
        base = float(row["kulkija_py_dense_s"])  # type: ignore[arg-type]
        for peer in ("lemon_dense_s", "scipy_expanded_s"):
            if peer in row:
                row[f"ratio_{peer[:-2]}_over_kulkija_dense"] = round(float(row[peer]) / base, 2)  # type: ignore[arg-type]
        if "lemon_sparse_s" in row:
            row["ratio_lemon_sparse_over_kulkija_k_best"] = round(
                float(row["lemon_sparse_s"]) / float(row["kulkija_py_k_best_s"]), 2  # type: ignore[arg-type]
            )
        print(json.dumps(row))
        sys.stdout.flush()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
