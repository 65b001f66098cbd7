"""Side-by-side benchmark: one eligibility rule on 10,000,000 rows of compact columns.

    PYTHONPATH=build-release/python .venv/bin/python bench/bench_eligibility.py [--rows N] [--repeat R]

The rule (the same in all three):

    age >= 18 and not needs_medical_care and (loneliness >= 3 or wellbeing < 5.0)
    and municipality in [20 codes]

- kulkija: ``Expression.evaluate_columns`` (compiled once, fused 256-row chunks, zero-copy,
  GIL released; three-valued, so it also computes which rows are undetermined);
- numpy: element-wise operators and ``np.isin``;
- pandas: ``DataFrame.eval`` (numexpr when installed) and ``DataFrame.query``.

Every contender must select exactly the same rows; the script checks that and prints
rows/s and the ratios. This is a benchmark, not a test: it is not run by ctest.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from kulkija import eligibility as el

CODES = [5, 10, 16, 18, 20, 46, 49, 52, 74, 91, 92, 217, 236, 272, 421, 584, 849, 924, 935, 946]
RULE = (
    "age >= 18 and not needs_medical_care and (loneliness >= 3 or wellbeing < 5.0) "
    f"and municipality in [{', '.join(map(str, CODES))}]"
)


def make_columns(rows: int, seed: int = 2026) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    pool = np.array(CODES + [int(c) for c in rng.choice(np.arange(100, 1000), 20, replace=False)], dtype=np.int16)
    return {
        "age": rng.integers(0, 100, rows, dtype=np.int16),
        "needs_medical_care": rng.random(rows, dtype=np.float32) < 0.2,
        "loneliness": rng.integers(1, 6, rows, dtype=np.int8),
        "wellbeing": (rng.random(rows, dtype=np.float32) * 10).astype(np.float32),
        "municipality": pool[rng.integers(0, pool.size, rows)],
    }


def best_of(repeat: int, fn):  # type: ignore[no-untyped-def]
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    cols = make_columns(args.rows)
    df = pd.DataFrame(cols, copy=False)
    schema = el.Schema(
        {
            "age": "integer",
            "needs_medical_care": "boolean",
            "loneliness": "integer",
            "wellbeing": "number",
            "municipality": "integer",
        }
    )
    rule = el.parse(RULE, schema)
    codes = np.array(CODES, dtype=np.int16)

    def run_kulkija() -> np.ndarray:
        return rule.evaluate_columns(cols) == 1

    def run_numpy() -> np.ndarray:
        return (
            (cols["age"] >= 18)
            & ~cols["needs_medical_care"]
            & ((cols["loneliness"] >= 3) | (cols["wellbeing"] < np.float32(5.0)))
            & np.isin(cols["municipality"], codes)
        )

    pandas_rule = RULE.replace(f"[{', '.join(map(str, CODES))}]", "@codes_list")
    codes_list = CODES  # noqa: F841  (used by df.eval through @codes_list)

    def run_pandas_eval() -> np.ndarray:
        return df.eval(pandas_rule, local_dict={"codes_list": CODES}).to_numpy()

    def run_pandas_query() -> np.ndarray:
        selected = np.zeros(len(df), dtype=bool)
        selected[df.index.get_indexer(df.query(pandas_rule, local_dict={"codes_list": CODES}).index)] = True
        return selected

    contenders = [
        ("kulkija evaluate_columns", run_kulkija),
        ("numpy ops + np.isin", run_numpy),
        ("pandas df.eval", run_pandas_eval),
        ("pandas df.query", run_pandas_query),
    ]
    times: dict[str, float] = {}
    reference = None
    for name, fn in contenders:
        seconds, selected = best_of(args.repeat, fn)
        selected = np.asarray(selected, dtype=bool)
        if reference is None:
            reference = selected
        elif not np.array_equal(selected, reference):
            raise SystemExit(f"{name} selected {int(selected.sum())} rows, kulkija {int(reference.sum())}: not the same rule")
        times[name] = seconds
    assert reference is not None

    try:
        import numexpr  # noqa: F401

        engine = "numexpr"
    except ImportError:
        engine = "python (numexpr not installed)"
    print(f"rule: {RULE}")
    print(f"rows: {args.rows:,}; selected: {int(reference.sum()):,} (identical in every contender); best of {args.repeat}")
    print(f"pandas {pd.__version__} eval engine: {engine}; numpy {np.__version__}")
    print(f"{'contender':28s} {'seconds':>9s} {'M rows/s':>10s} {'kulkija is':>12s}")
    ours = times["kulkija evaluate_columns"]
    for name, seconds in times.items():
        ratio = "" if name.startswith("kulkija") else f"{seconds / ours:10.1f}x"
        print(f"{name:28s} {seconds:9.4f} {args.rows / seconds / 1e6:10.1f} {ratio:>12s}")


if __name__ == "__main__":
    main()
