"""The Finnish business-day calendar (kulkija._core.calendar)."""

import datetime
import enum
from collections.abc import Sequence
from typing import Any, ClassVar, TypeAlias, overload

import numpy as np
import numpy.typing as npt

from .core import LocalizedText, _TextLanguageLike
from .io import ArrowData

# Arrow data: any object with __arrow_c_stream__ or __arrow_c_array__ (pyarrow, polars, ...)
_ArrowDays: TypeAlias = Any

_DateLike: TypeAlias = datetime.date | np.datetime64
_Days: TypeAlias = npt.NDArray[np.datetime64]

class FinnishHoliday(enum.Enum):
    """The Finnish public holidays and de facto days off kulkija knows, including those of earlier rules."""

    new_years_day = 0
    epiphany = 1
    annunciation_day = 2
    good_friday = 3
    easter_sunday = 4
    easter_monday = 5
    may_day = 6
    ascension_day = 7
    whit_sunday = 8
    whit_monday = 9
    midsummer_eve = 10
    midsummer_day = 11
    all_saints_day = 12
    independence_day = 13
    christmas_eve = 14
    christmas_day = 15
    st_stephens_day = 16
    @staticmethod
    def parse(code: str) -> FinnishHoliday: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class HolidayKind(enum.Enum):
    """Why a day is off: an official holiday, a de facto day off, or a closure."""

    public_holiday = 0
    de_facto = 1
    closure = 2
    @staticmethod
    def parse(code: str) -> HolidayKind: ...

class Holiday:
    """One day off in a calendar: the day, its kind and its name in fi, sv and en."""

    @property
    def day(self) -> datetime.date: ...
    @property
    def kind(self) -> HolidayKind: ...
    @property
    def which(self) -> FinnishHoliday | None: ...
    @property
    def name(self) -> LocalizedText: ...

class ClosureDay:
    """A day on which a region's service is closed, with its name."""

    @overload
    def __init__(self, day: _DateLike, name: LocalizedText) -> None: ...
    @overload
    def __init__(self, day: _DateLike, name: str) -> None: ...
    @property
    def day(self) -> datetime.date: ...
    @property
    def name(self) -> LocalizedText: ...

def easter_sunday(year: int) -> datetime.date: ...
def finnish_holidays(year: int) -> list[Holiday]: ...

class FinnishCalendar:
    """A Finnish business-day calendar over 1900-01-01 to 2200-12-31, with O(1) offsets and counts."""

    first_day: ClassVar[datetime.date]
    last_day: ClassVar[datetime.date]
    def __init__(
        self,
        *,
        midsummer_eve_off: bool = True,
        christmas_eve_off: bool = True,
        weekmask: str = "1111100",
        closures: Sequence[ClosureDay] = ...,
    ) -> None: ...
    @staticmethod
    def from_json(text: str) -> FinnishCalendar: ...
    @property
    def midsummer_eve_off(self) -> bool: ...
    @property
    def christmas_eve_off(self) -> bool: ...
    @property
    def weekmask(self) -> str: ...
    @property
    def closures(self) -> list[ClosureDay]: ...
    @overload
    def is_business_day(self, day: _DateLike) -> bool: ...
    @overload
    def is_business_day(self, day: _Days) -> npt.NDArray[np.bool_]: ...
    @overload
    def is_business_day(self, day: _ArrowDays) -> ArrowData: ...
    @overload
    def add_business_days(self, day: _DateLike, n: int) -> datetime.date: ...
    @overload
    def add_business_days(self, day: _Days, n: int | npt.NDArray[np.int64]) -> _Days: ...
    @overload
    def add_business_days(self, day: _ArrowDays, n: int | npt.NDArray[np.int64] | _ArrowDays) -> ArrowData: ...
    @overload
    def business_days_between(self, start: _DateLike, end: _DateLike) -> int: ...
    @overload
    def business_days_between(self, start: _Days, end: _Days) -> npt.NDArray[np.int64]: ...
    @overload
    def business_days_between(self, start: _ArrowDays, end: _ArrowDays) -> ArrowData: ...
    def holidays(self, year: int) -> list[Holiday]: ...
    def holidays_on(self, day: _DateLike) -> list[Holiday]: ...
    def days_off(self, start: _DateLike, end: _DateLike) -> list[datetime.date]: ...
