"""The leak gate reads what a person would see, never Word's own settings (issue 11: the "SA" initials).

Word writes ``w:bidi="ar-SA"`` (the language for right-to-left text) into
the styles of nearly every document. A gate that read every attribute as
text found a practitioner whose initials are SA in it and stopped every
pack with a message nobody could act on. The gate now reads the runs, the
drawing text and only the attributes that hold readable text (alt text,
bookmark names, revision authors, content-control titles, form fields).
The people here are fictional.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.packs.pack_gate import make_gate
from scrdocs.redaction import Redactor

NO_NER = Path(__file__).parent / "fixtures" / "redaction" / "no_ner.yaml"
CASE_TEXT = """\
review:
  type: SAR
  board: Northmoor Safeguarding Adults Board
  title: Adult A
  reference: NSAB-SAR-2024-02
panel:
  board_chair: {name: Dr Olusegun Adebayo, job_title: Independent Chair, organisation: Northmoor Safeguarding Adults Board}
  panel_chair: {name: Professor Jane Hollis, job_title: Panel Chair, organisation: Northmoor University}
  author: {name: Malcolm Fairweather, job_title: Independent Reviewer}
agencies:
  - {id: asc, name: Northmoor Adult Social Care, short_name: NASC}
people:
  - {id: edith, name: Edith May Marlow, role: subject, sex: F, pseudonym: Adult A}
  - {id: sarah, name: Sarah Ashdown, role: practitioner, job_title: Social worker, agency: asc, sex: F, pseudonym: SW1}
"""
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture(scope="module")
def case_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("case") / "case.yaml"
    path.write_text(CASE_TEXT, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def gate(case_path):
    # The gate a publication pack uses (the engine's name variants, initials among them), without the model.
    return make_gate(load_case(case_path), "publication", ner=False)


def make_docx(path: Path, edit=None) -> Path:
    """A clean document (python-docx's styles hold w:bidi="ar-SA"); ``edit`` changes document.xml's text."""
    d = docx.Document()
    d.add_paragraph("Adult A was visited at home by SW1.")
    d.add_paragraph("PLACE")
    d.save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    del parts["docProps/thumbnail.jpeg"]  # a saved page picture is a finding of its own (test_fail_closed_parts)
    parts["_rels/.rels"] = re.sub(rb'<Relationship [^>]*thumbnail[^>]*/>', b"", parts["_rels/.rels"])
    if edit is not None:
        parts["word/document.xml"] = edit(parts["word/document.xml"].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _replace_place(xml: str) -> str:
    return lambda doc: doc.replace("<w:r><w:t>PLACE</w:t></w:r>", xml)


def test_the_practitioner_has_the_initials_sa_and_the_styles_hold_ar_sa(gate, tmp_path):
    assert any("SA" in person.names for person in gate.people)
    with zipfile.ZipFile(make_docx(tmp_path / "imr.docx")) as z:
        assert 'w:bidi="ar-SA"' in z.read("word/styles.xml").decode()


def test_word_settings_are_not_read_as_text(gate, tmp_path):
    report = gate.scan_files([make_docx(tmp_path / "imr.docx")])
    assert report.clean, report.summary()


def test_scan_passes_a_clean_document_of_a_case_with_an_sa(case_path, tmp_path):
    run = CliRunner().invoke(cli, ["scan", "--case", str(case_path), "--no-ner", str(make_docx(tmp_path / "imr.docx"))])
    assert run.exit_code == 0, run.output
    assert "No leaks found in 1 file." in run.output


@pytest.mark.parametrize("xml, label", [
    ('<w:bookmarkStart w:id="5" w:name="Sarah_Ashdown"/><w:r><w:t>Visits</w:t></w:r><w:bookmarkEnd w:id="5"/>',
     "paragraph 2 attribute name (bookmark name)"),
    ('<w:r><w:drawing><wp:inline><wp:extent cx="10" cy="10"/><wp:docPr id="1" name="Picture 1" '
     'descr="photo of Sarah Ashdown"/></wp:inline></w:drawing></w:r>', "paragraph 2 attribute descr (alt text)"),
    ('<w:sdt><w:sdtPr><w:alias w:val="Sarah Ashdown"/></w:sdtPr><w:sdtContent><w:r><w:t>Worker</w:t></w:r>'
     '</w:sdtContent></w:sdt>', "paragraph 2 attribute val (content control title)"),
    ('<w:ins w:id="3" w:author="Sarah Ashdown" w:date="2024-01-01T00:00:00Z"><w:r><w:t>Seen.</w:t></w:r></w:ins>',
     "paragraph 2 attribute author (author's name)"),
    ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="worker"/><w:textInput>'
     '<w:default w:val="Sarah Ashdown"/></w:textInput></w:ffData></w:fldChar></w:r>',
     "paragraph 2 attribute val (form field)"),
    ('<w:r><w:t>Visit by SA on Monday.</w:t></w:r>', "paragraph 2"),
])
def test_text_a_person_can_read_is_found(gate, tmp_path, xml, label):
    report = gate.scan_files([make_docx(tmp_path / "imr.docx", _replace_place(xml))])
    assert [(h.location, h.pseudonym) for h in report.hits] == [(f"word/document.xml {label}", "SW1")], report.summary()


def test_an_attribute_that_is_not_text_is_not_read_even_when_it_spells_a_name(gate, tmp_path):
    # A style's id is Word's key, never shown as it is written: not read (the style's name is in styles.xml).
    xml = '<w:r><w:rPr><w:rStyle w:val="SarahAshdown"/><w:lang w:bidi="ar-SA"/></w:rPr><w:t>Visits</w:t></w:r>'
    assert gate.scan_files([make_docx(tmp_path / "imr.docx", _replace_place(xml))]).clean


def test_the_message_says_document_part_paragraph_and_what_to_do(case_path, tmp_path):
    xml = '<w:bookmarkStart w:id="5" w:name="Sarah_Ashdown"/><w:bookmarkEnd w:id="5"/>'
    path = make_docx(tmp_path / "imr.docx", _replace_place(xml))
    run = CliRunner().invoke(cli, ["scan", "--case", str(case_path), "--no-ner", str(path)])
    assert run.exit_code == 1
    assert re.search(r"imr\.docx, word/document\.xml paragraph 2 attribute name \(bookmark name\): "
                     r"PERSON of SW1 \(found by case\)", run.output), run.output
    assert "What to do: open each document at the part and paragraph" in run.output
    assert "replace what is there with the pseudonym shown" in run.output
    assert "Sarah" not in run.output and "Ashdown" not in run.output


def test_redact_leaves_word_settings_alone_and_cleans_the_readable_attributes(case_path, tmp_path):
    xml = ('<w:bookmarkStart w:id="5" w:name="Sarah_Ashdown"/><w:r><w:drawing><wp:inline><wp:extent cx="10" cy="10"/>'
           '<wp:docPr id="1" name="Picture 1" descr="photo of Sarah Ashdown"/></wp:inline></w:drawing></w:r>'
           '<w:r><w:t>SA rang.</w:t></w:r><w:bookmarkEnd w:id="5"/>')
    src = make_docx(tmp_path / "imr.docx", _replace_place(xml))
    out = tmp_path / "out" / "imr.docx"
    Redactor(load_case(case_path), NO_NER).redact_file(src, out)
    with zipfile.ZipFile(out) as z:
        styles, body = z.read("word/styles.xml").decode(), z.read("word/document.xml").decode()
    assert 'w:bidi="ar-SA"' in styles  # Word's own setting, untouched
    assert 'w:name="_scrdocs_bm1"' in body and 'descr="photo of SW1"' in body and "SW1 rang." in body
    assert "Sarah" not in body and "Ashdown" not in body


def test_a_word_like_name_opening_a_sentence_as_the_word_is_not_a_leak(tmp_path):
    # "Will the panel note" is the verb, as the engine reads it; "Will said" is the son, and still found.
    from docx import Document as _Document

    from scrdocs.case.casefile import load_case as _load
    from scrdocs.packs.pack_gate import make_gate as _make_gate

    case = _load(Path(__file__).parent / "fixtures" / "redaction" / "case.yaml")
    gate = _make_gate(case, "regulator", ner=False)
    clean, leaking = tmp_path / "clean.txt", tmp_path / "leaking.txt"
    clean.write_text("Will the panel note the delay? Will she cope? Hope it helps.\n")
    leaking.write_text("The visit was late. Will said he had been out.\n")
    assert gate.scan_files([clean], root=tmp_path).clean
    assert not gate.scan_files([leaking], root=tmp_path).clean
