"""kulkija.catalogue: the service catalogue, HSDS import, search and recommendations."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from pathlib import Path

import pandas as pd
import pytest

import kulkija
from kulkija.catalogue import (
    Activity,
    ActivityCategory,
    Catalogue,
    CostKind,
    ExclusionReason,
    Organisation,
    OrganisationKind,
    RecurrenceRule,
    fold_text,
    hsds_from_json,
    needs_addressed,
    read_hsds,
)

ROOT = Path(__file__).resolve().parents[2]
# the shared reference data: KULKIJA_SHARED_DIR (set by ctest), else `shared` beside the checkout
EXAMPLES = Path(os.environ.get("KULKIJA_SHARED_DIR", ROOT.parent / "shared")) / "data" / "hsds" / "v3.0" / "examples"
SAMPLE = ROOT / "examples" / "data" / "sample-region" / "catalogue.json"
DAY = dt.date(2026, 3, 2)
KOKKOLA = (63.8385, 23.1307)


def small_catalogue() -> Catalogue:
    c = Catalogue()
    c.add(Organisation("O-seniors", "Kokkolan Seniorit ry", "pensioner", home=272))
    c.add(
        Activity(
            "A-choir", "O-seniors", kulkija.LocalizedText("Laulupiiri", "Sångcirkel", "Singing circle"),
            languages=["fi"], categories=["music_singing", "meeting_place"], min_age=60, municipality=272,
            position=KOKKOLA, schedule=[RecurrenceRule("weekly", "tuesday", "13:00", "14:30")],
            cost="fee", fee=5.0, kaikukortti=True,
        )
    )
    c.add(
        Activity(
            "A-gym", "O-seniors", "Tuolijumppa", languages=["sv"], categories=["exercise"],
            municipality=217, position=(63.8999, 23.9158),
        )
    )
    return c


def client(**kwargs: object) -> kulkija.Client:
    return kulkija.Client(
        "C-1", 1950, 272, ["fi", "sv"], needs=["loneliness"],
        preferences=kulkija.ClientPreferences(interests=["laulu"], times=["weekday_daytime"]), **kwargs,
    )


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_every_official_hsds_example_imports(name: str) -> None:
    result = read_hsds(EXAMPLES / name)
    assert isinstance(result.catalogue, Catalogue)


def test_service_full_gives_one_activity_with_warnings() -> None:
    result = read_hsds(EXAMPLES / "service_full.json")
    (a,) = result.catalogue.activities
    assert a.name_in("fi") == "Community Counselling"
    assert (a.min_age, a.max_age, a.cost, a.fee, a.currency) == (12, 100, CostKind.fee, 35.0, "GBP")
    assert [r.day.name for r in a.schedule] == ["thursday", "friday"]
    assert ("$.schedules[0].byweekno", "ignored: kulkija schedules repeat without it") in result.warnings
    assert Catalogue.from_hsds(EXAMPLES / "service_full.json") == result.catalogue


def test_malformed_hsds_names_the_path() -> None:
    doc = json.loads((EXAMPLES / "service_full.json").read_text(encoding="utf-8"))
    doc["schedules"][0]["opens_at"] = "ten o'clock"
    with pytest.raises(kulkija.ParseError, match=r"\$\.schedules\[0\]\.opens_at") as info:
        hsds_from_json(json.dumps(doc))
    assert isinstance(info.value, ValueError)
    with pytest.raises(kulkija.ParseError, match="not valid JSON"):
        hsds_from_json("{")


def test_hsds_and_csv_round_trip(tmp_path: Path) -> None:
    c = small_catalogue()
    assert hsds_from_json(c.to_hsds()).catalogue == c
    (tmp_path / "catalogue.csv").write_text(c.to_csv(), encoding="utf-8")
    assert Catalogue.from_csv(tmp_path / "catalogue.csv") == c
    (tmp_path / "bad.csv").write_text("activity_id\nA\n", encoding="utf-8")
    with pytest.raises(kulkija.ParseError, match="organisation_id"):
        Catalogue.from_csv(tmp_path / "bad.csv")


def test_to_frame() -> None:
    df = small_catalogue().to_frame(lang="sv")
    assert list(df.index) == ["A-choir", "A-gym"]
    assert df.loc["A-choir", "name"] == "Sångcirkel"
    assert df.loc["A-gym", "name"] == "Tuolijumppa"  # no Swedish name: falls back
    assert df.loc["A-choir", "categories"] == "music_singing;meeting_place"
    assert df.loc["A-choir", "municipality"] == "272"
    assert df.loc["A-choir", "min_age"] == 60 and pd.isna(df.loc["A-gym", "min_age"])
    assert df.loc["A-choir", "schedule"] == "weekly tuesday 13:00-14:30"


def test_recommend_returns_a_frame_with_reasons() -> None:
    c = small_catalogue()
    df = c.recommend(client(), k=10, lang="fi", on=DAY, location=KOKKOLA, max_distance_km=50)
    assert list(df["activity_id"]) == ["A-choir", "A-gym"]
    assert list(df["rank"]) == [1, 2]
    assert df.loc[0, "need"] == 1.0 and df.loc[0, "interest"] == 1.0
    assert "Vastaa tarpeeseen: yksinäisyys" in df.loc[0, "reasons"]
    assert "need:loneliness" in df.loc[0, "reason_codes"]
    assert df.loc[0, "cost_for_client"] == 5.0
    assert df.loc[0, "next_meeting"] == dt.date(2026, 3, 3)
    en = c.recommend(client(), lang="en", on=DAY, location=KOKKOLA, max_distance_km=50, kaikukortti_holder=True)
    assert en.loc[0, "cost_for_client"] == 0.0
    assert "Free with the Kaikukortti" in en.loc[0, "reasons"]
    # Kannus is out of a 15 km reach from Kokkola
    near = c.recommend(client(), on=DAY, location=KOKKOLA)
    assert list(near["activity_id"]) == ["A-choir"]
    assert c.exclusion("A-gym", client(), on=DAY, location=KOKKOLA) is ExclusionReason.out_of_reach
    assert c.exclusion("A-choir", client(), on=DAY, location=KOKKOLA) is None
    with pytest.raises(kulkija.InvalidArgument, match="request.max_distance_km"):
        c.recommend(client(), on=DAY, max_distance_km=0)
    with pytest.raises(kulkija.ParseError):
        c.recommend(client(), on=DAY, weights={"beauty": 1.0})


def test_recommendations_respect_hard_filters_on_random_catalogues() -> None:
    rng = random.Random(7)
    codes = [272, 217, 236, 924, 74, 421, 584, 849]
    for _ in range(20):
        c = Catalogue()
        c.add(Organisation("O", "Yhdistys"))
        for i in range(rng.randint(3, 30)):
            c.add(
                Activity(
                    f"A{i}", "O", f"Toiminta {i}", languages=rng.sample(["fi", "sv", "en"], rng.randint(1, 2)),
                    min_age=rng.choice([None, 18, 65]), municipality=rng.choice([None, *codes]),
                    valid_to=rng.choice([None, dt.date(2026, 2, 1), dt.date(2026, 12, 31)]),
                )
            )
        person = kulkija.Client("C", rng.randint(1940, 2005), rng.choice(codes), [rng.choice(["fi", "sv", "en"])])
        df = c.recommend(person, k=100, on=DAY)
        for activity_id in df["activity_id"]:
            a = c.activity(activity_id)
            assert a.valid_on(DAY)
            assert person.preferred_language in a.languages
            assert a.municipality is None or a.municipality == person.home
            if a.min_age is not None:
                assert person.age_range_on(DAY)[0] >= a.min_age
        expected = {a.id for a in c.activities if c.exclusion(a.id, person, on=DAY) is None}
        assert set(df["activity_id"]) == expected


def test_search_and_folding() -> None:
    c = small_catalogue()
    assert [a.id for a in c.search("SÅNGCIRKEL")] == ["A-choir"]
    assert [a.id for a in c.search("karleby")] == ["A-choir"]  # Kokkola's Swedish name
    assert fold_text("Hämeenlinna") != fold_text("Hameenlinna")
    assert fold_text("Hämeenlinna", nordic_letters=True) == "hameenlinna"
    assert kulkija.Need.digital_exclusion in needs_addressed(ActivityCategory.digital_skills)
    assert ActivityCategory.music_singing.label("sv") == "musik och sång"
    assert OrganisationKind.parse("umbrella") is OrganisationKind.umbrella


def test_activity_validation_names_the_field() -> None:
    with pytest.raises(kulkija.InvalidArgument, match="activity.languages"):
        Activity("A", "O", "x", languages=[])
    with pytest.raises(kulkija.InvalidArgument, match=r"rule\.anchor"):
        RecurrenceRule("biweekly", "monday", "10:00", "11:00")


def test_sample_region_catalogue() -> None:
    result = read_hsds(SAMPLE)
    assert result.warnings == []
    assert 30 <= len(result.catalogue) <= 80
    df = result.catalogue.to_frame()
    assert set(df["municipality"]) == {"272", "217", "236", "924", "074", "421", "584", "849"}
    assert df["kaikukortti"].any() and (df["cost"] == "free").any()


def test_sample_catalogue_is_what_the_generator_writes() -> None:
    import subprocess
    import sys

    script = ROOT / "examples" / "data" / "generate_catalogue.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _closed(schema: object) -> None:
    """additionalProperties: false everywhere, as HSDS's own validate_examples_json_schema.sh does."""
    if isinstance(schema, dict):
        if "properties" in schema:
            schema["additionalProperties"] = False
        for value in schema.values():
            _closed(value)
    elif isinstance(schema, list):
        for value in schema:
            _closed(value)


def test_exported_hsds_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((EXAMPLES.parent / "schema" / "compiled" / "organization.json").read_text(encoding="utf-8"))
    _closed(schema)
    validator = jsonschema.validators.validator_for(schema)(schema)
    official = json.loads((EXAMPLES / "organization_full.json").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(official)) == []  # the oracle accepts HSDS's own example
    exported = json.loads(read_hsds(SAMPLE).catalogue.to_hsds())
    generated = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for page in (exported, generated, json.loads(small_catalogue().to_hsds(name_language="sv"))):
        errors = [f"{list(e.absolute_path)}: {e.message}" for org in page["contents"] for e in validator.iter_errors(org)]
        assert errors == []
    broken = exported["contents"][0]
    broken["services"][0]["status"] = "open"
    assert list(validator.iter_errors(broken))
