"""Issue 13, proved on what a board receives: the PDFs of the example demo and of every fixture case, and the
publication packs made by `scrdocs pack` (their merged PDF, the briefing in them, the SCR and CSPR rules).

Everything is built through the command line, as a user builds it (one LibreOffice run per build), and read
back with pypdf and python-docx."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader

from documents_helpers import SMALL_CASE, open_docx
from pdf_structure_helpers import structure as _structure
from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.examples import example_case_path

pytestmark = [pytest.mark.needs_soffice, pytest.mark.slow]

TESTS = Path(__file__).resolve().parent
#: Every full case file among the fixtures (the genogram, redaction and timescale fixtures hold no documents' worth).
FIXTURE_CASES = {
    "documents-small": SMALL_CASE,
    "casefile-small": TESTS / "fixtures" / "casefile" / "small_case.yaml",
    "packs-adult-k": TESTS / "fixtures" / "packs" / "adult_k_sar.yaml",
    "packs-child-p": TESTS / "fixtures" / "packs" / "child_p_cspr.yaml",
    "review-base": TESTS / "fixtures" / "review" / "base_case.yaml",
}
A4_POINTS = {(595, 842), (842, 595)}


def _run(args: list[str]):
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 0, run.output
    return run


@pytest.fixture(scope="module", params=["demo", *FIXTURE_CASES])
def built(request, tmp_path_factory) -> Path:
    """The documents of one case, Word and PDF: `scrdocs demo` for the example, `scrdocs build` for a fixture."""
    out = tmp_path_factory.mktemp(request.param) / "out"
    if request.param == "demo":
        _run(["demo", "--out", str(out)])
    else:
        _run(["build", str(FIXTURE_CASES[request.param]), "--out", str(out)])
    return out


def _body_lines(page, title: str) -> list[str]:
    """The lines of a page, less the running header and footer (marking, "Page X of Y", the title)."""
    lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("OFFICIAL") and not line.startswith("Page ") and line != title]


def _assert_no_short_page_but_the_last(pdf: Path) -> None:
    reader = PdfReader(str(pdf))
    for number, page in enumerate(reader.pages[:-1], start=1):  # only the page that ends a document may be short
        lines = _body_lines(page, reader.metadata.title)
        assert len(lines) >= 3, (pdf.name, number, lines)


def test_no_page_under_three_lines_except_the_last_and_every_page_a4(built):
    pdfs = sorted(built.glob("*.pdf"))
    assert len(pdfs) == len(list(built.glob("*.docx"))) >= 5
    for pdf in pdfs:
        for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) in A4_POINTS, (pdf.name, number)
        _assert_no_short_page_but_the_last(pdf)


def _headings(docx_path: Path) -> set[str]:
    doc = open_docx(docx_path)
    return {p.text.strip() for p in doc.paragraphs if p.style.name.startswith("Heading") and p.text.strip()}


def test_headings_are_kept_with_what_follows_in_word_and_on_the_page(built):
    for docx_path in sorted(built.glob("*.docx")):
        doc = open_docx(docx_path)
        for p in doc.paragraphs:
            if p.style.name.startswith("Heading") and p.text.strip():
                assert p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next, \
                    (docx_path.name, p.text)
        heads = _headings(docx_path)
        reader = PdfReader(str(docx_path.with_suffix(".pdf")))
        for number, page in enumerate(reader.pages[:-1], start=1):  # no page ends on a heading
            lines = _body_lines(page, reader.metadata.title)
            assert not lines or lines[-1] not in heads, (docx_path.name, number, lines[-1])


def _rows(table_xml: str) -> list[str]:
    return re.findall(r"<w:tr[ >].*?</w:tr>", table_xml, re.S)


def test_every_table_repeats_its_header_row_and_no_row_breaks_across_pages(built):
    for docx_path in sorted(built.glob("*.docx")):
        with zipfile.ZipFile(docx_path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        for table in re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S):
            rows = _rows(table)
            assert all("<w:cantSplit" in r for r in rows), docx_path.name
            columns = len(re.findall(r"<w:gridCol\b", table))
            first_cell = re.sub(r"<[^>]+>", "", re.findall(r"<w:tc>.*?</w:tc>", rows[0], re.S)[0])
            # A table of columns has a header row; a two-column form of labels and the signature block do not.
            if columns > 2 and first_cell.strip():
                assert "<w:tblHeader" in rows[0], (docx_path.name, first_cell)


# -- the publication packs ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "published"
    _run(["pack", str(example_case_path()), "--profile", "publication", "--out", str(out)])
    return out


@pytest.mark.needs_model
def test_the_merged_pack_pdf_is_tagged_with_title_language_figures_alt_and_table_headers(example_pack):
    merged = next(example_pack.glob("*-publication-pack.pdf"))
    reader = PdfReader(str(merged))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title and root["/ViewerPreferences"]["/DisplayDocTitle"]
    document = root["/StructTreeRoot"]["/K"].get_object()
    assert document["/S"] == "/Document"
    assert [str(kid.get_object()["/T"]) for kid in document["/K"]] == \
        ["Overview report", "Executive summary", "Seven-minute briefing"]
    kinds, alts = _structure(reader)
    assert kinds["/H1"] and kinds["/Table"] and kinds["/TH"] and kinds["/TD"]
    assert len(alts) >= 3 and all(alt and len(str(alt)) > 20 for alt in alts), alts  # genogram, timescales, contact


@pytest.mark.needs_model
def test_every_page_of_every_pack_pdf_is_a4(example_pack):
    pdfs = sorted(example_pack.glob("*.pdf"))
    assert len(pdfs) == 4  # three documents and the merged pack
    for pdf in pdfs:
        for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) in A4_POINTS, (pdf.name, number)
        if not pdf.stem.endswith("-pack"):  # the anonymised copies are laid out anew: still no near-empty page
            _assert_no_short_page_but_the_last(pdf)


@pytest.fixture(scope="module")
def regulator_pack(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("regulator") / "regulator"
    _run(["pack", str(TESTS / "fixtures" / "packs" / "adult_k_sar.yaml"), "--profile", "regulator", "--out", str(out)])
    return out


@pytest.mark.needs_model
def test_the_glossary_and_every_regulator_pack_page_are_a4(regulator_pack):
    pdfs = sorted(regulator_pack.glob("*.pdf"))
    names = {p.stem for p in pdfs}
    assert "glossary" in names and any(n.startswith("imr-standards-") for n in names)  # the standards form goes too
    assert any(n.endswith("-regulator-pack") for n in names)
    for pdf in pdfs:
        for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) in A4_POINTS, (pdf.name, number)
        if not pdf.stem.endswith("-pack"):
            _assert_no_short_page_but_the_last(pdf)


@pytest.mark.needs_model
def test_the_briefing_is_anonymised_in_the_publication_pack_whole_sentences_and_good_practice(example_pack):
    case = load_case(example_case_path())
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(example_pack / "seven-minute-briefing.pdf")).pages)
    doc = open_docx(example_pack / "seven-minute-briefing.docx")
    words = "\n".join(p.text for p in doc.paragraphs)
    for person in case.people:
        if person.pseudonym:  # everyone the pack anonymises: no full name, no surname
            surname = person.name.split()[-1]
            for both in (text, words):
                assert person.name not in both and not re.search(rf"\b{re.escape(surname)}\b", both), person.pseudonym
    assert case.subject.pseudonym in words
    heads = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Good practice" in heads
    after = doc.paragraphs[[p.text for p in doc.paragraphs].index("Good practice") + 1].text
    assert after.strip() and "[To be completed" not in after
    body = [p.text.strip() for p in doc.paragraphs if p.text.strip() and not p.style.name.startswith("Heading")]
    assert "…" not in words and all(line[-1] in ".?!" for line in body[1:]), [b for b in body if b[-1] not in ".?!"]
    assert len(PdfReader(str(example_pack / "seven-minute-briefing.pdf")).pages) == 1


@pytest.mark.needs_model
@pytest.mark.parametrize("review_type, documents", [
    ("CSPR", {"overview-report", "executive-summary", "seven-minute-briefing"}),  # Working Together 2018 and 2023
    ("SCR", {"executive-summary", "seven-minute-briefing"}),  # the pre-2018 rule: only the executive summary
])
def test_a_cspr_publishes_its_report_and_an_scr_only_its_executive_summary(tmp_path, review_type, documents):
    data = yaml.safe_load((TESTS / "fixtures" / "packs" / "child_p_cspr.yaml").read_text(encoding="utf-8"))
    data["review"]["type"] = review_type
    case_file = tmp_path / "case.yaml"
    case_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "published"
    run = _run(["pack", str(case_file), "--profile", "publication", "--out", str(out)])
    stems = {p.stem for p in out.glob("*.pdf") if not p.stem.endswith("-publication-pack")}
    assert stems == documents
    assert {p.stem for p in out.glob("*.docx")} == documents
    report = (out / "redaction-report.md").read_text(encoding="utf-8")
    assert ("Working Together to Safeguard Children 2018" if review_type == "CSPR" else "pre-2018 rule") in report
    assert "Leak check passed" in run.output
