"""The leak gate holds each survivor of issue 11 where the engine misses it: its own name shapes
(packs/leak_gate/gate_shapes.py, lists in gate_name_shapes.yaml) fail the copy, and `scan`'s report
never prints the name it found, in the quote either.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from docx import Document

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor

from tests.pack_helpers import ADULT

pytestmark = [pytest.mark.needs_model]

PLANTED = {
    "Grace": "Grace, the home's chaplain, visited her on the ward.",
    "Rose": "Rose from the kitchen brought her a tray.",
    "Mr T": "She said Mr T had been shouting at her.",
    "Joy P": "The note says that Joy P was there too.",
    "joypennington65": "She had messages from joypennington65 on her phone.",
    "Willow Bank": "She moved to Willow Bank in March.",
}
ALONE = {"Grace", "Rose"}
_BLIND = re.compile("|".join(re.escape(n) for n in PLANTED))


class BlindRedactor(Redactor):
    """The engine with a blind spot for the planted names, as it had on a new user's notes."""

    def detect_many(self, texts, *, document="<text>"):
        found = super().detect_many(texts, document=document)
        return [[s for s in spans if not _BLIND.search(s.text) and s.entity_type != "USERNAME"
                 and "Willow" not in s.text] for spans in found]


@pytest.fixture(scope="module")
def gate(tmp_path_factory):
    import scrdocs.packs.pack_gate as pack_gate

    data = yaml.safe_load(ADULT.read_text(encoding="utf-8"))
    data["agencies"].append({"id": "home", "name": "Willow Bank Care Home"})
    path = tmp_path_factory.mktemp("case") / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    case = load_case(path)
    original = pack_gate.make_redactor
    pack_gate.make_redactor = lambda c, p: BlindRedactor(c, p)
    try:
        redactor = BlindRedactor(case, "publication")
        return redactor, pack_gate.make_gate(case, "publication", redactor)
    finally:
        pack_gate.make_redactor = original


def _copy(redactor, folder: Path, paragraph: str) -> Path:
    doc = Document()
    doc.add_heading("Individual management review", 0)
    doc.add_paragraph("Adult K was visited by SW1 at home. The GP practice was told.")
    doc.add_paragraph(paragraph)
    doc.save(folder / "source.docx")
    (folder / "out").mkdir()
    redactor.redact_file(folder / "source.docx", folder / "out" / "imr.docx")
    return folder / "out" / "imr.docx"


@pytest.mark.parametrize("name", list(PLANTED))
def test_the_gate_fails_a_copy_where_the_engine_missed_a_survivor(tmp_path, gate, name):
    redactor, leak_gate = gate
    copy = _copy(redactor, tmp_path, PLANTED[name])
    assert name in "\n".join(p.text for p in Document(str(copy)).paragraphs)  # the engine missed it
    report = leak_gate.scan_files([copy], root=copy.parent, list_to_confirm=True)
    hits = [h for h in report.hits if h.detector == "second opinion"]
    summary = report.summary()
    if name in ALONE:  # a first name alone: listed to confirm with where to find it, as the second opinion does
        assert not hits and report.to_confirm and "paragraph 3" in report.to_confirm[0] and "to confirm" in summary
    else:
        assert hits and hits[0].location == "word/document.xml paragraph 3" and not report.clean
    assert name not in summary  # the quote that says where to find it masks it
    assert "[...]" in summary


@pytest.mark.parametrize("text", ["Rose, the colour she chose, was painted on the wall.",
                                  "However, the social worker, who was new, agreed.",
                                  "Plan B was agreed and Vitamin D was prescribed.",
                                  "Staff at Willow Bank Care Home said she was settled."])
def test_the_gate_passes_the_same_shapes_with_no_person_in_them(tmp_path, gate, text):
    redactor, leak_gate = gate
    copy = _copy(redactor, tmp_path, text)
    report = leak_gate.scan_files([copy], root=copy.parent, list_to_confirm=True)
    assert not [h for h in report.hits if h.detector == "second opinion"], report.summary()
    assert not report.to_confirm, report.to_confirm


def test_the_quote_and_heading_that_say_where_to_look_show_no_name_the_gate_did_not_flag(tmp_path, gate):
    redactor, leak_gate = gate
    doc = Document()
    doc.add_heading("Individual management review", 0)
    doc.add_paragraph("Grace the chaplain")  # a heading-like line: no shape, no sentence, still a name
    doc.add_paragraph("Grace the chaplain said Mr T had been shouting at her.")
    doc.save(tmp_path / "source.docx")
    (tmp_path / "out").mkdir()
    copy = tmp_path / "out" / "imr.docx"
    redactor.redact_file(tmp_path / "source.docx", copy)
    report = leak_gate.scan_files([copy], root=copy.parent, list_to_confirm=True)
    summary = report.summary()
    assert [h for h in report.hits if h.detector == "second opinion"] and "near" in summary
    assert "Grace" not in summary and "Mr T" not in summary
    assert "chaplain" in summary  # the ordinary words around it still help find the place
