"""Household outlines: a dotted line around exactly the people who live together.

A household is traced as the outline of rectangles: one per unbroken run of
members along a row, joined across the rows, kept clear of children's lines,
and bridged between parts that sit apart so one household never reads as two.
Households that share a member are drawn at different distances from their
members (rings), so where they overlap both outlines stay visible; each has
its own colour and line style from the style file, named in the key.
"""

from __future__ import annotations

from typing import Callable

from .canvas import Canvas
from .family_graph import FamilyGraph, Item
from .outline import union_outline
from .rows import RowMetrics
from .style import GenogramStyle

Loops = list[list[tuple[float, float]]]
RING_STEP = 4.0  # between the outlines of two households that share a member


def rings(households: list[tuple[str, list[str]]]) -> list[int]:
    """Each household's ring: households sharing a member get different ones (the earlier, the inner)."""
    out: list[int] = []
    for n, (_, members) in enumerate(households):
        taken = {out[k] for k in range(n) if set(members) & set(households[k][1])}
        out.append(next(r for r in range(len(households)) if r not in taken))
    return out


def household_look(style: GenogramStyle, n: int) -> tuple[str, str]:
    """The colour and line style of the ``n``-th household (both taken in turn from the style file)."""
    colours, lines = style.colours.household, style.lines.household
    return colours[n % len(colours)], lines[n % len(lines)]


class HouseholdOutliner:
    """Traces each household of a family graph whose rows and positions are fixed."""

    def __init__(self, graph: FamilyGraph, rows: list[RowMetrics], style: GenogramStyle,
                 extent: Callable[[Item], tuple[float, float]], verticals: list[float]):
        self.graph = graph
        self.rows = rows
        self.style = style
        self.extent = extent  # the left and right of an item with its label
        self.verticals = verticals  # x of the lines that hang down between rows
        self.pad = style.sizes.household_padding

    def outlines(self) -> list[Loops]:
        """Each household's outline: closed loops of corner points."""
        out = []
        for ring, (_, members) in zip(rings(self.graph.households), self.graph.households):
            self.pad = self.style.sizes.household_padding + ring * RING_STEP
            out.append(self._outline(set(members)))
        return out

    def _runs(self, members: set[str]) -> list[tuple[int, float, float]]:
        """(row, left, right) of each unbroken run of household members along a row.

        Partnership midpoints and pregnancy losses between two members stay
        inside; anyone else breaks the run, so a child living elsewhere stays
        outside the outline in their birth-order place.
        """
        runs = []
        for r, row in enumerate(self.graph.rows):
            current: list[Item] = []
            pending: list[Item] = []
            for item in row + [Item("person", "\0end")]:
                if item.kind == "person" and item.ref in members:
                    current += pending + [item]
                    pending = []
                elif item.kind in ("union", "loss") and current:
                    pending.append(item)
                else:
                    if current:
                        spans = [self.extent(i) for i in current if i.kind != "union"]
                        runs.append((r, min(a for a, _ in spans), max(b for _, b in spans)))
                    current, pending = [], []
        return runs

    def _outline(self, members: set[str]) -> Loops:
        runs = self._runs(members)
        rects = self._rectangles(runs)
        self._clear_of_child_lines(rects)
        self._bridge([r for r, _, _ in runs], rects)
        return union_outline([tuple(r) for r in rects])

    def _rectangles(self, runs: list[tuple[int, float, float]]) -> list[list[float]]:
        """[left, top, right, bottom] around each run, reaching the runs above and below."""
        pad = self.pad
        rects = []
        for r, left, right in runs:
            m = self.rows[r]
            top, bottom = m.top - pad, m.label_bottom + pad
            below = [(l2, r2) for r2_, l2, r2 in runs if r2_ == r + 1 and l2 < right and r2 > left]
            above = [(l2, r2) for r2_, l2, r2 in runs if r2_ == r - 1 and l2 < right and r2 > left]
            if below:  # join with the next row's members, between the sibling bar and their symbols
                bottom = m.bar_low + self.style.sizes.row_gap * 0.55
            if above:
                top = self.rows[r - 1].bar_low + self.style.sizes.row_gap * 0.55
            rects.append([left - pad, top, right + pad, bottom])
        return rects

    def _clear_of_child_lines(self, rects: list[list[float]]) -> None:
        """Never run the outline along a child's line, where it would hide it."""
        clear = min(4.0, self.pad * 0.7)
        for rect in rects:
            for side, outward in ((0, -1.0), (2, 1.0)):
                near = [v for v in self.verticals if abs(rect[side] - v) < clear]
                if near:
                    v = min(near, key=lambda v: abs(rect[side] - v))
                    away = rect[side] - v
                    rect[side] = v + (clear if away > 0 else -clear if away < 0 else outward * clear)

    def _bridge(self, run_rows: list[int], rects: list[list[float]]) -> None:
        """Join the parts of one household that sit apart, so it is never mistaken for two.

        Narrow bands run through the space between rows (where only lines
        run, never a symbol or label) and, to pass a row in between, down
        through a gap between two neighbours in that row.
        """
        group = _touching_groups(rects)
        runs = len(rects)
        while True:
            pairs = [(run_rows[j] - run_rows[i], abs((rects[i][0] + rects[i][2]) - (rects[j][0] + rects[j][2])), i, j)
                     for i in range(runs) for j in range(runs)
                     if i != j and run_rows[j] >= run_rows[i] and _find(group, i) != _find(group, j)]
            if not pairs:
                return
            _, _, i, j = min(pairs)
            self._join(rects, rects[i], rects[j], run_rows[i], run_rows[j])
            group[_find(group, i)] = _find(group, j)

    def _join(self, rects: list[list[float]], upper: list[float], lower: list[float], r0: int, r1: int) -> None:
        """Add the bands that join ``upper`` (in row ``r0``) to ``lower`` (in row ``r1``)."""
        x = (upper[0] + upper[2]) / 2
        target = (lower[0] + lower[2]) / 2
        bands = [self._band(r) for r in range(r0, max(r1, r0 + 1))]
        upper[3] = max(upper[3], bands[0][1])
        if r1 == r0:  # two parts of one row: joined below it
            lower[3] = max(lower[3], bands[0][1])
        else:
            lower[1] = min(lower[1], bands[-1][0])
        for k, r in enumerate(range(r0 + 1, r1)):  # pass each row in between through a gap
            want = x + (target - x) / (r1 - r0 - k)
            gap = min(self._gaps(r), key=lambda g: (abs(g - want), g))
            rects.append([min(x, gap) - 4, bands[k][0], max(x, gap) + 4, bands[k][1]])
            rects.append([gap - 4, bands[k][0], gap + 4, bands[k + 1][1]])
            x = gap
        rects.append([min(x, target) - 4, bands[-1][0], max(x, target) + 4, bands[-1][1]])

    def _band(self, r: int) -> tuple[float, float]:
        """The strip below row ``r``'s sibling bar and above the next row's symbols."""
        bar = self.rows[r].bar_low
        gap = self.style.sizes.row_gap
        return bar + gap * 0.3, bar + gap * 0.75

    def _gaps(self, r: int) -> list[float]:
        """x of the clear gaps between neighbours in row ``r`` (and beyond either end)."""
        spans = [self.extent(i) for i in self.graph.rows[r] if i.kind != "union"]
        gap = self.style.sizes.column_gap
        gaps = [spans[0][0] - gap, spans[-1][1] + gap]
        gaps += [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:]) if b[0] - a[1] >= 12]
        return gaps


def _touching_groups(rects: list[list[float]]) -> list[int]:
    """A union-find parent list that already joins the rectangles that touch."""
    def touching(a: list[float], b: list[float]) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] <= b[3] and b[1] <= a[3]

    group = list(range(len(rects)))
    for i in range(len(rects)):
        for j in range(i):
            if touching(rects[i], rects[j]):
                group[_find(group, i)] = _find(group, j)
    return group


def _find(group: list[int], i: int) -> int:
    while group[i] != i:
        i = group[i]
    return i


def draw_households(canvas: Canvas, style: GenogramStyle, outlines: list[Loops]) -> None:
    """Each household's outline in its own colour and line style, taken in turn."""
    for n, loops in enumerate(outlines):
        colour, line = household_look(style, n)
        for loop in loops:
            for (x1, y1), (x2, y2) in zip(loop, loop[1:] + loop[:1]):
                canvas.line(x1, y1, x2, y2, style=line, colour=colour, width=style.sizes.household_line_width,
                            what="a household outline")
