"""kulkija.dask.replay and kulkija.dask.sweep_capacity: a region's pipeline under policy
variants, and capacity scenarios, as Dask tasks, on one process and on a LocalCluster of two
worker processes (started and closed here)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import kulkija
from kulkija import capacity
from kulkija.matching import MatchingPolicy
from kulkija.support import Policy

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
kdask = pytest.importorskip("kulkija.dask")

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample-region"
AS_OF = dt.date(2026, 11, 20)


@pytest.fixture(scope="module")
def region() -> Any:
    return kulkija.Region.load(SAMPLE)


def policy_json(region: Any, name: str, **changes: Any) -> str:
    return json.dumps(dict(json.loads(region.sources[name]), **changes))


def variants(region: Any) -> dict[str, Any]:
    matching = json.loads(region.sources["matching-policy.json"])
    return {
        "now": {},
        "caseload_first": {
            "matching": policy_json(region, "matching-policy.json", version="caseload-first",
                                    weights=dict(matching["weights"], distance=5, caseload=60)),
        },
        "contact_in_5_days": (None, policy_json(region, "support-policy.json", version="5-days",
                                                first_contact={"within": 5, "unit": "business_days"})),
        "stable": {"stable": True},
        "library_defaults": {"matching": MatchingPolicy(), "support": Policy()},
    }


# ------------------------------------------------------------------ with_policies


def test_with_policies_replaces_the_files_region_json_names(region: Any) -> None:
    text = variants(region)["caseload_first"]["matching"]
    changed = kdask.with_policies(region, matching=MatchingPolicy.from_json(text))
    assert MatchingPolicy.from_json(changed.sources["matching-policy.json"]) == MatchingPolicy.from_json(text)
    assert changed.sources["matching-policy.json"] != region.sources["matching-policy.json"]
    same = set(region.sources) - {"matching-policy.json"}
    assert {k: changed.sources[k] for k in same} == {k: region.sources[k] for k in same}
    # nothing given, nothing changed
    assert kdask.with_policies(region).sources == region.sources


def test_with_policies_adds_a_policy_file_when_region_json_names_none(region: Any) -> None:
    sources = dict(region.sources)
    config = json.loads(sources["region.json"])
    del config["support_policy"]
    sources["region.json"] = json.dumps(config)
    del sources["support-policy.json"]
    bare = kulkija.Region.from_sources(sources, "bare")
    five = policy_json(region, "support-policy.json", first_contact={"within": 5, "unit": "business_days"})
    changed = kdask.with_policies(bare, support=five)
    named = json.loads(changed.sources["region.json"])
    assert named == dict(config, support_policy="support-policy.json")
    assert changed.sources["support-policy.json"] == five.encode()
    assert Policy.from_json(five).first_contact.amount == 5


def test_a_bad_policy_fails_before_any_task_naming_the_variant_and_file(region: Any) -> None:
    bad = policy_json(region, "support-policy.json", first_contact={"within": -3, "unit": "business_days"})
    with pytest.raises(kulkija.ParseError, match="support-policy.json") as info:
        kdask.replay(region, {"ok": {}, "broken": {"support": bad}}, as_of=AS_OF)
    assert "in the policy variant 'broken'" in "".join(getattr(info.value, "__notes__", []))
    with pytest.raises(kulkija.InvalidArgument, match=r"policies\['x'\].*unknown keys calendar"):
        kdask.replay(region, {"x": {"calendar": None}}, as_of=AS_OF)
    with pytest.raises(kulkija.InvalidArgument, match="policies"):
        kdask.replay(region, {}, as_of=AS_OF)
    with pytest.raises(TypeError, match="matching must be a policy"):
        kdask.replay(region, {"x": {"matching": 3}}, as_of=AS_OF)


# ------------------------------------------------------------------ replay, one process


@pytest.fixture(scope="module")
def replayed(region: Any) -> pd.DataFrame:
    """replay() of the variants on one process (the synchronous scheduler)."""
    with dask.config.set(scheduler="sync"):
        return kdask.replay(region, variants(region), as_of=AS_OF)


def test_replay_gives_each_variants_region_run(region: Any, replayed: pd.DataFrame) -> None:
    table = replayed
    assert list(table.index) == list(variants(region)) and table.index.name == "policy"
    # each row is the KPIs of the region run with the variant's policies (an independent run here)
    for name, spec in variants(region).items():
        spec = spec if isinstance(spec, dict) else {"matching": spec[0], "support": spec[1]}
        own = kdask.with_policies(region, matching=spec.get("matching"), support=spec.get("support"))
        result = own.run(AS_OF, stable=spec.get("stable", False))
        assert table.loc[name, list(kdask.replay_kpis(result))].to_dict() == pytest.approx(
            kdask.replay_kpis(result), abs=0, rel=0, nan_ok=True), name
    # the region as it is: the summary's own numbers
    summary = region.run(AS_OF).summary.set_index("metric")["value"]
    now = table.loc["now"]
    assert now["matched_now"] == summary["matched_now"] == 21
    assert now["first_contact_within_deadline_share"] == summary["first_contact_within_deadline_share"]
    assert (now["matching_policy"], now["support_policy"], now["stable"]) == (
        "soite-matching 2026.1", "soite-support 2026.1", False)
    # the variants change what they should: the deadline moves the first-contact share, not the matches;
    # the weights move the matches, not the deadline
    fast, heavy = table.loc["contact_in_5_days"], table.loc["caseload_first"]
    assert fast["first_contact_within_deadline_share"] < now["first_contact_within_deadline_share"]
    assert fast["mean_score"] == now["mean_score"]
    assert heavy["first_contact_within_deadline_share"] == now["first_contact_within_deadline_share"]
    assert heavy["utilisation_sd"] < now["utilisation_sd"]  # caseload weighed more: better balanced
    assert table.loc["library_defaults", "matching_policy"] == "default 1"
    assert table.loc["stable", "stable"]
    # the threaded scheduler gives the same (the pipeline releases the GIL)
    with dask.config.set(scheduler="threads"):
        pd.testing.assert_frame_equal(kdask.replay(str(SAMPLE), variants(region), as_of=AS_OF), table, check_exact=True)


# ------------------------------------------------------------------ capacity scenarios

START = dt.date(2026, 1, 1)
DEMAND = {
    "low": {"start": START, "per_month": [30] * 18, "urgent_share": 0.15, "pattern": "poisson", "seed": 1},
    "high": {"start": START, "per_month": [55] * 18, "urgent_share": 0.15, "pattern": "poisson", "seed": 2},
}
WORKFORCE = {
    "now": pd.DataFrame({"kind": ["professional", "volunteer"], "workers": [4, 8], "caseload_limit": [15, 3]}),
    "more_volunteers": [("professional", 4, 15), ("volunteer", 16, 3)],
}
FIVE_DAYS = Policy.from_json(json.dumps(dict(json.loads(Policy().to_json()), first_contact={"within": 5, "unit": "business_days"})))


def plans() -> dict[str, Any]:
    high = capacity.referrals(**DEMAND["high"])  # a frame, shipped as it is
    return {
        "volunteers": {"referrals": high, "workforce": WORKFORCE["now"], "hires": [("volunteer", 3)],
                       "warm_up_months": 3},
        "mixed_5_days": {"referrals": DEMAND["high"], "workforce": WORKFORCE["now"], "policy": FIVE_DAYS,
                         "hires": [("volunteer", 3, 3.0), ("professional", 15, 1.0)], "target": 0.8,
                         "warm_up_months": 3},
    }


def loop_grid() -> pd.DataFrame:
    """The grid by a plain loop over kulkija.capacity.simulate."""
    rows = {}
    for d, demand in DEMAND.items():
        for w, workforce in WORKFORCE.items():
            summary = capacity.simulate(capacity.referrals(**demand), workforce, warm_up_months=3).attrs["summary"]
            rows[(d, w)] = summary
    return pd.DataFrame.from_dict(rows, orient="index")


def test_sweep_capacity_equals_a_plain_loop() -> None:
    grid = kdask.capacity_grid(DEMAND, WORKFORCE, warm_up_months=3)
    assert list(grid) == [("low", "now"), ("low", "more_volunteers"), ("high", "now"), ("high", "more_volunteers")]
    with dask.config.set(scheduler="sync"):
        table = kdask.sweep_capacity(grid)
    assert table.index.names == ["demand", "workforce"] and list(table.index) == list(grid)
    want = loop_grid()
    pd.testing.assert_frame_equal(table[list(want.columns)], want.set_axis(table.index), check_exact=True,
                                  check_dtype=False)
    assert (table["run"] == "simulate").all() and (table["added_workers"] == 0).all()
    assert table.loc[("low", "now"), "referrals"] == len(capacity.referrals(**DEMAND["low"]))
    assert table["workers_volunteer"].tolist() == [8, 16, 8, 16]
    assert table["places"].tolist() == [84, 108, 84, 108]
    # more demand, fewer within the deadline; more volunteers, more
    assert table.loc[("high", "now"), "share_within_deadline"] < table.loc[("low", "now"), "share_within_deadline"]
    assert (table.loc[("high", "more_volunteers"), "share_within_deadline"]
            > table.loc[("high", "now"), "share_within_deadline"])

    with dask.config.set(scheduler="sync"):
        planned = kdask.sweep_capacity(plans())
    assert planned.index.name == "scenario"
    for name, spec in plans().items():
        referrals = spec["referrals"]
        referrals = capacity.referrals(**referrals) if isinstance(referrals, dict) else referrals
        options = {k: v for k, v in spec.items() if k in ("warm_up_months", "policy", "target")}
        plan = capacity.plan(referrals, spec["hires"], base=spec["workforce"], **options)
        row = planned.loc[name]
        assert row["run"] == "plan"
        assert row["added_workers"] == plan.attrs["added_workers"] > 0
        assert row["search"] == plan.attrs["search"] and row["simulations"] == plan.attrs["simulations"]
        assert row["share_with_one_fewer"] == plan.attrs["share_with_one_fewer"]
        assert {k: row[k] for k in plan.attrs["summary"]} == plan.attrs["summary"]
        assert row["workers_volunteer"] + row["workers_professional"] == plan["workers"].sum()
        assert row["share_within_deadline"] >= options.get("target", 0.9) > row["share_with_one_fewer"]


def test_sweep_capacity_checks_its_scenarios() -> None:
    with pytest.raises(kulkija.InvalidArgument, match=r"scenarios\['a'\].*unknown keys demand"):
        kdask.sweep_capacity({"a": {"demand": 1, "referrals": {}, "workforce": []}})
    with pytest.raises(kulkija.InvalidArgument, match=r"scenarios\['a'\].*lacks referrals"):
        kdask.sweep_capacity({"a": {"workforce": []}})
    with pytest.raises(kulkija.InvalidArgument, match=r"scenarios\['a'\].*target but no hires"):
        kdask.sweep_capacity({"a": {"referrals": DEMAND["low"], "workforce": [], "target": 0.9}})
    with pytest.raises(kulkija.InvalidArgument, match="scenarios"):
        kdask.sweep_capacity({})


# ------------------------------------------------------------------ on a LocalCluster of two worker processes


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="2GiB"
    ) as c, distributed.Client(c, set_as_default=False) as client:
        yield client


def test_replay_on_a_cluster_equals_the_single_process_results(cluster, region: Any, replayed: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    local = replayed
    with distributed.get_task_stream(cluster) as stream:
        remote = kdask.replay(region, variants(region), as_of=AS_OF, client=cluster)
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    ran = [t for t in stream.data if "_replay_one" in str(t["key"])]
    assert len({t["worker"] for t in ran}) == 2  # in parallel, on both workers
    # a client made current is used when none is given
    with cluster.as_current():
        pd.testing.assert_frame_equal(kdask.replay(region, {"now": {}}, as_of=AS_OF), local.loc[["now"]],
                                      check_exact=True)


def test_sweep_capacity_on_a_cluster_equals_the_single_process_results(cluster) -> None:  # type: ignore[no-untyped-def]
    scenarios = {**{"/".join(k): v for k, v in kdask.capacity_grid(DEMAND, WORKFORCE, warm_up_months=3).items()},
                 **plans()}
    with dask.config.set(scheduler="sync"):
        local = kdask.sweep_capacity(scenarios)
    remote = kdask.sweep_capacity(scenarios, client=cluster)
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    assert np.isnan(local.loc["low/now", "target"]) and local.loc["mixed_5_days", "target"] == 0.8
