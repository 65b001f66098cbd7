"""Referrals as HL7 FHIR R4 JSON (kulkija._core.fhir)."""

from collections.abc import Callable, Iterable
from typing import Literal

from . import ErrorId
from .referral import Referral, ReferralState

class CodeMap:
    """Which codes of other systems kulkija reads, and as what."""

    @staticmethod
    def default() -> CodeMap:
        """The map shipped with kulkija."""
    @staticmethod
    def from_json(json: str) -> CodeMap:
        """Reads a map from JSON text."""
    def to_json(self, *, indent: int = 2) -> str:
        """The map as JSON text."""
    @property
    def referral_codes(self) -> list[tuple[str, str, str]]:
        """The referral codes as (system, code, display) tuples."""
    def __eq__(self, other: object) -> bool: ...

class FhirWarning:
    """What a lenient import let through: the error a strict import would have raised."""

    @property
    def id(self) -> ErrorId | int:
        """The ErrorId of that error."""
    @property
    def path(self) -> str:
        """The JSON path."""
    @property
    def message(self) -> str:
        """The rule; never a personal identity code."""
    def __eq__(self, other: object) -> bool: ...

class FhirImport:
    """What an import gives: the referrals and, in lenient mode, the warnings."""

    @property
    def referrals(self) -> list[Referral]:
        """The referrals, in the order of their ServiceRequests."""
    @property
    def warnings(self) -> list[FhirWarning]:
        """What a strict import would have refused."""

def to_fhir(referral: Referral, *, indent: int = 2) -> str:
    """The referral as a FHIR R4 Bundle (type collection) in JSON."""

def bundle(referrals: Iterable[Referral], *, indent: int = 2) -> str:
    """Many referrals as one FHIR R4 Bundle in JSON."""

def read_fhir(
    json: str,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: CodeMap | None = None,
    resolve: Callable[[str], str | None] | None = None,
) -> FhirImport:
    """Every referral of a FHIR R4 Bundle, Task or ServiceRequest, with the lenient warnings."""

def read_fhir_pair(
    task: str,
    service_request: str,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: CodeMap | None = None,
    resolve: Callable[[str], str | None] | None = None,
) -> FhirImport:
    """The referral of a Task and its ServiceRequest given separately, with the lenient warnings."""

def from_fhir(
    json: str,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: CodeMap | None = None,
    resolve: Callable[[str], str | None] | None = None,
) -> Referral:
    """The one referral of a FHIR R4 Bundle, Task or ServiceRequest."""

def from_fhir_bundle(
    json: str,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: CodeMap | None = None,
    resolve: Callable[[str], str | None] | None = None,
) -> list[Referral]:
    """Every referral of a FHIR R4 Bundle."""

def fhir_status(state: ReferralState | str) -> tuple[str, str]:
    """The FHIR statuses of a referral state as (Task.status, ServiceRequest.status)."""
