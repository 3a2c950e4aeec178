"""Issue 10, items 1 and 5, through the commands people run: `redact` and `scan` read the same
text the same way, and a zip bomb is refused by both with the reason, never unpacked."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import scrdocs.redaction  # noqa: F401  (imports spaCy before sockets are blocked)
from scrdocs.cli import cli

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
CASE = str(FIXTURES / "case.yaml")
NO_NER = str(FIXTURES / "no_ner.yaml")
TEXT = "Edith Marlow (DOB 03/05/1941) rang Ellie Hollis on 07700 900123.\n"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_scan_finds_the_name_in_utf16_text(tmp_path, encoding):
    src = tmp_path / "notes.txt"
    src.write_bytes(TEXT.encode(encoding))
    res = run("scan", "--case", CASE, "--no-ner", src)
    assert res.exit_code == 1, res.output  # today: "No leaks found"
    assert "notes.txt" in res.output


def test_scan_refuses_text_it_cannot_decode_for_sure(tmp_path):
    src = tmp_path / "notes.txt"
    src.write_bytes("Edith Marlow rang. ".encode("utf-8") + "Zoë".encode("cp1252") + b"\x81\x8d\x8f" * 20)
    res = run("scan", "--case", CASE, "--no-ner", src)
    assert res.exit_code == 1, res.output
    assert "No leaks found" not in res.output and "Traceback" not in res.output


def _bomb(path: Path, size: int) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                member.write(block)


@pytest.mark.slow
@pytest.mark.parametrize("command", ["redact", "scan"])
def test_a_zip_bomb_is_refused_with_its_reason_by_redact_and_scan(tmp_path, command):
    bomb = tmp_path / "imr.docx"
    _bomb(bomb, 600 << 20)
    args = (["redact", "--case", CASE, "--profile", NO_NER, "--out", str(tmp_path / "out")] if command == "redact"
            else ["scan", "--case", CASE, "--no-ner"])
    # In a child with its memory capped at 1.5 GB: unpacking the part whole would fail there.
    code = ("import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000)); "
            "from scrdocs.cli import main; sys.argv = ['scrdocs'] + sys.argv[1:]; main()")
    res = subprocess.run([sys.executable, "-c", code, *args, str(bomb)], capture_output=True, text=True, timeout=300)
    assert res.returncode == 1, res.stderr
    assert "exhaust memory" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "out").exists()
