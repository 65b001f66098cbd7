"""The example notebooks in examples/python run (on the sample region where they need it)
and save their figures."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import kulkija

ROOT = Path(__file__).resolve().parents[2]


def figures_dir() -> Path:
    """build/examples/figures beside the build-tree package (build/python/kulkija)."""
    package = Path(kulkija.__file__).resolve().parent
    build = package.parents[1] if package.parent.name == "python" else ROOT / "build"
    return build / "examples" / "figures"


def run_notebook(name: str, figures: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    """Runs examples/python/<name> and checks that it raised nothing and saved `figures`."""
    path = ROOT / "examples" / "python" / name
    out = figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    for figure in figures:
        (out / figure).unlink(missing_ok=True)
    notebook = nbformat.read(path, as_version=4)
    # The kernel is the python3 kernel of this interpreter (ipykernel in .venv); it inherits
    # PYTHONPATH, so it imports the same build-tree kulkija. It runs in the notebook's
    # folder: the path to this kulkija is made absolute.
    monkeypatch.setenv("KULKIJA_FIGURES", str(out))
    monkeypatch.setenv("KULKIJA_SAMPLE_REGION", str(ROOT / "examples" / "data" / "sample-region"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    package_root = str(Path(kulkija.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]))
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == "error"]
    assert not errors
    for figure in figures:
        assert (out / figure).stat().st_size > 1000, figure
    return notebook


def outputs_of(notebook: nbformat.NotebookNode, call: str, kind: str) -> str:
    """The text the first code cell containing `call` printed (`stream`) or displayed (`text/plain`)."""
    cell = next(c for c in notebook.cells if c.cell_type == "code" and call in c.source)
    if kind == "stream":
        return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")
    return "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)


def test_outcomes_notebook_runs_and_saves_its_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = run_notebook("outcomes.ipynb", ("funnel.png", "caseload.png", "wellbeing_change.png"), monkeypatch)
    # the notebook printed the funnel: its first stage counts every issued referral
    text = outputs_of(notebook, "outcomes.funnel(", "text/plain")
    assert "requested" in text and "first_contact" in text


def test_capacity_notebook_runs_and_saves_its_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    figures = ("capacity_months.png", "capacity_sweep.png", "capacity_planned.png")
    notebook = run_notebook("capacity.ipynb", figures, monkeypatch)
    # the plan cell printed the answer: it met the 90% target, and one fewer did not
    text = outputs_of(notebook, "capacity.plan(", "stream")
    assert "'added_workers'" in text and "'search': 'linear_scan'" in text


def test_region_notebook_runs_the_pipeline_and_shows_the_reports_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    notebook = run_notebook("region.ipynb", ("region_report.html",), monkeypatch)
    cell = next(c for c in notebook.cells if c.cell_type == "code" and "display(SVG(chart))" in c.source)
    shown = [o for o in cell.outputs if o.output_type == "display_data" and "image/svg+xml" in o.get("data", {})]
    assert len(shown) >= 4  # the funnel, wellbeing change, deadlines and caseload charts
    assert "first_contact" in outputs_of(notebook, "result.funnel", "text/plain")


def test_population_screening_notebook_screens_on_a_local_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setenv("KULKIJA_POPULATION_ROWS", "40000")  # the notebook's own default is 1,000,000
    notebook = run_notebook("population_screening.ipynb", ("population_screening.png",), monkeypatch)
    text = outputs_of(notebook, "kdask.screen(", "text/plain")
    assert "status" in text and "first_criterion" in text
    assert "eligible" in outputs_of(notebook, "table['share'] =", "stream")
    assert "'equal'" in outputs_of(notebook, "assert_frame_equal(here, there", "text/plain")
