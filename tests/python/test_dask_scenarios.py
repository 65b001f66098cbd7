"""kulkija.dask.replay: a region's pipeline under policy variants as Dask tasks, on one process
and on a LocalCluster of two worker processes (started and closed here)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import kulkija
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
