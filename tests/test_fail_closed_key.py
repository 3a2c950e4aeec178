"""Issue 10, item 2: the confidential key never overwrites a file and is private whatever the umask.

Pointed at the case file, an input or a file inside an output folder, or at
an earlier key without --replace-key, the command refuses before any work
(exit 1, one plain message) and the file is untouched. The key is written
0600 and any folder made for it 0700, even under umask 000.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

import scrdocs.redaction  # noqa: F401  (imports spaCy before sockets are blocked)
from scrdocs.cli import cli
from scrdocs.errors import OutputError
from scrdocs.output import STAGING_PREFIX
from scrdocs.redaction.key import check_key_path, write_key

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
NO_NER = str(FIXTURES / "no_ner.yaml")
TEXT = "Edith Marlow (DOB 03/05/1941) rang Ellie Hollis on 07700 900123.\n"


@pytest.fixture
def work(tmp_path):
    case = tmp_path / "case.yaml"
    case.write_bytes((FIXTURES / "case.yaml").read_bytes())
    notes = tmp_path / "notes.txt"
    notes.write_text(TEXT, encoding="utf-8")
    return tmp_path, case, notes


@pytest.fixture
def open_umask():
    old = os.umask(0)
    yield
    os.umask(old)


def redact(case, out, key, *inputs, replace=False):
    args = ["redact", "--case", case, "--profile", NO_NER, "--out", out, "--key", key, *inputs]
    args += ["--replace-key"] if replace else []
    return CliRunner().invoke(cli, list(map(str, args)))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("target", ["case", "input", "hard link to the input"])
def test_a_key_over_a_file_scrdocs_reads_is_refused_and_the_file_kept(work, target):
    tmp_path, case, notes = work
    key = {"case": case, "input": notes}.get(target)
    if key is None:
        key = tmp_path / "another-name.json"
        os.link(notes, key)
    before = {p: p.read_bytes() for p in (case, notes)}
    res = redact(case, tmp_path / "out", key, notes, replace=True)  # not even --replace-key allows it
    assert res.exit_code == 1
    assert "a file scrdocs reads" in res.output and "Traceback" not in res.output
    assert {p: p.read_bytes() for p in (case, notes)} == before
    assert not (tmp_path / "out").exists()


def test_a_key_through_a_symlink_to_the_case_file_is_refused(work):
    tmp_path, case, notes = work
    link = tmp_path / "key.json"
    link.symlink_to(case)
    res = redact(case, tmp_path / "out", link, notes, replace=True)
    assert res.exit_code == 1 and "a file scrdocs reads" in res.output
    assert link.is_symlink() and case.read_bytes() == (FIXTURES / "case.yaml").read_bytes()


def test_an_existing_key_is_refused_unless_replace_key(work):
    tmp_path, case, notes = work
    key = tmp_path / "keys" / "key.json"
    key.parent.mkdir()
    earlier = json.dumps({"warning": "CONFIDENTIAL", "audit_salt": "00", "pseudonyms": {}})
    key.write_text(earlier)
    res = redact(case, tmp_path / "out", key, notes)
    assert res.exit_code == 1
    assert "already exists" in res.output and "--replace-key" in res.output
    assert key.read_text() == earlier
    assert not (tmp_path / "out").exists()  # refused before any work

    os.chmod(key, 0o644)
    res = redact(case, tmp_path / "out", key, notes, replace=True)
    assert res.exit_code == 0, res.output
    assert json.loads(key.read_text())["pseudonyms"]["Adult A"] == "Edith May Marlow"
    assert mode(key) == 0o600  # not the 0644 of the file it replaced
    assert not [p for p in key.parent.iterdir() if p.name.startswith(STAGING_PREFIX)]


def test_the_key_is_0600_and_its_new_folders_0700_whatever_the_umask(work, open_umask):
    tmp_path, case, notes = work
    existing = tmp_path / "shared"
    existing.mkdir(mode=0o755)
    key = existing / "confidential" / "review" / "key.json"
    res = redact(case, tmp_path / "out", key, notes)
    assert res.exit_code == 0, res.output
    assert mode(key) == 0o600
    assert mode(key.parent) == 0o700 and mode(key.parent.parent) == 0o700
    assert mode(existing) == 0o755  # a folder that was there is left as it was
    assert mode(tmp_path / "out") == 0o777  # the copies are shared as the umask says


def test_a_key_inside_an_output_folder_is_refused(work):
    tmp_path, case, notes = work
    res = redact(case, tmp_path / "out", tmp_path / "out" / "key.json", notes)
    assert res.exit_code == 1 and "inside the output folder" in res.output
    with pytest.raises(OutputError, match="inside the output folder"):
        check_key_path(tmp_path / "pack.failed" / "k.json", outputs=[tmp_path / "pack", tmp_path / "pack.failed"])
    with pytest.raises(OutputError, match="inside the output folder"):
        check_key_path(tmp_path / "pack" / "k.json", tmp_path / "pack")  # the older call form


def test_pack_refuses_a_bad_key_before_any_work(work):
    tmp_path, case, notes = work
    for key, message in ((case, "a file scrdocs reads"), (notes, "already exists")):
        res = CliRunner().invoke(cli, ["pack", str(case), "--profile", "regulator", "--out", str(tmp_path / "pack"),
                                       "--key", str(key)])
        assert res.exit_code == 1, res.output
        assert message in res.output and "Traceback" not in res.output
    assert case.read_bytes() == (FIXTURES / "case.yaml").read_bytes() and notes.read_text() == TEXT
    assert not (tmp_path / "pack").exists()


def test_write_key_never_replaces_unless_asked(tmp_path):
    key = tmp_path / "key.json"
    write_key({"Adult A": "Edith Marlow"}, b"\0" * 32, key, review="R1", profile="publication")
    with pytest.raises(OutputError, match="already exists"):
        write_key({"Adult A": "Someone Else"}, b"\0" * 32, key, review="R1", profile="publication")
    assert "Edith Marlow" in key.read_text()
    write_key({"Adult A": "Someone Else"}, b"\0" * 32, key, review="R1", profile="publication", replace=True)
    assert "Someone Else" in key.read_text() and mode(key) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.json"]


def test_replace_key_never_replaces_a_file_that_is_not_a_key(tmp_path):
    from scrdocs.errors import OutputError
    from scrdocs.redaction.key import check_key_path, write_key

    notes = tmp_path / "notes-copy.txt"
    notes.write_text("Practitioner notes: Edith rang.\n")
    with pytest.raises(OutputError, match="not a scrdocs key"):
        check_key_path(notes, replace=True)
    with pytest.raises(OutputError, match="not a scrdocs key"):
        write_key({"Adult A": "Edith Marlow"}, b"salt", notes, review="R", profile="publication", replace=True)
    assert notes.read_text() == "Practitioner notes: Edith rang.\n"
    key = tmp_path / "key.json"
    write_key({"Adult A": "Edith Marlow"}, b"salt", key, review="R", profile="publication")
    write_key({"Adult A": "Edith Marlow"}, b"salt2", key, review="R", profile="publication", replace=True)
    assert "73616c7432" in key.read_text()  # the new salt: an earlier key is replaced when asked
