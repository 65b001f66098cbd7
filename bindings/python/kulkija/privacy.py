"""Finnish personal identity codes (henkilötunnus) and keyed pseudonyms.

kulkija never stores a personal identity code: a service turns each code into a stable
pseudonym at the edge with :func:`pseudonymise` (HMAC-SHA256 under the service's own
:class:`PseudonymKey`) and works with the pseudonym from then on.
"""

from __future__ import annotations

from ._core.privacy import (
    IdentityCodeFacts,
    PseudonymKey,
    check_identity_code,
    is_valid_identity_code,
    pseudonymise,
    pseudonymise_many,
)

__all__ = (
    "IdentityCodeFacts",
    "PseudonymKey",
    "check_identity_code",
    "is_valid_identity_code",
    "pseudonymise",
    "pseudonymise_many",
)
