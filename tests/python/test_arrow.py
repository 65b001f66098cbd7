"""Arrow in: the eligibility batch APIs read the Arrow C data interface (pyarrow, polars)."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kulkija
from kulkija import eligibility as el

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")

RULES = Path(__file__).resolve().parents[2] / "examples" / "data" / "rules"
DAY = dt.date(2026, 3, 1)
LIVING = ["alone", "with_partner", "with_family", "other"]
SCHEMA = el.Schema(
    {
        "age": "integer",
        "score": "number",
        "flag": "boolean",
        "living": ("code", LIVING),
        "needs": ("code_set", ["a", "b", "c", "d", "e"]),
        "day": "date",
        "town": "integer",
    }
)
RULE_TEXTS = [
    "age >= 18 and not flag",
    "(score < 5.5 or needs has any [a, c]) and town in [0, 25, 100, 275, 500, 725, 900]",
    "living in [alone, with_partner] or day >= 2025-03-01 and needs has all [b, d]",
    "not (age between 30 and 64) and (score is missing or flag = false)",
    "town not in [50, 75] and living != other and day < 2025-09-30",
]


def random_data(n: int, seed: int) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], pa.Table]:
    """The same rows as numpy columns with masks (the oracle) and as an Arrow table with nulls,
    a dictionary-encoded code column, a list column of codes and date32."""
    rng = np.random.default_rng(seed)
    score = (rng.integers(0, 100, n) / 10).astype(np.float32)
    score_valid = rng.random(n) > 0.05
    day = (np.datetime64("2024-06-01") + rng.integers(0, 800, n)).astype("datetime64[D]")
    day_valid = rng.random(n) > 0.05
    living = rng.integers(-1, 4, n).astype(np.int8)
    needs = rng.integers(0, 32, n).astype(np.uint8)
    columns = {
        "age": rng.integers(-2, 100, n).astype(np.int16),
        "score": np.where(score_valid, score, np.float32(np.nan)).astype(np.float32),
        "flag": rng.random(n) < 0.5,
        "living": living,
        "needs": needs,
        "day": np.where(day_valid, day, np.datetime64("NaT")),
        "town": (rng.integers(0, 40, n) * 25).astype(np.int16),
    }
    masks = {"age": rng.random(n) > 0.1, "flag": rng.random(n) > 0.2, "town": rng.random(n) > 0.05}
    lists = [[c for b, c in enumerate("abcde") if int(x) >> b & 1] for x in needs]
    table = pa.table(
        {
            "age": pa.array(columns["age"], mask=~masks["age"]),
            "score": pa.array(score, mask=~score_valid),  # a null slot holds a number, not NaN
            "flag": pa.array(columns["flag"], mask=~masks["flag"]),
            "living": pa.DictionaryArray.from_arrays(pa.array(living, mask=living < 0), pa.array(LIVING)),
            "needs": pa.array(lists, type=pa.list_(pa.string())),
            "day": pa.array(day.astype("datetime64[D]"), type=pa.date32(), mask=~day_valid),
            "town": pa.array(columns["town"], mask=~masks["town"]),
            "unused": pa.array(["x"] * n),  # never read
        }
    )
    return columns, masks, table


@pytest.mark.parametrize("text", RULE_TEXTS)
def test_arrow_tables_give_the_numpy_results(text: str) -> None:
    columns, masks, table = random_data(3000, abs(hash(text)) % 1000)
    e = el.parse(text, SCHEMA)
    want = e.evaluate_columns(columns, masks)
    assert set(want.tolist()) == {0, 1, 2}
    assert np.array_equal(arrow_out(e.evaluate_columns(table)), want)
    assert np.array_equal(arrow_out(e.select(table)), want == 1)
    assert pa.array(e.select(table)).type == pa.bool_() and pa.array(e.evaluate_columns(table)).type == pa.uint8()
    assert np.array_equal(e.evaluate_columns(table, to_numpy=True), want)  # numpy on request
    assert np.array_equal(e.select(table, to_numpy=True), want == 1)
    # a record batch (__arrow_c_array__), a reader of several batches, a slice (offsets), polars
    batch = table.to_batches()[0]
    assert np.array_equal(arrow_out(e.evaluate_columns(batch)), want)
    small = table.to_batches(max_chunksize=700)
    reader = pa.RecordBatchReader.from_batches(table.schema, small)
    assert np.array_equal(arrow_out(e.evaluate_columns(reader)), want)
    assert np.array_equal(arrow_out(e.evaluate_columns(table.slice(1001, 1500))), want[1001:2501])
    assert np.array_equal(arrow_out(e.evaluate_columns(pl.from_arrow(table))), want)
    assert pl.Series(e.select(pl.from_arrow(table))).to_list() == (want == 1).tolist()  # polars reads it back


def test_fixed_width_columns_are_read_in_place() -> None:
    # the result depends on the buffer as it is now: nothing was copied beforehand
    ages = np.array([10, 20, 30, 40], dtype=np.int16)
    table = pa.table({"age": pa.array(ages), "flag": pa.array([False] * 4)})
    e = el.parse("age >= 18 and not flag", SCHEMA)
    assert pa.array(e.select(table)).to_pylist() == [False, True, True, True]
    assert len(pa.array(e.select(pa.table({"age": pa.array([], pa.int16()), "flag": pa.array([], pa.bool_())})))) == 0
    assert len(pa.array(e.evaluate_columns(pa.table({"age": pa.array([], pa.int16()), "flag": pa.array([], pa.bool_())})))) == 0


def test_polars_strings_and_categoricals_are_codes() -> None:
    e = el.parse("living in [alone, with_partner] and needs has any [b]", SCHEMA)
    frame = pl.DataFrame(
        {
            "living": ["alone", None, "other", "with_partner", "alone"],
            "needs": [["b"], ["b"], ["b", "c"], None, []],
        }
    )
    want = [1, 2, 0, 2, 0]
    assert arrow_out(e.evaluate_columns(frame)).tolist() == want
    assert arrow_out(e.evaluate_columns(frame.with_columns(pl.col("living").cast(pl.Categorical)))).tolist() == want
    assert arrow_out(e.evaluate_columns(frame.with_columns(pl.col("living").cast(pl.Enum(LIVING))))).tolist() == want
    # long strings (string views that point into a data buffer) as well as inline ones
    long_schema = el.Schema({"living": ("code", ["a_code_longer_than_twelve_bytes", "short"])})
    long = el.parse("living = a_code_longer_than_twelve_bytes", long_schema)
    assert arrow_out(long.evaluate_columns(pl.DataFrame({"living": ["short", "a_code_longer_than_twelve_bytes", None]}))).tolist() == [0, 1, 2]


def test_unsupported_types_and_values_name_the_column_and_format() -> None:
    e = el.parse("age >= 18 and living = alone", SCHEMA)
    living = pa.array(["alone"] * 3)
    with pytest.raises(kulkija.InvalidArgument, match=r"age: the Arrow format 'u' \(utf8 string\) cannot be read as a integer field"):
        e.evaluate_columns(pa.table({"age": pa.array(["1", "2", "3"]), "living": living}))
    with pytest.raises(kulkija.InvalidArgument, match=r"age: the Arrow format 'e' \(float16\)"):
        e.evaluate_columns(pa.table({"age": pa.array(np.ones(3, np.float16)), "living": living}))
    with pytest.raises(kulkija.InvalidArgument, match=r"age: a integer field needs an integer column, got a float64"):
        e.evaluate_columns(pa.table({"age": pa.array([1.0, 2.0, 3.0]), "living": living}))
    with pytest.raises(kulkija.InvalidArgument, match=r"living: row 2 holds a value that is not one of the codes") as info:
        e.evaluate_columns(pa.table({"age": pa.array([1, 2, 3]), "living": pa.array(["alone", None, "hut-070791-123X"])}))
    assert "070791" not in str(info.value)
    with pytest.raises(kulkija.InvalidArgument, match=r"living: no column for the field"):
        e.evaluate_columns(pa.table({"age": pa.array([1, 2, 3])}))
    with pytest.raises(kulkija.InvalidArgument, match=r"expected a table or record batch .*got format 'l'"):
        e.evaluate_columns(pa.array([1, 2, 3]))
    with pytest.raises(kulkija.InvalidArgument, match=r"masks: Arrow data carries its own validity"):
        e.evaluate_columns(pa.table({"age": pa.array([1]), "living": pa.array(["alone"])}), {"age": np.ones(1, bool)})
    with pytest.raises(TypeError, match="Arrow PyCapsule"):
        e.evaluate_columns([1, 2, 3])  # type: ignore[arg-type]
    ts = el.parse("day >= 2025-01-01", SCHEMA)
    with pytest.raises(kulkija.InvalidArgument, match=r"day: the Arrow format 'tsu:UTC' \(timestamp\)"):
        ts.evaluate_columns(pa.table({"day": pa.array([dt.datetime(2025, 1, 1)], pa.timestamp("us", "UTC"))}))
    # naive timestamps and date64 are days
    naive = pa.table({"day": pa.array([dt.datetime(2024, 12, 31, 23), dt.datetime(2025, 1, 1)], pa.timestamp("ns"))})
    assert arrow_out(ts.evaluate_columns(naive)).tolist() == [0, 1]
    assert arrow_out(ts.evaluate_columns(pa.table({"day": pa.array([dt.date(2024, 12, 31), dt.date(2025, 1, 1)], pa.date64())}))).tolist() == [0, 1]


def arrow_out(result: object) -> np.ndarray:
    """A batch API's result for Arrow input (Arrow in, Arrow out: a kulkija.io.ArrowData) as numpy."""
    assert isinstance(result, kulkija.io.ArrowData)
    return pa.array(result).to_numpy(zero_copy_only=False)


def wellbeing() -> el.RuleSet:
    return el.RuleSet.from_json(RULES / "wellbeing-referral.json")


def as_table(df: pd.DataFrame) -> object:
    """A population frame as a pyarrow table, birth dates as date32 (as Parquet holds them)."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    return table.set_column(0, "birth_date", table["birth_date"].cast(pa.date32()))


def population(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "birth_date": (np.datetime64("1930-01-01") + rng.integers(0, 30000, n)).astype("datetime64[D]"),
            "municipality": rng.choice(np.array([272, 924, 91, 49], dtype=np.int16), n),
            "living": pd.Categorical(rng.choice(["alone", "with_family", "institutional_care"], n)),
            "needs": [["loneliness"] if x else [] for x in rng.random(n) < 0.7],
            "wellbeing": pd.array(np.where(rng.random(n) < 0.2, None, rng.integers(0, 11, n)), dtype="Float32"),
            "needs_medical_care": pd.array(rng.choice([True, False, None], n), dtype="boolean"),
            "own_resources_sufficient": rng.random(n) < 0.2,
            "referrer_sector": rng.choice(["health_care", "social_services", "other"], n),
            "consent_given": pd.array(rng.choice([True, False, None], n, p=[0.8, 0.1, 0.1]), dtype="boolean"),
        }
    )


def test_evaluate_arrow_equals_evaluate_frame(tmp_path: Path) -> None:
    rs = wellbeing()
    df = population(5000, 11)
    want = rs.evaluate_frame(df, on=DAY)
    table = as_table(df)
    got = rs.evaluate_arrow(table, on=DAY)
    assert isinstance(got, pa.Table) and got.column_names == ["status", "status_code", "first_criterion"]
    assert got["status_code"].to_numpy().tolist() == want["status_code"].tolist()
    assert got["status"].to_pylist() == want["status"].astype(str).tolist()
    assert got["first_criterion"].to_pylist() == [None if pd.isna(x) else x for x in want["first_criterion"]]
    # a Parquet file streamed batch by batch, without pandas
    import pyarrow.parquet as pq

    pq.write_table(table, tmp_path / "population.parquet", row_group_size=1200)
    file = pq.ParquetFile(tmp_path / "population.parquet")
    reader = pa.RecordBatchReader.from_batches(file.schema_arrow, file.iter_batches(batch_size=1000))
    assert rs.evaluate_arrow(reader, on=DAY).equals(got)
    # evaluate_columns on Arrow data: Arrow arrays out, the first criterion null where none is named
    status, first = rs.evaluate_columns(table, on=DAY)
    assert pa.array(status).to_pylist() == got["status_code"].to_pylist()
    positions = pa.array(first)
    assert positions.type == pa.int32()
    assert positions.is_null().to_pylist() == got["first_criterion"].is_null().to_pylist()
    ids = [c.id for c in rs.criteria]
    assert [None if p is None else ids[p] for p in positions.to_pylist()] == got["first_criterion"].to_pylist()
    # polars, and evaluate_frame on Arrow data
    assert rs.evaluate_arrow(pl.from_arrow(table), on=DAY).equals(got)
    frame = rs.evaluate_frame(table, on=DAY)
    assert frame["status_code"].tolist() == want["status_code"].tolist()
    with pytest.raises(kulkija.InvalidArgument, match="on"):
        rs.evaluate_arrow(table, on=dt.date(2020, 1, 1))


def test_rule_sets_and_schemas_pickle_small_and_identically() -> None:
    rs = wellbeing()
    data = pickle.dumps(rs)
    assert len(data) < 8000
    back = pickle.loads(data)
    assert (back.id, back.version, back.valid_from, back.valid_to) == (rs.id, rs.version, rs.valid_from, rs.valid_to)
    assert [str(c.condition) for c in back.criteria] == [str(c.condition) for c in rs.criteria]
    assert [c.reason for c in back.criteria] == [c.reason for c in rs.criteria]
    assert pickle.dumps(back) == data
    df = population(2000, 3)
    assert back.evaluate_frame(df, on=DAY).equals(rs.evaluate_frame(df, on=DAY))
    assert pickle.loads(pickle.dumps(SCHEMA)) == SCHEMA
    custom = el.RuleSet.from_json(
        '{"id": "x", "version": "1", "region": "r", "valid_from": "2026-01-01", "valid_to": "2026-12-31",'
        ' "criteria": [{"id": "c", "kind": "inclusion", "expression": "age >= 18 and living = alone",'
        ' "reason": {"fi": "a", "sv": "b", "en": "c"}}]}',
        SCHEMA,
    )
    again = pickle.loads(pickle.dumps(custom))
    assert again.schema == SCHEMA and again.valid_to == dt.date(2026, 12, 31)
    assert again.evaluate({"age": 20, "living": "alone"}, on=DAY).eligible


def test_frames_with_pyarrow_dates_and_categoricals_give_the_numpy_results() -> None:
    # Parquet read into pandas gives date32[pyarrow] and category columns; both take the
    # vectorised paths of columns_from_frame, with the same decisions
    rs = wellbeing()
    df = population(3000, 9)
    want = rs.evaluate_frame(df, on=DAY)
    arrowed = df.assign(
        birth_date=df["birth_date"].astype(pd.ArrowDtype(pa.date32())),
        referrer_sector=df["referrer_sector"].astype("category"),
    )
    arrowed.loc[5, "birth_date"] = None
    got = rs.evaluate_frame(arrowed, on=DAY)
    keep = np.arange(len(df)) != 5
    assert got["status_code"].to_numpy()[keep].tolist() == want["status_code"].to_numpy()[keep].tolist()
    assert got["status_code"].iat[5] != 0  # no birth date: no age, never eligible


def _age_rules(threshold: int) -> el.RuleSet:
    return el.RuleSet.from_json(
        '{"id": "a", "version": "1", "region": "r", "valid_from": "1600-01-01", "valid_to": null,'
        f' "criteria": [{{"id": "c", "kind": "inclusion", "expression": "age >= {threshold}",'
        ' "reason": {"fi": "a", "sv": "b", "en": "c"}}]}',
        el.Schema({"age": "integer", "birth_date": "date"}),
    )


@pytest.mark.parametrize("on", [dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 12, 31)])
@pytest.mark.parametrize("span_years", [40, 400])  # a day-to-age table, and one row at a time (over 200 years)
def test_ages_from_birth_dates_turn_on_the_birthday(on: dt.date, span_years: int) -> None:
    first = dt.date(on.year - span_years, 1, 1)
    births = [first + dt.timedelta(days=k) for k in range((on - first).days + 400)]
    births = [b for b in births if b.month == on.month or b.month in (2, 3) or b.day in (1, 28)]  # birthdays near `on`

    def age(b: dt.date) -> int:
        return on.year - b.year - ((b.month, b.day) > (on.month, on.day))

    table = pa.table({"birth_date": pa.array(births, type=pa.date32())})
    for threshold in (0, 1, 18, 65):
        status, _ = _age_rules(threshold).evaluate_columns(table, on=on, to_numpy=True)
        want = [0 if age(b) >= threshold else 1 for b in births]  # eligible, not eligible
        assert status.tolist() == want, threshold


@pytest.mark.parametrize("index_type", [pa.int8(), pa.uint8(), pa.int16(), pa.uint16(), pa.int32(), pa.int64()])
def test_dictionary_indices_of_every_width_map_to_codes(index_type: object) -> None:
    values = ["with_partner", "alone", "other", "with_family"]  # not in the schema's order
    rng = np.random.default_rng(4)
    idx = rng.integers(0, len(values), 5000)
    mask = rng.random(5000) < 0.1
    living = pa.DictionaryArray.from_arrays(pa.array(idx, type=index_type, mask=mask), pa.array(values))
    got = arrow_out(el.parse("living in [alone, other]", SCHEMA).evaluate_columns(pa.table({"living": living.slice(7)})))
    want = [2 if m else (1 if values[i] in ("alone", "other") else 0) for i, m in zip(idx[7:], mask[7:])]  # unknown, true, false
    assert got.tolist() == want
    bad = pa.DictionaryArray.from_arrays(pa.array([0, 1, 0], type=index_type), pa.array(["alone", "in_a_tent"]))
    with pytest.raises(kulkija.InvalidArgument, match=r"living: row 1 holds a value that is not one of the codes"):
        el.parse("living = alone", SCHEMA).evaluate_columns(pa.table({"living": bad}))


# ------------------------------------------------------------------ bitmaps read in place


@pytest.mark.parametrize("offset", [0, 1, 3, 7, 8, 9, 255, 256, 257, 515])
def test_sliced_bitmaps_at_every_bit_offset_give_the_numpy_results(offset: int) -> None:
    # validity bitmaps and bit-packed booleans are read in place, a 256-row chunk at a time:
    # slices that start at any bit of a byte, and columns whose own offsets differ
    columns, masks, table = random_data(2000, 40 + offset)
    e = el.parse("age >= 18 and not flag or town in [0, 25, 100, 275, 500, 725, 900] and flag", SCHEMA)
    want = e.evaluate_columns(columns, masks)
    length = 1200 - offset // 3
    got = arrow_out(e.evaluate_columns(table.slice(offset, length)))
    assert np.array_equal(got, want[offset : offset + length])
    # each column sliced on its own (the table's arrays with different offsets)
    shifted = pa.table(
        {
            "age": table["age"].combine_chunks().slice(offset, length),
            "flag": pa.concat_arrays([pa.array([True] * 5), table["flag"].combine_chunks()]).slice(offset + 5, length),
            "town": table["town"].combine_chunks().slice(offset, length),
        }
    )
    assert shifted["flag"].chunk(0).offset == offset + 5
    assert np.array_equal(arrow_out(e.evaluate_columns(shifted)), want[offset : offset + length])


def test_chunks_without_a_null_and_all_null_chunks() -> None:
    n = 1000
    age = np.arange(n, dtype=np.int16) % 90
    valid = np.ones(n, dtype=bool)
    valid[300:560] = False  # one chunk wholly missing, two partly
    flag = (np.arange(n) % 3 == 0)
    flag_valid = np.arange(n) % 7 != 0
    table = pa.table({"age": pa.array(age, mask=~valid), "flag": pa.array(flag, mask=~flag_valid)})
    e = el.parse("age >= 18 and not flag", SCHEMA)
    want = e.evaluate_columns({"age": age, "flag": flag}, {"age": valid, "flag": flag_valid})
    assert np.array_equal(arrow_out(e.evaluate_columns(table)), want)
    assert np.array_equal(arrow_out(e.select(table)), want == 1)


# ------------------------------------------------------------------ Arrow out


def test_evaluate_arrow_keeps_the_input_batches_and_builds_no_copies() -> None:
    rs = wellbeing()
    df = population(3000, 5)
    table = as_table(df)
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=700))
    got = rs.evaluate_arrow(reader, on=DAY)
    assert [len(c) for c in got["status_code"].chunks] == [700, 700, 700, 700, 200]
    assert got.schema.field("status").type == pa.dictionary(pa.int8(), pa.string())
    assert got.schema.field("first_criterion").type == pa.dictionary(pa.int32(), pa.string())
    want = rs.evaluate_frame(df, on=DAY)
    assert got["status_code"].to_numpy().tolist() == want["status_code"].tolist()
    assert got["first_criterion"].to_pylist() == [None if pd.isna(x) else x for x in want["first_criterion"]]
    assert got["first_criterion"].null_count == int(want["first_criterion"].isna().sum())
    # status and status_code share one buffer
    chunk = got["status"].chunk(0)
    assert chunk.indices.buffers()[1].address == got["status_code"].chunk(0).buffers()[1].address


def test_evaluate_arrow_without_pyarrow_returns_arrow_data(monkeypatch: pytest.MonkeyPatch) -> None:
    rs = wellbeing()
    df = population(2000, 8)
    table = as_table(df)
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=600))
    with_pyarrow = rs.evaluate_arrow(table, on=DAY)
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)  # `import pyarrow` raises ImportError
    data = rs.evaluate_arrow(reader, on=DAY)
    monkeypatch.undo()
    assert isinstance(data, kulkija.io.ArrowData)
    assert (data.num_rows, data.num_batches, len(data)) == (2000, 4, 2000)
    assert data.column_names == ["status", "status_code", "first_criterion"]
    assert "2000 rows in 4 batches" in repr(data)
    # pyarrow and polars import it; a stream (every batch) and a single array (joined) alike
    assert pa.table(data).equals(with_pyarrow)
    assert pa.RecordBatchReader.from_stream(data).read_all().equals(with_pyarrow)
    assert pa.record_batch(data).num_rows == 2000
    assert pa.Table.from_batches([pa.record_batch(data)]).equals(with_pyarrow)
    assert pa.schema(data) == with_pyarrow.schema
    frame = pl.DataFrame(data)
    assert frame["status_code"].to_list() == with_pyarrow["status_code"].to_pylist()
    assert frame["first_criterion"].to_list() == with_pyarrow["first_criterion"].to_pylist()
    # numpy without pyarrow: values, and a dictionary column's indices with -1 for null
    status, first = rs.evaluate_columns(table, on=DAY, to_numpy=True)
    assert np.array_equal(data.column("status_code"), status)
    assert np.array_equal(data.column("status"), status.view(np.int8))
    assert np.array_equal(data.column("first_criterion"), first)
    with pytest.raises(KeyError):
        data.column("age")
    # the exported data outlives the result object and the input
    stream = data.__arrow_c_stream__()
    del data, reader
    assert pa.RecordBatchReader._import_from_c_capsule(stream).read_all().equals(with_pyarrow)


def test_evaluate_arrow_of_no_rows_and_of_bad_data() -> None:
    rs = wellbeing()
    empty = pa.table({"birth_date": pa.array([], pa.date32())})
    with pytest.raises(kulkija.InvalidArgument):
        rs.evaluate_arrow(pa.table({"birth_date": pa.array([dt.date(1990, 1, 1)], pa.date32())}), on=DAY)
    none = rs.evaluate_arrow(pa.RecordBatchReader.from_batches(empty.schema, []), on=DAY)
    assert none.num_rows == 0 and none.column_names == ["status", "status_code", "first_criterion"]
    with pytest.raises(TypeError, match="Arrow PyCapsule"):
        rs.evaluate_arrow({"age": np.ones(3)}, on=DAY)


@pytest.mark.parametrize("chunk", [250, 65_536])  # pulled after each batch; read ahead on a second thread
def test_a_stream_read_ahead_on_another_thread_gives_each_batch_once_in_order(chunk: int) -> None:
    """From 65,536 rows a batch, the next batch is pulled (here: from a Python generator, which
    takes the GIL) while the current one is evaluated; the decisions come out batch for batch
    either way, and a producer that fails half-way is an InvalidArgument with its message, after
    which the interpreter goes on."""
    rs = wellbeing()
    rows = 12 * chunk if chunk < 1000 else 4 * chunk + 77
    table = as_table(population(rows, 5))
    want = rs.evaluate_arrow(table, on=DAY)
    pulled: list[int] = []
    batches_in = table.to_batches(max_chunksize=chunk)

    def batches():  # type: ignore[no-untyped-def]
        for i, b in enumerate(batches_in):
            pulled.append(i)
            yield b

    got = rs.evaluate_arrow(pa.RecordBatchReader.from_batches(table.schema, batches()), on=DAY)
    assert pulled == list(range(len(batches_in)))
    assert got.equals(want)
    assert [b.num_rows for b in got.to_batches()] == [b.num_rows for b in batches_in]

    def failing():  # type: ignore[no-untyped-def]
        yield from batches_in[:3]
        raise OSError("disk went away")

    with pytest.raises(kulkija.InvalidArgument, match="the stream failed.*disk went away"):
        rs.evaluate_arrow(pa.RecordBatchReader.from_batches(table.schema, failing()), on=DAY)
    # a bad value in the second batch fails while the third is being pulled: the row is named
    sectors = table["referrer_sector"].to_pylist()
    sectors[chunk + 100] = "astrology"
    bad = table.set_column(table.column_names.index("referrer_sector"), "referrer_sector", pa.array(sectors))
    with pytest.raises(kulkija.InvalidArgument, match=f"row {chunk + 100} holds"):
        rs.evaluate_arrow(pa.RecordBatchReader.from_batches(bad.schema, bad.to_batches(max_chunksize=chunk)), on=DAY)
    assert rs.evaluate_arrow(table, on=DAY).equals(want)


# ------------------------------------------------------------------ business days and deadlines on Arrow


def test_business_days_take_arrow_and_give_arrow() -> None:
    from kulkija import support
    from kulkija.calendar import FinnishCalendar

    cal = FinnishCalendar()
    rng = np.random.default_rng(17)
    days = (np.datetime64("2025-11-01") + rng.integers(0, 120, 1000)).astype("datetime64[D]")
    nat = rng.random(1000) < 0.1
    numpy_days = np.where(nat, np.datetime64("NaT"), days)
    arrow_days = pa.array(days, type=pa.date32(), mask=nat).slice(3)  # an offset, and null bitmaps
    numpy_days = numpy_days[3:]
    want = cal.add_business_days(numpy_days, 5)
    got = cal.add_business_days(arrow_days, 5)
    assert isinstance(got, kulkija.io.ArrowData)
    assert pa.array(got).type == pa.date32()
    assert pa.array(got).to_pylist() == [None if np.isnat(d) else d.item() for d in want]
    steps = rng.integers(-3, 10, len(numpy_days))
    assert pa.array(cal.add_business_days(arrow_days, pa.array(steps))).equals(
        pa.array(cal.add_business_days(arrow_days, steps))
    )
    assert pa.array(cal.add_business_days(arrow_days, steps)).to_pylist() == [
        None if np.isnat(d) else d.item() for d in cal.add_business_days(numpy_days, steps)
    ]
    # chunked arrays, polars series, timestamps without a time zone
    chunked = pa.chunked_array([arrow_days.slice(0, 400), arrow_days.slice(400)])
    assert pa.array(cal.add_business_days(chunked, 5)).equals(pa.array(got))
    assert pa.array(cal.add_business_days(pl.Series(arrow_days), 5)).equals(pa.array(got))
    assert pa.array(cal.add_business_days(arrow_days.cast(pa.timestamp("s")), 5)).equals(pa.array(got))
    flags = pa.array(cal.is_business_day(arrow_days))
    assert flags.to_pylist() == [None if n else bool(b) for n, b in zip(np.isnat(numpy_days), cal.is_business_day(numpy_days))]
    ends = pa.array(days[3:] + 30, type=pa.date32())
    counts = pa.array(cal.business_days_between(arrow_days, ends))
    numpy_counts = cal.business_days_between(numpy_days, days[3:] + 30)
    assert counts.to_pylist() == [None if n else int(c) for n, c in zip(np.isnat(numpy_days), numpy_counts)]
    due = pa.array(support.first_contact_due(arrow_days))
    assert due.to_pylist() == [None if np.isnat(d) else d.item() for d in support.first_contact_due(numpy_days)]
    assert pl.Series(support.first_contact_due(arrow_days)).to_list() == due.to_pylist()


def test_business_days_reject_bad_arrow_input() -> None:
    from kulkija.calendar import FinnishCalendar

    cal = FinnishCalendar()
    with pytest.raises(kulkija.InvalidArgument, match=r"day: the Arrow format 'u' cannot be read as dates"):
        cal.add_business_days(pa.array(["2026-01-01"]), 1)
    with pytest.raises(kulkija.InvalidArgument, match=r"n: row 1 is null"):
        cal.add_business_days(pa.array([dt.date(2026, 1, 2)] * 2), pa.array([1, None]))
    with pytest.raises(kulkija.InvalidArgument, match=r"days\[1\]: must be within 1900-01-01 and 2200-12-31"):
        cal.add_business_days(pa.array([dt.date(2026, 1, 2), dt.date(2300, 1, 1)]), 1)
    with pytest.raises(kulkija.InvalidArgument, match=r"end: has 1 rows, start 2"):
        cal.business_days_between(pa.array([dt.date(2026, 1, 2)] * 2), pa.array([dt.date(2026, 1, 2)]))
    with pytest.raises(TypeError):
        cal.add_business_days([dt.date(2026, 1, 2)], 1)


# ------------------------------------------------------------------ dense assignment costs as Arrow


def test_assign_takes_arrow_costs() -> None:
    from kulkija import matching

    rng = np.random.default_rng(3)
    cost = rng.integers(0, 50, (40, 6)).astype(float)
    cost[rng.random(cost.shape) < 0.1] = np.nan  # forbidden pairs
    want = matching.assign(cost, 8, 1000)
    flat = pa.array(np.where(np.isnan(cost), 0, cost).ravel().astype(np.int64), mask=np.isnan(cost).ravel())
    lists = pa.FixedSizeListArray.from_arrays(flat, 6)
    for data in (
        lists,
        pa.table({"costs": lists}),
        pa.table({f"w{k}": pa.array(cost[:, k], from_pandas=True) for k in range(6)}),
        pl.from_arrow(pa.table({f"w{k}": pa.array(cost[:, k], from_pandas=True) for k in range(6)})),
    ):
        got = matching.assign(data, 8, 1000)
        assert got.total_cost == want.total_cost
        assert np.array_equal(got.worker_of, want.worker_of)
    with pytest.raises(kulkija.InvalidArgument, match=r"cost.w1: the Arrow format 'u' cannot be read as costs"):
        matching.assign(pa.table({"w0": pa.array([1, 2]), "w1": pa.array(["a", "b"])}), 1, 10)
