"""Pictures for the overview report and the panel: the review timeline and the chronology lanes.

Both are drawn with matplotlib's Agg backend (no display needed) and are
byte-for-byte the same each time for the same case (fixed SVG hash salt, no
creation date), so a rebuilt report does not change for nothing. They carry
milestone and agency labels only, never a person's name, so they are safe to
include in anonymised copies.
"""

from __future__ import annotations

import io
import textwrap
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot; scrdocs never opens a window

from matplotlib import dates as mdates  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from ..case.model import Case  # noqa: E402
from .seen import about_subject  # noqa: E402
from .timescales import MilestoneStatus, Procedure, Status, review_timescales  # noqa: E402

ChartFormat = Literal["png", "svg"]

_STYLE = {
    "svg.hashsalt": "scrdocs",  # stable ids inside the SVG
    "svg.fonttype": "none",  # text stays text: searchable, and checkable for names
    "font.family": "DejaVu Sans",
    "font.size": 9,
}
_COLOURS = {
    Status.met: "#2e7d32", Status.late: "#c62828", Status.overdue: "#c62828",
    Status.due: "#ef6c00", Status.not_applicable: "#757575", Status.inconsistent: "#6a1b9a",
    Status.too_early: "#c62828", Status.not_recorded: "#c62828",
}


#: A milestone label on the chart: at most this many characters a line, and this many lines. A longer
#: label would make the picture wider than the page, and Word shrinks it or cuts the text off; the
#: full wording is in the figure's alt text (``timeline_alt``) and in the table of `scrdocs timeline`.
LABEL_WIDTH, LABEL_LINES = 32, 2


def chart_label(text: str, status: str = "", width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """``text (status)`` wrapped at spaces to ``lines`` lines of ``width`` characters. A label too long
    loses its last words ("…"), never the status."""
    def wrap(words: list[str], cut: bool) -> list[str]:
        label = " ".join(words) + ("…" if cut else "")
        full = f"{label} ({status})" if status else label
        return textwrap.wrap(full, width=width, break_long_words=True, break_on_hyphens=True) or [""]

    words, cut = text.split(), False
    wrapped = wrap(words, cut)
    while len(wrapped) > lines and len(words) > 1:
        words, cut = words[:-1], True
        wrapped = wrap(words, cut)
    return "\n".join(wrapped[:lines])


def timeline_alt(rows: list[MilestoneStatus]) -> str:
    """The timescales chart in words, every milestone's full label with its status and dates (the alt text)."""
    def dates(r: MilestoneStatus) -> str:
        parts = [f"{what} {d.strftime('%d/%m/%Y')}" for what, d in (("from", r.start), ("due", r.due), ("done", r.done)) if d]
        return ", ".join(parts)
    items = [f"{r.label}: {r.status.value}" + (f" ({dates(r)})" if dates(r) else "") for r in rows]
    return ("Chart of the review timescales, each of the review's milestones against the time its procedure "
            "allows. " + "; ".join(items) + ".")


def _render(fig: Figure, fmt: ChartFormat) -> bytes:
    if fmt not in ("png", "svg"):
        raise ValueError(f"format must be 'png' or 'svg', not {fmt!r}")
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buffer, format=fmt, dpi=150, metadata=metadata, bbox_inches="tight")
    return buffer.getvalue()


def _date_axis(ax) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    for label in ax.get_xticklabels():
        label.set_rotation(30)
        label.set_horizontalalignment("right")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def _empty(ax, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])


def timeline_chart(case: Case, *, format: ChartFormat = "png", today: date | None = None,
                   procedure: Procedure | None = None, base_dir: str | Path | None = None,
                   milestones: list[MilestoneStatus] | None = None) -> bytes:
    """The review's milestones: counted from, due by, done (coloured by status), and today."""
    today = today or date.today()
    rows = milestones if milestones is not None else review_timescales(case, procedure, today=today, base_dir=base_dir)
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(9, 1.6 + 0.45 * max(len(rows), 2)), layout="constrained")
        ax = fig.add_subplot()
        ax.set_title("Review timescales", loc="left", fontweight="bold")
        if not rows:
            _empty(ax, "The procedure has no milestones")
            return _render(fig, format)
        dated = [d for r in rows for d in (r.start, r.due, r.done) if d]
        if not dated:
            _empty(ax, "No key dates are recorded yet")
            return _render(fig, format)
        # "Today" matters only while a milestone is still open. A finished review's
        # chart (in a published report) must not stretch, or change, with the date it is built.
        still_open = any(r.status in (Status.due, Status.overdue) for r in rows)
        show_today = still_open or min(dated) <= today <= max(dated)
        lo, hi = min(dated + [today] * show_today), max(dated + [today] * show_today)
        pad = timedelta(days=max(7, (hi - lo).days // 20))
        for y, r in enumerate(reversed(rows)):
            colour = _COLOURS[r.status]
            if r.start is None:
                ax.text(mdates.date2num(lo), y, "  start date missing", va="center", color=colour, fontsize=8)
                continue
            ax.plot([r.start, r.due], [y, y], color="#9e9e9e", linewidth=3, solid_capstyle="butt")
            ax.plot([r.start], [y], marker="o", color="#616161", markersize=5)
            ax.plot([r.due], [y], marker="|", color="#212121", markersize=14, markeredgewidth=2)
            if r.done:
                ax.plot([r.done], [y], marker="o" if r.status is Status.met else "X", color=colour, markersize=8)
            elif r.status is Status.overdue:
                ax.plot([r.due, today], [y, y], color=colour, linewidth=2, linestyle=(0, (2, 1)))
        if show_today:
            ax.axvline(today, color="#1565c0", linestyle="--", linewidth=1)
            ax.text(today, len(rows) - 0.4, " today", color="#1565c0", fontsize=8, va="bottom")
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([chart_label(r.label, r.status.value) for r in reversed(rows)])
        ax.set_ylim(-0.7, len(rows) - 0.1)
        ax.set_xlim(lo - pad, hi + pad)
        _date_axis(ax)
        fig.legend(handles=[
            Line2D([], [], color="#9e9e9e", linewidth=3, label="time allowed"),
            Line2D([], [], color="#212121", marker="|", linestyle="", markersize=10, markeredgewidth=2, label="due"),
            Line2D([], [], color=_COLOURS[Status.met], marker="o", linestyle="", label="done on time"),
            Line2D([], [], color=_COLOURS[Status.late], marker="X", linestyle="", label="done late"),
            Line2D([], [], color=_COLOURS[Status.overdue], linestyle=(0, (2, 1)), label="overdue"),
        ], loc="outside lower center", ncol=5, frameon=False, fontsize=8)
        return _render(fig, format)


def chronology_lanes_chart(case: Case, *, format: ChartFormat = "png") -> bytes:
    """One lane per agency over time: each contact, with the adult or child seen and seen alone marked."""
    lanes: list[str] = [a.id for a in case.agencies if any(e.agency == a.id for e in case.chronology)]
    lanes += sorted({e.agency for e in case.chronology} - set(lanes))
    labels = {a.id: a.label for a in case.agencies}
    who = "child" if case.review.is_childrens_review else "adult"
    with matplotlib.rc_context(_STYLE):
        fig = Figure(figsize=(9, 1.6 + 0.45 * max(len(lanes), 2)), layout="constrained")
        ax = fig.add_subplot()
        ax.set_title("Agency contact over time", loc="left", fontweight="bold")
        if not lanes:
            _empty(ax, "The chronology has no entries yet")
            return _render(fig, format)
        period = case.review.period_under_review
        if period:
            ax.axvspan(period.start, period.end, color="#f1f8e9", zorder=0)
        y_of = {agency: len(lanes) - 1 - i for i, agency in enumerate(lanes)}
        for e in case.sorted_chronology():
            y = y_of[e.agency]
            if e.date_end and e.date_end > e.date:
                ax.plot([e.date, e.date_end], [y, y], color="#90a4ae", linewidth=2, zorder=2)
            alpha = 0.5 if e.date_uncertain else 1.0
            if not about_subject(case, e):  # a sibling's visit is contact, not the subject seen
                ax.plot([e.date], [y], marker="o", markerfacecolor="white", markeredgecolor="#616161",
                        markersize=5, alpha=alpha, zorder=3)
            elif e.seen_alone:
                ax.plot([e.date], [y], marker="*", color="#1565c0", markersize=11, alpha=alpha, zorder=4)
            elif e.seen:
                ax.plot([e.date], [y], marker="o", color="#1565c0", markersize=6, alpha=alpha, zorder=3)
            else:
                ax.plot([e.date], [y], marker="o", markerfacecolor="white", markeredgecolor="#616161",
                        markersize=5, alpha=alpha, zorder=3)
        ax.set_yticks([y_of[a] for a in lanes])
        ax.set_yticklabels([labels.get(a, a) for a in lanes])
        ax.set_ylim(-0.7, len(lanes) - 0.3)
        first = min(e.date for e in case.chronology)
        last = max(e.date_end or e.date for e in case.chronology)
        if period:
            first, last = min(first, period.start), max(last, period.end)
        pad = timedelta(days=max(7, (last - first).days // 30))
        ax.set_xlim(first - pad, last + pad)
        _date_axis(ax)
        handles = [
            Line2D([], [], marker="o", markerfacecolor="white", markeredgecolor="#616161", linestyle="", label="contact"),
            Line2D([], [], marker="o", color="#1565c0", linestyle="", label=f"{who} seen"),
            Line2D([], [], marker="*", color="#1565c0", linestyle="", markersize=10, label=f"{who} seen alone"),
        ]
        if period:
            handles.append(Line2D([], [], color="#f1f8e9", linewidth=8, label="period under review"))
        fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), frameon=False, fontsize=8)
        return _render(fig, format)
