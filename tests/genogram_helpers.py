"""Helpers for the genogram tests: read a genogram SVG back as geometry.

The tests judge the picture from what Graphviz really wrote: symbols (node
shapes), lines (edge paths, with their dash pattern and colour) and texts.
"""

from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import yaml

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "genogram"
FAMILY = FIXTURES / "family.yaml"
NS = {"svg": "http://www.w3.org/2000/svg"}
DOTTED, DASHED = "1,5", "5,2"


def family_data() -> dict:
    return yaml.safe_load(FAMILY.read_text(encoding="utf-8"))


def case_from(data: dict):
    # the case loader reads dates as text; safe_load made some of them dates, so go through YAML text again
    from scrdocs.case.casefile import read_case_text

    return read_case_text(yaml.safe_dump(_dates_as_text(copy.deepcopy(data))), "test.yaml")


def _dates_as_text(value):
    import datetime

    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


@dataclass(frozen=True)
class Symbol:
    shape: str  # box | circle | diamond
    cx: float
    cy: float
    half_w: float
    half_h: float
    outlines: int  # 2 for the subject's double outline

    def corners(self) -> list[tuple[float, float]]:
        return [(self.cx + dx * self.half_w, self.cy + dy * self.half_h) for dx in (-1, 1) for dy in (-1, 1)]


@dataclass(frozen=True)
class Segment:
    x1: float
    y1: float
    x2: float
    y2: float
    dash: str | None
    colour: str
    width: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y2) < 0.01

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x2) < 0.01

    @property
    def length(self) -> float:
        return ((self.x1 - self.x2) ** 2 + (self.y1 - self.y2) ** 2) ** 0.5


@dataclass(frozen=True)
class Text:
    text: str
    x: float
    y: float
    anchor: str


class Picture:
    def __init__(self, svg: bytes):
        self.root = ET.fromstring(svg)
        self.symbols: list[Symbol] = []
        self.segments: list[Segment] = []
        self.texts: list[Text] = []
        for g in self.root.iter("{http://www.w3.org/2000/svg}g"):
            kind = g.get("class")
            if kind == "node":
                self._node(g)
            elif kind == "edge":
                self._edge(g)

    def _node(self, g) -> None:
        shapes = [el for el in g if el.tag.split("}")[1] in ("polygon", "ellipse")]
        for t in g.findall("svg:text", NS):
            self.texts.append(Text(t.text or "", float(t.get("x")), float(t.get("y")), t.get("text-anchor", "")))
        if not shapes:
            return
        inner = shapes[0]
        if inner.tag.endswith("ellipse"):
            s = Symbol("circle", float(inner.get("cx")), float(inner.get("cy")), float(inner.get("rx")),
                       float(inner.get("ry")), len(shapes))
        else:
            pts = [tuple(map(float, p.split(","))) for p in inner.get("points").split()][:-1]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
            on_axis = all(abs(x - cx) < 0.01 or abs(y - cy) < 0.01 for x, y in pts)
            s = Symbol("diamond" if on_axis else "box", cx, cy, (max(xs) - min(xs)) / 2, (max(ys) - min(ys)) / 2, len(shapes))
        self.symbols.append(s)

    def _edge(self, g) -> None:
        path = g.find("svg:path", NS)
        nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path.get("d"))]
        self.segments.append(Segment(nums[0], nums[1], nums[-2], nums[-1], path.get("stroke-dasharray"),
                                     path.get("stroke"), float(path.get("stroke-width", "1"))))

    # -- look-ups ------------------------------------------------------------
    def text(self, value: str) -> Text:
        found = [t for t in self.texts if t.text == value]
        assert len(found) == 1, f"expected one text {value!r}, found {len(found)}"
        return found[0]

    def symbol_above(self, label: str) -> Symbol:
        """The symbol whose label (first line) is ``label``."""
        t = self.text(label)
        below = [s for s in self.symbols if abs(s.cx - t.x) < 0.6 and s.cy < t.y]
        assert below, f"no symbol above {label!r}"
        return max(below, key=lambda s: s.cy)

    def segments_near(self, x: float, y: float, tol: float = 0.6) -> list[Segment]:
        return [s for s in self.segments
                if (abs(s.x1 - x) < tol and abs(s.y1 - y) < tol) or (abs(s.x2 - x) < tol and abs(s.y2 - y) < tol)]

    def household_loops(self, colour: str) -> list[list[tuple[float, float]]]:
        """Rebuild the closed outlines drawn as dotted segments of one colour."""
        key_top = min((t.y for t in self.texts if t.text == "Key"), default=float("inf"))
        segs = [s for s in self.segments if s.dash == DOTTED and s.colour.lower() == colour.lower()
                and max(s.y1, s.y2) < key_top]  # not the sample line in the key
        remaining = [((round(s.x1, 1), round(s.y1, 1)), (round(s.x2, 1), round(s.y2, 1))) for s in segs]
        loops = []
        while remaining:
            a, b = remaining.pop(0)
            loop = [a, b]
            while loop[-1] != loop[0]:
                nxt = next(i for i, (p, _) in enumerate(remaining) if p == loop[-1])
                loop.append(remaining.pop(nxt)[1])
            loops.append(loop[:-1])
        return loops


def inside(point: tuple[float, float], loops: list[list[tuple[float, float]]]) -> bool:
    """Even-odd rule over all loops (ray casting)."""
    x, y = point
    crossings = 0
    for loop in loops:
        for (x1, y1), (x2, y2) in zip(loop, loop[1:] + loop[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


# -- geometry judged from the SVG alone (independent of the library's own layout check) -----------

NEW_FAMILIES = ["three_partners.yaml", "four_partners.yaml", "blended.yaml", "twins_with_partners.yaml",
                "grandparent_carer.yaml"]
_INSET = 0.75  # a line may end on an outline; going this far inside is entering


def key_top(pic: Picture) -> float:
    return min((t.y for t in pic.texts if t.text == "Key"), default=float("inf")) - 12


def family_symbols(pic: Picture) -> list[Symbol]:
    return [s for s in pic.symbols if s.cy < key_top(pic)]


def family_segments(pic: Picture) -> list[Segment]:
    return [s for s in pic.segments if max(s.y1, s.y2) < key_top(pic)]


def outer_half(sym: Symbol) -> tuple[float, float]:
    extra = 4.0 if sym.outlines == 2 else 0.0  # Graphviz's second outline is 4 points outside the first
    return sym.half_w + extra, sym.half_h + extra


def point_inside_symbol(x: float, y: float, sym: Symbol) -> bool:
    hw, hh = outer_half(sym)
    dx, dy = abs(x - sym.cx), abs(y - sym.cy)
    if sym.shape == "circle":
        return (dx / (hw - _INSET)) ** 2 + (dy / (hh - _INSET)) ** 2 < 1
    if sym.shape == "diamond":
        return dx / hw + dy / hh < 1 - _INSET / min(hw, hh)
    return dx < hw - _INSET and dy < hh - _INSET


def is_decoration(seg: Segment, sym: Symbol) -> bool:
    """A mark on the symbol itself (the cross for a death): both ends on or just beyond its corners."""
    hw, hh = outer_half(sym)
    return all(abs(x - sym.cx) <= hw * 1.15 + 0.5 and abs(y - sym.cy) <= hh * 1.15 + 0.5
               for x, y in ((seg.x1, seg.y1), (seg.x2, seg.y2)))


def enters(seg: Segment, sym: Symbol, step: float = 0.25) -> bool:
    """Does the segment pass inside the symbol's outline anywhere (sampled every quarter point)?"""
    n = max(1, int(seg.length / step))
    return any(point_inside_symbol(seg.x1 + (seg.x2 - seg.x1) * k / n, seg.y1 + (seg.y2 - seg.y1) * k / n, sym)
               for k in range(n + 1))


def lines_through_symbols(pic: Picture) -> list[str]:
    out = []
    for sym in family_symbols(pic):
        for seg in family_segments(pic):
            if not is_decoration(seg, sym) and enters(seg, sym):
                out.append(f"line {seg.x1:.1f},{seg.y1:.1f}-{seg.x2:.1f},{seg.y2:.1f} enters the symbol at {sym.cx:.1f},{sym.cy:.1f}")
    return out


def lines_along_lines(pic: Picture) -> list[str]:
    """Two lines lying along one another (one would hide the other, or read as one relationship)."""
    segs = [s for s in family_segments(pic) if s.length > 0.5]
    out = []
    for i, a in enumerate(segs):
        for b in segs[:i]:
            for horizontal in (True, False):
                if horizontal and a.horizontal and b.horizontal and abs(a.y1 - b.y1) < 1.0:
                    lo, hi = max(min(a.x1, a.x2), min(b.x1, b.x2)), min(max(a.x1, a.x2), max(b.x1, b.x2))
                elif not horizontal and a.vertical and b.vertical and abs(a.x1 - b.x1) < 1.0:
                    lo, hi = max(min(a.y1, a.y2), min(b.y1, b.y2)), min(max(a.y1, a.y2), max(b.y1, b.y2))
                else:
                    continue
                if hi - lo > 1.0:
                    out.append(f"{a} lies along {b}")
    return out


def pieces(pic: Picture, colour: str, dash: str | None) -> tuple[list[list[tuple[float, float]]], list[list[tuple[float, float]]]]:
    """A household's closed outlines and the open lines joining them, from its segments in drawing order."""
    segs = [s for s in family_segments(pic) if s.dash == dash and s.colour.lower() == colour.lower()]
    chains: list[list[tuple[float, float]]] = []
    for s in segs:
        a, b = (round(s.x1, 1), round(s.y1, 1)), (round(s.x2, 1), round(s.y2, 1))
        if chains and chains[-1][-1] == a and not (len(chains[-1]) > 2 and chains[-1][0] == chains[-1][-1]):
            chains[-1].append(b)
        else:
            chains.append([a, b])
    loops = [c[:-1] for c in chains if len(c) > 3 and c[0] == c[-1]]
    joins = [c for c in chains if not (len(c) > 3 and c[0] == c[-1])]
    return loops, joins


def on_loop(point: tuple[float, float], loop: list[tuple[float, float]], tol: float = 0.6) -> bool:
    x, y = point
    for (x1, y1), (x2, y2) in zip(loop, loop[1:] + loop[:1]):
        if (min(x1, x2) - tol <= x <= max(x1, x2) + tol) and (min(y1, y2) - tol <= y <= max(y1, y2) + tol):
            return True  # outlines are rectilinear: inside the edge's box is on the edge
    return False


def joined_as_one(loops, joins) -> bool:
    """Every piece of the outline is reached from the first through the joining lines."""
    group = list(range(len(loops)))

    def find(i):
        while group[i] != i:
            i = group[i]
        return i

    for join in joins:
        ends = [n for n, loop in enumerate(loops) if on_loop(join[0], loop) or on_loop(join[-1], loop)]
        for n in ends[1:]:
            group[find(n)] = find(ends[0])
    return len({find(i) for i in range(len(loops))}) <= 1


def reached_from_top(pic: Picture, sym: Symbol) -> set[Symbol]:
    """The symbols reached by following the lines that leave ``sym``'s top centre (without passing through a symbol)."""
    segs = [s for s in family_segments(pic) if s.length > 0.1 and s.colour.lower() in ("black", "#000000")]
    symbols = family_symbols(pic)

    def touching(x, y):
        return [t for t in symbols if abs(x - t.cx) <= outer_half(t)[0] + 1.0 and abs(y - t.cy) <= outer_half(t)[1] + 1.0]

    def on(seg, x, y, tol=0.6):
        if seg.length < 0.01:
            return False
        t = ((x - seg.x1) * (seg.x2 - seg.x1) + (y - seg.y1) * (seg.y2 - seg.y1)) / seg.length ** 2
        if t < -0.01 or t > 1.01:
            return False
        px, py = seg.x1 + t * (seg.x2 - seg.x1), seg.y1 + t * (seg.y2 - seg.y1)
        return abs(px - x) < tol and abs(py - y) < tol

    top = (sym.cx, sym.cy - outer_half(sym)[1])
    todo = [s for s in segs if any(abs(x - top[0]) < 0.6 and abs(y - top[1]) < 1.0 for x, y in ((s.x1, s.y1), (s.x2, s.y2)))]
    seen, found = set(todo), {sym}
    while todo:
        seg = todo.pop()
        for x, y in ((seg.x1, seg.y1), (seg.x2, seg.y2)):
            hit = touching(x, y)
            if hit:
                found.update(hit)
                continue  # a line ending at a symbol goes no further
            for other in segs:
                if other not in seen and (on(other, x, y) or any(abs(x - ox) < 0.6 and abs(y - oy) < 0.6 for ox, oy in ((other.x1, other.y1), (other.x2, other.y2)))):
                    seen.add(other)
                    todo.append(other)
        for other in segs:  # a line that ends on this one (a child's line on a sibling bar)
            if other not in seen and any(on(seg, ox, oy) and not touching(ox, oy) for ox, oy in ((other.x1, other.y1), (other.x2, other.y2))):
                seen.add(other)
                todo.append(other)
    return found
