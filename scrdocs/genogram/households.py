"""Household outlines: a line around exactly the people who live together.

Each unbroken run of members along a row gets a rectangle; runs in
neighbouring rows that overlap are joined into one rectilinear outline that
hugs them. Parts of a household that sit apart (a child living with a
grandparent two rows up, a child whose siblings between live elsewhere)
are not stretched into one shape, which would wrap round the people between
them: each part keeps its own outline and the parts are joined by a line in
the household's own colour and style, run through the space between rows
where there are no symbols. Households that share a member are drawn at
different distances from their members (rings), so where they overlap both
outlines stay visible; each has its own colour and line style from the
style file, named in the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .canvas import Canvas
from .family_graph import FamilyGraph, Item
from .outline import union_outline
from .rows import RowMetrics
from .style import GenogramStyle

Loops = list[list[tuple[float, float]]]


class _Piece:
    """Touching rectangles of one household, with the row of each."""

    def __init__(self, rects: list[tuple[list[float], int]]):
        self.rects = rects
        self.top_row = min(row for _, row in rects)
        self.mid = (min(r[0] for r, _ in rects) + max(r[2] for r, _ in rects)) / 2

    def lowest_row_to(self, row: int) -> int:
        """The lowest of this piece's rows that is not below ``row``."""
        return max((r for _, r in self.rects if r <= row), default=self.top_row)


@dataclass(frozen=True)
class Outline:
    loops: Loops  # closed outlines of the pieces
    joins: list[list[tuple[float, float]]]  # open lines joining the pieces
RING_STEP = 4.0  # between the outlines of two households that share a member
# Heights in the gap between rows, as shares of it below the upper row's sibling bars: where the
# joining lines of each household run (near the bars), and where two stacked runs meet (for each
# ring), above the tops of the outlines of the row below; all different, so no two lines run together.
_BAND_SHARES = (0.3, 0.22, 0.38, 0.14)
_JOIN_SHARES = (0.45, 0.49, 0.53, 0.57)


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

    def outlines(self) -> list[Outline]:
        """Each household's outline (closed loops of corner points) and the lines joining its parts."""
        out = []
        for n, (ring, (_, members)) in enumerate(zip(rings(self.graph.households), self.graph.households)):
            self.pad = self.style.sizes.household_padding + ring * RING_STEP
            self.join_share = _JOIN_SHARES[ring % len(_JOIN_SHARES)]
            self.band_share = _BAND_SHARES[n % len(_BAND_SHARES)]  # each household's joining lines at a height of its own
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

    def _outline(self, members: set[str]) -> Outline:
        runs = self._runs(members)
        rects = self._rectangles(runs, members)
        self._clear_of_child_lines(rects)
        parts = self._parts(rects, [r for r, _, _ in runs])
        loops = union_outline([tuple(r) for r in rects])
        return Outline(loops, self._joins(parts))

    def _rectangles(self, runs: list[tuple[int, float, float]], members: set[str]) -> list[list[float]]:
        """[left, top, right, bottom] around each run, reaching the runs above and below where they stack."""
        pad = self.pad
        rects = []
        for r, left, right in runs:
            m = self.rows[r]
            top, bottom = m.top - pad, m.label_bottom + pad
            below = [1 for r2_, l2, r2 in runs if r2_ == r + 1 and self._stack((r, left, right), (r2_, l2, r2), members)]
            above = [1 for r2_, l2, r2 in runs if r2_ == r - 1 and self._stack((r2_, l2, r2), (r, left, right), members)]
            if below:  # join with the next row's members, between the sibling bar and their symbols
                bottom = m.bar_low + self.style.sizes.row_gap * self.join_share
            if above:
                top = self.rows[r - 1].bar_low + self.style.sizes.row_gap * self.join_share
            rects.append([left - pad, top, right + pad, bottom])
        return rects

    def _stack(self, upper: tuple[int, float, float], lower: tuple[int, float, float], members: set[str]) -> bool:
        """May two runs in neighbouring rows be drawn as one shape? Only if they overlap and the shape
        would not reach round anyone else: nobody outside the household under the upper run or over the lower."""
        (r, a0, a1), (_, b0, b1) = upper, lower
        if not (b0 < a1 and b1 > a0):
            return False
        for row, lo, hi in ((r + 1, a0, a1), (r, b0, b1)):
            for item in self.graph.rows[row]:
                if item.kind == "person" and item.ref not in members:
                    x0, x1 = self.extent(item)
                    if x0 < hi + self.pad and x1 > lo - self.pad:
                        return False
        return True

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

    def _parts(self, rects: list[list[float]], run_rows: list[int]) -> list[_Piece]:
        """The separate pieces of the outline, top row first."""
        group = _touching_groups(rects)
        pieces: dict[int, list[int]] = {}
        for i in range(len(rects)):
            pieces.setdefault(_find(group, i), []).append(i)
        out = [_Piece([(rects[i], run_rows[i]) for i in idx]) for idx in pieces.values()]
        return sorted(out, key=lambda p: (p.top_row, p.mid))

    def _joins(self, parts: list[_Piece]) -> list[list[tuple[float, float]]]:
        """Lines joining the pieces: each to the nearest piece already joined above or beside it."""
        joined = parts[:1]
        lines: list[list[tuple[float, float]]] = []
        self.join_xs: list[float] = []  # where this household's joining lines already run up and down
        for part in parts[1:]:
            base = min(joined, key=lambda q: (part.top_row - q.lowest_row_to(part.top_row), abs(q.mid - part.mid)))
            line = self._join(base, part)
            self.join_xs += [a[0] for a, b in zip(line, line[1:]) if abs(a[0] - b[0]) < 0.01]
            lines.append(line)
            joined.append(part)
        return lines

    def _join(self, upper: _Piece, lower: _Piece) -> list[tuple[float, float]]:
        """A line from ``upper`` down (and across) to ``lower``, through the space between rows."""
        r1 = lower.top_row
        r0 = upper.lowest_row_to(r1)
        start = min((rect for rect, row in upper.rects if row == r0), key=lambda rect: abs(_mid(rect) - lower.mid))
        end = min((rect for rect, row in lower.rects if row == r1), key=lambda rect: abs(_mid(rect) - _mid(start)))
        x = self._clear_x(start, _mid(end))
        points = [(x, start[3])]
        if r1 == r0:  # two pieces of one row: joined below it
            y = self._band_y(r0)
            target = self._clear_x(end, x)
            return _tidy(points + [(x, y), (target, y), (target, end[3])])
        for r in range(r0, r1):
            y = self._band_y(r)
            points.append((x, y))
            if r + 1 < r1:  # pass the row in between through a gap
                _, gap = min(self._gaps(r + 1), key=lambda g: (g[0], abs(g[1] - _mid(end)), g[1]))
                points.append((gap, y))
                x = gap
        target = self._clear_x(end, x)
        points += [(target, points[-1][1]), (target, end[1])]
        return _tidy(points)

    def _band_y(self, r: int) -> float:
        """The height of this household's joining lines below row ``r``: clear of bars and symbols."""
        return self.rows[r].bar_low + self.style.sizes.row_gap * self.band_share

    def _clear_x(self, rect: list[float], want: float) -> float:
        """A point along a piece's edge for a joining line: away from children's lines, near ``want``."""
        lo, hi = rect[0] + 4, rect[2] - 4
        if hi <= lo:
            return (rect[0] + rect[2]) / 2
        steps = [lo + (hi - lo) * k / 16 for k in range(17)]
        taken = self.verticals + getattr(self, "join_xs", [])
        return max(steps, key=lambda x: (min([abs(x - v) for v in taken] + [8.0]) >= 6, -abs(x - want)))
    def _gaps(self, r: int) -> list[tuple[bool, float]]:
        """The clear gaps between neighbours in row ``r`` (and beyond either end), away from hanging
        lines: (does a partnership line run through it, x)."""
        row = self.graph.rows[r]
        things = [n for n, i in enumerate(row) if i.kind != "union"]
        spans = [self.extent(row[n]) for n in things]
        gap = self.style.sizes.column_gap
        gaps = [(False, spans[0][0] - gap), (False, spans[-1][1] + gap)]
        for (a, b), (na, nb) in zip(zip(spans, spans[1:]), zip(things, things[1:])):
            if b[0] - a[1] >= 12:  # wide enough: the middle, or beside a line that hangs there
                free = [x for x in ((a[1] + b[0]) / 2, a[1] + 5, b[0] - 5)
                        if all(abs(x - v) >= 3 for v in self.verticals)]
                couple = any(i.kind == "union" for i in row[na + 1:nb])
                gaps += [(couple, x) for x in free[:1]]
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


def _mid(rect: list[float]) -> float:
    return (rect[0] + rect[2]) / 2


def _tidy(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop repeated points, and corners on a straight run (including a turn back along itself)."""
    out: list[tuple[float, float]] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 0.01 and abs(p[1] - out[-1][1]) < 0.01:
            continue
        while len(out) >= 2 and _straight(out[-2], out[-1], p):
            out.pop()
        out.append(p)
    return out


def _straight(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> bool:
    return (abs(a[0] - b[0]) < 0.01 and abs(b[0] - c[0]) < 0.01) or (abs(a[1] - b[1]) < 0.01 and abs(b[1] - c[1]) < 0.01)


def draw_households(canvas: Canvas, style: GenogramStyle, outlines: list[Outline]) -> None:
    """Each household's outline in its own colour and line style, taken in turn."""
    for n, outline in enumerate(outlines):
        colour, line = household_look(style, n)
        pieces = [list(zip(loop, loop[1:] + loop[:1])) for loop in outline.loops]
        pieces += [list(zip(join, join[1:])) for join in outline.joins]
        for piece in pieces:
            for (x1, y1), (x2, y2) in piece:
                canvas.line(x1, y1, x2, y2, style=line, colour=colour, width=style.sizes.household_line_width,
                            what="a household outline")
