"""Reading and writing each document format: .txt/.md, .docx, .pdf.

``redact_file`` writes the redacted copy atomically (the source is only read)
and says what it could not keep: a part of a document scrdocs cannot read or
clean (macros, embedded objects, attachments, form fields) is taken out of
the copy, never passed through, and listed in ``removed_parts``;
``extract_text`` gives every piece of text a format holds, with its location,
for ``detect``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import InputFormatError

SUPPORTED = (".txt", ".md", ".docx", ".pdf")


@dataclass
class FileResult:
    """What happened to one file."""

    source: Path
    dest: Path
    format: str
    removed: int = 0
    kept: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: What was taken out of the copy, as it reads in a sentence: "1 macro project", "thumbnail".
    removed_parts: list[str] = field(default_factory=list)

    def removed_note(self) -> str | None:
        return f"{REMOVED_NOTE} {', '.join(self.removed_parts)}" if self.removed_parts else None


#: How the note listing what was taken out begins (the pack's redaction report lists these apart).
REMOVED_NOTE = "removed from the copy:"


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputFormatError(f"{path} is a {suffix or 'file without an extension'}; scrdocs can anonymise "
                               ".txt, .md, .docx and .pdf files.",
                               hint="Save the document as Word (.docx) or PDF and try again.")
    if not path.is_file():
        raise InputFormatError(f"Cannot find the input file {path}.", hint="Check the file name and folder.")
    return suffix


def redact_file(redactor, src: Path, dest: Path) -> FileResult:
    suffix = _kind(src)
    if src.resolve() == dest.resolve():
        raise InputFormatError(f"The output {dest} would overwrite the input.",
                               hint="Write the redacted copy to another folder (--out).")
    before = len(redactor.audit)
    if suffix in (".txt", ".md"):
        from .text import redact_text_file as run
    elif suffix == ".docx":
        from .docx import redact_docx as run
    else:
        from .pdf import redact_pdf as run
    result = FileResult(src, dest, suffix.lstrip("."))
    run(redactor, src, dest, result)
    if result.removed_parts:
        result.notes.append(result.removed_note())
    for d in redactor.audit[before:]:
        if d.action == "remove":
            result.removed += 1
            result.by_type[d.entity_type] = result.by_type.get(d.entity_type, 0) + 1
        else:
            result.kept += 1
    return result


def extract_text(path: str | Path) -> list[tuple[str, str]]:
    """Every piece of text in a document as (location, text): lines, DOCX parts and paragraphs, PDF pages and metadata."""
    path = Path(path)
    suffix = _kind(path)
    if suffix in (".txt", ".md"):
        from .text import extract

        return extract(path)
    if suffix == ".docx":
        from .docx import extract

        return extract(path)
    from .pdf import extract

    return extract(path)


__all__ = ["REMOVED_NOTE", "FileResult", "SUPPORTED", "extract_text", "redact_file"]
