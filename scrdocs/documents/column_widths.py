"""Table column widths from the content, so no word is broken inside a narrow column.

A template gives each column a width; LibreOffice and Word break a word that
is wider than its cell anywhere inside it ("safeguardin / g"), which reads as
two words. After a document is filled in, every table is measured: each
column gets at least the width of its longest unbreakable piece of text (a
word, or the part of a hyphenated word up to a hyphen, where a line may
rightly break), in the font and size of its cell, and the columns with room
to spare give it up. The table keeps its total width; a table whose words
already fit is not changed at all.

Widths are measured with the Helvetica metrics (the Adobe font metrics that
come with matplotlib): Arial, which the templates use, and Liberation Sans,
which LibreOffice puts in its place, have the same widths.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Twips

log = logging.getLogger("scrdocs")

_PT_TO_MM = 25.4 / 72
_DEFAULT_MARGIN_MM = 1.9  # Word's default left and right cell margin (0.19 cm)
_SLACK = 1.04  # a little over the measured width: renderers differ by a few per cent in kerning
_PIECES = re.compile(r"[^\s-]*-+|[^\s-]+")  # a line may break after a hyphen and at spaces, nowhere else


@lru_cache(maxsize=2)
def _widths(bold: bool) -> dict[str, int]:
    """Character widths in thousandths of an em, from matplotlib's Helvetica (bold) AFM file."""
    import matplotlib

    path = Path(matplotlib.get_data_path()) / "fonts" / "afm" / ("phvb8a.afm" if bold else "phvr8a.afm")
    names = {"space": " ", "hyphen": "-"}
    widths: dict[str, int] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        m = re.match(r"C (-?\d+) ; WX (\d+) ; N (\S+)", line)
        if m and int(m[1]) >= 0:
            widths[chr(int(m[1])) if m[3] not in names else names[m[3]]] = int(m[2])
    return widths


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """How wide ``text`` is set in Arial at ``size_pt`` (a character not in the metrics counts as an 'M')."""
    widths = _widths(bold)
    em = sum(widths.get(ch, widths.get("M", 833)) for ch in text) / 1000
    return em * size_pt * _PT_TO_MM


def _run_size(run, default: float) -> float:
    sz = run.find(qn("w:rPr") + "/" + qn("w:sz"))
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else default


def _run_bold(run) -> bool:
    b = run.find(qn("w:rPr") + "/" + qn("w:b"))
    return b is not None and b.get(qn("w:val")) not in ("0", "false")


def cell_need_mm(tc, default_size: float) -> float:
    """The width the longest unbreakable piece of a cell's text needs (without the cell margins)."""
    need = 0.0
    for paragraph in tc.iter(qn("w:p")):
        runs = list(paragraph.iter(qn("w:r")))
        text = "".join(t.text or "" for r in runs for t in r.iter(qn("w:t")))
        if not text.strip():
            continue
        size = max((_run_size(r, default_size) for r in runs), default=default_size)
        bold = any(_run_bold(r) for r in runs)
        need = max([need, *(text_width_mm(piece, size, bold=bold) for piece in _PIECES.findall(text))])
    return need * _SLACK


def _margins_mm(tbl) -> float:
    """Left plus right cell margin of a table."""
    total = 0.0
    for edge in ("left", "right"):
        node = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}/{qn('w:' + edge)}")
        if node is not None and node.get(qn("w:w")) is not None:
            total += Twips(int(node.get(qn("w:w")))).mm
        else:
            total += _DEFAULT_MARGIN_MM
    return total


def fitted_widths(widths: list[float], needs: list[float]) -> list[float]:
    """Widths (mm) with every column at least its need and the same total; unchanged when all fit.

    The columns that must widen take the room from the columns with room to spare, in proportion
    to the room each has. When the needs alone exceed the total, every column gets its share of
    the total in proportion to its need (a break is then unavoidable, and is spread out)."""
    total = sum(widths)
    if all(w >= n for w, n in zip(widths, needs)):
        return list(widths)
    if sum(needs) >= total:
        return [total * n / sum(needs) for n in needs]
    wider = [max(w, n) for w, n in zip(widths, needs)]
    excess = sum(wider) - total
    room = [w - n for w, n in zip(wider, needs)]
    return [w - excess * r / sum(room) for w, r in zip(wider, room)]


def _header(tbl) -> tuple[str, ...]:
    first = tbl.find(qn("w:tr"))
    if first is None:
        return ()
    return tuple("".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in first.findall(qn("w:tc")))


def fit_table_columns(document, default_size: float = 11.0) -> int:
    """Widen the columns of every table in ``document`` whose words would not fit; returns how many
    tables changed. Tables with the same header row (a chronology split into parts) get the same widths."""
    groups: dict[tuple[str, ...], list] = {}
    for tbl in document.element.body.iter(qn("w:tbl")):
        grid = tbl.find(qn("w:tblGrid"))
        cols = grid.findall(qn("w:gridCol")) if grid is not None else []
        rows = tbl.findall(qn("w:tr"))
        if len(cols) < 2 or not rows or any(len(r.findall(qn("w:tc"))) != len(cols) for r in rows):
            continue  # merged cells, or no grid: leave the table as its author made it
        groups.setdefault((len(cols), _header(tbl)), []).append(tbl)
    changed = 0
    for tables in groups.values():
        grid_cols = [tbl.find(qn("w:tblGrid")).findall(qn("w:gridCol")) for tbl in tables]
        widths = [Twips(int(c.get(qn("w:w")))).mm for c in grid_cols[0]]
        margins = _margins_mm(tables[0])
        needs = [0.0] * len(widths)
        for tbl in tables:
            for tr in tbl.findall(qn("w:tr")):
                for i, tc in enumerate(tr.findall(qn("w:tc"))):
                    needs[i] = max(needs[i], cell_need_mm(tc, default_size) + margins)
        fitted = fitted_widths(widths, needs)
        if fitted == widths:
            continue
        for tbl, cols in zip(tables, grid_cols):
            for col, width in zip(cols, fitted):
                col.set(qn("w:w"), str(Emu(Mm(width)).twips))
            for tr in tbl.findall(qn("w:tr")):
                for tc, width in zip(tr.findall(qn("w:tc")), fitted):
                    tc.width = Mm(width)
            changed += 1
    return changed
