"""Where RuleSet.evaluate_arrow's time goes on a Parquet stream: the read yardsticks, the
evaluation of the same batches already in memory, and the stream end to end.

    PYTHONPATH=build-release/python .venv/bin/python bench/bench_arrow.py [--rows N] [--partitions P]
        [--repeats R] [--out DIR]

The residents are bench_scale's (seeded Parquet files under ``build/bench-arrow`` by default,
made once per size). To compare two builds in one run, call it alternately with each build's
``PYTHONPATH``. A benchmark, not a test: ctest does not run it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 3, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--partitions", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-arrow")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "bench"))
    import bench_scale

    import kulkija
    from kulkija import eligibility as el

    files = bench_scale.generate(args.out, args.rows, args.partitions, 2026)
    rs = el.RuleSet.from_json(ROOT / "examples" / "data" / "rules" / "wellbeing-referral.json")
    fields = [f for f in rs.batch_fields if f != "age"] + ["birth_date"]

    def batches():  # type: ignore[no-untyped-def]
        return (b for f in files for b in pq.ParquetFile(f).iter_batches(batch_size=256 * 1024, columns=fields))

    def reader() -> pa.RecordBatchReader:
        it = batches()
        first = next(it)
        return pa.RecordBatchReader.from_batches(first.schema, itertools.chain([first], it))

    def best(fn) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    in_memory = pa.Table.from_batches(list(batches()))
    r = {
        "read_table": best(lambda: sum(pq.read_table(f, columns=fields).num_rows for f in files)),
        "stream read alone": best(lambda: sum(b.num_rows for b in batches())),
        "evaluate_arrow, batches in memory": best(lambda: rs.evaluate_arrow(in_memory, on=DAY)),
        "stream + evaluate_arrow": best(lambda: rs.evaluate_arrow(reader(), on=DAY)),
    }
    print(f"{kulkija.__file__}: {el.batch_instruction_set()}, {args.rows:,} rows, load {os.getloadavg()}")
    for name, t in r.items():
        print(f"  {name:<36} {t:7.3f} s  {args.rows / t / 1e6:7.1f} M rows/s")
    print(f"  evaluation adds to read_table: {100 * (r['stream + evaluate_arrow'] / r['read_table'] - 1):.1f} % "
          f"(goal < 20 %), to the stream read alone: {100 * (r['stream + evaluate_arrow'] / r['stream read alone'] - 1):.1f} %")


if __name__ == "__main__":
    main()
