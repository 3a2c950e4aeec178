"""Where things go across the page: ``dot`` places each row, keeping our order.

The rows' left-to-right order is fixed by the family graph (invisible edges
chain each row). ``dot`` then chooses the horizontal positions, centring
parents over their children, and measures the labels with the real font. The
vertical positions are ours (see drawing.py), so every row lines up exactly.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from .family_graph import FamilyGraph, Item
from .graphviz_run import run_graphviz
from .labels import Labeller
from .style import GenogramStyle

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


def layout_source(graph: FamilyGraph, labeller: Labeller, style: GenogramStyle) -> str:
    s = style.sizes
    ids = NodeIds(graph)
    union_width = max(0.01, (s.partner_gap - 2 * s.column_gap) / 72)
    out = [
        "digraph layout {",
        f'graph [rankdir=TB, nodesep={s.column_gap / 72:.3f}, ranksep=0.25, splines=false, newrank=true];',
        f"node [fontname={quote(style.font.name)}, fontsize={style.font.size}, margin=\"{_MARGIN},0.02\", "
        f"fixedsize=false, shape=box, label=\"\"];",
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
            if item.kind == "person":
                label = "\n".join(labeller.person(graph.people[item.ref]))
                out.append(f"{name} [label={quote(label)}, width={s.symbol / 72:.3f}, height={s.symbol / 72:.3f}];")
            elif item.kind == "union":
                out.append(f"{name} [width={union_width:.3f}, height=0.01];")
            else:
                u, k = item.ref
                label = "\n".join(labeller.loss(graph.unions[u].losses[k]))
                out.append(f"{name} [label={quote(label)}, width={s.stillbirth / 72:.3f}, height=0.1];")
        out.append(f"{{rank=same; r{2 * r}; {'; '.join(names)};}}")
        if names:
            out.append(f"r{2 * r} -> {names[0]} [weight=0];")
        for left, right, a, b in zip(row, row[1:], names, names[1:]):
            tight = "union" in (left.kind, right.kind)
            out.append(f"{a} -> {b} [weight={5 if tight else 1}];")
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


def place(graph: FamilyGraph, labeller: Labeller, style: GenogramStyle) -> dict[Item, Placed]:
    """Run ``dot`` on the layout and read back every item's centre and width."""
    ids = NodeIds(graph)
    raw = run_graphviz("dot", ["-Tjson0"], layout_source(graph, labeller, style))
    nodes = {o["name"]: o for o in json.loads(raw).get("objects", []) if "pos" in o}
    placed: dict[Item, Placed] = {}
    for row in graph.rows:
        for item in row:
            node = nodes[ids.of(item)]
            x = float(node["pos"].split(",")[0])
            width = float(node["width"]) * 72 - (2 * _MARGIN * 72 if item.kind != "union" else 0)
            placed[item] = Placed(x=x, width=width)
        xs = [placed[i].x for i in row]
        if xs != sorted(xs):  # dot keeps flat-edge order; if it ever did not, say so
            log.warning("Graphviz changed the order of a genogram row; the drawing may be harder to read.")
    return placed
