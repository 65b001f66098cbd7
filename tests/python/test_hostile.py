"""Hostile input through every binding: random, wrong-typed, extreme and malformed arguments
(None, NaN, huge and negative numbers, empty, misaligned and non-contiguous arrays, wrong
dtypes, identity codes, bad dates) must raise Python exceptions, never crash the interpreter.

The calls run in a child process that logs each call before making it, so that a crash is
reported with the call that caused it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import kulkija

CHILD = textwrap.dedent(
    r'''
    import datetime as dt, inspect, math, random, re, sys, warnings
    import numpy as np
    import kulkija, kulkija._core as core

    warnings.simplefilter("ignore")
    log = open(sys.argv[1], "w", buffering=1)
    rng = random.Random(int(sys.argv[2]))
    rounds = int(sys.argv[3])

    modules = [m for m in vars(core).values() if inspect.ismodule(m)]

    def samples():
        out = []
        def keep(make):
            try:
                out.append(make())
            except Exception:
                pass
        keep(lambda: kulkija.Client(id="C-1", birth_year=1950, home=272, languages=["fi", "sv"]))
        keep(lambda: kulkija.Professional(id="P-1", sector="health_care", organisation="Terveysasema"))
        keep(lambda: kulkija.Referral(id="R-1", subject=out[0], referrer=out[1], needs={"loneliness"}))
        rules = sys.argv[4]
        keep(lambda: kulkija.eligibility.RuleSet.from_json(rules + "/wellbeing-referral.json"))
        keep(lambda: kulkija.eligibility.client_schema())
        keep(lambda: kulkija.privacy.PseudonymKey(b"k" * 32))
        keep(lambda: kulkija.support.Policy.defaults())
        for m in modules:
            for name, cls in vars(m).items():
                if inspect.isclass(cls) and not issubclass(cls, BaseException):
                    keep(cls)  # default-constructible classes
        return out

    base = [
        None, True, False, 0, 1, -1, 7, 2**31, -2**31, 2**63 - 1, -2**63, 2**64, 10**30, -10**30,
        0.0, -0.0, 1.5, math.nan, math.inf, -math.inf, 1e308,
        "", "x", "fi", "272", "005", "loneliness", "131052-308T", "\x00", "ä" * 3, "x" * 100000,
        "2026-02-30", "2026-03-15", "2026-03-15T09:30:00Z", "{", "[]", '{"resourceType": "Bundle"}',
        "age >= 18 and", "((((((((((", b"", b"\xff" * 40,
        "(" * 20000 + "age >= 18" + ")" * 20000, "not " * 20000 + "consent_given",
        '{"a": ' + "[" * 100000 + "]" * 100000 + "}", '{"resourceType": 1e999}', [], [None], ["fi", 3], {}, {"a": 1}, (1, 2), set(),
        dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2026, 3, 15), dt.datetime(2026, 3, 15, 9, 30),
        dt.datetime.max, dt.datetime.min, dt.timedelta(days=-1),
        np.array([]), np.array([1.5, np.nan]), np.zeros((3, 3))[:, 0], np.zeros((2, 2, 2)),
        np.array(["x", "y"], dtype=object), np.array([1, 2], dtype=np.int8), np.array([True]),
        np.array(["2026-03-15", "NaT"], dtype="datetime64[D]"), np.arange(10, dtype=np.int64)[::3],
        np.array([2**40], dtype=np.int64), np.array(["2026-03-15"], dtype="datetime64[ns]"),
        np.frombuffer(b"\x00" * 17, dtype=np.uint8)[1:].view(np.int64) if False else np.ones(5, dtype=np.float32),
        object(), lambda: None, kulkija, core,
    ]
    pool = base + samples()

    def parameter_names(f):
        names = set()
        for line in (getattr(f, "__doc__", None) or "").splitlines():
            m = re.match(r"^(?:\d+\. )?\w+\((.*)\) ->", line)
            if m:
                names.update(re.findall(r"(?:^|, )(\w+)(?=: )", m.group(1)))
        names.discard("self")
        return sorted(names)

    def targets():
        for m in modules:
            for name, obj in sorted(vars(m).items()):
                if name.startswith("_"):
                    continue
                if inspect.isclass(obj):
                    if issubclass(obj, BaseException):
                        continue
                    yield f"{m.__name__}.{name}", obj
                    for attr, member in sorted(vars(obj).items()):
                        if attr.startswith("_") or attr in {"parse"} and False:
                            continue
                        if isinstance(member, staticmethod) or type(member).__name__ == "builtin_function_or_method":
                            yield f"{m.__name__}.{name}.{attr}", getattr(obj, attr)
                elif callable(obj):
                    yield f"{m.__name__}.{name}", obj
        for value in pool:
            cls = type(value)
            if cls.__module__.startswith("kulkija"):
                for attr in sorted(dir(value)):
                    if attr.startswith("_"):
                        continue
                    try:
                        member = getattr(value, attr)
                    except Exception:
                        continue
                    if callable(member):
                        yield f"<{cls.__name__}>.{attr}", member

    calls = 0
    all_targets = list(targets())
    for _ in range(rounds):
        for label, f in all_targets:
            names = parameter_names(f)
            args = [rng.choice(pool) for _ in range(rng.randint(0, 4))]
            kwargs = {}
            if names and rng.random() < 0.5:
                args = args[: rng.randint(0, len(args))]
                for n in rng.sample(names, rng.randint(1, len(names))):
                    kwargs[n] = rng.choice(pool)
            log.write(f"{label} args={[type(a).__name__ for a in args]} kwargs={sorted(kwargs)}\n")
            try:
                f(*args, **kwargs)
            except Exception:
                pass
            calls += 1
    # setters of properties on the sample instances
    for value in pool:
        cls = type(value)
        if not cls.__module__.startswith("kulkija"):
            continue
        for attr, member in vars(cls).items():
            if isinstance(member, property) and member.fset is not None:
                for _ in range(rounds):
                    v = rng.choice(pool)
                    log.write(f"set <{cls.__name__}>.{attr} = {type(v).__name__}\n")
                    try:
                        setattr(value, attr, v)
                    except Exception:
                        pass
                    calls += 1
    log.write(f"DONE {calls} calls over {len(all_targets)} targets\n")
    '''
)


RULES = Path(__file__).resolve().parents[2] / "examples" / "data" / "rules"


def run_child(tmp_path: Path, seed: int, rounds: int) -> str:
    script = tmp_path / "hostile_child.py"
    script.write_text(CHILD, encoding="utf-8")
    log = tmp_path / f"calls-{seed}.log"
    work = tmp_path / "cwd"  # functions that write files write here
    work.mkdir(exist_ok=True)
    env = os.environ.copy()  # the child imports the same kulkija as this process, from any cwd
    env["PYTHONPATH"] = os.pathsep.join([str(Path(kulkija.__file__).resolve().parent.parent), env.get("PYTHONPATH", "")])
    result = subprocess.run(
        [sys.executable, str(script), str(log), str(seed), str(rounds), str(RULES)],
        cwd=work, env=env, capture_output=True, text=True, timeout=600,
    )
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    assert result.returncode == 0, (
        f"the interpreter died (exit {result.returncode}) on the call:\n  {lines[-1] if lines else '?'}\n"
        f"stderr:\n{result.stderr[-3000:]}"
    )
    assert lines and lines[-1].startswith("DONE"), lines[-3:]
    return lines[-1]


def test_random_hostile_calls_never_crash(tmp_path: Path) -> None:
    summary = run_child(tmp_path, seed=20261124, rounds=40)
    calls = int(summary.split()[1])
    assert calls > 5000, summary


DEEP_JSON = {
    "deep arrays": '{"a": ' + "[" * 100000 + "1" + "]" * 100000 + "}",
    "deep objects": '{"a": ' + '{"a": ' * 100000 + "1" + "}" * 100000 + "}",
    "unclosed": '{"a": ' + "[" * 100000,
}
HOSTILE_JSON = {
    **DEEP_JSON,
    "number overflow": '{"resourceType": 1e999, "id": -1e999}',
}
INVALID_UTF8 = b'{"resourceType": "\xff\xfe", "id": "a\x80"}'


def json_readers() -> dict[str, object]:
    core = kulkija._core
    return {
        "RuleSet.from_json": core.eligibility.RuleSet.from_json,
        "from_fhir": core.fhir.from_fhir,
        "from_fhir_bundle": core.fhir.from_fhir_bundle,
        "hsds_from_json": core.catalogue.hsds_from_json,
        "MatchingPolicy.from_json": core.matching.MatchingPolicy.from_json,
        "support.Policy.from_json": core.support.Policy.from_json,
        "Instrument.from_json": core.outcomes.Instrument.from_json,
    }


def test_every_json_reader_rejects_deep_nesting_overflow_and_bad_utf8() -> None:
    # issue 15: each is a ParseError naming the JSON path, never a crash or another exception
    for reader_name, read in json_readers().items():
        for case, text in HOSTILE_JSON.items():
            try:
                read(text)
            except kulkija.ParseError as e:
                assert e.path == "$", (reader_name, case, str(e))
                if case in DEEP_JSON:
                    assert "arrays and objects nest deeper than 256 levels" in str(e), (reader_name, case, str(e))
                    # the 257th level: the outer object is the first
                    assert (e.line, e.column) == (1, 1 + 6 * 256 if case == "deep objects" else 7 + 255), (reader_name, case)
                else:
                    assert "a number is too large" in str(e), (reader_name, case, str(e))
            else:
                raise AssertionError(f"{reader_name} read {case}")
        # a str holds no invalid UTF-8: bytes reach the reader as they are
        with pytest.raises(kulkija.ParseError, match="not valid JSON") as info:
            read(INVALID_UTF8)
        assert info.value.path == "$", reader_name
