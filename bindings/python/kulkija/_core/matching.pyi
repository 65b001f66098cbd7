"""Link workers, matching policies, explained scores and solvers (kulkija._core.matching)."""

import datetime
import enum
from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import numpy.typing as npt

from .core import Language, LocalizedText, Municipality, _LanguageLike, _MunicipalityLike, _TextLanguageLike
from .referral import Client, Gender, MeetingMode, Need, TimeWindow

_ArrayLike: TypeAlias = npt.ArrayLike
_SpecialismLike: TypeAlias = Specialism | str
_WorkerKindLike: TypeAlias = WorkerKind | str
_CompetenceLike: TypeAlias = Competence | str
_GenderLike: TypeAlias = Gender | str
_TimeWindowLike: TypeAlias = TimeWindow | str
_MeetingModeLike: TypeAlias = MeetingMode | str

FORBIDDEN: int

class WorkerKind(enum.Enum):
    """What kind of link worker someone is: an employed professional, a trained volunteer or a peer supporter (expert by experience)."""

    professional = 0
    volunteer = 1
    peer_supporter = 2
    @staticmethod
    def parse(code: str) -> WorkerKind: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class Specialism(enum.Enum):
    """What a link worker is especially experienced with."""

    older_people = 0
    young_adults = 1
    mental_wellbeing = 2
    employment = 3
    immigrants = 4
    caregivers = 5
    physical_activity = 6
    digital_skills = 7
    bereavement = 8
    @staticmethod
    def parse(code: str) -> Specialism: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class DistanceMethod(enum.Enum):
    """How distance is measured: haversine km or a travel-time matrix."""

    haversine = 0
    travel_time = 1
    @staticmethod
    def parse(code: str) -> DistanceMethod: ...

class MatchExclusion(enum.Enum):
    """A hard constraint that excludes a client and worker pair."""

    no_shared_language = 0
    no_time_overlap = 1
    gender_not_as_requested = 2
    no_meeting_mode_overlap = 3
    beyond_travel_radius = 4
    not_active = 5
    excluded_pair = 6
    unreachable = 7
    training_not_valid = 8
    supervision_overdue = 9
    @staticmethod
    def parse(code: str) -> MatchExclusion: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class MatchComponent(enum.Enum):
    """A soft score component of a pair."""

    distance = 0
    specialism = 1
    preferences = 2
    continuity = 3
    caseload = 4
    language = 5
    @staticmethod
    def parse(code: str) -> MatchComponent: ...

def specialisms_for(need: Need | str) -> list[Specialism]:
    """The specialisms that serve a need."""

class Competence(enum.Enum):
    """What a training course qualifies a link worker for."""

    link_work = 0
    peer_support = 1
    experience_expert = 2
    older_people = 3
    young_adults = 4
    mental_wellbeing = 5
    employment = 6
    immigrants = 7
    caregivers = 8
    physical_activity = 9
    digital_skills = 10
    bereavement = 11
    swedish_language = 12
    sami_language = 13
    @staticmethod
    def parse(code: str) -> Competence: ...
    def label(self, lang: _TextLanguageLike = ...) -> str: ...

class TrainingRecord:
    """One course a link worker has completed, valid from completed_on to valid_until (both included)."""

    def __init__(
        self,
        course: str,
        completed_on: datetime.date,
        valid_until: datetime.date | None = None,
        *,
        competences: Sequence[_CompetenceLike],
    ) -> None: ...
    @property
    def course(self) -> str: ...
    @property
    def completed_on(self) -> datetime.date: ...
    @property
    def valid_until(self) -> datetime.date | None: ...
    @property
    def competences(self) -> list[Competence]: ...
    def valid_on(self, day: datetime.date) -> bool: ...
    def gives(self, competence: _CompetenceLike) -> bool: ...
    def __eq__(self, other: object) -> bool: ...

class GeoPoint:
    """A point on the earth in WGS 84 degrees."""

    def __init__(self, latitude: float, longitude: float) -> None: ...
    @property
    def latitude(self) -> float: ...
    @property
    def longitude(self) -> float: ...
    def __eq__(self, other: object) -> bool: ...

def haversine_km(a: GeoPoint, b: GeoPoint) -> float:
    """The great-circle distance in km."""

class LinkWorker:
    """A link worker (linkkihenkilö)."""

    def __init__(
        self,
        id: str,
        languages: Sequence[_LanguageLike],
        home: _MunicipalityLike,
        capacity: int,
        *,
        caseload: int = 0,
        location: GeoPoint | None = None,
        travel_radius_km: float | None = None,
        specialisms: Sequence[_SpecialismLike] = ...,
        gender: _GenderLike | None = None,
        availability: Sequence[_TimeWindowLike] = ...,
        meeting_modes: Sequence[_MeetingModeLike] = ...,
        active_from: datetime.date | None = None,
        active_to: datetime.date | None = None,
        kind: _WorkerKindLike = ...,
        training: Sequence[TrainingRecord] = ...,
        last_supervision: datetime.date | None = None,
    ) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def languages(self) -> list[Language]: ...
    @property
    def home(self) -> Municipality: ...
    @property
    def location(self) -> GeoPoint | None: ...
    @property
    def travel_radius_km(self) -> float | None: ...
    @property
    def capacity(self) -> int: ...
    @property
    def caseload(self) -> int: ...
    @property
    def free_places(self) -> int: ...
    @property
    def specialisms(self) -> list[Specialism]: ...
    @property
    def gender(self) -> Gender | None: ...
    @property
    def availability(self) -> list[TimeWindow]: ...
    @property
    def meeting_modes(self) -> list[MeetingMode]: ...
    @property
    def active_from(self) -> datetime.date | None: ...
    @property
    def active_to(self) -> datetime.date | None: ...
    def active_on(self, day: datetime.date) -> bool: ...
    @property
    def kind(self) -> WorkerKind: ...
    @property
    def training(self) -> list[TrainingRecord]: ...
    @property
    def last_supervision(self) -> datetime.date | None: ...
    def competences_on(self, day: datetime.date) -> list[Competence]: ...
    def __eq__(self, other: object) -> bool: ...

class KindPolicy:
    """What a region allows and requires of one kind of link worker."""

    @property
    def caseload_limit(self) -> int: ...
    @property
    def meeting_modes(self) -> list[MeetingMode]: ...
    @property
    def supervision_interval_days(self) -> int: ...
    @property
    def required_training(self) -> list[Competence]: ...
    def __eq__(self, other: object) -> bool: ...

class ContinuityPolicy:
    """How reassignment keeps a client with the people they know."""

    @property
    def prefer_earlier_worker(self) -> bool: ...
    @property
    def require_earlier_worker(self) -> bool: ...
    @property
    def return_after_leave(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...

class WorkforcePolicy:
    """The workforce section of a matching policy."""

    def of(self, kind: _WorkerKindLike) -> KindPolicy: ...
    @property
    def kinds(self) -> dict[WorkerKind, KindPolicy]: ...
    @property
    def training_adds_specialisms(self) -> bool: ...
    @property
    def continuity(self) -> ContinuityPolicy: ...
    def __eq__(self, other: object) -> bool: ...

class MatchingPolicy:
    """A region's matching rules."""

    def __init__(self) -> None: ...
    @staticmethod
    def from_json(text: str) -> MatchingPolicy: ...
    def to_json(self) -> str: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def distance(self) -> DistanceMethod: ...
    @property
    def unassigned_penalty(self) -> float | None: ...
    @property
    def weights(self) -> dict[str, float]: ...
    @property
    def hard(self) -> dict[str, bool]: ...
    @property
    def workforce(self) -> WorkforcePolicy: ...
    def __eq__(self, other: object) -> bool: ...

class MatchingClient:
    """A client waiting for a link worker."""

    def __init__(
        self,
        client: Client,
        *,
        location: GeoPoint | None = None,
        previous_worker: str | None = None,
        priority: int = 1,
    ) -> None: ...
    @property
    def client(self) -> Client: ...
    @property
    def location(self) -> GeoPoint | None: ...
    @property
    def previous_worker(self) -> str | None: ...
    @property
    def priority(self) -> int: ...

class ComponentScore:
    """One soft component of a pair's score, with its reason."""

    @property
    def component(self) -> MatchComponent: ...
    @property
    def value(self) -> float: ...
    @property
    def weight(self) -> float: ...
    @property
    def points(self) -> float: ...
    @property
    def reason(self) -> LocalizedText: ...

class MatchScore:
    """The explained score of a pair."""

    @property
    def exclusions(self) -> list[MatchExclusion]: ...
    @property
    def components(self) -> list[ComponentScore]: ...
    @property
    def total(self) -> float: ...
    @property
    def distance_km(self) -> float | None: ...
    @property
    def travel_minutes(self) -> float | None: ...
    @property
    def allowed(self) -> bool: ...

class WorkerStanding:
    """Whether a worker can take clients on a day under a policy, and why not, with the dates."""

    @property
    def worker(self) -> str: ...
    @property
    def on(self) -> datetime.date: ...
    @property
    def exclusions(self) -> list[MatchExclusion]: ...
    @property
    def reasons(self) -> list[LocalizedText]: ...
    @property
    def capacity(self) -> int: ...
    @property
    def free_places(self) -> int: ...
    @property
    def meeting_modes(self) -> list[MeetingMode]: ...
    @property
    def supervision_due(self) -> datetime.date | None: ...
    @property
    def missing_training(self) -> list[Competence]: ...
    @property
    def matchable(self) -> bool: ...
    def __eq__(self, other: object) -> bool: ...

def standing_of(policy: MatchingPolicy, worker: LinkWorker, on: datetime.date) -> WorkerStanding:
    """A worker's standing on a day under a matching policy, with the reasons in fi, sv and en."""

def effective_capacity(policy: WorkforcePolicy, worker: LinkWorker) -> int:
    """The worker's own capacity cut to the kind's caseload limit."""

def effective_meeting_modes(policy: WorkforcePolicy, worker: LinkWorker) -> list[MeetingMode]:
    """The worker's meeting modes that the kind may use."""

def effective_specialisms(policy: WorkforcePolicy, worker: LinkWorker, day: datetime.date) -> list[Specialism]:
    """The worker's specialisms plus those of training valid on the day."""

def supervision_due(policy: WorkforcePolicy, worker: LinkWorker) -> datetime.date | None:
    """The last day the worker's supervision is current, or None when never supervised."""

def missing_training(policy: WorkforcePolicy, worker: LinkWorker, day: datetime.date) -> list[Competence]:
    """The kind's required competences without valid training on the day."""

def specialism_of(competence: _CompetenceLike) -> Specialism | None:
    """The specialism a topic competence stands for, or None."""

class MatchedPair:
    """A client matched with a worker, and why."""

    @property
    def client_index(self) -> int: ...
    @property
    def worker_index(self) -> int: ...
    @property
    def client(self) -> str: ...
    @property
    def worker(self) -> str: ...
    @property
    def score(self) -> MatchScore: ...

class UnmatchedClient:
    """A client left without a worker, and why."""

    @property
    def client_index(self) -> int: ...
    @property
    def client(self) -> str: ...
    @property
    def reason(self) -> LocalizedText: ...
    @property
    def exclusions(self) -> list[MatchExclusion]: ...

class MatchResult:
    """Matches, the unmatched with reasons, and the total score."""

    @property
    def matched(self) -> list[MatchedPair]: ...
    @property
    def unmatched(self) -> list[UnmatchedClient]: ...
    @property
    def total_score(self) -> float: ...
    @property
    def excluded_workers(self) -> list[WorkerStanding]: ...

def score_pair(
    policy: MatchingPolicy, client: MatchingClient, worker: LinkWorker, on: datetime.date, travel_minutes: float | None = None
) -> MatchScore:
    """Scores one pair under a policy on a day."""

def match_clients(
    policy: MatchingPolicy,
    clients: Sequence[MatchingClient],
    workers: Sequence[LinkWorker],
    on: datetime.date,
    travel_minutes: _ArrayLike | None = None,
) -> MatchResult:
    """Matches clients with workers maximising the total score (exact)."""

def stable_match_clients(
    policy: MatchingPolicy,
    clients: Sequence[MatchingClient],
    workers: Sequence[LinkWorker],
    on: datetime.date,
    travel_minutes: _ArrayLike | None = None,
) -> MatchResult:
    """Matches clients with workers by client-proposing deferred acceptance (stable)."""

def match_one(
    policy: MatchingPolicy,
    client: MatchingClient,
    workers: Sequence[LinkWorker],
    on: datetime.date,
    travel_minutes: _ArrayLike | None = None,
) -> MatchResult:
    """Online: the best allowed worker with a free place now."""

class AssignmentResult:
    """An optimal assignment with its dual certificate."""

    @property
    def worker_of(self) -> npt.NDArray[np.int32]: ...
    @property
    def total_cost(self) -> int: ...
    @property
    def assigned_cost(self) -> int: ...
    @property
    def unassigned(self) -> int: ...
    @property
    def worker_price(self) -> npt.NDArray[np.int64]: ...
    @property
    def method(self) -> str: ...
    @property
    def violated_arcs(self) -> int: ...
    @property
    def rounds(self) -> int: ...
    @property
    def candidate_pairs(self) -> int: ...

def solve_assignment(
    cost: _ArrayLike, capacity: _ArrayLike, unassigned_penalty: _ArrayLike | None = None, k: int | None = None
) -> AssignmentResult:
    """The exact minimum-cost capacitated assignment, without the GIL."""

def assignment_cost(
    cost: _ArrayLike, capacity: _ArrayLike, worker_of: _ArrayLike, unassigned_penalty: _ArrayLike | None = None
) -> int:
    """Checks an assignment and returns its total cost."""

def assign_one(cost: _ArrayLike, capacity: _ArrayLike, load: _ArrayLike, unassigned_penalty: int | None = None) -> int | None:
    """Online: the cheapest allowed worker with room now, or None."""

def stable_match_costs(
    client_cost: _ArrayLike,
    capacity: _ArrayLike,
    worker_cost: _ArrayLike | None = None,
    priority: _ArrayLike | None = None,
    unassigned_penalty: _ArrayLike | None = None,
) -> tuple[npt.NDArray[np.int32], int]:
    """Client-proposing deferred acceptance on cost matrices: (worker_of, proposals)."""

def find_blocking_pair(
    client_cost: _ArrayLike,
    capacity: _ArrayLike,
    worker_of: _ArrayLike,
    worker_cost: _ArrayLike | None = None,
    priority: _ArrayLike | None = None,
    unassigned_penalty: _ArrayLike | None = None,
) -> tuple[int, int] | None:
    """A blocking pair (client, worker) of the matching, or None when it is stable."""

_Graph: TypeAlias = tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.int64]]

class GeographicCost:
    """The costs of referrals and link workers by the great-circle distance in whole metres, without a dense matrix."""

    def __init__(
        self, referral_lat: _ArrayLike, referral_lon: _ArrayLike, worker_lat: _ArrayLike, worker_lon: _ArrayLike
    ) -> None: ...
    @property
    def referrals(self) -> int: ...
    @property
    def workers(self) -> int: ...
    def cost(self, referral: int, worker: int) -> int: ...
    def nearest(self, k: int) -> _Graph: ...
    def matrix(self) -> npt.NDArray[np.int64]: ...
    def __eq__(self, other: object) -> bool: ...

def solve_geographic_assignment(
    cost: GeographicCost, capacity: _ArrayLike, k: int = 16, unassigned_penalty: _ArrayLike | None = None
) -> tuple[AssignmentResult, _Graph]:
    """The exact assignment on geographic costs, proved optimal over every pair: (result, last candidate graph)."""

def solve_sparse_assignment(
    indptr: _ArrayLike,
    indices: _ArrayLike,
    costs: _ArrayLike,
    capacity: _ArrayLike,
    unassigned_penalty: _ArrayLike | None = None,
) -> AssignmentResult:
    """The exact assignment on a CSR graph, without the GIL."""

def k_cheapest(cost: _ArrayLike, k: int) -> _Graph:
    """Each client's k cheapest allowed workers of a dense matrix as a CSR graph."""

def stable_match_geographic(
    cost: GeographicCost, capacity: _ArrayLike, unassigned_penalty: _ArrayLike | None = None
) -> tuple[npt.NDArray[np.int32], int]:
    """Deferred acceptance on geographic costs: (worker_of, proposals)."""
