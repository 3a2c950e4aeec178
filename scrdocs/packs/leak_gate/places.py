"""Where a person finds a finding in Word or a PDF reader: the document's title, the nearest heading above,
the page (a PDF's), and a few words around it with the finding, and every other finding near it, masked.

"word/document.xml paragraph 88" names a part of the file, which Word does not show. The leak report gives
this beside it, so the place can be found with Word's own Find; the quote never holds what was found.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

from lxml import etree

from .units import Unit

MASK = "[...]"
_QUOTE_WORDS = 5
_HEADING_CHARS = 90
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=256)
def _title(path: str, mtime: float) -> str:
    suffix = Path(path).suffix.lower()
    try:
        if suffix in (".docx", ".docm", ".dotx"):
            with zipfile.ZipFile(path) as z:
                root = etree.fromstring(z.read("docProps/core.xml"))
            title = root.findtext("{http://purl.org/dc/elements/1.1/}title") or ""
        elif suffix == ".pdf":
            from pypdf import PdfReader

            title = str((PdfReader(path).metadata or {}).get("/Title") or "")
        else:
            return ""
    except Exception:  # noqa: BLE001 - a title is a help to find the place, never a reason to fail
        return ""
    return " ".join(title.split())[:120]


def document_title(path: Path) -> str:
    """The title a Word document or PDF gives itself (its properties), or ""."""
    try:
        return _title(str(path), path.stat().st_mtime)
    except OSError:
        return ""


def _masked(text: str, spans: Iterable[tuple[int, int]], shift: int = 0) -> str:
    """``text`` (starting at ``shift`` in the unit) with every span in it replaced by the mask."""
    merged: list[list[int]] = []
    for start, end in sorted((s - shift, e - shift) for s, e in spans):
        if end <= 0 or start >= len(text):
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)  # a full name and its parts: one mask
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out += [text[pos:max(start, 0)], MASK]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _piece(unit: Unit, offset: int) -> tuple[int, str]:
    pieces = unit.pieces()
    return max(((o, t) for o, t in pieces if o <= offset), default=pieces[0] if pieces else (0, unit.text))


Hide = Callable[[str], list[tuple[int, int]]]


def _hidden(text: str, shift: int, hide: Hide | None) -> list[tuple[int, int]]:
    """What ``hide`` says may be a name in ``text`` (a quote or heading), in the unit's offsets."""
    return [(s + shift, e + shift) for s, e in hide(text)] if hide is not None else []


def _heading_above(unit: Unit, offset: int, spans: list[tuple[int, int]], hide: Hide | None = None) -> str:
    """The nearest short piece above that reads as a heading: no full stop at its end, a few words."""
    start, _ = _piece(unit, offset)
    for o, text in reversed([p for p in unit.pieces() if p[0] < start]):
        line = " ".join(text.split())
        if 0 < len(line) <= _HEADING_CHARS and not line.endswith((".", ",", ";", ":", "?", "!")) \
                and (line[:1].isupper() or line[:1].isdigit()) and len(line.split()) <= 12:
            return " ".join(_masked(text, [*spans, *_hidden(text, o, hide)], o).split())
    return ""


def quote_around(unit: Unit, start: int, end: int, spans: Iterable[tuple[int, int]], hide: Hide | None = None) -> str:
    """A few words either side of ``unit.text[start:end]``, with it and every span near it masked, and every
    word ``hide`` says may be a name (the quote is printed to terminals and logs: it shows no one's name)."""
    text = unit.text
    before = text[max(0, start - 80):start]
    after = text[end:end + 80]
    before_words = _WORD.findall(before)[-_QUOTE_WORDS:] if before.strip() else []
    lo = start - len(before) + (before.rfind(before_words[0]) if before_words else len(before))
    after_words = _WORD.findall(after)[:_QUOTE_WORDS]
    hi = end + (after.find(after_words[-1]) + len(after_words[-1]) if after_words else 0)
    shown = _masked(text[lo:hi], [*spans, (start, end), *_hidden(text[lo:hi], lo, hide)], lo)
    return " ".join(shown.split())


def where_to_find(unit: Unit, start: int, end: int, spans: Iterable[tuple[int, int]], title: str = "",
                  hide: Hide | None = None) -> str:
    """"document title; under heading; page N; quote" for a finding, the parts that are known."""
    spans = list(spans)
    parts = [f'"{title}"'] if title else []
    heading = _heading_above(unit, start, spans, hide) if unit.labels else ""
    if heading:
        parts.append(f'under "{heading}"')
    page = re.match(r"page (\d+)", unit.location)
    if page:
        parts.append(f"page {page.group(1)}")
    quote = quote_around(unit, start, end, spans, hide)
    if len([w for w in quote.replace(MASK, " ").split() if any(c.isalpha() for c in w)]) >= 2:  # words, not a label
        parts.append(f'near "{quote}"')
    return "; ".join(parts)
