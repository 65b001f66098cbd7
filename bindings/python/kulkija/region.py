"""A region's data folder and the whole pipeline on it: what ``kulkija run`` does, in a notebook.

>>> import kulkija
>>> region = kulkija.Region.load("examples/data/sample-region")   # doctest: +SKIP
>>> result = region.run(as_of=datetime.date(2026, 11, 20))        # doctest: +SKIP
>>> result.summary                                                # doctest: +SKIP
>>> result.report_html("report.html")                             # doctest: +SKIP

Every part of a :class:`RegionResult` is a pandas DataFrame with the columns of the CSV file
``kulkija run`` writes (numbers as numbers, days as ``datetime64``); the report is the same
HTML file. Regions and results pickle: a region as the texts of the files it read, a result
as its region and how it was run (the run is repeated on unpickling; it is deterministic).
"""

from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING, Any

from ._core import region as _region
from ._core.core import TextLanguage

if TYPE_CHECKING:  # pandas is imported when a table is first asked for, not with kulkija
    import pandas as pd

RegionRun = _region.RegionRun

__all__ = ("Region", "RegionResult", "RegionRun")

Region = _region.Region

# Columns that hold days (YYYY-MM-DD), turned into datetime64 in the DataFrames.
_DAY_COLUMNS = frozenset(
    {
        "screened_on",
        "due",
        "met_on",
        "accepted_on",
        "first_contact_due",
        "next_meeting",
        "last_supervision",
        "supervision_due",
    }
)

_PARTS = (
    "summary",
    "screening",
    "matches",
    "deadlines",
    "recommendations",
    "funnel",
    "caseloads",
    "workers",
    "queue",
    "excluded_workers",
)


def _frame(columns: list[str], numeric: list[bool], rows: list[list[str]]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for name, is_number in zip(columns, numeric):
        if is_number:
            frame[name] = pd.to_numeric(frame[name].replace("", None), errors="raise")
        elif name in _DAY_COLUMNS:
            frame[name] = pd.to_datetime(frame[name].replace("", None), format="%Y-%m-%d")
        else:
            frame[name] = frame[name].astype(str)
    return frame


class RegionResult:
    """What :meth:`Region.run` found on the reporting day, as DataFrames.

    Parts: ``summary`` (the KPIs: metric, value, label), ``screening``, ``matches``,
    ``deadlines``, ``recommendations``, ``funnel``, ``caseloads``, ``workers``, ``queue`` and
    ``excluded_workers``; :meth:`report_html` writes the HTML report with its SVG charts.
    """

    __slots__ = ("_result", "_tables", "_frames")

    def __init__(self, result: RegionRun) -> None:
        """Wraps one run (a :class:`RegionRun`); use :meth:`Region.run` to make one."""
        self._result = result
        self._tables: dict[str, tuple[str, list[str], list[bool], list[list[str]]]] = result.tables()
        self._frames: dict[str, "pd.DataFrame"] = {}

    def _part(self, name: str) -> pd.DataFrame:
        if name not in self._frames:
            _title, columns, numeric, rows = self._tables[name]
            self._frames[name] = _frame(columns, numeric, rows)
        return self._frames[name].copy()

    @property
    def region(self) -> Region:
        """The region run."""
        return self._result.region

    @property
    def as_of(self) -> datetime.date:
        """The reporting day."""
        return self._result.as_of

    @property
    def lang(self) -> TextLanguage:
        """The language of the texts."""
        return self._result.lang

    def title(self, part: str) -> str:
        """The title of a part's table, in the result's language."""
        if part not in self._tables:
            raise KeyError(f"part {part!r} not found; the parts are {', '.join(_PARTS)}")
        return self._tables[part][0]

    def report_html(self, path: str | os.PathLike[str] | None = None) -> str:
        """The HTML report, as ``kulkija run`` writes it; also written to ``path`` when given."""
        html: str = self._result.report_html()
        if path is not None:
            with open(path, "w", encoding="utf-8", newline="") as out:
                out.write(html)
        return html

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_rerun, (self.region, self.as_of, self._result.stable, self.lang))

    def __repr__(self) -> str:
        return repr(self._result)


def _rerun(region: Region, as_of: datetime.date, stable: bool, lang: TextLanguage) -> RegionResult:
    return RegionResult(region._run(as_of, stable=stable, lang=lang))


def _part_property(name: str) -> property:
    def get(self: RegionResult) -> pd.DataFrame:
        return self._part(name)

    get.__doc__ = f"The {name.replace('_', ' ')} table as a DataFrame (the columns of {name}.csv)."
    return property(get)


for _name in _PARTS:
    setattr(RegionResult, _name, _part_property(_name))


def _run(
    self: Region,
    as_of: datetime.date | None = None,
    *,
    stable: bool = False,
    lang: TextLanguage | str = TextLanguage.en,
) -> RegionResult:
    """The whole pipeline on the reporting day ``as_of`` (default: the region's own): screening,
    matching (optimal, or client-proposing stable with ``stable=True``), support periods and
    deadlines, recommendations, the coordinator's queue and the KPIs, as a :class:`RegionResult`."""
    return RegionResult(self._run(as_of, stable=stable, lang=lang))


_run.__name__ = _run.__qualname__ = "run"
Region.run = _run  # type: ignore[attr-defined]
