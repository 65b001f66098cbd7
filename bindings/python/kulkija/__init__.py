"""kulkija: social prescribing (wellbeing referral) in C++20, with Python bindings.

The model lives in two areas, re-exported here:

- :mod:`kulkija.core`: ids, dates, languages, municipalities and localized text;
- :mod:`kulkija.referral`: needs, clients, professionals, the lifecycle and referrals.

The other areas are submodules: :mod:`kulkija.eligibility`, :mod:`kulkija.calendar`,
:mod:`kulkija.support`, :mod:`kulkija.catalogue`, :mod:`kulkija.region` (a region's data folder
and the whole pipeline on it: :class:`Region`, :class:`RegionResult`), :mod:`kulkija.fhir`, :mod:`kulkija.io`, :mod:`kulkija.privacy`, and,
imported on demand because they use pandas and matplotlib, :mod:`kulkija.outcomes`,
:mod:`kulkija.matching`, :mod:`kulkija.workforce` (the coordinator's queue and reassignment),
:mod:`kulkija.capacity` (capacity planning) and :mod:`kulkija.plotting`.

Every error kulkija raises is a :class:`kulkija.Error` with a stable :class:`ErrorId`;
its subclasses also subclass the natural built-in exception (``ValueError``, ``KeyError``).
"""

from __future__ import annotations

from . import calendar, catalogue, core, eligibility, fhir, io, privacy, referral, region, support
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
from .region import Region, RegionResult  # noqa: F401  (kulkija.Region.load(folder))
from .referral import *  # noqa: F403

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
