"""Reading PNG text chunks and plain text files (.txt, .md, .json, .csv)."""

from __future__ import annotations

import csv
import io
import zlib
from pathlib import Path
from typing import Iterator

from ...errors import InputFormatError
from ...inputs import decode_text
from .units import Unit, _Joiner


def png_units(data: bytes, name: str, part: str = "PNG") -> Iterator[Unit]:
    """Text chunks (tEXt, zTXt, iTXt) of a PNG: the pixels cannot be read, its metadata can."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        raise InputFormatError(f"{name}: {part} is not a PNG image.")
    chunks, pos = _Joiner(), 8
    while pos + 8 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"tEXt":
            chunks.add(body.decode("latin-1"), "text chunk")
        elif kind == b"zTXt":
            key, _, rest = body.partition(b"\0")
            chunks.add(key.decode("latin-1") + "\n" + zlib.decompress(rest[1:]).decode("latin-1", "replace"), "text chunk")
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _, _, rest = rest.partition(b"\0")  # language tag
            _, _, text = rest.partition(b"\0")  # translated keyword
            value = zlib.decompress(text) if compressed else text
            chunks.add(key.decode("latin-1") + "\n" + value.decode("utf-8", "replace"), "text chunk")
        elif kind == b"IEND":
            break
    unit = chunks.unit(name, part, ner=False)
    if unit:
        yield unit


def text_units(path: Path, name: str) -> Iterator[Unit]:
    # Decoded as the engine decodes it (BOMs, UTF-16 without one, then a confident guess); text
    # that cannot be read with confidence is refused, never read as Latin-1 and passed as clean.
    text = decode_text(path.read_bytes(), name).removeprefix("\ufeff")
    if path.suffix.lower() == ".csv":
        yield from _csv_units(text, name)
        return
    lines = _Joiner()
    for number, line in enumerate(text.splitlines(), start=1):
        lines.add(line, f"line {number}")
    unit = lines.unit(name, "", ner=path.suffix.lower() != ".json")
    if unit:
        yield unit


def _csv_units(text: str, name: str) -> Iterator[Unit]:
    """A CSV cell by cell: each cell is read (and NER-scanned) on its own, as the engine redacted it."""
    cells = _Joiner()
    for row_number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        for column, value in enumerate(row, start=1):
            cells.add(value, f"row {row_number} column {column}")
    unit = cells.unit(name, "", ner=True)
    if unit:
        yield unit
