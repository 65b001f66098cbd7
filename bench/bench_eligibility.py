"""Side-by-side benchmark: one eligibility rule on 10,000,000 rows of compact columns.

    PYTHONPATH=build-release/python .venv/bin/python bench/bench_eligibility.py [--rows N] [--repeat R]

The rule (the same in all three):

    age >= 18 and not needs_medical_care and (loneliness >= 3 or wellbeing < 5.0)
    and municipality in [20 codes]

- kulkija: ``Expression.select`` (the bool mask of the rows where the rule is true; compiled
  once, fused 256-row chunks, zero-copy, GIL released, three-valued underneath), on one
  thread and on every CPU (``threads=0``), and ``Expression.evaluate_columns`` (the truth
  codes 0/1/2, compared with 1);
- numpy: element-wise operators and ``np.isin``;
- pandas: ``DataFrame.eval`` with the python engine and with numexpr (when installed; it
  uses every CPU), and ``DataFrame.query``.

Every contender must select exactly the same rows; the script checks that and prints
rows/s and the ratios, all against kulkija on one thread. This is a benchmark, not a test:
it is not run by ctest.
"""

from __future__ import annotations

import argparse
import os
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
        return rule.select(cols)

    def run_kulkija_threads() -> np.ndarray:
        return rule.select(cols, threads=0)

    def run_kulkija_codes() -> np.ndarray:
        return rule.evaluate_columns(cols) == 1

    def run_numpy() -> np.ndarray:
        return (
            (cols["age"] >= 18)
            & ~cols["needs_medical_care"]
            & ((cols["loneliness"] >= 3) | (cols["wellbeing"] < np.float32(5.0)))
            & np.isin(cols["municipality"], codes)
        )

    pandas_rule = RULE.replace(f"[{', '.join(map(str, CODES))}]", "@codes_list")

    def pandas_eval(engine: str):  # type: ignore[no-untyped-def]
        return lambda: df.eval(pandas_rule, engine=engine, local_dict={"codes_list": CODES}).to_numpy()

    def run_pandas_query() -> np.ndarray:
        selected = np.zeros(len(df), dtype=bool)
        selected[df.index.get_indexer(df.query(pandas_rule, local_dict={"codes_list": CODES}).index)] = True
        return selected

    try:
        import numexpr

        numexpr_note = f"numexpr {numexpr.__version__} on {numexpr.nthreads} threads"
    except ImportError:
        numexpr = None
        numexpr_note = "numexpr not installed"

    contenders = [
        ("kulkija select", run_kulkija),
        ("kulkija select, all CPUs", run_kulkija_threads),
        ("kulkija evaluate_columns==1", run_kulkija_codes),
        ("numpy ops + np.isin", run_numpy),
        ("pandas df.eval (python)", pandas_eval("python")),
    ]
    if numexpr is not None:
        contenders.append(("pandas df.eval (numexpr)", pandas_eval("numexpr")))
    contenders.append(("pandas df.query", run_pandas_query))
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

    print(f"rule: {RULE}")
    print(f"rows: {args.rows:,}; selected: {int(reference.sum()):,} (identical in every contender); best of {args.repeat}")
    print(
        f"kulkija batch kernels: {el.batch_instruction_set()}; CPUs: {os.cpu_count()}; "
        f"pandas {pd.__version__} ({numexpr_note}); numpy {np.__version__}"
    )
    print(f"{'contender':28s} {'seconds':>9s} {'M rows/s':>10s} {'kulkija is':>12s}")
    ours = times["kulkija select"]
    for name, seconds in times.items():
        ratio = "" if name.startswith("kulkija") else f"{seconds / ours:10.1f}x"
        print(f"{name:28s} {seconds:9.4f} {args.rows / seconds / 1e6:10.1f} {ratio:>12s}")


if __name__ == "__main__":
    main()
