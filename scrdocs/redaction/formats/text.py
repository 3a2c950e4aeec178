"""Plain text and Markdown: the same format out (UTF-8), line endings kept.

Text is read by :func:`scrdocs.inputs.read_text`: only an ordinary file, and
only in an encoding known for sure (a UTF-16 note read as Windows-1252
would keep every name).
"""

from __future__ import annotations

from pathlib import Path

from ...inputs import read_text
from ...output import staged_file


def redact_text_file(redactor, src: Path, dest: Path, result) -> None:
    text = read_text(src)
    with staged_file(dest) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            # audited by line; a long text comes back a chunk at a time, each written as it is done
            for piece in redactor.redact_text_pieces(text, document=src.name):
                f.write(piece)


def extract(path: Path) -> list[tuple[str, str]]:
    return [(f"line {i}", line) for i, line in enumerate(read_text(path).splitlines(), 1)]


__all__ = ["extract", "read_text", "redact_text_file"]
