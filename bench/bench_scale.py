"""Population-scale benchmark: synthetic residents in Parquet partitions, screened by the
wellbeing-referral rule set.

    PYTHONPATH=build-release/python .venv/bin/python bench/bench_scale.py [--rows N] [--partitions P]
        [--workers W] [--out DIR]

The residents are generated with a seed (kulkija.dask.population_partition) into Parquet files
under the build directory (``build/bench-scale`` by default; never committed), once per size.
Then, each over the same files:

- read: the needed columns of every file with pyarrow, and nothing else (the floor);
- stream: the same columns as the record-batch stream the next line evaluates, nothing else
  (``iter_batches`` decodes one file at a time, ``read_table`` in parallel);
- arrow: ``RuleSet.evaluate_arrow`` on a stream of the files' record batches (read + evaluate,
  no pandas): its time over the read alone is what evaluation adds;
- (a) kulkija single process: ``kulkija.dask.screen`` on ``dd.read_parquet`` with the
  synchronous scheduler;
- (b) kulkija on a ``LocalCluster`` of W worker processes (one thread each): the same graph;
- (c) Dask DataFrame boolean operations on the same cluster: the same criteria written as
  pandas column operations, two-valued (a missing value counts as false), giving the
  eligible rows only, which is less than kulkija decides (three-valued status and the first
  failing criterion of every row).

(a), (b) and (c) gather every row's result to the client (for (a) and (b) the partitions with
their decision columns: most of (b)'s time over (a) is that transfer between processes). Then
the same three reduced where they run, as a region's report would: counts by municipality and
status (kulkija), eligible counts by municipality (the boolean ops); only the counts travel.

(a) and (b) are checked to decide identically; (c) must select the rows kulkija calls
eligible among the rows without missing values. Prints rows/s and ratios. A benchmark, not a
test: ctest does not run it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
DAY = dt.date(2026, 3, 1)


def generate(out: Path, rows: int, partitions: int, seed: int) -> list[Path]:
    from kulkija.dask import population_partition

    out.mkdir(parents=True, exist_ok=True)
    stamp = out / f".rows-{rows}-partitions-{partitions}-seed-{seed}"
    files = [out / f"part-{i:03d}.parquet" for i in range(partitions)]
    if stamp.exists() and all(f.exists() for f in files):
        return files
    for f in out.glob("part-*.parquet"):
        f.unlink()
    for old in out.glob(".rows-*"):
        old.unlink()
    per = [rows // partitions + (1 if i < rows % partitions else 0) for i in range(partitions)]
    for i, (f, n) in enumerate(zip(files, per)):
        frame = population_partition(i, n, seed)
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.set_column(0, "birth_date", table["birth_date"].cast(pa.date32()))
        pq.write_table(table, f, row_group_size=256 * 1024)
    stamp.touch()
    return files


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000_000)
    parser.add_argument("--partitions", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-scale")
    args = parser.parse_args()

    import dask
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from kulkija import dask as kdask
    from kulkija import eligibility as el

    rs = el.RuleSet.from_json(ROOT / "examples" / "data" / "rules" / "wellbeing-referral.json")
    fields = [f for f in rs.batch_fields if f != "age"] + ["birth_date"]
    t, files = timed(lambda: generate(args.out, args.rows, args.partitions, args.seed))
    print(f"{args.rows:,} residents in {len(files)} Parquet files under {args.out} ({t:.1f} s to make or find)")
    print(f"batch kernels: {el.batch_instruction_set()}, {os.cpu_count()} CPUs")
    n = args.rows
    results: dict[str, float] = {}

    def read_only() -> int:
        return sum(pq.read_table(f, columns=fields).num_rows for f in files)

    def batches_of_files():  # type: ignore[no-untyped-def]
        return (b for f in files for b in pq.ParquetFile(f).iter_batches(batch_size=256 * 1024, columns=fields))

    def read_stream() -> int:
        return sum(b.num_rows for b in batches_of_files())

    def arrow_stream() -> object:
        batches = batches_of_files()
        first = next(batches)
        reader = pa.RecordBatchReader.from_batches(first.schema, itertools.chain([first], batches))
        return rs.evaluate_arrow(reader, on=DAY)

    results["read"], _ = timed(read_only)
    results["read"] = min(results["read"], timed(read_only)[0])
    results["stream"] = min(timed(read_stream)[0], timed(read_stream)[0])
    results["arrow"], arrow_out = timed(arrow_stream)
    results["arrow"] = min(results["arrow"], timed(arrow_stream)[0])

    ddf = dd.read_parquet([str(f) for f in files], columns=fields)
    screened = kdask.screen(ddf, rs, on=DAY)
    results["a"], local = timed(lambda: screened.compute(scheduler="sync"))
    assert np.array_equal(local["status_code"].to_numpy(), arrow_out["status_code"].to_numpy())  # type: ignore[index]

    munis = [74, 217, 236, 272, 421, 584, 849, 924]
    at_home = ["alone", "with_partner", "with_family", "with_others"]
    codes = el.client_schema().fields["needs"][1]
    challenges = [
        "loneliness", "social_exclusion", "mental_wellbeing", "life_transition", "bereavement", "unemployment",
        "caregiver_burden", "physical_inactivity", "financial_hardship", "long_term_condition", "digital_exclusion",
        "integration", "meaningful_activity",
    ]
    challenge_bits = np.uint64(sum(1 << codes.index(c) for c in challenges))

    def eligible_ops(part):  # type: ignore[no-untyped-def]
        born = part["birth_date"].astype("datetime64[s]")
        age = DAY.year - born.dt.year - ((born.dt.month > DAY.month) | ((born.dt.month == DAY.month) & (born.dt.day > DAY.day)))
        working = (age >= 18) & (age <= 64)
        older = (age >= 65) & part["living"].isin(at_home)
        lowered = ((part["needs"].to_numpy() & challenge_bits) != 0) | (part["wellbeing"] < 7).fillna(False)
        return (
            (age >= 18) & (working | older) & lowered & ~part["needs_medical_care"].fillna(True).astype(bool)
            & ~part["own_resources_sufficient"] & part["municipality"].isin(munis)
            & part["referrer_sector"].isin(["social_services", "health_care", "employment_services"])
            & part["consent_given"].fillna(False).astype(bool)
        )

    # The same screens reduced where they run: counts by municipality and status (kulkija) or
    # of the eligible rows by municipality (the boolean ops), as a region's report needs; only
    # the counts travel back to the client.
    # Each partition counts its rows; the client adds up the few hundred counts.
    def status_counts(part):  # type: ignore[no-untyped-def]
        return part.groupby(["municipality", "status_code"], observed=True).size()

    def eligible_counts(part):  # type: ignore[no-untyped-def]
        return part["municipality"][eligible_ops(part)].value_counts()

    def total(counts):  # type: ignore[no-untyped-def]
        return counts.groupby(level=list(range(counts.index.nlevels))).sum()

    by_status = screened.map_partitions(status_counts, meta=("size", "int64"))
    results["a_counts"], local_counts = timed(lambda: total(by_status.compute(scheduler="sync")))

    with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(lambda: __import__("kulkija.dask"))  # warm the workers' imports
        results["b"], remote = timed(lambda: client.compute(screened).result())
        assert remote["status_code"].equals(local["status_code"])
        ops = ddf.map_partitions(eligible_ops, meta=("eligible", bool))
        results["c"], selected = timed(lambda: client.compute(ops).result())
        results["b_counts"], remote_counts = timed(lambda: total(client.compute(by_status).result()))
        assert remote_counts.equals(local_counts)
        counted = ddf.map_partitions(eligible_counts, meta=("count", "int64"))
        results["c_counts"], eligible_by = timed(lambda: total(client.compute(counted).result()))
        eligible_code = int(local.loc[local["status"] == "eligible", "status_code"].iloc[0])
        ours = local_counts.xs(eligible_code, level=1)
        assert (eligible_by.reindex(ours.index, fill_value=0) <= ours).all(), "more eligible by the boolean ops"
    eligible = local["status"] == "eligible"
    assert not (selected.to_numpy() & ~eligible.to_numpy()).any(), "the boolean ops select a row kulkija does not"

    names = {
        "read": "read the needed columns (pyarrow)",
        "stream": "read the same record-batch stream, nothing else",
        "arrow": "read + RuleSet.evaluate_arrow (stream)",
        "a": "(a) kulkija.dask.screen, one process",
        "b": f"(b) kulkija.dask.screen, LocalCluster x{args.workers}",
        "c": f"(c) Dask DataFrame boolean ops, LocalCluster x{args.workers}",
        "a_counts": "(a) counts by municipality and status, one process",
        "b_counts": f"(b) the same counts, LocalCluster x{args.workers}",
        "c_counts": f"(c) eligible counts by municipality, LocalCluster x{args.workers}",
    }
    for key, label in names.items():
        print(f"{label:<52} {results[key]:8.2f} s {n / results[key] / 1e6:8.2f} M rows/s")
    print(f"evaluation adds to the read:  {100 * (results['arrow'] / results['read'] - 1):6.1f} %  (goal < 20 %; "
          f"{100 * (results['arrow'] / results['stream'] - 1):.1f} % over the same stream read alone)")
    print(f"(c) / (b), time:              {results['c'] / results['b']:6.2f} x  (goal >= 5)")
    print(f"(b) over (a), time:           {100 * (results['b'] / results['a'] - 1):6.1f} %  (goal < 30 % overhead)")
    print("counted where they run, only the counts gathered:")
    print(f"(c) / (b), time:              {results['c_counts'] / results['b_counts']:6.2f} x  (goal >= 5)")
    print(f"(b) over (a), time:           {100 * (results['b_counts'] / results['a_counts'] - 1):6.1f} %  (goal < 30 % overhead)")
    del dask


if __name__ == "__main__":
    main()
