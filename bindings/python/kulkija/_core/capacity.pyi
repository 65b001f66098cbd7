"""Capacity planning: simulated caseloads and waits, and how many link workers a region needs (kulkija._core.capacity)."""

import datetime
import enum
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from .calendar import FinnishCalendar
from .matching import LinkWorker, MatchingPolicy, WorkerKind
from .referral import Priority
from .support import Length, Policy

_DateLike: TypeAlias = datetime.date | np.datetime64
_WorkerKindLike: TypeAlias = WorkerKind | str
_PriorityLike: TypeAlias = Priority | str
_OutcomeLike: TypeAlias = SupportOutcome | str
_QueueOrderLike: TypeAlias = QueueOrder | str
_ArrivalPatternLike: TypeAlias = ArrivalPattern | str
_Group: TypeAlias = tuple[_WorkerKindLike, int, int, int]
_Hire: TypeAlias = tuple[_WorkerKindLike, int, float]

class ArrivalPattern(enum.Enum):
    """How generated referrals spread over each month: even or Poisson."""

    even = 0
    poisson = 1
    @staticmethod
    def parse(code: str) -> ArrivalPattern: ...

class SupportOutcome(enum.Enum):
    """How long a simulated support holds its place: completed (length.max), ended early (early_length) or extended (length.max plus every allowed extension)."""

    completed = 0
    ended_early = 1
    extended = 2
    @staticmethod
    def parse(code: str) -> SupportOutcome: ...

class QueueOrder(enum.Enum):
    """Who gets a free place first: by priority then arrival, or by arrival only."""

    priority_then_arrival = 0
    arrival = 1
    @staticmethod
    def parse(code: str) -> QueueOrder: ...

class PlanningSearch(enum.Enum):
    """How the planning search ran: bisection (monotone, first come first served) or a linear scan (with priorities)."""

    bisection = 0
    linear_scan = 1
    @staticmethod
    def parse(code: str) -> PlanningSearch: ...

def workforce_groups(policy: MatchingPolicy, workers: Sequence[LinkWorker], on: datetime.date) -> list[tuple[WorkerKind, int, int, int]]:
    """The link workers matchable on `on` as (kind, workers, caseload_limit, start_month) groups, by kind and effective capacity (the own capacity cut to the kind's limit)."""

def generate_referrals(
    start: _DateLike,
    per_month: Sequence[float],
    *,
    urgent_share: float = 0.0,
    asap_share: float = 0.0,
    ended_early_share: float = 0.0,
    extended_share: float = 0.0,
    pattern: _ArrivalPatternLike = ...,
    seed: int = 0,
) -> dict[str, Any]:
    """Referrals from an inflow per month, as columns arrived (datetime64[D]), urgency and outcome (codes)."""

def simulate(
    start: _DateLike,
    months: int,
    arrived: npt.NDArray[np.datetime64],
    urgency: Sequence[_PriorityLike],
    outcome: Sequence[_OutcomeLike],
    workforce: Sequence[_Group],
    *,
    policy: Policy = ...,
    calendar: FinnishCalendar = ...,
    contact_after: Length = ...,
    early_length: Length = ...,
    order: _QueueOrderLike = ...,
    warm_up_months: int = 0,
) -> dict[str, Any]:
    """Simulates the referrals day by day without the GIL: a dict of months, kinds and clients columns and the summary."""

def plan(
    start: _DateLike,
    months: int,
    arrived: npt.NDArray[np.datetime64],
    urgency: Sequence[_PriorityLike],
    outcome: Sequence[_OutcomeLike],
    base: Sequence[_Group],
    hires: Sequence[_Hire],
    target_share: float = 0.9,
    *,
    policy: Policy = ...,
    calendar: FinnishCalendar = ...,
    contact_after: Length = ...,
    early_length: Length = ...,
    order: _QueueOrderLike = ...,
    warm_up_months: int = 0,
) -> dict[str, Any]:
    """The fewest workers to add to base from hires so that at least target_share get first contact within the deadline."""

def apportion_hires(hires: Sequence[_Hire], n: int) -> list[int]:
    """How many workers each hiring option gets when n are added."""
