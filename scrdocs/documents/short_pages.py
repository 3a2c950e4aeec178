"""No near-empty page before a change of orientation.

A wide table (the chronology, the action plan) has a landscape section of its
own, and a section that turns the page must start a new page. When the text
before it runs a line or two onto a new portrait page, that page is left
nearly empty: a heading and a line, then the landscape page. Where a page
falls is known only once LibreOffice has laid the document out, so the PDF is
read back: for each short page followed by a turned page, the section break
is moved to just before the heading that opens the short page, so that
heading and its text begin the landscape section instead, and the PDF is made
again. A page that ends a document may be short.
"""

from __future__ import annotations

from pathlib import Path

#: A page with fewer body lines than this (less the running header and footer) is near-empty.
MIN_LINES = 3


def _body_lines(page, title: str | None) -> list[str]:
    lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("OFFICIAL") and not line.startswith("Page ")
            and line != title]


def _landscape(page) -> bool:
    box = page.mediabox
    return float(box.width) > float(box.height)


def short_pages_before_a_turn(pdf: Path) -> list[str]:
    """The first line (a heading) of each near-empty page that is followed by a page turned the other way."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    title = reader.metadata.title if reader.metadata else None
    found = []
    for page, following in zip(reader.pages, reader.pages[1:]):
        lines = _body_lines(page, title)
        if lines and len(lines) < MIN_LINES and _landscape(page) != _landscape(following):
            found.append(lines[0])
    return found


def move_break_before(docx: Path, heading: str) -> bool:
    """Move the section break that follows the heading ``heading`` to just before it; False if it cannot."""
    import docx as python_docx
    from docx.oxml.ns import qn

    doc = python_docx.Document(str(docx))
    paragraphs = doc.paragraphs
    at = next((i for i, p in enumerate(paragraphs) if p.text.strip() == heading and p.style.name.startswith("Heading")),
              None)
    if at is None or at == 0:
        return False
    body = doc.element.body
    children = list(body)
    start = children.index(paragraphs[at]._p)
    end = next((el for el in children[start:] if el.tag == qn("w:p") and el.find(qn("w:pPr")) is not None
                and el.find(qn("w:pPr")).find(qn("w:sectPr")) is not None), None)
    before = paragraphs[at - 1]._p
    if end is None or (before.pPr is not None and before.pPr.find(qn("w:sectPr")) is not None):
        return False
    sect = end.find(qn("w:pPr")).find(qn("w:sectPr"))
    before.get_or_add_pPr().append(sect)  # the portrait section now ends before the heading
    doc.save(str(docx))
    return True


def fix_short_pages(docx_paths: list[Path], pdf_paths: list[Path], out_dir: Path) -> list[Path]:
    """Re-lay the documents whose PDF has a near-empty page before a turn; returns the PDFs made again."""
    from ..libreoffice import convert_to_pdf

    pdf_for = {p.stem: p for p in pdf_paths}
    again = []
    for docx in docx_paths:
        pdf = pdf_for.get(docx.stem)
        if pdf is None:
            continue
        moved = [move_break_before(docx, h) for h in short_pages_before_a_turn(pdf)]
        if any(moved):
            again.append(docx)
    return convert_to_pdf(again, out_dir) if again else []
