"""No word is broken inside a narrow table column: column widths come from the content (a line may
break at a space or after a hyphen only), checked in the PDF's text and in the Word table grid."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from documents_helpers import SMALL_CASE, open_docx, table_with_header, variant
from scrdocs.case.casefile import load_case
from scrdocs.documents.build import build_documents
from scrdocs.documents.column_widths import fitted_widths

# Long words of the kind agencies write, each longer than its column at 7 pt in the shipped widths.
LONG_WORDS = {
    "source": "Telecommunications",
    "subject_of_recording": "Grandmother/guardian",
    "expected_practice": "Multidisciplinary",
    "relevance": "Responsibilities",
    "comments": "Misunderstandings",
}


def _long_words(data):
    for entry in data["chronology"]:
        for field, word in LONG_WORDS.items():
            entry[field] = f"{word} noted"
    data["agencies"][1]["short_name"] = "Hollowfieldsurgery"


def _words(text: str) -> set[str]:
    return {w.strip(".,;:()'\"") for w in re.split(r"\s+", text) if w.strip(".,;:()'\"")}


@pytest.fixture(scope="module")
def long_case():
    return variant(load_case(SMALL_CASE), _long_words)


def _split_words(pdf, vocabulary: set[str]) -> list[str]:
    """Pieces of the PDF text that are not words of the document but the start or end of one."""
    found = []
    for page in PdfReader(str(pdf)).pages:
        for token in _words(page.extract_text() or ""):
            if len(token) < 2 or token in vocabulary:
                continue
            if any(len(word) > len(token) and (word.startswith(token) or word.endswith(token)) for word in vocabulary):
                found.append(token)
    return found


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_no_word_from_the_case_file_is_split_across_lines_in_the_pdf(long_case, tmp_path):
    out = build_documents(long_case, tmp_path / "out", kinds=["integrated_chronology", "imr"]).out_dir
    vocabulary = set()
    for entry in long_case.chronology:
        for value in entry.model_dump().values():
            if isinstance(value, str):
                vocabulary |= _words(value)
    vocabulary |= set(LONG_WORDS.values()) | {"Hollowfieldsurgery"}
    # every word of the documents, so a token that is a whole word elsewhere is not a fragment
    for name in ("integrated-chronology.docx", "imr-asc.docx"):
        document = open_docx(out / name)
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    vocabulary |= _words(cell.text)
        for paragraph in document.paragraphs:
            vocabulary |= _words(paragraph.text)
        for section in document.sections:
            for part in (section.header, section.footer):
                vocabulary |= _words(" ".join(p.text for p in part.paragraphs))
    for pdf in (out / "integrated-chronology.pdf", out / "imr-asc.pdf"):
        assert _split_words(pdf, vocabulary) == [], pdf.name
        text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
        assert "Telecommunications" in text and "Multidisciplinary" in text


def test_the_word_table_grid_is_widened_where_a_word_needs_it(long_case, tmp_path):

    out = build_documents(long_case, tmp_path / "out", pdf=False, kinds=["integrated_chronology"]).out_dir
    table = table_with_header(open_docx(out / "integrated-chronology.docx"), "Date", "Agency")
    header = [c.text for c in table.rows[0].cells]
    grid = [col.w.mm for col in table._tbl.tblGrid.gridCol_lst]
    assert grid[header.index("Agency")] > 17 + 1  # the shipped 17 mm is too narrow for 'Hollowfieldsurgery'
    assert abs(sum(grid) - 257) < 1  # the table keeps the page's width


def test_fitted_widths_keep_the_total_and_change_nothing_that_fits():
    assert fitted_widths([20, 30, 50], [10, 10, 10]) == [20, 30, 50]
    fitted = fitted_widths([20, 30, 50], [25, 10, 10])
    assert fitted[0] >= 25 and abs(sum(fitted) - 100) < 1e-9 and fitted[1] < 30 and fitted[2] < 50
    spread = fitted_widths([20, 20], [30, 50])  # cannot all fit: shared in proportion to the need
    assert abs(sum(spread) - 40) < 1e-9 and spread[1] > spread[0]
