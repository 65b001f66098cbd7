"""Column helpers shared by the pandas modules (outcomes, care visits): checks and conversions
of a frame's columns before they go to the C++ core."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._errors import invalid_argument

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


def require_columns(frame: pd.DataFrame, name: str, columns: Iterable[str]) -> None:
    """Raises InvalidArgument naming ``name`` when ``frame`` lacks one of ``columns``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise invalid_argument(name, f"lacks the column(s) {', '.join(missing)}; it has {', '.join(map(str, frame.columns))}")


def optional_texts(values: Iterable[Any]) -> list[str | None]:
    """Text values, None for a missing or empty one."""
    import pandas as pd

    return [None if v is None or v is pd.NA or v != v or v == "" else str(v) for v in values]


def days(values: Any) -> pd.Series:
    """Dates (text, date or timestamps) as datetime64 days, NaT for missing."""
    import pandas as pd

    return pd.to_datetime(pd.Series(values), errors="raise").dt.normalize().astype("datetime64[s]")


def day_array(values: Any) -> np.ndarray:
    """Dates as a numpy datetime64[D] array, NaT for missing."""
    return days(values).to_numpy("datetime64[D]")


def local_days(at: pd.Series) -> pd.Series:
    """Finnish local days of ISO timestamps (text or datetimes)."""
    import pandas as pd

    utc = pd.to_datetime(at, utc=True, format="ISO8601")
    return utc.dt.tz_convert("Europe/Helsinki").dt.tz_localize(None).dt.normalize().astype("datetime64[s]")


def read_csv(path: str | os.PathLike[str], name: str, columns: Iterable[str]) -> pd.DataFrame:
    """A data folder's CSV file as text columns (empty cells missing), ``day`` as datetime64
    days; raises InvalidArgument naming ``name`` when it lacks one of ``columns``."""
    import pandas as pd

    frame = pd.read_csv(Path(path), dtype="string", keep_default_na=False, na_values=[""])
    if "day" in frame.columns:
        frame["day"] = days(frame["day"]).values
    require_columns(frame, name, columns)
    return frame
