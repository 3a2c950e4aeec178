"""Genograms drawn by Graphviz from the case file's ``family`` section.

Public API::

    draw_genogram(case, profile="internal", format="svg") -> bytes
    write_genogram(case, path, profile="internal") -> Path

``profile="anonymised"`` writes pseudonyms and years only; node names are
opaque (n1, a1...) so nothing Graphviz writes into the file (titles,
comments) can carry a name, and the finished file is checked for names
before it is returned. The look comes from ``genogram/style.yaml``.

Both profiles share one layout (only the words under the symbols differ),
and the layout is checked before anything is written (layout_check.py): a
line through someone's symbol, a household outline round a non-member, or
two profiles placing someone differently raise :class:`GenogramLayoutError`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import LeakError, OutputError
from ..case.model import Case
from ..output import staged_file
from .drawing import Drawing
from .family_graph import FamilyGraph, build_family_graph
from .graphviz_run import run_graphviz
from .labels import PROFILES, Labeller, Profile, identifying_details, identifying_tokens
from .layout_check import GenogramLayoutError, check_same_layout
from .style import GenogramStyle, load_style

FORMATS = ("svg", "png", "pdf")

__all__ = ["FORMATS", "PROFILES", "FamilyGraph", "GenogramLayoutError", "GenogramStyle", "build_family_graph",
           "draw_genogram", "genogram_dot", "load_style", "write_genogram"]


def _check_profile(profile: str) -> None:
    if profile not in PROFILES:
        raise ValueError(f"unknown genogram profile {profile!r}; expected one of {PROFILES}")


def genogram_dot(case: Case, *, profile: Profile = "internal", style: str | Path | GenogramStyle | None = None,
                 dpi: int | None = None, source: str | None = None) -> str:
    """The finished DOT source (positions pinned, for ``neato -n2``)."""
    _check_profile(profile)
    style = style if isinstance(style, GenogramStyle) else load_style(style)
    graph = build_family_graph(case, source=source)
    labeller = Labeller(case, profile, style)
    drawing = Drawing(graph, labeller, style)
    text = drawing.source(dpi=dpi)
    _check_profiles_agree(drawing, case, profile, style)
    if profile == "anonymised":  # every text from the case passed through the labeller
        _refuse_leaks("\n".join(labeller.written), case, "the anonymised genogram")
    return text


def draw_genogram(case: Case, *, profile: Profile = "internal", format: str = "svg",
                  style: str | Path | GenogramStyle | None = None, source: str | None = None) -> bytes:
    """Draw the case's genogram and return the file's bytes (SVG, PNG or PDF).

    Raises :class:`~scrdocs.errors.CaseFileError` when the family section is
    missing or does not make sense (every problem named),
    :class:`~scrdocs.errors.ToolMissingError` when Graphviz is not installed, and
    :class:`GenogramLayoutError` when the layout would mislead (a fault in scrdocs).
    """
    if format not in FORMATS:
        raise OutputError(f"A genogram cannot be written as '{format}'.", hint="Use svg, png or pdf.")
    style = style if isinstance(style, GenogramStyle) else load_style(style)
    dot = genogram_dot(case, profile=profile, style=style, source=source,
                       dpi=style.sizes.png_dpi if format == "png" else None)
    return run_graphviz("neato", ["-n2", f"-T{format}"], dot)


def write_genogram(case: Case, path: str | Path, *, profile: Profile = "internal",
                   style: str | Path | GenogramStyle | None = None, source: str | None = None) -> Path:
    """Write the genogram to ``path``; the format comes from its suffix (.svg, .png or .pdf).

    The file appears only when it is complete; on any error nothing is written.
    """
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise OutputError(f"{path.name}: a genogram can be written as .svg, .png or .pdf, not '{path.suffix or 'no suffix'}'.",
                          hint="Give the output file one of those endings, e.g. --out genogram.png")
    data = draw_genogram(case, profile=profile, format=fmt, style=style, source=source)
    with staged_file(path) as tmp:
        tmp.write_bytes(data)
    return path.resolve()


def _check_profiles_agree(drawing: Drawing, case: Case, profile: Profile, style: GenogramStyle) -> None:
    """The other profile's picture, from the same layout, must place everyone alike (its text is thrown away)."""
    mine = drawing.canvas.geometry
    drawing.labeller = Labeller(case, next(p for p in PROFILES if p != profile), style)
    drawing.draw_family()
    check_same_layout(mine, drawing.canvas.geometry)


def _refuse_leaks(text: str, case: Case, what: str) -> None:
    """Last line of defence: an anonymised drawing never shows a name or alias (whole words, any case)."""
    for token in sorted(identifying_tokens(case) | identifying_details(case)):
        if re.search(rf"(?<![\w]){re.escape(token)}(?![\w])", text, re.I):
            raise LeakError(f"{what} would show '{token[:1]}...', part of a person's name, alias, address or identifier.",
                            hint="Give that person a pseudonym in the case file that does not contain their name.")
