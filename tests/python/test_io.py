"""kulkija.io: CSV files of clients, professionals and referrals, and pandas frames."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import kulkija
from kulkija import ErrorId
from kulkija import io as kio

UTC = dt.timezone.utc
IDENTITY_CODE = "131052-308T"
SAMPLE_REGION = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample-region"


def rich_client(client_id: str = "C-9") -> kulkija.Client:
    return kulkija.Client(
        client_id,
        1948,
        "005",
        ["fi", "smn"],
        birth_date=dt.date(1948, 2, 29),
        living="alone",
        needs=["loneliness"],
        goals=["a; b", "back\\slash", 'comma, "quote"'],
        preferences=kulkija.ClientPreferences(worker_gender="female", meeting_modes=["phone"], interests=["kävely"]),
    )


def test_read_the_sample_region() -> None:
    referrals = kio.read_referrals_csv(SAMPLE_REGION)
    assert len(referrals) > 0
    assert kio.read_referrals_csv(SAMPLE_REGION / "referrals.csv") == referrals
    assert all(isinstance(r, kulkija.Referral) for r in referrals)


def test_write_then_read_gives_equal_referrals(tmp_path: Path) -> None:
    referrals = kio.read_referrals_csv(SAMPLE_REGION)
    kio.write_referrals_csv(referrals, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "clients.csv", "events.csv", "professionals.csv", "referrals.csv"]
    assert kio.read_referrals_csv(tmp_path) == referrals


def test_clients_round_trip(tmp_path: Path) -> None:
    clients = [rich_client(), *kio.read_clients_csv(SAMPLE_REGION / "clients.csv")]
    assert kio.clients_from_csv(kio.clients_to_csv(clients)) == clients
    kio.write_clients_csv(clients, tmp_path / "clients.csv")
    assert kio.read_clients_csv(tmp_path / "clients.csv") == clients


def test_professionals_round_trip(tmp_path: Path) -> None:
    pros = kio.read_professionals_csv(SAMPLE_REGION / "professionals.csv")
    kio.write_professionals_csv(pros, tmp_path / "p.csv")
    assert kio.read_professionals_csv(tmp_path / "p.csv") == pros
    assert kio.professionals_from_csv(kio.professionals_to_csv(pros)) == pros


def test_errors_name_row_and_column() -> None:
    text = "client_id,birth_year,municipality,languages,living_situation,needs\nC-1,1950,999,fi,,\n"
    with pytest.raises(kulkija.ParseError) as e:
        kio.clients_from_csv(text, "clients.csv")
    assert (e.value.line, e.value.column, e.value.path) == (2, 3, "clients.csv")
    assert e.value.id == ErrorId.invalid_municipality
    with pytest.raises(kulkija.NotFound):
        kio.read_referrals_csv(SAMPLE_REGION / "nowhere")


def test_identity_codes_are_rejected_and_never_shown() -> None:
    text = f"client_id,birth_year,municipality,languages,living_situation,needs,goals\nC-1,1950,272,fi,,,{IDENTITY_CODE}\n"
    with pytest.raises(kulkija.ParseError) as e:
        kio.clients_from_csv(text)
    assert e.value.id == ErrorId.personal_data
    assert IDENTITY_CODE not in str(e.value)


def test_frames() -> None:
    pd = pytest.importorskip("pandas")
    referrals = kio.read_referrals_csv(SAMPLE_REGION)
    frame = kio.referrals_frame(referrals)
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["referral_id"]) == [r.id for r in referrals]
    assert list(frame["state"]) == [r.state.name for r in referrals]
    assert str(frame["issued_at"].dtype).startswith("datetime64")
    events = kio.events_frame(referrals)
    assert len(events) == sum(len(r.history) for r in referrals)
    assert set(events["to_state"]) <= {s.name for s in kulkija.ReferralState}
    clients = [rich_client(), *(r.subject for r in referrals)]
    cf = kio.clients_frame(clients)
    assert cf["municipality"].iloc[0] == "005"  # leading zeros kept
    assert cf["birth_date"].iloc[0] == dt.date(1948, 2, 29)
    assert kio.clients_from_frame(cf) == clients
    bad = cf.copy()
    bad.loc[1, "languages"] = "xx"
    with pytest.raises(kulkija.ParseError) as e:
        kio.clients_from_frame(bad)
    assert (e.value.line, e.value.column) == (3, 4)


def test_link_workers_csv_round_trip_and_errors() -> None:
    sample = Path(__file__).resolve().parents[2] / "examples" / "data" / "sample-region" / "link_workers.csv"
    workers = kulkija.io.read_link_workers_csv(sample)
    assert len(workers) == 13
    again = kulkija.io.link_workers_from_csv(kulkija.io.link_workers_to_csv(workers))
    assert [w.id for w in again] == [w.id for w in workers]
    with pytest.raises(kulkija.ParseError) as info:
        kulkija.io.link_workers_from_csv("worker,languages,municipality,capacity\nLW-1,fi,999,3\n", source="w.csv")
    assert (info.value.line, info.value.column, info.value.path) == (2, 3, "w.csv")
