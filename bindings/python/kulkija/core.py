"""Ids, dates, languages, municipalities and localized text.

Dates are :class:`datetime.date` (a ``numpy.datetime64`` of unit ``D`` is accepted too).
Timestamps are always UTC: kulkija returns aware :class:`datetime.datetime` objects in UTC,
converts aware input to UTC, and reads naive input as UTC.
"""

from __future__ import annotations

from ._core.core import (
    Language,
    LocalizedText,
    Municipality,
    TextLanguage,
    age_on,
    contains_identity_code,
    format_date,
    format_timestamp,
    parse_date,
    parse_timestamp,
    quote,
    validate_free_text,
    validate_id,
)

__all__ = (
    "Language",
    "LocalizedText",
    "Municipality",
    "TextLanguage",
    "age_on",
    "contains_identity_code",
    "format_date",
    "format_timestamp",
    "parse_date",
    "parse_timestamp",
    "quote",
    "validate_free_text",
    "validate_id",
)
