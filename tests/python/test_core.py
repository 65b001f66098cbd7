"""kulkija.core: errors, dates and timestamps, ids, languages, municipalities, texts."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

import kulkija
from kulkija import ErrorId

UTC = dt.timezone.utc
IDENTITY_CODE = "131052-308T"


# ------------------------------------------------------------------ errors


def test_exception_hierarchy() -> None:
    assert issubclass(kulkija.Error, Exception)
    for cls in (kulkija.ParseError, kulkija.InvalidArgument, kulkija.InvalidTransition):
        assert issubclass(cls, kulkija.Error)
        assert issubclass(cls, ValueError)
    assert issubclass(kulkija.NotFound, kulkija.Error)
    assert issubclass(kulkija.NotFound, KeyError)
    assert not issubclass(kulkija.NotFound, ValueError)
    assert not issubclass(kulkija.Error, ValueError)
    assert kulkija.Error.__module__ == "kulkija"
    assert kulkija.Error.__doc__


def test_error_id_is_a_stable_int_enum() -> None:
    assert ErrorId.invalid_id == 202
    assert isinstance(ErrorId.parse_date, int)
    assert [e.value // 100 for e in ErrorId] == sorted(e.value // 100 for e in ErrorId)
    assert ErrorId(401) is ErrorId.not_found


def test_parse_error_has_position_and_id() -> None:
    with pytest.raises(kulkija.ParseError) as info:
        kulkija.parse_date("2026-02-30")
    e = info.value
    assert e.id == 102
    assert e.id is ErrorId.parse_date
    assert (e.line, e.column, e.path) == (1, 9, "")
    assert str(e) == "[kulkija.parse_error.102] 1:9: day must be 01 to 28 in '2026-02-30'"


def test_parse_error_column_of_first_bad_character() -> None:
    with pytest.raises(kulkija.ParseError) as info:
        kulkija.parse_date("2026-3-15")
    assert info.value.column == 7
    assert "two-digit month" in str(info.value)


def test_invalid_argument_has_field_and_rule() -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.validate_id("referral_id", "R 1")
    e = info.value
    assert e.id == ErrorId.invalid_id
    assert e.field == "referral_id"
    assert e.rule.startswith("may contain only A-Z a-z 0-9 . _ : -")
    assert str(e).startswith("[kulkija.invalid_argument.202] referral_id: ")


def test_errors_are_catchable_as_builtins() -> None:
    with pytest.raises(ValueError):
        kulkija.Language("xx")
    with pytest.raises(ValueError):
        kulkija.parse_timestamp("yesterday")


def test_errors_pickle_with_their_attributes() -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Municipality(999)
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is kulkija.InvalidArgument
    assert (copy.id, copy.field, str(copy)) == (info.value.id, "municipality", str(info.value))


def test_identity_code_never_reaches_a_message() -> None:
    assert kulkija.contains_identity_code(IDENTITY_CODE)
    assert kulkija.contains_identity_code(f"client {IDENTITY_CODE} called")
    assert not kulkija.contains_identity_code("C-2026-0042")
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.validate_id("client_id", IDENTITY_CODE)
    assert info.value.id == ErrorId.personal_data
    assert info.value.field == "client_id"
    assert IDENTITY_CODE not in str(info.value)
    assert kulkija.quote(IDENTITY_CODE) == "<redacted personal identity code>"
    with pytest.raises(kulkija.ParseError) as parse_info:
        kulkija.parse_date(IDENTITY_CODE)
    assert IDENTITY_CODE not in str(parse_info.value)


def test_validate_free_text() -> None:
    kulkija.validate_free_text("note", "hello\nworld", 100)
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.validate_free_text("note", "x" * 11, 10)
    assert info.value.field == "note"
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.validate_free_text("note", f"hetu {IDENTITY_CODE}", 100)
    assert info.value.id == ErrorId.personal_data
    assert IDENTITY_CODE not in str(info.value)


def test_quote_shortens() -> None:
    assert kulkija.quote("abc") == "'abc'"
    assert kulkija.quote("x" * 100) == "'" + "x" * 60 + "...'"


# ------------------------------------------------------------------ dates and timestamps


def test_date_round_trip() -> None:
    d = kulkija.parse_date("2026-03-15")
    assert type(d) is dt.date
    assert d == dt.date(2026, 3, 15)
    assert kulkija.format_date(dt.date(2026, 3, 5)) == "2026-03-05"


def test_date_rejects_datetime_and_other_types() -> None:
    with pytest.raises(TypeError):
        kulkija.format_date(dt.datetime(2026, 3, 15, 12, 0))  # a date subclass, yet refused
    with pytest.raises(TypeError):
        kulkija.format_date("2026-03-15")  # type: ignore[arg-type]


def test_date_out_of_range() -> None:
    with pytest.raises(ValueError, match="1400"):
        kulkija.format_date(dt.date(1200, 1, 1))


def test_numpy_datetime64_dates() -> None:
    np = pytest.importorskip("numpy")
    assert kulkija.format_date(np.datetime64("2026-03-15")) == "2026-03-15"
    assert kulkija.age_on(np.datetime64("2000-02-29"), dt.date(2001, 3, 1)) == 1
    with pytest.raises(ValueError, match="unit 'D'"):
        kulkija.format_date(np.datetime64("2026-03-15T10:00"))
    with pytest.raises(ValueError, match="NaT"):
        kulkija.format_date(np.datetime64("NaT"))


def test_timestamp_is_aware_utc() -> None:
    t = kulkija.parse_timestamp("2026-03-15T09:30:00Z")
    assert t == dt.datetime(2026, 3, 15, 9, 30, tzinfo=UTC)
    assert t.tzinfo is UTC
    shifted = kulkija.parse_timestamp("2026-03-15T11:30+02:00")
    assert shifted == t
    assert shifted.utcoffset() == dt.timedelta(0)
    assert kulkija.parse_timestamp("2026-03-15 09:30") == t  # no zone: UTC


def test_timestamp_input_aware_and_naive() -> None:
    helsinki = dt.timezone(dt.timedelta(hours=2))
    assert kulkija.format_timestamp(dt.datetime(2026, 3, 15, 11, 30, tzinfo=helsinki)) == "2026-03-15T09:30:00Z"
    assert kulkija.format_timestamp(dt.datetime(2026, 3, 15, 9, 30)) == "2026-03-15T09:30:00Z"  # naive = UTC
    assert kulkija.format_timestamp(dt.datetime(2026, 3, 15, 9, 30, 5, 999999, tzinfo=UTC)) == "2026-03-15T09:30:05.999999Z"


def test_timestamp_keeps_microseconds() -> None:
    at = dt.datetime(2026, 3, 15, 9, 30, 5, 123456, tzinfo=UTC)
    event = kulkija.LifecycleEvent("issue", at, "referrer")
    assert event.at == at


def test_timestamp_rejects_dates_and_nat() -> None:
    with pytest.raises(TypeError):
        kulkija.format_timestamp(dt.date(2026, 3, 15))  # type: ignore[arg-type]
    pd = pytest.importorskip("pandas")
    assert kulkija.format_timestamp(pd.Timestamp("2026-03-15T11:30+02:00")) == "2026-03-15T09:30:00Z"
    with pytest.raises(ValueError, match="NaT"):
        kulkija.format_timestamp(pd.NaT)


def test_numpy_datetime64_timestamps() -> None:
    np = pytest.importorskip("numpy")
    assert kulkija.format_timestamp(np.datetime64("2026-03-15T09:30:05")) == "2026-03-15T09:30:05Z"
    with pytest.raises(ValueError, match="NaT"):
        kulkija.format_timestamp(np.datetime64("NaT"))


def test_parse_timestamp_errors() -> None:
    with pytest.raises(kulkija.ParseError) as info:
        kulkija.parse_timestamp("2026-03-15T25:00Z")
    assert info.value.id == ErrorId.parse_timestamp
    assert info.value.column == 12
    assert "hour must be 00 to 23" in str(info.value)


def test_age_on() -> None:
    assert kulkija.age_on(dt.date(1952, 10, 13), dt.date(2026, 10, 12)) == 73
    assert kulkija.age_on(birth=dt.date(1952, 10, 13), on=dt.date(2026, 10, 13)) == 74
    assert kulkija.age_on(dt.date(2000, 2, 29), dt.date(2001, 2, 28)) == 0
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.age_on(dt.date(2000, 1, 2), dt.date(2000, 1, 1))
    assert info.value.field == "on"
    assert info.value.id == ErrorId.invalid_date


# ------------------------------------------------------------------ languages


def test_language() -> None:
    fi = kulkija.Language("FI")
    assert fi.code == "fi"
    assert str(fi) == "fi"
    assert repr(fi) == "Language('fi')"
    assert fi.name() == "Finnish"
    assert fi.name("fi") == "suomi"
    assert fi.name(lang=kulkija.TextLanguage.sv) == "finska"
    assert kulkija.Language("smn").name() != "smn"
    assert kulkija.Language("zu").name() == "zu"


def test_language_value_semantics() -> None:
    fi, sv = kulkija.Language("fi"), kulkija.Language("sv")
    assert fi == kulkija.Language("fi")
    assert fi != sv
    assert fi != "fi"
    assert fi != "not a language"
    assert fi < sv
    assert sorted([sv, fi]) == [fi, sv]
    assert len({fi, kulkija.Language("FI"), sv}) == 2
    assert pickle.loads(pickle.dumps(sv)) == sv


def test_language_validation() -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Language("xx")
    assert info.value.id == ErrorId.invalid_language
    assert info.value.field == "language"
    assert "'xx'" in str(info.value)
    assert kulkija.Language.is_valid("SE")
    assert not kulkija.Language.is_valid("xyz")
    codes = kulkija.Language.all_codes()
    assert codes == sorted(codes)
    assert {"fi", "sv", "se", "smn", "sms", "fit", "rmf", "fse", "fss"} <= set(codes)
    assert len(codes) == 183 + 6


# ------------------------------------------------------------------ municipalities


def test_municipality() -> None:
    kokkola = kulkija.Municipality(272)
    assert (kokkola.code, kokkola.code_text, kokkola.name_fi, kokkola.name_sv) == (272, "272", "Kokkola", "Karleby")
    assert kulkija.Municipality("005").name_fi == "Alajärvi"
    assert kulkija.Municipality(code=5) == kulkija.Municipality("005")
    assert repr(kokkola) == "Municipality(272)"
    assert str(kulkija.Municipality(5)) == "005"


def test_municipality_value_semantics() -> None:
    a, b = kulkija.Municipality(5), kulkija.Municipality(272)
    assert a < b
    assert a != 5
    assert len({a, b, kulkija.Municipality("272")}) == 2
    assert pickle.loads(pickle.dumps(b)) == b


@pytest.mark.parametrize("code", [0, 999, -1, 1000])
def test_municipality_rejects_unknown_codes(code: int) -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Municipality(code)
    assert info.value.id == ErrorId.invalid_municipality
    assert info.value.field == "municipality"


@pytest.mark.parametrize("code", ["27", "2720", "abc", "", " 272"])
def test_municipality_rejects_bad_text(code: str) -> None:
    with pytest.raises(kulkija.InvalidArgument) as info:
        kulkija.Municipality(code)
    assert info.value.field == "municipality"


def test_municipality_list() -> None:
    everything = kulkija.Municipality.all()
    assert len(everything) == 308
    assert everything == sorted(everything)
    assert all(kulkija.Municipality.is_valid(m.code) for m in everything)
    assert not kulkija.Municipality.is_valid(999)


def test_municipality_accepts_codes_where_expected() -> None:
    client = kulkija.Client("C-1", 1950, "272", ["fi"])
    assert client.home == kulkija.Municipality(272)
    client.home = 5
    assert client.home.name_fi == "Alajärvi"
    with pytest.raises(kulkija.InvalidArgument):
        client.home = 999
    with pytest.raises(TypeError):
        client.home = 272.0  # type: ignore[assignment]
    assert client.home.code == 5


# ------------------------------------------------------------------ texts


def test_text_language() -> None:
    assert kulkija.TextLanguage.parse("sv") is kulkija.TextLanguage.sv
    assert [t.name for t in kulkija.TextLanguage] == ["fi", "sv", "en"]
    with pytest.raises(kulkija.ParseError) as info:
        kulkija.TextLanguage.parse("de")
    assert info.value.id == ErrorId.parse_enum
    assert "expected one of: fi, sv, en" in str(info.value)


def test_localized_text() -> None:
    text = kulkija.LocalizedText(fi="hei", sv="hej", en="hello")
    assert text["sv"] == "hej"
    assert text[kulkija.TextLanguage.en] == "hello"
    assert text == kulkija.LocalizedText("hei", "hej", "hello")
    assert text != kulkija.LocalizedText("hei", "hej", "hi")
    assert repr(text) == "LocalizedText(fi='hei', sv='hej', en='hello')"
    assert pickle.loads(pickle.dumps(text)) == text
    text.en = "hi"
    assert text.en == "hi"
    with pytest.raises(kulkija.ParseError):
        text["de"]


def test_version() -> None:
    assert kulkija.__version__ == "0.1.0"
