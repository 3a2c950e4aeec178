"""The DOT statements of a picture drawn in points, and text measured with the real font.

Everything is pinned at a fixed position so ``neato -n2`` draws it as
placed; y grows downwards here and is flipped only when written out. While
``recording`` is on, every symbol and line is also kept as plain geometry
(:class:`Geometry`) for the layout check (layout_check.py) to judge before
anything is written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from ..case.model import Sex
from .graphviz_run import run_graphviz
from .layout import quote
from .style import GenogramStyle

_SHAPES = {Sex.M: "box", Sex.F: "circle", Sex.U: "diamond"}
PERIPHERY_GAP = 4.0  # Graphviz draws a second outline 4 points outside the first
LINE_SPACING = 1.2  # Graphviz's line height, as a multiple of the font size


Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Mark:
    """A symbol or a label: something no line may pass through."""

    box: Box
    owner: str  # the person id (or "loss:..." for a pregnancy loss) it belongs to
    kind: str  # symbol | label
    shape: str = "box"  # box | circle | diamond: the outline a line must stay outside


@dataclass(frozen=True)
class Stroke:
    """One straight line drawn, with the symbol it decorates (a cross through it), if any."""

    x1: float
    y1: float
    x2: float
    y2: float
    what: str  # plain words for a message: "a partnership line", "a household outline"...
    owner: str | None = None


@dataclass
class Geometry:
    marks: list[Mark] = field(default_factory=list)
    strokes: list[Stroke] = field(default_factory=list)
    households: list[tuple[str, set[str], list[list[tuple[float, float]]]]] = field(default_factory=list)


@dataclass
class Canvas:
    """Collects DOT statements for a picture drawn in points, y growing downwards."""

    style: GenogramStyle
    statements: list[str] = field(default_factory=list)
    count: int = 0
    geometry: Geometry = field(default_factory=Geometry)
    recording: bool = True

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
             colour: str | None = None, width: float | None = None, what: str = "a line", owner: str | None = None) -> None:
        if self.recording:
            self.geometry.strokes.append(Stroke(x1, y1, x2, y2, what, owner))
        a, b = self.point(x1, y1), self.point(x2, y2)
        attrs = [f"style={style}"]
        if colour:
            attrs.append(f"color={quote(colour)}")
        if width:
            attrs.append(f"penwidth={width:.2f}")
        self.statements.append(f"{a} -- {b} [{', '.join(attrs)}];")

    def cross(self, x: float, y: float, half: float, width: float | None = None, owner: str | None = None) -> None:
        self.line(x - half, y - half, x + half, y + half, width=width, what="a cross", owner=owner)
        self.line(x - half, y + half, x + half, y - half, width=width, what="a cross", owner=owner)

    def mark(self, box: Box, owner: str, kind: str, shape: str = "box") -> None:
        if self.recording:
            self.geometry.marks.append(Mark(box, owner, kind, shape))

    def symbol(self, x: float, y: float, sex: Sex, size: float, *, double: bool = False, owner: str | None = None) -> None:
        s = self.style
        if owner is not None:
            half = size / 2 + (PERIPHERY_GAP if double else 0)
            self.mark((x - half, y - half, x + half, y + half), owner, "symbol", _SHAPES[sex])
        self.statements.append(
            f"{self._name()} [shape={_SHAPES[sex]}, width={size / 72:.4f}, height={size / 72:.4f}, fixedsize=true, "
            f"label=\"\", style=filled, fillcolor={quote(s.colours.fill)}, color={quote(s.colours.line)}, "
            f"penwidth={s.sizes.line_width:.2f}, peripheries={2 if double else 1}, {self._pos(x, y)}];")

    def text(self, x: float, top: float, lines: list[str], *, size: float, left: bool = False, width: float = 0) -> None:
        """Lines of text centred on ``x`` (or starting at ``x`` when ``left``), beginning at ``top``."""
        height = len(lines) * size * LINE_SPACING
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


def measure(texts: list[str], font: str, size: float) -> list[float]:
    """Widths in points of single-line texts, measured by Graphviz with the real font."""
    return list(_measured(tuple(texts), font, size))


@lru_cache(maxsize=64)  # a case is often drawn several times (SVG and PNG, the key in each profile)
def _measured(texts: tuple[str, ...], font: str, size: float) -> tuple[float, ...]:
    body = "\n".join(f"t{n} [label={quote(t)}];" for n, t in enumerate(texts))
    source = (f"digraph measure {{ node [shape=plaintext, margin=0, fontname={quote(font)}, fontsize={size}, "
              f"width=0.01, height=0.01];\n{body}\n}}")
    objects = json.loads(run_graphviz("dot", ["-Tjson0"], source)).get("objects", [])
    widths = {o["name"]: float(o["width"]) * 72 for o in objects if "width" in o}
    return tuple(widths[f"t{n}"] for n in range(len(texts)))
