"""Merging an agency's imported entries into the case file, as a new case file beside the old one.

The old case file is never written to. In the new one the chronology holds
every entry in date and time order; the agency's entries from an earlier
import (those with ``imported_from``) are replaced, not doubled; entries
written by hand stay. Likely duplicates (within one agency or across
agencies) get a comment above them for the author; nothing is dropped.
Everything outside the ``chronology`` section is kept as written, comments
included; the new file is read back and checked before it is put in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ...case.casefile import load_case, read_case_text
from ...case.dates import uk
from ...case.model import Case, ChronologyEntry
from ...errors import CaseFileError, InputFormatError
from ...inputs import read_text
from ...output import staged_file
from ..chronology_checks import likely_duplicates
from .report import dump_yaml, entry_as_case_data
from .result import ImportResult

_TOP_KEY = re.compile(r"^chronology\s*:")
_MERGED_NAME = re.compile(r"-merged(?:-\d+)?$")


@dataclass
class MergeResult:
    out: Path
    added: int
    kept: int
    replaced: list[ChronologyEntry] = field(default_factory=list)
    duplicates: list[tuple[ChronologyEntry, ChronologyEntry, str]] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.added} entries added to the case file's chronology ({self.kept + self.added} in all)"
        if self.replaced:
            sources = sorted({(e.imported_from or "").split(", ")[0] for e in self.replaced})
            text += f"; {len(self.replaced)} entries of the agency's earlier import ({', '.join(sources)}) replaced"
        if self.duplicates:
            text += f"; {len(self.duplicates)} likely duplicate{'s' if len(self.duplicates) != 1 else ''} marked for you to check"
        return text

    def report_rows(self) -> list[tuple[str, str, str, str, str, str]]:
        """The likely duplicates as rows of the import report (file, table, row, outcome, text, why)."""
        rows = []
        for a, b, why in self.duplicates:
            parts = (b.imported_from or "the case file, written by hand").split(", ")
            row = parts.pop()[4:] if parts[-1].startswith("row ") else ""
            other = a.imported_from or "an entry written in the case file"
            rows.append((parts[0], ", ".join(parts[1:]), row, "duplicate", b.event,
                         f"likely duplicate of {other} ({a.agency}, {uk(a.date)}{' ' + a.time if a.time else ''}: {why}); "
                         "both are kept, marked CHECK in the new case file"))
        return rows


def merged_name(case_path: str | Path) -> Path:
    """review.yaml -> review-merged.yaml (or -merged-2.yaml, ... when that exists): never an existing file."""
    case_path = Path(case_path)
    stem = _MERGED_NAME.sub("", case_path.stem)
    candidate = case_path.with_name(f"{stem}-merged{case_path.suffix}")
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = case_path.with_name(f"{stem}-merged-{n}{case_path.suffix}")
        n += 1
    return candidate


def _label(case: Case, agency_id: str) -> str:
    try:
        return case.agency(agency_id).label
    except KeyError:
        return agency_id


def _block(entries: list[ChronologyEntry], dupes: dict[int, list[str]], note: str) -> list[str]:
    lines = ["chronology:", f"  # {note}"]
    if not entries:
        return ["chronology: []", f"  # {note}"]
    item = -1
    for line in dump_yaml([entry_as_case_data(e) for e in entries]).rstrip("\n").split("\n"):
        if line.startswith("- "):  # each entry starts at the margin; its lines and block texts are indented
            item += 1
            lines += [f"  # CHECK: {d}" for d in dupes.get(item, [])]
        lines.append("  " + line if line else line)
    return lines


def _splice(text: str, block: list[str]) -> str:
    """``text`` with its top-level chronology section replaced by ``block`` (added at the end if it has none)."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if _TOP_KEY.match(line)), None)
    if start is None:
        return text.rstrip("\n") + "\n\n" + "\n".join(block) + "\n"
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#-"):
        end += 1
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1  # comments and blank lines just before the next section belong to it
    return "\n".join(lines[:start] + block + lines[end:])


def merge_into_case(result: ImportResult, case_path: str | Path, out: str | Path | None = None) -> MergeResult:
    """Write a new case file beside ``case_path`` with ``result``'s entries merged into the chronology."""
    case_path = Path(case_path)
    case = load_case(case_path)
    if result.agency not in {a.id for a in case.agencies}:
        known = ", ".join(a.id for a in case.agencies) or "none"
        raise InputFormatError(f"'{result.agency}' is not the id of an agency in {case_path} (known: {known}).",
                               hint="Give the agency's id from the case file's 'agencies' section.")
    dest = Path(out) if out is not None else merged_name(case_path)
    if dest.resolve() == case_path.resolve():
        raise InputFormatError(f"{dest} is the case file itself; the merged case file is written beside it, never over it.",
                               hint="Leave out --out (scrdocs chooses a new name) or give another file name.")
    replaced = [e for e in case.chronology if e.agency == result.agency and e.imported_from]
    kept = [e for e in case.chronology if not (e.agency == result.agency and e.imported_from)]
    merged = sorted(kept + result.entries, key=lambda e: (e.date, e.time or "", e.agency))
    found = likely_duplicates(merged)
    dupes: dict[int, list[str]] = {}
    for i, j, why in found:
        a = merged[i]
        dupes.setdefault(j, []).append(f"likely duplicate of the {_label(case, a.agency)} entry of {uk(a.date)}"
                                       f"{' at ' + a.time if a.time else ''} ({why}); remove or merge if they are one")
    files = ", ".join(Path(f).name for f in result.files)
    note = (f"{_label(case, result.agency)}: {len(result.entries)} entries imported from {files} by scrdocs "
            "import-chronology; entries in date and time order")
    text = _splice(read_text(case_path, allow_symlink=True, legacy=False), _block(merged, dupes, note))
    try:
        read_case_text(text, str(dest))
    except CaseFileError as e:  # a fault of scrdocs, not of the author's file: refuse rather than write a broken file
        raise InputFormatError(f"The merged case file could not be read back ({'; '.join(map(str, e.problems))}); nothing was written.",
                               hint="Import to a separate file with --out and copy the entries by hand.") from None
    with staged_file(dest) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return MergeResult(out=dest, added=len(result.entries), kept=len(kept), replaced=replaced,
                       duplicates=[(merged[i], merged[j], why) for i, j, why in found])
