"""Issue 10, items 1, 5, 7 and 8: inputs are read only when scrdocs can be sure it reads them right.

Text in UTF-16 (with or without a BOM) is decoded, not read as cp1252 with
every name left in; text whose encoding cannot be told is refused; links,
pipes, devices and folders are refused as inputs; a zip bomb is refused
before it fills the memory, whether its headers tell the truth or lie.
"""

from __future__ import annotations

import io
import os
import socket
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import scrdocs.redaction  # noqa: F401  (imports spaCy before sockets are blocked)
from scrdocs.cli import cli
from scrdocs.errors import InputFormatError
from scrdocs.inputs import check_input_file, decode_text, open_zip, read_text

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
CASE = str(FIXTURES / "case.yaml")
NO_NER = str(FIXTURES / "no_ner.yaml")
SMALL_CASE = Path(__file__).parent / "fixtures" / "casefile" / "small_case.yaml"
TEXT = "Edith Marlow (DOB 03/05/1941) rang Ellie Hollis on 07700 900123.\n"


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def redact(tmp_path, *inputs):
    return run("redact", "--case", CASE, "--profile", NO_NER, "--out", tmp_path / "out", *inputs)


# ---------------------------------------------------------------- item 1: text encodings

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-8-sig"])
def test_redact_removes_names_from_utf16_and_utf32_text(tmp_path, encoding):
    src = tmp_path / "notes.txt"
    src.write_bytes(TEXT.encode(encoding))
    res = redact(tmp_path, src)
    assert res.exit_code == 0, res.output
    out = (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8")
    for name in ("Edith", "Marlow", "Ellie", "07700", "1941"):
        assert name not in out
    assert out.startswith("Adult A")


def test_detect_finds_the_name_in_utf16_text_without_a_bom(tmp_path):
    src = tmp_path / "notes.txt"
    src.write_bytes(TEXT.encode("utf-16-le"))
    res = run("detect", "--case", CASE, "--profile", NO_NER, "--json", src)
    assert res.exit_code == 0, res.output
    assert '"Edith Marlow"' in res.output


@pytest.mark.parametrize("text", ["Zoë rang.", "Chloë O’Neill – see notes. Anaïs paid £5."])
def test_windows_1252_text_is_read_as_windows_1252(text):
    assert decode_text(text.encode("cp1252")) == text


@pytest.mark.parametrize("data, why", [
    ("Zoë ".encode() + "Chloë’s".encode("cp1252"), "mixes UTF-8"),
    ("Małgorzata Wiśniewska rang on Tuesday about the children.".encode("cp1250"), "cannot be told for sure"),
    ("Ayşe Yılmaz rang the office.".encode("cp1254"), "cannot be told for sure"),
    ("Наташа Иванова позвонила.".encode("cp1251"), "cannot be told for sure"),
    (bytes(range(256)) * 4, "not a text file"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(40)), "not a text file"),
])
def test_text_that_cannot_be_decoded_for_sure_is_refused(data, why):
    with pytest.raises(InputFormatError, match=why) as refused:
        decode_text(data, "notes.txt")
    assert "UTF-8" in str(refused.value) or "own format" in str(refused.value)


def test_redact_refuses_text_it_cannot_decode_for_sure(tmp_path):
    src = tmp_path / "notes.txt"
    src.write_bytes("Pani Małgorzata Wiśniewska rang.".encode("cp1250"))
    res = redact(tmp_path, src)
    assert res.exit_code == 1
    assert "encoding cannot be told for sure" in res.output and "save it as UTF-8" in res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "out").exists()


def test_a_text_larger_than_the_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRDOCS_TEXT_MAX_MB", "0.001")
    src = tmp_path / "notes.txt"
    src.write_text("x" * 2000)
    with pytest.raises(InputFormatError, match="larger than"):
        read_text(src)


def test_the_case_file_may_be_utf16_but_not_a_legacy_code_page(tmp_path):
    from scrdocs.case.casefile import load_case
    from scrdocs.errors import CaseFileError

    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes(SMALL_CASE.read_text(encoding="utf-8").encode("utf-16"))
    assert load_case(utf16).review.reference
    legacy = tmp_path / "legacy.yaml"
    legacy.write_bytes(SMALL_CASE.read_text(encoding="utf-8").replace("review:", "# Zoë\nreview:", 1).encode("cp1252"))
    with pytest.raises(CaseFileError, match="not saved as UTF-8"):
        load_case(legacy)


# ---------------------------------------------------------------- items 7 and 8: only ordinary files

def _fake_passwd(tmp_path) -> Path:
    secret = tmp_path / "system" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:root:/root:/bin/bash\nedith:x:1000:1000:Edith Marlow:/home/edith:/bin/sh\n")
    return secret


def test_redact_refuses_a_symlink_and_copies_nothing(tmp_path):
    link = tmp_path / "notes.txt"
    link.symlink_to(_fake_passwd(tmp_path))
    res = redact(tmp_path, link)
    assert res.exit_code == 1
    assert "symbolic link" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "out").exists()
    copies = [p for p in tmp_path.rglob("*") if not p.is_symlink() and p.is_file() and p.parent.name != "system"]
    assert not [p for p in copies if b"root:x:0:0" in p.read_bytes()]


def test_redact_refuses_a_named_pipe_without_waiting(tmp_path):
    fifo = tmp_path / "notes.txt"
    os.mkfifo(fifo)
    # In a subprocess, so that a regression hangs this test for 60 seconds, not for ever.
    done = subprocess.run([sys.executable, "-c", "from scrdocs.cli import main; main()", "redact", "--case", CASE,
                           "--profile", NO_NER, "--out", str(tmp_path / "out"), str(fifo)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "named pipe" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_the_case_file_may_not_be_a_named_pipe(tmp_path):
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    done = subprocess.run([sys.executable, "-c", "from scrdocs.cli import main; main()", "check", str(fifo)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "named pipe" in done.stdout + done.stderr and "Traceback" not in done.stderr


def test_the_zero_device_is_refused(tmp_path):
    zero = tmp_path / "zero.txt"
    try:
        os.mknod(zero, 0o600 | 0o020000, os.makedev(1, 5))  # a character device, as /dev/zero
    except PermissionError:
        pytest.skip("making a device node needs root")
    res = redact(tmp_path, zero)
    assert res.exit_code == 1
    assert "is a device" in res.output
    with pytest.raises(InputFormatError, match="is a device"):
        read_text("/dev/zero", allow_symlink=True)


def test_check_input_file_names_what_each_thing_is(tmp_path):
    regular = tmp_path / "a.txt"
    regular.write_text("x")
    assert check_input_file(regular) == regular
    link = tmp_path / "link.txt"
    link.symlink_to(regular)
    with pytest.raises(InputFormatError, match="symbolic link"):
        check_input_file(link)
    assert check_input_file(link, allow_symlink=True) == link  # the case file may be a link to an ordinary file
    with pytest.raises(InputFormatError, match="is a folder"):
        check_input_file(tmp_path)
    with pytest.raises(InputFormatError, match="Cannot find"):
        check_input_file(tmp_path / "missing.txt")
    sock_path = tmp_path / "s.txt"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(sock_path))
        with pytest.raises(InputFormatError, match="socket"):
            read_text(sock_path)
    finally:
        server.close()


# ---------------------------------------------------------------- item 5: zip bombs

def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Edith Marlow rang.")
    document.save(buffer)
    return buffer.getvalue()


def _zeros_member(path: Path, size: int, name: str = "word/document.xml") -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open(name, "w") as member:
            block = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                member.write(block)


def _lie_about_size(path: Path, name: str, claimed: int) -> None:
    """Rewrite the sizes both headers give for ``name`` (the zip still unpacks to its real size)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at:start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, start + size_at, claimed)
            start += 4
    path.write_bytes(bytes(data))


def test_an_honest_word_document_reads_as_zipfile_reads_it(tmp_path):
    path = tmp_path / "imr.docx"
    path.write_bytes(_docx_bytes())
    with zipfile.ZipFile(path) as plain, open_zip(path) as safe:
        assert safe.namelist() == plain.namelist()
        for info in safe.infolist():
            assert safe.read(info) == plain.read(info.filename)
        assert b"Edith Marlow" in safe.read("word/document.xml")


@pytest.mark.slow
def test_a_zip_bomb_of_300_mb_is_refused_before_it_is_unpacked(tmp_path):
    bomb = tmp_path / "imr.docx"
    _zeros_member(bomb, 300 << 20)
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(InputFormatError, match="would unpack to over 200 MB in one part") as refused:
        open_zip(bomb)
    assert "built to exhaust memory" in str(refused.value) and "Word document" in str(refused.value)


def test_a_part_packed_tighter_than_any_document_is_refused(tmp_path):
    bomb = tmp_path / "book.xlsx"
    _zeros_member(bomb, 50 << 20, "xl/worksheets/sheet1.xml")
    with pytest.raises(InputFormatError, match="over 200 times its packed size") as refused:
        open_zip(bomb)
    assert "Excel workbook" in str(refused.value)


@pytest.mark.slow
def test_a_header_that_lies_about_its_size_is_caught_on_the_bytes_really_unpacked(tmp_path):
    bomb = tmp_path / "imr.docx"
    _zeros_member(bomb, 250 << 20)
    _lie_about_size(bomb, "word/document.xml", 1000)
    assert zipfile.ZipFile(bomb).getinfo("word/document.xml").file_size == 1000
    with open_zip(bomb) as archive:  # every declared size is small: the lie passes the first look
        tracemalloc.start()
        try:
            with pytest.raises(InputFormatError, match="built to exhaust memory"):
                archive.read("word/document.xml")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 50_000_000


def test_the_part_limit_holds_on_the_real_bytes_whatever_the_ratio(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRDOCS_ZIP_MAX_RATIO", "1000000000")
    monkeypatch.setenv("SCRDOCS_ZIP_MAX_PART_MB", "5")
    bomb = tmp_path / "imr.docx"
    _zeros_member(bomb, 20 << 20)
    _lie_about_size(bomb, "word/document.xml", 1000)
    with open_zip(bomb) as archive:
        tracemalloc.start()
        try:
            with pytest.raises(InputFormatError, match="over 5 MB in one part"):
                archive.read("word/document.xml")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 15_000_000


def test_too_many_parts_and_too_much_in_all_are_refused(tmp_path, monkeypatch):
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as z:
        for i in range(60):
            z.writestr(f"word/media/p{i}.xml", "<p/>")
    monkeypatch.setenv("SCRDOCS_ZIP_MAX_MEMBERS", "50")
    with pytest.raises(InputFormatError, match="holds 60 parts"):
        open_zip(many)
    monkeypatch.delenv("SCRDOCS_ZIP_MAX_MEMBERS")
    monkeypatch.setenv("SCRDOCS_ZIP_MAX_TOTAL_MB", "0.0002")  # 200 bytes
    with pytest.raises(InputFormatError, match="in all"):
        open_zip(many)


def test_damage_password_and_links_are_refused(tmp_path):
    good = _docx_bytes()
    cut = tmp_path / "cut.docx"
    cut.write_bytes(good[: len(good) // 2])
    with pytest.raises(InputFormatError, match="damaged"):
        open_zip(cut)
    locked = tmp_path / "locked.docx"
    data = bytearray(good)
    at = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, at + 8, struct.unpack_from("<H", data, at + 8)[0] | 1)
    locked.write_bytes(bytes(data))
    with pytest.raises(InputFormatError, match="password-protected"):
        open_zip(locked)
    flipped = tmp_path / "flipped.docx"
    with zipfile.ZipFile(flipped, "w") as z:
        z.writestr("word/document.xml", "Edith Marlow rang." * 10)
    data = bytearray(flipped.read_bytes())
    at = data.find(b"Edith")
    data[at] ^= 0x20
    flipped.write_bytes(bytes(data))
    with open_zip(flipped) as archive, pytest.raises(InputFormatError, match="checksum"):
        archive.read("word/document.xml")
    link = tmp_path / "link.docx"
    link.symlink_to(cut)
    with pytest.raises(InputFormatError, match="symbolic link"):
        open_zip(link)
