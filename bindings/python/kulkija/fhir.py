"""Referrals as HL7 FHIR R4 JSON.

:func:`to_fhir` writes one referral, :func:`bundle` many, as a Bundle of a ServiceRequest
(the referral), a Task (its workflow, closed-loop referral pattern), the pseudonymous
Patient, the requester's PractitionerRole, the client's Consent and one Provenance per
history entry; :func:`from_fhir` and :func:`from_fhir_bundle` read them back into equal
referrals.

They also read referrals that other closed-loop referral systems send: a Bundle of any type,
Tasks and their ServiceRequest given separately (:func:`from_fhir_pair`), references fetched
through a ``resolve`` function, codes read through a :class:`CodeMap`. In ``mode="strict"``
(the default) a code the map does not know raises :class:`kulkija.ParseError`; in
``mode="lenient"`` it is reported as a :class:`FhirImportWarning` (``warnings.warn``) and the
referral is imported; :func:`read_fhir` returns the warnings instead. What kulkija does not
model is kept on the referral (``Referral.kept``) and written back by :func:`to_fhir`.
Foreign resources that kulkija cannot represent raise :class:`kulkija.ParseError` naming the
JSON path and the rule. The layout is documented in the FHIR guide.
"""

from __future__ import annotations

import json as _json
import warnings as _warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal, Union

from ._core.fhir import (
    CodeMap,
    FhirImport,
    FhirWarning,
    bundle,
    fhir_status,
    from_fhir as _from_fhir_one,
    read_fhir_pair as _read_fhir_pair,
    read_fhir as _read_fhir,
    to_fhir,
)
from .referral import Referral

Resource = Union[str, Mapping[str, Any]]
"""A FHIR resource or Bundle: its JSON text, or the parsed JSON as a dict."""

Resolver = Callable[[str], Union[str, Mapping[str, Any], None]]
"""Called with a reference the received JSON does not hold; returns the resource or None."""

Codes = Union[CodeMap, str, Path, Mapping[str, Any], None]
"""A code map: a CodeMap, its JSON text, a path to a JSON file, or the parsed JSON."""


class FhirImportWarning(UserWarning):
    """A lenient FHIR import let through what a strict one refuses (see :class:`FhirWarning`)."""


def _text(resource: Resource) -> str:
    return resource if isinstance(resource, str) else _json.dumps(resource)


def _codes(codes: Codes) -> CodeMap | None:
    if codes is None or isinstance(codes, CodeMap):
        return codes
    if isinstance(codes, Path):
        return CodeMap.from_json(codes.read_text(encoding="utf-8"))
    return CodeMap.from_json(_text(codes))


def _resolver(resolve: Resolver | None) -> Callable[[str], str | None] | None:
    if resolve is None:
        return None

    def fetch(reference: str) -> str | None:
        answer = resolve(reference)
        if answer is None or isinstance(answer, str):
            return answer
        if isinstance(answer, Mapping):
            return _json.dumps(answer)
        raise TypeError(
            f"the resolver must return the resource's JSON text (str), a dict or None, got {type(answer).__name__}"
        )

    return fetch


def read_fhir(
    json: Resource,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: Codes = None,
    resolve: Resolver | None = None,
) -> FhirImport:
    """Every referral of a FHIR R4 Bundle, Task or ServiceRequest, with the warnings of a lenient import."""
    return _read_fhir(_text(json), mode=mode, codes=_codes(codes), resolve=_resolver(resolve))


def read_fhir_pair(
    task: Resource,
    service_request: Resource,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: Codes = None,
    resolve: Resolver | None = None,
) -> FhirImport:
    """The referral of a Task and its ServiceRequest given separately, with the warnings of a lenient import."""
    return _read_fhir_pair(
        _text(task), _text(service_request), mode=mode, codes=_codes(codes), resolve=_resolver(resolve)
    )


def _warn(result: FhirImport) -> list[Referral]:
    for w in result.warnings:
        _warnings.warn(FhirImportWarning(str(w)), stacklevel=3)
    return list(result.referrals)


def from_fhir_bundle(
    json: Resource,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: Codes = None,
    resolve: Resolver | None = None,
) -> list[Referral]:
    """Every referral of a FHIR R4 Bundle, in the order of their ServiceRequests.

    Raises :class:`kulkija.ParseError` naming the JSON path and the rule; in lenient mode an
    unknown code is a :class:`FhirImportWarning` instead.
    """
    return _warn(read_fhir(json, mode=mode, codes=codes, resolve=resolve))


def from_fhir(
    json: Resource,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: Codes = None,
    resolve: Resolver | None = None,
) -> Referral:
    """The one referral of a FHIR R4 Bundle (or of a Task with its resources contained or resolved)."""
    result = read_fhir(json, mode=mode, codes=codes, resolve=resolve)
    if len(result.referrals) != 1:  # the ParseError at '$' that names the count
        return _from_fhir_one(_text(json), mode=mode, codes=_codes(codes), resolve=_resolver(resolve))
    return _warn(result)[0]


def from_fhir_pair(
    task: Resource,
    service_request: Resource,
    *,
    mode: Literal["strict", "lenient"] = "strict",
    codes: Codes = None,
    resolve: Resolver | None = None,
) -> Referral:
    """The referral of a Task and its ServiceRequest given separately (e.g. fetched from a FHIR server)."""
    return _warn(read_fhir_pair(task, service_request, mode=mode, codes=codes, resolve=resolve))[0]


def default_code_map() -> CodeMap:
    """The code map shipped with kulkija (``CodeMap.default()``)."""
    return CodeMap.default()


__all__ = (
    "CodeMap",
    "FhirImport",
    "FhirImportWarning",
    "FhirWarning",
    "bundle",
    "default_code_map",
    "fhir_status",
    "from_fhir",
    "from_fhir_bundle",
    "from_fhir_pair",
    "read_fhir",
    "read_fhir_pair",
    "to_fhir",
)
