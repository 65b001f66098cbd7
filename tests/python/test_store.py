"""kulkija.store.Register: the referral register from Python."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import kulkija
from kulkija import store
from kulkija.privacy import PseudonymKey
from kulkija.support import Policy

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample-region"
UTC = dt.timezone.utc


def at(minutes: int) -> dt.datetime:
    return dt.datetime(2026, 1, 5, 10, 0, tzinfo=UTC) + dt.timedelta(minutes=minutes)


def draft(rid: str = "R-1", client: str = "C-1") -> kulkija.Referral:
    c = kulkija.Client(client, 1950, 272, ["fi"])
    p = kulkija.Professional("P-1", "health_care", "Terveysasema")
    r = kulkija.Referral(rid, c, p, {"loneliness"})
    r.record_consent(dt.datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    return r


EVENTS = [
    ("issue", "referrer", {}),
    ("accept", "coordinator", {}),
    ("assign", "coordinator", {"link_worker": "LW-1"}),
    ("first_contact", "link_worker", {}),
]


def event(n: int, note: str = "") -> kulkija.LifecycleEvent:
    kind, role, extra = EVENTS[n]
    return kulkija.LifecycleEvent(kind, at(n), kulkija.Actor(role, "X-1"), note=note, **extra)


@pytest.fixture
def db(tmp_path: Path) -> store.Register:
    with store.Register(tmp_path / "r.db", who="K-1", purpose=store.Purpose.coordination) as r:
        yield r


def test_append_versions_and_retries(db: store.Register) -> None:
    assert db.schema_version == store.SCHEMA_VERSION == 3
    assert db.add_referral(draft()).status == "appended"
    for n in range(3):
        result = db.append("R-1", f"ev-{n}", event(n), n)
        assert result.status == "appended" and result.version == n + 1
    again = db.append("R-1", "ev-2", event(2), 2)
    assert again.status == "duplicate" and again.version == 3
    with pytest.raises(store.Conflict) as e:
        db.append("R-1", "ev-x", event(3), 2)
    assert e.value.id is kulkija.ErrorId.conflict
    assert "expected version 2, found 3" in str(e.value)
    with pytest.raises(kulkija.InvalidTransition):
        db.append("R-1", "ev-y", event(1), 3)
    assert db.summary("R-1").version == 3
    r = db.get("R-1")
    assert r.state == kulkija.ReferralState.assigned and len(r.history) == 3
    assert [e.id for e in db.events("R-1")] == ["ev-0", "ev-1", "ev-2"]


def test_queries_and_audit(db: store.Register) -> None:
    for i in range(4):
        db.add_referral(draft(f"R-{i}", f"C-{i}"))
        for n in range(2 + i % 3):
            db.append(f"R-{i}", f"R-{i}-{n}", event(n), n)
    accepted = db.by_state("accepted")
    assert {s.id for s in accepted} == {"R-0", "R-3"}
    queue = db.queue(Policy(), dt.date(2026, 1, 12))
    assert [q.referral for q in queue] == ["R-0", "R-3"]
    assert {d.referral.id for d in db.deadlines_due(Policy(), dt.date(2026, 1, 12), 10)} == {"R-0", "R-1", "R-3"}
    assert [s.id for s in db.caseload("LW-1")] == ["R-1", "R-2"]
    assert [s.id for s in db.client_referrals("C-2")] == ["R-2"]
    db.get_client("C-2", who="LW-1", purpose="care")
    last = db.audit_log()[-1]
    assert (last.who, last.purpose, last.action, last.subject) == ("LW-1", store.Purpose.care, "read_client", "C-2")
    assert sum(db.state_counts().values()) == 4


def test_outbox_at_least_once(db: store.Register) -> None:
    db.add_referral(draft(), sharing="codes_and_text")
    for n in range(3):
        db.append("R-1", f"ev-{n}", event(n, note="viesti"), n)
    pending = db.pending_messages()
    assert [m.kind for m in pending] == [kulkija.ReferralEvent.accept, kulkija.ReferralEvent.assign]
    assert json.loads(pending[0].payload)["note"][0]["text"] == "viesti"
    seen: list[int] = []

    def flaky(message: store.OutboxMessage) -> bool:
        seen.append(message.seq)
        return len(seen) != 2

    assert db.drain_outbox(flaky) == {
        "delivered": 1,
        "failed": 1,
        "pending": 1,
        "error": "the receiver did not acknowledge the message",
    }
    assert db.drain_outbox(lambda m: seen.append(m.seq) or True)["pending"] == 0
    assert seen == [pending[0].seq, pending[1].seq, pending[1].seq]


def test_a_failed_delivery_says_why(db: store.Register) -> None:
    db.add_referral(draft())
    db.append("R-1", "ev-0", event(0), 0)
    db.append("R-1", "ev-1", event(1), 1)

    def down(message: store.OutboxMessage) -> bool:
        raise ConnectionError(f"referrer's endpoint refused {message.referral}")

    result = db.drain_outbox(down)
    assert result["failed"] == 1 and result["delivered"] == 0
    assert "ConnectionError" in result["error"] and "refused R-1" in result["error"]
    (stuck,) = db.pending_messages()
    assert stuck.last_error == result["error"] and stuck.attempts == 1
    assert stuck.last_attempt_at is not None and stuck.last_attempt_at.tzinfo is not None


def test_an_older_register_is_migrated_only_when_asked(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    old.write_bytes((ROOT / "tests" / "data" / "register-v1.db").read_bytes())
    with pytest.raises(store.StorageError, match="schema version 1 is older than this library's 3") as e:
        store.Register(old)
    assert e.value.id is kulkija.ErrorId.storage_version
    assert old.read_bytes() == (ROOT / "tests" / "data" / "register-v1.db").read_bytes()
    with store.Register(old, migrate=True) as db:
        assert db.schema_version == 3 and db.migrated_from == 1
        assert len(db.referrals()) == 11
        assert [m.last_error for m in db.pending_messages()] == [None]


def test_subject_rights(db: store.Register, tmp_path: Path) -> None:
    db.add_referral(draft())
    for n in range(4):
        db.append("R-1", f"ev-{n}", event(n), n)
    subject = db.export_subject("C-1", purpose="subject_access")
    assert subject["client"].id == "C-1" and len(subject["events"]) == 4
    with pytest.raises(kulkija.InvalidArgument, match="still open"):
        db.erase_subject("C-1")
    db.append("R-1", "ev-done", kulkija.LifecycleEvent("complete", at(10), kulkija.Actor("link_worker", "LW-1")), 4)
    assert db.erase_subject("C-1", "pseudonymise") == {"clients": 1, "referrals": 1, "events": 5}
    assert db.get("R-1").subject.id.startswith("anon-")
    key = PseudonymKey.from_hex("c" * 64)
    db.export_analytic_copy(tmp_path / "copy.db", key)
    with store.Register(tmp_path / "copy.db") as copy:
        assert copy.referrals()[0].subject.id.startswith("A-")


def test_identity_codes_need_a_key(tmp_path: Path) -> None:
    with store.Register(tmp_path / "r.db", key=PseudonymKey.from_hex("a" * 64)) as db:
        db.add_referral(draft())
        db.set_identity_code("C-1", "131052-308T")
        assert db.find_by_identity_code("131052-308T") == "C-1"
    assert b"131052" not in (tmp_path / "r.db").read_bytes()


def test_region_and_fhir_round_trip(tmp_path: Path) -> None:
    with store.Register(tmp_path / "r.db") as db:
        added = db.import_region_folder(SAMPLE)
        assert added == len(kulkija.Region.load(SAMPLE).referrals)
        db.export_region_folder(tmp_path / "out")
        bundle = db.export_fhir_bundle()
    with store.Register(tmp_path / "r2.db") as db2:
        assert db2.import_fhir_bundle(bundle) == added
        assert db2.export_fhir_bundle() == bundle


def test_what_a_sender_kept_and_the_workers_training_stay(tmp_path: Path) -> None:
    from kulkija import fhir
    import kulkija.io as kio

    sent = (ROOT / "tests" / "fhir" / "senders" / "closed-loop.json").read_text(encoding="utf-8")
    received = fhir.from_fhir_bundle(sent)[0]
    assert received.kept
    with store.Register(tmp_path / "r.db") as db:
        assert db.import_fhir_bundle(sent) == 1
        assert db.import_fhir_bundle(sent) == 0  # a duplicate, not a conflict
        assert db.get(received.id).kept == received.kept
        assert fhir.from_fhir_bundle(db.export_fhir_bundle())[0].kept == received.kept
        db.import_region_folder(SAMPLE)
        assert db.link_workers() == kio.read_region_workers(SAMPLE)
        assert all(w.training for w in db.link_workers())


def test_records_are_replaced_by_put(db: store.Register) -> None:
    db.add_referral(draft())
    moved = kulkija.Professional("P-1", "health_care", "Hyvinvointikeskus", "sairaanhoitaja")
    db.put_professional(moved)
    assert db.get("R-1").referrer == moved
    with pytest.raises(store.Conflict, match="another record of the professional"):
        db.add_referral(draft("R-2"))  # still the old record of P-1
    db.put_client(kulkija.Client("C-1", 1950, 905, ["sv"]))
    assert db.get("R-1").subject == kulkija.Client("C-1", 1950, 905, ["sv"])


def test_bad_files_are_storage_errors(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("ei rekisteri " * 1000, encoding="utf-8")
    with pytest.raises(store.StorageError) as e:
        store.Register(tmp_path / "notes.txt")
    assert e.value.id is kulkija.ErrorId.storage_format
    assert e.value.file == str(tmp_path / "notes.txt")
    assert isinstance(e.value, OSError) and isinstance(e.value, kulkija.Error)
    with pytest.raises(store.StorageError, match="no such register file"):
        store.Register(tmp_path / "missing.db", create=False)
    db = store.Register(tmp_path / "r.db")
    db.close()
    with pytest.raises(kulkija.InvalidArgument, match="closed"):
        db.summary("R-1")


def test_hostile_text_round_trips(db: store.Register) -> None:
    hostile = "'); DROP TABLE events; -- ÅÄÖ 🧑‍🤝‍🧑 \u202e\n\t\\;"
    db.add_referral(draft())
    db.append("R-1", "ev-0", event(0, note=hostile), 0)
    assert db.get("R-1").history[0].event.note == hostile
