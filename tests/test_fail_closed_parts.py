"""Fail closed on the parts of a document scrdocs cannot read (issue 10, item 3).

A name planted in a macro project, an embedded (OLE) object, an ActiveX
control, the thumbnail, custom XML, an unknown part, a bookmark's name, a
content control's title and tag, a form field, or a revision author must
not survive `scrdocs redact`; and `scrdocs scan` must never call a document
holding such a part clean. The same for a PDF's form-field values,
attachments and JavaScript. All people here are fictional (the redaction
fixture case: Edith Marlow is the subject).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, RectangleObject, TextStringObject

from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.redaction import Redactor
from tests.pack_helpers import plant

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
CASE = FIXTURES / "case.yaml"
NO_NER = FIXTURES / "no_ner.yaml"
NAME = "Edith Marlow"
R_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SECRET = re.compile(rb"edith|marlow|e\x00d\x00i\x00t\x00h\x00|m\x00a\x00r\x00l\x00o\x00w\x00", re.I)


# -- documents with a name hidden where scrdocs cannot read ----------------------------------

def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


def _add_rel(parts: dict[str, bytes], rels: str, rel_id: str, kind: str, target: str, external: bool = False) -> None:
    mode = ' TargetMode="External"' if external else ""
    xml = parts.get(rels, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
                          b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    parts[rels] = xml.replace(b"</Relationships>", f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"{mode}/>'
                                                   "</Relationships>".encode())


def _add_type(parts: dict[str, bytes], part: str, content_type: str) -> None:
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>'.encode())


def _secret_bytes(text: str = NAME) -> bytes:
    return text.encode() + b"\x00" + text.encode("utf-16-le")


def base_docx(path: Path, paragraphs=("Adult A was visited at home.",)) -> dict[str, bytes]:
    """A plain document made with python-docx, without its blank template's thumbnail."""
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    d.save(str(path))
    parts = _parts(path)
    del parts["docProps/thumbnail.jpeg"]
    parts["_rels/.rels"] = re.sub(rb'<Relationship [^>]*thumbnail[^>]*/>', b"", parts["_rels/.rels"])
    return parts


def add_macros(parts: dict[str, bytes]) -> None:
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _secret_bytes("Sub Main() ' for Edith Marlow")
    parts["word/vbaData.xml"] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><wne:vbaSuppData '
                                 b'xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"><wne:mcds>'
                                 b'<wne:mcd wne:macroName="PROJECT.EDITHMARLOW.MAIN" wne:name="Project.EdithMarlow.Main" '
                                 b'wne:bEncrypt="00" wne:cmg="56"/></wne:mcds></wne:vbaSuppData>')
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdVba", "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
             "vbaProject.bin")
    _add_rel(parts, "word/_rels/vbaProject.bin.rels", "rIdVbaData",
             "http://schemas.microsoft.com/office/2006/relationships/wordVbaData", "vbaData.xml")
    _add_type(parts, "word/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    _add_type(parts, "word/vbaData.xml", "application/vnd.ms-word.vbaData+xml")
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(  # a .docm saved under another name
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")


def add_ole_object(parts: dict[str, bytes]) -> None:
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + _secret_bytes()
    parts["word/media/preview1.png"] = plant.tiny_png()
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdOle", f"{R_TYPES}/oleObject", "embeddings/oleObject1.bin")
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdPrev", f"{R_TYPES}/image", "media/preview1.png")
    _add_type(parts, "word/embeddings/oleObject1.bin", "application/vnd.openxmlformats-officedocument.oleObject")
    _add_type(parts, "word/media/preview1.png", "image/png")
    obj = ('<w:p><w:r><w:t xml:space="preserve">The letter: </w:t></w:r><w:r><w:object w:dxaOrig="1440" w:dyaOrig="1440">'
           '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:72pt;height:72pt" o:ole="">'
           '<v:imagedata r:id="rIdPrev" o:title=""/></v:shape>'
           '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1" r:id="rIdOle"/>'
           "</w:object></w:r></w:p>")
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr", obj.encode() + b"<w:sectPr", 1)


def add_activex(parts: dict[str, bytes]) -> None:
    parts["word/activeX/activeX1.xml"] = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><ax:ocx '
                                          b'xmlns:ax="http://schemas.microsoft.com/office/2006/activeX" '
                                          b'ax:classid="{8BD21D10-EC42-11CE-9E0D-00AA006002F3}" ax:persistence="persistStorage" '
                                          b'r:id="rIdBin" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>')
    parts["word/activeX/activeX1.bin"] = b"\xd0\xcf\x11\xe0" + _secret_bytes()
    _add_rel(parts, "word/activeX/_rels/activeX1.xml.rels", "rIdBin",
             "http://schemas.microsoft.com/office/2006/relationships/activeXControlBinary", "activeX1.bin")
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdAx", f"{R_TYPES}/control", "activeX/activeX1.xml")
    _add_type(parts, "word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml")
    _add_type(parts, "word/activeX/activeX1.bin", "application/vnd.ms-office.activeX")
    control = ('<w:p><w:r><w:object w:dxaOrig="1440" w:dyaOrig="300"><v:shape id="_x0000_i1026" type="#_x0000_t75" '
               'style="width:72pt;height:15pt"/><w:control r:id="rIdAx" w:name="TextBox1" w:shapeid="_x0000_i1026"/>'
               "</w:object></w:r></w:p>")
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr", control.encode() + b"<w:sectPr", 1)


def add_thumbnail(parts: dict[str, bytes]) -> None:
    parts["docProps/thumbnail.jpeg"] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + _secret_bytes() + b"\xff\xd9"
    _add_rel(parts, "_rels/.rels", "rIdThumb",
             "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail", "docProps/thumbnail.jpeg")


def add_text_places(parts: dict[str, bytes]) -> None:
    """Bookmarks (and a REF field and a link to one), a content control, a form field, revision authors."""
    body = (
        '<w:p><w:bookmarkStart w:id="7" w:name="Edith_Marlow"/><w:r><w:t>Background</w:t></w:r><w:bookmarkEnd w:id="7"/></w:p>'
        '<w:p><w:r><w:t xml:space="preserve">As set out in </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF Edith_Marlow \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Background</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> (</w:t></w:r>'
        '<w:hyperlink w:anchor="Edith_Marlow"><w:r><w:t>see above</w:t></w:r></w:hyperlink><w:r><w:t>).</w:t></w:r></w:p>'
        '<w:p><w:sdt><w:sdtPr><w:alias w:val="Edith Marlow"/><w:tag w:val="edith.marlow"/></w:sdtPr>'
        '<w:sdtContent><w:r><w:t>Client named in the referral</w:t></w:r></w:sdtContent></w:sdt></w:p>'
        '<w:p><w:bookmarkStart w:id="8" w:name="EdithMarlowName"/><w:r><w:fldChar w:fldCharType="begin"><w:ffData>'
        '<w:name w:val="EdithMarlowName"/><w:enabled/><w:helpText w:type="text" w:val="Ask Edith Marlow"/>'
        '<w:statusText w:type="text" w:val="For Edith Marlow"/><w:textInput><w:default w:val="Edith Marlow"/></w:textInput>'
        '</w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Edith Marlow</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:bookmarkEnd w:id="8"/></w:p>'
        '<w:p><w:customXmlInsRangeStart w:id="20" w:author="Edith Marlow" w:date="2024-01-01T00:00:00Z"/>'
        '<w:r><w:t xml:space="preserve">Inserted </w:t></w:r><w:customXmlInsRangeEnd w:id="20"/>'
        '<w:ins w:id="21" w:author="Edith Marlow" w:date="2024-01-01T00:00:00Z"><w:r><w:t>and added.</w:t></w:r></w:ins></w:p>')
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:sectPr", body.encode() + b"<w:sectPr", 1)


def add_outside_word(parts: dict[str, bytes]) -> None:
    """Custom XML, an unknown part, an attached template on someone's drive, printer settings."""
    parts["customXml/item1.xml"] = b'<?xml version="1.0"?><case><client name="Edith Marlow">Edith Marlow</client></case>'
    parts["word/notes/notes1.dat"] = _secret_bytes()
    _add_rel(parts, "word/_rels/document.xml.rels", "rIdNotes", "http://example.org/relationships/notes", "notes/notes1.dat")
    _add_type(parts, "word/notes/notes1.dat", "application/octet-stream")
    parts["extra/readme.txt"] = b"Prepared for Edith Marlow"
    parts["word/printerSettings/printerSettings1.bin"] = _secret_bytes("\\\\server\\Edith Marlow printer")
    _add_rel(parts, "word/_rels/settings.xml.rels", "rIdPrinter", f"{R_TYPES}/printerSettings",
             "printerSettings/printerSettings1.bin")
    _add_type(parts, "word/printerSettings/printerSettings1.bin",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings")
    _add_rel(parts, "word/_rels/settings.xml.rels", "rIdTpl", f"{R_TYPES}/attachedTemplate",
             "file:///C:/Users/Edith%20Marlow/Templates/Visit.dotx", external=True)
    parts["word/settings.xml"] = re.sub(rb"(<w:settings[^>]*>)", rb'\1<w:attachedTemplate r:id="rIdTpl"/>',
                                        parts["word/settings.xml"], count=1)
    if b'xmlns:r=' not in parts["word/settings.xml"].split(b">", 2)[1]:
        parts["word/settings.xml"] = parts["word/settings.xml"].replace(
            b"<w:settings ", f'<w:settings xmlns:r="{R_TYPES}" '.encode(), 1)


def hostile_docx(path: Path) -> Path:
    parts = base_docx(path)
    for add in (add_macros, add_ole_object, add_activex, add_thumbnail, add_text_places, add_outside_word):
        add(parts)
    return _write(path, parts)


# -- redact: the planted name in no part of the copy --------------------------------------

@pytest.fixture(scope="module")
def redacted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    src = hostile_docx(folder / "imr.docx")
    result = Redactor(load_case(CASE), NO_NER).redact_file(src, folder / "out" / "imr.docx")
    return src, folder / "out" / "imr.docx", result


def test_the_hostile_document_really_hides_the_name_in_every_place(redacted):
    src, _, _ = redacted
    parts = _parts(src)
    for part in ("word/vbaProject.bin", "word/embeddings/oleObject1.bin", "word/activeX/activeX1.bin",
                 "docProps/thumbnail.jpeg", "customXml/item1.xml", "word/notes/notes1.dat",
                 "word/printerSettings/printerSettings1.bin", "word/_rels/settings.xml.rels"):
        assert SECRET.search(parts[part]), part
    assert b"macroEnabled" in parts["[Content_Types].xml"]  # a .docm under another name


def test_redact_leaves_the_name_in_no_part(redacted):
    _, out, _ = redacted
    for name, data in _parts(out).items():
        assert not SECRET.search(data), f"the name survives in {name}"
        assert not SECRET.search(name.encode()), name


def test_what_cannot_be_read_is_removed_with_its_threads(redacted):
    _, out, result = redacted
    parts = _parts(out)
    for gone in ("word/vbaProject.bin", "word/vbaData.xml", "word/embeddings/oleObject1.bin", "word/activeX/activeX1.xml",
                 "word/activeX/activeX1.bin", "docProps/thumbnail.jpeg", "customXml/item1.xml", "word/notes/notes1.dat",
                 "extra/readme.txt", "word/printerSettings/printerSettings1.bin", "word/media/preview1.png"):
        assert gone not in parts, gone
    types = parts["[Content_Types].xml"].decode()
    assert "vbaProject" not in types and "macroEnabled" not in types and "activeX" not in types
    # Every relationship left points at a part that is there, and none leads outside the file.
    for name, data in parts.items():
        if name.endswith(".rels"):
            assert b'TargetMode="External"' not in data, name
            assert b"vbaProject" not in data and b"oleObject" not in data and b"thumbnail" not in data, name
    body = parts["word/document.xml"].decode()
    assert "[embedded object removed]" in body and "w:object" not in body and "w:control" not in body
    assert "attachedTemplate" not in parts["word/settings.xml"].decode()
    docx.Document(str(out))  # still a document Word (and python-docx) opens


def test_bookmarks_are_renamed_consistently_and_other_attributes_cleaned(redacted):
    _, out, _ = redacted
    body = _parts(out)["word/document.xml"].decode()
    assert 'w:bookmarkStart w:id="7" w:name="_scrdocs_bm1"' in body
    assert "REF _scrdocs_bm1 \\h" in body and 'w:anchor="_scrdocs_bm1"' in body
    assert 'w:name="_scrdocs_bm2"' in body and '<w:name w:val="_scrdocs_bm2"/>' in body  # form field = its bookmark
    assert "customXmlInsRangeStart" not in body
    assert 'w:tag w:val=""' in body


def test_the_result_lists_what_was_removed(redacted):
    _, _, result = redacted
    listed = result.removed_parts
    for expected in ("1 macro project", "1 embedded object", "1 ActiveX control", "thumbnail", "custom XML data",
                     "2 unknown parts", "printer settings", "1 attached template"):
        assert expected in listed, listed
    assert any(note.startswith("removed from the copy: ") and "1 macro project" in note for note in result.notes)


def test_redact_command_prints_what_was_removed(tmp_path):
    src = hostile_docx(tmp_path / "imr.docx")
    run = CliRunner().invoke(cli, ["redact", "--case", str(CASE), "--profile", str(NO_NER), "--out",
                                   str(tmp_path / "out"), str(src)])
    assert run.exit_code == 0, run.output
    note = next(line for line in run.output.splitlines() if "note: removed from the copy: " in line)
    assert "1 macro project" in note and "1 embedded object" in note and "thumbnail" in note
    for data in _parts(tmp_path / "out" / "imr.docx").values():
        assert not SECRET.search(data)


# -- scan: a part it cannot read is a finding -----------------------------------------------

def _scan(*paths: Path):
    return CliRunner().invoke(cli, ["scan", "--case", str(CASE), "--profile", "publication", "--no-ner",
                                    *map(str, paths)])


@pytest.mark.parametrize("add, part, words", [
    (add_macros, "word/vbaProject.bin", "macro project"),
    (add_ole_object, "word/embeddings/oleObject1.bin", "embedded object"),
    (add_activex, "word/activeX/activeX1.bin", "ActiveX control"),
    (add_thumbnail, "docProps/thumbnail.jpeg", "thumbnail"),
])
def test_scan_fails_on_a_part_it_cannot_read(tmp_path, add, part, words):
    path = tmp_path / "imr.docx"
    parts = base_docx(path)
    add(parts)
    _write(path, parts)
    run = _scan(path)
    assert run.exit_code == 1, run.output
    assert "No leaks found" not in run.output
    assert part in run.output and words in run.output and "scrdocs redact" in run.output
    assert not SECRET.search(run.output.encode()), "the message must not show what the part holds"


def test_scan_passes_the_same_document_once_redacted(redacted):
    _, out, _ = redacted
    run = _scan(out)
    assert run.exit_code == 0, run.output
    assert "No leaks found" in run.output


def test_the_gate_can_report_unreadable_parts_as_findings_and_carry_on(tmp_path):
    from scrdocs.packs.leak_gate import file_units

    path = tmp_path / "imr.docx"
    parts = base_docx(path)
    add_macros(parts)
    _write(path, parts)
    findings = []
    units = file_units(path, findings=findings)
    assert units and [(f.location, f.detector) for f in findings] == [("word/vbaProject.bin", "unreadable"),
                                                                     ("word/vbaData.xml", "unreadable")]
    assert "macros in Word" in str(findings[0])


# -- PDF: form fields, attachments, JavaScript ----------------------------------------------

def _pdf(path: Path) -> PdfWriter:
    clean = plant.make_pdf(path.with_suffix(".clean.pdf"), "pdf_page", "the family")
    return PdfWriter(clone_from=str(clean))


def _save(writer: PdfWriter, path: Path) -> Path:
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


def pdf_with_form_field(path: Path, value: str = NAME) -> Path:
    writer = _pdf(path)
    page = writer.pages[0]
    field = DictionaryObject({
        NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("client"),
        NameObject("/V"): TextStringObject(value), NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Widget"), NameObject("/Rect"): RectangleObject([72, 600, 300, 620]),
    })
    ref = writer._add_object(field)
    page[NameObject("/Annots")] = ArrayObject([ref])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([ref])})
    return _save(writer, path)


def pdf_with_attachment(path: Path, file_name: str, data: bytes) -> Path:
    writer = _pdf(path)
    writer.add_attachment(file_name, data)
    return _save(writer, path)


def pdf_with_javascript(path: Path) -> Path:
    from pypdf.actions import JavaScript

    writer = _pdf(path)
    writer.add_open_action(JavaScript("app.alert('Hello');"))
    return _save(writer, path)


def test_a_name_in_a_pdf_form_field_is_found(tmp_path):
    run = _scan(pdf_with_form_field(tmp_path / "referral.pdf"))
    assert run.exit_code == 1, run.output
    assert re.search(r"referral\.pdf, form field 1 value: PERSON of Adult A", run.output), run.output
    assert _scan(pdf_with_form_field(tmp_path / "other.pdf", "Adult A")).exit_code == 0


def test_a_name_in_a_readable_pdf_attachment_is_found(tmp_path):
    run = _scan(pdf_with_attachment(tmp_path / "letter.pdf", "notes.txt", b"Notes: Edith Marlow rang twice."))
    assert run.exit_code == 1, run.output
    assert re.search(r"letter\.pdf \(attachment 1 \(\.txt\)\), line 1: PERSON of Adult A", run.output), run.output
    assert "notes.txt" not in run.output  # an attachment is never named by its file name: it could be a name
    inner = tmp_path / "inner.docx"
    _write(inner, base_docx(inner, ["Edith Marlow was seen."]))
    run = _scan(pdf_with_attachment(tmp_path / "letter2.pdf", "imr.docx", inner.read_bytes()))
    assert run.exit_code == 1 and "attachment 1 (.docx)" in run.output, run.output


@pytest.mark.parametrize("make, words", [
    (lambda p: pdf_with_attachment(p, "data.bin", _secret_bytes()), "an attachment"),
    (pdf_with_javascript, "JavaScript"),
])
def test_a_pdf_part_the_gate_cannot_read_is_a_finding(tmp_path, make, words):
    run = _scan(make(tmp_path / "chronology.pdf"))
    assert run.exit_code == 1, run.output
    assert "No leaks found" not in run.output and words in run.output and "scrdocs redact" in run.output
    assert not SECRET.search(run.output.encode())


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_redact_rebuilds_a_pdf_without_its_form_attachments_or_script(tmp_path):
    src = pdf_with_form_field(tmp_path / "referral.pdf")
    writer = PdfWriter(clone_from=str(src))
    writer.add_attachment("notes.txt", b"Edith Marlow")
    from pypdf.actions import JavaScript

    writer.add_open_action(JavaScript("app.alert('Edith Marlow');"))
    _save(writer, src)
    run = CliRunner().invoke(cli, ["redact", "--case", str(CASE), "--profile", str(NO_NER), "--out",
                                   str(tmp_path / "out"), str(src)])
    assert run.exit_code == 0, run.output
    note = next(line for line in run.output.splitlines() if "note: removed from the copy: " in line)
    assert "1 form field " in note and "1 attachment" in note and "JavaScript" in note
    out = tmp_path / "out" / "referral.pdf"
    reader = PdfReader(str(out))
    root = reader.trailer["/Root"].get_object()
    assert "/AcroForm" not in root and not reader.attachments and "/Names" not in root
    text = "\n".join(p.extract_text() or "" for p in reader.pages) + str(dict(reader.metadata or {}))
    assert not SECRET.search(text.encode()) and not SECRET.search(out.read_bytes())
    assert _scan(out).exit_code == 0


# -- the pack: what was removed is reported; what slips through stops it -------------------

def test_the_pack_report_lists_what_was_removed_apart_from_what_to_check_by_hand():
    from scrdocs.packs.redaction_report import render_report

    text = render_report([], title="SAR Adult A", reference="R1", profile="regulator", documents=["IMR"],
                         created="01/12/2026", below_score=0.7, check_by_hand={"Agency IMR 1 (agency-document-1-imr.docx)": [
                             "1 picture left as it is (word/media/image1.png)",
                             "removed from the copy: 1 macro project, 2 embedded objects, thumbnail"]})
    removed = text.split("### Removed from the copies", 1)[1].split("###", 1)[0]
    assert "- Agency IMR 1 (agency-document-1-imr.docx): 1 macro project, 2 embedded objects, thumbnail" in removed
    by_hand = text.split("### Check by hand", 1)[1]
    assert "1 picture left as it is" in by_hand and "macro" not in by_hand


def test_a_pack_folder_holding_a_part_the_gate_cannot_read_is_not_passed(tmp_path):
    from scrdocs.packs.pack_gate import make_gate

    path = tmp_path / "pack" / "agency-document-1-imr.docx"
    path.parent.mkdir()
    parts = base_docx(path)
    add_ole_object(parts)
    _write(path, parts)
    gate = make_gate(load_case(CASE), "regulator", ner=False)
    report = gate.scan_folder(tmp_path / "pack")  # reported with the other findings, not a stop at the first file
    assert not report.clean
    assert any("word/embeddings/oleObject1.bin" in str(hit) for hit in report.hits), report.summary()
