"""Support-period policies, support periods and deadlines (kulkija._core.support)."""

import datetime
import enum
from collections.abc import Sequence
from typing import Any, TypeAlias, overload

import numpy as np
import numpy.typing as npt

from .calendar import FinnishCalendar
from .core import LocalizedText
from .io import ArrowData
from .referral import ReasonCode, Referral

_DateLike: TypeAlias = datetime.date | np.datetime64
_ReasonLike: TypeAlias = ReasonCode | str

class LengthUnit(enum.Enum):
    """The unit of a length in a policy."""

    days = 0
    business_days = 1
    weeks = 2
    months = 3
    @staticmethod
    def parse(code: str) -> LengthUnit: ...

class ContactMode(enum.Enum):
    """How a link worker and a client meet."""

    in_person = 0
    phone = 1
    video = 2
    group_activity = 3
    @staticmethod
    def parse(code: str) -> ContactMode: ...

class MeetingOutcome(enum.Enum):
    """Whether a planned meeting took place."""

    attended = 0
    cancelled = 1
    no_show = 2
    @staticmethod
    def parse(code: str) -> MeetingOutcome: ...

class DeadlineKind(enum.Enum):
    """What a deadline is for."""

    first_contact = 0
    start_measurement = 1
    no_contact = 2
    planned_end = 3
    end_measurement = 4
    follow_up_measurement = 5
    @staticmethod
    def parse(code: str) -> DeadlineKind: ...

class SupportStatus(enum.Enum):
    """Where a support period stands on a day."""

    on_track = 0
    due_soon = 1
    overdue = 2
    ended = 3
    @staticmethod
    def parse(code: str) -> SupportStatus: ...

class WarningKind(enum.Enum):
    """What a service should warn about."""

    first_contact_due_soon = 0
    first_contact_overdue = 1
    no_contact_warning = 2
    no_contact_limit_reached = 3
    period_ending_soon = 4
    period_past_end = 5
    meetings_nearly_used = 6
    meetings_used_up = 7
    follow_up_due = 8
    @staticmethod
    def parse(code: str) -> WarningKind: ...

class Length:
    """An amount of a unit, e.g. Length(12, 'weeks')."""

    def __init__(self, amount: int, unit: LengthUnit | str) -> None: ...
    @property
    def amount(self) -> int: ...
    @property
    def unit(self) -> LengthUnit: ...

class Policy:
    """A support-period policy, versioned like rule sets."""

    def __init__(
        self,
        *,
        id: str = "default",
        version: str = "1",
        region: str = "",
        valid_from: _DateLike = ...,
        valid_to: _DateLike | None = None,
        first_contact: Length = ...,
        max_meetings: int = 12,
        max_length: Length = ...,
        max_extensions: int = 1,
        extension_length: Length = ...,
        extension_reason_required: bool = True,
        max_pause_total: Length = ...,
        no_contact_days: int = 30,
        no_contact_warning_days: int = 7,
        follow_up: Length = ...,
        due_soon_business_days: int = 5,
    ) -> None: ...
    @staticmethod
    def from_json(text: str) -> Policy: ...
    def to_json(self) -> str: ...
    def in_force_on(self, day: _DateLike) -> bool: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def region(self) -> str: ...
    @property
    def valid_from(self) -> datetime.date: ...
    @property
    def valid_to(self) -> datetime.date | None: ...
    @property
    def first_contact(self) -> Length: ...
    @property
    def max_meetings(self) -> int: ...
    @property
    def max_length(self) -> Length: ...
    @property
    def max_extensions(self) -> int: ...
    @property
    def extension_length(self) -> Length: ...
    @property
    def extension_reason_required(self) -> bool: ...
    @property
    def max_pause_total(self) -> Length: ...
    @property
    def no_contact_days(self) -> int: ...
    @property
    def no_contact_warning_days(self) -> int: ...
    @property
    def follow_up(self) -> Length: ...
    @property
    def due_soon_business_days(self) -> int: ...

class Meeting:
    """One meeting of the link worker and the client."""

    def __init__(
        self, day: _DateLike, mode: ContactMode | str = ..., outcome: MeetingOutcome | str = ...
    ) -> None: ...
    @property
    def day(self) -> datetime.date: ...
    @property
    def mode(self) -> ContactMode: ...
    @property
    def outcome(self) -> MeetingOutcome: ...

class Pause:
    """A pause: the clock stops from `start` to `until`, both included."""

    def __init__(self, start: _DateLike, until: _DateLike, reason: _ReasonLike) -> None: ...
    @property
    def start(self) -> datetime.date: ...
    @property
    def until(self) -> datetime.date: ...
    @property
    def reason(self) -> ReasonCode: ...

class Extension:
    """An extension of the support period."""

    def __init__(self, granted_on: _DateLike, added: Length, reason: str = "") -> None: ...
    @property
    def granted_on(self) -> datetime.date: ...
    @property
    def added(self) -> Length: ...
    @property
    def reason(self) -> str: ...

class Closure:
    """The end of a support period."""

    def __init__(self, day: _DateLike, reason: _ReasonLike) -> None: ...
    @property
    def day(self) -> datetime.date: ...
    @property
    def reason(self) -> ReasonCode: ...

class Deadline:
    """A computed deadline with its rule and how its day was computed (fi, sv, en)."""

    @property
    def kind(self) -> DeadlineKind: ...
    @property
    def due(self) -> datetime.date: ...
    @property
    def met_on(self) -> datetime.date | None: ...
    @property
    def provisional(self) -> bool: ...
    @property
    def rule(self) -> str: ...
    @property
    def reason(self) -> LocalizedText: ...

class SupportWarning:
    """A warning on a day, with the day it concerns and a text."""

    @property
    def kind(self) -> WarningKind: ...
    @property
    def due(self) -> datetime.date: ...
    @property
    def text(self) -> LocalizedText: ...

class SupportPeriod:
    """A link worker's fixed-term support of one client under a policy and a calendar."""

    def __init__(
        self, referral: str, accepted_on: _DateLike, policy: Policy = ..., calendar: FinnishCalendar = ...
    ) -> None: ...
    @property
    def referral(self) -> str: ...
    @property
    def accepted_on(self) -> datetime.date: ...
    @property
    def policy(self) -> Policy: ...
    @property
    def calendar(self) -> FinnishCalendar: ...
    @property
    def meetings(self) -> list[Meeting]: ...
    @property
    def pauses(self) -> list[Pause]: ...
    @property
    def extensions(self) -> list[Extension]: ...
    @property
    def closure(self) -> Closure | None: ...
    @property
    def first_contact_on(self) -> datetime.date | None: ...
    @property
    def attended_meetings(self) -> int: ...
    @property
    def remaining_meetings(self) -> int: ...
    @property
    def paused_days(self) -> int: ...
    def record_meeting(
        self, day: _DateLike, mode: ContactMode | str = ..., outcome: MeetingOutcome | str = ...
    ) -> None: ...
    def add_pause(self, start: _DateLike, until: _DateLike, reason: _ReasonLike) -> None: ...
    def extend(self, granted_on: _DateLike, added: Length, reason: str = "") -> None: ...
    def close(self, day: _DateLike, reason: _ReasonLike) -> None: ...
    def deadlines(self, on: _DateLike | None = None) -> list[Deadline]: ...
    def status(self, on: _DateLike) -> SupportStatus: ...
    def warnings(self, on: _DateLike) -> list[SupportWarning]: ...

@overload
def first_contact_due(
    accepted_on: npt.NDArray[np.datetime64], policy: Policy = ..., calendar: FinnishCalendar = ...
) -> npt.NDArray[np.datetime64]: ...
@overload
def first_contact_due(accepted_on: Any, policy: Policy = ..., calendar: FinnishCalendar = ...) -> ArrowData:
    """Arrow form: an Arrow array of acceptance dates in, a date32 ArrowData out."""
def support_period_of(
    referral: Referral,
    policy: Policy = ...,
    calendar: FinnishCalendar = ...,
    *,
    as_of: _DateLike,
    meetings: Sequence[Meeting] = ...,
) -> SupportPeriod | None: ...
