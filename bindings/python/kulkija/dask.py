"""Dask: eligibility screening beyond one machine (needs ``pip install 'kulkija[dask]'``).

kulkija grows no cluster of its own: it plugs into Dask. :func:`screen` adds the decision
columns to a Dask DataFrame partition by partition; each partition is evaluated by the same
compiled, GIL-free kernels as :meth:`kulkija.eligibility.RuleSet.evaluate_frame`, so the
threaded scheduler scales over the cores of one machine and ``distributed`` over many::

    >>> import dask.dataframe as dd
    >>> from distributed import Client, LocalCluster
    >>> from kulkija import eligibility, dask as kdask
    >>> rules = eligibility.RuleSet.from_json("wellbeing-referral.json")
    >>> with LocalCluster(n_workers=2) as cluster, Client(cluster):
    ...     ddf = dd.read_parquet("population/")
    ...     screened = kdask.screen(ddf, rules, on=datetime.date(2026, 3, 1))
    ...     screened.groupby("municipality").status.value_counts().compute()

Rule sets pickle small (their JSON) and identically, so every worker decides as the client
would. The task functions are pure: a partition that Dask retries (a worker died) gives the
same decisions.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

try:
    import dask.dataframe as _dd
except ImportError as error:  # pragma: no cover - the package is optional
    raise ImportError("kulkija.dask needs Dask: pip install 'kulkija[dask]'") from error

import numpy as _np
import pandas as _pd

from ._core import InvalidArgument
from ._errors import invalid_argument
from .eligibility import STATUS_LABELS, RuleSet, columns_from_frame

__all__ = ("decision_columns", "screen", "synthetic_population")


def decision_columns(rule_set: RuleSet, prefix: str = "") -> dict[str, Any]:
    """The columns :func:`screen` adds, as {name: dtype}: ``status`` (a categorical of
    ``eligible``, ``not_eligible``, ``undetermined``), ``status_code`` (uint8) and
    ``first_criterion`` (a categorical of the criterion ids; missing when none failed or was
    undetermined), each name preceded by ``prefix``."""
    return {
        f"{prefix}status": _pd.CategoricalDtype(list(STATUS_LABELS)),
        f"{prefix}status_code": _np.dtype(_np.uint8),
        f"{prefix}first_criterion": _pd.CategoricalDtype([c.id for c in rule_set.criteria]),
    }


def _first_bad_row(s: _pd.Series, type_name: str) -> int | None:
    """The position of the first value of ``s`` that a field of ``type_name`` cannot hold (for
    the message; the value itself is never echoed)."""
    values = s.to_numpy()
    if type_name in ("integer", "code", "code_set") and values.dtype.kind == "f":
        bad = _np.isnan(values) | (values != _np.floor(values))
        return int(_np.argmax(bad)) if bad.any() else 0
    if values.dtype == object:
        want: tuple[type, ...] = {
            "integer": (int, _np.integer),
            "number": (int, float, _np.integer, _np.floating),
            "boolean": (bool, _np.bool_),
            "date": (_dt.date, _np.datetime64),
        }.get(type_name, (object,))
        for i, v in enumerate(values):
            if v is not None and not isinstance(v, want):
                return i
        return None
    return 0 if len(values) else None


def _decide(
    part: _pd.DataFrame,
    rule_set: RuleSet,
    on: _dt.date | None,
    threads: int,
    prefix: str,
    partition_info: dict[str, Any] | None = None,
) -> _pd.DataFrame:
    """Decides one partition (a pure function of its arguments)."""
    number = partition_info.get("number") if partition_info else None
    where = f"partition {number}" if number is not None else "the partition"
    try:
        columns, masks = columns_from_frame(rule_set.schema, part, rule_set.batch_fields, on)
        status, first = rule_set.evaluate_columns(columns, masks, threads=threads)
    except InvalidArgument as error:
        field = getattr(error, "field", "") or ""
        rule = getattr(error, "rule", None) or str(error)
        located = rule if rule.startswith("row ") else None
        if located is None and field in part.columns:
            spec = rule_set.schema.fields.get(field)
            type_name = spec if isinstance(spec, str) else (spec[0] if spec else "")
            row = _first_bad_row(part[field], type_name)
            located = f"row {row}: {rule} (the column's dtype is {part[field].dtype})" if row is not None else rule
        raise invalid_argument(field, f"{where}, {located or rule}") from None
    except KeyError as error:
        raise KeyError(f"{where}: {error.args[0]}") from None
    ids = [c.id for c in rule_set.criteria]
    return part.assign(
        **{
            f"{prefix}status": _pd.Categorical.from_codes(status.view(_np.int8), categories=list(STATUS_LABELS)),
            f"{prefix}status_code": status,
            f"{prefix}first_criterion": _pd.Categorical.from_codes(first, categories=ids),
        }
    )


def screen(
    ddf: _dd.DataFrame, rule_set: RuleSet, *, on: _dt.date, threads: int = 1, prefix: str = ""
) -> _dd.DataFrame:
    """Adds the decisions of ``rule_set`` on the day ``on`` to every row of ``ddf``.

    Lazy, partition by partition: each partition goes through the compiled kernels as in
    :meth:`~kulkija.eligibility.RuleSet.evaluate_frame` (ages come from ``birth_date`` on
    ``on`` when there is no ``age`` column). The new columns are those of
    :func:`decision_columns` (named with ``prefix``, so that several rule-set versions can
    screen one frame), and the result's ``meta`` says so. ``threads`` is per partition.

    The rule set must be in force on ``on`` (checked now). A partition whose columns do not
    fit the schema fails with :class:`~kulkija.InvalidArgument` naming the field, the
    partition and the row.
    """
    if not rule_set.in_force_on(on):
        rule_set.evaluate({}, on=on)  # raises InvalidArgument naming `on` and the rule set
    meta = ddf._meta.assign(
        **{name: _pd.Series([], dtype=dtype) for name, dtype in decision_columns(rule_set, prefix).items()}
    )
    return ddf.map_partitions(_decide, rule_set, on, threads, prefix, meta=meta, enforce_metadata=False)


# ------------------------------------------------------------------ a synthetic population (tests, benchmarks, demos)

_MUNICIPALITIES = _np.array([74, 217, 236, 272, 421, 584, 849, 924, 91, 49, 179, 698], dtype=_np.int16)
_LIVING = ["alone", "with_partner", "with_family", "with_others", "institutional_care"]
_SECTORS = ["health_care", "social_services", "employment_services", "other"]


def population_partition(index: int, rows: int, seed: int) -> _pd.DataFrame:
    """Partition ``index`` of :func:`synthetic_population`: ``rows`` residents drawn from
    the seed ``(seed, index)``, the same on every machine."""
    rng = _np.random.default_rng([seed, index])
    needs = rng.integers(0, 1 << 13, rows, dtype=_np.uint64)
    needs[rng.random(rows) < 0.55] = 0
    return _pd.DataFrame(
        {
            "birth_date": (_np.datetime64("1925-01-01") + rng.integers(0, 36500, rows)).astype("datetime64[s]"),
            "municipality": _MUNICIPALITIES[rng.integers(0, _MUNICIPALITIES.size, rows)],
            "living": _pd.Categorical.from_codes(rng.integers(-1, len(_LIVING), rows).astype(_np.int8), categories=_LIVING),
            "needs": needs,
            "wellbeing": _pd.array(rng.integers(0, 11, rows).astype(_np.float32), dtype="Float32"),
            "needs_medical_care": _pd.arrays.BooleanArray(rng.random(rows) < 0.15, rng.random(rows) < 0.05),
            "own_resources_sufficient": rng.random(rows) < 0.2,
            "referrer_sector": _pd.Categorical.from_codes(rng.integers(0, len(_SECTORS), rows).astype(_np.int8), categories=_SECTORS),
            "consent_given": _pd.arrays.BooleanArray(rng.random(rows) < 0.9, rng.random(rows) < 0.05),
        }
    )


def synthetic_population(rows: int, npartitions: int, *, seed: int = 2026) -> _dd.DataFrame:
    """A Dask DataFrame of ``rows`` synthetic residents in ``npartitions`` partitions, each
    generated where it is computed (nothing is shipped from the client), with the client
    schema's columns that the wellbeing-referral rules read (``needs`` as a bit set)."""
    per = [rows // npartitions + (1 if i < rows % npartitions else 0) for i in range(npartitions)]
    meta = population_partition(0, 0, seed)
    return _dd.from_map(population_partition, range(npartitions), per, [seed] * npartitions, meta=meta,
                        enforce_metadata=False)
