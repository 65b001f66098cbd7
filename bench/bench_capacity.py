"""Side-by-side benchmark: the capacity simulation against a plain Python discrete-event
simulation of the same model.

    PYTHONPATH=build-release/python .venv/bin/python bench/bench_capacity.py [--months M] [--per-month N]

The peer is what an analyst would write instead: the heapq simulation that the tests use as
their oracle (tests/python/test_capacity.py, events and the queue in heaps, business days by
numpy.busday_offset). Both run the same region (a seeded inflow, three kinds of worker) and
must give the same first contacts; the script checks that and prints the times and the
ratio. Also timed: plan() for the fewest workers that keep 90% of first contacts within the
deadline. This is a benchmark, not a test: it is not run by ctest.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "python"))

from test_capacity import Model, Oracle, frame_of  # noqa: E402  (the tests' oracle)

from kulkija import capacity  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--per-month", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    rng = random.Random(2026)
    model = Model(start=dt.date(2026, 1, 1), months=args.months)
    days = (dt.date(2026 + args.months // 12, 1 + args.months % 12, 1) - model.start).days
    referrals = [
        (model.start + dt.timedelta(days=rng.randrange(days)), rng.choice(["routine"] * 6 + ["urgent"] * 3 + ["asap"]),
         rng.choice(["completed"] * 6 + ["ended_early"] * 3 + ["extended"]))
        for _ in range(args.months * args.per_month)
    ]
    workforce = [("professional", 6, 12, 0), ("volunteer", 10, 4, 0), ("peer_supporter", 6, 3, 3)]
    frame = frame_of(referrals)

    def best(fn):  # type: ignore[no-untyped-def]
        out, seconds = None, float("inf")
        for _ in range(args.repeat):
            t = time.perf_counter()
            out = fn()
            seconds = min(seconds, time.perf_counter() - t)
        return seconds, out

    ours, clients = best(lambda: capacity.simulate_clients(frame, workforce, **model.keywords()))
    theirs, oracle = best(lambda: Oracle(model, referrals, workforce))
    for i, row in enumerate(clients.itertuples()):
        want = oracle.trace[i]["contact"]
        got = None if row.first_contact != row.first_contact else row.first_contact.date()
        if got != want:
            raise SystemExit(f"referral {i}: kulkija {got}, the plain simulation {want}")
    hires = [("professional", 12, 1.0), ("volunteer", 4, 2.0)]
    keywords = {k: v for k, v in model.keywords().items() if k != "order"}
    planned, answer = best(
        lambda: capacity.plan(frame, hires, base=[("peer_supporter", 6, 3, 3)], target=0.9, order="arrival", **keywords)
    )
    print(f"{len(referrals):,} referrals over {args.months} months, {sum(w for _, w, _, _ in workforce)} workers; "
          f"first contacts identical; best of {args.repeat}")
    print(f"{'contender':38s} {'seconds':>9s} {'kulkija is':>11s}")
    print(f"{'kulkija simulate_clients':38s} {ours:9.4f}")
    print(f"{'plain Python discrete-event (heapq)':38s} {theirs:9.4f} {theirs / ours:10.1f}x")
    print(f"{'kulkija plan (first come first served)':38s} {planned:9.4f}   "
          f"{answer.attrs['added_workers']} workers added in {answer.attrs['simulations']} simulations, "
          f"{answer.attrs['share_within_deadline']:.3f} within the deadline")


if __name__ == "__main__":
    main()
