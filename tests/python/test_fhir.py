"""kulkija.fhir: referrals as HL7 FHIR R4 JSON, read back into equal referrals."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import kulkija
from kulkija import ErrorId, ReferralState
from kulkija import fhir

UTC = dt.timezone.utc
IDENTITY_CODE = "131052-308T"
SAMPLE_REGION = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample-region"
EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "fhir-r4-examples"


def at(day: int, hour: int = 9, microsecond: int = 0) -> dt.datetime:
    return dt.datetime(2026, 1, day, hour, microsecond=microsecond, tzinfo=UTC)


def make_referral(referral_id: str = "R-1") -> kulkija.Referral:
    client = kulkija.Client("C-2026-0042", 1950, 272, ["sv", "fi"], goals=["laulaa kuorossa"])
    professional = kulkija.Professional("P-1", "social_services", "Soite aikuissosiaalityö")
    r = kulkija.Referral(referral_id, client, professional, ["loneliness"])
    r.record_consent(at(5, 8))
    r.apply("issue", at=at(5, 10, 123456), by=kulkija.Actor("referrer", "P-1"), note="toivoo ryhmää")
    r.apply("accept", at=at(5, 11), by="coordinator")
    r.apply("assign", at=at(5, 12), by="coordinator", link_worker="LW-1")
    return r


def resources(text: str, kind: str) -> list[dict]:
    return [e["resource"] for e in json.loads(text)["entry"] if e["resource"]["resourceType"] == kind]


def test_round_trip_gives_an_equal_referral() -> None:
    r = make_referral()
    text = fhir.to_fhir(r)
    back = fhir.from_fhir(text)
    assert back == r
    assert back.history == r.history
    assert back.history[0].event.at.microsecond == 123456
    assert fhir.to_fhir(back) == text


def test_bundle_of_the_sample_region() -> None:
    referrals = kulkija.io.read_referrals_csv(SAMPLE_REGION)
    text = fhir.bundle(referrals, indent=-1)
    assert "\n" not in text
    assert fhir.from_fhir_bundle(text) == referrals
    states = {t["status"] for t in resources(text, "Task")}
    assert states == {fhir.fhir_status(r.state)[0] for r in referrals}


def test_what_the_export_says() -> None:
    text = fhir.to_fhir(make_referral())
    (sr,) = resources(text, "ServiceRequest")
    (task,) = resources(text, "Task")
    (patient,) = resources(text, "Patient")
    assert sr["code"]["coding"][0]["code"] == "871731000000106"
    assert sr["status"] == "active" and sr["intent"] == "order"
    assert task["status"] == "ready"
    assert task["owner"]["identifier"]["value"] == "LW-1"
    assert len(task["relevantHistory"]) == 3
    assert "name" not in patient and patient["birthDate"] == "1950"


def test_fhir_status_of_every_state() -> None:
    assert fhir.fhir_status(ReferralState.assigned) == ("ready", "active")
    assert fhir.fhir_status("discontinued") == ("failed", "revoked")
    assert len({fhir.fhir_status(s)[0] for s in ReferralState}) == len(ReferralState)


def test_duplicate_ids_in_a_bundle() -> None:
    r = make_referral()
    with pytest.raises(kulkija.InvalidArgument) as e:
        fhir.bundle([r, r])
    assert e.value.id == ErrorId.invalid_id


def test_errors_name_the_json_path() -> None:
    text = fhir.to_fhir(make_referral())
    doc = json.loads(text)
    del doc["entry"][0]["resource"]["subject"]
    with pytest.raises(kulkija.ParseError) as e:
        fhir.from_fhir(json.dumps(doc))
    assert e.value.id == ErrorId.parse_structure
    assert e.value.path == "$.entry[0].resource.subject"
    assert isinstance(e.value, ValueError)

    doc = json.loads(text)
    doc["entry"][1]["resource"]["status"] = "assigned"
    with pytest.raises(kulkija.ParseError, match="unknown Task status 'assigned'") as e:
        fhir.from_fhir(json.dumps(doc))
    assert e.value.id == ErrorId.parse_enum

    with pytest.raises(kulkija.ParseError) as e:
        fhir.from_fhir("{")
    assert e.value.id == ErrorId.parse_syntax and e.value.line == 1


def test_identity_codes_never_reach_a_message() -> None:
    doc = json.loads(fhir.to_fhir(make_referral()))
    doc["entry"][2]["resource"]["identifier"].append({"system": "urn:oid:1.2.246.21", "value": IDENTITY_CODE})
    with pytest.raises(kulkija.ParseError) as e:
        fhir.from_fhir(json.dumps(doc))
    assert e.value.id == ErrorId.personal_data
    assert IDENTITY_CODE not in str(e.value)


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="needs ../shared/data/fhir-r4-examples")
@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else [])
def test_official_examples_are_rejected_with_a_reason(name: str) -> None:
    with pytest.raises(kulkija.ParseError) as e:
        fhir.from_fhir_bundle((EXAMPLES / name).read_text(encoding="utf-8"))
    assert e.value.id in {ErrorId.parse_unsupported, ErrorId.parse_structure}
    assert e.value.path.startswith("$.")
