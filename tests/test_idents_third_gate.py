"""Issue 11, points 4-5, at pack-gate level: a Word copy holding the third set's kinds of address, place,
setting and reference is redacted with the publication profile, and the leak gate's rescan of the copy
(the check every pack must pass) finds none of them; the ordinary words around them are still there."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor

from tests.pack_helpers import ADULT

pytestmark = [pytest.mark.needs_model]

PARAGRAPHS = [
    "She was living in Flat 21 above the chip shop on Atkinson Green at the time.",
    "He had been sleeping in the caravan behind Ty ffrwd since March.",
    "Jacob was on bail, with a condition not to enter Pen-y-gors.",
    "He spends most evenings at Crakeby under Edge Youth Club and at Raven Fitness Holmhope.",
    "Her grandmother lives in Gland, Switzerland.",
    "Transcript of emergency call EDT ref T2026 1266 was read by the panel.",
    "The hearing was at Crown Court on 12 May and the panel met in the kitchen at the end of the day.",
]
IDENTIFIERS = ["Flat 21", "Atkinson", "ffrwd", "Pen-y-gors", "Crakeby", "Raven", "Holmhope", "Gland", "T2026"]


def _without_thumbnail(src: Path, dest: Path) -> None:
    """python-docx's template carries a thumbnail picture, which the gate rightly refuses to pass unread."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            if "thumbnail" in info.filename:
                continue
            data = zin.read(info)
            if info.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship[^>]*thumbnail[^>]*/>", b"", data)
            zout.writestr(info, data)


def test_the_third_sets_identifiers_are_gone_from_a_published_copy_and_the_gate_finds_none(tmp_path):
    import scrdocs.packs.pack_gate as pack_gate

    case = load_case(ADULT)
    redactor = Redactor(case, "publication")
    doc = Document()
    doc.add_heading("Individual management review", 0)
    for text in PARAGRAPHS:
        doc.add_paragraph(text)
    doc.save(tmp_path / "raw.docx")
    _without_thumbnail(tmp_path / "raw.docx", tmp_path / "source.docx")
    (tmp_path / "out").mkdir()
    copy = tmp_path / "out" / "imr.docx"
    redactor.redact_file(tmp_path / "source.docx", copy)

    text = "\n".join(p.text for p in Document(str(copy)).paragraphs)
    for identifier in IDENTIFIERS:
        assert identifier not in text, identifier
    for kept in ["above the chip shop", "in the kitchen at the end of the day", "Crown Court", "Switzerland",
                 "the youth club"]:
        assert kept in text, kept

    gate = pack_gate.make_gate(case, "publication", redactor)
    report = gate.scan_files([copy], root=copy.parent)
    assert not [h for h in report.hits if h.detector != "second opinion"], report.summary()
    assert all(i not in report.summary() for i in IDENTIFIERS)
