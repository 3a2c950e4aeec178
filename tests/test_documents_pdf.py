"""The PDFs made by LibreOffice: one run for all documents, an up-to-date contents page, names and marking."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from documents_helpers import SMALL_CASE
from scrdocs.documents.build import build_documents
from scrdocs.case.casefile import load_case
from scrdocs.output import RECORD_NAME

pytestmark = [pytest.mark.needs_soffice, pytest.mark.slow]


@pytest.fixture(scope="module")
def case():
    return load_case(SMALL_CASE)


@pytest.fixture(scope="module")
def built(case, tmp_path_factory):
    # One build (one LibreOffice run) for the whole module.
    return build_documents(case, tmp_path_factory.mktemp("pdf") / "out")


def _pages(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def test_every_word_document_has_a_pdf(built):
    assert sorted(p.stem for p in built.pdf) == sorted(p.stem for p in built.docx)
    for pdf in built.pdf:
        assert pdf.parent == built.out_dir and pdf.stat().st_size > 1000
    leftovers = [p.name for p in built.out_dir.iterdir() if p.suffix not in (".docx", ".pdf", ".csv")]
    assert leftovers == [RECORD_NAME]


def test_contents_page_lists_headings_with_page_numbers(built):
    pages = _pages(built.out_dir / "overview-report.pdf")
    contents = next(p for p in pages if "Contents" in p)
    for heading in ("1 Introduction", "1.5 The review panel", "2 The facts", "2.5 Integrated chronology",
                    "3 Analysis", "4 Conclusions and recommendations", "5 Action plan"):
        m = re.search(re.escape(heading) + r"\s*\.{3,}\s*(\d+)", contents)
        assert m, f"{heading!r} not listed with a page number in the contents:\n{contents}"
        page_no = int(m.group(1))
        assert heading in pages[page_no - 1], f"{heading!r} is not on page {page_no} as the contents says"
    assert "filled in when the document is opened" not in contents  # the placeholder was replaced


def test_overview_pdf_has_headings_names_and_chronology(built, case):
    text = "\n".join(_pages(built.out_dir / "overview-report.pdf"))
    for person in (case.panel.board_chair, case.panel.panel_chair, case.panel.author, *case.panel.members):
        assert person.name in text
        assert person.job_title in text
    for heading in ("1.1 Circumstances that led to the review", "2.2 Genogram", "2.3 Equality and diversity",
                    "3.3 Good practice", "4.4 Recommendations"):
        assert heading in text
    assert "c. 03/05/2024" in text and "Westmarch Police" in text


def test_every_page_carries_the_marking_and_page_x_of_y(built):
    for pdf in built.pdf:
        pages = _pages(pdf)
        for number, text in enumerate(pages, start=1):
            assert "OFFICIAL-SENSITIVE" in text, f"{pdf.name} page {number}"
            assert f"Page {number} of {len(pages)}" in text, f"{pdf.name} page {number}"


def test_imr_pdf_contents_and_sections(built):
    pages = _pages(built.out_dir / "imr-asc.pdf")
    text = "\n".join(pages)
    assert "STRICTLY CONFIDENTIAL" in text and "Evaluation statement on behalf of the agency" in text
    contents = next(p for p in pages if "Contents" in p)
    assert re.search(r"SECTION 6 RECOMMENDATIONS FOR ACTION\s*\.{3,}\s*\d+", contents)


def test_seven_minute_briefing_is_one_page(built):
    assert len(_pages(built.out_dir / "seven-minute-briefing.pdf")) == 1


def test_example_case_briefing_fits_one_page(tmp_path):
    # The small case's briefing is short; the example's long narrative is the real test of the one-page rule.
    from scrdocs.examples import load_example_case

    built = build_documents(load_example_case(), tmp_path / "out", kinds=["seven_minute_briefing"])
    pages = _pages(built.out_dir / "seven-minute-briefing.pdf")
    assert len(pages) == 1
    assert "Recommendations" in pages[0] and "Questions for reflection" in pages[0]
