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

:func:`replay` runs a region's pipeline (matching and support periods) under several policy
variants, one Dask task each, and gathers one KPI table with a row per variant;
:func:`sweep_capacity` runs capacity simulations and plans over a grid of demand and
workforce scenarios (:func:`capacity_grid`) and gathers one row per scenario.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from collections.abc import Mapping
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

__all__ = (
    "REPLAY_COUNTS",
    "capacity_grid",
    "decision_columns",
    "replay",
    "replay_kpis",
    "screen",
    "sweep_capacity",
    "synthetic_population",
    "with_policies",
)


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


# ------------------------------------------------------------------ replaying a region under policy variants


def _policy_text(value: Any, what: str) -> str | None:
    """A policy as its JSON text: a MatchingPolicy / support Policy (their to_json), JSON text,
    or None (keep the region's own)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)):
        return value.decode("utf-8") if isinstance(value, bytes) else value
    to_json = getattr(value, "to_json", None)
    if to_json is None:
        raise TypeError(f"{what} must be a policy, its JSON text or None, got {type(value).__name__}")
    return str(to_json())


def with_policies(region: Any, *, matching: Any = None, support: Any = None) -> Any:
    """The region with its matching policy and/or support policy replaced (None keeps the
    region's own): a :class:`~kulkija.matching.MatchingPolicy` or a
    :class:`~kulkija.support.Policy`, or the JSON text of one.

    The new policy replaces the text of the file that ``region.json`` names (its
    ``matching_policy`` / ``support_policy``); when it names none, the file is added as
    ``matching-policy.json`` / ``support-policy.json`` and ``region.json`` names it. The region
    is rebuilt with :meth:`~kulkija.Region.from_sources`, so the new policy is checked as
    ``Region.load`` checks it (a bad one raises :class:`~kulkija.ParseError` naming the file).
    Nothing in ``region`` changes."""
    from .region import Region

    texts = {"matching_policy": _policy_text(matching, "matching"), "support_policy": _policy_text(support, "support")}
    sources: dict[str, bytes | str] = dict(region.sources)
    config = _json.loads(sources["region.json"]) if "region.json" in sources else {}
    named = False
    for key, text in texts.items():
        if text is None:
            continue
        name = config.get(key)
        if not name:  # region.json names none: add the file (beside any unused file of that name) and name it
            name = key.replace("_", "-") + ".json"
            while name in sources:
                name = "replayed-" + name
            config[key] = name
            named = True
        sources[name] = text
    if named:
        sources["region.json"] = _json.dumps(config, ensure_ascii=False, indent=2)
    return Region.from_sources(sources, region.name)


# The counts of a region run's summary that replay() reports (0 when the summary lacks them),
# then its shares and medians (missing when there is nothing to take them of).
REPLAY_COUNTS = (
    "referrals",
    "waiting_for_link_worker",
    "matched_now",
    "unmatched_now",
    "first_contacts",
    "queue",
    "link_workers",
    "link_workers_excluded",
)
_REPLAY_VALUES = ("first_contact_within_deadline_share", "median_business_days_to_first_contact")
_SUPPORT_STATUSES = ("on_track", "due_soon", "overdue", "paused")


def replay_kpis(result: Any) -> dict[str, Any]:
    """The KPIs :func:`replay` reports for one :class:`~kulkija.RegionResult`, as a dict.

    From the run's ``summary`` (as ``summary.csv``): the counts of :data:`REPLAY_COUNTS`,
    ``first_contact_within_deadline_share`` and ``median_business_days_to_first_contact``
    (NaN when there were no first contacts), and ``supports_<status>`` (open supports on the
    reporting day by deadline status: on track, due soon, overdue, paused). From its
    ``caseloads``: the caseload balance over the link workers with places, each worker's
    ``utilisation`` being (caseload + matched now) / capacity: ``utilisation_mean``,
    ``utilisation_sd`` (population standard deviation: 0 is perfectly balanced),
    ``utilisation_min``, ``utilisation_max`` and ``workers_full`` (no free place left). From
    its ``matches``: ``mean_score`` and ``mean_distance_km`` of this run's matches."""
    summary = result.summary.set_index("metric")["value"]
    row: dict[str, Any] = {name: int(summary.get(name, 0)) for name in REPLAY_COUNTS}
    for name in _REPLAY_VALUES:
        row[name] = float(summary.get(name, _np.nan))
    for status in _SUPPORT_STATUSES:
        row[f"supports_{status}"] = int(summary.get(f"supports_{status}", 0))
    caseloads = result.caseloads
    with_places = caseloads[caseloads["capacity"] > 0]
    used = ((with_places["caseload"] + with_places["matched_now"]) / with_places["capacity"]).to_numpy(dtype=float)
    row["utilisation_mean"] = float(used.mean()) if used.size else _np.nan
    row["utilisation_sd"] = float(used.std()) if used.size else _np.nan
    row["utilisation_min"] = float(used.min()) if used.size else _np.nan
    row["utilisation_max"] = float(used.max()) if used.size else _np.nan
    row["workers_full"] = int((caseloads["free"] == 0).sum())
    matches = result.matches
    matched = matches[matches["worker"] != ""]
    row["mean_score"] = float(matched["score"].mean()) if len(matched) else _np.nan
    row["mean_distance_km"] = float(matched["distance_km"].mean()) if len(matched) else _np.nan
    return row


def _replay_one(
    region: Any, matching: str | None, support: str | None, as_of: _dt.date | None, stable: bool
) -> dict[str, Any]:
    """One variant's KPIs (a pure function of its arguments: the region's texts and the policies' JSON)."""
    variant = with_policies(region, matching=matching, support=support)
    result = variant.run(as_of, stable=stable)
    row: dict[str, Any] = {
        "matching_policy": _policy_label(variant.sources, "matching_policy"),
        "support_policy": _policy_label(variant.sources, "support_policy"),
        "stable": stable,
    }
    row.update(replay_kpis(result))
    return row


def _policy_label(sources: Mapping[str, bytes], key: str) -> str:
    """``id version`` of the policy region.json names (``default`` when it names none)."""
    config = _json.loads(sources["region.json"]) if "region.json" in sources else {}
    name = config.get(key)
    if not name or name not in sources:
        return "default"
    policy = _json.loads(sources[name])
    return f"{policy.get('id', '')} {policy.get('version', '')}".strip()


def _variant(name: Any, spec: Any) -> tuple[str | None, str | None, bool | None]:
    if isinstance(spec, Mapping):
        unknown = sorted(set(spec) - {"matching", "support", "stable"})
        if unknown:
            raise invalid_argument(f"policies[{name!r}]", f"has unknown keys {', '.join(unknown)}; known: matching, support, stable")
        stable = spec.get("stable")
        return (_policy_text(spec.get("matching"), "matching"), _policy_text(spec.get("support"), "support"),
                None if stable is None else bool(stable))
    if isinstance(spec, tuple) and len(spec) == 2:
        return _policy_text(spec[0], "matching"), _policy_text(spec[1], "support"), None
    raise invalid_argument(f"policies[{name!r}]", "must be a dict with the keys matching, support and stable "
                           "(each optional) or a (matching, support) tuple")


def replay(
    region: Any,
    policies: Mapping[Any, Any],
    *,
    as_of: _dt.date | None = None,
    stable: bool = False,
    client: Any = None,
) -> _pd.DataFrame:
    """Runs a region's pipeline under each policy variant, in parallel, and gathers one KPI table.

    ``region`` is a :class:`~kulkija.Region` or the path of a region folder: its referrals
    (with their histories), link workers, rules and catalogue stay as they are; each variant
    replaces the matching policy and/or the support policy (see :func:`with_policies`).
    ``policies`` maps a variant's name to a dict with the keys ``matching`` (a
    :class:`~kulkija.matching.MatchingPolicy` or its JSON text), ``support`` (a
    :class:`~kulkija.support.Policy` or its JSON text) and ``stable`` (client-proposing stable
    matching instead of the optimal assignment; default: the ``stable`` argument), each optional, or to a
    ``(matching, support)`` tuple; a missing or None policy keeps the region's own, so
    ``{"now": {}}`` is the region as it is.

    Each variant is one Dask task, ``Region.run(as_of, stable=...)`` then :func:`replay_kpis`,
    a pure function of the region's file texts and the policies' JSON (the region is sent to
    the workers once, as its files' texts). With ``client`` (a ``distributed.Client``) the tasks
    run there; without, on Dask's current scheduler (a client made current with ``with
    Client(...)`` or ``set_as_default``, else threads: the pipeline releases the GIL).

    Returns one row per variant, in the order of ``policies``, indexed by its name:
    ``matching_policy`` and ``support_policy`` (``id version`` of the policy used, ``default``
    for the library's defaults), ``stable``, then the columns of :func:`replay_kpis`.
    """
    import dask

    from .region import Region

    if isinstance(region, (str, _os.PathLike)):
        region = Region.load(region)
    if not isinstance(region, Region):
        raise TypeError(f"region must be a kulkija.Region or a region folder, got {type(region).__name__}")
    if not isinstance(policies, Mapping) or not policies:
        raise invalid_argument("policies", "must be a non-empty mapping of variant names to policies")
    variants = {name: _variant(name, spec) for name, spec in policies.items()}
    # Checked here, once, before any task runs: a bad policy fails now, naming its file.
    for name, (matching, support, _) in variants.items():
        try:
            with_policies(region, matching=matching, support=support)
        except Exception as error:
            error.add_note(f"in the policy variant {name!r} given to kulkija.dask.replay")
            raise
    shared = dask.delayed(region, pure=True, traverse=False)
    run = dask.delayed(_replay_one, pure=True)
    tasks = [run(shared, matching, support, as_of, stable if own is None else own)
             for matching, support, own in variants.values()]
    rows = client.gather(client.compute(tasks)) if client is not None else dask.compute(*tasks)
    frame = _pd.DataFrame(list(rows), index=_pd.Index(list(variants), name="policy"))
    return frame


# ------------------------------------------------------------------ capacity scenarios

_KINDS = ("professional", "volunteer", "peer_supporter")
_SUMMARY = ("clients", "within_deadline", "share_within_deadline", "not_contacted", "mean_wait_days", "p90_wait_days",
            "max_queue", "last_day")
_SCENARIO_OPTIONS = frozenset(
    {"start", "months", "policy", "calendar", "contact_after", "early_length", "order", "warm_up_months"}
)


def capacity_grid(demand: Mapping[Any, Any], workforce: Mapping[Any, Any], **options: Any) -> dict[tuple[Any, Any], dict[str, Any]]:
    """Every ``demand`` with every ``workforce``, as the scenarios of :func:`sweep_capacity`:
    ``{(demand name, workforce name): {"referrals": ..., "workforce": ..., **options}}``.

    ``demand`` maps names to referrals (a frame from :func:`kulkija.capacity.referrals`, or
    the keyword arguments of that function, so that each task generates its own), ``workforce``
    maps names to workforces; ``options`` (``hires``, ``target``, ``policy``,
    ``warm_up_months``, ...) go into every scenario."""
    return {(d, w): {"referrals": r, "workforce": f, **options} for d, r in demand.items() for w, f in workforce.items()}


def _check_scenario(name: Any, spec: Any) -> None:
    where = f"scenarios[{name!r}]"
    if not isinstance(spec, Mapping):
        raise invalid_argument(where, f"must be a dict of the scenario's arguments, got {type(spec).__name__}")
    known = {"referrals", "workforce", "hires", "target"} | _SCENARIO_OPTIONS
    unknown = sorted(set(spec) - known)
    if unknown:
        raise invalid_argument(where, f"has unknown keys {', '.join(map(str, unknown))}; known: {', '.join(sorted(known))}")
    if "referrals" not in spec:
        raise invalid_argument(where, "lacks referrals (a frame of kulkija.capacity.referrals or its keyword arguments)")
    if "workforce" not in spec and "hires" not in spec:
        raise invalid_argument(where, "needs a workforce (to simulate) or hires (to plan)")
    if "target" in spec and "hires" not in spec:
        raise invalid_argument(where, "gives a target but no hires: a target is for a plan")


def _kind_totals(groups: Any) -> dict[str, int]:
    """workers per kind of workforce groups (tuples ``kind, workers, caseload_limit[, start]``)."""
    totals = dict.fromkeys(_KINDS, 0)
    places = 0
    for kind, workers, limit, *_ in groups:
        totals[str(getattr(kind, "name", kind))] += int(workers)
        places += int(workers) * int(limit)
    row = {f"workers_{k}": n for k, n in totals.items()}
    row["places"] = places
    return row


def _capacity_row(spec: Mapping[str, Any]) -> dict[str, Any]:
    """One scenario's row (a pure function of the scenario: referrals given as keyword
    arguments are generated here, deterministically)."""
    from . import capacity

    referrals = spec["referrals"]
    if isinstance(referrals, Mapping):
        referrals = capacity.referrals(**referrals)
    options = {k: v for k, v in spec.items() if k in _SCENARIO_OPTIONS}
    row: dict[str, Any] = {"run": "plan" if "hires" in spec else "simulate", "referrals": len(referrals)}
    if "hires" in spec:
        target = spec.get("target", 0.9)
        answer = capacity.plan(referrals, spec["hires"], base=spec.get("workforce", ()), target=target, **options)
        summary = answer.attrs["summary"]
        groups = answer.attrs["workforce"]
        plan_columns = {"target": float(target), "added_workers": int(answer.attrs["added_workers"]),
                        "share_with_one_fewer": answer.attrs["share_with_one_fewer"], "search": answer.attrs["search"],
                        "simulations": int(answer.attrs["simulations"])}
    else:
        summary = capacity.simulate(referrals, spec["workforce"], **options).attrs["summary"]
        groups = capacity._workforce(spec["workforce"])
        plan_columns = {"target": _np.nan, "added_workers": 0, "share_with_one_fewer": None, "search": None,
                        "simulations": 1}
    row.update({key: summary[key] for key in _SUMMARY})
    row.update(_kind_totals(groups))
    row.update(plan_columns)
    return row


def sweep_capacity(scenarios: Mapping[Any, Mapping[str, Any]], *, client: Any = None) -> _pd.DataFrame:
    """Runs :func:`kulkija.capacity.simulate` or :func:`kulkija.capacity.plan` for each
    scenario as a Dask task, and gathers one row per scenario.

    ``scenarios`` maps a name to a dict (see :func:`capacity_grid` for a grid of demand and
    workforce): ``referrals`` (a frame from :func:`kulkija.capacity.referrals`, or that
    function's keyword arguments, e.g. ``{"start": date(2026, 1, 1), "per_month": [45] * 24,
    "pattern": "poisson", "seed": 1}``, generated in the task so that only the numbers travel),
    ``workforce`` (as for :func:`~kulkija.capacity.simulate`), and the keyword options of
    simulate and plan (``start``, ``months``, ``policy``, ``calendar``, ``contact_after``,
    ``early_length``, ``order``, ``warm_up_months``). With ``hires`` (and optionally
    ``target``, default 0.9) the scenario is a :func:`~kulkija.capacity.plan` with
    ``base=workforce``; without, a :func:`~kulkija.capacity.simulate` of the workforce.

    With ``client`` (a ``distributed.Client``) the tasks run there; without, on Dask's current
    scheduler (a current distributed client, else threads: the simulation releases the GIL).

    Returns one row per scenario, in the order given, indexed by its name (a MultiIndex
    ``demand, workforce`` for the tuple names of :func:`capacity_grid`): ``run`` (``simulate``
    or ``plan``), ``referrals`` (how many), the simulation's summary (``clients``,
    ``within_deadline``, ``share_within_deadline``, ``not_contacted``, ``mean_wait_days``,
    ``p90_wait_days``, ``max_queue``, ``last_day``: for a plan, of the planned workforce), the
    workforce simulated (``workers_<kind>`` for each kind, ``places``) and, for plans,
    ``target``, ``added_workers``, ``share_with_one_fewer``, ``search`` and ``simulations``
    (for simulations: NaN, 0, NaN, None and 1).
    """
    import dask

    if not isinstance(scenarios, Mapping) or not scenarios:
        raise invalid_argument("scenarios", "must be a non-empty mapping of scenario names to scenarios")
    for name, spec in scenarios.items():
        _check_scenario(name, spec)
    run = dask.delayed(_capacity_row, pure=True)
    tasks = [run(dict(spec)) for spec in scenarios.values()]
    rows = client.gather(client.compute(tasks)) if client is not None else dask.compute(*tasks)
    names = list(scenarios)
    if names and all(isinstance(n, tuple) and len(n) == 2 for n in names):
        index: _pd.Index = _pd.MultiIndex.from_tuples(names, names=["demand", "workforce"])
    else:
        index = _pd.Index(names, name="scenario")
    return _pd.DataFrame(list(rows), index=index)
