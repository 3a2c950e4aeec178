"""The layout is checked before the picture is written: a misleading drawing is a fault, not an output.

A reader takes every line on a genogram as a fact about the family. So:

* no line (partnership, child, household outline...) may pass through a
  person's symbol or label, other than the symbol it ends at; the marks
  drawn on a symbol itself, such as the cross for a death, are its own;
* no line may lie along another (two relationships drawn as one line, or a
  line hidden under another);
* each household outline must enclose every one of its members' symbols
  and no one else's symbol or label;
* two drawings of one family (the internal and the anonymised profile)
  must place every symbol at the same position (:func:`check_same_layout`).

A fault raises :class:`GenogramLayoutError` (exit 1 at the command line).
Its first line names no one, because a document that cannot show its
genogram says why in that line; the lines after it give the case file ids.
"""

from __future__ import annotations

import math

from ..errors import OutputError
from .canvas import Geometry, Mark, Stroke
from .family_graph import FamilyGraph

_INSET = 0.75  # points: a line may touch an outline (it ends there), never go this far inside it
_CIRCLE_SIDES = 32


class GenogramLayoutError(OutputError):
    """The genogram's layout would mislead a reader; nothing is drawn."""


def check_layout(geometry: Geometry, graph: FamilyGraph) -> None:
    """Raise :class:`GenogramLayoutError` listing every line through a symbol and every wrong outline."""
    faults = _lines_through_marks(geometry) + _lines_along_lines(geometry) + _household_faults(geometry, graph)
    if faults:
        raise GenogramLayoutError(
            "The genogram was not drawn: its layout would mislead a reader (a fault in scrdocs, not in the case file).\n"
            + "\n".join(f"  - {f}" for f in sorted(set(faults))),
            hint="Please report this with the case file's family section; meanwhile the family can be drawn by hand.")


def check_same_layout(first: Geometry, second: Geometry) -> None:
    """Raise :class:`GenogramLayoutError` when two drawings place anyone's symbol differently."""
    def where(g: Geometry) -> dict[str, tuple[float, ...]]:
        return {m.owner: tuple(round(v, 2) for v in m.box) for m in g.marks if m.kind == "symbol"}

    a, b = where(first), where(second)
    moved = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    if moved:
        raise GenogramLayoutError("The two genograms of this family place people differently.\n"
                                  + "\n".join(f"  - '{k}' is drawn in different places" for k in moved))


# -- lines through symbols ------------------------------------------------------


def _who(owner: str) -> str:
    return "a pregnancy loss" if owner.startswith("loss:") else f"'{owner}'"


def _lines_through_marks(geometry: Geometry) -> list[str]:
    faults = []
    for mark in geometry.marks:
        polygon = _polygon(mark)
        for stroke in geometry.strokes:
            if stroke.owner == mark.owner:
                continue  # the symbol's own cross
            if _enters(stroke, mark, polygon):
                where = "symbol" if mark.kind == "symbol" else "label"
                faults.append(f"{stroke.what} would pass through the {where} of {_who(mark.owner)}")
    return faults


def _polygon(mark: Mark) -> list[tuple[float, float]]:
    """The mark's outline moved inwards by the inset, as a convex polygon (clockwise on screen)."""
    left, top, right, bottom = mark.box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    hw, hh = (right - left) / 2 - _INSET, (bottom - top) / 2 - _INSET
    if mark.shape == "circle":
        r = min(hw, hh)
        return [(cx + r * math.cos(2 * math.pi * k / _CIRCLE_SIDES), cy + r * math.sin(2 * math.pi * k / _CIRCLE_SIDES))
                for k in range(_CIRCLE_SIDES)]
    if mark.shape == "diamond":
        return [(cx, cy - hh), (cx + hw, cy), (cx, cy + hh), (cx - hw, cy)]
    return [(cx - hw, cy - hh), (cx + hw, cy - hh), (cx + hw, cy + hh), (cx - hw, cy + hh)]


def _enters(stroke: Stroke, mark: Mark, polygon: list[tuple[float, float]]) -> bool:
    """Does any part of the line lie inside the (inset) convex polygon? (Cyrus-Beck clipping)"""
    left, top, right, bottom = mark.box
    if (max(stroke.x1, stroke.x2) < left or min(stroke.x1, stroke.x2) > right
            or max(stroke.y1, stroke.y2) < top or min(stroke.y1, stroke.y2) > bottom):
        return False
    dx, dy = stroke.x2 - stroke.x1, stroke.y2 - stroke.y1
    t0, t1 = 0.0, 1.0
    n = len(polygon)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    for k in range(n):
        (ax, ay), (bx, by) = polygon[k], polygon[(k + 1) % n]
        nx, ny = by - ay, ax - bx  # a normal of the edge
        if nx * (cx - ax) + ny * (cy - ay) > 0:  # made to point away from the centre
            nx, ny = -nx, -ny
        num = nx * (stroke.x1 - ax) + ny * (stroke.y1 - ay)  # > 0: the start is outside this edge
        den = nx * dx + ny * dy
        if abs(den) < 1e-12:
            if num > 0:
                return False
            continue
        t = -num / den
        if den < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return math.hypot(dx, dy) * (t1 - t0) > 0.05


# -- lines along lines -------------------------------------------------------------


def _lines_along_lines(geometry: Geometry) -> list[str]:
    """Straight lines (across or up and down) that share more than a point of their length."""
    lines: dict[tuple[str, int], list[tuple[float, float, float, Stroke]]] = {}
    for s in geometry.strokes:
        if abs(s.y1 - s.y2) < 0.01:
            key, at, lo, hi = "across", s.y1, min(s.x1, s.x2), max(s.x1, s.x2)
        elif abs(s.x1 - s.x2) < 0.01:
            key, at, lo, hi = "down", s.x1, min(s.y1, s.y2), max(s.y1, s.y2)
        else:
            continue
        if hi - lo > 1.0:
            lines.setdefault((key, round(at)), []).append((at, lo, hi, s))
    faults = []
    for (key, at), group in lines.items():
        near = group + lines.get((key, at + 1), [])  # a neighbouring bucket may hold a line within a point
        for i, (a_at, a_lo, a_hi, a) in enumerate(group):
            for b_at, b_lo, b_hi, b in near[i + 1:]:
                if abs(a_at - b_at) < 1.0 and min(a_hi, b_hi) - max(a_lo, b_lo) > 1.0:
                    faults.append(f"{a.what} would lie along {b.what}")
    return faults


# -- household outlines ------------------------------------------------------------


def _inside(point: tuple[float, float], loops: list[list[tuple[float, float]]]) -> bool:
    """Even-odd rule over all the loops of an outline."""
    x, y = point
    crossings = 0
    for loop in loops:
        for (x1, y1), (x2, y2) in zip(loop, loop[1:] + loop[:1]):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def _points(mark: Mark) -> list[tuple[float, float]]:
    left, top, right, bottom = mark.box
    e = _INSET
    return [((left + right) / 2, (top + bottom) / 2), (left + e, top + e), (right - e, top + e),
            (right - e, bottom - e), (left + e, bottom - e)]


def _household_faults(geometry: Geometry, graph: FamilyGraph) -> list[str]:
    faults = []
    people = set(graph.people)
    for n, (_, members, loops) in enumerate(geometry.households):
        which = f"household {n + 1} in the case file"
        for mark in geometry.marks:
            if mark.owner not in people:
                continue  # a pregnancy loss between two members may sit inside
            states = {_inside(p, loops) for p in _points(mark)}
            if mark.owner in members and mark.kind == "symbol" and states != {True}:
                faults.append(f"the outline of {which} would leave out its member {_who(mark.owner)}")
            elif mark.owner not in members and True in states:
                faults.append(f"the outline of {which} would take in {_who(mark.owner)}, who does not live there")
    return faults
