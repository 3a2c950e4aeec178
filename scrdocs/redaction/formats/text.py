"""Plain text and Markdown: the same format out, line endings and encoding kept."""

from __future__ import annotations

from pathlib import Path

from ...errors import InputFormatError
from ...output import staged_file


def read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputFormatError(f"Cannot read {path} ({e.strerror}).", hint="Check the file can be opened.") from None
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputFormatError(f"{path} is not a text file scrdocs can read.", hint="Save it as UTF-8 text.")


def redact_text_file(redactor, src: Path, dest: Path, result) -> None:
    text = read_text(src)
    redacted = [redactor.redact_text(text, document=src.name)]  # audited by line
    with staged_file(dest) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            f.write("".join(redacted))


def extract(path: Path) -> list[tuple[str, str]]:
    return [(f"line {i}", line) for i, line in enumerate(read_text(path).splitlines(), 1)]
