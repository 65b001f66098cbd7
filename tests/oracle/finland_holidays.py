"""Oracle for kulkija's Finnish calendar: Debian's python3-holidays (holidays.Finland).

Run with Debian's /usr/bin/python3 (the package is installed by scripts/setup, not into .venv):

    /usr/bin/python3 tests/oracle/finland_holidays.py FIRST_YEAR LAST_YEAR

Prints one line per holiday, `YYYY-MM-DD<TAB>name`, for every year in the range. Days on
which the oracle joins two names ("Vappu, Helatorstai") give one line per name.
"""

import sys

import holidays


def main() -> int:
    first, last = int(sys.argv[1]), int(sys.argv[2])
    print(f"# holidays {holidays.__version__}")
    for year in range(first, last + 1):
        for day, names in sorted(holidays.Finland(years=year).items()):
            for name in names.split(", "):
                print(f"{day.isoformat()}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
