"""The referral register on SQLite (kulkija._core.store)."""

import datetime
import enum
import os
from collections.abc import Callable
from typing import Any

from . import Error
from .calendar import FinnishCalendar
from .matching import LinkWorker
from .privacy import PseudonymKey
from .referral import (
    Client,
    HistoryEntry,
    LifecycleEvent,
    Priority,
    Professional,
    Referral,
    ReferralEvent,
    ReferralState,
)
from .support import Policy
from .workforce import QueueEntry

SCHEMA_VERSION: int

class Conflict(Error):
    """A write that lost a race (id 501); nothing was written."""

class StorageError(Error, OSError):
    """A register file that cannot be used (ids 601-604); names the file."""

    file: str

class Purpose(enum.Enum):
    """Why someone reads or changes a client's data: the audit log's purpose code."""

    care = 0
    coordination = 1
    follow_up = 2
    statistics = 3
    subject_access = 4
    erasure = 5
    administration = 6
    @staticmethod
    def parse(code: str) -> Purpose: ...

class SharingLevel(enum.Enum):
    """What the messages back to a referrer carry."""

    codes_only = 0
    codes_and_text = 1
    @staticmethod
    def parse(code: str) -> SharingLevel: ...

_Who = str | None
_PurposeLike = Purpose | str | None

class AppendResult:
    """What an append or add_referral did."""

    @property
    def status(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def state(self) -> ReferralState: ...
    def __eq__(self, other: object) -> bool: ...

class ReferralSummary:
    """A referral's row as the coordinator's queries return it."""

    @property
    def id(self) -> str: ...
    @property
    def client(self) -> str: ...
    @property
    def referrer(self) -> str: ...
    @property
    def state(self) -> ReferralState: ...
    @property
    def urgency(self) -> Priority: ...
    @property
    def version(self) -> int: ...
    @property
    def link_worker(self) -> str | None: ...
    @property
    def accepted_at(self) -> datetime.datetime | None: ...
    @property
    def first_contact_at(self) -> datetime.datetime | None: ...
    @property
    def last_event_at(self) -> datetime.datetime | None: ...
    def __eq__(self, other: object) -> bool: ...

class DueDeadline:
    """A first-contact deadline due soon (or overdue)."""

    @property
    def referral(self) -> ReferralSummary: ...
    @property
    def accepted_on(self) -> datetime.date: ...
    @property
    def due(self) -> datetime.date: ...
    @property
    def business_days_left(self) -> int: ...
    def __eq__(self, other: object) -> bool: ...

class StoredEvent:
    """An event as stored: its id, version and history entry."""

    @property
    def id(self) -> str: ...
    @property
    def referral(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def entry(self) -> HistoryEntry: ...
    @property
    def recorded_at(self) -> datetime.datetime: ...
    def __eq__(self, other: object) -> bool: ...

class OutboxMessage:
    """A message back to the referrer (a FHIR Task), delivered at least once."""

    @property
    def seq(self) -> int: ...
    @property
    def referral(self) -> str: ...
    @property
    def event_id(self) -> str: ...
    @property
    def kind(self) -> ReferralEvent: ...
    @property
    def payload(self) -> str: ...
    @property
    def created_at(self) -> datetime.datetime: ...
    @property
    def attempts(self) -> int: ...
    @property
    def last_attempt_at(self) -> datetime.datetime | None: ...
    @property
    def last_error(self) -> str | None: ...
    def __eq__(self, other: object) -> bool: ...

class AuditEntry:
    """One row of the append-only audit log."""

    @property
    def seq(self) -> int: ...
    @property
    def at(self) -> datetime.datetime: ...
    @property
    def who(self) -> str: ...
    @property
    def purpose(self) -> Purpose: ...
    @property
    def action(self) -> str: ...
    @property
    def subject(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...

class Register:
    """The referral register: one SQLite file, every write one transaction, reads audited."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        create: bool = True,
        read_only: bool = False,
        migrate: bool = False,
        synchronous_full: bool = True,
        audit_reads: bool = True,
        busy_timeout_ms: int = 10000,
        max_page_count: int = 0,
        key: PseudonymKey | None = None,
        who: str = "python",
        purpose: Purpose | str = ...,
    ) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Register: ...
    def __exit__(self, *args: object) -> None: ...
    @property
    def path(self) -> str: ...
    @property
    def schema_version(self) -> int: ...
    @property
    def migrated_from(self) -> int | None: ...
    def integrity_check(self) -> str: ...
    def put_client(self, client: Client, *, who: _Who = None, purpose: _PurposeLike = None) -> None: ...
    def put_professional(
        self, professional: Professional, *, who: _Who = None, purpose: _PurposeLike = None
    ) -> None: ...
    def put_link_worker(self, worker: LinkWorker, *, who: _Who = None, purpose: _PurposeLike = None) -> None: ...
    def link_workers(self) -> list[LinkWorker]: ...
    def add_referral(
        self, referral: Referral, *, sharing: SharingLevel | str = ..., who: _Who = None, purpose: _PurposeLike = None
    ) -> AppendResult: ...
    def append(
        self,
        referral_id: str,
        event_id: str,
        event: LifecycleEvent,
        expected_version: int,
        *,
        who: _Who = None,
        purpose: _PurposeLike = None,
    ) -> AppendResult: ...
    def get(self, referral_id: str, *, who: _Who = None, purpose: _PurposeLike = None) -> Referral: ...
    def events(self, referral_id: str, *, who: _Who = None, purpose: _PurposeLike = None) -> list[StoredEvent]: ...
    def get_client(self, client_id: str, *, who: _Who = None, purpose: _PurposeLike = None) -> Client: ...
    def summary(self, referral_id: str) -> ReferralSummary: ...
    def by_state(
        self, state: ReferralState | str, *, limit: int = 100, who: _Who = None, purpose: _PurposeLike = None
    ) -> list[ReferralSummary]: ...
    def queue(
        self,
        policy: Policy,
        on: datetime.date,
        *,
        calendar: FinnishCalendar | None = None,
        limit: int = 100,
        who: _Who = None,
        purpose: _PurposeLike = None,
    ) -> list[QueueEntry]: ...
    def deadlines_due(
        self,
        policy: Policy,
        on: datetime.date,
        business_days: int,
        *,
        calendar: FinnishCalendar | None = None,
        limit: int = 100,
        who: _Who = None,
        purpose: _PurposeLike = None,
    ) -> list[DueDeadline]: ...
    def caseload(self, worker: str, *, who: _Who = None, purpose: _PurposeLike = None) -> list[ReferralSummary]: ...
    def client_referrals(
        self, client_id: str, *, who: _Who = None, purpose: _PurposeLike = None
    ) -> list[ReferralSummary]: ...
    def state_counts(self) -> dict[ReferralState, int]: ...
    def referrals(self, *, who: _Who = None, purpose: _PurposeLike = None) -> list[Referral]: ...
    def drain_outbox(
        self, sender: Callable[[OutboxMessage], bool], *, max_messages: int | None = None
    ) -> dict[str, int | str | None]: ...
    def pending_messages(self) -> list[OutboxMessage]: ...
    def audit_log(self, *, after_seq: int = 0, limit: int | None = None) -> list[AuditEntry]: ...
    def export_subject(self, client_id: str, *, who: _Who = None, purpose: _PurposeLike = None) -> dict[str, Any]: ...
    def erase_subject(
        self, client_id: str, action: str = "erase", *, who: _Who = None, purpose: _PurposeLike = None
    ) -> dict[str, int]: ...
    def apply_retention(
        self,
        days_after_closing: int,
        today: datetime.date,
        action: str = "erase",
        *,
        who: _Who = None,
        purpose: _PurposeLike = None,
    ) -> dict[str, int]: ...
    def set_identity_code(
        self, client_id: str, identity_code: str, *, who: _Who = None, purpose: _PurposeLike = None
    ) -> None: ...
    def find_by_identity_code(
        self, identity_code: str, *, who: _Who = None, purpose: _PurposeLike = None
    ) -> str | None: ...
    def backup_to(self, target: str | os.PathLike[str]) -> None: ...
    def export_analytic_copy(
        self, target: str | os.PathLike[str], key: PseudonymKey, *, who: _Who = None, purpose: _PurposeLike = None
    ) -> None: ...
    def import_region_folder(
        self,
        folder: str | os.PathLike[str],
        *,
        sharing: SharingLevel | str = ...,
        who: _Who = None,
        purpose: _PurposeLike = None,
    ) -> int: ...
    def export_region_folder(
        self, folder: str | os.PathLike[str], *, who: _Who = None, purpose: _PurposeLike = None
    ) -> None: ...
    def import_fhir_bundle(
        self, json: str, *, sharing: SharingLevel | str = ..., who: _Who = None, purpose: _PurposeLike = None
    ) -> int: ...
    def export_fhir_bundle(self, *, indent: int = 2, who: _Who = None, purpose: _PurposeLike = None) -> str: ...
