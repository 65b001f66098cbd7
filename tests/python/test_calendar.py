"""kulkija.calendar: Finnish holidays and business days, checked against numpy as an oracle."""

from __future__ import annotations

import datetime as dt
import pickle

import numpy as np
import pytest

import kulkija
from kulkija.calendar import ClosureDay, FinnishCalendar, FinnishHoliday, HolidayKind, finnish_holidays

CAL = FinnishCalendar()
ALL_DAYS_OFF = np.array(CAL.days_off(FinnishCalendar.first_day, FinnishCalendar.last_day), dtype="datetime64[D]")


def random_days(n: int, seed: int, lo: str = "1902-01-01", hi: str = "2199-01-01") -> np.ndarray:
    rng = np.random.default_rng(seed)
    start, end = np.datetime64(lo, "D").astype(np.int64), np.datetime64(hi, "D").astype(np.int64)
    return rng.integers(start, end, size=n).astype("datetime64[D]")


def test_holidays_2026_in_three_languages() -> None:
    hs = CAL.holidays(2026)
    assert [h.day for h in hs][:3] == [dt.date(2026, 1, 1), dt.date(2026, 1, 6), dt.date(2026, 4, 3)]
    eve = next(h for h in hs if h.which is FinnishHoliday.midsummer_eve)
    assert eve.day == dt.date(2026, 6, 19)
    assert eve.kind is HolidayKind.de_facto
    assert (eve.name.fi, eve.name.sv, eve.name.en) == ("Juhannusaatto", "Midsommarafton", "Midsummer Eve")
    assert FinnishHoliday.parse("epiphany").label("sv") == "Trettondedagen"
    assert [h.day for h in finnish_holidays(1980) if h.which is FinnishHoliday.ascension_day] == [dt.date(1980, 5, 10)]
    assert kulkija.calendar.easter_sunday(2026) == dt.date(2026, 4, 5)


def test_scalar_forms_and_roll_forward_rule() -> None:
    saturday = dt.date(2026, 1, 3)
    assert CAL.add_business_days(dt.date(2026, 6, 17), 3) == dt.date(2026, 6, 23)
    assert CAL.add_business_days(saturday, 0) == dt.date(2026, 1, 5)
    assert CAL.add_business_days(saturday, 1) == dt.date(2026, 1, 7)  # numpy roll='forward'; Epiphany skipped
    assert CAL.add_business_days(np.datetime64("2026-01-03"), 1) == dt.date(2026, 1, 7)
    assert not CAL.is_business_day(dt.date(2026, 12, 24))
    assert FinnishCalendar(christmas_eve_off=False).is_business_day(dt.date(2026, 12, 24))
    assert CAL.business_days_between(dt.date(2026, 1, 5), dt.date(2026, 1, 12)) == 4
    assert CAL.business_days_between(dt.date(2026, 1, 12), dt.date(2026, 1, 5)) == -4


def test_pandas_counts_the_roll_as_a_step_and_kulkija_does_not() -> None:
    pd = pytest.importorskip("pandas")
    holidays = CAL.days_off(dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    pandas_day = (pd.Timestamp("2026-01-03") + pd.offsets.CustomBusinessDay(1, holidays=holidays)).date()
    assert pandas_day == dt.date(2026, 1, 5)
    assert CAL.add_business_days(dt.date(2026, 1, 3), 1) == dt.date(2026, 1, 7)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_array_offsets_match_numpy_busday_offset(seed: int) -> None:
    days = random_days(200_000, seed)
    n = np.random.default_rng(seed).integers(-300, 300, size=days.size)
    want = np.busday_offset(days, n, roll="forward", holidays=ALL_DAYS_OFF)
    np.testing.assert_array_equal(CAL.add_business_days(days, n), want)
    np.testing.assert_array_equal(
        CAL.add_business_days(days, 10), np.busday_offset(days, 10, roll="forward", holidays=ALL_DAYS_OFF)
    )


def test_array_counts_and_flags_match_numpy() -> None:
    a, b = random_days(100_000, 11), random_days(100_000, 12)
    np.testing.assert_array_equal(CAL.business_days_between(a, b), np.busday_count(a, b, holidays=ALL_DAYS_OFF))
    np.testing.assert_array_equal(CAL.is_business_day(a), np.is_busday(a, holidays=ALL_DAYS_OFF))


def test_closures_and_weekmask_match_numpy() -> None:
    closures = [ClosureDay(dt.date(2026, 2, 2), "Koulutuspäivä"), ClosureDay(dt.date(2026, 3, 9), "Sulku")]
    cal = FinnishCalendar(weekmask="1111110", midsummer_eve_off=False, closures=closures)
    off = np.array(cal.days_off(dt.date(2020, 1, 1), dt.date(2032, 12, 31)), dtype="datetime64[D]")
    assert np.datetime64("2026-02-02") in off
    days = random_days(50_000, 5, "2020-06-01", "2032-06-01")
    np.testing.assert_array_equal(
        cal.add_business_days(days, 7), np.busday_offset(days, 7, roll="forward", weekmask="1111110", holidays=off)
    )
    assert cal.weekmask == "1111110"
    assert cal.closures == closures
    assert pickle.loads(pickle.dumps(cal)) == cal
    assert cal != CAL


def test_region_calendar_from_json() -> None:
    cal = FinnishCalendar.from_json(
        '{"christmas_eve_off": false, "closures": [{"day": "2026-05-15", "name": {"fi": "Koulutus", "sv": "Utbildning",'
        ' "en": "Training"}}]}'
    )
    assert cal.is_business_day(dt.date(2026, 12, 24)) and not cal.is_business_day(dt.date(2026, 5, 15))
    assert cal.holidays_on(dt.date(2026, 5, 15))[0].name.sv == "Utbildning"
    with pytest.raises(kulkija.ParseError, match=r"at \$\.closures\[0\]\.name: is required") as e:
        FinnishCalendar.from_json('{"closures": [{"day": "2026-05-15"}]}')
    assert e.value.path == "$.closures[0].name"


def test_arrays_keep_nat_shape_and_reject_bad_input() -> None:
    days = np.array([["2026-01-03", "NaT"], ["2026-06-17", "2026-06-19"]], dtype="datetime64[D]")
    out = CAL.add_business_days(days, 1)
    assert out.dtype == np.dtype("datetime64[D]") and out.shape == (2, 2)
    assert np.isnat(out[0, 1])
    assert CAL.is_business_day(days).tolist() == [[False, False], [True, False]]
    assert CAL.business_days_between(days, days).tolist() == [[0, 0], [0, 0]]
    with pytest.raises(ValueError, match="unit 'D'"):
        CAL.add_business_days(days.astype("datetime64[s]"), 1)
    with pytest.raises(TypeError, match="datetime64"):
        CAL.add_business_days(np.arange(3), 1)
    with pytest.raises(ValueError, match="same shape"):
        CAL.add_business_days(days.ravel(), np.arange(3))
    with pytest.raises(kulkija.InvalidArgument, match=r"days\[1\]: must be within 1900-01-01 and 2200-12-31") as e:
        CAL.add_business_days(np.array(["2026-01-01", "2300-01-01"], dtype="datetime64[D]"), 1)
    assert e.value.field == "days[1]"
    with pytest.raises(kulkija.InvalidArgument, match=r"days\[0\]: the result of moving -5 business days must be"):
        CAL.add_business_days(np.array(["1900-01-02"], dtype="datetime64[D]"), -5)
    with pytest.raises(kulkija.InvalidArgument, match="weekmask: must be seven characters"):
        FinnishCalendar(weekmask="11111")
    with pytest.raises(kulkija.InvalidArgument, match="weekend: at least one day"):
        FinnishCalendar(weekmask="1111100".replace("1", "0"))
    with pytest.raises(kulkija.InvalidArgument, match=r"closures\[1\].day: must not repeat"):
        FinnishCalendar(closures=[ClosureDay(dt.date(2026, 1, 2), "a"), ClosureDay(dt.date(2026, 1, 2), "b")])
