"""Which reader reads which file: an unknown file type is refused, never passed."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from ...errors import InputFormatError
from .read_pdf import pdf_units
from .read_text import png_units, text_units
from .read_xml import docx_units, svg_units
from .units import Unit


_READERS: dict[str, Callable[[Path, str], Iterator[Unit]]] = {
    ".docx": docx_units, ".docm": docx_units, ".dotx": docx_units,
    ".pdf": pdf_units,
    ".svg": svg_units,
    ".png": lambda path, name: png_units(path.read_bytes(), name),
    ".txt": text_units, ".md": text_units, ".csv": text_units, ".json": text_units, ".jsonl": text_units,
}

SCANNABLE_SUFFIXES = tuple(sorted(_READERS))


def file_units(path: Path, name: str | None = None) -> list[Unit]:
    """Every piece of text in ``path``. Unknown file types are refused: an unchecked file is not a clean one."""
    name = name or path.name
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputFormatError(
            f"{name}: the leak check cannot read {path.suffix or 'files without an extension'} files.",
            hint=f"Only {', '.join(SCANNABLE_SUFFIXES)} files can be checked; take this file out of the pack.")
    if not path.is_file():
        raise InputFormatError(f"{name} does not exist or is not a file.")
    return list(reader(path, name))
