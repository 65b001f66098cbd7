"""kulkija.fhir: referrals as HL7 FHIR R4 JSON, read back into equal referrals."""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
from pathlib import Path

import pytest

import kulkija
from kulkija import ErrorId, ReferralState
from kulkija import fhir

UTC = dt.timezone.utc
IDENTITY_CODE = "131052-308T"
SAMPLE_REGION = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample-region"
# the shared reference data: KULKIJA_SHARED_DIR (set by ctest), else `shared` beside the checkout
SHARED = Path(os.environ.get("KULKIJA_SHARED_DIR", Path(__file__).resolve().parents[2].parent / "shared"))
EXAMPLES = SHARED / "data" / "fhir-r4-examples"


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


@pytest.mark.skipif(not EXAMPLES.is_dir(), reason="needs the shared data's fhir-r4-examples (KULKIJA_SHARED_DIR)")
@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else [])
def test_official_examples_are_rejected_with_a_reason(name: str) -> None:
    with pytest.raises(kulkija.ParseError) as e:
        fhir.from_fhir_bundle((EXAMPLES / name).read_text(encoding="utf-8"))
    assert e.value.id in {ErrorId.parse_unsupported, ErrorId.parse_structure}
    assert e.value.path.startswith("$.")


# ------------------------------------------------------------------ receiving from other systems

SENDERS = Path(__file__).resolve().parents[1] / "fhir" / "senders"


def sender_bundle() -> dict:
    return json.loads((SENDERS / "closed-loop.json").read_text(encoding="utf-8"))


def by_id(bundle: dict, resource_id: str) -> dict:
    return next(e["resource"] for e in bundle["entry"] if e["resource"]["id"] == resource_id)


def test_a_closed_loop_bundle_imports_and_keeps_what_kulkija_does_not_model() -> None:
    bundle = sender_bundle()
    r = fhir.from_fhir(bundle)  # a dict is taken as well as JSON text
    assert r.state == ReferralState.in_progress
    assert [h.event.kind.name for h in r.history] == ["issue", "accept", "assign", "first_contact"]
    assert r.link_worker == "lw-7"
    kept = {(resource, name) for resource, name, _ in r.kept}
    assert ("ServiceRequest", "performer") in kept and ("Task", "note") in kept
    out = json.loads(fhir.to_fhir(r))
    sr = resources(json.dumps(out), "ServiceRequest")[0]
    sent = by_id(bundle, "sr-food-1")
    for key in ("intent", "category", "code", "performer", "note", "extension"):
        assert sr[key] == sent[key], key
    back = fhir.from_fhir(json.dumps(out))
    assert back == r
    assert pickle.loads(pickle.dumps(r)) == r  # kept elements survive pickling


def test_strict_refuses_an_unknown_code_and_lenient_warns() -> None:
    bundle = sender_bundle()
    by_id(bundle, "sr-food-1")["code"] = {"coding": [{"system": "http://snomed.info/sct", "code": "34431008"}]}
    with pytest.raises(kulkija.ParseError, match="not a referral kulkija takes") as e:
        fhir.from_fhir(bundle)
    assert e.value.id == ErrorId.parse_unsupported
    assert e.value.path == "$.entry[1].resource.code"
    with pytest.warns(fhir.FhirImportWarning, match=r"at \$\.entry\[1\]\.resource\.code: not a referral kulkija takes"):
        r = fhir.from_fhir(bundle, mode="lenient")
    assert r.state == ReferralState.in_progress
    result = fhir.read_fhir(bundle, mode="lenient")
    assert len(result.referrals) == 1
    (w,) = result.warnings
    assert (w.id, w.path) == (ErrorId.parse_unsupported, "$.entry[1].resource.code")
    assert w == result.warnings[0]
    with pytest.raises(ValueError, match="mode must be 'strict' or 'lenient'"):
        fhir.read_fhir(bundle, mode="loose")  # type: ignore[arg-type]


def test_a_code_map_of_ones_own() -> None:
    default = fhir.default_code_map()
    assert ("http://snomed.info/sct", "871731000000106", "Referral to social prescribing service") in default.referral_codes
    assert fhir.CodeMap.from_json(default.to_json()) == default
    assert pickle.loads(pickle.dumps(default)) == default
    bundle = sender_bundle()
    by_id(bundle, "sr-food-1")["code"] = {"coding": [{"system": "http://example.org/codes", "code": "walk"}]}
    codes = {"referral": [{"system": "http://example.org/codes", "code": "walk", "kind": "social_prescribing",
                           "needs": ["physical_inactivity"]}]}
    r = fhir.from_fhir(bundle, codes=codes)
    assert r.needs == frozenset({kulkija.Need.physical_inactivity})
    with pytest.raises(kulkija.ParseError, match="unknown kind 'housing'") as e:
        fhir.CodeMap.from_json('{"referral": [{"system": "s", "code": "c", "kind": "housing"}]}')
    assert e.value.path == "$.referral[0].kind"


def test_a_task_alone_with_a_resolver() -> None:
    bundle = sender_bundle()
    server = {}
    for entry in bundle["entry"]:
        res = entry["resource"]
        key = f"{res['resourceType']}/{res['id']}"
        server[key] = res
        server["https://fhir.example.org/r4/" + key] = json.dumps(res)
    asked: list[str] = []

    def resolve(reference: str) -> dict | str | None:
        asked.append(reference)
        return server.get(reference)

    task = by_id(bundle, "task-3")
    r = fhir.from_fhir(task, resolve=resolve)
    assert r.state == ReferralState.in_progress
    assert "https://fhir.example.org/r4/ServiceRequest/sr-food-1" in asked
    with pytest.raises(kulkija.ParseError, match="nor through the resolver"):
        fhir.from_fhir(task, resolve=lambda reference: None)

    class Unreachable(Exception):
        pass

    def broken(reference: str) -> str:
        raise Unreachable(reference)

    with pytest.raises(Unreachable):  # the resolver's own exception comes through unchanged
        fhir.from_fhir(task, resolve=broken)
    with pytest.raises(TypeError, match="the resolver must return the resource's JSON text"):
        fhir.read_fhir(json.dumps(task), resolve=lambda reference: 42)  # type: ignore[arg-type,return-value]
    with pytest.raises(TypeError, match="the resolver must return the resource's JSON text"):  # the compiled check
        kulkija._core.fhir.read_fhir(json.dumps(task), resolve=lambda reference: {})


def test_a_task_and_its_service_request_given_separately() -> None:
    bundle = sender_bundle()
    server = {f"{e['resource']['resourceType']}/{e['resource']['id']}": e["resource"] for e in bundle["entry"]}
    server.update({"https://fhir.example.org/r4/" + k: v for k, v in server.items()})
    task = dict(by_id(bundle, "task-1"))
    r = fhir.from_fhir_pair(task, by_id(bundle, "sr-food-1"), resolve=server.get)
    assert r.state == ReferralState.requested
    plan = dict(by_id(bundle, "sr-food-1"), intent="plan")
    with pytest.raises(kulkija.ParseError, match="intent 'plan' is not a referral") as e:
        fhir.from_fhir_pair(task, plan, resolve=server.get)
    assert e.value.path == "[service_request]$.intent"


def test_kept_elements_never_hold_an_identity_code() -> None:
    bundle = sender_bundle()
    by_id(bundle, "sr-food-1")["note"][0]["text"] = f"hetu {IDENTITY_CODE}"
    with pytest.raises(kulkija.ParseError) as e:
        fhir.from_fhir(bundle, mode="lenient")
    assert e.value.id == ErrorId.personal_data
    assert IDENTITY_CODE not in str(e.value)
