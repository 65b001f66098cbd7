"""The examples of docs/scale.md run as written: the notebook-to-cluster screen, replay and
sweep_capacity on Dask, and the Spark (mapInArrow) and Ray Data (map_batches) examples, whose
counts are checked against RuleSet.evaluate_frame. Spark and Ray are not dependencies of
kulkija: their tests are skipped where pyspark (with Java) or ray is not importable."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import kulkija
from kulkija import eligibility as el

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
dask = pytest.importorskip("dask")
kdask = pytest.importorskip("kulkija.dask")

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "scale.md"
RULES = ROOT / "examples" / "data" / "rules" / "wellbeing-referral.json"
ON = dt.date(2026, 3, 1)


def block(marker: str) -> str:
    """The guide's one Python block that contains `marker`."""
    blocks = [b for b in re.findall(r"```python\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S) if marker in b]
    assert len(blocks) == 1, f"{len(blocks)} python blocks of docs/scale.md contain {marker!r}"
    return blocks[0]


def run(*markers: str) -> dict[str, Any]:
    """Runs the blocks with these markers in one namespace, in the current folder."""
    namespace: dict[str, Any] = {"__name__": "scale_md"}
    for marker in markers:
        exec(compile(block(marker), f"docs/scale.md ({marker})", "exec"), namespace)
    return namespace


def write_population(folder: Path, *, signed_needs: bool) -> pd.DataFrame:
    """folder/population/ (Parquet files of the synthetic population: dates as date32, the
    needs bit set as uint64, or int64 for the engines without unsigned integers) and
    folder/wellbeing-referral.json; returns the residents as pandas."""
    shutil.copy(RULES, folder / "wellbeing-referral.json")
    (folder / "population").mkdir()
    parts = [kdask.population_partition(i, 3000, 17) for i in range(3)]
    for i, part in enumerate(parts):
        table = pa.Table.from_pandas(part, preserve_index=False)
        table = table.set_column(0, "birth_date", table["birth_date"].cast(pa.date32()))
        if signed_needs:
            table = table.set_column(3, "needs", table["needs"].cast(pa.int64()))
        pq.write_table(table, folder / "population" / f"part-{i}.parquet")
    return pd.concat(parts, ignore_index=True)


@pytest.fixture()
def population(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    """The population for Dask, in a fresh current folder."""
    monkeypatch.chdir(tmp_path)
    return write_population(tmp_path, signed_needs=False)


@pytest.fixture()
def engine_population(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> pd.DataFrame:
    """The population for Spark and Ray (needs as int64), in a fresh current folder. Their
    worker processes start there: the path to this kulkija is made absolute for them."""
    monkeypatch.chdir(tmp_path)
    package_root = str(Path(kulkija.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]))
    return write_population(tmp_path, signed_needs=True)


def nonzero(counts: pd.Series) -> pd.Series:
    """Counts by (municipality as int64, status as str), without the zeros, sorted."""
    counts = counts.astype("int64")
    index = pd.MultiIndex.from_arrays(
        [counts.index.get_level_values(0).astype("int64"), counts.index.get_level_values(1).astype(str)],
        names=["municipality", "status"])
    return pd.Series(counts.to_numpy(), index=index, name="count")[lambda s: s > 0].sort_index()


def expected_counts(population: pd.DataFrame) -> pd.Series:
    """The guide's counts, from RuleSet.evaluate_frame on the residents."""
    decided = el.RuleSet.from_json(RULES).evaluate_frame(population, on=ON)
    return nonzero(pd.DataFrame({"municipality": population["municipality"], "status": decided["status"]}).value_counts())


def counts_of(frame: pd.DataFrame) -> pd.Series:
    """An engine's counts (columns municipality, status, count) as expected_counts gives them."""
    return nonzero(frame.set_index(["municipality", "status"])["count"])


def test_the_notebook_to_cluster_example_runs(population: pd.DataFrame) -> None:
    pytest.importorskip("distributed")
    got = run("LocalCluster(n_workers=2")["by_municipality"]
    assert nonzero(got).equals(expected_counts(population))


def test_the_replay_and_sweep_examples_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    with dask.config.set(scheduler="threads"):
        kpis = run("kdask.replay(")["kpis"]
        assert list(kpis.index) == ["now", "caseload_first", "contact_in_5_days", "stable"]
        assert (kpis.loc["contact_in_5_days", "first_contact_within_deadline_share"]
                < kpis.loc["now", "first_contact_within_deadline_share"])
        table = run("kdask.capacity_grid(")["table"]
    assert table.index.names == ["demand", "workforce"] and len(table) == 4
    # more volunteers, more first contacts within the deadline, whatever the demand
    shares = table["share_within_deadline"].unstack("workforce")
    assert (shares["more_volunteers"] > shares["today"]).all()


def have(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@pytest.mark.skipif(not have("pyspark") or shutil.which("java") is None, reason="pyspark (with Java) is not installed")
def test_the_spark_map_in_arrow_example_runs(engine_population: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)  # Spark's Python workers: this interpreter, with kulkija
    namespace = run("def with_decisions", "mapInArrow")
    try:
        assert counts_of(namespace["spark_counts"]).equals(expected_counts(engine_population))
    finally:
        namespace["spark"].stop()


@pytest.mark.skipif(not have("ray"), reason="ray is not installed")
def test_the_ray_map_batches_example_runs(engine_population: pd.DataFrame) -> None:
    import ray

    try:
        namespace = run("def with_decisions", "ray.data")
        assert counts_of(namespace["ray_counts"].rename(columns={"count()": "count"})).equals(expected_counts(engine_population))
    finally:
        ray.shutdown()
