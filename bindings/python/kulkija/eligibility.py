"""Eligibility: the rule language, versioned rule sets, explained decisions and batch evaluation.

Rules are small boolean expressions over typed client fields (see the rule language guide)::

    >>> from kulkija import eligibility
    >>> e = eligibility.parse("age >= 18 and needs has any [loneliness, bereavement]")
    >>> e.evaluate({"age": 30, "needs": ["loneliness"]}).value
    <Truth.yes: 1>

A :class:`RuleSet` is read from JSON (``RuleSet.from_json(path_or_text)``) and decides with
reasons in Finnish, Swedish or English (``rule_set.evaluate(client, on=day, lang="fi")``).
Missing data is three-valued: a rule that needs a field the record lacks is *undetermined*.

For analysts, :meth:`RuleSet.evaluate_frame` and :func:`evaluate_frame` evaluate a whole
pandas DataFrame in one compiled, GIL-free pass over its columns (zero-copy where the
columns are contiguous numpy arrays) and return the decision status and the first
failing criterion of every row.

The batch APIs also take Arrow data: anything with the Arrow PyCapsule interface
(``__arrow_c_stream__`` / ``__arrow_c_array__``: pyarrow tables, record batches and readers,
polars frames) is read through the Arrow C data interface, batch by batch, without a pandas
detour: fixed-width columns, validity bitmaps (missing values) and booleans are read in place,
strings and dictionary-encoded strings become codes, lists of strings become code sets.
What comes in as Arrow goes out as Arrow: :meth:`RuleSet.evaluate_arrow` returns its decisions
as a pyarrow table when pyarrow is installed, else a :class:`kulkija.io.ArrowData` that any
Arrow consumer imports; ``Expression.evaluate_columns`` and ``select`` and
``RuleSet.evaluate_columns`` give :class:`kulkija.io.ArrowData` arrays for Arrow input (truth
codes as uint8, selections as booleans, first criteria as int32 with null where none is
named), or numpy arrays with ``to_numpy=True``.

Rule sets and schemas pickle (small: the rule set's JSON), so they travel to Dask workers
(see :mod:`kulkija.dask`).
"""

from __future__ import annotations

import datetime as _dt
import json as _json
from typing import TYPE_CHECKING, Any

import numpy as _np

from ._core.eligibility import (
    Criterion,
    CriterionKind,
    CriterionOutcome,
    CriterionResult,
    Decision,
    DecisionStatus,
    Evaluation,
    Expression,
    RuleSet,
    RuleSetCollection,
    Schema,
    Truth,
    batch_instruction_set,
    client_schema,
    parse,
)
from ._errors import invalid_argument

if TYPE_CHECKING:
    import pandas as pd

__all__ = (
    "Criterion",
    "CriterionKind",
    "CriterionOutcome",
    "CriterionResult",
    "Decision",
    "DecisionStatus",
    "Evaluation",
    "Expression",
    "RuleSet",
    "RuleSetCollection",
    "Schema",
    "Truth",
    "batch_instruction_set",
    "client_schema",
    "columns_from_frame",
    "evaluate_arrow",
    "evaluate_frame",
    "parse",
)


def _ages_on(birth: Any, on: _dt.date) -> tuple[_np.ndarray, _np.ndarray]:
    """Completed years on ``on`` of datetime64 birth dates (29 February turns a year older
    on 1 March in common years), and the validity mask (NaT is missing).

    The age of each day in the births' span is computed once and looked up per row (a
    population is born within about a century, so the table is small)."""
    days = _np.asarray(birth, dtype="datetime64[D]")
    valid = ~_np.isnat(days)
    numbers = days.view(_np.int64)
    if not valid.any():
        return _np.zeros(len(days), dtype=_np.int16), valid
    first = int(numbers[valid].min()) if not valid.all() else int(numbers.min())
    last = int(numbers[valid].max()) if not valid.all() else int(numbers.max())
    span = _np.arange(first, last + 1, dtype=_np.int64).astype("datetime64[D]")
    months = span.astype("datetime64[M]")
    birth_year = months.astype(_np.int64) // 12 + 1970
    month = months.astype(_np.int64) % 12 + 1
    day = (span - months.astype("datetime64[D]")).astype(_np.int64) + 1
    before_birthday = (month > on.month) | ((month == on.month) & (day > on.day))
    table = _np.clip(on.year - birth_year - before_birthday.astype(_np.int64), -32768, 32767).astype(_np.int16)
    ages = table[_np.where(valid, numbers - first, 0)]
    ages[~valid] = 0
    return ages, valid


def _datetimes(s: pd.Series) -> pd.Series:
    """A date or timestamp column held by pyarrow (``date32[pyarrow]``, as Parquet reads
    give) as numpy datetime64, converted in one vectorised cast rather than row by row; and a
    column of ``datetime.date`` objects (what ``pyarrow.Table.to_pandas()`` makes of dates by
    default) through pandas' converter, about 20x faster than numpy's for date objects."""
    import pandas as pd

    if s.dtype == object and pd.api.types.infer_dtype(s, skipna=True) == "date":
        return pd.Series(pd.to_datetime(s).to_numpy(), index=s.index, name=s.name)  # None becomes NaT
    if isinstance(s.dtype, pd.ArrowDtype) and s.dtype.kind == "M":
        import pyarrow as pa  # present: the column is held by it

        target = pa.date32() if pa.types.is_date(s.dtype.pyarrow_dtype) else pa.timestamp("s")
        values = pa.array(s).cast(target).to_numpy(zero_copy_only=False)  # nulls become NaT
        return pd.Series(values, index=s.index, name=s.name)
    return s


def columns_from_frame(
    schema: Schema, df: pd.DataFrame, fields: list[str], on: _dt.date | None = None
) -> tuple[dict[str, _np.ndarray], dict[str, _np.ndarray]]:
    """The numpy columns and validity masks of ``fields`` in ``df``, for ``evaluate_columns``.

    Numeric numpy-backed columns are passed without copying. Pandas nullable columns
    (``Int16``, ``boolean``, ...) give their data and the inverse of their mask; float NaN
    and ``NaT`` are missing. ``code`` fields accept categorical or string columns (mapped
    to positions in the field's codes) or integer positions; ``code_set`` fields accept
    unsigned bit-set columns or columns of iterables of codes. A value that is not one of the
    field's codes raises :class:`~kulkija.InvalidArgument` naming the field and the row
    position (missing values are fine: they make the rules that need them undetermined). When ``age`` is needed
    but absent and ``birth_date`` is present, ages are computed on ``on``.
    """
    import pandas as pd

    spec = schema.fields
    columns: dict[str, _np.ndarray] = {}
    masks: dict[str, _np.ndarray] = {}
    for name in fields:
        kind = spec[name]
        type_name, codes = (kind, None) if isinstance(kind, str) else kind
        if name not in df.columns:
            if name == "age" and "birth_date" in df.columns and on is not None:
                columns[name], masks[name] = _ages_on(_datetimes(df["birth_date"]).to_numpy(), on)
                continue
            raise KeyError(f"the frame has no column {name!r}, needed by the rules")
        s = df[name]
        dtype = s.dtype
        if type_name == "date":
            s = _datetimes(s)
            dtype = s.dtype
        if type_name == "code" and isinstance(dtype, pd.CategoricalDtype):  # map the categories once
            table = pd.Index(list(codes)).get_indexer(dtype.categories.astype(object))
            category = s.cat.codes.to_numpy()
            positions = _np.where(category >= 0, table[category], -1)
            unknown = _np.flatnonzero((positions < 0) & (category >= 0))
            if unknown.size:  # (the value itself is not echoed: a column may hold anything)
                raise invalid_argument(
                    name, f"row {int(unknown[0])} holds a value that is not one of the codes {', '.join(codes)}"
                )
            columns[name] = positions.astype(_np.int8 if len(codes) < 128 else _np.int32)
            continue
        if type_name == "code" and (dtype == object or pd.api.types.is_string_dtype(dtype)):
            positions = pd.Index(list(codes)).get_indexer(s.astype(object))  # -1: missing or unknown
            positions = positions.astype(_np.int8 if len(codes) < 128 else _np.int32)
            unknown = _np.flatnonzero((positions < 0) & s.notna().to_numpy())
            if unknown.size:  # (the value itself is not echoed: a column may hold anything)
                raise invalid_argument(
                    name, f"row {int(unknown[0])} holds a value that is not one of the codes {', '.join(codes)}"
                )
            columns[name] = _np.ascontiguousarray(positions)
            continue
        if type_name == "code_set" and (dtype == object):
            index = {c: i for i, c in enumerate(codes)}
            bits = _np.zeros(len(s), dtype=_np.uint64)
            valid = _np.ones(len(s), dtype=bool)
            for i, members in enumerate(s.to_list()):
                if members is None or (isinstance(members, float) and _np.isnan(members)):
                    valid[i] = False
                    continue
                for m in members:
                    at = index.get(getattr(m, "name", m))
                    if at is None:
                        raise invalid_argument(
                            name, f"row {i} holds a member that is not one of the codes {', '.join(codes)}"
                        )
                    bits[i] |= _np.uint64(1) << _np.uint64(at)
            columns[name], masks[name] = bits, valid
            continue
        data, mask = getattr(s.array, "_data", None), getattr(s.array, "_mask", None)
        if isinstance(data, _np.ndarray) and isinstance(mask, _np.ndarray):  # Int16, boolean, Float32, ...
            columns[name] = data
            masks[name] = ~mask
            continue
        columns[name] = s.to_numpy(copy=False)
    return columns, masks


def evaluate_frame(
    rule_set: RuleSet, df: pd.DataFrame, *, on: _dt.date | None = None, threads: int = 1
) -> pd.DataFrame:
    """Evaluates ``rule_set`` on every row of ``df`` in one compiled, GIL-free pass.

    Returns a DataFrame with the frame's index and the columns ``status`` (a categorical of
    ``eligible``, ``not_eligible``, ``undetermined``), ``status_code`` (0, 1, 2) and
    ``first_criterion`` (the id of the first failing criterion, else the first
    undetermined one, else ``None``). ``on`` is the decision day: the rule set must be in
    force then, and ages are computed on it from a ``birth_date`` column when the frame
    has no ``age`` column. ``threads`` is as in :meth:`Expression.evaluate_columns`.
    """
    import pandas as pd

    if on is not None and not rule_set.in_force_on(on):
        rule_set.evaluate({}, on=on)  # raises InvalidArgument naming `on` and the rule set
    if not isinstance(df, pd.DataFrame) and _is_arrow(df):
        status, first = rule_set.evaluate_columns(df, threads=threads, on=on, to_numpy=True)
        index: Any = pd.RangeIndex(len(status))
    else:
        columns, masks = columns_from_frame(rule_set.schema, df, rule_set.batch_fields, on)
        status, first = rule_set.evaluate_columns(columns, masks, threads=threads)
        index = df.index
    labels = ["eligible", "not_eligible", "undetermined"]
    return pd.DataFrame(
        {
            "status": pd.Categorical.from_codes(status.astype(_np.int8), categories=labels),
            "status_code": status,
            "first_criterion": _criterion_ids(rule_set, first, index),
        },
        index=index,
    )


def _criterion_ids(rule_set: RuleSet, first: _np.ndarray, index: Any) -> pd.Series:
    """The id of each row's criterion position (-1: none, a missing value), as a string column."""
    import pandas as pd

    ids = [c.id for c in rule_set.criteria]
    try:
        import pyarrow as pa
    except ImportError:  # one Python object a row
        return pd.Series(_np.array(ids + [None], dtype=object)[first], index=index)  # -1 picks the trailing None
    # A dictionary array cast to strings: the same str column, built without a Python object a row.
    named = pa.DictionaryArray.from_arrays(pa.array(first, mask=first < 0), pa.array(ids, type=pa.string()))
    return named.cast(pa.string()).to_pandas().set_axis(index)  # (not Series(..., index=): that would align)


def _is_arrow(data: Any) -> bool:
    return not isinstance(data, dict) and (hasattr(data, "__arrow_c_stream__") or hasattr(data, "__arrow_c_array__"))


STATUS_LABELS = ("eligible", "not_eligible", "undetermined")


def evaluate_arrow(rule_set: RuleSet, data: Any, *, on: _dt.date | None = None, threads: int = 1) -> Any:
    """Evaluates ``rule_set`` on every row of Arrow data, batch by batch, without pandas.

    ``data`` is anything with the Arrow PyCapsule interface: a pyarrow ``Table``,
    ``RecordBatch`` or ``RecordBatchReader`` (a Parquet file streams through
    ``pyarrow.parquet.ParquetFile(path).iter_batches()`` wrapped in a reader), a polars
    ``DataFrame``, ... Only the columns the rules read are touched: fixed-width columns,
    validity bitmaps and bit-packed booleans are read in place. ``on`` is the decision day
    (the rule set must be in force then; ages are computed on it from a ``birth_date`` column
    when there is no ``age`` column); ``threads`` is as in :meth:`Expression.evaluate_columns`.

    The result has a batch per input batch and the columns ``status`` (dictionary of
    ``eligible``, ``not_eligible``, ``undetermined``), ``status_code`` (uint8: 0, 1, 2) and
    ``first_criterion`` (dictionary of criterion ids; null when none failed or was
    undetermined), built in C++ and handed over through the Arrow C data interface without a
    copy: a pyarrow ``Table`` when pyarrow is importable, else a :class:`kulkija.io.ArrowData`
    (which ``polars.DataFrame(result)`` or any other Arrow consumer imports, and whose
    ``column(name)`` gives numpy arrays).
    """
    if on is not None and not rule_set.in_force_on(on):
        rule_set.evaluate({}, on=on)  # raises InvalidArgument naming `on` and the rule set
    out = rule_set._evaluate_arrow(data, threads=threads, on=on)  # type: ignore[attr-defined]
    try:
        import pyarrow as pa
    except ImportError:
        return out
    return pa.table(out)


# ------------------------------------------------------------------ pickling (Dask ships rule sets to workers)


def _rule_set_json(rule_set: RuleSet) -> str:
    """The rule set as the JSON that RuleSet.from_json reads (compact, deterministic)."""
    doc = {
        "id": rule_set.id,
        "version": rule_set.version,
        "region": rule_set.region,
        "valid_from": rule_set.valid_from.isoformat(),
        "valid_to": None if rule_set.valid_to is None else rule_set.valid_to.isoformat(),
        "rules": {name: e.source for name, e in sorted(rule_set.rules.items())},
        "criteria": [
            {"id": c.id, "kind": c.kind.name, "expression": c.condition.source, "reason": c.reason}
            for c in rule_set.criteria
        ],
    }
    return _json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _rule_set_from_json(text: str, fields: dict[str, Any] | None) -> RuleSet:
    return RuleSet.from_json(text, None if fields is None else Schema(fields))


def _reduce_rule_set(self: RuleSet) -> tuple[Any, tuple[str, dict[str, Any] | None]]:
    fields = None if self.schema == client_schema() else self.schema.fields
    return _rule_set_from_json, (_rule_set_json(self), fields)


def _reduce_schema(self: Schema) -> tuple[Any, tuple[dict[str, Any]]]:
    return Schema, (self.fields,)


RuleSet.evaluate_frame = evaluate_frame  # type: ignore[attr-defined]
RuleSet.evaluate_arrow = evaluate_arrow  # type: ignore[attr-defined]
RuleSet.__reduce__ = _reduce_rule_set  # type: ignore[assignment,method-assign]
Schema.__reduce__ = _reduce_schema  # type: ignore[assignment,method-assign]
