"""kulkija's compiled core (the extension module kulkija._core)."""

import enum

from . import calendar as calendar
from . import core as core
from . import eligibility as eligibility
from . import fhir as fhir
from . import io as io
from . import privacy as privacy
from . import referral as referral
from . import support as support

__version__: str

class ErrorId(enum.IntEnum):
    """The stable numeric ids of kulkija's errors."""

    parse_syntax = 101
    parse_date = 102
    parse_timestamp = 103
    parse_csv = 104
    parse_enum = 105
    parse_unknown_name = 106
    parse_type_mismatch = 107
    parse_rule_cycle = 108
    parse_structure = 109
    parse_unsupported = 110
    invalid_value = 201
    invalid_id = 202
    invalid_language = 203
    invalid_municipality = 204
    invalid_date = 205
    personal_data = 206
    rule_set_overlap = 207
    invalid_identity_code = 208
    matching_infeasible = 209
    invalid_measurement = 210
    transition_not_allowed = 301
    transition_guard = 302
    transition_role = 303
    transition_time = 304
    transition_reason = 305
    not_found = 401
    conflict = 501
    storage_io = 601
    storage_format = 602
    storage_version = 603
    storage_full = 604

class Error(Exception):
    """Base class of every error kulkija raises."""

    id: ErrorId

class ParseError(Error, ValueError):
    """Text that does not follow its format."""

    line: int
    column: int
    path: str

class InvalidArgument(Error, ValueError):
    """A value that breaks a rule of its field."""

    field: str
    rule: str

class InvalidTransition(Error, ValueError):
    """An event that the referral lifecycle does not allow now."""

    state: str
    event: str
    guard: str

class NotFound(Error, KeyError):
    """A lookup by key that found nothing."""

    what_kind: str
