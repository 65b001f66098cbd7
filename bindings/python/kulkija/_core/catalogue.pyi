"""The service catalogue: organisations, activities, HSDS and CSV, search and recommendations (kulkija._core.catalogue)."""

import datetime
import enum
import os
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias, overload

import numpy as np

from .core import Language, LocalizedText, Municipality, _LanguageLike, _MunicipalityLike, _TextLanguageLike
from .referral import Client, Need, TimeWindow

_DateLike: TypeAlias = datetime.date | np.datetime64
_PathLike: TypeAlias = str | os.PathLike[str]

class ActivityCategory(enum.Enum):
    """What kind of activity it is: the documented taxonomy of the catalogue guide, each with labels and the needs it addresses (see needs_addressed())."""

    peer_support_group = 0
    meeting_place = 1
    exercise = 2
    outdoor_nature = 3
    music_singing = 4
    arts_crafts = 5
    culture_events = 6
    learning = 7
    digital_skills = 8
    volunteering = 9
    cooking_meals = 10
    games_hobbies = 11
    work_activity = 12
    guidance = 13
    @staticmethod
    def parse(code: str) -> ActivityCategory: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class TargetGroup(enum.Enum):
    """Who an activity is meant for."""

    everyone = 0
    older_people = 1
    working_age = 2
    young_adults = 3
    unemployed = 4
    caregivers = 5
    immigrants = 6
    people_with_disabilities = 7
    mental_health = 8
    long_term_ill = 9
    men = 10
    women = 11
    @staticmethod
    def parse(code: str) -> TargetGroup: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class AccessibilityFeature(enum.Enum):
    """What makes an activity accessible."""

    wheelchair_access = 0
    induction_loop = 1
    accessible_toilet = 2
    transport_help = 3
    sign_language = 4
    easy_language = 5
    @staticmethod
    def parse(code: str) -> AccessibilityFeature: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class OrganisationKind(enum.Enum):
    """The kind of a third-sector organisation."""

    patient = 0
    pensioner = 1
    disability = 2
    mental_health = 3
    youth = 4
    sports = 5
    culture = 6
    village = 7
    multicultural = 8
    umbrella = 9
    other = 10
    @staticmethod
    def parse(code: str) -> OrganisationKind: ...

class Weekday(enum.Enum):
    """A day of the week, Monday first."""

    monday = 0
    tuesday = 1
    wednesday = 2
    thursday = 3
    friday = 4
    saturday = 5
    sunday = 6
    @staticmethod
    def parse(code: str) -> Weekday: ...

class RecurrenceFrequency(enum.Enum):
    """How often a recurring activity meets."""

    weekly = 0
    biweekly = 1
    monthly = 2
    @staticmethod
    def parse(code: str) -> RecurrenceFrequency: ...

class CostKind(enum.Enum):
    """Whether taking part costs something: free, fee or unknown."""

    free = 0
    fee = 1
    unknown = 2
    @staticmethod
    def parse(code: str) -> CostKind: ...

class ScoreComponent(enum.Enum):
    """The parts of a recommendation's score, each from 0 to 1."""

    need = 0
    interest = 1
    language = 2
    distance = 3
    cost = 4
    time = 5
    @staticmethod
    def parse(code: str) -> ScoreComponent: ...

class ExclusionReason(enum.Enum):
    """Why a hard filter left an activity out."""

    not_valid = 0
    language = 1
    age = 2
    out_of_reach = 3
    @staticmethod
    def parse(code: str) -> ExclusionReason: ...

def needs_addressed(category: ActivityCategory | str) -> frozenset[Need]: ...
def fold_text(text: str, *, nordic_letters: bool = False) -> str: ...

class Organisation:
    """A third-sector organisation that runs activities."""

    def __init__(
        self,
        id: str,
        name: str,
        kind: OrganisationKind | str = ...,
        *,
        home: _MunicipalityLike | None = None,
        description: str = "",
    ) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> OrganisationKind: ...
    @property
    def home(self) -> Municipality | None: ...
    @property
    def description(self) -> str: ...

class RecurrenceRule:
    """One recurring meeting time: weekly, biweekly (in the weeks of an anchor day) or monthly (on the n-th or last weekday), with a start and end time."""

    def __init__(
        self,
        frequency: RecurrenceFrequency | str,
        day: Weekday | str,
        starts: str,
        ends: str,
        *,
        week_of_month: int = 0,
        anchor: _DateLike | None = None,
    ) -> None: ...
    @property
    def frequency(self) -> RecurrenceFrequency: ...
    @property
    def day(self) -> Weekday: ...
    @property
    def week_of_month(self) -> int: ...
    @property
    def anchor(self) -> datetime.date | None: ...
    @property
    def starts(self) -> str: ...
    @property
    def ends(self) -> str: ...
    def occurs_on(self, day: _DateLike) -> bool: ...
    def next_on_or_after(self, day: _DateLike) -> datetime.date: ...
    @property
    def window(self) -> TimeWindow: ...

class Activity:
    """A validated activity of the catalogue."""

    def __init__(
        self,
        id: str,
        organisation: str,
        name: LocalizedText | str,
        *,
        languages: Sequence[_LanguageLike],
        description: LocalizedText | str | None = None,
        categories: Sequence[ActivityCategory | str] = ...,
        target_groups: Sequence[TargetGroup | str] = ...,
        min_age: int | None = None,
        max_age: int | None = None,
        municipality: _MunicipalityLike | None = None,
        address: str = "",
        position: tuple[float, float] | None = None,
        schedule: Sequence[RecurrenceRule] = ...,
        accessibility: Sequence[AccessibilityFeature | str] = ...,
        cost: CostKind | str = ...,
        fee: float = 0.0,
        currency: str = "EUR",
        kaikukortti: bool = False,
        registration_required: bool = False,
        peer_support: bool = False,
        capacity: int | None = None,
        valid_from: _DateLike | None = None,
        valid_to: _DateLike | None = None,
    ) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def organisation(self) -> str: ...
    @property
    def name(self) -> LocalizedText: ...
    @property
    def description(self) -> LocalizedText: ...
    def name_in(self, lang: _TextLanguageLike) -> str: ...
    @property
    def categories(self) -> list[ActivityCategory]: ...
    @property
    def target_groups(self) -> list[TargetGroup]: ...
    @property
    def min_age(self) -> int | None: ...
    @property
    def max_age(self) -> int | None: ...
    @property
    def languages(self) -> list[Language]: ...
    @property
    def municipality(self) -> Municipality | None: ...
    @property
    def address(self) -> str: ...
    @property
    def position(self) -> tuple[float, float] | None: ...
    @property
    def schedule(self) -> list[RecurrenceRule]: ...
    @property
    def accessibility(self) -> list[AccessibilityFeature]: ...
    @property
    def cost(self) -> CostKind: ...
    @property
    def fee(self) -> float: ...
    @property
    def currency(self) -> str: ...
    @property
    def kaikukortti(self) -> bool: ...
    @property
    def registration_required(self) -> bool: ...
    @property
    def peer_support(self) -> bool: ...
    @property
    def capacity(self) -> int | None: ...
    @property
    def valid_from(self) -> datetime.date | None: ...
    @property
    def valid_to(self) -> datetime.date | None: ...
    def valid_on(self, day: _DateLike) -> bool: ...

class Recommendation:
    """One recommended activity with its score, components and reasons."""

    @property
    def activity_id(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def components(self) -> dict[str, float]: ...
    @property
    def distance_km(self) -> float | None: ...
    @property
    def cost(self) -> float | None: ...
    @property
    def next_meeting(self) -> datetime.date | None: ...
    @property
    def reasons(self) -> list[tuple[str, LocalizedText]]: ...
    def explain(self, lang: _TextLanguageLike = ...) -> str: ...

class Catalogue:
    """The service catalogue: organisations and their activities."""

    def __init__(self) -> None: ...
    @overload
    def add(self, item: Organisation) -> None: ...
    @overload
    def add(self, item: Activity) -> None: ...
    @property
    def organisations(self) -> list[Organisation]: ...
    @property
    def activities(self) -> list[Activity]: ...
    def __len__(self) -> int: ...
    def activity(self, id: str) -> Activity: ...
    def organisation(self, id: str) -> Organisation: ...
    def search(self, query: str, *, nordic_letters: bool = False) -> list[Activity]: ...
    def recommendations(
        self,
        client: Client,
        *,
        on: _DateLike,
        location: tuple[float, float] | None = None,
        max_distance_km: float = 15.0,
        reachable: Sequence[_MunicipalityLike] = ...,
        budget: float | None = None,
        kaikukortti_holder: bool = False,
        k: int = 10,
        weights: Mapping[str, float] | None = None,
    ) -> list[Recommendation]: ...
    def exclusion(
        self,
        activity_id: str,
        client: Client,
        *,
        on: _DateLike,
        location: tuple[float, float] | None = None,
        max_distance_km: float = 15.0,
        reachable: Sequence[_MunicipalityLike] = ...,
    ) -> ExclusionReason | None: ...
    @staticmethod
    def from_hsds(
        path: _PathLike, *, name_language: _TextLanguageLike = ..., default_languages: Sequence[_LanguageLike] = ...
    ) -> Catalogue: ...
    @staticmethod
    def from_csv(path: _PathLike) -> Catalogue: ...
    def to_hsds(self, *, name_language: _TextLanguageLike = ...) -> str: ...
    def to_csv(self) -> str: ...
    def to_frame(self, *, lang: str = "fi") -> Any: ...
    def recommend(
        self,
        client: Client,
        k: int = 10,
        lang: str = "fi",
        *,
        on: datetime.date | None = None,
        location: tuple[float, float] | None = None,
        max_distance_km: float = 15.0,
        reachable: Sequence[_MunicipalityLike] = ...,
        budget: float | None = None,
        kaikukortti_holder: bool = False,
        weights: Mapping[str, float] | None = None,
    ) -> Any: ...

class HsdsImport:
    """The result of an HSDS import: the catalogue, the terms and warnings."""

    @property
    def catalogue(self) -> Catalogue: ...
    @property
    def warnings(self) -> list[tuple[str, str]]: ...
    @property
    def terms(self) -> list[tuple[str, str]]: ...

def read_hsds(
    path: _PathLike, *, name_language: _TextLanguageLike = ..., default_languages: Sequence[_LanguageLike] = ...
) -> HsdsImport: ...
def hsds_from_json(
    json: str, *, name_language: _TextLanguageLike = ..., default_languages: Sequence[_LanguageLike] = ...
) -> HsdsImport: ...
