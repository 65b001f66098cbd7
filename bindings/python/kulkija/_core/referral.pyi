"""Needs, clients, professionals, the lifecycle and referrals (kulkija._core.referral)."""

import datetime
import enum
from collections.abc import Iterable
from typing import TypeAlias, overload

from .core import Language, Municipality, _LanguageLike, _MunicipalityLike, _TextLanguageLike
from . import InvalidTransition

class Need(enum.Enum):
    """Why a client is referred: a closed, documented list of needs."""

    loneliness = 0
    social_exclusion = 1
    mental_wellbeing = 2
    life_transition = 3
    bereavement = 4
    unemployment = 5
    caregiver_burden = 6
    physical_inactivity = 7
    financial_hardship = 8
    long_term_condition = 9
    digital_exclusion = 10
    integration = 11
    meaningful_activity = 12
    @staticmethod
    def parse(code: str) -> Need: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class LivingSituation(enum.Enum):
    """Who the client lives with."""

    alone = 0
    with_partner = 1
    with_family = 2
    with_others = 3
    supported_housing = 4
    institutional_care = 5
    no_fixed_abode = 6
    @staticmethod
    def parse(code: str) -> LivingSituation: ...

class Gender(enum.Enum):
    """A person's gender, as far as a client's preference for a worker needs it."""

    female = 0
    male = 1
    other = 2
    @staticmethod
    def parse(code: str) -> Gender: ...

class MeetingMode(enum.Enum):
    """How a client and a link worker meet."""

    in_person = 0
    home_visit = 1
    phone = 2
    video = 3
    @staticmethod
    def parse(code: str) -> MeetingMode: ...

class TimeWindow(enum.Enum):
    """When a client (or worker) is available."""

    weekday_daytime = 0
    weekday_evening = 1
    weekend = 2
    @staticmethod
    def parse(code: str) -> TimeWindow: ...

class Sector(enum.Enum):
    """The service sector a referring professional works in."""

    social_services = 0
    health_care = 1
    employment_services = 2
    other = 3
    @staticmethod
    def parse(code: str) -> Sector: ...

class Priority(enum.Enum):
    """How soon the referral should be acted on."""

    routine = 0
    urgent = 1
    asap = 2
    @staticmethod
    def parse(code: str) -> Priority: ...

class ReferralState(enum.Enum):
    """Where a referral is in its lifecycle."""

    draft = 0
    requested = 1
    accepted = 2
    rejected = 3
    assigned = 4
    in_progress = 5
    on_hold = 6
    completed = 7
    discontinued = 8
    cancelled = 9
    entered_in_error = 10
    @staticmethod
    def parse(code: str) -> ReferralState: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class ReferralEvent(enum.Enum):
    """What happens to a referral."""

    issue = 0
    accept = 1
    reject = 2
    assign = 3
    reassign = 4
    first_contact = 5
    pause = 6
    resume = 7
    complete = 8
    discontinue = 9
    cancel = 10
    enter_in_error = 11
    reopen = 12
    @staticmethod
    def parse(code: str) -> ReferralEvent: ...

class ActorRole(enum.Enum):
    """The role of whoever causes an event."""

    referrer = 0
    coordinator = 1
    link_worker = 2
    client = 3
    system = 4
    @staticmethod
    def parse(code: str) -> ActorRole: ...

class ReasonCode(enum.Enum):
    """Why an event happened."""

    not_eligible = 0
    no_capacity = 1
    client_declined = 2
    could_not_contact = 3
    duplicate = 4
    out_of_area = 5
    needs_medical_care = 6
    worker_left = 7
    worker_on_leave = 8
    client_request = 9
    client_ill = 10
    client_away = 11
    worker_unavailable = 12
    goals_reached = 13
    support_period_ended = 14
    client_withdrew = 15
    no_contact = 16
    moved_away = 17
    deceased = 18
    referral_withdrawn = 19
    data_entry_error = 20
    reconsidered = 21
    client_returned = 22
    other = 23
    @staticmethod
    def parse(code: str) -> ReasonCode: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class TransitionGuard(enum.Enum):
    """A condition, beyond the state, that a transition requires."""

    consent_recorded = 0
    needs_present = 1
    link_worker_given = 2
    link_worker_changes = 3
    first_contact_recorded = 4
    @staticmethod
    def parse(code: str) -> TransitionGuard: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class ReasonRule(enum.Enum):
    """Whether an event takes a reason code."""

    none = 0
    optional = 1
    required = 2
    @staticmethod
    def parse(code: str) -> ReasonRule: ...

_NeedsLike: TypeAlias = Iterable[Need | str]
_DateTime: TypeAlias = datetime.datetime
_ActorLike: TypeAlias = Actor | ActorRole | str

def all_needs() -> list[Need]: ...
def label(value: Need | ReferralState | ReasonCode | TransitionGuard, lang: _TextLanguageLike = ...) -> str: ...

class Transition:
    """One row of the lifecycle's transition table (read-only)."""

    @property
    def from_state(self) -> ReferralState: ...
    @property
    def event(self) -> ReferralEvent: ...
    @property
    def to_state(self) -> ReferralState: ...
    @property
    def roles(self) -> list[ActorRole]: ...
    @property
    def reason(self) -> ReasonRule: ...
    @property
    def allowed_reasons(self) -> list[ReasonCode]: ...
    @property
    def guards(self) -> list[TransitionGuard]: ...
    def __eq__(self, other: object) -> bool: ...

def transition_table() -> list[Transition]: ...
def find_transition(from_state: ReferralState | str, event: ReferralEvent | str) -> Transition | None: ...
def allowed_events(state: ReferralState | str) -> list[ReferralEvent]: ...
def is_closed(state: ReferralState | str) -> bool: ...
def is_open_support(state: ReferralState | str) -> bool: ...
def is_closing(event: ReferralEvent | str) -> bool: ...
def urgency_rank(priority: Priority | str) -> int: ...
def matching_priority(priority: Priority | str) -> int: ...
def lifecycle_dot() -> str: ...

class Actor:
    """Who caused an event: a role and, optionally, the actor's id."""

    role: ActorRole
    id: str
    def __init__(self, role: ActorRole | str, id: str = "") -> None: ...
    def __eq__(self, other: object) -> bool: ...

class LifecycleEvent:
    """An event as it is applied to a referral."""

    kind: ReferralEvent
    at: datetime.datetime
    by: Actor
    reason: ReasonCode | None
    link_worker: str | None
    note: str
    def __init__(
        self,
        kind: ReferralEvent | str,
        at: _DateTime,
        by: _ActorLike,
        *,
        reason: ReasonCode | str | None = None,
        link_worker: str | None = None,
        note: str = "",
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...

class HistoryEntry:
    """One entry of a referral's append-only history."""

    def __init__(self, event: LifecycleEvent, from_state: ReferralState | str, to_state: ReferralState | str) -> None: ...
    @property
    def event(self) -> LifecycleEvent: ...
    @property
    def from_state(self) -> ReferralState: ...
    @property
    def to_state(self) -> ReferralState: ...
    def __eq__(self, other: object) -> bool: ...

class ClientPreferences:
    """What the client prefers; empty means no preference."""

    worker_gender: Gender | None
    meeting_modes: list[MeetingMode]
    times: list[TimeWindow]
    interests: list[str]
    def __init__(
        self,
        *,
        worker_gender: Gender | str | None = None,
        meeting_modes: Iterable[MeetingMode | str] = (),
        times: Iterable[TimeWindow | str] = (),
        interests: Iterable[str] = (),
    ) -> None: ...
    def __eq__(self, other: object) -> bool: ...

class Client:
    """A client of a wellbeing referral, known only by a pseudonym."""

    def __init__(
        self,
        id: str,
        birth_year: int,
        home: _MunicipalityLike,
        languages: Iterable[_LanguageLike],
        *,
        birth_date: datetime.date | None = None,
        living: LivingSituation | str | None = None,
        needs: _NeedsLike = (),
        goals: Iterable[str] = (),
        preferences: ClientPreferences | None = None,
    ) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def birth_year(self) -> int: ...
    @property
    def birth_date(self) -> datetime.date | None: ...
    @birth_date.setter
    def birth_date(self, value: datetime.date | None) -> None: ...
    @property
    def home(self) -> Municipality: ...
    @home.setter
    def home(self, value: _MunicipalityLike) -> None: ...
    @property
    def languages(self) -> list[Language]: ...
    @languages.setter
    def languages(self, value: Iterable[_LanguageLike]) -> None: ...
    @property
    def preferred_language(self) -> Language: ...
    @property
    def living(self) -> LivingSituation | None: ...
    @living.setter
    def living(self, value: LivingSituation | str | None) -> None: ...
    @property
    def needs(self) -> frozenset[Need]: ...
    @needs.setter
    def needs(self, value: _NeedsLike) -> None: ...
    @property
    def goals(self) -> list[str]: ...
    @goals.setter
    def goals(self, value: Iterable[str]) -> None: ...
    @property
    def preferences(self) -> ClientPreferences: ...
    @preferences.setter
    def preferences(self, value: ClientPreferences) -> None: ...
    def speaks(self, language: _LanguageLike) -> bool: ...
    def age_on(self, on: datetime.date) -> int | None: ...
    def age_range_on(self, on: datetime.date) -> tuple[int, int]: ...
    def __eq__(self, other: object) -> bool: ...

class Professional:
    """A professional who writes referrals."""

    def __init__(self, id: str, sector: Sector | str, organisation: str, title: str = "") -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def sector(self) -> Sector: ...
    @property
    def organisation(self) -> str: ...
    @property
    def title(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...

class Referral:
    """A wellbeing referral with its guarded lifecycle."""

    def __init__(
        self,
        id: str,
        subject: Client,
        referrer: Professional,
        needs: _NeedsLike = (),
        urgency: Priority | str = ...,
        *,
        consent_given_at: _DateTime | None = None,
    ) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def subject(self) -> Client: ...
    @property
    def referrer(self) -> Professional: ...
    @property
    def needs(self) -> frozenset[Need]: ...
    @needs.setter
    def needs(self, value: _NeedsLike) -> None: ...
    @property
    def urgency(self) -> Priority: ...
    @urgency.setter
    def urgency(self, value: Priority | str) -> None: ...
    @property
    def consent_given_at(self) -> datetime.datetime | None: ...
    @property
    def state(self) -> ReferralState: ...
    @property
    def history(self) -> list[HistoryEntry]: ...
    @property
    def kept(self) -> list[tuple[str, str, str]]: ...
    @property
    def issued_at(self) -> datetime.datetime | None: ...
    @property
    def issued_on(self) -> datetime.date | None: ...
    @property
    def link_worker(self) -> str | None: ...
    @property
    def first_contact_at(self) -> datetime.datetime | None: ...
    @property
    def last_event_at(self) -> datetime.datetime | None: ...
    def record_consent(self, at: _DateTime) -> None: ...
    def update_subject(self, subject: Client) -> None: ...
    def allowed_events(self) -> list[ReferralEvent]: ...
    @overload
    def apply(self, event: LifecycleEvent) -> HistoryEntry: ...
    @overload
    def apply(
        self,
        kind: ReferralEvent | str,
        *,
        at: _DateTime,
        by: _ActorLike,
        reason: ReasonCode | str | None = None,
        link_worker: str | None = None,
        note: str = "",
    ) -> HistoryEntry: ...
    @overload
    def check(self, event: LifecycleEvent) -> InvalidTransition | None: ...
    @overload
    def check(
        self,
        kind: ReferralEvent | str,
        *,
        at: _DateTime,
        by: _ActorLike,
        reason: ReasonCode | str | None = None,
        link_worker: str | None = None,
        note: str = "",
    ) -> InvalidTransition | None: ...
    @staticmethod
    def replay(
        id: str,
        subject: Client,
        referrer: Professional,
        needs: _NeedsLike,
        urgency: Priority | str = ...,
        consent_given_at: _DateTime | None = None,
        events: Iterable[LifecycleEvent] = (),
    ) -> Referral: ...
    def __eq__(self, other: object) -> bool: ...
