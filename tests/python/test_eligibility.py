"""kulkija.eligibility: the rule language, rule sets, decisions and batch evaluation."""

from __future__ import annotations

import datetime as dt
import enum
import json
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kulkija
from kulkija import ErrorId, eligibility as el
from kulkija._core import eligibility as core_eligibility

RULES = Path(__file__).resolve().parents[2] / "examples" / "data" / "rules"
DAY = dt.date(2026, 3, 1)
IDENTITY_CODE = "131052-308T"

SCHEMA = el.Schema(
    {
        "age": "integer",
        "score": "number",
        "flag": "boolean",
        "living": ("code", ["alone", "with_partner", "with_family", "other"]),
        "needs": ("code_set", ["a", "b", "c", "d", "e"]),
        "day": "date",
        "town": "integer",
    }
)


def wellbeing() -> el.RuleSet:
    return el.RuleSet.from_json(RULES / "wellbeing-referral.json")


def referral(birth_year: int = 1980) -> kulkija.Referral:
    c = kulkija.Client("C-1", birth_year, 272, ["fi"], living="alone", needs=["loneliness"])
    p = kulkija.Professional("P-1", "health_care", "Soite terveysasema")
    r = kulkija.Referral("R-1", c, p, ["loneliness"])
    r.record_consent(dt.datetime(2026, 2, 1, 9, tzinfo=dt.timezone.utc))
    return r


# ---------------------------------------------------------------- the language


def test_parse_evaluate_and_canonical_form() -> None:
    e = el.parse("age>=18 and(needs has any[bereavement,loneliness])")
    assert str(e) == "age >= 18 and needs has any [loneliness, bereavement]"
    assert e == el.parse(str(e))
    assert e.fields == ["age", "needs"]
    assert e.evaluate({"age": 30, "needs": ["loneliness"]}).value is el.Truth.yes
    assert e.evaluate({"age": 30, "needs": [kulkija.Need.bereavement]}).value is el.Truth.yes
    assert e.evaluate({"age": 17, "needs": ["loneliness"]}).value is el.Truth.no
    unknown = e.evaluate({"age": (17, 18), "needs": ["loneliness"]})
    assert unknown.value is el.Truth.unknown and unknown.undetermined_fields == ["age"]
    missing = e.evaluate({"needs": ["loneliness"]})
    assert missing.value is el.Truth.unknown and missing.undetermined_fields == ["age"]
    assert e.evaluate({"needs": []}).value is el.Truth.no  # a false conjunct decides


def test_parse_errors_are_value_errors_with_position() -> None:
    with pytest.raises(kulkija.ParseError) as info:
        el.parse("age >= 18 and\n  agee > 1")
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.line, err.column) == (2, 3)
    assert err.id == ErrorId.parse_unknown_name
    assert "unknown field or rule 'agee' (did you mean 'age'?)" in str(err)
    with pytest.raises(kulkija.ParseError, match=r"type mismatch: 'age' is integer, \"x\" is text") as info:
        el.parse('age = "x"')
    assert info.value.id == ErrorId.parse_type_mismatch and info.value.column == 7
    with pytest.raises(kulkija.ParseError, match="did you mean 'loneliness'"):
        el.parse("needs has lonelines")
    with pytest.raises(kulkija.ParseError) as info:
        el.parse(f'living = "{IDENTITY_CODE}"')
    assert IDENTITY_CODE not in str(info.value)


def test_named_rules_and_custom_schemas() -> None:
    adult = el.parse("age >= 18")
    e = el.parse("adult and not needs_medical_care", rules={"adult": adult})
    assert str(e) == "adult and not needs_medical_care"
    s = el.Schema({"x": "integer", "kind": ("code", ["p", "q"])})
    assert len(s) == 2 and "x" in s and s.fields["kind"] == ("code", ["p", "q"])
    assert el.parse("x between 1 and 3 and kind = q", s).evaluate({"x": 2, "kind": "q"}).value is el.Truth.yes
    with pytest.raises(kulkija.InvalidArgument, match="is a keyword"):
        el.Schema({"and": "integer"})
    with pytest.raises(kulkija.ParseError, match="unknown field type 'float'"):
        el.Schema({"x": "float"})
    with pytest.raises(kulkija.InvalidArgument, match="kind: unknown code 'r'"):
        el.parse("kind = p", s).evaluate({"kind": "r"})


# ---------------------------------------------------------------- rule sets and decisions


def test_rule_set_decides_with_reasons_in_three_languages() -> None:
    rs = wellbeing()
    assert (rs.id, rs.version, rs.valid_from, rs.valid_to) == ("wellbeing-referral", "2026.1", dt.date(2026, 1, 1), None)
    d = rs.evaluate(referral(), on=DAY, lang="en", own_resources_sufficient=False)
    assert d.status is el.DecisionStatus.undetermined and not d.eligible
    assert d.reasons == ["The client primarily needs medical treatment. (missing or uncertain: needs_medical_care)"]
    d = rs.evaluate(referral(), on=DAY, lang="sv", own_resources_sufficient=False, needs_medical_care=False)
    assert d.eligible and d.reasons == [] and d.language is kulkija.TextLanguage.sv
    d = rs.evaluate(referral(), on=DAY, lang="fi", own_resources_sufficient=True, needs_medical_care=True)
    assert d.status is el.DecisionStatus.not_eligible
    assert [r.criterion_id for r in d.results[:2]] == ["no_medical_need", "needs_support_to_join"]
    assert d.results[0].outcome is el.CriterionOutcome.failed
    assert d.reasons[0] == "Asiakas tarvitsee ensisijaisesti sairaanhoitoa."
    assert "[failed] no_medical_need (exclusion)" in d.explain()


def test_birth_year_straddling_the_threshold_is_undetermined() -> None:
    rs = el.RuleSet.from_json(str(RULES / "kaikukortti.json"))
    c = kulkija.Client("C-2", 2010, 272, ["fi"], needs=["financial_hardship"])
    d = rs.evaluate(c, on=dt.date(2026, 6, 1), lang="en", participating_unit_client=True)
    assert d.status is el.DecisionStatus.undetermined
    assert d.results[0].undetermined_fields == ["age"]
    assert "only the birth year 2010 is known" in d.reasons[0]
    assert rs.evaluate(c, on=dt.date(2026, 12, 31), participating_unit_client=True).eligible


def test_bad_json_names_the_path() -> None:
    good = json.loads((RULES / "kaikukortti.json").read_text(encoding="utf-8"))
    bad = json.loads(json.dumps(good))
    bad["criteria"][2]["expression"] = "low_income or needs has financial_hardhsip"
    with pytest.raises(kulkija.ParseError) as info:
        el.RuleSet.from_json(json.dumps(bad))
    assert info.value.path == "$.criteria[2].expression"
    assert (info.value.line, info.value.column) == (1, 25)
    assert "did you mean 'financial_hardship'" in str(info.value)
    bad = json.loads(json.dumps(good))
    bad["criteria"][1]["reason"].pop("sv")
    with pytest.raises(kulkija.ParseError, match="is required") as info:
        el.RuleSet.from_json(json.dumps(bad))
    assert info.value.path == "$.criteria[1].reason.sv"
    with pytest.raises(kulkija.NotFound):
        el.RuleSet.from_json(RULES / "no-such-file.json")


def test_collection_picks_the_version_in_force_and_rejects_overlaps() -> None:
    base = json.loads((RULES / "kaikukortti.json").read_text(encoding="utf-8"))

    def version(v: str, start: str, end: str | None) -> el.RuleSet:
        return el.RuleSet.from_json(json.dumps({**base, "version": v, "valid_from": start, "valid_to": end}))

    rules = el.RuleSetCollection()
    rules.add(version("1", "2025-01-01", "2025-12-31"))
    rules.add(version("2", "2026-01-01", None))
    assert rules.in_force("kaikukortti", dt.date(2025, 6, 1)).version == "1"
    assert rules.in_force("kaikukortti", dt.date(2027, 6, 1)).version == "2"
    with pytest.raises(kulkija.InvalidArgument, match="overlaps version '2' from 2026-06-01") as info:
        rules.add(version("3", "2026-06-01", None))
    assert info.value.id == ErrorId.rule_set_overlap
    with pytest.raises(kulkija.NotFound):
        rules.in_force("kaikukortti", dt.date(2024, 1, 1))
    assert len(rules) == 2 and [r.version for r in rules] == ["1", "2"]


# ---------------------------------------------------------------- batch


def random_columns(n: int, seed: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    score = (rng.integers(0, 100, n) / 10).astype(np.float32)
    score[rng.random(n) < 0.05] = np.nan
    day = (np.datetime64("2024-06-01") + rng.integers(0, 800, n)).astype("datetime64[D]")
    day[rng.random(n) < 0.05] = np.datetime64("NaT")
    columns = {
        "age": rng.integers(-2, 100, n).astype(np.int16),
        "score": score,
        "flag": rng.random(n) < 0.5,
        "living": rng.integers(-1, 5, n).astype(np.int8),
        "needs": rng.integers(0, 32, n).astype(np.uint8),
        "day": day,
        "town": (rng.integers(0, 40, n) * 25).astype(np.int16),
    }
    masks = {"age": rng.random(n) > 0.1, "flag": rng.random(n) > 0.2, "town": rng.random(n) > 0.05}
    return columns, masks


def record(columns: dict[str, np.ndarray], masks: dict[str, np.ndarray], i: int) -> dict[str, object]:
    codes = ["alone", "with_partner", "with_family", "other"]
    living = int(columns["living"][i])
    score = float(columns["score"][i])
    day = columns["day"][i]
    return {
        "age": int(columns["age"][i]) if masks["age"][i] else None,
        "score": None if np.isnan(score) else score,
        "flag": bool(columns["flag"][i]) if masks["flag"][i] else None,
        "living": codes[living] if 0 <= living < 4 else None,
        "needs": [c for b, c in enumerate("abcde") if int(columns["needs"][i]) >> b & 1],
        "day": None if np.isnat(day) else day.astype(dt.date),
        "town": int(columns["town"][i]) if masks["town"][i] else None,
    }


RULE_TEXTS = [
    "age >= 18 and not flag",
    "(score < 5.5 or needs has any [a, c]) and town in [0, 25, 100, 275, 500, 725, 900]",
    "living in [alone, with_partner] or day >= 2025-03-01 and needs has all [b, d]",
    "not (age between 30 and 64) and (score is missing or flag = false)",
    "town not in [50, 75] and living != other and day < 2025-09-30",
]


@pytest.mark.parametrize("text", RULE_TEXTS)
def test_batch_equals_per_record_on_random_data(text: str) -> None:
    columns, masks = random_columns(2000, hash(text) % 1000)
    e = el.parse(text, SCHEMA)
    out = e.evaluate_columns(columns, masks)
    assert out.dtype == np.uint8 and out.shape == (2000,)
    want = [e.evaluate(record(columns, masks, i)).value.value for i in range(2000)]
    assert out.tolist() == want
    assert set(want) == {0, 1, 2}
    selected = e.select(columns, masks)
    assert selected.dtype == np.bool_ and selected.tolist() == [w == 1 for w in want]


def test_batch_threads_give_the_same_rows() -> None:
    # 600,000 rows: two threads of at least 262,144 rows each
    columns, masks = random_columns(600_000, 8)
    e = el.parse(RULE_TEXTS[1], SCHEMA)
    one = e.evaluate_columns(columns, masks)
    for threads in (2, 0):
        assert np.array_equal(e.evaluate_columns(columns, masks, threads=threads), one)
        assert np.array_equal(e.select(columns, masks, threads=threads), one == 1)
    assert el.batch_instruction_set() in {"baseline", "x86-64-v3", "x86-64-v4"}


def test_birth_dates_as_date_objects_give_the_datetime64_decisions() -> None:
    # pyarrow's to_pandas() gives dates as datetime.date objects: they take pandas' converter
    # (numpy's is about 20x slower for date objects), with the same ages, 29 February and
    # births before 1900 included; None is a missing birth date, so no age
    rs = wellbeing()
    rng = np.random.default_rng(12)
    n = 4000
    born = (np.datetime64("1880-01-01") + rng.integers(0, 52000, n)).astype("datetime64[D]")
    born[:4] = np.array(["1904-02-29", "2008-02-29", "1908-03-01", "2008-02-28"], dtype="datetime64[D]")
    df = pd.DataFrame(
        {
            "birth_date": born,
            "municipality": np.full(n, 272, dtype=np.int16),
            "living": pd.Categorical(np.full(n, "alone")),
            "needs": [["loneliness"]] * n,
            "wellbeing": pd.array(np.full(n, 3.0), dtype="Float32"),
            "needs_medical_care": pd.array(np.zeros(n, dtype=bool), dtype="boolean"),
            "own_resources_sufficient": np.zeros(n, dtype=bool),
            "referrer_sector": np.full(n, "health_care"),
            "consent_given": pd.array(np.ones(n, dtype=bool), dtype="boolean"),
        }
    )
    objects = df.assign(birth_date=pd.Series([d.astype(dt.date) for d in born], dtype=object))
    objects.loc[7, "birth_date"] = None
    for on in (dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 12, 31)):
        want = rs.evaluate_frame(df, on=on)["status_code"].to_numpy()
        got = rs.evaluate_frame(objects, on=on)["status_code"].to_numpy()
        keep = np.arange(n) != 7
        assert got[keep].tolist() == want[keep].tolist()
        assert got[7] != 0  # no birth date: never eligible
        assert len(set(want.tolist())) > 1  # the ages decide: some rows are too young or too old
    # a date field of date objects, likewise
    days = el.RuleSet.from_json(
        '{"id": "d", "version": "1", "region": "r", "valid_from": "1600-01-01", "valid_to": null, "criteria":'
        ' [{"id": "c", "kind": "inclusion", "expression": "day >= 2025-03-01", "reason": {"fi": "a", "sv": "b", "en": "c"}}]}',
        el.Schema({"day": "date"}),
    )
    objects = pd.DataFrame({"day": pd.Series([dt.date(2025, 3, 1), dt.date(2025, 2, 28), None], dtype=object)})
    assert days.evaluate_frame(objects, on=DAY)["status_code"].tolist() == [0, 1, 2]  # eligible, not, undetermined


def test_rule_set_batch_equals_decisions_and_frames() -> None:
    rs = wellbeing()
    rng = np.random.default_rng(5)
    n = 3000
    df = pd.DataFrame(
        {
            "birth_date": (np.datetime64("1930-01-01") + rng.integers(0, 30000, n)).astype("datetime64[D]"),
            "municipality": rng.choice(np.array([272, 924, 91, 49], dtype=np.int16), n),
            "living": pd.Categorical(rng.choice(["alone", "with_family", "institutional_care"], n)),
            "needs": [["loneliness"] if x else [] for x in rng.random(n) < 0.7],
            "wellbeing": pd.array(np.where(rng.random(n) < 0.2, None, rng.integers(0, 11, n)), dtype="Float32"),
            "needs_medical_care": pd.array(rng.choice([True, False, None], n), dtype="boolean"),
            "own_resources_sufficient": rng.random(n) < 0.2,
            "referrer_sector": rng.choice(["health_care", "social_services", "other"], n),
            "consent_given": pd.array(rng.choice([True, False, None], n, p=[0.8, 0.1, 0.1]), dtype="boolean"),
        },
        index=rng.permutation(n) + 10_000,  # the results keep the frame's index, row for row
    )
    frame = rs.evaluate_frame(df, on=DAY)
    assert list(frame.columns) == ["status", "status_code", "first_criterion"]
    assert (frame.index == df.index).all()
    for i, row in enumerate(df.itertuples(index=False)):
        born = row.birth_date.astype(dt.date) if hasattr(row.birth_date, "astype") else row.birth_date.date()
        values = {
            "age": DAY.year - born.year - ((born.month, born.day) > (DAY.month, DAY.day)),
            "municipality": int(row.municipality),
            "living": row.living,
            "needs": row.needs,
            "wellbeing": None if pd.isna(row.wellbeing) else float(row.wellbeing),
            "needs_medical_care": None if pd.isna(row.needs_medical_care) else bool(row.needs_medical_care),
            "own_resources_sufficient": bool(row.own_resources_sufficient),
            "referrer_sector": row.referrer_sector,
            "consent_given": None if pd.isna(row.consent_given) else bool(row.consent_given),
        }
        d = rs.evaluate(values, on=DAY)
        assert frame["status_code"].iat[i] == d.status.value, (i, values, d.explain())
        first = frame["first_criterion"].iat[i]
        assert (None if pd.isna(first) else first) == (None if d.eligible else d.results[0].criterion_id)
    assert set(frame["status"]) == {"eligible", "not_eligible", "undetermined"}


def test_batch_errors_name_the_field_and_release_the_gil() -> None:
    e = el.parse("age >= 18 and flag", SCHEMA)
    with pytest.raises(kulkija.InvalidArgument, match="flag: no column for the field"):
        e.evaluate_columns({"age": np.zeros(3, np.int16)})
    with pytest.raises(kulkija.InvalidArgument, match="age: a integer field needs an integer column, got a float64"):
        e.evaluate_columns({"age": np.zeros(3), "flag": np.zeros(3, bool)})
    with pytest.raises(kulkija.InvalidArgument, match="flag: the column has 2 rows, the others 3"):
        e.evaluate_columns({"age": np.zeros(3, np.int16), "flag": np.zeros(2, bool)})
    with pytest.raises(kulkija.InvalidArgument, match="the validity mask must be one-dimensional"):
        e.evaluate_columns({"age": np.zeros(3, np.int16), "flag": np.zeros(3, bool)}, {"age": np.ones(2, bool)})
    # strided input is made contiguous; results are still right
    ages = np.arange(20, dtype=np.int16)[::2]
    assert e.evaluate_columns({"age": ages, "flag": np.ones(10, bool)}).tolist() == [0] * 9 + [1]
    # many threads at once: the evaluation runs without the GIL
    big = {"age": np.full(200_000, 30, np.int16), "flag": np.ones(200_000, bool)}
    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(int(e.evaluate_columns(big).sum()))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [200_000] * 4


def test_frames_with_values_that_are_not_codes_are_rejected_naming_the_field_and_row() -> None:
    rs = wellbeing()
    good = {
        "age": pd.array([30, 40], dtype="Int16"),
        "living": pd.Categorical(["alone", None], categories=["alone", "with_family"]),
        "needs": [["loneliness"], None],
    }
    fields = [f for f in rs.batch_fields if f in good]
    el.columns_from_frame(rs.schema, pd.DataFrame(good), fields, DAY)  # missing values are fine
    bad_code = dict(good, living=["alone", "hut-070791-123X"])
    with pytest.raises(kulkija.InvalidArgument, match=r"living: row 1 holds a value that is not one of the codes") as info:
        el.columns_from_frame(rs.schema, pd.DataFrame(bad_code), ["living"], DAY)
    assert "070791" not in str(info.value)
    bad_member = dict(good, needs=[["loneliness"], ["loneliness", "no-such-need"]])
    with pytest.raises(kulkija.InvalidArgument, match=r"needs: row 1 holds a member that is not one of the codes"):
        el.columns_from_frame(rs.schema, pd.DataFrame(bad_member), ["needs"], DAY)


def test_sub_rules_that_double_at_every_link_are_a_parse_error_not_a_hang() -> None:
    # 25 links of "r(i-1) and r(i-1)" would be 2^27 tests in every evaluation (1.5 s a decision)
    rules = {"r0": "age >= 18 or wellbeing < 5"}
    rules.update({f"r{i}": f"r{i - 1} and r{i - 1}" for i in range(1, 26)})
    doc = {
        "id": "x", "version": "1", "region": "r", "valid_from": "2026-01-01", "valid_to": None, "rules": rules,
        "criteria": [{"id": "c", "kind": "inclusion", "expression": "r25", "reason": {"fi": "a", "sv": "b", "en": "c"}}],
    }
    with pytest.raises(kulkija.ParseError, match=r"\$\.rules\.r15: 1:9: .*more than 100000 tests .*\('r14' adds 98301\)") as info:
        el.RuleSet.from_json(json.dumps(doc))
    assert info.value.id == ErrorId.parse_syntax


def test_deep_nesting_is_a_parse_error_not_a_crash() -> None:
    # issue 15: 20,000 '(' overflowed the stack of the recursive parser and killed Python
    with pytest.raises(kulkija.ParseError, match="nests deeper than 256 levels") as info:
        el.parse("(" * 20000 + "age >= 18" + ")" * 20000)
    assert isinstance(info.value, ValueError)
    assert info.value.id == ErrorId.parse_syntax
    assert (info.value.line, info.value.column) == (1, 257)
    with pytest.raises(kulkija.ParseError, match="nests deeper than 256 levels"):
        el.parse("not " * 20000 + "needs_medical_care")
    e = el.parse("(" * 256 + "age >= 18" + ")" * 256)
    assert str(e) == "age >= 18"
    assert e.evaluate({"age": 20}).value is el.Truth.yes
