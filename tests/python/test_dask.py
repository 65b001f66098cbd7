"""kulkija.dask: screening a Dask DataFrame, on one process and on a LocalCluster of two workers.

The distributed test screens KULKIJA_DASK_ROWS rows (default 1,000,000) in 16 partitions.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kulkija
from kulkija import eligibility as el

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
kdask = pytest.importorskip("kulkija.dask")

RULES = Path(__file__).resolve().parents[2] / "examples" / "data" / "rules"
DAY = dt.date(2026, 3, 1)
ROWS = int(os.environ.get("KULKIJA_DASK_ROWS", "1000000"))


def wellbeing() -> el.RuleSet:
    return el.RuleSet.from_json(RULES / "wellbeing-referral.json")


def test_screen_adds_decision_columns_with_correct_meta() -> None:
    rs = wellbeing()
    ddf = kdask.synthetic_population(20_000, 4, seed=7)
    screened = kdask.screen(ddf, rs, on=DAY)
    added = kdask.decision_columns(rs)
    assert list(screened.columns) == list(ddf.columns) + list(added)
    for name, dtype in added.items():
        assert screened._meta[name].dtype == dtype
    got = screened.compute(scheduler="sync")
    assert dict(got.dtypes[list(added)]) == added
    # the same as evaluate_frame on the whole frame
    whole = ddf.compute(scheduler="sync")
    want = rs.evaluate_frame(whole, on=DAY)
    assert got["status_code"].tolist() == want["status_code"].tolist()
    def ids(s: pd.Series) -> list[object]:
        return [None if pd.isna(x) else x for x in s]

    assert ids(got["first_criterion"]) == ids(want["first_criterion"])
    assert set(got["status"]) == {"eligible", "not_eligible", "undetermined"}
    # the threaded scheduler gives the same (the kernels release the GIL)
    assert screened.compute(scheduler="threads").equals(got)
    # two versions side by side
    both = kdask.screen(screened, rs, on=DAY, prefix="again_").compute(scheduler="sync")
    assert both["again_status_code"].equals(both["status_code"].rename("again_status_code"))


def test_screen_checks_the_day_now() -> None:
    with pytest.raises(kulkija.InvalidArgument, match="on"):
        kdask.screen(kdask.synthetic_population(10, 1), wellbeing(), on=dt.date(2020, 1, 1))


def test_bad_partitions_name_the_field_partition_and_row() -> None:
    rs = wellbeing()
    good = kdask.population_partition(0, 50, 1)
    bad = good.copy()
    bad["municipality"] = bad["municipality"].astype("float64")
    bad.loc[37, "municipality"] = np.nan
    ddf = dd.from_pandas(pd.concat([good, good, bad], ignore_index=True), npartitions=3, sort=False)
    with pytest.raises(kulkija.InvalidArgument, match=r"municipality: partition \d, row \d+: .*integer column.*float64") as info:
        kdask.screen(ddf, rs, on=DAY).compute(scheduler="sync")
    assert info.value.field == "municipality"
    # one partition that disagrees with the others (and with meta): partition 2, row 37 (the NaN)
    mixed = dd.from_map(lambda i: bad if i == 2 else good, range(3), meta=good.iloc[:0], enforce_metadata=False)
    with pytest.raises(kulkija.InvalidArgument, match=r"municipality: partition 2, row 37: ") as info:
        kdask.screen(mixed, rs, on=DAY).compute(scheduler="sync")
    assert info.value.__cause__ is None and info.value.__suppress_context__
    codes = good.copy()
    codes["living"] = codes["living"].astype(object)
    codes.loc[12, "living"] = "no-such-living"
    coded = dd.from_map(lambda i: codes if i == 1 else good, range(2), meta=good.iloc[:0], enforce_metadata=False)
    with pytest.raises(kulkija.InvalidArgument, match=r"living: partition 1, row 12 holds a value that is not one of"):
        kdask.screen(coded, rs, on=DAY).compute(scheduler="sync")


WORKER_SCRIPT = """
import datetime, pickle, sys
import dask.dataframe as dd
from kulkija import dask as kdask
rs = pickle.loads(sys.stdin.buffer.read())
frame = kdask.population_partition(3, 5000, 11)
out = kdask.screen(dd.from_pandas(frame, npartitions=1), rs, on=datetime.date(2026, 3, 1)).compute(scheduler="sync")
sys.stdout.buffer.write(pickle.dumps(out[["status_code", "first_criterion"]]))
"""


def test_a_worker_process_gets_the_same_decisions() -> None:
    rs = wellbeing()
    frame = kdask.population_partition(3, 5000, 11)
    here = kdask.screen(dd.from_pandas(frame, npartitions=1), rs, on=DAY).compute(scheduler="sync")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    done = subprocess.run(
        [sys.executable, "-c", WORKER_SCRIPT],
        input=pickle.dumps(rs), capture_output=True, check=True, env=env, timeout=120,
    )
    there = pickle.loads(done.stdout)
    assert there.equals(here[["status_code", "first_criterion"]])


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="3GiB"
    ) as c, distributed.Client(c) as client:
        yield c, client


def test_distributed_results_equal_single_process_results(cluster) -> None:  # type: ignore[no-untyped-def]
    _, client = cluster
    rs = wellbeing()
    ddf = kdask.synthetic_population(ROWS, 16, seed=2026)
    screened = kdask.screen(ddf, rs, on=DAY)
    local = screened.compute(scheduler="sync")
    assert len(local) == ROWS
    remote = client.compute(screened).result()
    pd.testing.assert_frame_equal(remote, local, check_exact=True)
    # both workers took part
    assert len(client.scheduler_info()["workers"]) == 2


def _slowly(part: pd.DataFrame) -> pd.DataFrame:
    time.sleep(0.4)
    return part


def test_a_worker_killed_mid_task_does_not_change_the_result(cluster) -> None:  # type: ignore[no-untyped-def]
    _, client = cluster
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this test file
    rs = wellbeing()
    ddf = kdask.synthetic_population(160_000, 16, seed=5)
    want = kdask.screen(ddf, rs, on=DAY).compute(scheduler="sync")
    slow = kdask.screen(ddf.map_partitions(_slowly, meta=ddf._meta), rs, on=DAY)
    future = client.compute(slow)
    pids = client.run(os.getpid)
    time.sleep(1.5)  # some partitions done, some running
    assert not future.done()
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    got = future.result(timeout=120)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    client.wait_for_workers(2, timeout=60)
