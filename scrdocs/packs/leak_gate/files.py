"""Which reader reads which file: an unknown file type is refused, and so is a file with a part no reader can read."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path
from typing import Callable, Iterator

from ...errors import InputFormatError
from .read_pdf import pdf_units
from .read_text import png_units, text_units
from .read_xml import docx_units, svg_units
from .report import LeakHit, UnreadablePartsError, unreadable_hit
from .units import Unit


_READERS: dict[str, Callable[[Path, str], Iterator[Unit]]] = {
    ".docx": docx_units, ".docm": docx_units, ".dotx": docx_units,
    ".pdf": pdf_units,
    ".svg": svg_units,
    ".png": lambda path, name: png_units(path.read_bytes(), name),
    ".txt": text_units, ".md": text_units, ".csv": text_units, ".json": text_units, ".jsonl": text_units,
}

SCANNABLE_SUFFIXES = tuple(sorted(_READERS))


def can_read(name: str) -> bool:
    """Is ``name`` (a file or attachment name) of a kind the gate reads?"""
    return Path(name).suffix.lower() in _READERS


def read_units(path: Path, name: str, *, pages_for_terms: bool = False) -> Iterator[Unit]:
    """Every unit of ``path``, parts that cannot be read included (as units marked ``unreadable``)."""
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        raise InputFormatError(
            f"{name}: the leak check cannot read {path.suffix or 'files without an extension'} files.",
            hint=f"Only {', '.join(SCANNABLE_SUFFIXES)} files can be checked; take this file out of the pack.")
    if not path.is_file():
        raise InputFormatError(f"{name} does not exist or is not a file.")
    if reader is pdf_units:
        yield from pdf_units(path, name, pages_for_terms=pages_for_terms)
    else:
        yield from reader(path, name)


def file_units(path: Path, name: str | None = None, *, findings: list[LeakHit] | None = None,
               pages_for_terms: bool = False) -> list[Unit]:
    """Every piece of text in ``path``. Unknown file types are refused: an unchecked file is not a clean one.

    A part that cannot be read (macros, an embedded object, a PDF's
    JavaScript or an attachment of an unknown kind) is refused too, with
    :class:`UnreadablePartsError` naming every such part of the file and
    what to do; or, when ``findings`` is given, added to it as a hit each,
    so a caller can report them with the rest and carry on.

    ``pages_for_terms``: a PDF's page text is only searched for the case terms (its NER rescan was done on
    its Word form), so poppler's faster reader may read it; pages NER reads are read by pypdf, as always.
    """
    units = [copy.copy(u) for u in _units_of(path, name or path.name, pages_for_terms)]
    unreadable = [u for u in units if u.unreadable]
    if unreadable:
        if findings is None:
            raise UnreadablePartsError(unreadable)
        findings.extend(unreadable_hit(u) for u in unreadable)
    return [u for u in units if not u.unreadable]


#: The units of each file read in this process, by its name and the SHA-256 of its bytes: a pack's Word copy
#: is read for the second opinion, then by the gate, and its PDF's merged twin shares its pages. The same
#: bytes give the same units, so a changed file is always read again.
_READ: dict[tuple[str, str, bytes, bool], list[Unit]] = {}
_READ_LIMIT = 256


def _units_of(path: Path, name: str, pages_for_terms: bool) -> list[Unit]:
    try:
        digest = hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b""
    except OSError:
        digest = b""
    if not digest:
        return list(read_units(path, name))  # not a readable file: read_units says why
    key = (name, path.suffix.lower(), digest, pages_for_terms)
    if key not in _READ:
        if len(_READ) >= _READ_LIMIT:
            _READ.clear()
        _READ[key] = list(read_units(path, name, pages_for_terms=pages_for_terms))
    return _READ[key]
