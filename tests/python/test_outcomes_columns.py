"""The wellbeing functions on the core's column forms: kulkija::score_measurements and
kulkija::paired_changes, with errors naming the frame's row labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kulkija
import kulkija.outcomes as o
from kulkija._core import outcomes as core


def frame(instruments: list[str], answers: list[object], index: list[int] | None = None) -> pd.DataFrame:
    n = len(instruments)
    return pd.DataFrame(
        {
            "referral_id": [f"R-{i}" for i in range(n)],
            "instrument": instruments,
            "point": ["start"] * n,
            "day": pd.to_datetime(["2026-01-05"] * n),
            "answers": answers,
        },
        index=index,
    )


def test_parse_answers() -> None:
    assert core.parse_answers("4; 3;;+5") == [4, 3, None, 5]
    assert core.parse_answers("") == [None]
    with pytest.raises(kulkija.InvalidArgument, match=r"answers: answer 2 must be a whole number or empty, got 'x'"):
        core.parse_answers("1;x")


def test_scores_equal_the_per_row_score() -> None:
    rng = np.random.default_rng(7)
    rows = []
    for _ in range(300):
        instrument = o.builtin_instruments()[rng.integers(0, 4)]
        rows.append((instrument.id, ";".join(str(rng.integers(i.min, i.max + 1)) for i in instrument.items)))
    m = frame([r[0] for r in rows], [r[1] for r in rows], index=list(range(600, 0, -2)))
    got = o.score_measurements(m)
    expected = [
        (label, scale, score)
        for label, (instrument, answers) in sorted(zip(m.index, rows, strict=True))
        for scale, score in o.builtin_instrument(instrument).score([int(a) for a in answers.split(";")]).items()
    ]
    assert list(got["scale"]) == [e[1] for e in expected]
    np.testing.assert_array_equal(got["score"].to_numpy(), [e[2] for e in expected])
    assert str(got["scale"].dtype) == "str" and got["score"].dtype == np.float64


def test_errors_name_the_row_label_and_the_column() -> None:
    m = frame(["ucla3", "ucla3"], ["1;2;3", "1;two;3"], index=[10, 11])
    with pytest.raises(kulkija.InvalidArgument, match=r"measurements\[11\]\.answers: answer 2 must be a whole number or empty, got 'two'") as e:
        o.score_measurements(m)
    assert e.value.id == kulkija.ErrorId.invalid_measurement
    m = frame(["ucla3", "phq9"], ["1;2;3", "1;2;3"], index=[10, 11])
    with pytest.raises(kulkija.InvalidArgument, match=r"measurements\[11\]\.instrument: unknown instrument 'phq9'; known: ons4, swemwbs"):
        o.score_measurements(m)
    m = frame(["ucla3", "ucla3"], ["1;2;3", pd.NA], index=[10, 11])
    with pytest.raises(kulkija.InvalidArgument, match=r"measurements\[11\]\.answers: instrument 'ucla3' has 3 items, got 0 answers"):
        o.score_measurements(m)


def test_errors_never_echo_an_identity_code() -> None:
    for m in (frame(["131052-308T"], ["1;2;3"]), frame(["ucla3"], ["1;131052-308T;3"])):
        with pytest.raises(kulkija.InvalidArgument) as e:
            o.score_measurements(m)
        assert "131052" not in str(e.value) and "measurements[0]" in str(e.value)


def test_paired_changes_from_columns() -> None:
    got = core.paired_changes(
        o.ucla3(), "total", ["R-2", "R-1", "R-1", "R-2", "R-3"], ["start", "start", "end", "end", "follow_up"],
        [6.0, 9.0, 5.0, 6.0, 3.0], start="start", end="end",
    )
    assert got["referral_id"] == ["R-1", "R-2"]
    np.testing.assert_array_equal(got["change"], [-4.0, 0.0])
    assert got["category"] == ["improved", "unchanged"]
    m = frame(["ucla3"] * 3, ["1;2;3", "1;1;1", "2;2;2"], index=[5, 6, 7])
    m["referral_id"] = "R-1"
    m["point"] = ["start", "end", "end"]
    with pytest.raises(kulkija.InvalidArgument, match=r"measurements\[7\]: referral 'R-1' has a second 'ucla3' measurement at end \(the first is measurements\[6\]\)"):
        o.wellbeing_change(m, "ucla3")
