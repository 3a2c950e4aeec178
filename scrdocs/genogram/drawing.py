"""The finished picture: every symbol and line at a fixed position, drawn by Graphviz.

``dot`` has chosen the horizontal positions (layout.py, around labels as
wide as the widest profile's, so every profile shares one layout) and
rows.py gives the rows their heights; here everything a ``dot`` graph cannot
express is added as plain geometry: people's symbols with the cross through
a deceased person's, partnership and children's lines (unions.py), then the
household outlines (households.py). Before the key (legend.py) is added the
geometry is checked (layout_check.py): a line through someone's symbol or an
outline around a non-member stops the drawing. The result is one DOT graph
with pinned positions, rendered by ``neato -n2``, so SVG, PNG and PDF show
the same picture.
"""

from __future__ import annotations

from ..case.model import Person, Role, Sex
from .boxes import LabelBox, label_boxes
from .canvas import LINE_SPACING, PERIPHERY_GAP, Canvas
from .family_graph import FamilyGraph, Item
from .households import HouseholdOutliner, Outline, draw_households
from .labels import Labeller
from .lanes import bypassing, lane_levels, lanes_per_row
from .layout import Placed, place
from .layout_check import check_layout
from .legend import draw_legend
from .rows import RowMetrics, bar_levels, row_metrics
from .style import GenogramStyle
from .unions import CROSS_SHARE, PartnershipLines


def _half(person: Person, size: float) -> float:
    """Half the outer size of a person's symbol (the subject's double outline is larger)."""
    return size / 2 + (PERIPHERY_GAP if person.role is Role.subject else 0)


class Drawing(PartnershipLines):
    """Draws one family graph onto a :class:`Canvas`."""

    def __init__(self, graph: FamilyGraph, labeller: Labeller, style: GenogramStyle,
                 boxes: dict[Item, LabelBox] | None = None):
        self.graph = graph
        self.labeller = labeller
        self.style = style
        self.canvas = Canvas(style)
        self.boxes = boxes if boxes is not None else label_boxes(graph, labeller.case, style)
        self.placed: dict[Item, Placed] = place(graph, self.boxes, style)
        self.used: set[str] = set()
        self.verticals: list[float] = []  # x of the lines that hang down between rows
        self.bypass = bypassing(graph)
        self.lane = lane_levels(graph, {i: self._partner_span(i) for i in self.bypass})
        self.drops = self.settle_drops()
        self.bar_level = bar_levels(graph, {u.index: self.union_lines(u) for u in graph.unions if u.has_descendants})
        self.rows = row_metrics(graph, self.boxes, style, self.bar_level, lanes_per_row(graph, self.lane))

    # -- geometry ---------------------------------------------------------
    def x(self, item: Item) -> float:
        return self.placed[item].x

    def person_x(self, pid: str) -> float:
        return self.placed[Item("person", pid)].x

    def row(self, pid: str) -> RowMetrics:
        return self.rows[self.graph.generation[pid]]

    def half(self, pid: str) -> float:
        return _half(self.graph.people[pid], self.style.sizes.symbol)

    def _partner_span(self, index: int) -> tuple[float, float]:
        xs = sorted(self.person_x(p) for p in self.graph.unions[index].partners)
        return xs[0], xs[-1]

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
            self.canvas.symbol(x, row.centre, person.sex, s.symbol, double=subject, owner=pid)
            self.used.add({Sex.M: "male", Sex.F: "female", Sex.U: "unknown"}[person.sex])
            if subject:
                self.used.add("subject")
            if person.dod:
                self.canvas.cross(x, row.centre, s.symbol / 2 * CROSS_SHARE[person.sex], owner=pid)
                self.used.add("deceased")
            self.text_under(Item("person", pid), x, row, self.labeller.person(person))

    def text_under(self, item: Item, x: float, row: RowMetrics, lines: list[str]) -> None:
        """A label under its symbol; the room it may take (in any profile) is kept clear of lines."""
        box = self.boxes[item]
        height = box.lines * self.style.font.size * LINE_SPACING
        owner = item.ref if item.kind == "person" else f"loss:{item.ref[0]}:{item.ref[1]}"
        self.canvas.mark((x - box.width / 2, row.label_top, x + box.width / 2, row.label_top + height), owner, "label")
        self.canvas.text(x, row.label_top, lines, size=self.style.font.size)

    # -- households -----------------------------------------------------------
    def household_outlines(self) -> list[Outline]:
        """Each household's outline (closed loops of corner points) and the lines joining its pieces."""
        return HouseholdOutliner(self.graph, self.rows, self.style, self._extent, self.verticals).outlines()

    # -- all --------------------------------------------------------------------
    def draw_family(self) -> list[Outline]:
        """Everything but the key, onto a fresh canvas, checked (layout_check.py) before anything else is added."""
        self.canvas = Canvas(self.style)
        self.used.clear()
        self.verticals.clear()
        self.draw_people()
        self.draw_unions()
        outlines = self.household_outlines()
        draw_households(self.canvas, self.style, outlines)
        for (label, members), outline in zip(self.graph.households, outlines):
            self.canvas.geometry.households.append((label, set(members), outline.loops))
        check_layout(self.canvas.geometry, self.graph)
        self.canvas.recording = False  # what follows (the key) is not part of the family
        return outlines

    def source(self, *, dpi: int | None = None) -> str:
        outlines = self.draw_family()
        spans = [self._extent(i) for row in self.graph.rows for i in row if i.kind != "union"]
        left, right = min(a for a, _ in spans), max(b for _, b in spans)
        bottom = max([self.rows[-1].label_bottom] + [y for o in outlines for line in o.loops + o.joins for _, y in line])
        draw_legend(self.canvas, self.style, self.graph, self.labeller, self.used,
                    left, bottom + 24, max(right - left, 360.0))
        return self.canvas.source(dpi=dpi)
