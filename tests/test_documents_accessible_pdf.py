"""Accessible PDFs (Public Sector Bodies Accessibility Regulations): tagged, titled, in British English,
headings as structure, figures with alt text, table header rows marked; and pages that are not near-empty."""

from __future__ import annotations


import pytest
from pypdf import PdfReader

from documents_helpers import SMALL_CASE
from pdf_structure_helpers import structure as _structure
from scrdocs.case.casefile import load_case
from scrdocs.documents.build import build_documents

pytestmark = [pytest.mark.needs_soffice, pytest.mark.slow]

A4_POINTS = {(595, 842), (842, 595)}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_documents(load_case(SMALL_CASE), tmp_path_factory.mktemp("pdfua") / "out")


def test_every_pdf_is_tagged_titled_and_in_british_english(built):
    for pdf in built.pdf:
        reader = PdfReader(str(pdf))
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"], pdf.name
        assert "/StructTreeRoot" in root, pdf.name
        assert root["/Lang"] == "en-GB", pdf.name
        assert root["/ViewerPreferences"]["/DisplayDocTitle"], pdf.name  # the title, not the file name
        assert reader.metadata.title.startswith("Adult Q: "), pdf.name
        kinds, _ = _structure(reader)
        assert kinds["/H1"] or kinds["/H2"], pdf.name  # headings as structure


def test_figures_have_alt_text_and_tables_have_header_cells(built):
    reader = PdfReader(str(built.out_dir / "overview-report.pdf"))
    kinds, alts = _structure(reader)
    assert len(alts) >= 2  # the review-timescales chart and the agency-contact chart at least
    assert all(alt and len(str(alt)) > 20 for alt in alts), alts
    assert any("review timescales" in str(alt) for alt in alts)
    assert kinds["/Table"] and kinds["/TH"] and kinds["/TD"]


def _body_lines(page, footer_titles: set[str]) -> list[str]:
    lines = [line.strip() for line in (page.extract_text() or "").splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("OFFICIAL") and not line.startswith("Page ")
            and line not in footer_titles]


def test_no_near_empty_pages_and_every_page_is_a4(built):
    for pdf in built.pdf:
        reader = PdfReader(str(pdf))
        titles = {reader.metadata.title}
        for number, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) in A4_POINTS, (pdf.name, number)
            if number < len(reader.pages):  # the page that ends a document may be short
                lines = _body_lines(page, titles)
                assert len(lines) >= 3, (pdf.name, number, lines)


def test_seven_minute_briefing_is_still_one_page_with_whole_sentences(built):
    reader = PdfReader(str(built.out_dir / "seven-minute-briefing.pdf"))
    assert len(reader.pages) == 1
    assert "…" not in reader.pages[0].extract_text()


# -- the merged all-in-one pack PDF keeps the tags ----------------------------------

def _merge(built, tmp_path, names):
    from scrdocs.packs.pdf_finish import MergePart, PdfMetadata, merge_pdfs

    parts = [MergePart(title, built.out_dir / name) for title, name in names]
    dest = tmp_path / "merged.pdf"
    merge_pdfs(parts, dest, PdfMetadata(author="Westmarch Safeguarding Adults Board", title="Adult Q: publication pack"))
    return PdfReader(str(dest))


_PARTS = [("Overview report", "overview-report.pdf"), ("Executive summary", "executive-summary.pdf"),
          ("Integrated chronology", "integrated-chronology.pdf")]


def test_the_merged_pack_pdf_keeps_one_structure_tree_title_and_language(built, tmp_path):
    reader = _merge(built, tmp_path, _PARTS)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] and reader.metadata.title == "Adult Q: publication pack"
    tree = root["/StructTreeRoot"]
    document = tree["/K"].get_object()
    assert document["/S"] == "/Document"
    parts = [kid.get_object() for kid in document["/K"]]
    assert [(p["/S"], p["/T"]) for p in parts] == [("/Part", title) for title, _ in _PARTS]
    kinds, alts = _structure(reader)
    assert kinds["/H1"] and kinds["/Table"] and kinds["/TH"] and kinds["/TD"]
    assert len(alts) >= 2 and all(alt and len(str(alt)) > 20 for alt in alts)  # the overview's figures


def test_every_page_of_the_merged_pdf_points_into_the_one_tree(built, tmp_path):
    reader = _merge(built, tmp_path, _PARTS)
    tree = reader.trailer["/Root"]["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert len(keys) == len(set(keys)) and int(tree["/ParentTreeNextKey"]) == max(keys) + 1
    page_keys = [page.get("/StructParents") for page in reader.pages]
    assert None not in page_keys and len(set(page_keys)) == len(page_keys)  # renumbered, not repeated per part
    assert set(page_keys) <= set(keys)
    pages = {page.indirect_reference.idnum for page in reader.pages}
    marked = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if "/Pg" in node:
                marked.append(node.raw_get("/Pg").idnum)
            if node.get("/K") is not None:
                walk(node["/K"])
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(tree)
    assert set(marked) <= pages and set(marked) == pages  # every page's content is in the tree, and only those pages


def test_a_merge_with_an_untagged_part_does_not_claim_tags(built, tmp_path):
    from pypdf import PdfWriter

    plain = tmp_path / "plain.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with open(plain, "wb") as fh:
        writer.write(fh)
    reader = _merge(built, tmp_path, [("Overview report", "overview-report.pdf"), ("A scan", str(plain))])
    assert "/StructTreeRoot" not in reader.trailer["/Root"]
