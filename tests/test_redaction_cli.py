"""`scrdocs redact` / `scrdocs detect`: outputs, key, audit, failures and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import scrdocs.redaction  # noqa: F401  (imports spaCy at collection, before sockets are blocked: urllib3 probes IPv6 on import)
from scrdocs.cli import cli
from scrdocs.output import RECORD_NAME
from tests.redaction_docx_helpers import planted_docx

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
CASE = str(FIXTURES / "case.yaml")
NO_NER = str(FIXTURES / "no_ner.yaml")
TEXT = "Edith Marlow (DOB 03/05/1941) rang Ellie Hollis on 07700 900123.\nProfessor Jane Hollis chaired.\n"


@pytest.fixture
def inputs(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "notes.txt").write_text(TEXT, encoding="utf-8")
    (src / "summary.md").write_text("# EDITH MARLOW\n\nEdith's son Will.\n", encoding="utf-8")
    planted_docx(src / "imr.docx")
    return src


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_redact_writes_every_input_and_an_audit_without_names(inputs, tmp_path):
    out, key = tmp_path / "out", tmp_path / "secret" / "key.json"
    res = run("redact", "--case", CASE, "--profile", NO_NER, "--out", out, "--key", key,
              inputs / "notes.txt", inputs / "summary.md", inputs / "imr.docx")
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == [RECORD_NAME, "audit.jsonl", "decisions.json", "imr.docx", "notes.txt", "summary.md"]
    assert (out / "notes.txt").read_text() == "Adult A (DOB [date of birth]) rang Neighbour on [phone number].\nProfessor Jane Hollis chaired.\n"
    assert (out / "summary.md").read_text() == "# ADULT A\n\nAdult A's son.\n"
    audit = (out / "audit.jsonl").read_text()
    lines = [json.loads(line) for line in audit.splitlines()]
    assert {"document", "location", "entity_type", "detector", "score", "action", "pseudonym", "text_hash"} <= set(lines[0])
    for leaked in ("Edith", "Marlow", "Ellie", "07700", "1941"):
        assert leaked not in audit
    data = json.loads(key.read_text())
    assert data["pseudonyms"]["Adult A"] == "Edith May Marlow" and len(bytes.fromhex(data["audit_salt"])) == 32
    assert data["audit_salt"] not in audit
    for f in out.iterdir():
        assert b"audit_salt" not in f.read_bytes()


def test_key_only_where_asked(inputs, tmp_path):
    out = tmp_path / "out"
    res = run("redact", "--case", CASE, "--profile", NO_NER, "--out", out, inputs / "notes.txt")
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == [RECORD_NAME, "audit.jsonl", "decisions.json", "notes.txt"]
    assert not list(tmp_path.glob("**/*key*"))


def test_key_inside_out_is_refused(inputs, tmp_path):
    out = tmp_path / "out"
    res = run("redact", "--case", CASE, "--profile", NO_NER, "--out", out, "--key", out / "sub" / "key.json", inputs / "notes.txt")
    assert res.exit_code == 1
    assert "inside the output folder" in res.output
    assert not out.exists()


def test_unknown_profile_exit_1(inputs, tmp_path):
    res = run("redact", "--case", CASE, "--profile", "press", "--out", tmp_path / "out", inputs / "notes.txt")
    assert res.exit_code == 1 and "Unknown redaction profile" in res.output
    assert not (tmp_path / "out").exists()


def test_unreadable_input_leaves_no_output(inputs, tmp_path):
    bad = inputs / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    res = run("redact", "--case", CASE, "--profile", NO_NER, "--out", tmp_path / "out", inputs / "notes.txt", bad)
    assert res.exit_code == 1 and "broken.docx" in res.output
    assert not (tmp_path / "out").exists()


def test_unsupported_and_missing_inputs(inputs, tmp_path):
    (inputs / "a.rtf").write_text("x")
    assert run("redact", "--case", CASE, "--profile", NO_NER, "--out", tmp_path / "o", inputs / "a.rtf").exit_code == 1
    assert run("redact", "--case", CASE, "--profile", NO_NER, "--out", tmp_path / "o", inputs / "nope.txt").exit_code == 1
    assert not (tmp_path / "o").exists()


def test_missing_model_is_a_clear_error(inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("SCRDOCS_SPACY_MODEL", "no_such_model_xx")
    res = run("redact", "--case", CASE, "--profile", "publication", "--out", tmp_path / "out", inputs / "notes.txt")
    assert res.exit_code == 1 and "no_such_model_xx" in res.output and "pip install" in res.output
    assert not (tmp_path / "out").exists()


def test_detect_json(inputs):
    res = run("detect", "--case", CASE, "--profile", NO_NER, inputs / "notes.txt", "--json")
    assert res.exit_code == 0, res.output
    spans = json.loads(res.output)
    assert {"start", "end", "text", "entity_type", "detector", "score", "action", "replacement", "person_id"} <= set(spans[0])
    assert TEXT[spans[0]["start"]:spans[0]["end"]] == spans[0]["text"] == "Edith Marlow"
    assert any(s["action"] == "keep" and s["text"] == "Professor Jane Hollis" for s in spans)


def test_detect_table_and_docx_locations(inputs):
    res = run("detect", "--case", CASE, "--profile", NO_NER, inputs / "notes.txt")
    assert res.exit_code == 0 and "remove" in res.output and "Edith" in res.output
    res = run("detect", "--case", CASE, "--profile", NO_NER, inputs / "imr.docx", "--json")
    assert res.exit_code == 0
    assert any(s.get("location", "").startswith("word/header") for s in json.loads(res.output))


def test_help_has_examples():
    for command in ("redact", "detect"):
        res = run(command, "--help")
        assert res.exit_code == 0 and "Example:" in res.output
    assert run("redact", "--case", CASE).exit_code == 2
