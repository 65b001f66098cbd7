"""The Finnish business-day calendar: public holidays 1900-2200, de facto days off,
a region's closure days, and business-day offsets and counts in O(1).

:class:`FinnishCalendar` follows numpy's conventions, so that it can stand in for
``numpy.busday_offset`` and ``numpy.busday_count``:

- ``add_business_days(day, n)`` is ``numpy.busday_offset(day, n, roll="forward")``: a start
  that is not a business day rolls forward to the next business day before moving (pandas'
  ``CustomBusinessDay`` instead counts that roll as the first step);
- ``business_days_between(start, end)`` is ``numpy.busday_count(start, end)``.

Every method takes a ``datetime.date`` or a ``numpy.datetime64[D]`` array; the array forms
run without the GIL and keep ``NaT``. They also take Arrow arrays of dates (a pyarrow
``Array`` or ``ChunkedArray``, a polars ``Series``: anything with the Arrow PyCapsule
interface; date32, date64 or timestamps without a time zone) and then give a
:class:`kulkija.io.ArrowData` (``pyarrow.array(result)``, ``polars.Series(result)``), null
where the input is null.
"""

from __future__ import annotations

from ._core.calendar import (
    ClosureDay,
    FinnishCalendar,
    FinnishHoliday,
    Holiday,
    HolidayKind,
    easter_sunday,
    finnish_holidays,
)

__all__ = (
    "ClosureDay",
    "FinnishCalendar",
    "FinnishHoliday",
    "Holiday",
    "HolidayKind",
    "easter_sunday",
    "finnish_holidays",
)
