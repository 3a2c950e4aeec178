"""What a pack build hands back (its documents and result) and the folders its steps work in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import pdf_finish
from .leak_gate import LeakReport
from ..output import RECORD_NAME


@dataclass
class PackDocument:
    kind: str
    title: str
    docx: Path | None = None  # final path in the pack (None when the profile makes PDF only)
    pdf: Path | None = None
    included_from: str | None = None  # a handed-in document's name in the pack (never its own: it may name someone)


@dataclass
class PackResult:
    out_dir: Path
    profile: str
    documents: list[PackDocument] = field(default_factory=list)
    merged_pdf: Path | None = None
    bookmarks: list[pdf_finish.Bookmark] = field(default_factory=list)
    redactions: dict[str, int] = field(default_factory=dict)
    leak_report: LeakReport | None = None
    key_path: Path | None = None

    @property
    def files(self) -> list[Path]:
        return sorted(p for p in self.out_dir.rglob("*") if p.is_file() and p.name != RECORD_NAME)


@dataclass(frozen=True)
class PackFolders:
    """Where a pack is made: ``work`` is private scratch space, ``stage`` becomes the pack."""

    work: Path
    stage: Path

    @property
    def internal(self) -> Path:
        """The internal (not yet anonymised) documents; they never reach the pack."""
        return self.work / "internal"

    @property
    def redacted(self) -> Path:
        return self.work / "redacted"

    @property
    def pdf(self) -> Path:
        return self.work / "pdf"

    @classmethod
    def make(cls, work: Path, stage: Path) -> PackFolders:
        folders = cls(work, stage)
        for folder in (folders.internal, folders.redacted, folders.pdf):
            folder.mkdir()
        return folders
