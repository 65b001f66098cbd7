"""The coordinator's queue and reassignment of link workers (kulkija._core.workforce)."""

import datetime
from collections.abc import Sequence

from .calendar import FinnishCalendar
from .core import LocalizedText, _TextLanguageLike
from .matching import GeoPoint, LinkWorker, MatchingPolicy, MatchScore, WorkerStanding
from .referral import Priority, ReasonCode, Referral
from .support import Deadline, Policy

def priority_label(priority: Priority | str, lang: _TextLanguageLike = ...) -> str:
    """A priority's readable label in the language."""

class QueueEntry:
    """One referral in the coordinator's queue."""

    @property
    def referral(self) -> str: ...
    @property
    def client(self) -> str: ...
    @property
    def urgency(self) -> Priority: ...
    @property
    def accepted_at(self) -> datetime.datetime: ...
    @property
    def accepted_on(self) -> datetime.date: ...
    @property
    def days_waiting(self) -> int: ...
    @property
    def business_days_waiting(self) -> int: ...
    @property
    def first_contact(self) -> Deadline: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def due_soon(self) -> bool: ...
    @property
    def reason(self) -> LocalizedText: ...
    def __eq__(self, other: object) -> bool: ...

def coordinator_queue(
    referrals: Sequence[Referral], policy: Policy, on: datetime.date, *, calendar: FinnishCalendar | None = None
) -> list[QueueEntry]:
    """The coordinator's queue on a day, most urgent and longest waiting first."""

class Reassignment:
    """One referral's planned move from its link worker to another."""

    @property
    def referral(self) -> str: ...
    @property
    def client(self) -> str: ...
    @property
    def from_worker(self) -> str: ...
    @property
    def to_worker(self) -> str | None: ...
    @property
    def continuity(self) -> bool: ...
    @property
    def score(self) -> MatchScore | None: ...
    @property
    def reason(self) -> LocalizedText: ...
    def __eq__(self, other: object) -> bool: ...

class ReassignmentPlan:
    """A plan of reassignments for one worker's clients."""

    @property
    def worker(self) -> str: ...
    @property
    def reason(self) -> ReasonCode: ...
    @property
    def on(self) -> datetime.date: ...
    @property
    def moves(self) -> list[Reassignment]: ...
    @property
    def excluded_workers(self) -> list[WorkerStanding]: ...
    @property
    def planned(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...

def plan_reassignment(
    policy: MatchingPolicy,
    referrals: Sequence[Referral],
    workers: Sequence[LinkWorker],
    leaving: str,
    reason: ReasonCode | str,
    on: datetime.date,
    *,
    locations: Sequence[GeoPoint | None] = ...,
) -> ReassignmentPlan:
    """New link workers for the active referrals of a worker who leaves or goes on leave."""

def plan_return(
    policy: MatchingPolicy, referrals: Sequence[Referral], workers: Sequence[LinkWorker], returning: str, on: datetime.date
) -> ReassignmentPlan:
    """The return of the clients a worker handed over for a leave."""

def apply_reassignment(
    plan: ReassignmentPlan, referrals: Sequence[Referral], at: datetime.datetime, coordinator: str = ""
) -> list[Referral]:
    """The referrals with the plan applied (new objects), all or nothing."""
