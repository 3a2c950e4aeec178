"""The room each label takes, the same for every profile, so both drawings share one layout.

The internal label (name, full dates) and the anonymised one (pseudonym,
years) differ in width and in number of lines. If each profile were laid
out around its own labels, the published and the internal genogram would
place people differently and a reader comparing them could not match them
up. So every label is measured in both profiles and the layout is made
around the larger: only the words under the symbols differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..case.model import Case
from .canvas import measure
from .family_graph import FamilyGraph, Item
from .labels import PROFILES, Labeller
from .style import GenogramStyle


@dataclass(frozen=True)
class LabelBox:
    width: float  # points: the widest line of the label in any profile
    lines: int  # the most lines the label has in any profile


def label_boxes(graph: FamilyGraph, case: Case, style: GenogramStyle) -> dict[Item, LabelBox]:
    """The room of every person's and pregnancy loss's label, over all profiles."""
    texts: dict[Item, list[list[str]]] = {}
    for profile in PROFILES:
        labeller = Labeller(case, profile, style)  # its texts go to the measuring only, never into a drawing
        for row in graph.rows:
            for item in row:
                if item.kind == "person":
                    texts.setdefault(item, []).append(labeller.person(graph.people[item.ref]))
                elif item.kind == "loss":
                    u, k = item.ref
                    texts.setdefault(item, []).append(labeller.loss(graph.unions[u].losses[k]))
    flat = sorted({line for versions in texts.values() for lines in versions for line in lines})
    widths = dict(zip(flat, measure(flat, style.font.name, style.font.size))) if flat else {}
    return {item: LabelBox(width=max([widths[line] for lines in versions for line in lines] + [0.0]),
                           lines=max(len(lines) for lines in versions))
            for item, versions in texts.items()}
