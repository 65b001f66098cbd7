"""Matching with a waiting list: more referrals than places, a penalty for each left over.

    PYTHONPATH=build-release/python .venv/bin/python bench/bench_waiting_list.py \\
        [--referrals 100000] [--workers 2500] [--capacity 20] [--k 16] [--penalty 60000] \\
        [--seed 18] [--repeat 3]

The points are bench_national.py's (referrals and link workers around 37 Finnish towns by
population, a tenth spread over the country), but with the defaults there are half as many
places as referrals (2,500 x 20 = 50,000 for 100,000): a wellbeing area short of link
workers. Each referral lists its K nearest workers (great-circle metres,
``GeographicCost.nearest``); a referral left over costs ``--penalty`` metres (it waits), so
the optimum places the referrals that gain most from a place and leaves the rest.

On that same sparse graph, single thread, alternately ``--repeat`` times:

- kulkija ``assign_sparse(indptr, indices, costs, capacity, unassigned_penalty)``;
- OR-Tools ``SimpleMinCostFlow``: the graph's arcs and a worker -> sink arc of the capacity,
  as in bench_national.py, and a referral -> sink arc at the penalty for waiting; added in
  bulk from numpy arrays. Timed end-to-end from the arrays, and ``solve()`` alone.

Both optimal costs must be equal. Prints JSON: every run, and the median of the per-run
ratios (OR-Tools' time over kulkija's). This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import pathlib
import statistics
import time

import numpy as np

import kulkija.matching as km


def national_points():  # type: ignore[no-untyped-def]
    """bench_national.py's ``instance`` (the same towns and spread)."""
    path = pathlib.Path(__file__).with_name("bench_national.py")
    spec = importlib.util.spec_from_file_location("bench_national", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.instance


def ortools_solve(indptr: np.ndarray, indices: np.ndarray, costs: np.ndarray, capacity: np.ndarray,
                  penalty: np.ndarray) -> tuple[float, float, int]:
    from ortools.graph.python import min_cost_flow

    t0 = time.perf_counter()
    n, w = indptr.size - 1, capacity.size
    sink = n + w
    tails = np.repeat(np.arange(n, dtype=np.int32), np.diff(indptr))
    flow = min_cost_flow.SimpleMinCostFlow()
    flow.add_arcs_with_capacity_and_unit_cost(tails, (indices + n).astype(np.int32),
                                              np.ones(tails.size, dtype=np.int64), costs)
    flow.add_arcs_with_capacity_and_unit_cost(np.arange(n, n + w, dtype=np.int32), np.full(w, sink, dtype=np.int32),
                                              capacity.astype(np.int64), np.zeros(w, dtype=np.int64))
    flow.add_arcs_with_capacity_and_unit_cost(np.arange(n, dtype=np.int32), np.full(n, sink, dtype=np.int32),
                                              np.ones(n, dtype=np.int64), penalty)
    supplies = np.zeros(n + w + 1, dtype=np.int64)
    supplies[:n] = 1
    supplies[sink] = -n
    flow.set_nodes_supplies(np.arange(n + w + 1, dtype=np.int32), supplies)
    t1 = time.perf_counter()
    if flow.solve() != flow.OPTIMAL:
        raise SystemExit("OR-Tools min cost flow: not optimal")
    t2 = time.perf_counter()
    return t2 - t0, t2 - t1, int(flow.optimal_cost())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--referrals", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2_500)
    parser.add_argument("--capacity", type=int, default=20)
    parser.add_argument("--k", type=int, default=16)
    parser.add_argument("--penalty", type=int, default=60_000, help="metres; the cost of leaving a referral over")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    p = national_points()(args.referrals, args.workers, args.seed)
    indptr, indices, costs = km.GeographicCost(p["rlat"], p["rlon"], p["wlat"], p["wlon"]).nearest(args.k)
    capacity = np.full(args.workers, args.capacity, dtype=np.int32)
    penalty = np.full(args.referrals, args.penalty, dtype=np.int64)

    runs = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        r = km.assign_sparse(indptr, indices, costs, capacity, penalty)
        ours = time.perf_counter() - t0
        theirs, theirs_solve, theirs_cost = ortools_solve(indptr, indices, costs, capacity, penalty)
        if theirs_cost != r.total_cost:
            raise SystemExit(f"optimal costs differ: kulkija {r.total_cost}, OR-Tools {theirs_cost}")
        runs.append({"kulkija_s": round(ours, 4), "ortools_s": round(theirs, 4), "ortools_solve_s": round(theirs_solve, 4),
                     "ratio": round(theirs / ours, 2), "ratio_solve_only": round(theirs_solve / ours, 2),
                     "cost": r.total_cost, "left_over": r.unassigned})
    print(json.dumps({
        "referrals": args.referrals, "workers": args.workers, "capacity": args.capacity, "k": args.k,
        "penalty": args.penalty, "seed": args.seed, "pairs": int(indices.size), "runs": runs,
        "ratio_per_run_median": statistics.median(run["ratio"] for run in runs),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }, indent=1))


if __name__ == "__main__":
    main()
