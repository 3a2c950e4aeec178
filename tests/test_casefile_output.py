"""Outputs appear whole or not at all (scrdocs.output.staged_dir / staged_file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrdocs.errors import OutputError
from scrdocs.output import RECORD_NAME, STAGING_PREFIX, staged_dir, staged_file


class Boom(Exception):
    pass


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((f".{name}", STAGING_PREFIX)))


def test_success_creates_the_folder(tmp_path):
    dest = tmp_path / "out"
    with staged_dir(dest) as work:
        # staged in a private folder beside the destination, named so it never looks finished
        assert work.parent.parent == dest.parent and work.parent.name.startswith(STAGING_PREFIX)
        assert not dest.exists()  # nothing visible until complete
        (work / "report.docx").write_bytes(b"doc")
    assert (dest / "report.docx").read_bytes() == b"doc"
    assert leftovers(tmp_path, "out") == []


def _earlier_output(dest, name="old.docx"):
    """A folder scrdocs wrote before (it carries the record of its files)."""
    with staged_dir(dest) as work:
        (work / name).write_bytes(b"old")


def _listing(folder):
    return sorted(p.name for p in folder.iterdir() if p.name != RECORD_NAME)


def test_success_replaces_the_old_content(tmp_path):
    dest = tmp_path / "out"
    _earlier_output(dest)
    with staged_dir(dest) as work:
        (work / "new.docx").write_bytes(b"new")
        assert (dest / "old.docx").exists()  # the old build stays readable until the new one is complete
    assert _listing(dest) == ["new.docx"]
    assert leftovers(tmp_path, "out") == []


@pytest.mark.parametrize("theirs", ["case.yaml", "notes/minutes.docx"])
def test_a_folder_with_files_scrdocs_did_not_write_is_refused_and_untouched(tmp_path, theirs):
    # `--out .` beside the case file must never delete it.
    dest = tmp_path / "out"
    (dest / theirs).parent.mkdir(parents=True)
    (dest / theirs).write_bytes(b"the user's own")
    with pytest.raises(OutputError, match="did not make") as raised:
        with staged_dir(dest) as work:
            (work / "new.docx").write_bytes(b"new")
    assert theirs in str(raised.value)
    assert (dest / theirs).read_bytes() == b"the user's own"
    assert leftovers(tmp_path, "out") == []


def test_a_file_changed_since_scrdocs_wrote_it_is_refused(tmp_path):
    # the demo's copy of the case file, edited by the user, is theirs now
    dest = tmp_path / "out"
    _earlier_output(dest, "adult_a_sar.yaml")
    (dest / "adult_a_sar.yaml").write_bytes(b"my edits")
    with pytest.raises(OutputError, match="changed since"):
        with staged_dir(dest) as work:
            (work / "adult_a_sar.yaml").write_bytes(b"fresh copy")
    assert (dest / "adult_a_sar.yaml").read_bytes() == b"my edits"


def test_an_empty_folder_may_be_used(tmp_path):
    dest = tmp_path / "out"
    dest.mkdir()
    with staged_dir(dest) as work:
        (work / "new.docx").write_bytes(b"new")
    assert _listing(dest) == ["new.docx"]


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
    _earlier_output(dest)
    mtime = (dest / "old.docx").stat().st_mtime_ns
    with pytest.raises(Boom):
        with staged_dir(dest) as work:
            (work / "new.docx").write_bytes(b"new")
            raise Boom
    assert _listing(dest) == ["old.docx"]
    assert (dest / "old.docx").read_bytes() == b"old"
    assert (dest / "old.docx").stat().st_mtime_ns == mtime
    assert leftovers(tmp_path, "out") == []


def test_keep_failed_sets_the_attempt_aside(tmp_path):
    dest = tmp_path / "pack"
    _earlier_output(dest, "old.pdf")
    with pytest.raises(Boom):
        with staged_dir(dest, keep_failed=True) as work:
            (work / "leaky.pdf").write_bytes(b"leak")
            raise Boom
    failed = tmp_path / "pack.failed"
    assert (failed / "leaky.pdf").read_bytes() == b"leak"
    assert _listing(dest) == ["old.pdf"]
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
