"""The referral register: a durable, audited store of referrals and their history (SQLite).

>>> from kulkija.store import Register, Purpose
>>> with Register("register.db", who="K-1", purpose=Purpose.coordination) as db:  # doctest: +SKIP
...     db.import_region_folder("examples/data/sample-region")
...     s = db.summary("R-0001")
...     db.append("R-0001", "ev-1", event, s.version)   # guards first; Conflict if s.version moved on
...     db.queue(policy, datetime.date.today())

One file holds the clients, professionals, link workers, referrals, their append-only event
history, the outbox of messages back to the referrers and the audit log. Every write is one
transaction (WAL journal, ``synchronous=FULL``); every read of client data is logged with who
and why (the register's ``who`` and ``purpose``, or each call's). :class:`Conflict` means another
writer got there first (read again and retry); :class:`StorageError` names a file that is not a
register, is damaged, read-only or full, or has a newer schema. See docs/register.md.
"""

from __future__ import annotations

from ._core.store import (
    SCHEMA_VERSION,
    AppendResult,
    AuditEntry,
    Conflict,
    DueDeadline,
    OutboxMessage,
    Purpose,
    ReferralSummary,
    Register,
    SharingLevel,
    StorageError,
    StoredEvent,
)

__all__ = (
    "SCHEMA_VERSION",
    "AppendResult",
    "AuditEntry",
    "Conflict",
    "DueDeadline",
    "OutboxMessage",
    "Purpose",
    "ReferralSummary",
    "Register",
    "SharingLevel",
    "StorageError",
    "StoredEvent",
)
