"""Issue 10, wired in: the key, private work folders, links as inputs and names in file names, per command.

The quick tests need neither LibreOffice nor the model: each refusal comes
before any work. The two that build a pack are slow.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import scrdocs.redaction  # noqa: F401  (imports spaCy at collection, before sockets are blocked)
from scrdocs.cli import cli
from scrdocs.errors import InputFormatError
from scrdocs.output import STAGING_PREFIX
from scrdocs.review.chronology_import import read_chronology_file

from tests.pack_helpers import ADULT

REDACTION = Path(__file__).parent / "fixtures" / "redaction"
NO_NER = str(REDACTION / "no_ner.yaml")
SCRDOCS = Path(sys.executable).with_name("scrdocs")
PLANTED = ("Zoë", "Zoe", "Okafor")


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


@pytest.fixture
def zoe_case(tmp_path):
    """The redaction fixture case with one more (fictional) person, Zoë Okafor."""
    case = yaml.safe_load((REDACTION / "case.yaml").read_text(encoding="utf-8"))
    case["people"].append({"id": "zoe_okafor", "name": "Zoë Okafor", "role": "family", "relationship": "granddaughter",
                           "sex": "F", "pseudonym": "Granddaughter"})
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _has_planted(text: str) -> bool:
    folded = unicodedata.normalize("NFC", text).casefold()
    return any(name.casefold() in folded for name in PLANTED)


# ---------------------------------------------------------------- item 9: file names carry names

def test_redact_anonymises_file_names_and_never_records_them(zoe_case, tmp_path):
    src = tmp_path / "in" / "notes for Zoë – Okafor family.txt"
    src.parent.mkdir()
    src.write_text("Zoë Okafor rang on 07700 900123.\n", encoding="utf-8")
    plain = tmp_path / "in" / "summary.txt"
    plain.write_text("Nothing to see.\n", encoding="utf-8")
    out = tmp_path / "out"
    res = run("redact", "--case", zoe_case, "--profile", NO_NER, "--out", out, src, plain)
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in out.iterdir())
    assert "summary.txt" in names  # a name with nobody in it is kept
    assert not any(_has_planted(n) for n in names), names
    copies = [p for p in out.iterdir() if p.suffix == ".txt" and p.name != "summary.txt"]
    assert len(copies) == 1 and "Granddaughter" in copies[0].read_text(encoding="utf-8")
    for record in ("audit.jsonl", "decisions.json"):
        if (out / record).exists():  # decisions.json is written beside the audit where the engine makes it
            assert not _has_planted((out / record).read_text(encoding="utf-8")), record
    documents = {json.loads(line)["document"] for line in (out / "audit.jsonl").read_text().splitlines()}
    assert documents == {copies[0].name}


# ---------------------------------------------------------------- items 7-8: links and special files as inputs

@pytest.fixture
def passwd_link(tmp_path):
    link = tmp_path / "notes.txt"
    link.symlink_to("/etc/passwd")
    return link


def test_redact_refuses_a_link_to_a_system_file(passwd_link, tmp_path):
    out = tmp_path / "out"
    res = run("redact", "--case", REDACTION / "case.yaml", "--profile", NO_NER, "--out", out, passwd_link)
    assert res.exit_code == 1
    assert "symbolic link" in res.output and "Traceback" not in res.output
    assert not out.exists() and not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_detect_refuses_a_link_to_a_system_file(passwd_link):
    res = run("detect", "--case", REDACTION / "case.yaml", "--profile", NO_NER, passwd_link)
    assert res.exit_code == 1 and "symbolic link" in res.output and "root:" not in res.output


def test_pack_refuses_a_link_as_include(passwd_link, tmp_path):
    out = tmp_path / "pack"
    res = run("pack", ADULT, "--profile", "regulator", "--out", out, "--include", passwd_link)
    assert res.exit_code == 1
    assert "symbolic link" in res.output and "Traceback" not in res.output
    assert not out.exists() and not list(tmp_path.glob(STAGING_PREFIX + "*"))


def test_import_chronology_refuses_a_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("Date,Event description\n01/02/2021,Visit\n", encoding="utf-8")
    link = tmp_path / "police.csv"
    link.symlink_to(real)
    with pytest.raises(InputFormatError, match="symbolic link"):
        read_chronology_file(link, "police")


# ---------------------------------------------------------------- item 2: the key in packs

def test_pack_refuses_an_existing_key_and_the_case_file(tmp_path):
    case = tmp_path / "case.yaml"
    shutil.copy(ADULT, case)
    key = tmp_path / "keys" / "key.json"
    key.parent.mkdir()
    key.write_text("an earlier key\n")
    res = run("pack", case, "--profile", "publication", "--out", tmp_path / "pack", "--key", key)
    assert res.exit_code == 1 and "already exists" in res.output and "--replace-key" in res.output
    assert key.read_text() == "an earlier key\n"
    res = run("pack", case, "--profile", "publication", "--out", tmp_path / "pack", "--key", case, "--replace-key")
    assert res.exit_code == 1 and "a file scrdocs reads" in res.output
    assert case.read_bytes() == ADULT.read_bytes()
    assert not (tmp_path / "pack").exists()


@pytest.mark.needs_soffice
@pytest.mark.needs_model
@pytest.mark.slow
def test_pack_replaces_a_key_only_when_asked(tmp_path):
    key = tmp_path / "keys" / "key.json"
    key.parent.mkdir()
    key.write_text(json.dumps({"warning": "CONFIDENTIAL", "audit_salt": "00", "pseudonyms": {}}))  # an earlier key
    key.chmod(0o644)
    res = run("pack", ADULT, "--profile", "publication", "--out", tmp_path / "pack", "--key", key, "--replace-key")
    assert res.exit_code == 0, res.output
    assert json.loads(key.read_text(encoding="utf-8"))["pseudonyms"]
    assert stat.S_IMODE(key.stat().st_mode) == 0o600


# ---------------------------------------------------------------- item 6: a pack killed outright

def _ours(marker: Path) -> list[str]:
    """Processes (LibreOffice, its script) whose command line names ``marker``: only this test's."""
    found = subprocess.run(["pgrep", "-af", str(marker)], capture_output=True, text=True).stdout
    return [line for line in found.splitlines() if "pgrep" not in line]


@pytest.mark.needs_soffice
@pytest.mark.needs_model
@pytest.mark.slow
def test_a_killed_pack_leaves_nothing_readable_behind(tmp_path):
    system_tmp = tmp_path / "system-tmp"  # the run's own temporary folder, so nobody else's is looked at
    system_tmp.mkdir()
    dest = tmp_path / "dest"
    dest.mkdir()
    env = {**os.environ, "TMPDIR": str(system_tmp)}
    proc = subprocess.Popen([str(SCRDOCS), "pack", str(ADULT), "--profile", "regulator", "--out", str(dest / "pack")],
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while not _ours(system_tmp):  # building: LibreOffice is making the PDFs of the anonymised documents
            assert proc.poll() is None, "the pack finished before it could be interrupted"
            assert time.monotonic() < deadline, "LibreOffice never started"
            time.sleep(0.2)
        assert list(dest.glob(STAGING_PREFIX + "*"))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
    deadline = time.monotonic() + 15
    while _ours(system_tmp) and time.monotonic() < deadline:  # LibreOffice is told its parent died
        time.sleep(0.2)
    assert not _ours(system_tmp), "LibreOffice outlived the run"
    assert not list(system_tmp.glob("scrdocs-pack-*"))
    assert not (dest / "pack").exists()
    left = list(dest.glob(STAGING_PREFIX + "*"))
    assert left and all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in left)

    # The next run writing beside it starts by removing them.
    res = run("build", ADULT, "--out", dest / "drafts", "--no-pdf", "--only", "overview_report")
    assert res.exit_code == 0, res.output
    assert not list(dest.glob(STAGING_PREFIX + "*"))
