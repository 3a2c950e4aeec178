"""Outputs appear whole or not at all (scrdocs.output.staged_dir / staged_file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs.errors import OutputError
from scrdocs.output import staged_dir, staged_file


class Boom(Exception):
    pass


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}"))


def test_success_creates_the_folder(tmp_path):
    dest = tmp_path / "out"
    with staged_dir(dest) as work:
        assert work.parent == dest.parent and work != dest
        assert not dest.exists()  # nothing visible until complete
        (work / "report.docx").write_bytes(b"doc")
    assert (dest / "report.docx").read_bytes() == b"doc"
    assert leftovers(tmp_path, "out") == []


def test_success_replaces_the_old_content(tmp_path):
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "old.docx").write_bytes(b"old")
    with staged_dir(dest) as work:
        (work / "new.docx").write_bytes(b"new")
        assert (dest / "old.docx").exists()  # the old build stays readable until the new one is complete
    assert sorted(p.name for p in dest.iterdir()) == ["new.docx"]
    assert leftovers(tmp_path, "out") == []


def test_failure_leaves_nothing(tmp_path):
    dest = tmp_path / "out"
    with pytest.raises(Boom):
        with staged_dir(dest) as work:
            (work / "half.docx").write_bytes(b"half")
            raise Boom
    assert not dest.exists()
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_existing_destination(tmp_path):
    dest = tmp_path / "out"
    dest.mkdir()
    (dest / "old.docx").write_bytes(b"old")
    mtime = (dest / "old.docx").stat().st_mtime_ns
    with pytest.raises(Boom):
        with staged_dir(dest) as work:
            (work / "new.docx").write_bytes(b"new")
            raise Boom
    assert sorted(p.name for p in dest.iterdir()) == ["old.docx"]
    assert (dest / "old.docx").read_bytes() == b"old"
    assert (dest / "old.docx").stat().st_mtime_ns == mtime
    assert leftovers(tmp_path, "out") == []


def test_keep_failed_sets_the_attempt_aside(tmp_path):
    dest = tmp_path / "pack"
    dest.mkdir()
    (dest / "old.pdf").write_bytes(b"old")
    with pytest.raises(Boom):
        with staged_dir(dest, keep_failed=True) as work:
            (work / "leaky.pdf").write_bytes(b"leak")
            raise Boom
    failed = tmp_path / "pack.failed"
    assert (failed / "leaky.pdf").read_bytes() == b"leak"
    assert sorted(p.name for p in dest.iterdir()) == ["old.pdf"]
    assert leftovers(tmp_path, "pack") == []


def test_keep_failed_replaces_an_earlier_failed_attempt(tmp_path):
    dest = tmp_path / "pack"
    for attempt in (b"first", b"second"):
        with pytest.raises(Boom):
            with staged_dir(dest, keep_failed=True) as work:
                (work / "a.pdf").write_bytes(attempt)
                raise Boom
    assert (tmp_path / "pack.failed" / "a.pdf").read_bytes() == b"second"
    assert not dest.exists()


def test_keyboard_interrupt_also_cleans_up(tmp_path):
    dest = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        with staged_dir(dest) as work:
            (work / "x").write_text("x")
            raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def test_destination_that_is_a_file(tmp_path):
    dest = tmp_path / "out"
    dest.write_text("a file, not a folder")
    with pytest.raises(OutputError, match="not a folder"):
        with staged_dir(dest) as work:
            (work / "x").write_text("x")
    assert dest.read_text() == "a file, not a folder"


def test_unwritable_parent_is_an_output_error(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(OutputError, match="Choose a folder you can write to"):
        with staged_dir(blocker / "out"):
            pass


def test_staged_file_success_and_failure(tmp_path):
    dest = tmp_path / "case.csv"
    dest.write_text("old")
    with pytest.raises(Boom):
        with staged_file(dest) as tmp:
            tmp.write_text("half")
            raise Boom
    assert dest.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.csv"]
    with staged_file(dest) as tmp:
        assert tmp.suffix == ".csv"
        tmp.write_text("new")
    assert dest.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.csv"]
