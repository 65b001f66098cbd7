"""Referrals as HL7 FHIR R4 JSON.

:func:`to_fhir` writes one referral, :func:`bundle` many, as a Bundle of a ServiceRequest
(the referral), a Task (its workflow, closed-loop referral pattern), the pseudonymous
Patient, the requester's PractitionerRole, the client's Consent and one Provenance per
history entry; :func:`from_fhir` and :func:`from_fhir_bundle` read them back into equal
referrals. Foreign resources that kulkija cannot represent raise :class:`kulkija.ParseError`
naming the JSON path and the rule. The layout is documented in the FHIR guide.
"""

from __future__ import annotations

from ._core.fhir import bundle, fhir_status, from_fhir, from_fhir_bundle, to_fhir

__all__ = (
    "bundle",
    "fhir_status",
    "from_fhir",
    "from_fhir_bundle",
    "to_fhir",
)
