"""Reading a PDF: page text, annotations, document information, XMP, bookmarks, attachment names."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from ...errors import InputFormatError
from .units import Unit, _Joiner


def pdf_units(path: Path, name: str) -> Iterator[Unit]:
    from ..pdf_finish import open_pdf

    reader = open_pdf(path)
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as e:  # noqa: BLE001 - any failure means the page was not checked
            raise InputFormatError(f"{name}: the text of page {number} cannot be read ({e}).") from None
        lines = _Joiner()
        for line_number, line in _pdf_paragraphs(text):
            lines.add(line, f"line {line_number}")
        unit = lines.unit(name, f"page {number}", ner=True)
        if unit:
            yield unit
        annotations = _Joiner()
        for annot in page.get("/Annots", None) or []:
            annot = annot.get_object()
            action = annot.get("/A")
            action = action.get_object() if action is not None else {}
            for label, value in (("link", action.get("/URI")), ("annotation text", annot.get("/Contents")),
                                 ("annotation author", annot.get("/T"))):
                if value is not None:
                    annotations.add(str(value), label)
        unit = annotations.unit(name, f"page {number}", ner=False)
        if unit:
            yield unit
    info = _Joiner()
    for key, value in (reader.metadata or {}).items():
        info.add(str(value), f"{key}")
    unit = info.unit(name, "document information", ner=False)
    if unit:
        yield unit
    metadata = reader.trailer["/Root"].get_object().get("/Metadata")
    if metadata is not None:
        raw = metadata.get_object().get_data().decode("utf-8", "replace")
        # Tags are not text, but each element's content is.
        yield Unit(name, "XMP metadata", re.sub(r"<[^>]+>", "\n", raw), ner=False)
    outline = _Joiner()
    for number, (level, title) in enumerate(_outline_titles(reader.outline), start=1):
        outline.add(title, f"{number} (level {level})")
    unit = outline.unit(name, "bookmark", ner=True)
    if unit:
        yield unit
    try:
        attachments = list(reader.attachments)
    except Exception:  # noqa: BLE001 - no readable attachment tree means none to name
        attachments = []
    names = _Joiner()
    for attachment in attachments:
        names.add(attachment, "name")
    unit = names.unit(name, "attachment", ner=False)
    if unit:
        yield unit


_CONTINUES = re.compile(r"[a-z,;\-\u2013(]$")


def _pdf_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(first line number, text) of each run of wrapped lines on a PDF page.

    A PDF has lines, not paragraphs. A long line (wrapped at the margin) that
    ends mid-sentence (a small letter, a comma, a hyphen) runs on into the
    next, so NER reads "Principal Social Worker" whole, as the engine read the
    paragraph it came from; a short line (a heading, a table cell) stands alone.
    """
    lines = text.splitlines()
    wrap_at = 0.6 * max((len(line.strip()) for line in lines), default=0)
    start, parts = 0, []
    for number, line in enumerate(lines, start=1):
        if not parts:
            start = number
        parts.append(line.strip())
        if not (_CONTINUES.search(line.rstrip()) and len(line.strip()) >= wrap_at):
            yield start, " ".join(parts)
            parts = []
    if parts:
        yield start, " ".join(parts)


def _outline_titles(items: list, level: int = 1) -> Iterator[tuple[int, str]]:
    for item in items:
        if isinstance(item, list):
            yield from _outline_titles(item, level + 1)
        else:
            yield level, str(item.title)
