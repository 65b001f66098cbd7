"""The example notebook examples/python/capacity.ipynb runs and saves its figures."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import kulkija

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "python" / "capacity.ipynb"
FIGURES = ("capacity_months.png", "capacity_sweep.png", "capacity_planned.png")


def figures_dir() -> Path:
    """build/examples/figures beside the build-tree package (build/python/kulkija)."""
    package = Path(kulkija.__file__).resolve().parent
    build = package.parents[1] if package.parent.name == "python" else ROOT / "build"
    return build / "examples" / "figures"


def test_capacity_notebook_runs_and_saves_its_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    out = figures_dir()
    out.mkdir(parents=True, exist_ok=True)
    for name in FIGURES:
        (out / name).unlink(missing_ok=True)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel is the python3 kernel of this interpreter (ipykernel in .venv); it inherits
    # PYTHONPATH, so it imports the same build-tree kulkija.
    monkeypatch.setenv("KULKIJA_FIGURES", str(out))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    package_root = str(Path(kulkija.__file__).resolve().parents[1])
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]))
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    errors = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs if o.output_type == "error"]
    assert not errors
    for name in FIGURES:
        assert (out / name).stat().st_size > 1000, name
    # the plan cell printed the answer: it met the 90% target, and one fewer did not
    plan_cell = next(c for c in notebook.cells if c.cell_type == "code" and "capacity.plan(" in c.source)
    text = "".join(o.get("text", "") for o in plan_cell.outputs if o.output_type == "stream")
    assert "'added_workers'" in text and "'search': 'linear_scan'" in text
