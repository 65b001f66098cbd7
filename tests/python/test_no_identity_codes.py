"""Personal identity codes never appear in any error, log, repr or export.

Codes of every century sign are fed through every input path (ids, free text, the rule
language, rule-set JSON, CSV, FHIR and the command-line tool); every message, repr and
output is scanned for them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import kulkija
from kulkija import eligibility, fhir, io

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample-region"
CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def code(stem: str) -> str:
    return stem + CHECK[int(stem[:6] + stem[7:10]) % 31]


CODES = [code(s) for s in ("131052-308", "010150+002", "010120A123", "291299Y456", "311205F789", "150680U234")]


def assert_clean(text: str) -> None:
    for c in CODES:
        for form in (c, c.lower(), c[:6] + c[7:]):
            assert form not in text, f"an identity code leaked: ...{text[max(0, text.find(form) - 40):text.find(form) + 20]}..."


def raised(call) -> str:
    """The text of the kulkija error `call` raises (message and attributes)."""
    with pytest.raises(kulkija.Error) as info:
        call()
    e = info.value
    return " ".join([str(e), repr(e), *(str(getattr(e, a, "")) for a in ("field", "rule", "path", "guard"))])


@pytest.mark.parametrize("c", CODES)
def test_ids_and_free_text(c: str) -> None:
    assert_clean(raised(lambda: kulkija.Client(id=c, birth_year=1952, home=272, languages=["fi"])))
    client = kulkija.Client(id="C-1", birth_year=1952, home=272, languages=["fi"])
    assert_clean(raised(lambda: setattr(client, "goals", [f"my code is {c}"])))
    assert_clean(raised(lambda: kulkija.Professional(id="P-1", sector="health_care", organisation=c)))
    assert_clean(raised(lambda: kulkija.parse_date(c)))
    assert_clean(raised(lambda: kulkija.parse_timestamp(c)))
    assert_clean(raised(lambda: kulkija.Language(c)))
    assert_clean(raised(lambda: kulkija.Municipality(c)))
    assert_clean(raised(lambda: kulkija.Need.parse(c)))
    assert_clean(kulkija.quote(c))
    assert_clean(repr(client))


@pytest.mark.parametrize("c", CODES)
def test_rule_language_and_rule_sets(c: str) -> None:
    schema = eligibility.client_schema()
    for text in (c, f"age >= {c}", f'municipality in [{c}]', f'"{c}"', f"needs has {c}", f"age >= 18 and {c} or"):
        assert_clean(raised(lambda: eligibility.parse(text, schema)))
    rule_set = json.loads((ROOT / "examples" / "data" / "rules" / "wellbeing-referral.json").read_text(encoding="utf-8"))
    for mutate in (
        lambda d: d.__setitem__("id", c),
        lambda d: d["criteria"][0].__setitem__("expression", f"age >= {c}"),
        lambda d: d["criteria"][0].__setitem__("id", c),
        lambda d: d.__setitem__(c, 1),
    ):
        broken = json.loads(json.dumps(rule_set))
        mutate(broken)
        assert_clean(raised(lambda: eligibility.RuleSet.from_json(json.dumps(broken))))
    assert_clean(raised(lambda: eligibility.RuleSet.from_json("{" + c)))


@pytest.mark.parametrize("c", CODES)
def test_csv(c: str, tmp_path: Path) -> None:
    header = (SAMPLE / "clients.csv").read_text(encoding="utf-8").splitlines()[0]
    assert_clean(raised(lambda: io.clients_from_csv(f"{header}\n{c},1952,272,fi,alone,loneliness\n")))
    assert_clean(raised(lambda: io.clients_from_csv(f"{header}\nC-1,{c},272,fi,alone,loneliness\n")))
    assert_clean(raised(lambda: io.clients_from_csv(f"{header}\nC-1,1952,272,fi,alone,{c}\n")))
    region = tmp_path / "region"
    shutil.copytree(SAMPLE, region)
    events = region / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].rstrip(",") + f",,,asiakkaan hetu {c}" if lines[1].endswith(",,,") else lines[1]
    fields = lines[1].split(",")
    fields[-1] = f"hetu {c}"
    lines[1] = ",".join(fields)
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert_clean(raised(lambda: io.read_referrals_csv(region)))


@pytest.mark.parametrize("c", CODES)
def test_fhir(c: str) -> None:
    client = kulkija.Client(id="C-1", birth_year=1952, home=272, languages=["fi"])
    referrer = kulkija.Professional(id="P-1", sector="health_care", organisation="Terveysasema")
    r = kulkija.Referral(id="R-1", subject=client, referrer=referrer, needs={"loneliness"})
    document = fhir.to_fhir(r)
    assert_clean(document)
    bundle = json.loads(document)
    for entry in bundle["entry"]:
        resource = entry["resource"]
        if resource["resourceType"] == "Patient":
            resource["identifier"] = [{"system": "urn:oid:1.2.246.21", "value": c}]
            resource["id"] = c
    assert_clean(raised(lambda: fhir.from_fhir(json.dumps(bundle))))
    assert_clean(raised(lambda: fhir.from_fhir('{"resourceType": "' + c)))


def test_command_line_tool(tmp_path: Path) -> None:
    tool = os.environ.get("KULKIJA_TOOL")
    if not tool:
        pytest.skip("KULKIJA_TOOL is set by ctest to the built kulkija tool")
    region = tmp_path / "region"
    shutil.copytree(SAMPLE, region)
    clients = region / "clients.csv"
    lines = clients.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("C-0001", CODES[0], 1)
    clients.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run([tool, "run", str(region)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "clients.csv" in result.stderr
    assert_clean(result.stdout + result.stderr)
    result = subprocess.run([tool, "run", CODES[1]], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert_clean(result.stdout + result.stderr)
    # validate collects every bad row's error: codes in several rows and files, none shown
    for i, c in enumerate(CODES[:3]):
        lines[2 + i] = lines[2 + i].replace(lines[2 + i].split(",")[0], c, 1)
    clients.write_text("\n".join(lines) + "\n", encoding="utf-8")
    workers = region / "link_workers.csv"
    rows = workers.read_text(encoding="utf-8").splitlines()
    for i, c in enumerate(CODES):
        rows[1 + i % (len(rows) - 1)] = c + rows[1 + i % (len(rows) - 1)][rows[1 + i % (len(rows) - 1)].index(","):]
    workers.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = subprocess.run([tool, "validate", str(region), str(workers)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stdout.count(": error: ") >= 4 + min(len(CODES), len(rows) - 1), result.stdout
    assert_clean(result.stdout + result.stderr)
