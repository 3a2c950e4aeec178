"""Where things go across the page: ``dot`` places each row, keeping our order.

The rows' left-to-right order is fixed by the family graph (invisible edges
chain each row). ``dot`` then chooses the horizontal positions, centring
parents over their children. Each item is as wide as its label in the widest
profile (boxes.py), so every profile gets the same positions; neighbours in
different households are set further apart so the two outlines do not touch.
The vertical positions are ours (see rows.py), so every row lines up exactly.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from typing import TYPE_CHECKING

from .family_graph import FamilyGraph, Item
from .graphviz_run import run_graphviz
from .style import GenogramStyle

if TYPE_CHECKING:  # boxes.py measures with canvas.py, which takes quote() from here
    from .boxes import LabelBox

log = logging.getLogger("scrdocs")
_MARGIN = 0.04  # inches either side of a label in the layout pass


@dataclass(frozen=True)
class Placed:
    x: float  # centre, in points
    width: float  # the space the item and its label take up, in points


def quote(text: str) -> str:
    """A DOT double-quoted string (backslashes, quotes and newlines escaped)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


class NodeIds:
    """Opaque node names: Graphviz writes them into SVG titles and comments, so never a person id."""

    def __init__(self, graph: FamilyGraph):
        self.person = {pid: f"n{k + 1}" for k, pid in enumerate(graph.people)}

    def of(self, item: Item) -> str:
        if item.kind == "person":
            return self.person[item.ref]
        if item.kind == "union":
            return f"u{item.ref + 1}"
        return f"l{item.ref[0] + 1}_{item.ref[1] + 1}"


def _homes(graph: FamilyGraph) -> dict[str, frozenset[int]]:
    homes: dict[str, set[int]] = {}
    for n, (_, members) in enumerate(graph.households):
        for pid in members:
            homes.setdefault(pid, set()).add(n)
    return {pid: frozenset(v) for pid, v in homes.items()}


def _boundaries(graph: FamilyGraph, row: list[Item]) -> list[bool]:
    """For each gap between neighbours in a row: does a household outline run through it?"""
    homes = _homes(graph)

    def home(item: Item | None) -> frozenset[int]:
        return homes.get(item.ref, frozenset()) if item is not None and item.kind == "person" else frozenset()

    out = []
    for k in range(len(row) - 1):
        left = next((i for i in reversed(row[:k + 1]) if i.kind != "union"), None)
        right = next((i for i in row[k + 1:] if i.kind != "union"), None)
        out.append(left is not None and right is not None and home(left) != home(right))
    return out


def _node_width(item: Item, boxes: dict[Item, LabelBox], style: GenogramStyle) -> float:
    """Points: the item's symbol or its label, whichever is wider, with a margin either side."""
    s = style.sizes
    own = s.symbol if item.kind == "person" else s.stillbirth
    return max(own, boxes[item].width + 2 * _MARGIN * 72)


def layout_source(graph: FamilyGraph, boxes: dict[Item, LabelBox], style: GenogramStyle) -> str:
    s = style.sizes
    ids = NodeIds(graph)
    union_width = max(0.01, (s.partner_gap - 2 * s.column_gap) / 72)
    out = [
        "digraph layout {",
        f'graph [rankdir=TB, nodesep={s.column_gap / 72:.3f}, ranksep=0.25, splines=false, newrank=true];',
        'node [fixedsize=true, shape=box, label=""];',
        "edge [style=invis, arrowhead=none];",
    ]
    depth = len(graph.rows)
    for k in range(2 * depth):
        out.append(f"r{k} [width=0.01, height=0.01];")
    out.append(" -> ".join(f"r{k}" for k in range(2 * depth)) + ";" if depth > 1 else "")
    for r, row in enumerate(graph.rows):
        names = []
        for item in row:
            name = ids.of(item)
            names.append(name)
            if item.kind == "union":
                out.append(f"{name} [width={union_width:.3f}, height=0.01];")
            else:
                out.append(f"{name} [width={_node_width(item, boxes, style) / 72:.3f}, height={s.symbol / 72:.3f}];")
        out.append(f"{{rank=same; r{2 * r}; {'; '.join(names)};}}")
        if names:
            out.append(f"r{2 * r} -> {names[0]} [weight=0];")
        spacers, apart = [], _boundaries(graph, row)
        for k, (left, right, a, b) in enumerate(zip(row, row[1:], names, names[1:])):
            tight = "union" in (left.kind, right.kind)
            if apart[k]:  # room for two households' outlines side by side
                gap = f"g{r}_{k}"
                spacers.append(gap)
                out.append(f"{gap} [width={s.household_padding / 72:.3f}, height=0.01];")
                out.append(f"{a} -> {gap} [weight={5 if tight else 1}];")
                out.append(f"{gap} -> {b} [weight={5 if tight else 1}];")
            else:
                out.append(f"{a} -> {b} [weight={5 if tight else 1}];")
        if spacers:
            out.append(f"{{rank=same; r{2 * r}; {'; '.join(spacers)};}}")
        sibships = [f"s{item.ref + 1}" for item in row if item.kind == "union" and graph.unions[item.ref].has_descendants]
        if sibships:
            out.append(f"{{rank=same; r{2 * r + 1}; {'; '.join(sibships)};}}")
    for u in graph.unions:
        if not u.has_descendants:
            continue
        out.append(f"s{u.index + 1} [width=0.01, height=0.01];")
        out.append(f"u{u.index + 1} -> s{u.index + 1} [weight=10];")
        for slot in u.slots:
            out.append(f"s{u.index + 1} -> {ids.of(slot)} [weight=3];")
    out.append("}")
    return "\n".join(line for line in out if line)


def place(graph: FamilyGraph, boxes: dict[Item, LabelBox], style: GenogramStyle) -> dict[Item, Placed]:
    """Run ``dot`` on the layout and read back every item's centre and width (its label's, for a person)."""
    ids = NodeIds(graph)
    raw = run_graphviz("dot", ["-Tjson0"], layout_source(graph, boxes, style))
    nodes = {o["name"]: o for o in json.loads(raw).get("objects", []) if "pos" in o}
    placed: dict[Item, Placed] = {}
    for row in graph.rows:
        xs = [float(nodes[ids.of(item)]["pos"].split(",")[0]) for item in row]
        if xs != sorted(xs):  # dot keeps flat-edge order as a rule, not always (families joined by marriage)
            log.info("Graphviz changed the order of a genogram row; the row was spaced out again in its order.")
            xs = _in_order(xs, _separations(graph, row, [float(nodes[ids.of(i)]["width"]) * 72 for i in row], style))
        for item, x in zip(row, xs):
            width = float(nodes[ids.of(item)]["width"]) * 72 if item.kind == "union" else boxes[item].width
            placed[item] = Placed(x=x, width=width)
    return placed


def _separations(graph: FamilyGraph, row: list[Item], widths: list[float], style: GenogramStyle) -> list[float]:
    """The least distance between each neighbour's centre and the next, as ``dot`` would keep it."""
    gap, spacer = style.sizes.column_gap, style.sizes.household_padding
    apart = _boundaries(graph, row)
    return [(a + b) / 2 + gap + (spacer + gap if far else 0) for a, b, far in zip(widths, widths[1:], apart)]


def _in_order(xs: list[float], seps: list[float]) -> list[float]:
    """The positions nearest to ``xs`` (least squares) that keep the row's order and spacing.

    With the spacing taken off, this is isotonic regression, solved by pooling
    adjacent violators: neighbours out of order are moved to their mean.
    """
    offsets = [0.0]
    for sep in seps:
        offsets.append(offsets[-1] + sep)
    blocks: list[list[float]] = []  # [mean, count]
    for x, off in zip(xs, offsets):
        blocks.append([x - off, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            (m2, n2), (m1, n1) = blocks.pop(), blocks.pop()
            blocks.append([(m1 * n1 + m2 * n2) / (n1 + n2), n1 + n2])
    flat = [m for m, n in blocks for _ in range(int(n))]
    return [round(y + off, 2) for y, off in zip(flat, offsets)]
