"""Issue 10, items 4 (LibreOffice), 6, 7 and 10: outputs fail closed.

A run killed outright leaves only a private (0700) staging folder that
does not look finished, and the next run removes it; LibreOffice dies with
scrdocs and fetches nothing; a full disk, an output folder that cannot be
moved or a 20,000-deep case file end in one plain message and exit 1; an
output folder holding someone else's large file is refused without reading it.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

import scrdocs.output as output
import scrdocs.redaction  # noqa: F401  (imports spaCy before sockets are blocked)
from scrdocs.cli import cli
from scrdocs.errors import OutputError
from scrdocs.output import (RECORD_NAME, STAGING_PREFIX, STAGING_RECORD, check_replaceable, ensure_free_space,
                            remove_stale_staging, staged_dir, work_folder)

FIXTURES = Path(__file__).parent / "fixtures"
CASE = str(FIXTURES / "redaction" / "case.yaml")
NO_NER = str(FIXTURES / "redaction" / "no_ner.yaml")
SMALL_CASE = FIXTURES / "documents" / "small_case.yaml"
TEXT = "Edith Marlow (DOB 03/05/1941) rang Ellie Hollis on 07700 900123.\n"
SCRDOCS = [sys.executable, "-c", "from scrdocs.cli import main; main()"]


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def staging(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith(STAGING_PREFIX))


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def wait_for(condition, timeout: float = 60, what: str = "it") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.05)


def processes_mentioning(marker: str) -> list[str]:
    """Command lines of live (not zombie) processes that mention ``marker``."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmdline and state != "Z" and int(pid) != os.getpid():
            found.append(f"{pid}: {cmdline[:200]}")
    return found


# ---------------------------------------------------------------- item 6: staging

def test_staging_is_private_and_never_looks_finished_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        with staged_dir(tmp_path / "out") as work:
            [wrapper] = staging(tmp_path)
            assert work.parent == wrapper and mode(wrapper) == 0o700
            record = json.loads((wrapper / STAGING_RECORD).read_text())
            assert record["written_by"] == "scrdocs" and record["pid"] == os.getpid()
            assert sorted(p.name for p in tmp_path.iterdir()) == [wrapper.name]
            (work / "report.docx").write_bytes(b"Edith Marlow")
    finally:
        os.umask(old)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert mode(tmp_path / "out") == 0o777  # the finished folder is shared as the umask says


_HOLD_STAGED = textwrap.dedent("""
    import sys, time
    from scrdocs.output import staged_dir
    with staged_dir(sys.argv[1]) as work:
        (work / "overview-report.docx").write_text("Edith Marlow, born 03/05/1941")
        print("ready", flush=True)
        time.sleep(600)
""")


def test_a_killed_run_leaves_only_a_private_staging_folder_which_the_next_run_removes(tmp_path):
    dest = tmp_path / "out"
    child = subprocess.Popen([sys.executable, "-c", _HOLD_STAGED, str(dest)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    [wrapper] = staging(tmp_path)
    assert remove_stale_staging(tmp_path) == [] and wrapper.exists()  # its process is alive: kept
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == [wrapper.name]  # nothing that looks finished
    assert mode(wrapper) == 0o700
    with staged_dir(dest) as work:  # the next run
        (work / "new.docx").write_bytes(b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_killed_redact_leaves_nothing_readable_and_the_next_run_tidies_up(tmp_path):
    first, big = tmp_path / "a-first.txt", tmp_path / "b-big.txt"
    first.write_text(TEXT)
    big.write_text(TEXT * 20000)
    out = tmp_path / "out"
    child = subprocess.Popen([*SCRDOCS, "redact", "--case", CASE, "--profile", NO_NER, "--out", str(out),
                              str(first), str(big)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: any((w / "unfinished" / first.name).exists() for w in staging(tmp_path)),
                 what="the first copy to be staged")
    finally:
        child.kill()
        child.wait()
    # the output's staging folder, and the private work folder of renamed copies
    wrappers = staging(tmp_path)
    assert wrappers and all(mode(w) == 0o700 for w in wrappers) and not out.exists()
    res = run("redact", "--case", CASE, "--profile", NO_NER, "--out", out, first)
    assert res.exit_code == 0, res.output
    assert staging(tmp_path) == []


def test_only_stale_scrdocs_staging_folders_are_removed(tmp_path):
    def folder(name: str, record: dict | None) -> Path:
        path = tmp_path / name
        path.mkdir()
        if record is not None:
            (path / STAGING_RECORD).write_text(json.dumps(record))
        return path

    import socket
    host = socket.gethostname()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(dead.stdout)
    stale = folder(STAGING_PREFIX + "stale", {"written_by": "scrdocs", "pid": dead_pid, "host": host})
    reused = folder(STAGING_PREFIX + "reused", {"written_by": "scrdocs", "pid": os.getpid(), "host": host,
                                                "started": "not when this process started"})
    kept = [folder(STAGING_PREFIX + "live", {"written_by": "scrdocs", "pid": os.getpid(), "host": host,
                                             "started": output._process_start(os.getpid())}),
            folder(STAGING_PREFIX + "elsewhere", {"written_by": "scrdocs", "pid": dead_pid, "host": "another-pc"}),
            folder(STAGING_PREFIX + "no-record", None),
            folder(STAGING_PREFIX + "not-ours", {"written_by": "someone", "pid": dead_pid, "host": host}),
            folder("my-folder", {"written_by": "scrdocs", "pid": dead_pid, "host": host})]
    assert sorted(remove_stale_staging(tmp_path)) == sorted([stale, reused])
    assert all(p.exists() for p in kept) and not stale.exists() and not reused.exists()


def test_a_work_folder_is_private_and_removed(tmp_path):
    with work_folder(tmp_path) as work:
        assert mode(work.parent) == 0o700 and work.parent.name.startswith(STAGING_PREFIX)
        (work / "internal.docx").write_text("Edith Marlow")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- item 7: faults

def _fail_rename_of(monkeypatch, target: Path, code: int) -> None:
    real = Path.rename

    def rename(self, to):
        if Path(self) == target or Path(to) == target:
            raise OSError(code, os.strerror(code), str(self))
        return real(self, to)

    monkeypatch.setattr(Path, "rename", rename)


@pytest.mark.parametrize("code, message", [(errno.EBUSY, "in use, or is a separate disk"),
                                           (errno.EPERM, "locked, or you may not change it"),
                                           (errno.EXDEV, "in use, or is a separate disk")])
def test_an_output_folder_that_cannot_be_replaced_is_one_plain_message(tmp_path, monkeypatch, code, message):
    out = tmp_path / "out"
    assert run("build", SMALL_CASE, "--out", out, "--no-pdf", "--only", "action_plan").exit_code == 0
    before = sorted(p.name for p in out.iterdir())
    _fail_rename_of(monkeypatch, out.resolve(), code)
    res = run("build", SMALL_CASE, "--out", out, "--no-pdf", "--only", "executive_summary")
    assert res.exit_code == 1
    assert message in res.output and "--out" in res.output and "Traceback" not in res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    assert sorted(p.name for p in out.iterdir()) == before  # the earlier build is untouched
    assert staging(tmp_path) == []


def test_a_full_disk_during_redact_is_one_plain_message(tmp_path, monkeypatch):
    import scrdocs.redaction.audit as audit

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out" / "audit.jsonl"))

    monkeypatch.setattr(audit, "write_audit", full)
    src = tmp_path / "notes.txt"
    src.write_text(TEXT)
    res = run("redact", "--case", CASE, "--profile", NO_NER, "--out", tmp_path / "out", src)
    assert res.exit_code == 1
    assert "The disk is full" in res.output and "Free some space" in res.output and "Traceback" not in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_any_other_fault_of_the_system_is_one_plain_message(tmp_path, monkeypatch):
    import scrdocs.redaction.audit as audit

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error", "audit.jsonl")

    monkeypatch.setattr(audit, "write_audit", broken)
    src = tmp_path / "notes.txt"
    src.write_text(TEXT)
    res = run("redact", "--case", CASE, "--profile", NO_NER, "--out", tmp_path / "out", src)
    assert res.exit_code == 1 and "The disk reported an error" in res.output and "Traceback" not in res.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_free_space_is_checked_before_the_work(tmp_path, monkeypatch):
    class Usage:
        total, used, free = 10**9, 10**9 - 1000, 1000

    monkeypatch.setattr(output.shutil, "disk_usage", lambda path: Usage)
    src = tmp_path / "notes.txt"
    src.write_text(TEXT)
    res = run("redact", "--case", CASE, "--profile", NO_NER, "--out", tmp_path / "out", src)
    assert res.exit_code == 1 and "not enough free space" in res.output
    assert not (tmp_path / "out").exists()
    with pytest.raises(OutputError, match="1 KB is free"):
        ensure_free_space(tmp_path / "not" / "made" / "yet", 10**6)


@pytest.mark.parametrize("shape", ["[" * 20000 + "]" * 20000, "a: " + "{a: " * 20000 + "1" + "}" * 20000,
                                   "- " * 20000 + "x"])
def test_a_case_file_nested_20000_deep_is_one_plain_message(tmp_path, shape):
    case = tmp_path / "deep.yaml"
    case.write_text(shape + "\n")
    res = run("check", case)
    assert res.exit_code == 1
    assert "nested too deeply" in res.output and "Traceback" not in res.output
    assert not isinstance(res.exception, RecursionError)


def _laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_a_case_file_of_aliases_of_aliases_is_refused_before_it_is_expanded(tmp_path):
    case = tmp_path / "laughs.yaml"
    case.write_text(_laughs(9))  # under 1 KB on disk, a billion values written out
    res = run("check", case)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "aliases" in res.output and "anchors and aliases" in res.output


def test_a_case_file_with_a_few_aliases_is_still_read(tmp_path):
    example = Path(__file__).parents[1] / "scrdocs" / "examples" / "adult_a_sar.yaml"
    text = example.read_text(encoding="utf-8")
    text = text.replace("  board: Northshire Safeguarding Adults Board", "  board: &board Northshire Safeguarding Adults Board", 1)
    text = text.replace("    organisation: Northshire Safeguarding Adults Board", "    organisation: *board", 1)
    assert "*board" in text
    case = tmp_path / "aliased.yaml"
    case.write_text(text, encoding="utf-8")
    res = run("check", case)
    assert "aliases" not in res.output and "Traceback" not in res.output
    assert res.exit_code == run("check", example).exit_code


# ---------------------------------------------------------------- item 10: refusing a folder

def _no_hashing(monkeypatch):
    def refuse(path):
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(output, "file_digest", refuse)


def test_a_folder_with_an_unknown_2_gb_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    dest = tmp_path / "out"
    dest.mkdir()
    with open(dest / "their-video.mp4", "wb") as f:
        f.truncate(2 * 1024**3)  # sparse: 2 GB on paper, nothing on the disk
    _no_hashing(monkeypatch)
    started = time.monotonic()
    with pytest.raises(OutputError, match="their-video.mp4"):
        check_replaceable(dest)
    assert time.monotonic() - started < 5


def test_a_changed_size_a_link_or_a_pipe_is_refused_without_reading_anything(tmp_path, monkeypatch):
    dest = tmp_path / "out"
    with staged_dir(dest) as work:
        (work / "report.docx").write_bytes(b"scrdocs wrote this")
    (dest / "report.docx").write_bytes(b"the user's much longer edit of it")
    _no_hashing(monkeypatch)
    with pytest.raises(OutputError, match="report.docx"):
        check_replaceable(dest)
    (dest / "report.docx").unlink()
    os.mkfifo(dest / "pipe")
    with pytest.raises(OutputError, match="pipe"):
        check_replaceable(dest)  # would hang if it were opened
    (dest / "pipe").unlink()
    (dest / "link").symlink_to(tmp_path)
    with pytest.raises(OutputError, match="link"):
        check_replaceable(dest)


def test_a_recorded_file_is_hashed_in_chunks(tmp_path):
    dest = tmp_path / "out"
    with staged_dir(dest) as work:
        with open(work / "big.pdf", "wb") as f:
            f.truncate(200 * 1024**2)
    with open(dest / "big.pdf", "r+b") as f:  # same size, one byte changed
        f.seek(100 * 1024**2)
        f.write(b"x")
    tracemalloc.start()
    try:
        with pytest.raises(OutputError, match="big.pdf"):
            check_replaceable(dest)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20_000_000
    assert json.loads((dest / RECORD_NAME).read_text())["sizes"] == {"big.pdf": 200 * 1024**2}


# ---------------------------------------------------------------- LibreOffice: dies with scrdocs, fetches nothing

def _linked_picture_docx(path: Path, url: str) -> Path:
    import io
    import re
    import zipfile

    import docx
    from docx.shared import Inches

    from tests.redaction_docx_helpers import PNG

    document = docx.Document()
    document.add_paragraph("A picture follows.")
    document.add_picture(io.BytesIO(PNG), width=Inches(1))
    document.save(str(path))
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = re.sub(rb'r:embed="rId\d+"', b'r:link="rIdOut"', parts["word/document.xml"])
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdOut" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                             f'relationships/image" Target="{url}" TargetMode="External"/></Relationships>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


# A stand-in for the picture's host, in its own process (sockets are off in the tests):
# it prints its port, then a line for every connection it is offered.
_LISTENER = textwrap.dedent("""
    import socket
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    print(server.getsockname()[1], flush=True)
    while True:
        connection, _ = server.accept()
        print("connected", flush=True)
        connection.close()
""")


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_libreoffice_does_not_fetch_a_linked_picture(tmp_path):
    from scrdocs.libreoffice import convert_to_pdf

    listener = subprocess.Popen([sys.executable, "-c", _LISTENER], stdout=subprocess.PIPE, text=True)
    try:
        port = int(listener.stdout.readline())
        probe = subprocess.run([sys.executable, "-c", f"import socket; socket.create_connection(('127.0.0.1', {port}))"])
        assert probe.returncode == 0 and listener.stdout.readline().strip() == "connected"  # it does hear
        doc = _linked_picture_docx(tmp_path / "linked.docx", f"http://127.0.0.1:{port}/picture.png")
        [pdf] = convert_to_pdf([doc], tmp_path / "pdf")
        assert pdf.is_file()
        time.sleep(1)
    finally:
        listener.kill()
        heard = listener.communicate()[0]
    assert "connected" not in heard


_CONVERT = "import sys; from pathlib import Path; from scrdocs.libreoffice import convert_to_pdf; " \
           "convert_to_pdf([Path(sys.argv[1])], Path(sys.argv[2]))"


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_kill_9_of_scrdocs_leaves_no_libreoffice_running(tmp_path):
    from tests.redaction_docx_helpers import planted_docx

    temp = tmp_path / "tmp"
    temp.mkdir()
    doc = planted_docx(tmp_path / "imr.docx")
    child = subprocess.Popen([sys.executable, "-c", _CONVERT, str(doc), str(tmp_path / "pdf")],
                             env={**os.environ, "TMPDIR": str(temp)})
    try:
        wait_for(lambda: any("soffice.bin" in p for p in processes_mentioning(str(temp))), what="soffice.bin")
    finally:
        child.kill()
        child.wait()
    wait_for(lambda: not processes_mentioning(str(temp)), timeout=15, what="LibreOffice to end with scrdocs")
    [profile] = staging(temp)
    assert mode(profile) == 0o700


@pytest.mark.needs_soffice
@pytest.mark.slow
def test_kill_9_of_build_leaves_no_libreoffice_and_no_finished_looking_folder(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "out"
    child = subprocess.Popen([*SCRDOCS, "build", str(SMALL_CASE), "--out", str(out), "--only", "action_plan"],
                             env={**os.environ, "TMPDIR": str(temp)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: any("soffice.bin" in p for p in processes_mentioning(str(temp))), what="soffice.bin")
    finally:
        child.kill()
        child.wait()
    wait_for(lambda: not processes_mentioning(str(temp)), timeout=15, what="LibreOffice to end with scrdocs")
    [wrapper] = staging(tmp_path)  # the documents made so far, with real names: private, not finished-looking
    assert mode(wrapper) == 0o700 and not out.exists()
    assert list((wrapper / "unfinished").glob("*.docx"))
    res = run("build", SMALL_CASE, "--out", out, "--no-pdf", "--only", "action_plan")
    assert res.exit_code == 0, res.output
    assert staging(tmp_path) == [] and out.is_dir()
