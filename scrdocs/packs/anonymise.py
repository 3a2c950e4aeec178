"""Anonymising a pack's documents with ONE redaction engine, so the pseudonyms agree everywhere.

The built documents are rendered (anonymised genogram, the profile's
protective marking) and redacted; handed-in documents are redacted and
marked; then the chronology CSV and the glossary.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ..case.model import Case
from ..errors import RulesError
from .contents import PackProfile, PackRules
from .docx_finish import add_marking, glossary_rows, write_glossary_docx
from .pack_types import PackDocument, PackFolders


@dataclass
class Anonymised:
    """The pack's documents once redacted, in pack order."""

    items: list[PackDocument] = field(default_factory=list)
    to_pdf: list[tuple[PackDocument, Path]] = field(default_factory=list)  # (document, redacted .docx)
    pdf_inputs: list[tuple[PackDocument, Path]] = field(default_factory=list)  # handed-in PDFs, already redacted
    check_by_hand: dict[str, list[str]] = field(default_factory=dict)  # document -> the engine's notes


def make_redactor(case: Case, profile: str) -> Any:
    try:
        from ..redaction import Redactor
    except ImportError as e:  # the engine is part of scrdocs; this means a broken installation
        raise RulesError(f"The redaction engine cannot be loaded ({e}).",
                         hint="Reinstall scrdocs; no pack can be made without it.") from None
    return Redactor(case, profile)


# Characters a name cannot hold on some disk scrdocs may write to (Windows, network drives).
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
# Word separators in file names, read as spaces so that "zoe_okafor" is seen as a name.
_NAME_SEPARATORS = str.maketrans("_.+", "   ")


def numbered_file_name(number: int, suffix: str, kind: str | None = None, *, prefix: str = "document") -> str:
    """A file name that says nothing of the original: "document-2.txt", "agency-document-1-imr.docx"."""
    kind_part = f"-{kind.replace('_', '-')}" if kind else ""
    return f"{prefix}-{number}{kind_part}{suffix.lower()}"


def anonymised_file_name(redactor: Any, path: Path, number: int, taken: set[str]) -> str:
    """``path``'s name with everyone in it replaced through ``redactor`` ("notes for Child A - family.txt").

    A name with nobody in it is kept. One that would clash with a name
    already ``taken`` (two people's notes both becoming "notes on Adult A")
    is numbered instead; the name chosen is added to ``taken``."""
    stem, suffix = path.stem, path.suffix
    spans = redactor.detect(stem.translate(_NAME_SEPARATORS), document=numbered_file_name(number, suffix))
    name = path.name
    if any(s.action == "remove" for s in spans):
        from ..redaction.apply import apply_spans

        # Same length as the stem, so the spans found in the spaced-out form fit the original.
        redacted = _UNSAFE_IN_NAME.sub("-", apply_spans(stem, spans)).strip(" .") or "document"
        name = f"{redacted}{suffix}"
    if name.casefold() in taken:
        name = numbered_file_name(number, suffix)
    taken.add(name.casefold())
    return name


def private_copy(src: Path, folder: Path, name: str) -> Path:
    """``src`` under ``name`` in the private ``folder``, so that the engine, its audit and its notes only
    ever see the anonymised name (a hard link where the disk allows, else a copy)."""
    dest = folder / name
    try:
        os.link(src, dest, follow_symlinks=False)
    except OSError:
        shutil.copyfile(src, dest, follow_symlinks=False)  # a link stays a link, which the readers refuse
    return dest


def anonymise_documents(case: Case, rules: PackRules, pack: PackProfile, plan: Sequence[Any],
                        classified: Sequence[tuple[Path, str]], kinds: Sequence[str], redactor: Any,
                        folders: PackFolders, *, templates_dir: str | Path | None,
                        step: Callable[[str], None]) -> Anonymised:
    """Render and redact every document of the pack; ``plan`` is the built documents' plan."""
    docs = Anonymised()
    _anonymise_built(case, rules, pack, plan, redactor, docs, folders, templates_dir=templates_dir, step=step)
    _anonymise_included(rules, pack, classified, redactor, docs, folders, step=step)
    if pack.chronology_csv and "integrated_chronology" in kinds:
        _anonymise_chronology_csv(case, redactor, folders)
    if pack.glossary:
        # After the others, so people found only by NER ("Person 1") are listed too.
        _anonymise_glossary(case, rules, pack, redactor, docs, folders)
    return docs


def _anonymise_built(case: Case, rules: PackRules, pack: PackProfile, plan: Sequence[Any], redactor: Any,
                     docs: Anonymised, folders: PackFolders, *, templates_dir: str | Path | None,
                     step: Callable[[str], None]) -> None:
    from ..documents.build import draw_figures, render_docx

    figures = draw_figures(case, "anonymised") if any(p.kind.id in ("overview_report", "imr") for p in plan) else None
    # scrdocs drew these from anonymised data: the engine need not ask for them to be checked by hand
    redactor.own_pictures = own_picture_fingerprints(figures)
    try:
        _redact_built(case, rules, pack, plan, redactor, docs, folders, figures, templates_dir=templates_dir, step=step)
    finally:
        redactor.own_pictures = frozenset()


def own_picture_fingerprints(figures: Any) -> frozenset[str]:
    """sha256 of each picture scrdocs drew for the documents (the anonymised genogram, the charts)."""
    import hashlib

    pictures = [getattr(figures, name, None) for name in ("genogram_png", "timeline_png", "contact_png")]
    return frozenset(hashlib.sha256(p).hexdigest() for p in pictures if p)


def _redact_built(case: Case, rules: PackRules, pack: PackProfile, plan: Sequence[Any], redactor: Any,
                  docs: Anonymised, folders: PackFolders, figures: Any, *, templates_dir: str | Path | None,
                  step: Callable[[str], None]) -> None:
    from ..documents.build import render_docx

    for item in plan:
        step(f"Writing and anonymising {item.file_name}")
        source = render_docx(case, item.kind.id, folders.internal / item.file_name, agency=item.agency,
                             marking=pack.marking, genogram_profile="anonymised",
                             templates_dir=templates_dir, figures=figures)
        agency = case.agency(item.agency).name if item.agency else ""
        doc = PackDocument(item.kind.id, rules.title(item.kind.id, agency=agency))
        target = folders.redacted / item.file_name
        redactor.redact_file(source, target)
        docs.items.append(doc)
        docs.to_pdf.append((doc, target))


def _anonymise_included(rules: PackRules, pack: PackProfile, classified: Sequence[tuple[Path, str]],
                        redactor: Any, docs: Anonymised, folders: PackFolders, *,
                        step: Callable[[str], None]) -> None:
    for number, (path, kind) in enumerate(classified, start=1):
        step(f"Anonymising agency document {number} of {len(classified)}")
        # The handed-in file's own name may name someone ("notes on Zoe Okafor.docx"): the pack never shows
        # it, and the engine reads a copy under the pack's name so its decisions never record it.
        name = numbered_file_name(number, path.suffix, kind, prefix="agency-document")
        doc_title = rules.included_title(kind, number)
        doc = PackDocument(kind, doc_title, included_from=name)
        target = folders.redacted / name
        notes = redactor.redact_file(private_copy(path, folders.internal, name), target).notes
        if notes:
            docs.check_by_hand[f"{doc_title} ({name})"] = notes
        docs.items.append(doc)
        if target.suffix == ".docx":
            add_marking(target, pack.marking)
            docs.to_pdf.append((doc, target))
        else:
            docs.pdf_inputs.append((doc, target))


def _anonymise_chronology_csv(case: Case, redactor: Any, folders: PackFolders) -> None:
    from ..documents.chronology import write_chronology_csv

    source = write_chronology_csv(case, folders.internal / "integrated-chronology.csv")
    _redact_csv(redactor, source, folders.stage / "integrated-chronology.csv", "integrated-chronology.csv")


def _anonymise_glossary(case: Case, rules: PackRules, pack: PackProfile, redactor: Any, docs: Anonymised,
                        folders: PackFolders) -> None:
    glossary_title = rules.title("glossary")
    source = write_glossary_docx(case, folders.internal / "glossary.docx", glossary_rows(case, redactor.key()),
                                 marking=pack.marking, title=glossary_title)
    doc = PackDocument("glossary", glossary_title)
    target = folders.redacted / "glossary.docx"
    redactor.redact_file(source, target)
    docs.items.append(doc)
    docs.to_pdf.append((doc, target))


def _redact_csv(redactor: Any, src: Path, dest: Path, document: str) -> None:
    """Redact a CSV cell by cell (the engine's file formats do not include CSV), keeping its columns."""
    with open(src, newline="", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    cells = [(r, c) for r, row in enumerate(rows) for c, value in enumerate(row) if value.strip() and r > 0]
    if cells:
        texts = redactor.redact_texts([rows[r][c] for r, c in cells], document=document,
                                      locations=[f"row {r + 1} column {c + 1}" for r, c in cells])
        for (r, c), text in zip(cells, texts):
            rows[r][c] = text
    with open(dest, "w", newline="", encoding="utf-8-sig") as fh:  # with BOM, so Excel reads UTF-8
        csv.writer(fh).writerows(rows)

