"""Plots of outcomes with matplotlib: the referral funnel, the wellbeing change of clients,
link workers' caseload, and capacity planning. Each helper draws on ``ax`` (a new figure when omitted) and
returns the Axes; matplotlib is imported only when a helper is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ("plot_capacity", "plot_capacity_sweep", "plot_caseload", "plot_funnel", "plot_wellbeing_change")


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, new = plt.subplots(figsize=size)
    return new


def plot_funnel(funnel: pd.DataFrame, ax: Axes | None = None, *, title: str = "Referral funnel") -> Axes:
    """Horizontal bars of :func:`kulkija.outcomes.funnel`: referrals reaching each stage, with
    the share of requested referrals and the drop-outs at each stage written beside the bars."""
    ax = _axes(ax, (7, 3.5))
    stages = list(funnel["stage"])[::-1]
    reached = list(funnel["reached"])[::-1]
    shares = list(funnel["share_of_requested"])[::-1]
    dropped = list(funnel["dropped"])[::-1]
    bars = ax.barh(stages, reached, color="#3b7dd8")
    top = max(reached) if reached else 0
    for bar, n, share, out in zip(bars, reached, shares, dropped, strict=True):
        label = f"{n} ({share:.0%})" if share == share else str(n)
        if out:
            label += f", {out} dropped"
        ax.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, label, va="center")
    ax.set_xlim(0, top * 1.45 if top else 1)
    ax.set_xlabel("referrals")
    ax.set_title(title)
    return ax


def plot_wellbeing_change(
    changes: pd.DataFrame,
    ax: Axes | None = None,
    *,
    title: str = "Wellbeing before and after support",
    ylabel: str = "score",
) -> Axes:
    """A slope chart of :func:`kulkija.outcomes.wellbeing_change`: one line per client from
    *before* to *after*, coloured by category (improved green, worsened red, unchanged grey),
    with the cohort means in black."""
    ax = _axes(ax, (4.5, 5))
    colours = {"improved": "#2e9e44", "unchanged": "#9a9a9a", "worsened": "#d23b3b"}
    for _, row in changes.iterrows():
        ax.plot([0, 1], [row["before"], row["after"]], color=colours.get(row["category"], "#9a9a9a"), alpha=0.7, marker="o")
    if len(changes):
        ax.plot([0, 1], [changes["before"].mean(), changes["after"].mean()], color="black", linewidth=3, marker="s",
                label="mean")
        ax.legend(loc="best")
    ax.set_xticks([0, 1], ["before", "after"])
    ax.set_xlim(-0.2, 1.2)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return ax


def plot_caseload(caseload: pd.DataFrame, ax: Axes | None = None, *, title: str = "Link-worker caseload") -> Axes:
    """Lines of :func:`kulkija.outcomes.caseload` over time, one per link worker; with a
    ``capacity`` column, utilisation (caseload / capacity) is drawn instead of the caseload."""
    ax = _axes(ax, (7, 3.5))
    value = "utilisation" if "utilisation" in caseload.columns else "caseload"
    for worker, group in caseload.groupby("link_worker_id", sort=True):
        ax.plot(group["day"], group[value], marker="o", label=str(worker))
    ax.set_ylabel(value)
    ax.set_title(title)
    if len(caseload):
        ax.legend(loc="best", fontsize="small")
    ax.figure.autofmt_xdate()
    return ax


def plot_capacity(
    months: pd.DataFrame,
    ax: Axes | None = None,
    *,
    target: float | None = 0.9,
    title: str = "First contact within the deadline",
) -> Axes:
    """The month-by-month table of :func:`kulkija.capacity.simulate`: the share of the month's
    first contacts made within the deadline (a line, left axis, with the ``target`` dashed)
    and the referrals waiting at the month's end (grey bars, right axis)."""
    ax = _axes(ax, (7, 3.5))
    queue = ax.twinx()
    queue.bar(months["month"], months["queue_at_end"], width=20, color="#c9c9c9", label="waiting at month end")
    queue.set_ylabel("waiting at month end")
    ax.set_zorder(queue.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.plot(months["month"], months["share_within_deadline"], color="#3b7dd8", marker="o",
            label="first contacts within the deadline")
    if target is not None:
        ax.axhline(target, color="#d23b3b", linestyle="--", label=f"target {target:.0%}")
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share within the deadline")
    ax.set_title(title)
    lines, labels = ax.get_legend_handles_labels()
    bars, bar_labels = queue.get_legend_handles_labels()
    ax.figure.autofmt_xdate()
    ax.legend(lines + bars, labels + bar_labels, loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3,
              fontsize="small", frameon=False)
    return ax


def plot_capacity_sweep(
    sweep: pd.DataFrame,
    ax: Axes | None = None,
    *,
    target: float | None = 0.9,
    title: str = "Link workers needed",
) -> Axes:
    """The curve of :func:`kulkija.capacity.sweep`: the share of clients contacted within the
    deadline for each number of added workers, with the ``target`` dashed and the fewest
    added workers that meet it marked."""
    ax = _axes(ax, (6, 3.5))
    ax.plot(sweep["added_workers"], sweep["share_within_deadline"], color="#3b7dd8", marker="o")
    if target is not None:
        ax.axhline(target, color="#d23b3b", linestyle="--", label=f"target {target:.0%}")
        meeting = sweep[sweep["share_within_deadline"] >= target]
        if len(meeting):
            first = meeting.iloc[0]
            ax.plot([first["added_workers"]], [first["share_within_deadline"]], marker="o", markersize=12,
                    markerfacecolor="none", markeredgecolor="#2e9e44", linestyle="none",
                    label=f"{int(first['added_workers'])} added workers")
        ax.legend(loc="lower right", fontsize="small")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("added link workers")
    ax.set_ylabel("share within the deadline")
    ax.set_title(title)
    return ax
