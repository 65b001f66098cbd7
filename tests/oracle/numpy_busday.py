"""Oracle for kulkija's business-day arithmetic: numpy.busday_offset and numpy.busday_count.

Run with the project's .venv python (which has numpy):

    .venv/bin/python tests/oracle/numpy_busday.py INPUT

INPUT holds the weekmask on line 1 (e.g. `1111100`), the holidays on line 2 (ISO dates,
space-separated), then one query a line: `start end n` (ISO dates and an integer). For each
query the script prints `offset count`, where offset is
`numpy.busday_offset(start, n, roll='forward')` and count is `numpy.busday_count(start, end)`,
both with the given weekmask and holidays.
"""

import sys

import numpy as np


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        weekmask = f.readline().strip()
        holidays = np.array(f.readline().split(), dtype="datetime64[D]")
        rows = [line.split() for line in f if line.strip()]
    starts = np.array([r[0] for r in rows], dtype="datetime64[D]")
    ends = np.array([r[1] for r in rows], dtype="datetime64[D]")
    n = np.array([int(r[2]) for r in rows], dtype=np.int64)
    cal = np.busdaycalendar(weekmask=weekmask, holidays=holidays)
    offsets = np.busday_offset(starts, n, roll="forward", busdaycal=cal)
    counts = np.busday_count(starts, ends, busdaycal=cal)
    out = sys.stdout
    for o, c in zip(offsets, counts):
        out.write(f"{o} {c}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
