"""Helpers for the document tests: read back what a .docx really says."""

from __future__ import annotations

from pathlib import Path

import docx

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
SMALL_CASE = FIXTURES / "small_case.yaml"


def open_docx(path: Path):
    return docx.Document(str(path))


def headings(document) -> list[str]:
    return [p.text.strip() for p in document.paragraphs if p.style.name.startswith("Heading") and p.text.strip()]


def body_text(document) -> str:
    """Every paragraph and every table cell of the body, one per line."""
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines += [cell.text for cell in row.cells]
    return "\n".join(lines)


def header_footer_text(document) -> str:
    parts = []
    for section in document.sections:
        for part in (section.header, section.footer):
            parts += [p.text for p in part.paragraphs]
    return "\n".join(parts)


def table_with_header(document, first_cell: str, second_cell: str | None = None):
    for table in document.tables:
        cells = [c.text.strip() for c in table.rows[0].cells]
        if cells[0] == first_cell and (second_cell is None or cells[1] == second_cell):
            return table
    raise AssertionError(f"no table whose header starts with {first_cell!r}")


def variant(case, change):
    """A copy of ``case`` read again after ``change(data)`` edits its dumped case file (so it is validated)."""
    from scrdocs.case.casefile import parse_case

    data = case.model_dump(mode="json", exclude_none=True)
    change(data)
    return parse_case(data, "<variant>")


def cell_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def paragraph_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]
