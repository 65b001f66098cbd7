"""Support periods: a region's support-period :class:`Policy` (versioned JSON, like rule
sets) and the :class:`SupportPeriod` of one client, with every deadline computed and
explained in Finnish, Swedish and English, the status on a day, and the warnings a service
should raise.

Defaults, as documented on :class:`Policy`: first contact within 10 business days of
acceptance, at most 12 meetings, 12 weeks, one extension of up to 6 weeks, follow-up
measurement 3 months after the end.
"""

from __future__ import annotations

from ._core.support import (
    Closure,
    ContactMode,
    Deadline,
    DeadlineKind,
    Extension,
    Length,
    LengthUnit,
    Meeting,
    MeetingOutcome,
    Pause,
    Policy,
    SupportPeriod,
    SupportStatus,
    SupportWarning,
    WarningKind,
    first_contact_due,
    support_period_of,
)

__all__ = (
    "Closure",
    "ContactMode",
    "Deadline",
    "DeadlineKind",
    "Extension",
    "Length",
    "LengthUnit",
    "Meeting",
    "MeetingOutcome",
    "Pause",
    "Policy",
    "SupportPeriod",
    "SupportStatus",
    "SupportWarning",
    "WarningKind",
    "first_contact_due",
    "support_period_of",
)
