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
