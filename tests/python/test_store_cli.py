"""`kulkija register init|import|event|queue|export|migrate DB` and `kulkija run --register DB`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import kulkija.io as kio

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample-region"


def cli(*args: object, check: int = 0) -> subprocess.CompletedProcess[str]:
    tool = os.environ.get("KULKIJA_TOOL")
    if not tool:
        pytest.skip("KULKIJA_TOOL is set by ctest to the built kulkija tool")
    result = subprocess.run([tool, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert result.returncode == check, result.stdout + result.stderr
    return result


def test_register_commands(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    assert "register created" in cli("register", "init", db).stdout
    cli("register", "init", db, check=2)  # exists already
    assert "320 referrals added" in cli("register", "import", db, SAMPLE).stdout
    queue = cli("register", "queue", db, "--as-of", "2026-11-20", "--format", "csv").stdout.splitlines()
    first = queue[1].split(",")[1]
    event = ["register", "event", db, first, "assign", "--at", "2026-11-21T09:00:00Z", "--role", "coordinator",
             "--link-worker", "LW-01"]
    assert "appended" in cli(*event).stdout
    version = cli("register", "event", db, first, "assign", "--at", "2026-11-21T09:00:00Z", "--role", "coordinator",
                  "--link-worker", "LW-01", check=1)
    assert "'assign' from state 'assigned'" in version.stderr
    written = cli("register", "export", db, "--out", tmp_path / "out").stdout
    assert written.endswith(": clients.csv, professionals.csv, referrals.csv, events.csv, link_workers.csv, training.csv\n")
    assert len((tmp_path / "out" / "referrals.csv").read_text(encoding="utf-8").splitlines()) == 321
    # the workers and their training as the folder had them
    workers = kio.read_region_workers(tmp_path / "out")
    assert workers == kio.read_region_workers(SAMPLE) and all(w.training for w in workers)
    bundle = tmp_path / "b.json"
    cli("register", "export", db, "--fhir", "--out", bundle)
    db2 = tmp_path / "r2.db"
    cli("register", "init", db2)
    assert "320 referrals added" in cli("register", "import", db2, bundle).stdout
    out = cli("run", SAMPLE, "--register", db, "--out", tmp_path / "run", "--format", "csv").stdout
    assert "referrals,320" in out


def test_register_errors(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("not a register", encoding="utf-8")
    err = cli("register", "queue", tmp_path / "x.txt", check=1).stderr
    assert "[kulkija.storage_error.602]" in err and "x.txt" in err
    cli("register", "queue", tmp_path / "missing.db", check=1)
    cli("register", "frobnicate", tmp_path / "r.db", check=2)
    assert "usage: kulkija register" in cli("register", "--help").stdout


def test_register_migrate(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.write_bytes((ROOT / "tests" / "data" / "register-v1.db").read_bytes())
    refused = cli("register", "queue", old, "--as-of", "2026-11-20", check=1)
    assert "schema version 1 is older than this library's 3; open it with migrate" in refused.stderr
    assert "migrated from schema version 1 to 3" in cli("register", "migrate", old).stdout
    assert "schema version 3 already, unchanged" in cli("register", "migrate", old).stdout
    cli("register", "queue", old, "--as-of", "2026-11-20")
    cli("register", "migrate", tmp_path / "missing.db", check=1)
    cli("register", "migrate", old, "extra", check=2)
