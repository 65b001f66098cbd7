"""Side-by-side benchmark: 1,000,000 random dates + 10 business days on the Finnish calendar.

    PYTHONPATH=build-release/python .venv/bin/python bench/bench_busday.py [--dates N] [--repeat R]

- kulkija: ``FinnishCalendar.add_business_days(days, 10)`` on a ``datetime64[D]`` array
  (zero-copy view, GIL released, O(1) per date through the precomputed business-day table);
- numpy: ``numpy.busday_offset(days, 10, roll="forward", busdaycal=...)`` with a
  ``numpy.busdaycalendar`` built once from the same holiday list (``FinnishCalendar.days_off``).

Both must give the same dates; the script checks that, then prints the best of R runs as
dates/s for each and the ratio. This is a benchmark, not a test: ctest does not run it.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from kulkija.calendar import FinnishCalendar


def best_of(repeat: int, f) -> tuple[float, np.ndarray]:  # type: ignore[no-untyped-def]
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t0)
    return best, out  # type: ignore[return-value]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dates", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()

    cal = FinnishCalendar()
    rng = np.random.default_rng(2026)
    lo, hi = np.datetime64("1950-01-01", "D").astype(np.int64), np.datetime64("2150-01-01", "D").astype(np.int64)
    days = rng.integers(lo, hi, size=args.dates).astype("datetime64[D]")
    holidays = np.array(cal.days_off(FinnishCalendar.first_day, FinnishCalendar.last_day), dtype="datetime64[D]")
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=holidays)

    t_k, got = best_of(args.repeat, lambda: cal.add_business_days(days, 10))
    t_n, want = best_of(args.repeat, lambda: np.busday_offset(days, 10, roll="forward", busdaycal=busdaycal))
    if not np.array_equal(got, want):
        raise SystemExit("kulkija and numpy disagree")
    n = args.dates
    print(f"dates: {n:,}   holidays in the list: {holidays.size:,}   best of {args.repeat}")
    print(f"kulkija FinnishCalendar.add_business_days : {t_k * 1e3:8.2f} ms  {n / t_k / 1e6:8.1f} M dates/s")
    print(f"numpy busday_offset (busdaycalendar)      : {t_n * 1e3:8.2f} ms  {n / t_n / 1e6:8.1f} M dates/s")
    print(f"ratio kulkija / numpy: {t_n / t_k:.1f}x")


if __name__ == "__main__":
    main()
