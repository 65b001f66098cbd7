"""Wellbeing measures for analysts: the functions :func:`kulkija.outcomes.read_measurements_csv`,
:func:`~kulkija.outcomes.score_measurements`, :func:`~kulkija.outcomes.wellbeing_change` and
:func:`~kulkija.outcomes.wellbeing_summary` (import them from :mod:`kulkija.outcomes`).

The answers are parsed, scored and paired in C++ without the GIL
(``kulkija::score_measurements``, ``kulkija::paired_changes``); the core names a bad row by
its position, and these functions name it by the frame's label.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ._core import InvalidArgument
from ._core.outcomes import Instrument, MeasurementPoint, Scale, builtin_instrument, paired_change
from ._core.outcomes import paired_changes as _paired_changes
from ._core.outcomes import score_measurements as _score_measurements
from ._errors import invalid_argument as _invalid
from ._frames import read_csv as _read_csv
from ._frames import require_columns as _require_columns

if TYPE_CHECKING:
    import pandas as pd

__all__ = ("read_measurements_csv", "score_measurements", "wellbeing_change", "wellbeing_summary")


def _instrument(instrument: Instrument | str) -> Instrument:
    return builtin_instrument(instrument) if isinstance(instrument, str) else instrument


_ROW = re.compile(r"measurements\[(\d+)\]")


def _at_labels(error: InvalidArgument, labels: pd.Index) -> InvalidArgument:
    """The core's error with the rows it names by position (``measurements[3]``) named by
    the frame's labels instead."""

    def label(match: re.Match[str]) -> str:
        position = int(match.group(1))
        return f"measurements[{labels[position]}]" if position < len(labels) else match.group(0)

    return _invalid(_ROW.sub(label, error.field), _ROW.sub(label, error.rule), error.id)


def read_measurements_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Reads ``measurements.csv`` (``referral_id, instrument, point, day, answers``)."""
    return _read_csv(path, "measurements", ["referral_id", "instrument", "point", "day", "answers"])


def score_measurements(
    measurements: pd.DataFrame, instruments: Iterable[Instrument] = (), *, raw: bool = False
) -> pd.DataFrame:
    """Scores every measurement: one row per measurement and scale.

    Columns: ``referral_id, instrument, point, day, scale, score``. ``instruments`` adds a
    region's own instruments to the built-ins. The answers are parsed and scored in C++
    without the GIL (``kulkija::score_measurements``). Answers out of range or missing beyond
    the scale's rule raise :class:`kulkija.InvalidArgument` (id ``invalid_measurement``) naming
    the item (``swemwbs.relaxed``) and the row; an answer that is not a whole number, too many
    or too few answers, or an unknown instrument name the row and the column
    (``measurements[11].answers``). Rows without an instrument are left out.
    """
    import pandas as pd

    columns = ["referral_id", "instrument", "point", "day"]
    _require_columns(measurements, "measurements", [*columns, "answers"])
    named = measurements["instrument"].notna()
    rows = measurements if named.all() else measurements[named]
    if rows.empty:
        return pd.DataFrame(columns=[*columns, "scale", "score"])
    answers = rows["answers"]
    if not (pd.api.types.is_string_dtype(answers) or answers.dtype == object):
        answers = answers.astype("string")
    try:
        scores = _score_measurements(rows["instrument"], answers, instruments=list(instruments), raw=raw)
    except InvalidArgument as error:
        raise _at_labels(error, rows.index) from None
    out = rows[columns].take(scores["row"])
    out["scale"] = scores["scale"]
    out["score"] = scores["score"]
    return out.sort_index(kind="stable").reset_index(drop=True)


def _changes(
    measurements: pd.DataFrame, instr: Instrument, scales: Iterable[Scale], start: str, end: str
) -> dict[str, pd.DataFrame]:
    """Each client's paired change from ``start`` to ``end`` on each of ``scales``, by scale id:
    the rows of the instrument at the two points scored and paired in C++."""
    import pandas as pd

    first, second = MeasurementPoint.parse(start), MeasurementPoint.parse(end)
    mine = measurements[(measurements["instrument"] == instr.id) & measurements["point"].isin([start, end])]
    columns = ["referral_id", "before", "after", "change", "category"]
    out = {}
    try:
        scores = _score_measurements(mine["instrument"], mine["answers"], instruments=[instr])["score"]
        per_scale = scores.reshape(len(mine), len(instr.scales))
        ids = [s.id for s in instr.scales]
        for sc in scales:
            pairs = _paired_changes(
                instr, sc.id, mine["referral_id"], mine["point"], per_scale[:, ids.index(sc.id)], start=first, end=second
            )
            out[sc.id] = pd.DataFrame(pairs, columns=columns).astype({"referral_id": "string"})
    except InvalidArgument as error:
        raise _at_labels(error, mine.index) from None
    if not ((mine["point"] == start).any() and (mine["point"] == end).any()):
        return {sc: pd.DataFrame(columns=columns) for sc in out}
    return out


def wellbeing_change(
    measurements: pd.DataFrame,
    instrument: Instrument | str = "swemwbs",
    scale: str | None = None,
    *,
    start: str = "start",
    end: str = "end",
) -> pd.DataFrame:
    """Each client's paired change on one scale between two measurement points.

    Columns: ``referral_id, before, after, change, category`` (``improved``, ``unchanged`` or
    ``worsened`` by the scale's documented threshold and direction), by referral id. Clients
    without both points are left out; two measurements of a client at the same point raise
    :class:`kulkija.InvalidArgument` (id ``invalid_measurement``). Scored and paired in C++
    (``kulkija::paired_changes``).
    """
    instr = _instrument(instrument)
    sc = instr.scale(scale) if scale is not None else instr.scales[0]
    return _changes(measurements, instr, [sc], start, end)[sc.id]


def wellbeing_summary(
    measurements: pd.DataFrame,
    instrument: Instrument | str = "swemwbs",
    *,
    start: str = "start",
    end: str = "end",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """The cohort's paired change on every scale of an instrument, one row per scale.

    Columns: ``instrument, scale, start, end, threshold, direction, threshold_source``, then
    those of :class:`ChangeSummary` (``n, mean_before, mean_after, mean_change, sd_change,
    confidence, ci_low, ci_high, improved, unchanged, worsened, share_improved,
    share_worsened``). The interval is t-based (Student's t quantile computed in C++).
    """
    import pandas as pd

    instr = _instrument(instrument)
    changes = _changes(measurements, instr, instr.scales, start, end)
    rows = []
    for sc in instr.scales:
        summary = paired_change(
            changes[sc.id]["before"].to_numpy(float),
            changes[sc.id]["after"].to_numpy(float),
            sc.meaningful_change,
            sc.direction,
            confidence=confidence,
        )
        rows.append(
            {
                "instrument": instr.id,
                "scale": sc.id,
                "start": start,
                "end": end,
                "threshold": sc.meaningful_change,
                "direction": sc.direction.name,
                "threshold_source": sc.threshold_source,
                **summary.as_dict(),
            }
        )
    return pd.DataFrame(rows)
