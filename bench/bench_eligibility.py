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
rows/s and the ratios, all against kulkija on one thread.

Then one row per instruction set of the batch kernels (``baseline``, ``x86-64-v3``,
``x86-64-v4``; each forced with ``KULKIJA_BATCH_ISA`` in a child process of this run, on the
same seeded columns, its selection checked against numpy's): kulkija's single-thread time,
its ratios to numpy+isin and to ``df.eval`` (python engine) measured above, and its rows/s
as a share of the read yardstick: summing the same five columns with numpy (as unsigned
integers of their width, so that the sum is bound by memory reads, not arithmetic), in
this run.

Last, small batches, as a service evaluates them: one call on the first 1,000, 10,000 and
100,000 rows (zero-copy slices), kulkija ``select`` against numpy+isin and ``df.eval``, the
time a call (what a call costs beyond its rows: the rule is parsed once, as above). This is
a benchmark, not a test: it is not run by ctest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from kulkija import eligibility as el

CODES = [5, 10, 16, 18, 20, 46, 49, 52, 74, 91, 92, 217, 236, 272, 421, 584, 849, 924, 935, 946]
RULE = (
    "age >= 18 and not needs_medical_care and (loneliness >= 3 or wellbeing < 5.0) "
    f"and municipality in [{', '.join(map(str, CODES))}]"
)


PANDAS_RULE = RULE.replace(f"[{', '.join(map(str, CODES))}]", "@codes_list")  # df.eval / df.query
CODES_ARRAY = np.array(CODES, dtype=np.int16)


def numpy_rule(cols: dict[str, np.ndarray]) -> np.ndarray:
    """The rule with numpy's element-wise operators and ``np.isin``."""
    return (
        (cols["age"] >= 18)
        & ~cols["needs_medical_care"]
        & ((cols["loneliness"] >= 3) | (cols["wellbeing"] < np.float32(5.0)))
        & np.isin(cols["municipality"], CODES_ARRAY)
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


ISAS = ["baseline", "x86-64-v3", "x86-64-v4"]
SCHEMA = {
    "age": "integer",
    "needs_medical_care": "boolean",
    "loneliness": "integer",
    "wellbeing": "number",
    "municipality": "integer",
}


def digest(selected: np.ndarray) -> str:
    return hashlib.sha256(np.packbits(selected).tobytes()).hexdigest()


def read_yardstick(cols: dict[str, np.ndarray], repeat: int) -> float:
    """Seconds to sum every column once with numpy, each as unsigned integers of its width."""
    views = [c.view(f"u{c.dtype.itemsize}") for c in cols.values()]
    seconds, _ = best_of(repeat, lambda: [np.add.reduce(v, dtype=v.dtype) for v in views])
    return seconds


SMALL_BATCHES = (1_000, 10_000, 100_000)


def small_batches(cols: dict[str, np.ndarray], rule: el.Expression, repeat: int) -> list[tuple[int, float, float, float]]:
    """Seconds a call on the first `rows` rows (zero-copy slices): kulkija, numpy+isin, df.eval."""
    out = []
    for rows in SMALL_BATCHES:
        part = {name: c[:rows] for name, c in cols.items()}
        frame = pd.DataFrame(part, copy=False)
        calls = max(1, 200_000 // rows)

        def per_call(fn):  # type: ignore[no-untyped-def]
            def many():  # type: ignore[no-untyped-def]
                for _ in range(calls):
                    result = fn()
                return result

            seconds, result = best_of(repeat, many)
            return seconds / calls, np.asarray(result, dtype=bool)

        ours, selected = per_call(lambda: rule.select(part))
        numpy_s, by_numpy = per_call(lambda: numpy_rule(part))
        eval_s, by_eval = per_call(
            lambda: frame.eval(PANDAS_RULE, engine="python", local_dict={"codes_list": CODES}).to_numpy()
        )
        if not (np.array_equal(selected, by_numpy) and np.array_equal(selected, by_eval)):
            raise SystemExit(f"small batches of {rows} rows: the contenders selected other rows")
        out.append((rows, ours, numpy_s, eval_s))
    return out


def child(rows: int, repeat: int) -> None:
    """Times kulkija on one thread with the instruction set the environment forces; prints JSON."""
    cols = make_columns(rows)
    rule = el.parse(RULE, el.Schema(SCHEMA))
    seconds, selected = best_of(repeat, lambda: rule.select(cols))
    print(json.dumps({"isa": el.batch_instruction_set(), "seconds": seconds, "digest": digest(selected)}))


def per_instruction_set(rows: int, repeat: int, reference: np.ndarray) -> list[tuple[str, float | None]]:
    out: list[tuple[str, float | None]] = []
    for isa in ISAS:
        env = dict(os.environ, KULKIJA_BATCH_ISA=isa)
        run = subprocess.run(
            [sys.executable, __file__, "--child", "--rows", str(rows), "--repeat", str(repeat)],
            env=env, capture_output=True, text=True, check=True,
        )
        got = json.loads(run.stdout.strip().splitlines()[-1])
        if got["isa"] != isa:  # the CPU (or the build) has not got it
            out.append((isa, None))
            continue
        if got["digest"] != digest(reference):
            raise SystemExit(f"kulkija on {isa} selected other rows than numpy: not the same rule")
        out.append((isa, got["seconds"]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.rows, args.repeat)
        return

    cols = make_columns(args.rows)
    df = pd.DataFrame(cols, copy=False)
    rule = el.parse(RULE, el.Schema(SCHEMA))

    def run_kulkija() -> np.ndarray:
        return rule.select(cols)

    def run_kulkija_threads() -> np.ndarray:
        return rule.select(cols, threads=0)

    def run_kulkija_codes() -> np.ndarray:
        return rule.evaluate_columns(cols) == 1

    def run_numpy() -> np.ndarray:
        return numpy_rule(cols)

    def pandas_eval(engine: str):  # type: ignore[no-untyped-def]
        return lambda: df.eval(PANDAS_RULE, engine=engine, local_dict={"codes_list": CODES}).to_numpy()

    def run_pandas_query() -> np.ndarray:
        selected = np.zeros(len(df), dtype=bool)
        selected[df.index.get_indexer(df.query(PANDAS_RULE, local_dict={"codes_list": CODES}).index)] = True
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

    small = small_batches(cols, rule, args.repeat)
    yardstick = read_yardstick(cols, args.repeat)
    isa_times = per_instruction_set(args.rows, args.repeat, reference)
    load = os.getloadavg()

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

    nbytes = sum(c.nbytes for c in cols.values())
    print()
    print(
        f"read yardstick: numpy sums the {len(cols)} columns ({nbytes / 1e6:.0f} MB) in {yardstick * 1e3:.2f} ms "
        f"({nbytes / yardstick / 1e9:.1f} GB/s, {args.rows / yardstick / 1e6:.0f} M rows/s)"
    )
    print(f"load average (1, 5, 15 min) after the runs: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    numpy_s = times["numpy ops + np.isin"]
    eval_s = times["pandas df.eval (python)"]
    print(f"{'kernels (one thread)':20s} {'ms':>7s} {'M rows/s':>9s} {'x numpy':>8s} {'x eval':>7s} {'of read':>8s}")
    for isa, seconds in isa_times:
        if seconds is None:
            print(f"{isa:20s} {'(not on this CPU or build)':>42s}")
            continue
        print(
            f"{isa:20s} {seconds * 1e3:7.2f} {args.rows / seconds / 1e6:9.0f} {numpy_s / seconds:7.1f}x "
            f"{eval_s / seconds:6.1f}x {yardstick / seconds:7.0%}"
        )
    print()
    print("small batches, one call on the first rows (a service's batch; what a call costs beyond its rows):")
    print(f"{'rows':>9s} {'kulkija us':>11s} {'numpy us':>9s} {'df.eval us':>11s} {'x numpy':>8s} {'x eval':>7s}")
    for rows, ours_s, numpy_s, eval_s in small:
        print(
            f"{rows:9,d} {ours_s * 1e6:11.1f} {numpy_s * 1e6:9.1f} {eval_s * 1e6:11.1f} "
            f"{numpy_s / ours_s:7.1f}x {eval_s / ours_s:6.1f}x"
        )


if __name__ == "__main__":
    main()
