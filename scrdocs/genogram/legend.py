"""The key below the genogram: a sample of each symbol and line used, and each household."""

from __future__ import annotations

from ..case.model import Sex
from .canvas import LINE_SPACING, Canvas, measure
from .family_graph import FamilyGraph
from .households import household_look
from .labels import PROFILES, Labeller
from .style import GenogramStyle

#: legend entries in the order they are listed
LEGEND_ORDER = ("male", "female", "unknown", "subject", "deceased", "enduring", "transitory", "separated",
                "divorced", "birth", "adopted", "fostered", "twins", "identical_twins", "miscarriage",
                "abortion", "stillbirth")
_SAMPLE_W, _GAP, _PAD, _COL_GAP = 34.0, 8.0, 8.0, 24.0  # a sample's width; sample to text; inside the box; between columns


def draw_legend(canvas: Canvas, style: GenogramStyle, graph: FamilyGraph, labeller: Labeller, used: set[str],
                left: float, top: float, room: float) -> None:
    """The key, below the drawing: only the symbols used, in columns that fit its width.

    It is laid out around the wider of each text in every profile (a household's label may be
    replaced by a pseudonym's), so the key, and with it the page, is the same size in every profile.
    """
    size = style.font.legend_size
    entries = _entries(style, graph, labeller, used)
    if not entries:
        return
    versions = [entries] + [_entries(style, graph, Labeller(labeller.case, p, style), used)
                            for p in PROFILES if p != labeller.profile]
    texts = [style.legend.title] + [t for version in versions for _, t in version]
    measured = dict(zip(texts, measure(texts, style.font.name, size)))
    title_w = measured[style.legend.title]
    widths = [max(measured[version[n][1]] for version in versions) for n in range(len(entries))]
    step = max(18.0, size * 2.2)
    entry_w = [_SAMPLE_W + _GAP + w for w in widths]
    columns = _columns(entry_w, room)
    per = -(-len(entries) // columns)
    text_h = size * LINE_SPACING
    canvas.text(left + _PAD, top + _PAD, [style.legend.title], size=size + 1, left=True, width=title_w + 8)
    y0 = top + _PAD + step
    x = left + _PAD
    for c in range(columns):
        chunk = list(zip(entries, widths))[c * per:(c + 1) * per]
        if not chunk:
            break
        for n, ((key, label), w) in enumerate(chunk):
            y = y0 + n * step
            _sample(canvas, style, key, x, y + text_h / 2, _SAMPLE_W)
            canvas.text(x + _SAMPLE_W + _GAP, y, [label], size=size, left=True, width=w + 4)
        x += max(entry_w[c * per:(c + 1) * per]) + _COL_GAP
    right = x - _COL_GAP + _PAD
    bottom = y0 + (per - 1) * step + text_h + _PAD
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]):
        canvas.line(x1, y1, x2, y2, colour="#808080", width=0.6)


def _entries(style: GenogramStyle, graph: FamilyGraph, labeller: Labeller, used: set[str]) -> list[tuple[str, str]]:
    """(key, text) of each entry: the symbols used, in the usual order, then the households."""
    entries = [(key, getattr(style.legend, key)) for key in LEGEND_ORDER if key in used]
    for n, (label, members) in enumerate(graph.households):
        entries.append((f"household{n}", style.legend.household.format(labeller.household(label, members))))
    return entries


def _columns(entry_w: list[float], room: float) -> int:
    """The most columns (up to 4) whose entries fit in ``room``; one when nothing fits."""
    columns = 1
    for k in range(4, 0, -1):
        per = -(-len(entry_w) // k)
        cols = [entry_w[c * per:(c + 1) * per] for c in range(k)]
        total = sum(max(c) for c in cols if c) + _COL_GAP * (k - 1) + 2 * _PAD
        if total <= room or k == 1:
            columns = k
            break
    return columns


def _sample(canvas: Canvas, style: GenogramStyle, key: str, x: float, cy: float, w: float) -> None:
    c, lines = canvas, style.lines
    mid, sym = x + w / 2, 12.0
    if key in ("male", "female", "unknown", "subject", "deceased"):
        sex = {"female": Sex.F, "unknown": Sex.U}.get(key, Sex.M)
        c.symbol(mid, cy, sex, sym if key != "subject" else sym - 4, double=key == "subject")
        if key == "deceased":
            c.cross(mid, cy, sym / 2 * 1.1)
    elif key in ("enduring", "transitory", "separated", "divorced"):
        c.line(x, cy, x + w, cy, style=getattr(lines, "transitory" if key == "transitory" else "enduring"))
        if key in ("separated", "divorced"):
            st = style.sizes.stroke * 0.7
            for dx in ([0.0] if key == "separated" else [-3.0, 3.0]):
                c.line(mid + dx - st * 0.45, cy + st, mid + dx + st * 0.45, cy - st)
    elif key in ("birth", "adopted", "fostered"):
        c.line(x + 4, cy - 7, x + w - 4, cy - 7)
        c.line(mid, cy - 7, mid, cy + 7, style=getattr(lines, key))
    elif key in ("twins", "identical_twins"):
        c.line(mid, cy - 8, mid, cy - 4)
        c.line(mid, cy - 4, mid - 9, cy + 8)
        c.line(mid, cy - 4, mid + 9, cy + 8)
        if key == "identical_twins":
            c.line(mid - 4.5, cy + 2, mid + 4.5, cy + 2)
    elif key in ("miscarriage", "abortion"):
        c.cross(mid, cy, style.sizes.loss_cross / 2)
    elif key.startswith("household"):
        colour, line = household_look(style, int(key.removeprefix("household")))
        c.line(x, cy, x + w, cy, style=line, colour=colour, width=style.sizes.household_line_width)
    elif key == "stillbirth":
        c.symbol(mid, cy, Sex.M, 10)
        c.cross(mid, cy, 5)
