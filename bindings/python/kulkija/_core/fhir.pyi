"""Referrals as HL7 FHIR R4 JSON (kulkija._core.fhir)."""

from collections.abc import Iterable

from .referral import Referral, ReferralState

def to_fhir(referral: Referral, *, indent: int = 2) -> str:
    """The referral as a FHIR R4 Bundle (type collection) in JSON."""

def bundle(referrals: Iterable[Referral], *, indent: int = 2) -> str:
    """Many referrals as one FHIR R4 Bundle in JSON."""

def from_fhir(json: str) -> Referral:
    """The one referral of a FHIR R4 Bundle, Task or ServiceRequest."""

def from_fhir_bundle(json: str) -> list[Referral]:
    """Every referral of a FHIR R4 Bundle."""

def fhir_status(state: ReferralState | str) -> tuple[str, str]:
    """The FHIR statuses of a referral state as (Task.status, ServiceRequest.status)."""
