"""kulkija.Region: a region folder loaded, the whole pipeline run as one call, its parts as
DataFrames equal to the CSV files `kulkija run` writes, the same HTML report, and pickling."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import multiprocessing
import os
import pickle
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

import kulkija
from kulkija.region import Region, RegionResult, RegionRun

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample-region"
RULES = ROOT / "examples" / "data" / "rules"
AS_OF = dt.date(2026, 11, 20)
PARTS = ["summary", "screening", "matches", "deadlines", "recommendations", "funnel", "caseloads", "workers", "queue"]


@pytest.fixture(scope="module")
def region() -> Region:
    return kulkija.Region.load(SAMPLE)


@pytest.fixture(scope="module")
def result(region: Region) -> RegionResult:
    return region.run(as_of=AS_OF)


@pytest.fixture(scope="module")
def tool_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tool = os.environ.get("KULKIJA_TOOL")
    if not tool:
        pytest.skip("KULKIJA_TOOL is set by ctest to the built kulkija tool")
    out = tmp_path_factory.mktemp("tool") / "out"
    subprocess.run([tool, "run", str(SAMPLE), "--as-of", AS_OF.isoformat(), "--out", str(out)], check=True,
                   capture_output=True, timeout=300)
    return out


def test_load_reads_the_folder(region: Region) -> None:
    assert region.name == "Keski-Pohjanmaa (Soite), synthetic sample region"
    assert region.as_of == AS_OF
    assert len(region.referrals) == 320 and len(region.link_workers) == 13
    assert {"clients.csv", "events.csv", "region.json", "../rules/wellbeing-referral.json"} <= set(region.sources)
    assert "320 referrals" in repr(region)


def test_parts_are_dataframes_with_numbers_and_days(result: RegionResult) -> None:
    assert isinstance(result, RegionResult) and result.as_of == AS_OF
    for part in PARTS + ["excluded_workers"]:
        assert isinstance(getattr(result, part), pd.DataFrame), part
    assert pd.api.types.is_numeric_dtype(result.funnel["reached"])
    assert pd.api.types.is_datetime64_any_dtype(result.queue["first_contact_due"])
    summary = result.summary.set_index("metric")["value"]
    assert summary["referrals"] == 320
    assert summary["matched_now"] == (result.matches["worker"] != "").sum()
    assert len(result.screening) == 320
    # a part is a copy: changing it does not change the result
    frame = result.funnel
    frame.loc[0, "reached"] = -1
    assert result.funnel.loc[0, "reached"] != -1


def test_parts_equal_the_csv_files_kulkija_run_writes(result: RegionResult, tool_out: Path) -> None:
    for part in PARTS:
        written = pd.read_csv(tool_out / f"{part}.csv", dtype=str, keep_default_na=False)
        ours = getattr(result, part)
        assert list(ours.columns) == list(written.columns), part
        for column in ours.columns:
            values = ours[column]
            if pd.api.types.is_datetime64_any_dtype(values):
                text = values.dt.strftime("%Y-%m-%d").fillna("")
            elif pd.api.types.is_numeric_dtype(values):
                text = pd.to_numeric(written[column].replace("", None))
                pd.testing.assert_series_equal(values, text, check_names=False, check_dtype=False)
                continue
            else:
                text = values
            assert list(text) == list(written[column]), f"{part}.{column}"


def test_the_report_is_the_tools_report(result: RegionResult, tool_out: Path, tmp_path: Path) -> None:
    html = result.report_html(tmp_path / "report.html")
    assert html == (tool_out / "report.html").read_text(encoding="utf-8")
    assert (tmp_path / "report.html").read_text(encoding="utf-8") == html
    assert html.count("<svg id=") >= 4


def test_the_reporting_day_and_options(region: Region, result: RegionResult) -> None:
    later = region.run(as_of=AS_OF + dt.timedelta(days=30))
    assert (later.queue["days_waiting"] - result.queue["days_waiting"] == 30).all()
    assert region.run().as_of == region.as_of
    fi = region.run(as_of=AS_OF, lang="fi")
    assert fi.title("funnel") == "Lähetteiden eteneminen" and result.title("funnel") == "Referral funnel"
    stable = region.run(as_of=AS_OF, stable=True)
    assert len(stable.matches) == len(result.matches)
    with pytest.raises(KeyError):
        result.title("nothing")


def test_region_and_result_pickle(region: Region, result: RegionResult) -> None:
    copy = pickle.loads(pickle.dumps(region))
    assert isinstance(copy, Region) and copy.name == region.name and copy.sources == region.sources
    assert copy.referrals == region.referrals
    again = pickle.loads(pickle.dumps(result))
    for part in PARTS:
        pd.testing.assert_frame_equal(getattr(again, part), getattr(result, part))
    assert again.report_html() == result.report_html()


def _matches_in_another_process(payload: bytes) -> bytes:
    result = pickle.loads(payload)
    return pickle.dumps(result.matches)


def test_another_process_gets_the_same_result(result: RegionResult) -> None:
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        matches = pickle.loads(pool.submit(_matches_in_another_process, pickle.dumps(result)).result(timeout=300))
    pd.testing.assert_frame_equal(matches, result.matches)


def test_from_sources_rebuilds_the_region(region: Region) -> None:
    copy = Region.from_sources(region.sources, "x")
    assert copy.referrals == region.referrals and copy.name == region.name
    sources = dict(region.sources)
    del sources["events.csv"]
    with pytest.raises(kulkija.NotFound, match="events.csv"):
        Region.from_sources(sources, "x")


def test_bad_regions_raise_typed_errors(tmp_path: Path) -> None:
    with pytest.raises(kulkija.NotFound, match="region folder"):
        kulkija.Region.load(tmp_path / "nowhere")
    folder = tmp_path / "region"
    shutil.copytree(SAMPLE, folder)
    shutil.copytree(RULES, tmp_path / "rules")
    (folder / "region.json").write_text('{"name": 1e999}', encoding="utf-8")
    with pytest.raises(kulkija.ParseError, match="region.json"):
        kulkija.Region.load(folder)
    (folder / "region.json").write_text(json.dumps({"recommendations": 0}), encoding="utf-8")
    with pytest.raises(kulkija.ParseError, match=r"\$\.recommendations"):
        kulkija.Region.load(folder)


def test_the_compiled_run_is_there_too(region: Region) -> None:
    run = region._run(AS_OF)
    assert isinstance(run, RegionRun) and run.as_of == AS_OF and not run.stable
    assert set(run.tables()) == set(PARTS) | {"excluded_workers"}
