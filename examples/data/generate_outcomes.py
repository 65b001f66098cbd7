#!/usr/bin/env python3
"""Generates the sample region's synthetic outcome data from its referrals.

Writes, next to ``referrals.csv`` and ``events.csv`` (which it only reads):

- ``measurements.csv``: SWEMWBS, UCLA 3-item and ONS4 answers at the start (first contact),
  the end (closure) and the follow-up (3 months after a completed support, when that day has
  come by 2026-11-20, the reporting day) of every referral that reached first contact;
- ``visits.csv``: social- and health-care visits of every client from 2025-06-01 to
  2026-11-20, fewer after a completed or discontinued support;
- ``meetings.csv``: the link workers' meetings, weekly from the first contact to the closure
  (or to 2026-11-20 for open referrals), outside pauses, some cancelled or missed.

Everything is synthetic and reproducible: the same seed gives the same files. It uses only
the standard library, so ``python3 generate_outcomes.py`` runs anywhere.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import math
import random
from pathlib import Path

SEED = 20260601
FIRST_DAY = dt.date(2025, 6, 1)
LAST_DAY = dt.date(2026, 11, 20)  # the region's reporting day (region.json as_of)
OPEN_UNTIL = LAST_DAY  # the last meeting day of referrals still open
VISIT_RATES = {  # visits per 30 days before support
    "gp_visit": 0.55,
    "nurse_visit": 0.8,
    "emergency_visit": 0.12,
    "social_work_visit": 0.35,
}
INSTRUMENT_ITEMS = {"swemwbs": (7, 1, 5), "ucla3": (3, 1, 3), "ons4": (4, 0, 10)}


def local_day(text: str) -> dt.date:
    """The local day of an ISO timestamp with an offset (the sample's times are Finnish local times)."""
    return dt.datetime.fromisoformat(text).date()


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; the means here are small)."""
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def clamp(x: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, round(x)))


def answers(rng: random.Random, instrument: str, level: float) -> list[int]:
    """Answers around `level` in 0..1 (1 = best wellbeing) for an instrument."""
    n, lo, hi = INSTRUMENT_ITEMS[instrument]
    if instrument == "ucla3":  # loneliness: higher is worse
        return [clamp(lo + (1 - level) * (hi - lo) + rng.gauss(0, 0.5), lo, hi) for _ in range(n)]
    if instrument == "ons4":  # the fourth item, anxiety, is higher when worse
        values = [clamp(level * 10 + rng.gauss(0, 1.2), lo, hi) for _ in range(3)]
        return [*values, clamp((1 - level) * 10 + rng.gauss(0, 1.2), lo, hi)]
    return [clamp(lo + level * (hi - lo) + rng.gauss(0, 0.6), lo, hi) for _ in range(n)]


def read_referrals(folder: Path) -> tuple[dict[str, str], dict[str, list[dict[str, str]]]]:
    with (folder / "referrals.csv").open(encoding="utf-8", newline="") as f:
        clients = {row["referral_id"]: row["client_id"] for row in csv.DictReader(f)}
    events: dict[str, list[dict[str, str]]] = {r: [] for r in clients}
    with (folder / "events.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            events[row["referral_id"]].append(row)
    return clients, events


def summary(rows: list[dict[str, str]]) -> dict[str, object]:
    """First contact, closure and pauses of one referral's events."""
    first_contact = closed = None
    state = ""
    pauses: list[tuple[dt.date, dt.date]] = []
    paused_from = None
    for e in rows:
        day = local_day(e["at"])
        if e["event"] == "first_contact" and first_contact is None:
            first_contact = day
        if e["event"] == "pause":
            paused_from = day
        if e["event"] == "resume" and paused_from is not None:
            pauses.append((paused_from, day))
            paused_from = None
        if e["event"] in ("complete", "discontinue", "reject", "cancel"):
            closed, state = day, e["event"]
    if paused_from is not None:
        pauses.append((paused_from, LAST_DAY))
    return {"first_contact": first_contact, "closed": closed, "end": state, "pauses": pauses}


def generate(folder: Path, seed: int = SEED) -> None:
    rng = random.Random(seed)
    clients, events = read_referrals(folder)
    measurements: list[list[str]] = []
    meetings: list[list[str]] = []
    effect: dict[str, tuple[dt.date, float]] = {}  # client -> (day support ended, visit-rate factor)
    for referral, rows in sorted(events.items()):
        s = summary(rows)
        start = s["first_contact"]
        if start is None:
            continue
        baseline = rng.uniform(0.25, 0.5)
        gain = rng.uniform(0.05, 0.3) if s["end"] == "complete" else rng.uniform(-0.1, 0.1)
        points = [("start", start, baseline)]
        if s["closed"] is not None:
            points.append(("end", s["closed"], baseline + gain))
            follow_up = s["closed"] + dt.timedelta(days=91)
            if s["end"] == "complete" and follow_up <= LAST_DAY:
                points.append(("follow_up", follow_up, baseline + gain * rng.uniform(0.6, 1.0)))
            effect[clients[referral]] = (s["closed"], rng.uniform(0.55, 0.8) if s["end"] == "complete" else 0.95)
        for point, day, level in points:
            for instrument in INSTRUMENT_ITEMS:
                a = answers(rng, instrument, min(max(level, 0.0), 1.0))
                measurements.append([referral, instrument, point, day.isoformat(), ";".join(map(str, a))])
        # meetings: weekly from the first contact, outside pauses, at most 12 attended
        last = s["closed"] if s["closed"] is not None else OPEN_UNTIL
        day, attended = start, 0
        while day <= last and attended < 12:
            if not any(a <= day <= b for a, b in s["pauses"]):
                outcome = "attended" if day == start else rng.choices(["attended", "cancelled", "no_show"], [8, 1, 1])[0]
                attended += outcome == "attended"
                mode = rng.choice(["in_person", "in_person", "phone", "group_activity"])
                meetings.append([referral, day.isoformat(), mode, outcome])
            day += dt.timedelta(days=7 + rng.randint(-1, 2))
    visits: list[list[str]] = []
    for client in sorted(set(clients.values())):
        scale = rng.uniform(0.6, 1.6)
        month = FIRST_DAY
        while month <= LAST_DAY:
            for kind, rate in VISIT_RATES.items():
                factor = 1.0
                if client in effect and month > effect[client][0]:
                    factor = effect[client][1]
                for _ in range(poisson(rng, rate * scale * factor)):
                    day = month + dt.timedelta(days=rng.randint(0, 29))
                    if day <= LAST_DAY:
                        visits.append([client, day.isoformat(), kind])
            month += dt.timedelta(days=30)
    visits.sort()
    write(folder / "measurements.csv", ["referral_id", "instrument", "point", "day", "answers"], measurements)
    write(folder / "visits.csv", ["client_id", "day", "kind"], visits)
    write(folder / "meetings.csv", ["referral_id", "day", "mode", "outcome"], meetings)


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=Path(__file__).parent / "sample-region")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    generate(args.folder, args.seed)


if __name__ == "__main__":
    main()
