"""decisions.json: the run's decisions as data a person confirms, never with original text."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor
from scrdocs.redaction.decisions import status_of

from tests.pack_helpers import ADULT

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "redaction_rules" / "decisions.schema.json").read_text())


def test_status_rules():
    assert status_of("keep", 0.9, None, "", 0.7) == "kept"
    assert status_of("remove", 0.95, "Adult K", "case file", 0.7) == "removed"
    assert status_of("remove", 0.4, "[place]", "", 0.7) == "to_confirm"
    assert status_of("remove", 0.95, "[name]", "ambiguous: two people", 0.7) == "to_confirm"
    assert status_of("remove", 0.85, "Person 3", "", 0.7) == "to_confirm"


@pytest.mark.needs_model
def test_redact_writes_decisions_beside_the_audit_valid_and_without_names(tmp_path):
    redactor = Redactor(load_case(ADULT), "publication")
    text = "Desmond Quillfeather rang 07700 900412. A family friend, Jason Meadows, told Dr Hollis."
    redactor.redact_text(text, document="note.txt")
    redactor.write_audit(tmp_path / "audit.jsonl")
    path = tmp_path / "decisions.json"
    data = json.loads(path.read_text())
    jsonschema.validate(data, SCHEMA)
    assert data["made_by"] == "redact" and data["decisions"]
    raw = path.read_text()
    for name in ("Desmond", "Quillfeather", "900412", "Jason", "Meadows"):
        assert name not in raw
    son = next(d for d in data["decisions"] if d["replacement"] == "Son")
    assert text[son["start"]:son["end"]] == "Desmond Quillfeather" and son["offsets_in"] == "original"
    assert son["status"] == "removed"
    assert sum(data["counts"].values()) == len(data["decisions"])


@pytest.mark.needs_model
def test_unexplained_names_are_to_confirm_with_offsets_into_the_copy(tmp_path):
    from scrdocs.packs.decisions import unexplained_entries
    from scrdocs.packs.leak_gate import Unexplained

    redactor = Redactor(load_case(ADULT), "publication")
    found = [Unexplained("imr.docx", "word/document.xml paragraph 3", 40, 6, 11, "Peter", False)]
    path = redactor.write_decisions(tmp_path / "decisions.json", made_by="pack",
                                    extra=unexplained_entries(found, redactor.salt))
    data = json.loads(path.read_text())
    jsonschema.validate(data, SCHEMA)
    entry = data["decisions"][-1]
    assert entry["status"] == "to_confirm" and entry["offsets_in"] == "copy" and (entry["start"], entry["end"]) == (6, 11)
    assert "Peter" not in path.read_text()
