"""The leak gate's second opinion: names the engine did not recognise, by signals it does not share.

The engine is made blind to the planted name here (its detections of it are
dropped), as it was on unseen text: the gate must still catch it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor

from tests.pack_helpers import ADULT

pytestmark = [pytest.mark.needs_model]

PLANTED = "A family friend, Jason Meadows, told the social worker about the bruise."
FIRST_NAME = "Later Peter from the council rang about the assessment."


class BlindRedactor(Redactor):
    """The engine with a blind spot for the planted names (what it did on unseen text)."""

    def detect_many(self, texts, *, document="<text>"):
        found = super().detect_many(texts, document=document)
        return [[s for s in spans if not re.search(r"Jason|Meadows|Peter", s.text)] for spans in found]


@pytest.fixture(scope="module")
def case():
    return load_case(ADULT)


@pytest.fixture(scope="module")
def blind_gate(case):
    import scrdocs.packs.pack_gate as pack_gate

    original = pack_gate.make_redactor
    pack_gate.make_redactor = lambda c, p: BlindRedactor(c, p)
    try:
        redactor = BlindRedactor(case, "publication")
        return redactor, pack_gate.make_gate(case, "publication", redactor)
    finally:
        pack_gate.make_redactor = original


def _copy(redactor, tmp_path: Path, *paragraphs: str) -> Path:
    doc = Document()
    doc.add_heading("Individual management review", 0)
    doc.add_paragraph("Adult K was visited by SW1 at home. The GP practice was told.")
    for text in paragraphs:
        doc.add_paragraph(text)
    doc.save(tmp_path / "source.docx")
    (tmp_path / "out").mkdir()
    redactor.redact_file(tmp_path / "source.docx", tmp_path / "out" / "imr.docx")
    return tmp_path / "out" / "imr.docx"


def _without_thumbnail(src: Path, dest: Path) -> None:
    """python-docx's template carries a thumbnail picture, which the gate rightly refuses to pass unread."""
    import zipfile

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if "thumbnail" in info.filename:
                continue
            data = zin.read(info)
            if info.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship[^>]*thumbnail[^>]*/>", b"", data)
            zout.writestr(info, data)


def test_the_gate_catches_a_planted_unknown_full_name_that_the_engine_missed(tmp_path, blind_gate):
    redactor, gate = blind_gate
    copy = _copy(redactor, tmp_path, PLANTED)
    assert "Jason Meadows" in "\n".join(p.text for p in Document(str(copy)).paragraphs)  # the engine missed it
    report = gate.scan_files([copy], root=copy.parent)
    hits = [h for h in report.hits if h.detector == "second opinion"]
    assert hits and hits[0].file == "imr.docx" and hits[0].location == "word/document.xml paragraph 3"
    assert "Jason" not in report.summary() and "Meadows" not in report.summary()


def test_a_first_name_alone_is_listed_to_confirm_not_failed(tmp_path, blind_gate):
    redactor, gate = blind_gate
    copy = _copy(redactor, tmp_path, FIRST_NAME)
    report = gate.scan_files([copy], root=copy.parent)
    assert not [h for h in report.hits if h.detector == "second opinion"]
    listed = [u for u in gate.unexplained if u.file == "imr.docx" and u.word == "Peter"]
    assert listed and not listed[0].full_name and listed[0].location == "word/document.xml paragraph 3"


def test_kept_people_agencies_pseudonyms_and_terms_are_accounted_for(tmp_path, case):
    from scrdocs.packs.pack_gate import make_gate

    redactor = Redactor(case, "publication")
    gate = make_gate(case, "publication", redactor)
    kept = next(p.name for role, p in __import__("scrdocs.packs.leak_gate", fromlist=["x"]).panel_people(case)
                if role == "panel_chair")
    copy = _copy(redactor, tmp_path, f"The panel chair, {kept}, met Adult K and SW1 under the Care Act at the "
                                     "Wexcombe Safeguarding Adults Board in the Covid period.")
    report = gate.scan_files([copy], root=copy.parent)
    assert report.clean, report.summary()
    assert [u.word for u in gate.unexplained] == []


def test_a_case_persons_name_is_never_listed_by_the_word(tmp_path, blind_gate, case):
    # The exception that skips case people's names must not hide them: the case check reports them.
    redactor, gate = blind_gate
    copy = tmp_path / "copy.docx"
    doc = Document()
    doc.add_paragraph("The visit went ahead and Desmond Quillfeather was present.")
    doc.save(tmp_path / "made.docx")
    _without_thumbnail(tmp_path / "made.docx", copy)
    report = gate.scan_files([copy], root=tmp_path)
    assert any(h.detector == "case" and h.pseudonym == "Son" for h in report.hits), report.summary()
    assert not [u for u in gate.unexplained if u.file == "copy.docx"]


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_a_pack_with_a_full_name_the_engine_missed_is_refused(tmp_path, monkeypatch):
    import scrdocs.packs.anonymise as anonymise
    import scrdocs.packs.pack_gate as pack_gate
    from scrdocs.cli import cli

    import scrdocs.packs.pack as pack_module

    # every place that makes the pack's engine gets the blind one (pack.py imports the name itself)
    for module in (anonymise, pack_gate, pack_module):
        monkeypatch.setattr(module, "make_redactor", lambda c, p: BlindRedactor(c, p))
    imr = tmp_path / "imr.docx"
    doc = Document()
    doc.add_heading("Individual management review", 0)
    doc.add_paragraph("Adult K was visited by SW1 at home.")
    doc.add_paragraph(PLANTED)
    doc.save(imr)
    out = tmp_path / "pack"
    run = CliRunner().invoke(cli, ["pack", str(ADULT), "--profile", "regulator", "--out", str(out),
                                   "--include", str(imr)])
    assert run.exit_code == 1, run.output
    assert not out.exists()
    assert "second opinion" in run.output and "agency-document-1" in run.output and "paragraph" in run.output
    assert "case file's people" in run.output
    assert "Jason" not in run.output and "Meadows" not in run.output
    # decisions.json went through the gate with the rest, and lists the place to confirm by offsets only.
    import json

    import jsonschema

    failed = tmp_path / "pack.failed"
    decisions = json.loads((failed / "decisions.json").read_text())
    schema = json.loads((Path(__file__).resolve().parents[1] / "redaction_rules" / "decisions.schema.json").read_text())
    jsonschema.validate(decisions, schema)
    assert decisions["made_by"] == "pack"
    assert any(d["offsets_in"] == "copy" and d["status"] == "to_confirm" for d in decisions["decisions"])
    assert "Jason" not in (failed / "decisions.json").read_text()
    assert "LeakHit" not in (failed / "leak-report.txt").read_text()
