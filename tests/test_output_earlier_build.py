"""Nothing the user made is lost: a build into a folder of an earlier build keeps what it does not make again
(found by a new user: `build --no-pdf` into a folder of a full build silently deleted the earlier PDFs)."""

from __future__ import annotations

import logging

from click.testing import CliRunner

from scrdocs.cli import cli
from scrdocs.output import RECORD_NAME, STAGING_PREFIX, staged_dir

from tests.pack_helpers import ADULT


def _earlier(folder):
    return sorted(p for p in folder.parent.iterdir() if p.name.startswith(f"{folder.name}.earlier-"))


def test_an_earlier_output_with_files_the_new_one_lacks_is_kept_beside_it(tmp_path, caplog):
    dest = tmp_path / "docs"
    with staged_dir(dest) as work:
        (work / "overview.docx").write_bytes(b"first docx")
        (work / "overview.pdf").write_bytes(b"first pdf")
    with caplog.at_level(logging.WARNING, logger="scrdocs"), staged_dir(dest) as work:
        (work / "overview.docx").write_bytes(b"second docx")
    assert sorted(p.name for p in dest.iterdir()) == [RECORD_NAME, "overview.docx"]
    assert (dest / "overview.docx").read_bytes() == b"second docx"
    [kept] = _earlier(dest)
    assert (kept / "overview.pdf").read_bytes() == b"first pdf"
    assert (kept / "overview.docx").read_bytes() == b"first docx"
    assert "overview.pdf" in caplog.text and kept.name in caplog.text
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(STAGING_PREFIX)]
    # the kept folder is scrdocs' own record too: a third run may replace the folder again
    with staged_dir(dest) as work:
        (work / "overview.docx").write_bytes(b"third docx")
    assert len(_earlier(dest)) == 1


def test_the_same_files_made_again_replace_the_earlier_ones_without_a_copy(tmp_path):
    dest = tmp_path / "docs"
    for text in (b"one", b"two"):
        with staged_dir(dest) as work:
            (work / "a.docx").write_bytes(text)
    assert (dest / "a.docx").read_bytes() == b"two"
    assert _earlier(dest) == []


def test_a_failed_move_puts_the_earlier_output_back(tmp_path, monkeypatch):
    import scrdocs.output as output

    dest = tmp_path / "docs"
    with staged_dir(dest) as work:
        (work / "a.docx").write_bytes(b"one")
        (work / "a.pdf").write_bytes(b"one")
    real = output.Path.rename

    def refuse_the_new_folder(self, target):
        if self.name == "unfinished":
            raise OSError(13, "Permission denied")
        return real(self, target)

    monkeypatch.setattr(output.Path, "rename", refuse_the_new_folder)
    try:
        with staged_dir(dest) as work:
            (work / "a.docx").write_bytes(b"two")
    except output.OutputError:
        pass
    else:
        raise AssertionError("the failed move was not reported")
    monkeypatch.undo()
    assert sorted(p.name for p in dest.iterdir()) == [RECORD_NAME, "a.docx", "a.pdf"]
    assert _earlier(dest) == []


def test_cli_build_with_fewer_documents_keeps_the_earlier_build_and_says_where(tmp_path):
    out = tmp_path / "docs"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(ADULT), "--out", str(out), "--no-pdf"])
    assert first.exit_code == 0, first.output
    made = sorted(p.name for p in out.iterdir())
    second = runner.invoke(cli, ["build", str(ADULT), "--out", str(out), "--no-pdf", "--only", "overview_report"])
    assert second.exit_code == 0, second.output
    [kept] = _earlier(out)
    assert sorted(p.name for p in kept.iterdir()) == made  # the whole earlier build, nothing lost
    assert len(list(out.glob("*.docx"))) == 1
    assert kept.name in second.output and "earlier" in second.output
