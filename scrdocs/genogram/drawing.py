"""The finished picture: every symbol and line at a fixed position, drawn by Graphviz.

``dot`` has chosen the horizontal positions (layout.py); here the rows get
their heights and everything a ``dot`` graph cannot express is added as plain
geometry: partnership lines with their separation strokes, sibling bars,
twin stalks, the cross through a deceased person's symbol, household
outlines that enclose exactly their members, and the legend. The result is
one DOT graph with pinned positions, rendered by ``neato -n2``, so SVG, PNG
and PDF show the same picture.
"""

from __future__ import annotations

import itertools

import json
from dataclasses import dataclass, field

from ..case.model import Person, Role, Sex
from .family_graph import FamilyGraph, Item, Union
from .graphviz_run import run_graphviz
from .labels import Labeller
from .layout import Placed, place, quote
from .style import GenogramStyle

_SHAPES = {Sex.M: "box", Sex.F: "circle", Sex.U: "diamond"}
_PERIPHERY_GAP = 4.0  # Graphviz draws a second outline 4 points outside the first
_LINE_SPACING = 1.2  # Graphviz's line height, as a multiple of the font size
_LABEL_GAP = 5.0  # between a symbol and its label
_BAR_GAP = 12.0  # between a row's labels and its children's sibling bar
_TWIN_DROP = 10.0  # from the sibling bar down to the twins' shared stalk point
_BAR_STEP = 8.0  # between the sibling bars of two partnerships whose children's spans overlap
_MAX_ORDERINGS = 6  # overlapping partnerships tried in every order (6! = 720) to find the fewest crossings

#: legend entries in the order they are listed
LEGEND_ORDER = ("male", "female", "unknown", "subject", "deceased", "enduring", "transitory", "separated",
                "divorced", "birth", "adopted", "fostered", "twins", "identical_twins", "miscarriage",
                "abortion", "stillbirth")


@dataclass
class Canvas:
    """Collects DOT statements for a picture drawn in points, y growing downwards."""

    style: GenogramStyle
    statements: list[str] = field(default_factory=list)
    count: int = 0

    def _name(self) -> str:
        self.count += 1
        return f"a{self.count}"

    @staticmethod
    def _pos(x: float, y: float) -> str:
        return f'pos="{x:.2f},{-y:.2f}!"'

    def point(self, x: float, y: float) -> str:
        name = self._name()
        self.statements.append(f"{name} [shape=point, width=0.01, height=0.01, style=invis, {self._pos(x, y)}];")
        return name

    def line(self, x1: float, y1: float, x2: float, y2: float, *, style: str = "solid",
             colour: str | None = None, width: float | None = None) -> None:
        a, b = self.point(x1, y1), self.point(x2, y2)
        attrs = [f"style={style}"]
        if colour:
            attrs.append(f"color={quote(colour)}")
        if width:
            attrs.append(f"penwidth={width:.2f}")
        self.statements.append(f"{a} -- {b} [{', '.join(attrs)}];")

    def cross(self, x: float, y: float, half: float, width: float | None = None) -> None:
        self.line(x - half, y - half, x + half, y + half, width=width)
        self.line(x - half, y + half, x + half, y - half, width=width)

    def symbol(self, x: float, y: float, sex: Sex, size: float, *, double: bool = False) -> None:
        s = self.style
        self.statements.append(
            f"{self._name()} [shape={_SHAPES[sex]}, width={size / 72:.4f}, height={size / 72:.4f}, fixedsize=true, "
            f"label=\"\", style=filled, fillcolor={quote(s.colours.fill)}, color={quote(s.colours.line)}, "
            f"penwidth={s.sizes.line_width:.2f}, peripheries={2 if double else 1}, {self._pos(x, y)}];")

    def text(self, x: float, top: float, lines: list[str], *, size: float, left: bool = False, width: float = 0) -> None:
        """Lines of text centred on ``x`` (or starting at ``x`` when ``left``), beginning at ``top``."""
        height = len(lines) * size * _LINE_SPACING
        if left:
            label = "".join(line + "\n" for line in lines)
            label_dot = quote(label).replace("\\n", "\\l")
            cx = x + width / 2
            extra = f"width={width / 72:.4f}, fixedsize=true, "
        else:
            label_dot = quote("\n".join(lines))
            cx = x
            extra = ""
        self.statements.append(f"{self._name()} [shape=plaintext, margin=0, height={height / 72:.4f}, {extra}"
                               f"fontsize={size}, label={label_dot}, {self._pos(cx, top + height / 2)}];")

    def source(self, *, dpi: int | None = None) -> str:
        s = self.style
        head = [
            "graph genogram {",
            f"graph [outputorder=nodesfirst, splines=line, pad=0.2, margin=0, bgcolor=white{f', dpi={dpi}' if dpi else ''}];",
            f"node [fontname={quote(s.font.name)}, fontsize={s.font.size}, fontcolor={quote(s.colours.line)}];",
            f"edge [penwidth={s.sizes.line_width:.2f}, color={quote(s.colours.line)}, headclip=false, tailclip=false];",
        ]
        return "\n".join(head + self.statements + ["}"]) + "\n"


def _half(person: Person, size: float) -> float:
    """Half the outer size of a person's symbol (the subject's double outline is larger)."""
    return size / 2 + (_PERIPHERY_GAP if person.role is Role.subject else 0)


@dataclass
class _RowMetrics:
    top: float  # top of the symbols
    centre: float
    label_top: float
    label_bottom: float
    bar: float  # the sibling bar of this row's children (the first, when half-siblings need several)
    bar_low: float = 0.0  # the lowest sibling bar of the row


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
        self.bar_level = self._bar_levels()
        self.rows = self._row_metrics()

    # -- geometry ---------------------------------------------------------
    def _row_metrics(self) -> list[_RowMetrics]:
        s = self.style.sizes
        line = self.style.font.size * _LINE_SPACING
        rows: list[_RowMetrics] = []
        top = 0.0
        for row in self.graph.rows:
            people = [self.graph.people[i.ref] for i in row if i.kind == "person"]
            has_subject = any(p.role is Role.subject for p in people)
            n_lines = max([len(self.labeller.person(p)) for p in people] + [1])
            top_edge = top + (_PERIPHERY_GAP if has_subject else 0)
            centre = top_edge + s.symbol / 2
            label_top = centre + s.symbol / 2 + _PERIPHERY_GAP * has_subject + _LABEL_GAP
            label_bottom = label_top + n_lines * line
            bar = label_bottom + _BAR_GAP
            levels = max([self.bar_level[u.index] for u in self.graph.unions
                          if u.has_descendants and self.graph.generation[u.partners[0]] == len(rows)] + [0])
            bar_low = bar + levels * _BAR_STEP
            rows.append(_RowMetrics(top, centre, label_top, label_bottom, bar, bar_low))
            top = bar_low + s.row_gap
        return rows

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

    def _bar_levels(self) -> dict[int, int]:
        """The level of each partnership's sibling bar (0 = the row's usual height).

        Half-siblings hang from different partnerships of one parent; when the
        bars of two partnerships would overlap they would read as one sibling
        group, so the later one is drawn lower. Of the possible orders, the one
        whose lines cross fewest bars is used (ties: the fewest levels, then
        left to right), so who is whose child stays readable.
        """
        levels: dict[int, int] = {u.index: 0 for u in self.graph.unions}
        lines = {u.index: self._union_lines(u) for u in self.graph.unions if u.has_descendants}
        span = {i: (min([d, *xs]), max([d, *xs])) for i, (d, xs) in lines.items()}

        def overlap(i: int, j: int) -> bool:
            return span[i][0] < span[j][1] + 2 and span[j][0] < span[i][1] + 2

        def inside(x: float, i: int) -> bool:
            return span[i][0] + 1 < x < span[i][1] - 1

        by_row: dict[int, list[int]] = {}
        for u in self.graph.unions:
            if u.index in lines:
                by_row.setdefault(self.graph.generation[u.partners[0]], []).append(u.index)
        for row in by_row.values():
            row.sort(key=lambda i: (span[i][0], i))
            clusters: list[list[int]] = []
            for i in row:  # connected groups of overlapping bars
                joined = [c for c in clusters if any(overlap(i, j) for j in c)]
                for c in joined:
                    clusters.remove(c)
                clusters.append(sorted(sum(joined, []) + [i], key=lambda k: (span[k][0], k)))
            for cluster in clusters:
                if len(cluster) == 1:
                    continue
                orders = itertools.permutations(cluster) if len(cluster) <= _MAX_ORDERINGS else [tuple(cluster)]
                best = None
                for rank, order in enumerate(orders):
                    level: dict[int, int] = {}
                    for i in order:
                        taken = {level[j] for j in level if overlap(i, j)}
                        level[i] = next(n for n in range(len(cluster)) if n not in taken)
                    crossings = 0
                    for i in cluster:
                        for j in cluster:
                            if level[i] > level[j] and overlap(i, j):
                                crossings += inside(lines[i][0], j)  # i's drop passes j's bar
                                crossings += sum(inside(x, i) for x in lines[j][1])  # j's child lines pass i's bar
                    key = (crossings, max(level.values()), rank)
                    if best is None or key < best[0]:
                        best = (key, level)
                levels.update(best[1])
        return levels

    def x(self, item: Item) -> float:
        return self.placed[item].x

    def person_x(self, pid: str) -> float:
        return self.placed[Item("person", pid)].x

    def row(self, pid: str) -> _RowMetrics:
        return self.rows[self.graph.generation[pid]]

    def half(self, pid: str) -> float:
        return _half(self.graph.people[pid], self.style.sizes.symbol)

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

    def _draw_children(self, u: Union, drop: float, row: _RowMetrics) -> None:
        lines = self.style.lines
        bar = row.bar + self.bar_level[u.index] * _BAR_STEP
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
    def household_outlines(self) -> list[list[list[tuple[float, float]]]]:
        """Each household's outline: closed loops of corner points."""
        return [self._outline(set(members)) for _, members in self.graph.households]

    def _extent(self, item: Item) -> tuple[float, float]:
        p = self.placed[item]
        half = p.width / 2
        if item.kind == "person":
            half = max(half, self.half(item.ref))
        elif item.kind == "loss":
            half = max(half, self.style.sizes.stillbirth / 2)
        return p.x - half, p.x + half

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
                        spans = [self._extent(i) for i in current if i.kind != "union"]
                        runs.append((r, min(a for a, _ in spans), max(b for _, b in spans)))
                    current, pending = [], []
        return runs

    def _outline(self, members: set[str]) -> list[list[tuple[float, float]]]:
        pad = self.style.sizes.household_padding
        runs = self._runs(members)
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
        clear = min(4.0, pad * 0.7)
        for rect in rects:  # never run the outline along a child's line, where it would hide it
            for side, outward in ((0, -1.0), (2, 1.0)):
                near = [v for v in self.verticals if abs(rect[side] - v) < clear]
                if near:
                    v = min(near, key=lambda v: abs(rect[side] - v))
                    away = rect[side] - v
                    rect[side] = v + (clear if away > 0 else -clear if away < 0 else outward * clear)
        self._bridge([r for r, _, _ in runs], rects)
        return union_outline([tuple(r) for r in rects])

    def _bridge(self, run_rows: list[int], rects: list[list[float]]) -> None:
        """Join the parts of one household that sit apart, so it is never mistaken for two.

        Narrow bands run through the space between rows (where only lines
        run, never a symbol or label) and, to pass a row in between, down
        through a gap between two neighbours in that row.
        """
        def touching(a: list[float], b: list[float]) -> bool:
            return a[0] < b[2] and b[0] < a[2] and a[1] <= b[3] and b[1] <= a[3]

        group = list(range(len(rects)))

        def find(i: int) -> int:
            while group[i] != i:
                i = group[i]
            return i

        for i in range(len(rects)):
            for j in range(i):
                if touching(rects[i], rects[j]):
                    group[find(i)] = find(j)
        runs = len(rects)
        while True:
            pairs = [(run_rows[j] - run_rows[i], abs((rects[i][0] + rects[i][2]) - (rects[j][0] + rects[j][2])), i, j)
                     for i in range(runs) for j in range(runs)
                     if i != j and run_rows[j] >= run_rows[i] and find(i) != find(j)]
            if not pairs:
                return
            _, _, i, j = min(pairs)
            upper, lower = rects[i], rects[j]
            r0, r1 = run_rows[i], run_rows[j]
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
            group[find(i)] = find(j)

    def _band(self, r: int) -> tuple[float, float]:
        """The strip below row ``r``'s sibling bar and above the next row's symbols."""
        bar = self.rows[r].bar_low
        gap = self.style.sizes.row_gap
        return bar + gap * 0.3, bar + gap * 0.75

    def _gaps(self, r: int) -> list[float]:
        """x of the clear gaps between neighbours in row ``r`` (and beyond either end)."""
        spans = [self._extent(i) for i in self.graph.rows[r] if i.kind != "union"]
        gap = self.style.sizes.column_gap
        gaps = [spans[0][0] - gap, spans[-1][1] + gap]
        gaps += [(a[1] + b[0]) / 2 for a, b in zip(spans, spans[1:]) if b[0] - a[1] >= 12]
        return gaps

    def draw_households(self) -> None:
        s = self.style
        for n, loops in enumerate(self.household_outlines()):
            colour = s.colours.household[n % len(s.colours.household)]
            for loop in loops:
                for (x1, y1), (x2, y2) in zip(loop, loop[1:] + loop[:1]):
                    self.canvas.line(x1, y1, x2, y2, style=s.lines.household, colour=colour,
                                     width=s.sizes.household_line_width)

    # -- legend -----------------------------------------------------------------
    def draw_legend(self, left: float, top: float, room: float) -> None:
        """The key, below the drawing: only the symbols used, in columns that fit its width."""
        st = self.style
        size = st.font.legend_size
        entries = [(key, getattr(st.legend, key)) for key in LEGEND_ORDER if key in self.used]
        for n, (label, members) in enumerate(self.graph.households):
            entries.append((f"household{n}", st.legend.household.format(self.labeller.household(label, members))))
        if not entries:
            return
        widths = measure([st.legend.title] + [t for _, t in entries], st.font.name, size)
        title_w, widths = widths[0], widths[1:]
        step = max(18.0, size * 2.2)
        sample_w, gap, pad, col_gap = 34.0, 8.0, 8.0, 24.0
        entry_w = [sample_w + gap + w for w in widths]
        columns = 1
        for k in range(4, 0, -1):
            per = -(-len(entries) // k)
            cols = [entry_w[c * per:(c + 1) * per] for c in range(k)]
            total = sum(max(c) for c in cols if c) + col_gap * (k - 1) + 2 * pad
            if total <= room or k == 1:
                columns = k
                break
        per = -(-len(entries) // columns)
        text_h = size * _LINE_SPACING
        self.canvas.text(left + pad, top + pad, [st.legend.title], size=size + 1, left=True, width=title_w + 8)
        y0 = top + pad + step
        x = left + pad
        for c in range(columns):
            chunk = list(zip(entries, widths))[c * per:(c + 1) * per]
            if not chunk:
                break
            for n, ((key, label), w) in enumerate(chunk):
                y = y0 + n * step
                self._sample(key, x, y + text_h / 2, sample_w)
                self.canvas.text(x + sample_w + gap, y, [label], size=size, left=True, width=w + 4)
            x += max(entry_w[c * per:(c + 1) * per]) + col_gap
        right = x - col_gap + pad
        bottom = y0 + (per - 1) * step + text_h + pad
        corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
        for (x1, y1), (x2, y2) in zip(corners, corners[1:] + corners[:1]):
            self.canvas.line(x1, y1, x2, y2, colour="#808080", width=0.6)

    def _sample(self, key: str, x: float, cy: float, w: float) -> None:
        c, lines = self.canvas, self.style.lines
        mid, sym = x + w / 2, 12.0
        if key in ("male", "female", "unknown", "subject", "deceased"):
            sex = {"female": Sex.F, "unknown": Sex.U}.get(key, Sex.M)
            c.symbol(mid, cy, sex, sym if key != "subject" else sym - 4, double=key == "subject")
            if key == "deceased":
                c.cross(mid, cy, sym / 2 * 1.1)
        elif key in ("enduring", "transitory", "separated", "divorced"):
            c.line(x, cy, x + w, cy, style=getattr(lines, "transitory" if key == "transitory" else "enduring"))
            if key in ("separated", "divorced"):
                st = self.style.sizes.stroke * 0.7
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
            c.cross(mid, cy, self.style.sizes.loss_cross / 2)
        elif key.startswith("household"):
            n = int(key.removeprefix("household"))
            colours = self.style.colours.household
            c.line(x, cy, x + w, cy, style=lines.household, colour=colours[n % len(colours)],
                   width=self.style.sizes.household_line_width)
        elif key == "stillbirth":
            c.symbol(mid, cy, Sex.M, 10)
            c.cross(mid, cy, 5)

    # -- all --------------------------------------------------------------------
    def source(self, *, dpi: int | None = None) -> str:
        self.canvas.statements.clear()
        self.canvas.count = 0
        self.used.clear()
        self.verticals.clear()
        self.draw_people()
        self.draw_unions()
        self.draw_households()
        spans = [self._extent(i) for row in self.graph.rows for i in row if i.kind != "union"]
        left, right = min(a for a, _ in spans), max(b for _, b in spans)
        bottom = self.rows[-1].label_bottom + self.style.sizes.household_padding
        self.draw_legend(left, bottom + 24, max(right - left, 360.0))
        return self.canvas.source(dpi=dpi)


def measure(texts: list[str], font: str, size: float) -> list[float]:
    """Widths in points of single-line texts, measured by Graphviz with the real font."""
    body = "\n".join(f"t{n} [label={quote(t)}];" for n, t in enumerate(texts))
    source = (f"digraph measure {{ node [shape=plaintext, margin=0, fontname={quote(font)}, fontsize={size}, "
              f"width=0.01, height=0.01];\n{body}\n}}")
    objects = json.loads(run_graphviz("dot", ["-Tjson0"], source)).get("objects", [])
    widths = {o["name"]: float(o["width"]) * 72 for o in objects if "width" in o}
    return [widths[f"t{n}"] for n in range(len(texts))]


def union_outline(rects: list[tuple[float, float, float, float]]) -> list[list[tuple[float, float]]]:
    """The outline of a union of rectangles, as closed loops of corner points (clockwise on screen)."""
    if not rects:
        return []
    xs = sorted({v for r in rects for v in (r[0], r[2])})
    ys = sorted({v for r in rects for v in (r[1], r[3])})

    def covered(i: int, j: int) -> bool:
        if not (0 <= i < len(xs) - 1 and 0 <= j < len(ys) - 1):
            return False
        return any(r[0] <= xs[i] and xs[i + 1] <= r[2] and r[1] <= ys[j] and ys[j + 1] <= r[3] for r in rects)

    nxt: dict[tuple[float, float], list[tuple[float, float]]] = {}
    for i in range(len(xs) - 1):
        for j in range(len(ys) - 1):
            if not covered(i, j):
                continue
            x0, x1, y0, y1 = xs[i], xs[i + 1], ys[j], ys[j + 1]
            if not covered(i, j - 1):
                nxt.setdefault((x0, y0), []).append((x1, y0))
            if not covered(i + 1, j):
                nxt.setdefault((x1, y0), []).append((x1, y1))
            if not covered(i, j + 1):
                nxt.setdefault((x1, y1), []).append((x0, y1))
            if not covered(i - 1, j):
                nxt.setdefault((x0, y1), []).append((x0, y0))
    loops = []
    while nxt:
        start = min(nxt)
        loop = [start]
        point = start
        while True:
            targets = nxt[point]
            target = targets.pop(0)
            if not targets:
                del nxt[point]
            if target == start:
                break
            loop.append(target)
            point = target
        loops.append(_simplify(loop))
    return loops


def _simplify(loop: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Drop corner points that lie on a straight run."""
    out = []
    n = len(loop)
    for k in range(n):
        (ax, ay), (bx, by), (cx, cy) = loop[k - 1], loop[k], loop[(k + 1) % n]
        if (ax == bx == cx) or (ay == by == cy):
            continue
        out.append(loop[k])
    return out
