"""Partnership and children's lines: each runs between its own people and nobody else.

Neighbouring partners are joined at the height of their symbols' centres. A
partnership whose partners have someone between them is drawn over the row
on its own lane (lanes.py): up from the top of each partner's symbol, off
centre so it never runs along the line from that person's own parents, then
across. Children hang from a sibling bar below their own parents' line;
twins from one stalk.
"""

from __future__ import annotations

import math

from ..case.model import Sex
from .canvas import Canvas
from .family_graph import FamilyGraph, Item, Union
from .labels import Labeller
from .rows import BAR_STEP, LANE_CLEAR, LANE_STEP, RowMetrics
from .style import GenogramStyle

_TWIN_DROP = 10.0  # from the sibling bar down to the twins' shared stalk point
CROSS_SHARE = {Sex.M: 1.1, Sex.F: 1.0, Sex.U: 0.62}  # a cross's half-size, as a share of the symbol's


class PartnershipLines:
    """Mixin for the drawing (drawing.py), which gives the positions: x, person_x, row, half, text_under."""

    graph: FamilyGraph
    style: GenogramStyle
    canvas: Canvas
    rows: list[RowMetrics]
    lane: dict[int, int]
    bypass: set[int]
    bar_level: dict[int, int]
    used: set[str]
    verticals: list[float]
    drops: dict[int, float]
    labeller: Labeller

    # -- geometry --------------------------------------------------------------
    def lane_y(self, u: Union) -> float:
        return self.row(u.partners[0]).top - LANE_CLEAR - self.lane[u.index] * LANE_STEP

    def top_at(self, pid: str, dx: float) -> float:
        """The y of the top of a person's symbol outline, ``dx`` from its centre."""
        h, cy = self.half(pid), self.row(pid).centre
        sex = self.graph.people[pid].sex
        if sex is Sex.F:
            return cy - math.sqrt(max(h * h - dx * dx, 0.0))
        if sex is Sex.U:
            return cy - (h - abs(dx))
        return cy - h

    def upright_offsets(self) -> dict[tuple[int, str], float]:
        """Where each passing-over line leaves each partner's symbol, as an offset from its centre.

        Lines leaving one person on the same side get offsets of their own;
        the one on the lowest lane furthest out, so the uprights do not cross the lanes.
        """
        sides: dict[tuple[str, int], list[int]] = {}
        for i in self.bypass:
            u = self.graph.unions[i]
            for p in u.partners:
                other = next(q for q in u.partners if q != p)
                sides.setdefault((p, 1 if self.person_x(other) > self.person_x(p) else -1), []).append(i)
        out: dict[tuple[int, str], float] = {}
        for (p, sign), lines in sides.items():
            lines.sort(key=lambda i: (-self.lane[i], i))  # highest lane nearest the centre
            for k, i in enumerate(lines):
                share = 0.3 + 0.5 * (k + 1) / (len(lines) + 1) if len(lines) > 1 else 0.5
                out[(i, p)] = sign * share * self.style.sizes.symbol / 2
        return out

    def drop_x(self, u: Union, left: float, right: float) -> float:
        x = self.x(Item("union", u.index))
        return min(max(x, left + 6), right - 6) if right - left > 12 else (left + right) / 2

    def _drop_room(self, u: Union) -> tuple[float, float, float]:
        """Where a partnership's line would drop to its children, and how far either side it may move."""
        partners = sorted(u.partners, key=self.person_x)
        if len(partners) == 2 and u.index not in self.bypass:
            a, b = partners
            left, right = self.person_x(a) + self.half(a), self.person_x(b) - self.half(b)
            return self.drop_x(u, left, right), left + 6, right - 6
        x, half = self.x(Item("union", u.index)), self.placed[Item("union", u.index)].width / 2
        return x, x - half, x + half

    def settle_drops(self) -> dict[int, float]:
        """Each partnership's drop, moved aside where it would run down the line of another partnership's child."""
        room = {u.index: self._drop_room(u) for u in self.graph.unions if u.has_descendants}
        hanging: dict[int, list[float]] = {}
        for u in self.graph.unions:
            if u.has_descendants:
                hanging.setdefault(self.graph.generation[u.partners[0]], []).extend(self._child_xs(u))
        out = {}
        for i, (x, lo, hi) in room.items():
            others = [c for c in hanging[self.graph.generation[self.graph.unions[i].partners[0]]]
                      if c not in self._child_xs(self.graph.unions[i])]
            if any(abs(x - c) < 3 for c in others):
                x = next((c for c in (x + 6, x - 6, x + 10, x - 10, lo, hi)
                          if lo <= c <= hi and all(abs(c - o) >= 3 for o in others)), x)
            out[i] = x
        return out

    def union_lines(self, u: Union) -> tuple[float, list[float]]:
        """Where a partnership's line drops to its children, and where each child's line hangs."""
        return self.drops[u.index], self._child_xs(u)

    def _child_xs(self, u: Union) -> list[float]:
        twins_of = {m: members for members, _ in self.graph.twins for m in members}
        xs, done = [], set()
        for slot in u.slots:
            if slot.kind == "loss":
                xs.append(self.x(slot))
            elif slot.ref in twins_of:
                if slot.ref not in done:
                    done.update(twins_of[slot.ref])
                    xs.append(sum(self.person_x(m) for m in twins_of[slot.ref]) / len(twins_of[slot.ref]))
            else:
                xs.append(self.person_x(slot.ref))
        return xs

    # -- partnerships ------------------------------------------------------------
    def draw_unions(self) -> None:
        offsets = self.upright_offsets()
        for u in self.graph.unions:
            self._draw_union(u, offsets)

    def _draw_union(self, u: Union, offsets: dict[tuple[int, str], float]) -> None:
        partners = sorted(u.partners, key=self.person_x)
        row = self.row(partners[0])
        what = "a partnership line"
        if len(partners) == 2:
            a, b = partners
            style = getattr(self.style.lines, u.source.kind)
            self.used.add(u.source.kind)
            if u.index in self.bypass:
                y = self.lane_y(u)
                left, right = self.person_x(a) + offsets[(u.index, a)], self.person_x(b) + offsets[(u.index, b)]
                for p, x in ((a, left), (b, right)):
                    self.canvas.line(x, self.top_at(p, x - self.person_x(p)), x, y, style=style, what=what)
            else:
                y = row.centre
                left, right = self.person_x(a) + self.half(a), self.person_x(b) - self.half(b)
            drop = self.drops.get(u.index, (left + right) / 2)
            self.canvas.line(left, y, right, y, style=style, what=what)
            self._strokes_on(u, left, right, drop, y)
        else:
            (a,) = partners
            if not u.has_descendants:
                return
            drop, y = self.drops[u.index], row.centre
            edge = self.person_x(a) + (self.half(a) if drop >= self.person_x(a) else -self.half(a))
            self.canvas.line(edge, y, drop, y, what=what)
        if u.has_descendants:
            self._draw_children(u, drop, y, row)

    def _strokes_on(self, u: Union, left: float, right: float, drop: float, y: float) -> None:
        count = {"separated": 1, "divorced": 2}.get(u.source.status, 0)
        if not count:
            return
        self.used.add(u.source.status)
        lo, hi = max([(left, drop), (drop, right)], key=lambda sp: sp[1] - sp[0]) if u.has_descendants else (left, right)
        st, x = self.style.sizes.stroke, (lo + hi) / 2
        for dx in ([0.0] if count == 1 else [-3.5, 3.5]):
            self.canvas.line(x + dx - st * 0.45, y + st, x + dx + st * 0.45, y - st, what="a separation stroke")

    # -- children ----------------------------------------------------------------
    def _draw_children(self, u: Union, drop: float, line_y: float, row: RowMetrics) -> None:
        lines = self.style.lines
        bar = row.bar + self.bar_level[u.index] * BAR_STEP
        self.canvas.line(drop, line_y, drop, bar, what="a line down to children")
        self.verticals.append(drop)
        xs = [drop]
        twins_of = {m: (members, identical) for members, identical in self.graph.twins for m in members}
        done: set[str] = set()
        for slot in u.slots:
            if slot.kind == "loss":
                xs.append(self._draw_loss(u, slot, bar))
                continue
            cid = slot.ref
            if cid in done:
                continue
            if cid in twins_of:
                members, identical = twins_of[cid]
                done.update(members)
                xs.append(self._draw_twins(u, members, identical, bar))
                continue
            x = self.person_x(cid)
            link = u.links.get(cid, "birth")
            self.used.add(link)
            self.canvas.line(x, bar, x, self.row(cid).centre - self.half(cid), style=getattr(lines, link),
                             what="a child's line")
            self.verticals.append(x)
            xs.append(x)
        if max(xs) - min(xs) > 0.5:
            self.canvas.line(min(xs), bar, max(xs), bar, what="a sibling bar")

    def _draw_twins(self, u: Union, members: list[str], identical: bool, bar: float) -> float:
        tops = [(self.person_x(m), self.row(m).centre - self.half(m)) for m in members]
        apex_x = sum(x for x, _ in tops) / len(tops)
        apex_y = bar + _TWIN_DROP
        self.canvas.line(apex_x, bar, apex_x, apex_y, what="the twins' stalk")
        self.verticals.append(apex_x)
        for m, (x, top) in zip(members, tops):
            self.canvas.line(apex_x, apex_y, x, top, style=getattr(self.style.lines, u.links.get(m, "birth")),
                             what="a twin's line")
        self.used.add("identical_twins" if identical else "twins")
        if identical:
            (x0, top0), (x1, top1) = tops[0], tops[-1]
            self.canvas.line(apex_x + (x0 - apex_x) * 0.5, apex_y + (top0 - apex_y) * 0.5,
                             apex_x + (x1 - apex_x) * 0.5, apex_y + (top1 - apex_y) * 0.5, what="the identical twins' bar")
        return apex_x

    def _draw_loss(self, u: Union, slot: Item, bar: float) -> float:
        s = self.style.sizes
        loss = u.losses[slot.ref[1]]
        owner = f"loss:{slot.ref[0]}:{slot.ref[1]}"
        x = self.x(slot)
        child_row = self.rows[self.graph.row_of(slot)]
        y = child_row.centre
        self.used.add(loss.kind)
        if loss.kind == "stillbirth":
            half = s.stillbirth / 2
            self.canvas.symbol(x, y, loss.sex, s.stillbirth, owner=owner)
            self.canvas.cross(x, y, half * CROSS_SHARE[loss.sex], owner=owner)
        else:
            half = s.loss_cross / 2
            self.canvas.mark((x - half, y - half, x + half, y + half), owner, "symbol")
            self.canvas.cross(x, y, half, owner=owner)
        self.canvas.line(x, bar, x, y - half, what="a child's line")
        self.verticals.append(x)
        self.text_under(slot, x, child_row, self.labeller.loss(loss))
        return x
