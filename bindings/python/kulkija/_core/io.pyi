"""CSV import and export of clients, professionals and referrals (kulkija._core.io)."""

import os
from collections.abc import Iterable
from typing import Any

import numpy.typing as npt

from .matching import LinkWorker, TrainingRecord
from .referral import Client, Professional, Referral

def clients_to_csv(clients: Iterable[Client]) -> str:
    """The clients as clients.csv text."""

def clients_from_csv(text: str, source: str = ...) -> list[Client]:
    """Clients from clients.csv text."""

def read_clients_csv(path: str | os.PathLike[str]) -> list[Client]:
    """Clients from a clients.csv file."""

def professionals_to_csv(professionals: Iterable[Professional]) -> str:
    """The professionals as professionals.csv text."""

def professionals_from_csv(text: str, source: str = ...) -> list[Professional]:
    """Professionals from professionals.csv text."""

def read_professionals_csv(path: str | os.PathLike[str]) -> list[Professional]:
    """Professionals from a professionals.csv file."""

def referrals_to_csv(referrals: Iterable[Referral]) -> str:
    """The referrals as referrals.csv text, with derived columns."""

def events_to_csv(referrals: Iterable[Referral]) -> str:
    """The referrals' histories as events.csv text."""

def read_referrals_csv(path: str | os.PathLike[str]) -> list[Referral]:
    """The referrals of a region's data folder."""

def write_referrals_csv(referrals: Iterable[Referral], path: str | os.PathLike[str]) -> None:
    """Writes a region's data folder."""
def link_workers_from_csv(text: str, source: str = "") -> list[LinkWorker]: ...
def read_link_workers_csv(path: str | os.PathLike[str]) -> list[LinkWorker]: ...
def link_workers_to_csv(workers: Iterable[LinkWorker]) -> str: ...

class WorkerTraining:
    """One row of training.csv: a link worker's training record."""

    def __init__(self, worker: str, record: TrainingRecord) -> None: ...
    @property
    def worker(self) -> str: ...
    @property
    def record(self) -> TrainingRecord: ...
    def __eq__(self, other: object) -> bool: ...

def training_from_csv(text: str, source: str = "", *, known: Iterable[LinkWorker] = ...) -> list[WorkerTraining]:
    """Training records from training.csv text."""

def read_training_csv(path: str | os.PathLike[str], *, known: Iterable[LinkWorker] = ...) -> list[WorkerTraining]:
    """Training records from a training.csv file."""

def training_to_csv(workers: Iterable[LinkWorker]) -> str:
    """Every worker's training records as training.csv text."""

def with_training(workers: Iterable[LinkWorker], rows: Iterable[WorkerTraining]) -> list[LinkWorker]:
    """The workers (new objects) with the rows' training records added."""

class ArrowData:
    """Columns computed by kulkija, exported through the Arrow PyCapsule interface without a copy."""

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...
    def __arrow_c_schema__(self) -> object: ...
    @property
    def num_rows(self) -> int: ...
    @property
    def num_batches(self) -> int: ...
    @property
    def column_names(self) -> list[str]: ...
    def column(self, name: str) -> npt.NDArray[Any]: ...
    def __len__(self) -> int: ...
