"""Word documents: every part cleaned, formatting kept (no NER model needed)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from scrdocs.case.casefile import load_case
from scrdocs.errors import InputFormatError
from scrdocs.redaction import Redactor, extract_text
from tests.redaction_docx_helpers import all_parts_text, planted_docx

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"


@pytest.fixture(scope="module")
def redacted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    src = planted_docx(folder / "imr.docx")
    before = src.read_bytes()
    r = Redactor(load_case(FIXTURES / "case.yaml"), FIXTURES / "no_ner.yaml")
    result = r.redact_file(src, folder / "out" / "imr.docx")
    assert src.read_bytes() == before, "the input must never be modified"
    return folder / "out" / "imr.docx", result, r


def test_the_planted_document_really_has_the_names(tmp_path):
    parts = all_parts_text(planted_docx(tmp_path / "p.docx"))
    joined = "".join(parts.values())
    assert "Edith Marlow" in parts["word/comments.xml"] and "Edith" in parts["docProps/custom.xml"]
    assert "Ellie Hollis" in parts["docProps/core.xml"] and "mailto:edith" in joined
    assert "was drunk" in parts["word/document.xml"] and "<w:ins " in parts["word/document.xml"]
    assert "Edith" in parts["customXml/item1.xml"] and "Edith" in parts["word/settings.xml"] and "Ellie" in parts["docProps/app.xml"]
    assert "Photo of Edith" in parts["word/document.xml"] and "Text box: Grace" in parts["word/document.xml"]


def test_no_name_left_in_any_part(redacted):
    out, _, _ = redacted
    for name, text in all_parts_text(out).items():
        for leaked in ("Edith", "Marlow", "Ellie", "Grace", "Larkspur"):
            assert leaked not in text, f"{leaked} left in {name}"


def test_comments_custom_properties_and_their_references_are_gone(redacted):
    out, result, _ = redacted
    parts = all_parts_text(out)
    assert "word/comments.xml" not in parts and "docProps/custom.xml" not in parts
    assert "comments" not in parts["[Content_Types].xml"] and "custom-properties" not in parts["_rels/.rels"]
    assert "commentReference" not in parts["word/document.xml"] and "commentRangeStart" not in parts["word/document.xml"]
    assert "comments.xml" not in parts["word/_rels/document.xml.rels"]


def test_tracked_changes_accepted(redacted):
    out, _, _ = redacted
    body = all_parts_text(out)["word/document.xml"]
    assert "was drunk" not in body and "w:del " not in body and "w:ins " not in body
    assert "Son visited" in body


def test_every_text_part_is_redacted(redacted):
    out, _, _ = redacted
    found = dict(extract_text(out))
    texts = "\n".join(found.values())
    assert "IMR about Adult A" in texts  # header
    assert "Told by Adult A on the phone." in texts  # footnote
    assert "Text box: Daughter rang" in texts
    assert "Adult A, [address]" in texts  # table
    assert any("Photo of Adult A" in v for v in found.values())  # alt text
    assert any("Mail Adult A" in v for v in found.values())  # hyperlink tooltip


def test_properties_scrubbed(redacted):
    out, _, _ = redacted
    props = docx.Document(str(out)).core_properties
    assert props.author == "" and props.last_modified_by == "" and props.title == ""
    assert props.subject == "Report for the board"  # names nobody: kept


def test_formatting_kept_where_a_name_is_split_across_runs(redacted):
    out, _, _ = redacted
    runs = docx.Document(str(out)).paragraphs[0].runs
    assert "".join(r.text for r in runs).startswith("Meeting with Adult A on 3 May 2019")
    assert [r.text for r in runs[:4]] == ["Meeting with ", "Adult A", "", ""]
    assert runs[2].bold and runs[3].italic and not runs[1].bold


def test_audit_locates_decisions_in_parts(redacted):
    _, result, r = redacted
    locations = {d.location for d in r.audit}
    assert any(loc.startswith("word/document.xml paragraph") for loc in locations)
    assert any(loc.startswith("word/footnotes.xml") for loc in locations)
    assert result.removed >= 8 and result.by_type["PERSON"] >= 6


def test_not_a_word_document(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    r = Redactor(load_case(FIXTURES / "case.yaml"), FIXTURES / "no_ner.yaml")
    with pytest.raises(InputFormatError, match="not a Word document"):
        r.redact_file(bad, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


def test_relationship_words_and_table_cells_read_well_in_word(tmp_path):
    """ "Her son " + bold "Dan" + "iel": the name goes across runs and "son" stays; a bare "Mr Marlow" in a
    table cell after a cell naming the son is tied to him only by recency, so it is "[name]" (each cell is
    redacted as its own text)."""
    from scrdocs.examples import example_case_path

    d = docx.Document()
    p = d.add_paragraph("Her son ")
    p.add_run("Dan").bold = True
    p.add_run("iel rang. Tom Fairbairn (SW2) noted it.")
    table = d.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "DANIEL MARLOW arrested."
    table.cell(1, 0).text = "HO1 spoke to Mr Marlow about arrears."
    src = tmp_path / "minute.docx"
    d.save(src)
    r = Redactor(load_case(example_case_path()), FIXTURES / "no_ner.yaml")
    r.redact_file(src, tmp_path / "out" / "minute.docx")
    out = docx.Document(tmp_path / "out" / "minute.docx")
    assert out.paragraphs[0].text == "Her son rang. SW2 noted it."
    assert [c.text for row in out.tables[0].rows for c in row.cells] == ["SON arrested.", "HO1 spoke to [name] about arrears."]


def test_pictures_are_listed_for_checking_by_hand(tmp_path):
    # A picture (a named genogram, a scanned letter) cannot be read, so the
    # result says so rather than passing it off as clean.
    document = docx.Document()
    document.add_paragraph("Genogram drawn by the agency:")
    png = Path(__file__).parent / "fixtures" / "redaction" / "picture.png"
    document.add_picture(str(png))
    src = tmp_path / "with-picture.docx"
    document.save(src)
    r = Redactor(load_case(FIXTURES / "case.yaml"), FIXTURES / "no_ner.yaml")
    result = r.redact_file(src, tmp_path / "out" / "with-picture.docx")
    assert any("1 picture" in note and "check each by hand" in note for note in result.notes)

