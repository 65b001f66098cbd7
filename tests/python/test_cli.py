"""The kulkija command-line tool end to end (KULKIJA_TOOL, set by ctest): `run` on the
sample region with its outputs checked against the library called directly through the
Python bindings, the FHIR Bundle through the offline validator, the HTML report rendered in
headless Chromium, every `validate` error path, exit codes and every command's --help."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import kulkija
import kulkija.io as kio
from kulkija import eligibility, matching

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample-region"
RULES = ROOT / "examples" / "data" / "rules"
VALIDATOR = ROOT / "build" / "fhir-validator" / "validate.js"
COMMANDS = ["run", "check", "match", "deadlines", "queue", "recommend", "report", "fhir", "validate", "lifecycle",
            "version"]


def tool() -> str:
    path = os.environ.get("KULKIJA_TOOL")
    if not path:
        pytest.skip("KULKIJA_TOOL is set by ctest to the built kulkija tool")
    return path


def kulkija_cli(*args: object, check: int | None = 0) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([tool(), *map(str, args)], capture_output=True, text=True, timeout=300)
    if check is not None:
        assert result.returncode == check, result.stdout + result.stderr
    return result


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def region_config() -> dict[str, object]:
    return json.loads((SAMPLE / "region.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run") / "out"
    result = kulkija_cli("run", SAMPLE, "--out", out)
    assert "Summary" in result.stdout and str(out) in result.stdout
    assert result.stderr == ""  # no progress bar when stdout is not a terminal
    return out


def summary(out: Path) -> dict[str, float]:
    return {r["metric"]: float(r["value"]) for r in rows(out / "summary.csv")}


# ------------------------------------------------------------------ run end to end


def test_the_sample_region_is_what_its_generator_writes() -> None:
    script = ROOT / "examples" / "data" / "generate_region.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    langs = Counter(r["languages"].split(";")[0] for r in rows(SAMPLE / "clients.csv") if r["municipality"] == "272")
    assert 0.08 < langs["sv"] / sum(langs.values()) < 0.18  # Kokkola: about 13 % Swedish-speaking
    assert len(rows(SAMPLE / "link_workers.csv")) == 13
    assert 200 <= len(rows(SAMPLE / "referrals.csv")) <= 500


def test_run_output_is_the_committed_summary(tmp_path: Path) -> None:
    """`kulkija run` on the sample region, the reporting day fixed, prints exactly the committed
    summary (tests/data/sample-region-run.txt), and its summary.csv holds the same figures."""
    out = tmp_path / "out"
    printed = kulkija_cli("run", SAMPLE, "--as-of", "2026-11-20", "--out", out).stdout
    expected = (ROOT / "tests" / "data" / "sample-region-run.txt").read_text(encoding="utf-8")
    assert printed.replace(str(out), "<OUT>") == expected
    figures = {r["metric"]: r["value"] for r in rows(out / "summary.csv")}
    for line in expected.splitlines():
        metric, *rest = line.split() or [""]
        if metric in figures:
            assert rest[0] == figures[metric], metric


def test_run_writes_every_output(run_out: Path) -> None:
    for name in ["report.html", "summary.csv", "screening.csv", "matches.csv", "deadlines.csv", "recommendations.csv",
                 "funnel.csv", "caseloads.csv", "workers.csv", "queue.csv", "bundle.fhir.json"]:
        assert (run_out / name).stat().st_size > 100, name
    assert sorted(p.name for p in (run_out / "region").iterdir()) == [
        "clients.csv", "events.csv", "professionals.csv", "referrals.csv"]


def test_counts_match_the_library(run_out: Path) -> None:
    s = summary(run_out)
    referrals = kio.read_referrals_csv(SAMPLE)
    assert s["referrals"] == len(referrals)
    for state, n in Counter(r.state.name for r in referrals).items():
        assert s[f"state_{state}"] == n, state
    # screening: the rule set in force on the issue day, with the referrer's assessment
    rules = eligibility.RuleSetCollection()
    for name in region_config()["rule_sets"]:  # type: ignore[union-attr]
        rules.add(eligibility.RuleSet.from_json(SAMPLE / str(name)))
    assessments = {r["referral_id"]: r for r in rows(SAMPLE / "assessments.csv")}
    as_of = dt.date.fromisoformat(str(region_config()["as_of"]))
    statuses: Counter[str] = Counter()
    screened = {r["referral"]: r for r in rows(run_out / "screening.csv")}
    for r in referrals:
        day = r.issued_at.date() if r.issued_at is not None else as_of
        facts: dict[str, object] = {}
        a = assessments[r.id]
        if a["wellbeing"]:
            facts["wellbeing"] = float(a["wellbeing"])
        for name in ("needs_medical_care", "own_resources_sufficient"):
            if a[name]:
                facts[name] = a[name] == "true"
        decision = rules.in_force(str(region_config()["rule_set"]), day).evaluate(r, on=day, **facts)
        statuses[decision.status.name] += 1
        assert screened[r.id]["status"] == decision.status.name, r.id
    assert s["screened_eligible"] == statuses["eligible"]
    assert s["screened_not_eligible"] == statuses["not_eligible"]
    assert s["screened_undetermined"] == statuses["undetermined"]
    assert statuses["eligible"] > 0 and statuses["not_eligible"] > 0


def test_funnel_and_visits_match_kulkija_outcomes(run_out: Path) -> None:
    pd = pytest.importorskip("pandas")
    from kulkija import outcomes as o

    events = pd.read_csv(SAMPLE / "events.csv", dtype="string", keep_default_na=False, na_values=[""])
    ms = o.referral_milestones(events)
    funnel = o.funnel(ms)
    tool_funnel = {r["stage"]: r for r in rows(run_out / "funnel.csv")}
    for _, row in funnel.iterrows():
        mine = tool_funnel[row["stage"]]
        assert int(mine["reached"]) == row["reached"], row["stage"]
        assert int(mine["open"]) == row["open"], row["stage"]
        assert int(mine["dropped"]) == row["dropped"], row["stage"]
    s = summary(run_out)
    # visits 180 days before the first contact and after the closure (kulkija.outcomes.visit_windows)
    overview = ms.merge(kio.referrals_frame(kio.read_referrals_csv(SAMPLE))[["referral_id", "client_id"]], on="referral_id")
    visits = pd.read_csv(SAMPLE / "visits.csv")
    windows = o.visit_windows(visits, overview, 180, as_of=str(region_config()["as_of"]))
    assert s["visit_clients"] == windows["referral_id"].nunique() > 0
    assert s["visits_before"] == windows["before"].sum()
    assert s["visits_after"] == windows["after"].sum()
    # wellbeing change, SWEMWBS start to end
    changes = o.wellbeing_change(o.read_measurements_csv(SAMPLE / "measurements.csv"))
    assert s["swemwbs_total_pairs"] > 0
    assert len(changes) > 0


def test_matches_are_optimal_as_the_library_finds(run_out: Path) -> None:
    pd = pytest.importorskip("pandas")
    matched = rows(run_out / "matches.csv")
    assert matched, "the sample region has referrals waiting for a link worker"
    referrals = {r.id: r for r in kio.read_referrals_csv(SAMPLE)}
    locations = {r["client_id"]: r for r in rows(SAMPLE / "client_locations.csv")}
    clients = pd.DataFrame([{
        "client": referrals[m["referral"]].subject.id,
        "birth_year": referrals[m["referral"]].subject.birth_year,
        "municipality": str(referrals[m["referral"]].subject.home),
        "languages": ";".join(str(lang) for lang in referrals[m["referral"]].subject.languages),
        "needs": ";".join(n.name for n in referrals[m["referral"]].subject.needs),
        "lat": float(locations[m["client"]]["lat"]),
        "lon": float(locations[m["client"]]["lon"]),
        "priority": 2 if m["priority"] == "urgent" else 1,
    } for m in matched])
    workers = pd.read_csv(SAMPLE / "link_workers.csv", dtype={"municipality": str})
    open_states = {"assigned", "in_progress", "on_hold"}
    load = Counter(r.link_worker for r in referrals.values() if r.state.name in open_states)
    workers["caseload"] = [load[w] for w in workers["worker"]]
    policy = matching.MatchingPolicy.from_json((SAMPLE / "matching-policy.json").read_text(encoding="utf-8"))
    training = pd.read_csv(SAMPLE / "training.csv", dtype="string", keep_default_na=False)
    as_of = dt.date.fromisoformat(str(region_config()["as_of"]))
    result = matching.match(clients, matching.workers_from_frame(workers, training=training), policy, on=as_of)
    assert sum(float(m["score"]) for m in matched if m["worker"]) == pytest.approx(result["score"].fillna(0).sum(), abs=0.1 * len(matched))
    assert {m["client"] for m in matched if not m["worker"]} == set(result.loc[result["worker"].isna(), "client"])
    caseloads = {r["worker"]: r for r in rows(run_out / "caseloads.csv")}
    for w, n in Counter(m["worker"] for m in matched if m["worker"]).items():
        assert int(caseloads[w]["matched_now"]) == n
        assert int(caseloads[w]["caseload"]) + n <= int(caseloads[w]["capacity"])


def test_workers_left_out_are_those_the_library_excludes(run_out: Path) -> None:
    pytest.importorskip("pandas")
    from kulkija import workforce

    policy = matching.MatchingPolicy.from_json((SAMPLE / "matching-policy.json").read_text(encoding="utf-8"))
    as_of = dt.date.fromisoformat(str(region_config()["as_of"]))
    standings = workforce.standings_frame(policy, kio.read_region_workers(SAMPLE), as_of).set_index("worker")
    tool = {r["worker"]: r for r in rows(run_out / "workers.csv")}
    assert set(tool) == set(standings.index)
    for worker, row in tool.items():
        assert (row["matchable"] == "yes") == bool(standings.loc[worker, "matchable"]), worker
        assert row["reasons"] == standings.loc[worker, "reason"], worker
        assert int(row["capacity"]) == standings.loc[worker, "capacity"], worker
    excluded = sorted(standings.index[~standings["matchable"]])
    assert excluded == ["LW-08", "LW-12"]  # the sample region's lapsed course and overdue supervision
    assert summary(run_out)["link_workers_excluded"] == len(excluded)
    assert "lapsed on" in tool["LW-08"]["reasons"] and "Supervision overdue" in tool["LW-12"]["reasons"]
    # neither is given a client in this run
    assert not {m["worker"] for m in rows(run_out / "matches.csv")} & set(excluded)
    html = (run_out / "report.html").read_text(encoding="utf-8")
    assert "Left out of the matching: 2 link workers" in html and "LW-12" in html


def test_queue_matches_the_library() -> None:
    pd = pytest.importorskip("pandas")
    from kulkija import support, workforce

    policy = support.Policy.from_json((SAMPLE / "support-policy.json").read_text(encoding="utf-8"))
    as_of = dt.date.fromisoformat(str(region_config()["as_of"]))
    expected = workforce.queue_frame(kio.read_referrals_csv(SAMPLE), policy, as_of)
    out = kulkija_cli("queue", SAMPLE, "--format", "csv").stdout
    got = pd.read_csv(io.StringIO(out), dtype={"referral": str})
    assert list(got["referral"]) == list(expected["referral"]) and len(got) > 5
    assert list(got["days_waiting"]) == list(expected["days_waiting"])
    assert list(got["first_contact_due"]) == [d.isoformat() for d in expected["first_contact_due"]]
    assert list(got["status"]) == ["overdue" if o else ("due_soon" if s else "on_track")
                                   for o, s in zip(expected["overdue"], expected["due_soon"])]
    order = {"asap": 0, "urgent": 1, "routine": 2}
    ranks = [order[p] for p in got["priority"]]
    assert ranks == sorted(ranks)
    fi = kulkija_cli("queue", SAMPLE, "--lang", "fi").stdout
    assert "Koordinaattorin jono" in fi and "ensikontakti viimeistään" in fi


def test_fhir_bundle_round_trips_and_is_valid(run_out: Path) -> None:
    bundle = (run_out / "bundle.fhir.json").read_text(encoding="utf-8")
    from kulkija import fhir

    back = fhir.from_fhir_bundle(bundle)
    assert back == kio.read_referrals_csv(run_out / "region")
    matched = {m["referral"]: m["worker"] for m in rows(run_out / "matches.csv") if m["worker"]}
    assigned = {r.id: r.link_worker for r in back if r.id in matched}
    assert assigned == matched  # this run's matches are in the exported referrals
    if not VALIDATOR.exists():
        pytest.skip("the offline FHIR validator is installed by the fhir.validator.install test")
    node = shutil.which("node") or shutil.which("nodejs")
    assert node
    result = subprocess.run([node, str(VALIDATOR), "--quiet", str(run_out / "bundle.fhir.json")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fhir_export_and_import(tmp_path: Path) -> None:
    kulkija_cli("fhir", "export", SAMPLE, "--out", tmp_path / "b.json")
    out = kulkija_cli("fhir", "import", tmp_path / "b.json", "--out", tmp_path / "region", "--format", "json")
    listed = json.loads(out.stdout)
    referrals = kio.read_referrals_csv(SAMPLE)
    assert [r["referral"] for r in listed] == [r.id for r in referrals]
    assert kio.read_referrals_csv(tmp_path / "region") == referrals
    (tmp_path / "bad.json").write_text('{"resourceType": "Bundle", "type": "collection", "entry": [{}]}')
    bad = kulkija_cli("fhir", "import", tmp_path / "bad.json", check=1)
    assert "bad.json" in bad.stderr


def test_report_renders_in_headless_chromium(run_out: Path, tmp_path: Path) -> None:
    html = (run_out / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is installed by scripts/setup"
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}"]
    url = (run_out / "report.html").as_uri()
    dom = subprocess.run([chromium, *flags, "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr
    for chart in ("funnel", "change-swemwbs", "deadlines", "caseloads"):
        assert f'<svg id="{chart}"' in dom.stdout, chart
    assert dom.stdout.count('<rect class="bar"') >= 20
    shot = tmp_path / "report.png"
    result = subprocess.run([chromium, *flags, "--window-size=1000,3000", f"--screenshot={shot}", url],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and shot.exists(), result.stderr
    import numpy as np
    from PIL import Image

    pixels = np.asarray(Image.open(shot).convert("RGB")).reshape(-1, 3)
    # the bars' fills, drawn only by the SVG charts: funnel and caseloads, improved, overdue
    for colour in [(0x2F, 0x6F, 0x8F), (0x3C, 0x8D, 0x5A), (0xB0, 0x3A, 0x2E)]:
        assert int(np.all(pixels == colour, axis=1).sum()) > 2000, colour


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    exe = tool()  # (before the fork: a skip in the child would go on running pytest there)
    out = tmp_path / "out"
    pid, fd = pty.fork()
    if pid == 0:  # the child: stdout and stderr are the terminal
        os.execv(exe, [exe, "run", str(SAMPLE), "--out", str(out)])
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    text = b"".join(chunks).decode("utf-8", "replace")
    assert "screening" in text and "[" in text and "\r" in text


# ------------------------------------------------------------------ the other commands


def test_check_one_referral_and_a_clients_csv(tmp_path: Path) -> None:
    first = rows(SAMPLE / "referrals.csv")[0]["referral_id"]
    one = kulkija_cli("check", SAMPLE, "--referral", first, "--lang", "fi")
    assert one.stdout.startswith(f"{first}: ") and "wellbeing-referral" in one.stdout
    as_json = json.loads(kulkija_cli("check", SAMPLE, "--format", "json").stdout)
    assert len(as_json) == len(rows(SAMPLE / "referrals.csv"))
    assert {r["status"] for r in as_json} <= {"eligible", "not_eligible", "undetermined"}
    clients = tmp_path / "clients.csv"
    clients.write_text("client_id,birth_year,municipality,languages,living_situation,needs\n"
                       "X-1,1950,272,fi,alone,loneliness\nX-2,2015,272,fi,with_family,loneliness\n")
    out = kulkija_cli("check", "--clients", clients, "--rules", RULES / "wellbeing-referral.json", "--on", "2026-06-01",
                      "--format", "csv")
    got = {r["client"]: r for r in csv.DictReader(io.StringIO(out.stdout))}
    assert got["X-2"]["status"] == "not_eligible" and "18" in got["X-2"]["reasons"]
    assert got["X-1"]["status"] in ("eligible", "undetermined")
    kulkija_cli("check", SAMPLE, "--referral", "R-9999", check=1)
    kulkija_cli("check", "--clients", clients, check=2)  # --rules missing


def test_match_deadlines_recommend_report(tmp_path: Path) -> None:
    m = kulkija_cli("match", SAMPLE, "--format", "csv").stdout
    assert m.splitlines()[0] == "referral,client,municipality,priority,worker,score,distance_km,reason"
    stable = kulkija_cli("match", SAMPLE, "--stable", "--format", "json").stdout
    assert len(json.loads(stable)) == len(m.splitlines()) - 1
    d = list(csv.DictReader(io.StringIO(kulkija_cli("deadlines", SAMPLE, "--format", "csv").stdout)))
    assert {r["deadline"] for r in d} >= {"first_contact", "planned_end"}
    assert {r["status"] for r in d} <= {"on_track", "due_soon", "overdue"}
    rec = list(csv.DictReader(io.StringIO(kulkija_cli("recommend", SAMPLE, "--format", "csv").stdout)))
    assert rec and all(0 <= float(r["score"]) <= 1 for r in rec)
    sv = kulkija_cli("recommend", SAMPLE, "--referral", rec[0]["referral"], "--lang", "sv").stdout
    assert rec[0]["activity"] in sv
    html = kulkija_cli("report", SAMPLE, "--lang", "fi").stdout
    assert html.startswith("<!DOCTYPE html>") and 'lang="fi"' in html
    kulkija_cli("report", SAMPLE, "--out", tmp_path / "r.html")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == kulkija_cli("report", SAMPLE).stdout


def test_as_of_moves_the_reporting_day() -> None:
    def statuses(*extra: str) -> dict[str, str]:
        out = kulkija_cli("deadlines", SAMPLE, "--format", "csv", *extra).stdout
        return {r["referral"]: r["status"] for r in csv.DictReader(io.StringIO(out))}

    now, later = statuses(), statuses("--as-of", "2027-06-30")
    assert Counter(later.values())["overdue"] > Counter(now.values())["overdue"]
    # The open supports are the same. By mid-2027 no worker has been supervised within 42 days
    # (the sample's supervision dates are from autumn 2026), so that run matches no one and
    # starts no new support period: its referrals are the open supports alone.
    assert set(later) < set(now)
    matched_later = rows_of(kulkija_cli("match", SAMPLE, "--as-of", "2027-06-30", "--format", "csv").stdout)
    assert matched_later and not any(m["worker"] for m in matched_later)
    assert all(m["reason"].startswith("no link worker meets the hard constraints") for m in matched_later)
    assert Counter("supervision overdue" in m["reason"] for m in matched_later)[True] > len(matched_later) / 2
    planned_now = {m["referral"] for m in rows_of(kulkija_cli("match", SAMPLE, "--format", "csv").stdout) if m["worker"]}
    assert set(now) - set(later) == planned_now


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


# ------------------------------------------------------------------ validate


def test_validate_accepts_the_sample_files() -> None:
    files = [*sorted(RULES.glob("*.json")), SAMPLE / "matching-policy.json", SAMPLE / "support-policy.json",
             SAMPLE / "catalogue.json", SAMPLE / "region.json", SAMPLE / "link_workers.csv", SAMPLE / "training.csv",
             SAMPLE]
    out = kulkija_cli("validate", *files).stdout
    assert out.count(": ok (") == len(files)
    assert out.strip().endswith("0 files with errors")


BAD: dict[str, tuple[str | None, str, str]] = {
    # a rule set: syntax, unknown field with its position in the expression, unknown member, bad kind
    "rules-syntax.json": ('{"id": "x", "version": "1",\n "criteria": [ }', "rules", ":2:16: error: [kulkija.parse_error.101]"),
    "rules-unknown-field.json": ('{"id": "x", "version": "1", "region": "r", "valid_from": "2026-01-01", "valid_to": null,'
                                 ' "rules": {}, "criteria": [{"id": "a", "kind": "inclusion", "expression": "agee >= 18",'
                                 ' "reason": {"fi": "a", "sv": "a", "en": "a"}}]}', "rules", "agee"),
    "rules-bad-kind.json": ('{"id": "x", "version": "1", "region": "r", "valid_from": "2026-01-01", "valid_to": null,'
                            ' "rules": {}, "criteria": [{"id": "a", "kind": "sometimes", "expression": "age >= 18",'
                            ' "reason": {"fi": "a", "sv": "a", "en": "a"}}]}', "rules", "sometimes"),
    # a matching policy: a value out of range and an unknown member, named by JSON path
    "matching-range.json": ('{"id": "m", "version": "1", "weights": {"distance": -5}}', "matching-policy", "$.weights.distance"),
    "matching-member.json": ('{"id": "m", "version": "1", "hard": {"telepathy": true}}', "matching-policy", "telepathy"),
    # a support policy
    "support-range.json": ('{"id": "s", "version": "1", "valid_from": "2026-01-01", "meetings": {"max": 0}}',
                           "support-policy", "meetings"),
    # a catalogue
    "catalogue-bad.json": (None, "catalogue", "$.contents[2].name: is required"),
    # region.json
    "region-bad.json": ('{"as_of": "2026-13-01", "rule_sets": []}', "region-config", "$.as_of"),
    # link workers: line and column of the bad value
    "workers-language.csv": ("worker,languages,municipality,capacity\nLW-1,fi,272,5\nLW-2,xx,272,5\n", "link-workers", ":3:2:"),
    "workers-capacity.csv": ("worker,languages,municipality,capacity\nLW-1,fi,272,many\n", "link-workers", ":2:4:"),
    "workers-duplicate.csv": ("worker,languages,municipality,capacity\nLW-1,fi,272,5\nLW-1,fi,272,5\n", "link-workers", "appears twice"),
    "workers-missing-column.csv": ("worker,languages,capacity\nLW-1,fi,5\n", "link-workers", "municipality"),
    # training records: the row and column of a course that lapses before it is completed, an unknown competence
    "training-order.csv": ("worker,course,completed_on,valid_until,competences\nLW-1,K,2026-02-01,2026-01-01,link_work\n",
                           "training", ":2:4: error: [kulkija.parse_error.205]"),
    "training-code.csv": ("worker,course,completed_on,competences\nLW-1,K,2026-02-01,link_work;juggling\n", "training",
                          "unknown competence 'juggling'"),
    # a matching policy's workforce section, named by JSON path
    "matching-workforce.json": ('{"id": "m", "version": "1", "workforce": {"kinds": {"volunteer": {"caseload_limit": -2}}}}',
                                "matching-policy", "$.workforce.kinds.volunteer.caseload_limit"),
    "unknown.json": ('{"hello": 1}', "", "give --kind"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_validate_names_every_error_with_its_position(name: str, tmp_path: Path) -> None:
    text, kind, expected = BAD[name]
    if text is None:  # the sample catalogue with an organisation's name taken out
        catalogue = json.loads((SAMPLE / "catalogue.json").read_text(encoding="utf-8"))
        del catalogue["contents"][2]["name"]
        text = json.dumps(catalogue)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    out = kulkija_cli("validate", path, check=1).stdout
    assert f"{path}" in out and ": error: " in out
    assert expected in out, out
    assert out.strip().endswith("1 file with errors")
    if kind:  # the kind is told from the content, and --kind gives the same answer
        assert kulkija_cli("validate", "--kind", kind, path, check=1).stdout == out


def test_validate_reports_every_file_and_a_broken_region(tmp_path: Path) -> None:
    region = tmp_path / "region"
    shutil.copytree(SAMPLE, region)
    shutil.copytree(RULES, tmp_path / "rules")
    lines = (region / "link_workers.csv").read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",fi", ",zz", 1) if ",fi" in lines[3] else lines[3].replace("sv;", "zz;", 1)
    (region / "link_workers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "bad.json").write_text('{"id": "m", "version": "1", "weights": {"distance": "far"}}')
    out = kulkija_cli("validate", RULES / "wellbeing-referral.json", region, tmp_path / "bad.json", check=1).stdout
    assert "wellbeing-referral.json: ok" in out
    assert "link_workers.csv" in out and ":4:2:" in out
    assert "$.weights.distance" in out
    assert out.strip().endswith("2 files with errors")
    missing = kulkija_cli("validate", tmp_path / "nowhere.json", check=1).stdout
    assert "not found" in missing


def test_validate_reports_every_bad_row_of_a_csv_file(tmp_path: Path) -> None:
    path = tmp_path / "workers.csv"
    path.write_text("worker,languages,municipality,capacity\nLW-1,fi,272,5\nLW-2,xx,272,5\nLW-3,fi,272,many\n"
                    "LW-4,fi,999,5\nLW-5,sv,272,3\n", encoding="utf-8")
    out = kulkija_cli("validate", path, check=1).stdout
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in errors] == [f"{path}:3:2", f"{path}:4:4", f"{path}:5:3"], out
    assert "[kulkija.parse_error.203]" in errors[0] and "'xx'" in errors[0]
    assert "'many'" in errors[1] and "'999'" in errors[2]
    assert out.strip().endswith("1 file with errors")
    training = tmp_path / "training.csv"
    training.write_text("worker,course,completed_on,competences\nLW-1,K,2026-02-30,link_work\n"
                        "LW-1,K,2026-02-01,juggling\nLW-1,K,2026-02-01,link_work\nLW-1,K,x,link_work\n",
                        encoding="utf-8")
    out = kulkija_cli("validate", training, check=1).stdout
    assert [line.split(": error: ")[0] for line in out.splitlines() if ": error: " in line] == [
        f"{training}:2:3", f"{training}:3:4", f"{training}:5:3"], out


def test_validate_caps_the_errors_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "workers.csv"
    path.write_text("worker,languages,municipality,capacity\n" + "".join(f"LW-{i},xx,272,5\n" for i in range(130)),
                    encoding="utf-8")
    out = kulkija_cli("validate", path, check=1).stdout
    assert out.count("[kulkija.parse_error.203]") == 100
    assert f"{path}: error: and 30 more errors (the first 100 are shown)" in out


def test_validate_reports_every_bad_row_of_a_region(tmp_path: Path) -> None:
    region = tmp_path / "region"
    shutil.copytree(SAMPLE, region)
    for name, line, old, new in [("clients.csv", 2, ",272,", ",999,"), ("professionals.csv", 3, "", ""),
                                 ("link_workers.csv", 2, ",", ",zz;"), ("link_workers.csv", 4, ",", ",zz;")]:
        lines = (region / name).read_text(encoding="utf-8").splitlines()
        if name == "professionals.csv":
            fields = lines[line - 1].split(",")
            fields[1] = "magic"
            lines[line - 1] = ",".join(fields)
        else:
            lines[line - 1] = lines[line - 1].replace(old, new, 1)
        (region / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = kulkija_cli("validate", region, check=1).stdout
    assert f"{region / 'clients.csv'}:2:3: error: [kulkija.parse_error.204]" in out, out
    assert f"{region / 'professionals.csv'}:3:2: error: [kulkija.parse_error.105]" in out, out
    assert f"{region / 'link_workers.csv'}:2:2: error:" in out and f"{region / 'link_workers.csv'}:4:2: error:" in out
    assert ": ok (" not in out
    assert out.strip().endswith("1 file with errors")


# ------------------------------------------------------------------ usage and exit codes


@pytest.mark.parametrize("command", COMMANDS)
def test_help_of_every_command(command: str) -> None:
    out = kulkija_cli(command, "--help").stdout
    assert out.startswith(f"usage: kulkija {command}")
    assert "exit codes" in out


def test_main_help_lists_every_command() -> None:
    out = kulkija_cli("--help").stdout
    for command in COMMANDS:
        assert f"  {command} " in out
    assert "0 success, 1 bad data" in out


@pytest.mark.parametrize("args", [
    [],
    ["frobnicate"],
    ["run", "--lang", "de"],
    ["run", "--format", "xml"],
    ["run", "--as-of", "yesterday"],
    ["run", "--nope"],
    ["run", "--lang"],
    ["match", "--out", "x"],
    ["fhir"],
    ["fhir", "send"],
    ["validate"],
    ["validate", "--kind", "poem", "x.json"],
    ["run", "a", "b"],
])
def test_bad_usage_exits_2(args: list[str]) -> None:
    result = kulkija_cli(*args, check=2)
    assert "kulkija: " in result.stderr and "usage:" in result.stderr
    assert result.stdout == ""


def test_bad_data_exits_1_naming_file_line_and_column(tmp_path: Path) -> None:
    region = tmp_path / "region"
    shutil.copytree(SAMPLE, region)
    shutil.copytree(RULES, tmp_path / "rules")
    lines = (region / "assessments.csv").read_text(encoding="utf-8").splitlines()
    lines[5] = lines[5].rsplit(",", 1)[0] + ",maybe"
    (region / "assessments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = kulkija_cli("run", region, "--out", tmp_path / "out", check=1)
    assert "assessments.csv" in result.stderr and "6:4" in result.stderr and "maybe" in result.stderr
    kulkija_cli("run", tmp_path / "no-such-region", check=1)
    # a region whose rule set file is missing names it
    shutil.copy(SAMPLE / "assessments.csv", region / "assessments.csv")
    (region / "region.json").write_text(json.dumps({**region_config(), "rule_sets": ["nowhere.json"]}))
    result = kulkija_cli("check", region, check=1)
    assert "nowhere.json" in result.stderr


@pytest.mark.parametrize("text", [
    '{"name": 1e999}',  # was a crash: exit 134, an uncaught nlohmann out_of_range.406
    '{"name": ' + "[" * 100000 + "]" * 100000 + "}",
    b'{"name": "\xff\xfe"}',
])
def test_hostile_region_json_is_a_data_error(tmp_path: Path, text: str | bytes) -> None:
    region = tmp_path / "region"
    shutil.copytree(SAMPLE, region)
    shutil.copytree(RULES, tmp_path / "rules")
    data = text if isinstance(text, bytes) else text.encode()
    (region / "region.json").write_bytes(data)
    for command in ("run", "check", "queue"):
        result = kulkija_cli(command, region, "--out", tmp_path / "out", check=1) if command == "run" else \
            kulkija_cli(command, region, check=1)
        assert result.stderr.startswith("kulkija: [kulkija.parse_error.") and "region.json" in result.stderr
    result = kulkija_cli("validate", region, check=1)
    assert "region.json" in result.stdout


def test_validate_survives_hostile_json_files(tmp_path: Path) -> None:
    """The tool tells a JSON file's kind with nlohmann before the library reads it: a million
    levels of nesting, a number overflow and bad UTF-8 are still parse errors, exit code 1."""
    files = {
        "deep.json": "[" * 1_000_000 + "]" * 1_000_000,
        "deep-rules.json": '{"criteria": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}",
        "overflow.json": '{"criteria": 1e999}',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "utf8.json").write_bytes(b'{"criteria": "\xff"}')
    out = kulkija_cli("validate", *sorted(tmp_path.iterdir()), check=1).stdout
    assert out.count(": error: [kulkija.parse_error.") == 4 and "4 files with errors" in out


def test_languages_change_the_texts(tmp_path: Path) -> None:
    fi = kulkija_cli("run", SAMPLE, "--out", tmp_path / "fi", "--lang", "fi").stdout
    sv = kulkija_cli("run", SAMPLE, "--out", tmp_path / "sv", "--lang", "sv").stdout
    assert 'lang="sv"' in (tmp_path / "sv" / "report.html").read_text(encoding="utf-8")
    assert "raportointipäivä" in fi and "Yhteenveto" in fi
    assert "rapportdag" in sv and "Sammanfattning" in sv


def test_run_json_summary_matches_csv(run_out: Path) -> None:
    out = json.loads(kulkija_cli("run", SAMPLE, "--out", run_out, "--format", "json").stdout)
    assert {r["metric"]: r["value"] for r in out} == pytest.approx(summary(run_out))


def test_lifecycle() -> None:
    assert kulkija_cli("lifecycle", "--format", "dot").stdout.startswith("digraph")
    table = list(csv.DictReader(io.StringIO(kulkija_cli("lifecycle", "--format", "csv").stdout)))
    assert {"from": "requested", "event": "accept", "to": "accepted"}.items() <= table[1].items()
    assert len(table) > 20


def test_identity_codes_never_reach_the_output(tmp_path: Path) -> None:
    code = "131052-308T"  # a valid personal identity code (the checksum holds)
    out = kulkija_cli("validate", code, tmp_path / f"{code}.json", check=1)
    assert code not in out.stdout + out.stderr and "redacted" in out.stdout
    region = tmp_path / "region"
    shutil.copytree(SAMPLE, region)
    shutil.copytree(RULES, tmp_path / "rules")
    (region / "region.json").write_text(json.dumps({**region_config(), "name": f"Region {code}"}))
    result = kulkija_cli("run", region, "--out", tmp_path / code)
    assert code not in result.stdout + result.stderr
    assert code not in (tmp_path / code / "report.html").read_text(encoding="utf-8")
