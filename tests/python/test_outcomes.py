"""kulkija.outcomes: instruments against the published SWEMWBS table, Student's t against
scipy, and every KPI against a plain pandas (or numpy) computation on random data."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

import kulkija
import kulkija.outcomes as o
from kulkija.calendar import FinnishCalendar

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample-region"

# The published SWEMWBS raw-to-metric conversion (Warwick Medical School; Stewart-Brown et al. 2009).
SWEMWBS_TABLE = dict(
    zip(
        range(7, 36),
        [7.00, 9.51, 11.25, 12.40, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25,
         19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.70, 32.55, 35.00],
        strict=True,
    )
)


# ---------------------------------------------------------------- instruments


def test_swemwbs_scores_follow_the_published_table() -> None:
    for raw, metric in SWEMWBS_TABLE.items():
        assert o.swemwbs_metric_score(raw) == metric
    rng = np.random.default_rng(1)
    answers = rng.integers(1, 6, size=(500, 7)).astype(float)
    scores = o.swemwbs().score_batch(answers)["total"]
    expected = [SWEMWBS_TABLE[int(s)] for s in answers.sum(axis=1)]
    np.testing.assert_array_equal(scores, expected)
    assert o.swemwbs().score([3] * 7) == {"total": 19.25}


def test_builtin_instruments_and_thresholds() -> None:
    ids = [i.id for i in o.builtin_instruments()]
    assert ids == ["swemwbs", "wemwbs", "ucla3", "ons4"]
    assert o.wemwbs().raw_range("total") == (14, 70)
    assert o.ucla3().raw_range("total") == (3, 9)
    assert [s.id for s in o.ons4().scales] == ["life_satisfaction", "worthwhile", "happiness", "anxiety"]
    assert o.ons4().scale("anxiety").direction is o.ScoreDirection.lower_is_better
    for instrument in o.builtin_instruments():
        for scale in instrument.scales:
            assert scale.meaningful_change > 0 and scale.threshold_source
    assert pickle.loads(pickle.dumps(o.swemwbs())) == o.swemwbs()
    assert o.Instrument.from_json(o.ons4().to_json()) == o.ons4()
    with pytest.raises(kulkija.NotFound):
        o.builtin_instrument("phq9")


def test_bad_answers_name_the_item_and_row() -> None:
    with pytest.raises(kulkija.InvalidArgument, match=r"swemwbs\.relaxed: the answer must be from 1 to 5, got 7") as e:
        o.swemwbs().score([1, 2, 7, 1, 1, 1, 1])
    assert e.value.id == kulkija.ErrorId.invalid_measurement
    assert e.value.field == "swemwbs.relaxed"
    with pytest.raises(kulkija.InvalidArgument, match=r"ucla3\.isolated: row 1: the answer is missing"):
        o.ucla3().score_batch(np.array([[1, 2, 3], [1, 2, np.nan]]))
    frame = pd.DataFrame(
        {
            "referral_id": ["R-1", "R-2"],
            "instrument": ["ons4", "ons4"],
            "point": ["start", "start"],
            "day": pd.to_datetime(["2026-01-05", "2026-01-06"]),
            "answers": ["5;5;5;5", "5;11;5;5"],
        },
        index=[10, 11],
    )
    with pytest.raises(kulkija.InvalidArgument, match=r"ons4\.worthwhile: measurements\[11\]: the answer must be from 0 to 10, got 11"):
        o.score_measurements(frame)
    frame.loc[11, "answers"] = "5;5;5"
    with pytest.raises(kulkija.InvalidArgument, match=r"measurements\[11\]\.answers: instrument 'ons4' has 4 items, got 3"):
        o.score_measurements(frame)


def test_region_instrument_from_json_with_missing_items() -> None:
    own = o.Instrument.from_json(
        """{"id": "osallisuus", "items": [{"id": "a", "min": 0, "max": 4}, {"id": "b", "min": 0, "max": 4, "reversed": true},
        {"id": "c", "min": 0, "max": 4}], "scales": [{"id": "total", "items": ["a", "b", "c"], "max_missing": 1,
        "meaningful_change": 2, "threshold_source": "own"}]}"""
    )
    assert own.score([4, 0, None]) == {"total": 12.0}
    with pytest.raises(kulkija.ParseError, match=r"at \$\.scales\[0\]\.items\[0\]: names no item: 'x'"):
        o.Instrument.from_json('{"id": "x", "items": [{"id": "a"}], "scales": [{"id": "t", "items": ["x"]}]}')


# ---------------------------------------------------------------- Student's t and change


def test_t_quantile_and_incomplete_beta_match_scipy() -> None:
    rng = np.random.default_rng(2)
    for p, df in zip(rng.uniform(1e-4, 1 - 1e-4, 300), rng.uniform(0.5, 300, 300), strict=True):
        assert o.student_t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-9, abs=1e-12)
        t = stats.t.ppf(p, df)
        assert o.student_t_cdf(t, df) == pytest.approx(p, rel=1e-9)
    for a, b, x in zip(rng.uniform(0.1, 50, 100), rng.uniform(0.1, 50, 100), rng.uniform(0, 1, 100), strict=True):
        assert o.regularized_incomplete_beta(a, b, x) == pytest.approx(special.betainc(a, b, x), rel=1e-9, abs=1e-13)


def test_paired_change_matches_a_scipy_t_interval() -> None:
    rng = np.random.default_rng(3)
    before = rng.normal(20, 4, 40)
    after = before + rng.normal(1.5, 3, 40)
    s = o.paired_change(before, after, 3.0, "higher_is_better", confidence=0.9)
    d = after - before
    low, high = stats.t.interval(0.9, len(d) - 1, loc=d.mean(), scale=stats.sem(d))
    assert s.n == 40
    assert s.mean_change == pytest.approx(d.mean())
    assert s.sd_change == pytest.approx(d.std(ddof=1))
    assert (s.ci_low, s.ci_high) == (pytest.approx(low), pytest.approx(high))
    assert s.improved == int((d >= 3).sum())
    assert s.worsened == int((d <= -3).sum())
    assert s.share_improved == pytest.approx((d >= 3).mean())
    with pytest.raises(kulkija.InvalidArgument, match="after: must have as many scores as before"):
        o.paired_change(before, after[:-1], 3.0, "higher_is_better")


def random_measurements(rng: np.random.Generator, n: int) -> pd.DataFrame:
    rows = []
    for i in range(n):
        for point in rng.choice(["start", "end", "follow_up"], size=rng.integers(1, 4), replace=False):
            answers = rng.integers(1, 6, 7)
            rows.append((f"R-{i:03d}", "swemwbs", point, dt.date(2026, 3, 1), ";".join(map(str, answers))))
            rows.append((f"R-{i:03d}", "ucla3", point, dt.date(2026, 3, 1), ";".join(map(str, rng.integers(1, 4, 3)))))
    return pd.DataFrame(rows, columns=["referral_id", "instrument", "point", "day", "answers"])


def test_wellbeing_change_equals_plain_pandas() -> None:
    rng = np.random.default_rng(4)
    m = random_measurements(rng, 120)
    for instrument, convert, threshold, sign in (
        ("swemwbs", SWEMWBS_TABLE.__getitem__, 3.0, 1),
        ("ucla3", float, 1.0, -1),
    ):
        got = o.wellbeing_change(m, instrument, start="start", end="end")
        plain = m[m["instrument"] == instrument].copy()
        plain["score"] = [convert(sum(map(int, a.split(";")))) for a in plain["answers"]]
        wide = plain.pivot(index="referral_id", columns="point", values="score").dropna(subset=["start", "end"])
        expected_change = (wide["end"] - wide["start"]).sort_index()
        np.testing.assert_allclose(got["change"].to_numpy(), expected_change.to_numpy())
        assert list(got["referral_id"]) == list(expected_change.index)
        better = sign * expected_change
        expected_category = np.where(better >= threshold - 1e-9, "improved", np.where(-better >= threshold - 1e-9, "worsened", "unchanged"))
        assert list(got["category"]) == list(expected_category)
        summary = o.wellbeing_summary(m, instrument).iloc[0]
        assert summary["n"] == len(expected_change)
        assert summary["mean_change"] == pytest.approx(expected_change.mean())
        assert summary["share_improved"] == pytest.approx((expected_category == "improved").mean())


def test_wellbeing_change_rejects_a_second_measurement_at_a_point() -> None:
    m = random_measurements(np.random.default_rng(5), 5)
    m = pd.concat([m, m.iloc[[0]]], ignore_index=True)
    with pytest.raises(kulkija.InvalidArgument, match=r"measurements\[\d+\]: referral 'R-000' has a second 'swemwbs' measurement"):
        o.wellbeing_change(m, "swemwbs", start=m.iloc[0]["point"], end="follow_up" if m.iloc[0]["point"] != "follow_up" else "end")


# ---------------------------------------------------------------- random referral histories

WORKERS = ["LW-1", "LW-2", "LW-3", "LW-4"]


def random_events(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Random histories along the lifecycle, at 10:00 Finnish winter time (so the local day is the date)."""
    rows = []

    def add(ref: str, event: str, day: dt.date, reason: str = "", worker: str = "") -> None:
        rows.append((ref, event, f"{day.isoformat()}T10:00:00+02:00", reason, worker))

    for i in range(n):
        ref = f"R-{i:04d}"
        day = dt.date(2026, 1, 2) + dt.timedelta(days=int(rng.integers(0, 60)))
        add(ref, "issue", day)
        fate = rng.random()
        day += dt.timedelta(days=int(rng.integers(0, 4)))
        if fate < 0.1:
            add(ref, "reject", day, str(rng.choice(["not_eligible", "out_of_area", "needs_medical_care"])))
            continue
        if fate < 0.15:
            add(ref, "cancel", day, "client_declined")
            continue
        add(ref, "accept", day)
        if rng.random() < 0.1:
            continue
        day += dt.timedelta(days=int(rng.integers(0, 3)))
        add(ref, "assign", day, worker=str(rng.choice(WORKERS)))
        r = rng.random()
        if r < 0.1:
            add(ref, "discontinue", day + dt.timedelta(days=int(rng.integers(5, 30))), "could_not_contact")
            continue
        if r < 0.2:
            continue
        day += dt.timedelta(days=int(rng.integers(0, 25)))
        add(ref, "first_contact", day)
        if rng.random() < 0.2:
            day += dt.timedelta(days=int(rng.integers(1, 20)))
            add(ref, "reassign", day, "worker_on_leave", str(rng.choice(WORKERS)))
        r = rng.random()
        day += dt.timedelta(days=int(rng.integers(20, 100)))
        if r < 0.55:
            add(ref, "complete", day, str(rng.choice(["goals_reached", "support_period_ended"])))
        elif r < 0.8:
            add(ref, "discontinue", day, str(rng.choice(["client_withdrew", "no_contact"])))
    frame = pd.DataFrame(rows, columns=["referral_id", "event", "at", "reason", "link_worker_id"])
    return frame.replace({"": pd.NA}).astype("string")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return random_events(np.random.default_rng(6), 400)


@pytest.fixture(scope="module")
def milestones(events: pd.DataFrame) -> pd.DataFrame:
    return o.referral_milestones(events)


def first_day(events: pd.DataFrame, event: str) -> pd.Series:
    e = events[events["event"] == event]
    return pd.to_datetime(e["at"].str[:10]).groupby(e["referral_id"]).min()


def test_funnel_equals_plain_pandas(events: pd.DataFrame, milestones: pd.DataFrame) -> None:
    got = o.funnel(milestones).set_index("stage")
    # plain Python sets per referral (agg(set) on pyarrow-backed strings gives pyarrow lists)
    has = pd.Series({rid: set(group.tolist()) for rid, group in events.groupby("referral_id")["event"]}, dtype=object)
    reached = {
        "requested": has.map(lambda s: "issue" in s),
        "accepted": has.map(lambda s: "accept" in s),
        "assigned": has.map(lambda s: "assign" in s),
        "first_contact": has.map(lambda s: "first_contact" in s),
        "completed": has.map(lambda s: "complete" in s),
    }
    closing = {"reject", "cancel", "complete", "discontinue"}
    closed = has.map(lambda s: bool(s & closing))
    previous = None
    for i, stage in enumerate(o.STAGES):
        assert got.loc[stage, "reached"] == reached[stage].sum(), stage
        exact = reached[stage] & (~reached[o.STAGES[i + 1]] if i + 1 < len(o.STAGES) else True)
        assert got.loc[stage, "open"] == (exact & ~closed).sum(), stage
        dropped = exact & closed & ~reached["completed"]
        assert got.loc[stage, "dropped"] == dropped.sum(), stage
        assert got.loc[stage, "share_of_requested"] == pytest.approx(reached[stage].sum() / len(has))
        if previous is not None:
            assert got.loc[stage, "conversion"] == pytest.approx(reached[stage].sum() / previous)
        previous = reached[stage].sum()


def test_dropouts_and_closures_equal_plain_pandas(events: pd.DataFrame, milestones: pd.DataFrame) -> None:
    last = events.groupby("referral_id").tail(1)
    ended = last[last["event"].isin(["complete", "discontinue"])]
    plain = (
        ended.assign(state=ended["event"].map({"complete": "completed", "discontinue": "discontinued"}))
        .groupby(["state", "reason"])
        .size()
    )
    got = o.closures(milestones).set_index(["state", "reason"])["referrals"]
    assert got.sort_index().to_dict() == plain.sort_index().to_dict()
    dropped = last[last["event"].isin(["reject", "cancel", "discontinue"])]
    assert o.dropout_reasons(milestones)["referrals"].sum() == len(dropped)
    by_reason = o.dropout_reasons(milestones).groupby("reason")["referrals"].sum().to_dict()
    assert by_reason == dropped.groupby("reason").size().to_dict()


def test_first_contact_times_equal_numpy_business_days(events: pd.DataFrame, milestones: pd.DataFrame) -> None:
    cal = FinnishCalendar()
    holidays = np.array(cal.days_off(dt.date(2025, 1, 1), dt.date(2027, 12, 31)), dtype="datetime64[D]")
    accepted = first_day(events, "accept")
    contacted = first_day(events, "first_contact")
    both = pd.concat({"a": accepted, "c": contacted}, axis=1).dropna()
    days = np.busday_count(both["a"].to_numpy("datetime64[D]"), both["c"].to_numpy("datetime64[D]"), holidays=holidays)
    due = np.busday_offset(both["a"].to_numpy("datetime64[D]"), 10, roll="forward", holidays=holidays)
    within = both["c"].to_numpy("datetime64[D]") <= due
    got = o.first_contact_times(milestones).iloc[0]
    assert got["accepted"] == len(accepted)
    assert got["contacted"] == len(both)
    assert got["median"] == pytest.approx(np.median(days))
    assert got["p90"] == pytest.approx(np.percentile(days, 90))
    assert got["share_within_deadline"] == pytest.approx(within.mean())
    per_row = milestones.set_index("referral_id").loc[both.index]
    np.testing.assert_array_equal(per_row["business_days_to_first_contact"].to_numpy(int), days)
    # per link worker
    by = o.first_contact_times(milestones, by="link_worker_id")
    assert by["contacted"].sum() == len(both)


def test_caseload_equals_plain_pandas(events: pd.DataFrame) -> None:
    days = pd.date_range("2026-01-15", "2026-07-15", freq="14D")
    got = o.caseload(events, days, capacity=10)
    e = events.assign(day=pd.to_datetime(events["at"].str[:10]))
    for day in days:
        for worker in WORKERS:
            count = 0
            for _, g in e[e["day"] <= day].groupby("referral_id"):
                holder = None
                for _, row in g.iterrows():
                    if row["event"] in ("assign", "reassign"):
                        holder = row["link_worker_id"]
                    elif row["event"] in ("complete", "discontinue", "cancel", "reject"):
                        holder = None
                count += holder == worker
            row = got[(got["day"] == day) & (got["link_worker_id"] == worker)].iloc[0]
            assert row["caseload"] == count, (day, worker)
            assert row["utilisation"] == pytest.approx(count / 10)


def test_referral_counts_equal_plain_pandas(milestones: pd.DataFrame) -> None:
    rng = np.random.default_rng(7)
    needs = ["loneliness", "unemployment", "bereavement", "mental_wellbeing"]
    referrals = pd.DataFrame(
        {
            "referral_id": milestones["referral_id"],
            "client_id": [f"C-{i}" for i in range(len(milestones))],
            "professional_id": rng.choice(["P-1", "P-2", "P-3"], len(milestones)),
            "needs": [";".join(rng.choice(needs, rng.integers(1, 3), replace=False)) for _ in range(len(milestones))],
        }
    )
    clients = pd.DataFrame({"client_id": referrals["client_id"], "municipality": rng.choice(["272", "217", "074"], len(milestones))})
    professionals = pd.DataFrame({"professional_id": ["P-1", "P-2", "P-3"], "sector": ["health_care", "social_services", "health_care"]})
    ov = o.referral_overview(referrals, milestones, clients, professionals)
    month = o.referral_counts(ov, "month").set_index("month")["referrals"].to_dict()
    assert month == milestones["requested_on"].dt.strftime("%Y-%m").value_counts().to_dict()
    sector = o.referral_counts(ov, "sector").set_index("sector")["referrals"].to_dict()
    assert sector == referrals["professional_id"].map({"P-1": "health_care", "P-2": "social_services", "P-3": "health_care"}).value_counts().to_dict()
    need = o.referral_counts(ov, "need").set_index("need")["referrals"].to_dict()
    assert need == {n: int(referrals["needs"].str.split(";").map(lambda x, n=n: n in x).sum()) for n in needs if referrals["needs"].str.contains(n).any()}
    municipality = o.referral_counts(ov, "municipality").set_index("municipality")["referrals"].to_dict()
    assert municipality == clients["municipality"].value_counts().to_dict()
    with pytest.raises(kulkija.InvalidArgument, match="by: must be month, sector, municipality or need"):
        o.referral_counts(ov, "colour")


def test_meetings_per_period_equals_crosstab() -> None:
    rng = np.random.default_rng(8)
    meetings = pd.DataFrame(
        {
            "referral_id": rng.choice([f"R-{i}" for i in range(30)], 400),
            "day": pd.Timestamp("2026-02-01"),
            "outcome": rng.choice(["attended", "cancelled", "no_show"], 400, p=[0.8, 0.1, 0.1]),
        }
    )
    got = o.meetings_per_period(meetings).set_index("referral_id")
    plain = pd.crosstab(meetings["referral_id"], meetings["outcome"])
    for outcome in ("attended", "cancelled", "no_show"):
        assert got[outcome].to_dict() == plain[outcome].to_dict()
    assert (got["planned"] == plain.sum(axis=1)).all()
    meetings.loc[3, "outcome"] = "late"
    with pytest.raises(kulkija.InvalidArgument, match=r"meetings\[3\]\.outcome: must be attended, cancelled or no_show"):
        o.meetings_per_period(meetings)


def test_visit_windows_and_cost_equal_plain_pandas(milestones: pd.DataFrame) -> None:
    rng = np.random.default_rng(9)
    overview = milestones.assign(client_id=[f"C-{i}" for i in range(len(milestones))])
    kinds = ["gp_visit", "nurse_visit", "emergency_visit"]
    n = 5000
    visits = pd.DataFrame(
        {
            "client_id": rng.choice(overview["client_id"], n),
            "day": pd.Timestamp("2025-06-01") + pd.to_timedelta(rng.integers(0, 600, n), unit="D"),
            "kind": rng.choice(kinds, n),
        }
    )
    w = 90
    got = o.visit_windows(visits, overview, w, as_of="2027-01-20")
    ended = overview[overview["state"].isin(["completed", "discontinued"]) & overview["first_contact_on"].notna()]
    ended = ended[ended["closed_on"] + pd.Timedelta(days=w) <= pd.Timestamp("2027-01-20")]
    merged = visits.merge(ended[["client_id", "referral_id", "first_contact_on", "closed_on"]], on="client_id")
    before = merged[(merged["day"] >= merged["first_contact_on"] - pd.Timedelta(days=w)) & (merged["day"] < merged["first_contact_on"])]
    after = merged[(merged["day"] > merged["closed_on"]) & (merged["day"] <= merged["closed_on"] + pd.Timedelta(days=w))]
    assert set(got["referral_id"]) == set(ended["referral_id"])
    assert len(got) == len(ended) * len(kinds)
    g = got.set_index(["referral_id", "kind"])
    for (ref, kind), count in before.groupby(["referral_id", "kind"]).size().items():
        assert g.loc[(ref, kind), "before"] == count
    for (ref, kind), count in after.groupby(["referral_id", "kind"]).size().items():
        assert g.loc[(ref, kind), "after"] == count
    assert got["before"].sum() == len(before) and got["after"].sum() == len(after)

    effect = o.visit_effect(got).set_index("kind")
    assert effect.loc["total", "change"] == len(after) - len(before)
    assert effect.loc["total", "mean_before"] == pytest.approx(len(before) / len(ended))

    unit = {"gp_visit": 77.0, "nurse_visit": 41.0, "emergency_visit": 250.0}
    costs = o.cost_effect(got, unit).set_index("kind")
    plain_saving = sum(unit[k] * (len(before[before["kind"] == k]) - len(after[after["kind"] == k])) for k in kinds)
    assert costs.loc["total", "saving"] == pytest.approx(plain_saving)
    summary = o.cost_summary(costs.reset_index(), 87_840, 160, link_workers=13, measured_clients=len(ended)).iloc[0]
    assert summary["cost_per_supported_client"] == pytest.approx(87_840 / 160)
    assert summary["cost_per_link_worker"] == pytest.approx(87_840 / 13)
    assert summary["estimated_saving"] == pytest.approx(plain_saving / len(ended) * 160)
    assert summary["net_cost"] == pytest.approx(87_840 - plain_saving / len(ended) * 160)
    with pytest.raises(kulkija.InvalidArgument, match="unit_costs: has no unit cost for the visit kind"):
        o.cost_effect(got, {"gp_visit": 77.0})
    with pytest.raises(kulkija.InvalidArgument, match="programme_cost: must be a finite cost above 0"):
        o.cost_summary(costs.reset_index(), 0, 160)


def test_milestones_reject_events_the_lifecycle_does_not_allow() -> None:
    bad = pd.DataFrame(
        {"referral_id": ["R-1", "R-1"], "event": ["issue", "complete"], "at": ["2026-01-05T10:00:00+02:00"] * 2}
    )
    with pytest.raises(kulkija.InvalidArgument, match=r"events\[1\]\.event: the lifecycle does not allow 'complete' from state 'requested'"):
        o.referral_milestones(bad)


# ---------------------------------------------------------------- the sample region and plots


def test_sample_region_outcomes_and_plots(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from kulkija import plotting

    events = pd.read_csv(SAMPLE / "events.csv", dtype="string", keep_default_na=False, na_values=[""])
    ms = o.referral_milestones(events)
    referrals = kulkija.io.referrals_frame(kulkija.io.read_referrals_csv(SAMPLE))
    assert set(ms["referral_id"]) <= set(referrals["referral_id"])
    measurements = o.read_measurements_csv(SAMPLE / "measurements.csv")
    changes = o.wellbeing_change(measurements)
    assert len(changes) >= 3
    for name, ax in {
        "funnel": plotting.plot_funnel(o.funnel(ms)),
        "change": plotting.plot_wellbeing_change(changes),
        "caseload": plotting.plot_caseload(o.caseload(events, pd.date_range("2026-01-31", "2026-06-30", freq="ME"), capacity=3)),
    }.items():
        ax.figure.savefig(tmp_path / f"{name}.png")
        assert (tmp_path / f"{name}.png").stat().st_size > 1000
