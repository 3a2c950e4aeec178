"""What makes a pack fast must not make its leak check weaker: one language model for the whole run, each
paragraph read by it once, the gate's term search as exact as before, and a name planted in one format only
(the PDF, never its Word twin) still found."""

from __future__ import annotations

import random
import re

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.errors import LeakError
from scrdocs.packs.leak_gate import LeakGate, SensitivePerson
from scrdocs.packs.leak_gate.forms import _bounded, _digits_pattern, _flexible, _phone_pattern, bounded_search

from tests.pack_helpers import CHILD

_CORES = [(_flexible("Jane Smith"), re.I), (_flexible("O'Neil"), re.I), (_flexible("12 March 1985"), re.I),
          (_flexible("+44 7700"), re.I), (re.escape("Grace"), 0), (_flexible("J.S."), 0),
          (_digits_pattern("9434765919"), 0), (_phone_pattern("07700900123", "07700 900123"), 0),
          (_flexible("-dash"), re.I), (_flexible("Zoë"), re.I), (_flexible("ÉMILE"), re.I), (_flexible("İlker"), re.I)]
_PIECES = ["Jane Smith", "jane\nsmith", "JANE  SMITH", "xJane Smith", "Jane Smithy", "O'Neil", "12 March 1985",
           "+44 7700", "Grace", "GRACE", "grace", "J.S.", "943 476 5919", "07700 900123", "-dash", "a-dash", "Zoë",
           "émile", "ÉMILE", "İlker", "ilker", "ß", ""]
_GLUE = "jJ aA_-.,'\n9é1İß"


@pytest.mark.parametrize("core, flags", _CORES)
def test_the_fast_term_search_finds_exactly_what_the_written_pattern_finds(core, flags):
    search, exact = bounded_search(core, flags), re.compile(_bounded(core), flags)
    rng = random.Random(core)
    for _ in range(2000):
        text = "".join(rng.choice(_GLUE) + rng.choice(_PIECES) for _ in range(4))
        lowered = text.lower() if len(text.lower()) == len(text) else None
        assert [m.span() for m in search.finditer(text, lowered)] == [m.span() for m in exact.finditer(text)], text


def test_the_gate_still_finds_a_name_at_the_start_middle_and_end_of_a_text():
    gate = LeakGate([SensitivePerson("Adult A", names=["Marjorie Quillfeather"])])
    for text in ("Marjorie Quillfeather", "Seen: MARJORIE\nQUILLFEATHER.", "(marjorie quillfeather)"):
        assert [h.pseudonym for h in gate.scan_unit(_unit(text))] == ["Adult A"], text
    assert gate.scan_unit(_unit("Marjorie Quillfeathers")) == []


def _unit(text):
    from scrdocs.packs.leak_gate import Unit

    return Unit("a.docx", "word/document.xml", text, ner=False)


@pytest.mark.needs_model
def test_the_model_reads_a_repeated_paragraph_once_per_process(monkeypatch):
    from scrdocs.redaction import ner
    from scrdocs.settings import spacy_model

    monkeypatch.setenv("SCRDOCS_NER_PROCESSES", "1")
    detector = ner.NerDetector(spacy_model())
    read: list[str] = []
    real = ner._entities
    monkeypatch.setattr(ner, "_entities", lambda nlp, pieces: real(nlp, _recorded(pieces, read)))
    paragraph = "Kevin Doyle of Harnley rang the duty desk on a Tuesday morning about the visit (test 9)."
    first = detector.find_many([paragraph, "Nothing here at all, just a sentence."])
    again = detector.find_many(["A new sentence with Sandra Pettigrew in it.", paragraph, paragraph])
    assert read.count(paragraph) == 1
    assert "A new sentence with Sandra Pettigrew in it." in read
    spans = [(c.start, c.end, c.entity_type) for c in first[0]]
    assert ("PERSON" in {t for _, _, t in spans}) and [(c.start, c.end, c.entity_type) for c in again[1]] == spans
    assert [(c.start, c.end, c.entity_type) for c in again[2]] == spans


def _recorded(pieces, into):
    for piece in pieces:
        into.append(piece)
        yield piece


@pytest.mark.needs_soffice
@pytest.mark.needs_model
@pytest.mark.slow
def test_a_pack_loads_the_model_once_and_finds_a_name_planted_only_in_one_pdf(tmp_path, monkeypatch):
    from scrdocs.packs import assemble, pdf_finish
    from scrdocs.packs.pack import build_pack
    from scrdocs.redaction import ner

    monkeypatch.setenv("SCRDOCS_NER_PROCESSES", "1")  # counted in this process
    monkeypatch.setattr(ner, "_ENGINES", {})  # as in a new process: nothing loaded yet
    loads = []
    real_load = ner.spacy.load
    monkeypatch.setattr(ner.spacy, "load", lambda *a, **k: loads.append(a) or real_load(*a, **k))
    real_convert = assemble._convert

    def planted(to_pdf, pdfs):
        converted = real_convert(to_pdf, pdfs)
        target = next(p for p in converted if p.stem == "executive-summary")
        stamped = target.with_name("stamped.pdf")
        pdf_finish.stamp_marking(target, stamped, "Seen with Tallulah Brackenridge")  # in the PDF, not the Word copy
        stamped.replace(target)
        return converted

    monkeypatch.setattr(assemble, "_convert", planted)
    with pytest.raises(LeakError):
        build_pack(load_case(CHILD), "publication", tmp_path / "pack")
    assert len(loads) == 1, loads
    report = (tmp_path / "pack.failed" / "leak-report.txt").read_text()
    assert "executive-summary.pdf, page 1" in report
    assert "HSCP-2025-02-publication-pack.pdf" in report  # the merged PDF holds the page too
    assert "executive-summary.docx" not in report  # the Word copy never had it
    assert not (tmp_path / "pack").exists()


def _pdf_with_hidden_text(path):
    """One page: a visible line, then the same kinds of hiding a PDF allows (invisible, off the page, tiny)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 100 700 Td (Visible words) Tj ET "
                    b"BT /F1 12 Tf -900 -900 Td (Seen by Marjorie Quillfeather) Tj ET "
                    b"BT /F1 12 Tf 3 Tr 100 600 Td (Desmond Quillfeather) Tj ET "
                    b"BT /F1 0.5 Tf 100 500 Td (Harriet Wrenfield) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@pytest.mark.parametrize("reader", ["poppler", "pypdf"])
def test_page_text_off_the_page_invisible_or_tiny_is_read_by_either_reader(tmp_path, monkeypatch, reader):
    import shutil

    from scrdocs.packs.leak_gate import file_units

    if reader == "poppler" and shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    monkeypatch.setenv("SCRDOCS_PDF_TEXT", reader)
    gate = LeakGate([SensitivePerson("Adult A", names=["Marjorie Quillfeather"]),
                     SensitivePerson("Son", names=["Desmond Quillfeather"]),
                     SensitivePerson("Sister", names=["Harriet Wrenfield"])])
    pdf = _pdf_with_hidden_text(tmp_path / f"hidden-{reader}.pdf")
    found = {h.pseudonym for unit in file_units(pdf, pages_for_terms=True) for h in gate.scan_unit(unit)}
    assert found == {"Adult A", "Son", "Sister"}


def test_a_page_poppler_reads_as_empty_is_read_by_pypdf_too(tmp_path, monkeypatch):
    from scrdocs.packs.leak_gate import file_units, read_pdf

    pdf = _pdf_with_hidden_text(tmp_path / "hidden.pdf")
    monkeypatch.setattr(read_pdf, "_poppler_pages", lambda path, pages: [""] * pages)
    read_pdf._PAGE_TEXT.clear()
    gate = LeakGate([SensitivePerson("Adult A", names=["Marjorie Quillfeather"])])
    units = file_units(pdf, pages_for_terms=True)
    assert [h.pseudonym for unit in units for h in gate.scan_unit(unit)] == ["Adult A"]


def test_poppler_reads_only_the_pages_whose_text_gets_the_term_search_alone(tmp_path, monkeypatch):
    from scrdocs.packs.leak_gate import read_pdf

    asked = []
    real = read_pdf._poppler_pages
    monkeypatch.setattr(read_pdf, "_poppler_pages", lambda path, pages: asked.append(path.name) or real(path, pages))
    gate = LeakGate([SensitivePerson("Adult A", names=["Marjorie Quillfeather"])], detector=lambda t: [],
                    detect_many=lambda texts: [[] for _ in texts])
    word_read = _pdf_with_hidden_text(tmp_path / "made-from-word.pdf")
    handed_in = _pdf_with_hidden_text(tmp_path / "handed-in.pdf")
    report = gate.scan_files([word_read, handed_in], root=tmp_path, ner_read_elsewhere={"made-from-word.pdf"})
    assert asked == ["made-from-word.pdf"]  # NER and the second opinion read pypdf's text, as before
    assert {h.file for h in report.hits} == {"made-from-word.pdf", "handed-in.pdf"}
