"""CSV import and export of clients, professionals, referrals, link workers and their
training, and pandas frames.

The files follow the layout of a region's data folder (``clients.csv``,
``professionals.csv``, ``referrals.csv``, ``events.csv``), documented in the FHIR and CSV
guide. :func:`read_referrals_csv` reads a folder and replays every referral's events through
the lifecycle; :func:`write_referrals_csv` writes one that reads back as equal referrals.
Errors are :class:`kulkija.ParseError` naming the file, the line, the column and the rule.

The ``*_frame`` helpers give the same columns as pandas DataFrames (parsed by pandas from
the CSV text, so no per-row Python code runs), and :func:`clients_from_frame` reads clients
back from a frame with the columns of ``clients.csv``.

:class:`ArrowData` is what the batch APIs give back when Arrow data came in
(``RuleSet.evaluate_arrow`` wraps it in a pyarrow table when pyarrow is there): columns computed in C++, handed to ``pyarrow.table(data)``,
``pyarrow.array(data)``, ``polars.DataFrame(data)`` or any other consumer through the Arrow
PyCapsule interface without a copy.
"""

from __future__ import annotations

import io as _io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ._core.io import (
    ArrowData,
    clients_from_csv,
    clients_to_csv,
    events_to_csv,
    professionals_from_csv,
    professionals_to_csv,
    link_workers_from_csv,
    link_workers_to_csv,
    WorkerTraining,
    read_clients_csv,
    read_link_workers_csv,
    read_professionals_csv,
    read_referrals_csv,
    read_training_csv,
    referrals_to_csv,
    training_from_csv,
    training_to_csv,
    with_training,
    write_referrals_csv,
)
from ._core.referral import Client, Professional, Referral

if TYPE_CHECKING:
    import pandas as pd

    from ._core.matching import LinkWorker

__all__ = (
    "ArrowData",
    "WorkerTraining",
    "clients_frame",
    "clients_from_csv",
    "clients_from_frame",
    "clients_to_csv",
    "events_frame",
    "events_to_csv",
    "professionals_from_csv",
    "professionals_to_csv",
    "link_workers_from_csv",
    "link_workers_to_csv",
    "read_clients_csv",
    "read_link_workers_csv",
    "read_professionals_csv",
    "read_referrals_csv",
    "read_region_workers",
    "read_training_csv",
    "referrals_frame",
    "referrals_to_csv",
    "training_from_csv",
    "training_to_csv",
    "with_training",
    "write_clients_csv",
    "write_professionals_csv",
    "write_referrals_csv",
)

_TIMES = {"consent_given_at", "issued_at", "last_event_at", "at"}


def _frame(text: str) -> pd.DataFrame:
    import pandas as pd

    # every column but birth_year is text: codes keep their leading zeros, ids stay ids
    header = text.split("\n", 1)[0].split(",")
    frame = pd.read_csv(
        _io.StringIO(text),
        dtype={c: "string" for c in header if c != "birth_year"},
        keep_default_na=False,
        na_values={c: [""] for c in header},
    )
    for column in _TIMES & set(frame.columns):
        frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
    if "birth_date" in frame.columns:
        frame["birth_date"] = pd.to_datetime(frame["birth_date"], format="%Y-%m-%d").dt.date
    return frame


def clients_frame(clients: Iterable[Client]) -> pd.DataFrame:
    """The clients as a DataFrame with the columns of ``clients.csv`` (lists joined by ``;``)."""
    return _frame(clients_to_csv(list(clients)))


def referrals_frame(referrals: Iterable[Referral]) -> pd.DataFrame:
    """The referrals as a DataFrame with the columns of ``referrals.csv``, times as UTC timestamps."""
    return _frame(referrals_to_csv(list(referrals)))


def events_frame(referrals: Iterable[Referral]) -> pd.DataFrame:
    """The referrals' histories as a DataFrame with the columns of ``events.csv``, one row per entry."""
    return _frame(events_to_csv(list(referrals)))


def clients_from_frame(frame: pd.DataFrame) -> list[Client]:
    """Clients from a DataFrame with the columns of ``clients.csv``; errors name the CSV line and column."""
    out = frame.copy()
    if "birth_date" in out.columns:
        out["birth_date"] = out["birth_date"].map(lambda d: "" if d is None or d != d else str(d)[:10])
    return clients_from_csv(out.to_csv(index=False, na_rep=""), "DataFrame")


def write_clients_csv(clients: Iterable[Client], path: str | os.PathLike[str]) -> None:
    """Writes the clients to a ``clients.csv`` file (UTF-8)."""
    Path(path).write_text(clients_to_csv(list(clients)), encoding="utf-8", newline="")


def write_professionals_csv(professionals: Iterable[Professional], path: str | os.PathLike[str]) -> None:
    """Writes the professionals to a ``professionals.csv`` file (UTF-8)."""
    Path(path).write_text(professionals_to_csv(list(professionals)), encoding="utf-8", newline="")


def read_region_workers(folder: str | os.PathLike[str]) -> list[LinkWorker]:
    """The link workers of a region's data folder: ``link_workers.csv`` with the records of
    ``training.csv`` when the folder has one (every row's worker must be in link_workers.csv)."""
    folder = Path(folder)
    workers = read_link_workers_csv(folder / "link_workers.csv")
    if (folder / "training.csv").exists():
        workers = with_training(workers, read_training_csv(folder / "training.csv", known=workers))
    return workers
