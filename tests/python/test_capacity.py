"""kulkija.capacity: the capacity simulation agrees exactly with a plain discrete-event
simulation written here (heapq, numpy's busday_offset, Python month arithmetic) on seeded
random small cases; the generated inflows follow their documented algorithms; and the plan
meets its target with the fewest workers."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
import heapq
import math
import random
import threading
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import kulkija
from kulkija import capacity
from kulkija.calendar import ClosureDay, FinnishCalendar
from kulkija.matching import WorkerKind
from kulkija.support import Length, Policy

KINDS = ("professional", "volunteer", "peer_supporter")
RANK = {"asap": 0, "urgent": 1, "routine": 2}

# ---------------------------------------------------------------- the oracle


@dataclass
class Model:
    """Everything the oracle needs, in plain Python values."""

    start: dt.date
    months: int
    deadline: tuple[int, str] = (10, "business_days")
    max_length: tuple[int, str] = (12, "weeks")
    extension: tuple[int, str] = (6, "weeks")
    max_extensions: int = 1
    contact_after: tuple[int, str] = (2, "business_days")
    early: tuple[int, str] = (4, "weeks")
    order: str = "priority_then_arrival"
    warm_up: int = 0
    weekmask: str = "1111100"
    closures: list[dt.date] = field(default_factory=list)

    def calendar(self) -> FinnishCalendar:
        return FinnishCalendar(weekmask=self.weekmask, closures=[ClosureDay(d, "Suljettu") for d in self.closures])

    def policy(self) -> Policy:
        return Policy(
            first_contact=Length(*self.deadline),
            max_length=Length(*self.max_length),
            extension_length=Length(*self.extension),
            max_extensions=self.max_extensions,
        )

    def keywords(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "months": self.months,
            "policy": self.policy(),
            "calendar": self.calendar(),
            "contact_after": Length(*self.contact_after),
            "early_length": Length(*self.early),
            "order": self.order,
            "warm_up_months": self.warm_up,
        }


def add_months(d: dt.date, n: int) -> dt.date:
    """Boost's month arithmetic: from a month's last day to the last day of the month."""
    y, m = divmod(d.month - 1 + n, 12)
    y, m = d.year + y, m + 1
    last = pycalendar.monthrange(y, m)[1]
    if d.day == pycalendar.monthrange(d.year, d.month)[1]:
        return dt.date(y, m, last)
    return dt.date(y, m, min(d.day, last))


class Oracle:
    """A plain discrete-event simulation of the documented model: events in a heap (places
    opening, referrals arriving, places freed), the queue in a heap, and at each event day as
    many waiting referrals given places as there are free ones."""

    def __init__(self, model: Model, referrals: list[tuple[dt.date, str, str]], workforce: list[tuple[str, int, int, int]]):
        self.model = model
        self.refs = referrals
        self.workforce = workforce
        self.holidays = model.calendar().days_off(dt.date(1990, 1, 1), dt.date(2060, 12, 31))
        self.month_first = [add_months(model.start, m) for m in range(model.months + 1)]
        self.run()

    def add(self, d: dt.date, length: tuple[int, str]) -> dt.date:
        n, unit = length
        if unit == "days":
            return d + dt.timedelta(days=n)
        if unit == "weeks":
            return d + dt.timedelta(weeks=n)
        if unit == "months":
            return add_months(d, n)
        day = np.busday_offset(np.datetime64(d, "D"), n, roll="forward", weekmask=self.model.weekmask,
                               holidays=self.holidays)
        return day.astype(dt.date)

    def run(self) -> None:
        m = self.model
        self.due = [self.add(a, m.deadline) for a, _, _ in self.refs]
        self.last = max([self.month_first[-1] - dt.timedelta(days=1), *self.due])
        places = [w * c for _, w, c, _ in self.workforce]
        held = [0] * len(self.workforce)
        opened = [False] * len(self.workforce)
        events: list[tuple[dt.date, int, str, int]] = []
        seq = 0
        for g, group in enumerate(self.workforce):
            heapq.heappush(events, (self.month_first[group[3]], seq, "open", g))
            seq += 1
        for i, (arrived, _, _) in enumerate(self.refs):
            heapq.heappush(events, (arrived, seq, "arrive", i))
            seq += 1
        waiting: list[tuple[int, dt.date, int]] = []
        self.trace: list[dict[str, Any]] = [{"assigned": None, "contact": None, "end": None, "group": -1} for _ in self.refs]
        self.snapshots: list[tuple[dt.date, int, list[int]]] = []
        while events and events[0][0] <= self.last:
            day = events[0][0]
            while events and events[0][0] == day:
                _, _, what, x = heapq.heappop(events)
                if what == "open":
                    opened[x] = True
                elif what == "release":
                    held[x] -= 1
                else:
                    arrived, urgency, _ = self.refs[x]
                    heapq.heappush(waiting, (0 if m.order == "arrival" else RANK[urgency], arrived, x))
            while waiting:
                free = [g for g in range(len(places)) if opened[g] and held[g] < places[g]]
                if not free:
                    break
                g = min(free, key=lambda g: (Fraction(held[g], places[g]), g))
                _, _, i = heapq.heappop(waiting)
                contact = self.add(day, m.contact_after)
                outcome = self.refs[i][2]
                if outcome == "ended_early":
                    end = self.add(contact, m.early)
                else:
                    end = self.add(contact, m.max_length)
                    if outcome == "extended":
                        for _ in range(m.max_extensions):
                            end = self.add(end, m.extension)
                end = max(end, day + dt.timedelta(days=1))
                self.trace[i] = {"assigned": day, "contact": contact, "end": end, "group": g}
                held[g] += 1
                heapq.heappush(events, (end, seq, "release", g))
                seq += 1
            self.snapshots.append((day, len(waiting), list(held)))

    # -------------------------------------------------------------- tables from the trace

    def state_at(self, day: dt.date) -> tuple[int, list[int]]:
        before = [s for s in self.snapshots if s[0] <= day]
        return (before[-1][1], before[-1][2]) if before else (0, [0] * len(self.workforce))

    def within(self, i: int) -> bool:
        contact = self.trace[i]["contact"]
        return contact is not None and contact <= self.due[i]

    def months(self) -> list[dict[str, Any]]:
        rows = []
        for m in range(self.model.months):
            first, nxt = self.month_first[m], self.month_first[m + 1]
            inside = lambda d: d is not None and first <= d < nxt  # noqa: E731
            contacts = [i for i, t in enumerate(self.trace) if inside(t["contact"])]
            waits = sorted((self.trace[i]["contact"] - self.refs[i][0]).days for i in contacts)
            queue, held = self.state_at(nxt - dt.timedelta(days=1))
            row = {
                "month": first,
                "arrivals": sum(1 for a, _, _ in self.refs if inside(a)),
                "assigned": sum(1 for t in self.trace if inside(t["assigned"])),
                "first_contacts": len(contacts),
                "within_deadline": sum(1 for i in contacts if self.within(i)),
                "mean_wait_days": sum(waits) / len(waits) if waits else math.nan,
                "p90_wait_days": float(waits[math.ceil(0.9 * len(waits)) - 1]) if waits else math.nan,
                "queue_at_end": queue,
                "in_support_at_end": sum(held),
            }
            row["share_within_deadline"] = row["within_deadline"] / len(contacts) if contacts else math.nan
            for kind in KINDS:
                groups = [g for g, w in enumerate(self.workforce) if w[0] == kind]
                if not groups:
                    continue
                started = [g for g in groups if self.workforce[g][3] <= m]
                open_days = sum(
                    self.workforce[g][1] * self.workforce[g][2] * max(0, (nxt - max(first, self.month_first[self.workforce[g][3]])).days)
                    for g in groups
                )
                held_days = sum(
                    max(0, (min(t["end"], nxt) - max(t["assigned"], first)).days)
                    for t in self.trace
                    if t["group"] in groups
                )
                row[f"workers_{kind}"] = sum(self.workforce[g][1] for g in started)
                row[f"places_{kind}"] = sum(self.workforce[g][1] * self.workforce[g][2] for g in started)
                row[f"caseload_{kind}"] = sum(held[g] for g in groups)
                row[f"utilisation_{kind}"] = held_days / open_days if open_days else math.nan
            rows.append(row)
        return rows

    def summary(self) -> dict[str, Any]:
        counted = [i for i, (a, _, _) in enumerate(self.refs) if a >= self.month_first[self.model.warm_up]]
        waits = sorted((self.trace[i]["contact"] - self.refs[i][0]).days for i in counted if self.trace[i]["contact"])
        within = sum(1 for i in counted if self.within(i))
        return {
            "clients": len(counted),
            "within_deadline": within,
            "not_contacted": sum(1 for i in counted if self.trace[i]["assigned"] is None),
            "share_within_deadline": within / len(counted) if counted else math.nan,
            "mean_wait_days": sum(waits) / len(waits) if waits else math.nan,
            "p90_wait_days": float(waits[math.ceil(0.9 * len(waits)) - 1]) if waits else math.nan,
            "max_queue": max((s[1] for s in self.snapshots), default=0),
            "last_day": self.last,
        }


# ---------------------------------------------------------------- random small cases


def random_length(rng: random.Random, choices: list[tuple[str, int, int]]) -> tuple[int, str]:
    unit, lo, hi = rng.choice(choices)
    return rng.randint(lo, hi), unit


def random_case(seed: int) -> tuple[Model, list[tuple[dt.date, str, str]], list[tuple[str, int, int, int]]]:
    rng = random.Random(seed)
    start = dt.date(rng.choice([2025, 2026, 2027]), rng.randint(1, 12), 1)
    months = rng.randint(1, 4)
    model = Model(
        start=start,
        months=months,
        deadline=random_length(rng, [("days", 0, 20), ("business_days", 0, 15), ("weeks", 0, 3), ("months", 0, 1)]),
        max_length=random_length(rng, [("days", 1, 60), ("weeks", 1, 10), ("months", 1, 3)]),
        extension=random_length(rng, [("days", 1, 20), ("weeks", 1, 4), ("months", 1, 2)]),
        max_extensions=rng.randint(0, 2),
        contact_after=random_length(rng, [("days", 0, 5), ("business_days", 0, 5), ("weeks", 0, 1)]),
        early=random_length(rng, [("days", 0, 20), ("weeks", 0, 3), ("months", 0, 1)]),
        order=rng.choice(["priority_then_arrival", "arrival"]),
        warm_up=rng.randint(0, months - 1),
    )
    if rng.random() < 0.3:  # a region that works on Saturdays and closes on some days
        model.weekmask = "1111110"
        model.closures = sorted({start + dt.timedelta(days=rng.randint(0, 120)) for _ in range(3)})
    end = add_months(start, months)
    span = (end - start).days
    referrals = sorted(
        ((start + dt.timedelta(days=rng.randrange(span)), rng.choice(["routine", "routine", "urgent", "asap"]),
          rng.choice(["completed", "ended_early", "extended"])) for _ in range(rng.randint(0, 25))),
        key=lambda r: rng.random(),  # in no particular order: kulkija keeps the order given
    )
    workforce = [
        (rng.choice(KINDS), rng.randint(0, 3), rng.randint(1, 3), rng.randint(0, months - 1))
        for _ in range(rng.randint(0, 3))
    ]
    return model, referrals, workforce


def frame_of(referrals: list[tuple[dt.date, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(referrals, columns=["arrived", "urgency", "outcome"])


def day(value: Any) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


@pytest.mark.parametrize("seed", range(80))
def test_simulation_agrees_with_a_plain_discrete_event_simulation(seed: int) -> None:
    model, referrals, workforce = random_case(seed)
    oracle = Oracle(model, referrals, workforce)

    clients = capacity.simulate_clients(frame_of(referrals), workforce, **model.keywords())
    assert len(clients) == len(referrals)
    for i, row in enumerate(clients.itertuples()):
        t = oracle.trace[i]
        assert day(row.arrived) == referrals[i][0]
        assert day(row.due) == oracle.due[i], f"referral {i}: due"
        assert day(row.assigned) == t["assigned"], f"referral {i}: assigned"
        assert day(row.first_contact) == t["contact"], f"referral {i}: first contact"
        assert day(row.ends) == t["end"], f"referral {i}: end"
        assert row.group == t["group"]
        assert bool(row.within_deadline) == oracle.within(i)

    months = capacity.simulate(frame_of(referrals), workforce, **model.keywords())
    expected = oracle.months()
    assert len(months) == len(expected)
    for got, want in zip(months.to_dict("records"), expected, strict=True):
        assert set(got) == set(want)
        for key, value in want.items():
            got_value = day(got[key]) if key == "month" else got[key]
            assert same(got_value, value), f"{want['month']} {key}: {got_value} != {value}"

    summary = months.attrs["summary"]
    for key, value in oracle.summary().items():
        assert same(summary[key], value), f"summary {key}: {summary[key]} != {value}"


def test_the_random_cases_cover_the_model() -> None:
    """The seeds above reach waiting, missed deadlines, priorities, late groups and every unit."""
    waited = missed = late_groups = 0
    units: set[str] = set()
    for seed in range(80):
        model, referrals, workforce = random_case(seed)
        oracle = Oracle(model, referrals, workforce)
        waited += sum(1 for i, t in enumerate(oracle.trace) if t["assigned"] and t["assigned"] > referrals[i][0])
        missed += sum(1 for i in range(len(referrals)) if not oracle.within(i))
        late_groups += sum(1 for g in workforce if g[3] > 0)
        units |= {model.deadline[1], model.max_length[1], model.contact_after[1], model.early[1]}
    assert waited > 50 and missed > 50 and late_groups > 10
    assert units == {"days", "business_days", "weeks", "months"}


# ---------------------------------------------------------------- generated referrals


def test_even_referrals_follow_the_documented_rule() -> None:
    per_month = [12.4, 0.0, 7.7, 31.0, 1.5]
    shares = {"urgent_share": 0.15, "asap_share": 0.05, "ended_early_share": 0.25, "extended_share": 0.1}
    frame = capacity.referrals(dt.date(2026, 11, 1), per_month, **shares)
    assert frame.attrs == {"start": dt.date(2026, 11, 1), "months": 5}
    expected = []
    running, before, i = 0.0, 0, 0
    for m, rate in enumerate(per_month):
        first = add_months(dt.date(2026, 11, 1), m)
        days = pycalendar.monthrange(first.year, first.month)[1]
        running += rate
        rounded = math.floor(running + 0.5)
        n, before = rounded - before, rounded
        for k in range(n):
            u = (i + 1) * 0.6180339887498949 % 1.0
            v = (i + 1) * 0.41421356237309515 % 1.0
            urgency = "routine" if u < 1 - 0.15 - 0.05 else "urgent" if u < 1 - 0.05 else "asap"
            outcome = "completed" if v < 1 - 0.25 - 0.1 else "ended_early" if v < 1 - 0.1 else "extended"
            expected.append((first + dt.timedelta(days=(2 * k + 1) * days // (2 * n)), urgency, outcome))
            i += 1
    got = [(day(a), u, o) for a, u, o in frame.itertuples(index=False)]
    assert got == expected
    assert len(got) == 53  # 12.4 + 7.7 + 31 + 1.5 = 52.6, rounded


def uniforms(seed: int):  # noqa: ANN201
    """SplitMix64's doubles in [0, 1) from the top 53 bits."""
    mask = (1 << 64) - 1
    state = seed
    while True:
        state = (state + 0x9E3779B97F4A7C15) & mask
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        z ^= z >> 31
        yield (z >> 11) * 2.0**-53


def poisson(mean: float, u: Any) -> int:
    total, rest = 0, mean
    while rest > 0:
        step = min(rest, 30.0)
        rest -= step
        limit, p, k = math.exp(-step), 1.0, 0
        while True:
            k += 1
            p *= next(u)
            if not p > limit:
                break
        total += k - 1
    return total


def test_poisson_referrals_follow_the_documented_generator() -> None:
    per_month = [3.0, 45.5, 0.0, 12.0]
    frame = capacity.referrals(dt.date(2026, 2, 1), per_month, pattern="poisson", seed=2026, urgent_share=0.3,
                               extended_share=0.2)
    u = uniforms(2026)
    expected = []
    for m, rate in enumerate(per_month):
        first = add_months(dt.date(2026, 2, 1), m)
        days = pycalendar.monthrange(first.year, first.month)[1]
        month = []
        for _ in range(poisson(rate, u)):
            offset = min(int(next(u) * days), days - 1)
            a, b = next(u), next(u)
            urgency = "routine" if a < 1 - 0.3 else "urgent" if a < 1 else "asap"
            outcome = "completed" if b < 1 - 0.2 else "ended_early" if b < 1 - 0.2 else "extended"
            month.append((first + dt.timedelta(days=offset), urgency, outcome))
        expected += sorted(month, key=lambda r: r[0])  # stable: draws of one day keep their order
    got = [(day(a), u_, o) for a, u_, o in frame.itertuples(index=False)]
    assert got == expected
    assert len(got) > 40
    again = capacity.referrals(dt.date(2026, 2, 1), per_month, pattern="poisson", seed=2026, urgent_share=0.3,
                               extended_share=0.2)
    pd.testing.assert_frame_equal(again, frame)
    other = capacity.referrals(dt.date(2026, 2, 1), per_month, pattern=capacity.ArrivalPattern.poisson, seed=7)
    assert not other["arrived"].equals(frame["arrived"])


def test_bad_inflows_name_the_field() -> None:
    with pytest.raises(kulkija.InvalidArgument, match=r"inflow\.start: must be the first day of a month") as e:
        capacity.referrals(dt.date(2026, 1, 15), [10])
    assert e.value.id == kulkija.ErrorId.invalid_date
    with pytest.raises(kulkija.InvalidArgument, match=r"inflow\.per_month\[1\]") as e:
        capacity.referrals(dt.date(2026, 1, 1), [10, -1])
    assert e.value.field == "inflow.per_month[1]"
    with pytest.raises(kulkija.InvalidArgument, match=r"inflow\.asap_share: urgent_share \+ asap_share"):
        capacity.referrals(dt.date(2026, 1, 1), [10], urgent_share=0.8, asap_share=0.3)
    with pytest.raises(kulkija.ParseError, match="poisson"):
        capacity.referrals(dt.date(2026, 1, 1), [10], pattern="random")


# ---------------------------------------------------------------- inputs and outputs


def test_workforce_forms_and_output_columns() -> None:
    refs = capacity.referrals(dt.date(2026, 1, 1), [30, 30, 30], urgent_share=0.2, ended_early_share=0.3)
    as_tuples = [("professional", 2, 8), (WorkerKind.volunteer, 4, 2, 1)]
    as_frame = pd.DataFrame({"kind": ["professional", "volunteer"], "workers": [2, 4], "caseload_limit": [8, 2],
                             "start_month": [0, 1]})
    as_dicts = [{"kind": "professional", "workers": 2, "caseload_limit": 8},
                {"kind": "volunteer", "workers": 4, "caseload_limit": 2, "start_month": 1}]
    months = capacity.simulate(refs, as_tuples)
    pd.testing.assert_frame_equal(capacity.simulate(refs, as_frame), months)
    pd.testing.assert_frame_equal(capacity.simulate(refs, as_dicts), months)
    assert list(months.columns) == [
        "month", "arrivals", "assigned", "first_contacts", "within_deadline", "share_within_deadline",
        "mean_wait_days", "p90_wait_days", "queue_at_end", "in_support_at_end",
        "workers_professional", "places_professional", "caseload_professional", "utilisation_professional",
        "workers_volunteer", "places_volunteer", "caseload_volunteer", "utilisation_volunteer",
    ]
    assert list(months["workers_volunteer"]) == [0, 4, 4]
    assert list(months["places_professional"]) == [16, 16, 16]
    assert months["arrivals"].sum() == 90
    assert set(months.attrs["summary"]) == {"clients", "within_deadline", "not_contacted", "share_within_deadline",
                                            "mean_wait_days", "p90_wait_days", "max_queue", "last_day"}
    clients = capacity.simulate_clients(refs, as_tuples)
    assert list(clients.columns) == ["arrived", "urgency", "outcome", "due", "assigned", "first_contact", "ends",
                                     "wait_days", "group", "kind", "counted", "within_deadline"]
    assert set(clients["kind"].dropna()) <= {"professional", "volunteer"}
    assert (clients.loc[clients["group"] == 1, "assigned"] >= pd.Timestamp("2026-02-01")).all()
    # start and months come from the arrivals when the frame has no attrs
    plain = pd.DataFrame({"arrived": [dt.date(2026, 3, 5), dt.date(2026, 5, 30)]})
    table = capacity.simulate(plain, as_tuples)
    assert [day(m) for m in table["month"]] == [dt.date(2026, 3, 1), dt.date(2026, 4, 1), dt.date(2026, 5, 1)]


def test_bad_input_names_the_field() -> None:
    refs = capacity.referrals(dt.date(2026, 1, 1), [5, 5])
    with pytest.raises(kulkija.InvalidArgument, match=r"workforce\[1\]\.caseload_limit: must be from 1 to 1000") as e:
        capacity.simulate(refs, [("professional", 1, 5), ("volunteer", 1, 0)])
    assert e.value.field == "workforce[1].caseload_limit"
    with pytest.raises(kulkija.InvalidArgument, match=r"workforce\[0\]\.start_month"):
        capacity.simulate(refs, [("volunteer", 1, 2, 2)])
    with pytest.raises(kulkija.ParseError, match="worker kind"):
        capacity.simulate(refs, [("therapist", 1, 2)])
    with pytest.raises(kulkija.InvalidArgument, match=r"workforce: lacks the column\(s\) caseload_limit"):
        capacity.simulate(refs, pd.DataFrame({"kind": ["volunteer"], "workers": [1]}))
    with pytest.raises(kulkija.InvalidArgument, match=r"workforce\[0\]: has unknown keys limit"):
        capacity.simulate(refs, [{"kind": "volunteer", "workers": 1, "caseload_limit": 2, "limit": 3}])
    with pytest.raises(kulkija.InvalidArgument, match=r"referrals\[0\]\.arrived: must be within the horizon"):
        capacity.simulate(refs, [("volunteer", 1, 2)], start=dt.date(2026, 2, 1), months=1)
    with pytest.raises(kulkija.InvalidArgument, match=r"options\.contact_after: must be from 0 to"):
        capacity.simulate(refs, [("volunteer", 1, 2)], contact_after=Length(800, "days"))
    with pytest.raises(kulkija.InvalidArgument, match=r"options\.warm_up_months"):
        capacity.simulate(refs, [("volunteer", 1, 2)], warm_up_months=2)
    with pytest.raises(kulkija.ParseError, match="queue order"):
        capacity.simulate(refs, [("volunteer", 1, 2)], order="lifo")
    with pytest.raises(kulkija.InvalidArgument, match=r"start: must be given"):
        capacity.simulate(pd.DataFrame({"arrived": pd.Series([], dtype="datetime64[s]")}), [])
    with pytest.raises(kulkija.InvalidArgument, match=r"hires\[0\]\.weight"):
        capacity.plan(refs, [("volunteer", 2, 0.0)])
    with pytest.raises(kulkija.InvalidArgument, match=r"target_share: must be above 0 and at most 1"):
        capacity.plan(refs, ("volunteer", 2), target=1.2)


def test_the_simulation_releases_the_gil() -> None:
    refs = capacity.referrals(dt.date(2000, 1, 1), [400.0] * 240, urgent_share=0.2)
    counter = [0]
    stop = threading.Event()

    def count() -> None:
        while not stop.is_set():
            counter[0] += 1

    thread = threading.Thread(target=count)
    thread.start()
    try:
        time.sleep(0.05)
        columns = capacity._columns(refs, None, None)  # convert first: only the C++ run is measured
        groups = capacity._workforce([("professional", 60, 10)])
        before = counter[0]
        started = time.perf_counter()
        capacity._simulate(**columns, workforce=groups)
        elapsed = time.perf_counter() - started
        during = counter[0] - before
    finally:
        stop.set()
        thread.join()
    assert elapsed > 0.02, "the simulation was too quick to tell"
    assert during > 1000, f"the counting thread ran only {during} times in {elapsed:.3f} s"


# ---------------------------------------------------------------- planning


def shares_by_added(refs: pd.DataFrame, hires: list[tuple[str, int, float]], up_to: int, **keywords: Any) -> list[float]:
    table = capacity.sweep(refs, hires, range(up_to + 1), **keywords)
    return list(table["share_within_deadline"])


@pytest.mark.parametrize("seed", range(6))
def test_plan_meets_the_target_with_the_fewest_workers_first_come_first_served(seed: int) -> None:
    rng = random.Random(seed)
    refs = capacity.referrals(dt.date(2026, 1, 1), [rng.uniform(5, 30) for _ in range(6)], pattern="poisson",
                              seed=seed, urgent_share=0.3, ended_early_share=0.3, extended_share=0.2)
    hires = [("volunteer", rng.randint(1, 3), 2.0), ("professional", rng.randint(4, 8), 1.0)]
    base = [("peer_supporter", rng.randint(0, 2), 2, rng.randint(0, 5))]
    target = rng.choice([0.8, 0.9, 0.95])
    answer = capacity.plan(refs, hires, base=base, target=target, order="arrival")
    n = answer.attrs["added_workers"]
    assert answer.attrs["search"] == "bisection"
    assert answer.attrs["share_within_deadline"] >= target
    shares = shares_by_added(refs, hires, n + 5, base=base, order="arrival")
    assert all(a <= b for a, b in zip(shares, shares[1:])), f"not monotone: {shares}"
    assert shares[n] >= target
    assert n == 0 or shares[n - 1] < target
    assert answer.attrs["share_with_one_fewer"] == (shares[n - 1] if n else None)
    assert answer.attrs["simulations"] <= 2 * math.ceil(math.log2(n + 2)) + 3
    # the rows per kind add up, and simulating the planned workforce gives the same share
    assert answer["added_workers"].sum() == n
    assert answer.loc[answer["kind"] == "peer_supporter", "base_workers"].item() == base[0][1]
    assert list(answer["places"]) == [
        sum(w * c for k, w, c, _ in answer.attrs["workforce"] if k == kind) for kind in answer["kind"]
    ]
    again = capacity.simulate(refs, answer.attrs["workforce"], order="arrival").attrs["summary"]
    assert again["share_within_deadline"] == answer.attrs["share_within_deadline"]
    one_fewer = capacity.apportion_hires(hires, n - 1) if n else None
    if one_fewer is not None:
        fewer = [tuple(base[0])] + [(k, c, lim, 0) for (k, lim, _), c in zip(hires, one_fewer, strict=True)]
        assert capacity.simulate(refs, fewer, order="arrival").attrs["summary"]["share_within_deadline"] < target


@pytest.mark.parametrize("seed", range(4))
def test_plan_with_priorities_scans_and_finds_the_first_count_that_meets(seed: int) -> None:
    refs = capacity.referrals(dt.date(2026, 1, 1), [15, 25, 20, 10], pattern="poisson", seed=100 + seed,
                              urgent_share=0.3, asap_share=0.1, ended_early_share=0.4)
    answer = capacity.plan(refs, ("volunteer", 2), target=0.85)
    n = answer.attrs["added_workers"]
    assert answer.attrs["search"] == "linear_scan"
    shares = shares_by_added(refs, [("volunteer", 2, 1.0)], n)
    assert [s >= 0.85 for s in shares].index(True) == n
    assert answer.attrs["summary"]["share_within_deadline"] == shares[n]


def test_more_workers_can_meet_fewer_deadlines_with_priorities() -> None:
    """The kept case of the C++ tests, here through both kulkija and the oracle."""
    start = dt.date(2026, 1, 1)
    rows = [(3, "routine", "completed"), (9, "urgent", "ended_early"), (3, "urgent", "ended_early"),
            (8, "urgent", "ended_early"), (2, "asap", "ended_early"), (5, "routine", "completed"),
            (6, "asap", "ended_early")]
    referrals = [(start + dt.timedelta(days=d), u, o) for d, u, o in rows]
    model = Model(start=start, months=1, deadline=(2, "days"), max_length=(8, "days"), contact_after=(1, "days"),
                  early=(1, "days"))
    within = []
    for workers in range(4):
        workforce = [("professional", workers, 1, 0)]
        summary = capacity.simulate(frame_of(referrals), workforce, **model.keywords()).attrs["summary"]
        assert summary["within_deadline"] == Oracle(model, referrals, workforce).summary()["within_deadline"]
        within.append(summary["within_deadline"])
    assert within == [0, 5, 4, 7]
    keywords = model.keywords()
    del keywords["order"]
    answer = capacity.plan(frame_of(referrals), ("professional", 1), target=6 / 7, **keywords)
    assert answer.attrs["added_workers"] == 3
    assert answer.attrs["search"] == "linear_scan"
    fifo = capacity.plan(frame_of(referrals), ("professional", 1), target=6 / 7, order="arrival", **keywords)
    assert fifo.attrs["search"] == "bisection"


def test_unreachable_target_says_so() -> None:
    refs = capacity.referrals(dt.date(2026, 1, 1), [10, 10])
    with pytest.raises(kulkija.InvalidArgument, match="target_share: cannot be met: even if nobody waited") as e:
        capacity.plan(refs, ("volunteer", 3), contact_after=Length(11, "business_days"))
    assert e.value.id == kulkija.ErrorId.invalid_value


def test_apportion_hires_is_nested() -> None:
    hires = [("volunteer", 3, 3.0), ("professional", 10, 1.0), ("peer_supporter", 2, 1.0)]
    previous = [0, 0, 0]
    for n in range(1, 40):
        counts = capacity.apportion_hires(hires, n)
        assert sum(counts) == n
        assert all(a >= b for a, b in zip(counts, previous, strict=True))
        previous = counts
    assert capacity.apportion_hires(hires, 25) == [15, 5, 5]


def test_plots(tmp_path: Any) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kulkija import plotting

    refs = capacity.referrals(dt.date(2026, 1, 1), [30] * 6)
    months = capacity.simulate(refs, [("volunteer", 10, 3)])
    ax = plotting.plot_capacity(months, target=0.9)
    assert ax.get_ylabel() == "share within the deadline"
    assert len(ax.lines) == 2  # the share and the target
    ax.figure.savefig(tmp_path / "months.png")
    curve = capacity.sweep(refs, ("volunteer", 3), range(0, 30, 3), base=[("professional", 1, 10)])
    ax = plotting.plot_capacity_sweep(curve, target=0.9)
    labels = ax.get_legend_handles_labels()[1]
    first = curve.loc[curve["share_within_deadline"] >= 0.9, "added_workers"].iloc[0]
    assert f"{first} added workers" in labels
    ax.figure.savefig(tmp_path / "sweep.png")
    assert (tmp_path / "sweep.png").stat().st_size > 1000
    plt.close("all")


def test_workforce_of_the_sample_region_counts_the_matchable_workers() -> None:
    from kulkija import io
    from kulkija.matching import MatchingPolicy, standing_of

    region = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample-region"
    workers = io.with_training(
        io.link_workers_from_csv((region / "link_workers.csv").read_text()),
        io.training_from_csv((region / "training.csv").read_text()),
    )
    policy = MatchingPolicy.from_json((region / "matching-policy.json").read_text())
    on = dt.date(2026, 11, 20)
    groups = capacity.workforce_of(workers, policy, on=on)
    assert list(groups.columns) == ["kind", "workers", "caseload_limit", "start_month"]
    standings = [standing_of(policy, w, on) for w in workers]
    matchable = [s for s in standings if s.matchable and s.capacity > 0]
    assert 0 < len(matchable) < len(workers)  # the sample region has a lapsed course and an overdue supervision
    assert groups["workers"].sum() == len(matchable)
    assert (groups["workers"] * groups["caseload_limit"]).sum() == sum(s.capacity for s in matchable)
    # the groups are a workforce the simulation takes as it is
    refs = capacity.referrals(dt.date(2026, 12, 1), [30] * 6)
    assert len(capacity.simulate(refs, groups)) == 6
