"""Needs, clients, professionals, the referral lifecycle and the wellbeing referral.

Enums are :class:`enum.Enum` classes whose member names are kulkija's stable snake_case
codes (``Need.loneliness``); wherever an enum member is expected its code as ``str`` is
accepted too, and ``Need.parse("loneliness")`` looks a member up by code. Sets of needs
come back as ``frozenset[Need]`` and may be given as any iterable of ``Need`` or codes.
Ids are plain ``str``, validated on the way in.
"""

from __future__ import annotations

from ._core.referral import (
    Actor,
    ActorRole,
    Client,
    ClientPreferences,
    Gender,
    HistoryEntry,
    LifecycleEvent,
    LivingSituation,
    MeetingMode,
    Need,
    Priority,
    Professional,
    ReasonCode,
    ReasonRule,
    Referral,
    ReferralEvent,
    ReferralState,
    Sector,
    TimeWindow,
    Transition,
    TransitionGuard,
    all_needs,
    allowed_events,
    find_transition,
    is_closed,
    is_closing,
    is_open_support,
    label,
    lifecycle_dot,
    matching_priority,
    transition_table,
    urgency_rank,
)

__all__ = (
    "Actor",
    "ActorRole",
    "Client",
    "ClientPreferences",
    "Gender",
    "HistoryEntry",
    "LifecycleEvent",
    "LivingSituation",
    "MeetingMode",
    "Need",
    "Priority",
    "Professional",
    "ReasonCode",
    "ReasonRule",
    "Referral",
    "ReferralEvent",
    "ReferralState",
    "Sector",
    "TimeWindow",
    "Transition",
    "TransitionGuard",
    "all_needs",
    "allowed_events",
    "find_transition",
    "is_closed",
    "is_closing",
    "is_open_support",
    "label",
    "lifecycle_dot",
    "matching_priority",
    "transition_table",
    "urgency_rank",
)
