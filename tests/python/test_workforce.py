"""kulkija.workforce and the workforce parts of kulkija.matching and kulkija.io: kinds of link
worker, training and supervision on exactly the right days, the coordinator's queue, and
reassignment that keeps every referral's history consistent."""

from __future__ import annotations

import datetime as dt
import pickle
import random
from pathlib import Path

import pytest

import kulkija
import kulkija.io as kio
from kulkija import matching as km
from kulkija import support, workforce

pd = pytest.importorskip("pandas")

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "data" / "sample-region"
UTC = dt.timezone.utc
D = dt.date.fromisoformat
STRICT = km.MatchingPolicy.from_json(
    '{"id": "m", "version": "1", "hard": {"training_valid": true, "supervision_current": true}}'
)


def worker(wid: str = "lw-1", kind: str = "professional", capacity: int = 5, caseload: int = 0,
           lon: float = 23.13, **kwargs: object) -> km.LinkWorker:
    return km.LinkWorker(wid, ["fi"], 272, capacity, caseload=caseload, location=km.GeoPoint(63.84, lon), kind=kind,
                         **kwargs)  # type: ignore[arg-type]


def basic(completed: str, until: str | None) -> km.TrainingRecord:
    return km.TrainingRecord("Linkkityön peruskurssi", D(completed), D(until) if until else None,
                             competences=["link_work"])


def client(cid: str = "c-1") -> km.MatchingClient:
    c = kulkija.Client(cid, 1950, 272, ["fi"], needs=["loneliness"])
    return km.MatchingClient(c, location=km.GeoPoint(63.84, 23.13))


def matched_on(policy: km.MatchingPolicy, w: km.LinkWorker, day: str) -> bool:
    return len(km.match_clients(policy, [client()], [w], D(day)).matched) == 1


# ------------------------------------------------------------------ kinds, training, supervision


def test_enums_labels_and_the_default_policy() -> None:
    assert [k.name for k in km.WorkerKind] == ["professional", "volunteer", "peer_supporter"]
    assert km.WorkerKind.volunteer.label("sv") == "utbildad frivillig"
    assert km.Competence.parse("swedish_language").label("fi") == "ruotsinkielinen työ"
    with pytest.raises(kulkija.ParseError, match="unknown competence 'juggling'"):
        km.Competence.parse("juggling")
    p = km.MatchingPolicy()
    assert p.hard["training_valid"] is False and p.hard["supervision_current"] is False
    assert p.workforce.of("professional").caseload_limit == 50
    assert p.workforce.of(km.WorkerKind.volunteer).caseload_limit == 5
    assert kulkija.MeetingMode.home_visit not in p.workforce.of("peer_supporter").meeting_modes
    assert {k.name for k in p.workforce.kinds} == {"professional", "volunteer", "peer_supporter"}
    assert p.workforce.continuity.prefer_earlier_worker and not p.workforce.continuity.require_earlier_worker
    assert km.specialism_of("older_people") == km.Specialism.older_people
    assert km.specialism_of("link_work") is None


def test_training_record_validates_and_pickles() -> None:
    r = basic("2025-09-12", "2026-10-31")
    assert not r.valid_on(D("2025-09-11")) and r.valid_on(D("2025-09-12"))
    assert r.valid_on(D("2026-10-31")) and not r.valid_on(D("2026-11-01"))
    assert r.gives("link_work") and not r.gives(km.Competence.older_people)
    assert pickle.loads(pickle.dumps(r)) == r
    with pytest.raises(kulkija.InvalidArgument, match="valid_until: must not be before completed_on") as info:
        km.TrainingRecord("K", D("2026-01-02"), D("2026-01-01"), competences=["link_work"])
    assert info.value.id == kulkija.ErrorId.invalid_date and info.value.field == "valid_until"
    with pytest.raises(kulkija.InvalidArgument, match=r"competences\[1\]: is listed twice"):
        km.TrainingRecord("K", D("2026-01-02"), competences=["link_work", "link_work"])
    with pytest.raises(ValueError, match="personal identity code"):
        km.TrainingRecord("Kurssi 131052-308T", D("2026-01-02"), competences=["link_work"])
    with pytest.raises(kulkija.InvalidArgument, match="competences: must name at least one competence"):
        km.TrainingRecord("K", D("2026-01-02"), competences=[])
    w = worker(training=[r], last_supervision=D("2026-10-01"))
    assert w.training == [r] and w.last_supervision == D("2026-10-01") and w.kind == km.WorkerKind.professional
    assert w.competences_on(D("2026-01-01")) == [km.Competence.link_work] and w.competences_on(D("2027-01-01")) == []


@pytest.mark.parametrize(("day", "matchable"), [("2026-10-30", True), ("2026-10-31", True), ("2026-11-01", False)])
def test_lapsed_training_excludes_from_the_day_after_valid_until(day: str, matchable: bool) -> None:
    w = worker(training=[basic("2025-09-12", "2026-10-31")], last_supervision=D("2026-10-20"))
    s = km.standing_of(STRICT, w, D(day))
    assert s.matchable is matchable
    assert matched_on(STRICT, w, day) is matchable
    if not matchable:
        assert s.exclusions == [km.MatchExclusion.training_not_valid]
        assert s.missing_training == [km.Competence.link_work]
        assert s.reasons[0].en == (
            "Required training 'Linkkityön peruskurssi' (basic link-worker training) lapsed on 2026-10-31.")
        assert s.reasons[0].fi.endswith("päättyi 2026-10-31.") and s.reasons[0].sv.endswith("gick ut 2026-10-31.")
        r = km.match_clients(STRICT, [client()], [w], D(day))
        assert r.excluded_workers == [s]
        assert r.unmatched[0].exclusions == [km.MatchExclusion.training_not_valid]


@pytest.mark.parametrize(("day", "matchable"), [("2026-10-12", True), ("2026-10-13", True), ("2026-10-14", False)])
def test_overdue_supervision_excludes_from_the_day_after_last_plus_interval(day: str, matchable: bool) -> None:
    w = worker(training=[basic("2025-01-01", None)], last_supervision=D("2026-09-01"))  # due by 2026-10-13
    assert km.supervision_due(STRICT.workforce, w) == D("2026-10-13")
    s = km.standing_of(STRICT, w, D(day))
    assert s.matchable is matchable
    assert matched_on(STRICT, w, day) is matchable
    if not matchable:
        assert s.exclusions == [km.MatchExclusion.supervision_overdue]
        assert s.reasons[0].en == "Supervision overdue: last on 2026-09-01, due by 2026-10-13 (every 42 days)."
        assert "Handledningen är försenad" in s.reasons[0].sv and "Työnohjaus myöhässä" in s.reasons[0].fi


def test_never_supervised_and_the_switches() -> None:
    w = worker(training=[basic("2025-01-01", None)])
    assert km.standing_of(STRICT, w, D("2026-01-01")).reasons[0].en == "No supervision recorded."
    assert km.standing_of(km.MatchingPolicy(), w, D("2026-01-01")).matchable
    interval = km.MatchingPolicy.from_json(
        '{"id": "m", "version": "1", "hard": {"supervision_current": true},'
        ' "workforce": {"kinds": {"volunteer": {"supervision_interval_days": 28}}}}')
    v = worker(kind="volunteer", last_supervision=D("2026-09-01"))
    assert matched_on(interval, v, "2026-09-29") and not matched_on(interval, v, "2026-09-30")


def test_kind_caps_capacity_and_meeting_modes() -> None:
    p = km.MatchingPolicy()
    v = worker(kind="volunteer", capacity=8, caseload=3)
    assert km.effective_capacity(p.workforce, v) == 5
    assert km.standing_of(p, v, D("2026-03-02")).free_places == 2
    r = km.match_clients(p, [client("a"), client("b"), client("c")], [v], D("2026-03-02"))
    assert len(r.matched) == 2
    v2 = worker(kind="volunteer", meeting_modes=["home_visit", "phone"])
    assert km.effective_meeting_modes(p.workforce, v2) == [kulkija.MeetingMode.phone]
    assert km.effective_meeting_modes(p.workforce, worker(meeting_modes=["home_visit"])) == [
        kulkija.MeetingMode.home_visit]


def test_policy_json_errors_name_the_path() -> None:
    cases = {
        '{"workforce": {"kinds": {"volunteer": {"caseload_limit": 5000}}}}': "$.workforce.kinds.volunteer.caseload_limit",
        '{"workforce": {"kinds": {"volunteer": {"meeting_modes": ["phone", "owl"]}}}}':
            "$.workforce.kinds.volunteer.meeting_modes[1]",
        '{"workforce": {"kinds": {"wizard": {}}}}': "$.workforce.kinds.wizard",
        '{"workforce": {"continuity": {"return_after_leave": "yes"}}}': "$.workforce.continuity.return_after_leave",
        '{"hard": {"training_valid": 3}}': "$.hard.training_valid",
    }
    for body, path in cases.items():
        text = '{"id": "m", "version": "1", ' + body[1:]
        with pytest.raises(kulkija.ParseError) as info:
            km.MatchingPolicy.from_json(text)
        assert info.value.path == path, body
    policy = km.MatchingPolicy.from_json((SAMPLE / "matching-policy.json").read_text(encoding="utf-8"))
    assert km.MatchingPolicy.from_json(policy.to_json()) == policy
    assert policy.workforce.of("volunteer").caseload_limit == 8


# ------------------------------------------------------------------ CSV and frames


def test_training_csv_and_frames() -> None:
    workers = kio.read_region_workers(SAMPLE)
    assert len(workers) == 13 and all(w.training for w in workers)
    assert {w.kind.name for w in workers} == {"professional", "volunteer", "peer_supporter"}
    text = (SAMPLE / "training.csv").read_text(encoding="utf-8")
    assert kio.training_to_csv(workers) == text
    frame = workforce.training_frame(workers)
    assert len(frame) == text.count("\n") - 1
    again = km.workers_from_frame(
        pd.read_csv(SAMPLE / "link_workers.csv", dtype={"municipality": str}),
        training=pd.read_csv(SAMPLE / "training.csv", dtype="string", keep_default_na=False))
    assert again == workers
    with pytest.raises(kulkija.ParseError, match="3:1: column 'worker': worker: no link worker 'LW-99' is known"):
        kio.training_from_csv("worker,course,completed_on,competences\nLW-01,K,2026-01-01,link_work\n"
                              "LW-99,K,2026-01-01,link_work\n", known=workers)
    rows = kio.training_from_csv("worker,course,completed_on,competences\nLW-99,K,2026-01-01,link_work\n")
    with pytest.raises(KeyError, match="LW-99"):
        kio.with_training(workers, rows)
    frame_in = pd.read_csv(SAMPLE / "link_workers.csv", dtype={"municipality": str})
    with pytest.raises(kulkija.InvalidArgument, match=r"training: names workers not in the frame: \['LW-99'\]"):
        km.workers_from_frame(frame_in, training=rows)
    standings = workforce.standings_frame(
        km.MatchingPolicy.from_json((SAMPLE / "matching-policy.json").read_text(encoding="utf-8")), workers,
        D("2026-11-20"), lang="fi")
    out = standings.set_index("worker")
    assert sorted(out.index[~out["matchable"]]) == ["LW-08", "LW-12"]
    assert "päättyi 2026-11-11" in out.loc["LW-08", "reason"]
    assert out.loc["LW-03", "own_capacity"] == 9 and out.loc["LW-03", "capacity"] == 8
    with pytest.raises(kulkija.InvalidArgument, match="lang"):
        workforce.standings_frame(km.MatchingPolicy(), workers, D("2026-11-20"), lang="de")


# ------------------------------------------------------------------ the coordinator's queue


def referral(rid: str, urgency: str = "routine", workers: tuple[str, ...] = (), state: str = "accepted",
             start: dt.datetime = dt.datetime(2026, 6, 1, 8, tzinfo=UTC)) -> kulkija.Referral:
    c = kulkija.Client(rid, 1950, 272, ["fi"], needs=["loneliness"])
    r = kulkija.Referral(rid, c, kulkija.Professional("P-1", "health_care", "Terveysasema"), ["loneliness"], urgency,
                         consent_given_at=start)
    t = [start]

    def step(kind: str, by: str, **kw: object) -> None:
        t[0] += dt.timedelta(minutes=5)
        r.apply(kind, at=t[0], by=by, **kw)  # type: ignore[arg-type]

    step("issue", "referrer")
    step("accept", "coordinator")
    for i, w in enumerate(workers):
        if i == 0:
            step("assign", "coordinator", link_worker=w)
        else:
            step("reassign", "coordinator", link_worker=w, reason="client_request")
    if state in ("in_progress", "on_hold", "completed"):
        step("first_contact", "link_worker")
    if state == "on_hold":
        step("pause", "link_worker", reason="client_ill")
    if state == "completed":
        step("complete", "link_worker", reason="goals_reached")
    assert r.state.name == state
    return r


def test_queue_order_deadlines_and_frame() -> None:
    refs = [
        referral("R-1", "routine", start=dt.datetime(2026, 6, 1, 8, tzinfo=UTC)),
        referral("R-2", "urgent", start=dt.datetime(2026, 6, 8, 8, tzinfo=UTC)),
        referral("R-3", "asap", start=dt.datetime(2026, 6, 10, 8, tzinfo=UTC)),
        referral("R-4", "urgent", start=dt.datetime(2026, 6, 2, 8, tzinfo=UTC)),
        referral("R-5", "routine", ("LW-1",), "assigned"),
    ]
    q = workforce.coordinator_queue(refs, support.Policy(), D("2026-06-16"))
    assert [e.referral for e in q] == ["R-3", "R-4", "R-2", "R-1"]
    first = q[3]  # accepted Monday 2026-06-01: ten business days later is Monday 2026-06-15
    assert first.first_contact.due == D("2026-06-15") and first.overdue and not first.due_soon
    assert first.days_waiting == 15
    assert q[0].due_soon or not q[0].overdue
    frame = workforce.queue_frame(refs, support.Policy(), D("2026-06-16"), lang="sv")
    assert list(frame["referral"]) == ["R-3", "R-4", "R-2", "R-1"] and list(frame["rank"]) == [1, 2, 3, 4]
    assert frame.loc[3, "reason"].startswith("normal; väntat 15 dagar")
    assert workforce.priority_label("asap", "fi") == "mahdollisimman pian"
    assert workforce.queue_frame([], support.Policy(), D("2026-06-16")).empty


# ------------------------------------------------------------------ reassignment


def replayed(r: kulkija.Referral) -> kulkija.Referral:
    return kulkija.Referral.replay(r.id, r.subject, r.referrer, r.needs, r.urgency, r.consent_given_at,
                                   [h.event for h in r.history])


def test_reassign_when_a_worker_leaves_and_return_after_leave() -> None:
    workers = [worker("A", caseload=3), worker("B", capacity=1), worker("C", lon=23.4)]
    refs = [referral("r1", workers=("A",), state="assigned"), referral("r2", workers=("A",), state="in_progress"),
            referral("r3", workers=("C", "A"), state="on_hold"), referral("r4", workers=("A",), state="completed")]
    policy = km.MatchingPolicy()
    plan = workforce.plan_reassignment(policy, refs, workers, "A", "worker_on_leave", D("2026-06-15"))
    assert [m.referral for m in plan.moves] == ["r1", "r2", "r3"] and plan.planned == 3
    by = {m.referral: m for m in plan.moves}
    assert by["r3"].to_worker == "C" and by["r3"].continuity  # the earlier worker
    assert sum(m.to_worker == "B" for m in plan.moves) == 1  # B has one place
    assert all(m.to_worker != "A" for m in plan.moves)
    assert by["r1"].reason.en.startswith("A: the link worker is on leave. ")
    frame = workforce.reassignment_frame(plan, lang="fi")
    assert list(frame["to_worker"]) == [m.to_worker for m in plan.moves] and frame["score"].notna().all()
    at = dt.datetime(2026, 6, 15, 8, tzinfo=UTC)
    after = workforce.apply_reassignment(plan, refs, at, "COORD-1")
    for before, r in zip(refs, after):
        assert replayed(r) == r and r.state == before.state
    assert after[3] == refs[3]
    last = after[0].history[-1].event
    assert (last.kind.name, last.by.role.name, last.by.id, last.reason.name) == (
        "reassign", "coordinator", "COORD-1", "worker_on_leave")
    assert refs[0].link_worker == "A"  # the inputs are not changed
    workers[0] = worker("A", caseload=0)  # A's clients are with B and C during the leave
    back = workforce.plan_return(policy, after, workers, "A", D("2026-08-03"))
    assert {m.referral for m in back.moves} == {"r1", "r2", "r3"} and all(m.to_worker == "A" for m in back.moves)
    returned = workforce.apply_reassignment(back, after, dt.datetime(2026, 8, 3, 8, tzinfo=UTC))
    assert [r.link_worker for r in returned[:3]] == ["A", "A", "A"]
    assert all(replayed(r) == r for r in returned)


def test_reassignment_bad_input_changes_nothing() -> None:
    workers = [worker("A", caseload=2), worker("B")]
    refs = [referral("r1", workers=("A",), state="in_progress"), referral("r2", workers=("A",), state="in_progress")]
    with pytest.raises(kulkija.InvalidArgument, match="reason: must be worker_left or worker_on_leave") as info:
        workforce.plan_reassignment(km.MatchingPolicy(), refs, workers, "A", "client_request", D("2026-06-15"))
    assert info.value.field == "reason"
    with pytest.raises(kulkija.InvalidArgument, match=r"locations: must hold one location per referral \(2\), got 1"):
        workforce.plan_reassignment(km.MatchingPolicy(), refs, workers, "A", "worker_left", D("2026-06-15"),
                                    locations=[None])
    plan = workforce.plan_reassignment(km.MatchingPolicy(), refs, workers, "A", "worker_left", D("2026-06-15"))
    moved = list(refs)
    moved[1] = kulkija.Referral.replay(refs[1].id, refs[1].subject, refs[1].referrer, refs[1].needs, refs[1].urgency,
                                       refs[1].consent_given_at, [h.event for h in refs[1].history])
    moved[1].apply("reassign", at=dt.datetime(2026, 6, 10, tzinfo=UTC), by="coordinator", link_worker="B",
                   reason="other")
    with pytest.raises(kulkija.InvalidArgument, match=r"moves\[1\]\.from: referral 'r2' now has link worker 'B'"):
        workforce.apply_reassignment(plan, moved, dt.datetime(2026, 6, 15, 8, tzinfo=UTC), "COORD-1")
    with pytest.raises(kulkija.InvalidTransition):  # before the referrals' last events
        workforce.apply_reassignment(plan, refs, dt.datetime(2026, 5, 1, tzinfo=UTC), "COORD-1")
    with pytest.raises(kulkija.NotFound, match="'r2'"):
        workforce.apply_reassignment(plan, refs[:1], dt.datetime(2026, 6, 15, 8, tzinfo=UTC))
    assert all(r.link_worker == "A" for r in refs)


def test_property_random_reassignments_keep_histories_consistent() -> None:
    rng = random.Random(7)
    for _ in range(40):
        ids = [f"W{j}" for j in range(rng.randint(2, 5))]
        refs = []
        for i in range(rng.randint(0, 10)):
            chain: list[str] = []
            for _ in range(rng.randint(1, 3)):
                w = rng.choice(ids)
                if not chain or chain[-1] != w:
                    chain.append(w)
            refs.append(referral(f"r{i}", rng.choice(["routine", "urgent", "asap"]), tuple(chain),
                                 rng.choice(["assigned", "in_progress", "on_hold", "completed"])))
        load = {w: sum(1 for r in refs if r.state.name != "completed" and r.link_worker == w) for w in ids}
        workers = [worker(w, rng.choice(["professional", "volunteer", "peer_supporter"]), rng.randint(0, 6), load[w],
                          lon=23.0 + 0.05 * j) for j, w in enumerate(ids)]
        leaving = rng.choice(ids)
        plan = workforce.plan_reassignment(km.MatchingPolicy(), refs, workers, leaving,
                                           rng.choice(["worker_left", "worker_on_leave"]), D("2026-06-15"))
        after = workforce.apply_reassignment(plan, refs, dt.datetime(2026, 6, 15, 8, tzinfo=UTC), "COORD-1")
        added: dict[str, int] = {}
        moves = {m.referral: m for m in plan.moves}
        for before, r in zip(refs, after):
            assert replayed(r) == r
            m = moves.get(r.id)
            if m is None or m.to_worker is None:
                assert r == before
            else:
                assert r.link_worker == m.to_worker != leaving
                added[m.to_worker] = added.get(m.to_worker, 0) + 1
        for w in workers:
            if w.id != leaving:
                assert added.get(w.id, 0) <= km.standing_of(km.MatchingPolicy(), w, D("2026-06-15")).free_places
