"""Care visits before and after support, and what the difference is worth: the functions
:func:`kulkija.outcomes.visit_windows`, :func:`~kulkija.outcomes.visit_effect`,
:func:`~kulkija.outcomes.cost_effect` and :func:`~kulkija.outcomes.cost_summary` (import them
from :mod:`kulkija.outcomes`). The windows are counted in C++ (``kulkija::visit_comparison``);
the sums and the pricing are plain pandas.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ._core.outcomes import visit_comparison as _visit_comparison
from ._errors import invalid_argument as _invalid
from ._frames import day_array as _day_array
from ._frames import days as _days
from ._frames import optional_texts as _optional
from ._frames import read_csv as _read_csv
from ._frames import require_columns as _require_columns

if TYPE_CHECKING:
    import pandas as pd

__all__ = ("cost_effect", "cost_summary", "read_visits_csv", "visit_effect", "visit_windows")


def read_visits_csv(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Reads ``visits.csv`` (``client_id, day, kind``)."""
    return _read_csv(path, "visits", ["client_id", "day", "kind"])


def visit_windows(
    visits: pd.DataFrame,
    overview: pd.DataFrame,
    window_days: int = 180,
    *,
    as_of: Any = None,
) -> pd.DataFrame:
    """Care visits in equal windows before and after support, per client (referral) and kind.

    The support runs from ``first_contact_on`` to ``closed_on``; *before* is the
    ``window_days`` days before the first contact, *after* the ``window_days`` days from the
    day after the closure. Only completed or discontinued referrals whose after-window has
    ended by ``as_of`` (default: the last visit day) are included. Columns: ``referral_id,
    client_id, kind, before, after, change`` (after - before), every kind for every client
    (zeros included).
    """
    import pandas as pd

    _require_columns(visits, "visits", ["client_id", "day", "kind"])
    _require_columns(overview, "overview", ["referral_id", "client_id", "first_contact_on", "closed_on", "state"])
    if window_days < 1:
        raise _invalid("window_days", f"must be at least 1, got {window_days}")
    v = visits.assign(day=_days(visits["day"]).values)
    end = _days([as_of]).iloc[0] if as_of is not None else v["day"].max()
    columns = ["referral_id", "client_id", "kind", "before", "after"]
    if end is pd.NaT or end != end:
        out = pd.DataFrame(columns=columns)
    else:
        w = _visit_comparison(
            [str(r) for r in overview["referral_id"]],
            _optional(overview["client_id"]),
            _optional(overview["state"]),
            _day_array(overview["first_contact_on"]),
            _day_array(overview["closed_on"]),
            _optional(v["client_id"]),
            v["day"].to_numpy("datetime64[D]"),
            _optional(v["kind"]),
            window_days=window_days,
            as_of=end.date(),
        )
        n, k = w["before"].shape
        out = pd.DataFrame(
            {
                "referral_id": np.repeat(np.array(w["referral_id"], dtype=object), k),
                "client_id": np.repeat(np.array(w["client_id"], dtype=object), k),
                "kind": np.tile(np.array(w["kinds"], dtype=object), n),
                "before": w["before"].ravel(),
                "after": w["after"].ravel(),
            },
            columns=columns,
        )
    out["change"] = out["after"] - out["before"]
    return out


def visit_effect(windows: pd.DataFrame) -> pd.DataFrame:
    """The cohort's visits before and after support per kind and in total: ``kind, clients,
    before, after, change, mean_before, mean_after, mean_change``."""
    import pandas as pd

    per_kind = windows.groupby("kind").agg(
        clients=("referral_id", "nunique"), before=("before", "sum"), after=("after", "sum")
    )
    total = pd.DataFrame(
        {
            "clients": [windows["referral_id"].nunique()],
            "before": [windows["before"].sum()],
            "after": [windows["after"].sum()],
        },
        index=pd.Index(["total"], name="kind"),
    )
    out = pd.concat([per_kind, total]).reset_index()
    out["change"] = out["after"] - out["before"]
    clients = out["clients"].where(out["clients"] > 0)
    for column in ("before", "after", "change"):
        out[f"mean_{column}"] = out[column] / clients
    return out


def cost_effect(windows: pd.DataFrame, unit_costs: Mapping[str, float]) -> pd.DataFrame:
    """The cost of the visits before and after support per kind from ``unit_costs`` (EUR per
    visit, one per kind): ``kind, unit_cost, before, after, avoided`` (before - after),
    ``cost_before, cost_after, saving`` (cost_before - cost_after), and a ``total`` row."""
    import pandas as pd

    missing = sorted(set(windows["kind"]) - set(unit_costs))
    if missing:
        raise _invalid("unit_costs", f"has no unit cost for the visit kind(s) {', '.join(missing)}")
    for kind, cost in unit_costs.items():
        if not np.isfinite(cost) or cost < 0:
            raise _invalid(f"unit_costs[{kind!r}]", f"must be a finite cost of at least 0, got {cost!r}")
    per_kind = windows.groupby("kind")[["before", "after"]].sum()
    per_kind["unit_cost"] = [float(unit_costs[k]) for k in per_kind.index]
    per_kind["avoided"] = per_kind["before"] - per_kind["after"]
    per_kind["cost_before"] = per_kind["before"] * per_kind["unit_cost"]
    per_kind["cost_after"] = per_kind["after"] * per_kind["unit_cost"]
    per_kind["saving"] = per_kind["cost_before"] - per_kind["cost_after"]
    total = per_kind[["before", "after", "avoided", "cost_before", "cost_after", "saving"]].sum().to_frame("total").T
    total["unit_cost"] = np.nan
    out = pd.concat([per_kind, total]).rename_axis("kind").reset_index()
    return out[["kind", "unit_cost", "before", "after", "avoided", "cost_before", "cost_after", "saving"]]


def cost_summary(
    costs: pd.DataFrame,
    programme_cost: float,
    supported_clients: int,
    *,
    link_workers: int | None = None,
    measured_clients: int | None = None,
) -> pd.DataFrame:
    """The cost effect against the programme's cost, as one row.

    ``costs`` is :func:`cost_effect`'s frame for the ``measured_clients`` whose visits were
    compared; the saving per measured client is extrapolated to all ``supported_clients``.
    Columns: ``programme_cost, supported_clients, cost_per_supported_client, measured_clients,
    saving_measured, saving_per_client, estimated_saving, net_cost`` (programme cost minus the
    estimated saving), ``return_per_euro`` (estimated saving / programme cost) and, with
    ``link_workers``, ``link_workers`` and ``cost_per_link_worker``. For example a project of
    87,840 EUR with 13 link workers.
    """
    import pandas as pd

    if not np.isfinite(programme_cost) or programme_cost <= 0:
        raise _invalid("programme_cost", f"must be a finite cost above 0, got {programme_cost!r}")
    if supported_clients < 1:
        raise _invalid("supported_clients", f"must be at least 1, got {supported_clients}")
    saving = float(costs.loc[costs["kind"] == "total", "saving"].iloc[0])
    if measured_clients is None:
        measured_clients = supported_clients
    if measured_clients < 1:
        raise _invalid("measured_clients", f"must be at least 1, got {measured_clients}")
    per_client = saving / measured_clients
    estimated = per_client * supported_clients
    row: dict[str, Any] = {
        "programme_cost": float(programme_cost),
        "supported_clients": int(supported_clients),
        "cost_per_supported_client": programme_cost / supported_clients,
        "measured_clients": int(measured_clients),
        "saving_measured": saving,
        "saving_per_client": per_client,
        "estimated_saving": estimated,
        "net_cost": programme_cost - estimated,
        "return_per_euro": estimated / programme_cost,
    }
    if link_workers is not None:
        if link_workers < 1:
            raise _invalid("link_workers", f"must be at least 1, got {link_workers}")
        row["link_workers"] = int(link_workers)
        row["cost_per_link_worker"] = programme_cost / link_workers
    return pd.DataFrame([row])
