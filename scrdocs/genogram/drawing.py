"""The finished picture: every symbol and line at a fixed position, drawn by Graphviz.

``dot`` has chosen the horizontal positions (layout.py) and rows.py gives the
rows their heights; here everything a ``dot`` graph cannot express is added as
plain geometry: people's symbols with the cross through a deceased person's,
partnership lines with their separation strokes, sibling bars and twin
stalks, then the household outlines (households.py) and the key (legend.py).
The result is one DOT graph with pinned positions, rendered by ``neato -n2``,
so SVG, PNG and PDF show the same picture.
"""

from __future__ import annotations

from ..case.model import Person, Role, Sex
from .canvas import PERIPHERY_GAP, Canvas
from .family_graph import FamilyGraph, Item, Union
from .households import HouseholdOutliner, Loops, draw_households
from .labels import Labeller
from .layout import Placed, place
from .legend import draw_legend
from .rows import BAR_STEP, RowMetrics, bar_levels, row_metrics
from .style import GenogramStyle

_TWIN_DROP = 10.0  # from the sibling bar down to the twins' shared stalk point


def _half(person: Person, size: float) -> float:
    """Half the outer size of a person's symbol (the subject's double outline is larger)."""
    return size / 2 + (PERIPHERY_GAP if person.role is Role.subject else 0)


class Drawing:
    """Draws one family graph onto a :class:`Canvas`."""

    def __init__(self, graph: FamilyGraph, labeller: Labeller, style: GenogramStyle):
        self.graph = graph
        self.labeller = labeller
        self.style = style
        self.canvas = Canvas(style)
        self.placed: dict[Item, Placed] = place(graph, labeller, style)
        self.used: set[str] = set()
        self.verticals: list[float] = []  # x of the lines that hang down between rows
        self.bar_level = bar_levels(graph, {u.index: self._union_lines(u) for u in graph.unions if u.has_descendants})
        self.rows = row_metrics(graph, labeller, style, self.bar_level)

    # -- geometry ---------------------------------------------------------
    def _union_lines(self, u: Union) -> tuple[float, list[float]]:
        """Where a partnership's line drops to its children, and where each child's line hangs."""
        partners = sorted(u.partners, key=self.person_x)
        if len(partners) == 2:
            a, b = partners
            drop = self._drop_x(u, self.person_x(a) + self.half(a), self.person_x(b) - self.half(b))
        else:
            drop = self.x(Item("union", u.index))
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
        return drop, xs

    def x(self, item: Item) -> float:
        return self.placed[item].x

    def person_x(self, pid: str) -> float:
        return self.placed[Item("person", pid)].x

    def row(self, pid: str) -> RowMetrics:
        return self.rows[self.graph.generation[pid]]

    def half(self, pid: str) -> float:
        return _half(self.graph.people[pid], self.style.sizes.symbol)

    def _extent(self, item: Item) -> tuple[float, float]:
        p = self.placed[item]
        half = p.width / 2
        if item.kind == "person":
            half = max(half, self.half(item.ref))
        elif item.kind == "loss":
            half = max(half, self.style.sizes.stillbirth / 2)
        return p.x - half, p.x + half

    # -- people -----------------------------------------------------------
    def draw_people(self) -> None:
        s = self.style.sizes
        for pid, person in self.graph.people.items():
            x, row = self.person_x(pid), self.row(pid)
            subject = person.role is Role.subject
            self.canvas.symbol(x, row.centre, person.sex, s.symbol, double=subject)
            self.used.add({Sex.M: "male", Sex.F: "female", Sex.U: "unknown"}[person.sex])
            if subject:
                self.used.add("subject")
            if person.dod:
                half = s.symbol / 2 * {Sex.M: 1.1, Sex.F: 1.0, Sex.U: 0.62}[person.sex]
                self.canvas.cross(x, row.centre, half)
                self.used.add("deceased")
            self.canvas.text(x, row.label_top, self.labeller.person(person), size=self.style.font.size)

    # -- partnerships and children ------------------------------------------
    def draw_unions(self) -> None:
        for u in self.graph.unions:
            self._draw_union(u)

    def _drop_x(self, u: Union, left: float, right: float) -> float:
        x = self.x(Item("union", u.index))
        return min(max(x, left + 6), right - 6) if right - left > 12 else (left + right) / 2

    def _draw_union(self, u: Union) -> None:
        lines = self.style.lines
        partners = sorted(u.partners, key=self.person_x)
        row = self.row(partners[0])
        y = row.centre
        if len(partners) == 2:
            a, b = partners
            left, right = self.person_x(a) + self.half(a), self.person_x(b) - self.half(b)
            style = getattr(lines, u.source.kind)
            self.canvas.line(left, y, right, y, style=style)
            self.used.add(u.source.kind)
            drop = self._drop_x(u, left, right)
            strokes = {"separated": 1, "divorced": 2}.get(u.source.status, 0)
            if strokes:
                self.used.add(u.source.status)
                if u.has_descendants:
                    spans = [(left, drop), (drop, right)]
                    lo, hi = max(spans, key=lambda sp: sp[1] - sp[0])
                else:
                    lo, hi = left, right
                self._strokes((lo + hi) / 2, y, strokes)
        else:
            (a,) = partners
            drop = self.x(Item("union", u.index))
            if not u.has_descendants:
                return
            edge = self.person_x(a) + (self.half(a) if drop >= self.person_x(a) else -self.half(a))
            self.canvas.line(edge, y, drop, y)
        if u.has_descendants:
            self._draw_children(u, drop, row)

    def _strokes(self, x: float, y: float, count: int) -> None:
        st = self.style.sizes.stroke
        offsets = [0.0] if count == 1 else [-3.5, 3.5]
        for dx in offsets:
            self.canvas.line(x + dx - st * 0.45, y + st, x + dx + st * 0.45, y - st)

    def _draw_children(self, u: Union, drop: float, row: RowMetrics) -> None:
        lines = self.style.lines
        bar = row.bar + self.bar_level[u.index] * BAR_STEP
        self.canvas.line(drop, row.centre, drop, bar)
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
            self.canvas.line(x, bar, x, self.row(cid).centre - self.half(cid), style=getattr(lines, link))
            self.verticals.append(x)
            xs.append(x)
        if max(xs) - min(xs) > 0.5:
            self.canvas.line(min(xs), bar, max(xs), bar)

    def _draw_twins(self, u: Union, members: list[str], identical: bool, bar: float) -> float:
        lines = self.style.lines
        tops = [(self.person_x(m), self.row(m).centre - self.half(m)) for m in members]
        apex_x = sum(x for x, _ in tops) / len(tops)
        apex_y = bar + _TWIN_DROP
        self.canvas.line(apex_x, bar, apex_x, apex_y)
        self.verticals.append(apex_x)
        for m, (x, top) in zip(members, tops):
            link = u.links.get(m, "birth")
            self.canvas.line(apex_x, apex_y, x, top, style=getattr(lines, link))
        self.used.add("identical_twins" if identical else "twins")
        if identical:
            t = 0.5
            (x0, top0), (x1, top1) = tops[0], tops[-1]
            self.canvas.line(apex_x + (x0 - apex_x) * t, apex_y + (top0 - apex_y) * t,
                             apex_x + (x1 - apex_x) * t, apex_y + (top1 - apex_y) * t)
        return apex_x

    def _draw_loss(self, u: Union, slot: Item, bar: float) -> float:
        s = self.style.sizes
        loss = u.losses[slot.ref[1]]
        x = self.x(slot)
        child_row = self.rows[self.graph.row_of(slot)]
        y = child_row.centre
        self.used.add(loss.kind)
        if loss.kind == "stillbirth":
            half = s.stillbirth / 2
            self.canvas.symbol(x, y, loss.sex, s.stillbirth)
            self.canvas.cross(x, y, half * {Sex.M: 1.1, Sex.F: 1.0, Sex.U: 0.62}[loss.sex])
        else:
            half = s.loss_cross / 2
            self.canvas.cross(x, y, half)
        self.canvas.line(x, bar, x, y - half)
        self.verticals.append(x)
        self.canvas.text(x, child_row.label_top, self.labeller.loss(loss), size=self.style.font.size)
        return x

    # -- households -----------------------------------------------------------
    def household_outlines(self) -> list[Loops]:
        """Each household's outline: closed loops of corner points."""
        return HouseholdOutliner(self.graph, self.rows, self.style, self._extent, self.verticals).outlines()

    # -- all --------------------------------------------------------------------
    def source(self, *, dpi: int | None = None) -> str:
        self.canvas.statements.clear()
        self.canvas.count = 0
        self.used.clear()
        self.verticals.clear()
        self.draw_people()
        self.draw_unions()
        draw_households(self.canvas, self.style, self.household_outlines())
        spans = [self._extent(i) for row in self.graph.rows for i in row if i.kind != "union"]
        left, right = min(a for a, _ in spans), max(b for _, b in spans)
        bottom = self.rows[-1].label_bottom + self.style.sizes.household_padding
        draw_legend(self.canvas, self.style, self.graph, self.labeller, self.used,
                    left, bottom + 24, max(right - left, 360.0))
        return self.canvas.source(dpi=dpi)
