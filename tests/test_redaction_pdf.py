"""PDF in, a new clean PDF out (needs LibreOffice)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

import scrdocs.redaction  # noqa: F401
from scrdocs.cli import cli
from scrdocs.libreoffice import convert_to_pdf
from tests.redaction_docx_helpers import planted_docx

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
CASE = str(FIXTURES / "case.yaml")
NO_NER = str(FIXTURES / "no_ner.yaml")


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_pdf_in_clean_pdf_out(tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("Chronology for Edith Marlow, 12 Larkspur Close, NM4 7QT.")
    d.add_paragraph("Will Marlow rang on 07700 900123 about his mother.")
    d.core_properties.author = "Ellie Hollis"
    d.core_properties.title = "Edith Marlow"
    d.save(str(tmp_path / "chronology.docx"))
    [pdf] = convert_to_pdf([tmp_path / "chronology.docx"], tmp_path / "src")
    assert b"Marlow" in pdf.read_bytes() or "Marlow" in PdfReader(str(pdf)).pages[0].extract_text()
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["redact", "--case", CASE, "--profile", NO_NER, "--out", str(out), str(pdf)])
    assert res.exit_code == 0, res.output
    made = out / "chronology.pdf"
    text = "".join(p.extract_text() for p in PdfReader(str(made)).pages)
    assert "Adult A, [address], [postcode]." in text and "Son rang on [phone number]" in text
    raw = made.read_bytes()
    for leaked in (b"Marlow", b"Ellie", b"Hollis", b"Larkspur", b"Edith"):
        assert leaked not in raw
    meta = PdfReader(str(made)).metadata or {}
    assert all("Hollis" not in str(v) and "Marlow" not in str(v) for v in meta.values())


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_redacted_docx_opens_in_libreoffice(tmp_path):
    src = planted_docx(tmp_path / "imr.docx")
    out = tmp_path / "out"
    res = CliRunner().invoke(cli, ["redact", "--case", CASE, "--profile", NO_NER, "--out", str(out), str(src)])
    assert res.exit_code == 0, res.output
    [pdf] = convert_to_pdf([out / "imr.docx"], tmp_path / "pdf")
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Meeting with Adult A" in text and "Marlow" not in text


def test_scanned_pdf_needs_ocr(tmp_path):
    scan = tmp_path / "scan.pdf"
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    with open(scan, "wb") as f:
        w.write(f)
    res = CliRunner().invoke(cli, ["redact", "--case", CASE, "--profile", NO_NER, "--out", str(tmp_path / "out"), str(scan)])
    assert res.exit_code == 1 and "OCR" in res.output
    assert not (tmp_path / "out").exists()


def test_encrypted_and_broken_pdfs(tmp_path):
    w = PdfWriter()
    w.add_blank_page(width=595, height=842)
    w.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as f:
        w.write(f)
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nonsense")
    for bad, words in ((locked, "password"), (broken, "broken.pdf")):
        res = CliRunner().invoke(cli, ["redact", "--case", CASE, "--profile", NO_NER, "--out", str(tmp_path / "out"), str(bad)])
        assert res.exit_code == 1 and words in res.output, res.output
    assert not (tmp_path / "out").exists()


def test_lines_a_pdf_wrapped_are_joined_before_the_copy_is_rebuilt():
    from scrdocs.redaction.formats.pdf import reflow

    page = ("Re: Mrs Rose Marlow\n"
            "Thank you for seeing this lady. Her granddaughter Zoë visits her at\n"
            "weekends and her son Daniel lives with her, which the practice has\n"
            "noted on several occasions over the past year.\n"
            "- first point\n"
            "Yours sincerely,\n"
            "Dr Sarah Lindqvist")
    assert reflow(page).split("\n") == [
        "Re: Mrs Rose Marlow",
        "Thank you for seeing this lady. Her granddaughter Zoë visits her at weekends and her son Daniel lives "
        "with her, which the practice has noted on several occasions over the past year.",
        "- first point",
        "Yours sincerely,",
        "Dr Sarah Lindqvist",
    ]
