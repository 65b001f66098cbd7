"""kulkija: social prescribing (wellbeing referral) in C++20, with Python bindings.

The model lives in two areas, re-exported here:

- :mod:`kulkija.core`: ids, dates, languages, municipalities and localized text;
- :mod:`kulkija.referral`: needs, clients, professionals, the lifecycle and referrals.

Every error kulkija raises is a :class:`kulkija.Error` with a stable :class:`ErrorId`;
its subclasses also subclass the natural built-in exception (``ValueError``, ``KeyError``).
"""

from __future__ import annotations

from . import core, privacy, referral
from ._core import (
    Error,
    ErrorId,
    InvalidArgument,
    InvalidTransition,
    NotFound,
    ParseError,
    __version__,
)
from .core import *  # noqa: F403
from .referral import *  # noqa: F403
from . import eligibility  # noqa: E402,F401  (kulkija.eligibility, not re-exported)
from . import calendar, support  # noqa: E402,F401  (kulkija.calendar, kulkija.support, not re-exported)
from . import fhir, io  # noqa: E402,F401  (kulkija.fhir, kulkija.io, not re-exported)

__all__ = (
    "Error",
    "ErrorId",
    "InvalidArgument",
    "InvalidTransition",
    "NotFound",
    "ParseError",
    "__version__",
    "core",
    "referral",
    *core.__all__,
    *referral.__all__,
)
