"""The heights down the page: each row's symbols, labels and sibling bars.

``dot`` chooses only the horizontal positions (layout.py); the vertical ones
are fixed here so every row lines up exactly. Half-siblings' bars that would
overlap are stepped down to levels of their own, and a row whose partnership
lines must pass over someone (lanes.py) gets room above it for them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from ..case.model import Role
from .canvas import LINE_SPACING, PERIPHERY_GAP
from .boxes import LabelBox
from .family_graph import FamilyGraph, Item
from .style import GenogramStyle

_LABEL_GAP = 5.0  # between a symbol and its label
_BAR_GAP = 12.0  # between a row's labels and its children's sibling bar
BAR_STEP = 8.0  # between the sibling bars of two partnerships whose children's spans overlap
LANE_STEP = 9.0  # between the lanes above a row that carry partnership lines over other people
LANE_CLEAR = 14.0  # from the top of the symbols up to the lowest lane: clear of a household outline's top
_MAX_ORDERINGS = 6  # overlapping partnerships tried in every order (6! = 720) to find the fewest crossings

#: per partnership with children: where its line drops, and where each child's line hangs
UnionLines = dict[int, tuple[float, list[float]]]
_Spans = dict[int, tuple[float, float]]


@dataclass
class RowMetrics:
    top: float  # top of the symbols
    centre: float
    label_top: float
    label_bottom: float
    bar: float  # the sibling bar of this row's children (the first, when half-siblings need several)
    bar_low: float = 0.0  # the lowest sibling bar of the row


def row_metrics(graph: FamilyGraph, boxes: dict[Item, LabelBox], style: GenogramStyle,
                bar_level: dict[int, int], lanes: dict[int, int] | None = None) -> list[RowMetrics]:
    """Each row's heights, top to bottom; a row is as tall as its longest label (in any profile),
    its lowest bar and the lanes above it (``lanes``: row -> number of lanes)."""
    lanes = lanes or {}
    s = style.sizes
    line = style.font.size * LINE_SPACING
    rows: list[RowMetrics] = []
    top = 0.0
    for row in graph.rows:
        people = [graph.people[i.ref] for i in row if i.kind == "person"]
        has_subject = any(p.role is Role.subject for p in people)
        n_lines = max([boxes[i].lines for i in row if i.kind != "union"] + [1])
        if lanes.get(len(rows)):
            top += LANE_CLEAR + (lanes[len(rows)] - 1) * LANE_STEP
        top_edge = top + (PERIPHERY_GAP if has_subject else 0)
        centre = top_edge + s.symbol / 2
        label_top = centre + s.symbol / 2 + PERIPHERY_GAP * has_subject + _LABEL_GAP
        label_bottom = label_top + n_lines * line
        bar = label_bottom + _BAR_GAP
        levels = max([bar_level[u.index] for u in graph.unions
                      if u.has_descendants and graph.generation[u.partners[0]] == len(rows)] + [0])
        bar_low = bar + levels * BAR_STEP
        rows.append(RowMetrics(top, centre, label_top, label_bottom, bar, bar_low))
        top = bar_low + s.row_gap
    return rows


def bar_levels(graph: FamilyGraph, lines: UnionLines) -> dict[int, int]:
    """The level of each partnership's sibling bar (0 = the row's usual height).

    Half-siblings hang from different partnerships of one parent; when the
    bars of two partnerships would overlap they would read as one sibling
    group, so the later one is drawn lower. Of the possible orders, the one
    whose lines cross fewest bars is used (ties: the fewest levels, then
    left to right), so who is whose child stays readable.
    """
    levels: dict[int, int] = {u.index: 0 for u in graph.unions}
    span = {i: (min([d, *xs]), max([d, *xs])) for i, (d, xs) in lines.items()}
    for row in _bars_by_row(graph, lines, span):
        for cluster in _overlapping_groups(row, span):
            if len(cluster) > 1:
                levels.update(_fewest_crossings(cluster, lines, span))
    return levels


def _overlap(span: _Spans, i: int, j: int) -> bool:
    return span[i][0] < span[j][1] + 2 and span[j][0] < span[i][1] + 2


def _inside(span: _Spans, x: float, i: int) -> bool:
    return span[i][0] + 1 < x < span[i][1] - 1


def _bars_by_row(graph: FamilyGraph, lines: UnionLines, span: _Spans) -> list[list[int]]:
    """The partnerships with children, row by row, each row left to right."""
    by_row: dict[int, list[int]] = {}
    for u in graph.unions:
        if u.index in lines:
            by_row.setdefault(graph.generation[u.partners[0]], []).append(u.index)
    for row in by_row.values():
        row.sort(key=lambda i: (span[i][0], i))
    return list(by_row.values())


def _overlapping_groups(row: list[int], span: _Spans) -> list[list[int]]:
    """Connected groups of overlapping bars in one row."""
    clusters: list[list[int]] = []
    for i in row:
        joined = [c for c in clusters if any(_overlap(span, i, j) for j in c)]
        for c in joined:
            clusters.remove(c)
        clusters.append(sorted(sum(joined, []) + [i], key=lambda k: (span[k][0], k)))
    return clusters


def _fewest_crossings(cluster: list[int], lines: UnionLines, span: _Spans) -> dict[int, int]:
    """The levels of one group of overlapping bars, from the order whose lines cross fewest bars."""
    orders = itertools.permutations(cluster) if len(cluster) <= _MAX_ORDERINGS else [tuple(cluster)]
    best = None
    for rank, order in enumerate(orders):
        level: dict[int, int] = {}
        for i in order:
            taken = {level[j] for j in level if _overlap(span, i, j)}
            level[i] = next(n for n in range(len(cluster)) if n not in taken)
        crossings = 0
        for i in cluster:
            for j in cluster:
                if level[i] > level[j] and _overlap(span, i, j):
                    crossings += _inside(span, lines[i][0], j)  # i's drop passes j's bar
                    crossings += sum(_inside(span, x, i) for x in lines[j][1])  # j's child lines pass i's bar
        key = (crossings, max(level.values()), rank)
        if best is None or key < best[0]:
            best = (key, level)
    return best[1]
