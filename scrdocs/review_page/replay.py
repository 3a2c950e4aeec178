"""The documents a pack (or a `scrdocs redact` run) was made from, read again with the engine's decisions.

The pack holds only the anonymised copies and ``decisions.json`` (offsets, no
text). To show a reviewer what was removed, the page makes the internal
originals again, exactly as the pack did (same documents, same order, one
engine, so "Person 3" is the same person), in a private work folder that is
removed at once, and keeps each piece of text with the engine's own spans in
memory only. The engine runs *without* the reviewer's decisions here: the page
applies them itself (:mod:`scrdocs.redaction.reviewer_apply`), the same way
``redact`` and ``pack`` do, so what it shows is what a rebuild will write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from ..case.model import Case
from ..redaction.spans import Span

_NOWHERE = Span(0, 0, "", "PERSON", "", 0.0, "keep")


@dataclass
class Piece:
    """One paragraph, table cell, line or page of an original, with the engine's spans (before the reviewer)."""

    location: str
    text: str
    spans: list[Span]
    span_locations: list[str] = field(default_factory=list)


@dataclass
class ReviewDocument:
    name: str  # the name in the pack and in decisions.json ("overview-report.docx")
    title: str
    pieces: list[Piece] = field(default_factory=list)
    copy_path: Path | None = None  # the anonymised copy in the pack


class _Recorder:
    """Wraps one redactor so every piece it records is kept with its text (the engine is not changed)."""

    def __init__(self, redactor: Any):
        self.redactor = redactor
        self.pieces: dict[str, list[Piece]] = {}
        self._texts: dict[int, str] = {}
        detect_many, record = redactor.detect_many, redactor.record

        def detecting(texts: list[str], *, document: str = "<text>") -> list[list[Span]]:
            found = detect_many(texts, document=document)
            for text, spans in zip(texts, found):
                self._texts[id(spans)] = text
            return found

        def recording(spans: list[Span], document: str, where: Callable[[Span], str]) -> None:
            record(spans, document, where)
            text = self._texts.pop(id(spans), None)
            if text is not None:
                locations = [where(s) for s in spans]
                self.pieces.setdefault(document, []).append(
                    Piece(where(spans[0] if spans else _NOWHERE), text, list(spans), locations))

        redactor.detect_many = detecting
        redactor.record = recording


def replay_pack(case: Case, pack_dir: Path, *, includes: Sequence[Path] = (), redactor: Any | None = None,
                progress: Callable[[str], None] = lambda message: None) -> tuple[str, list[ReviewDocument]]:
    """The pack's profile and its documents as the engine read them (built ones, and ``includes`` given again)."""
    from ..output import work_folder
    from ..packs.anonymise import anonymise_documents, make_redactor
    from ..packs.contents import check_requested, classify_includes, load_pack_rules
    from ..packs.manifest import MANIFEST_NAME
    from ..packs.pack_types import PackFolders
    from ..documents.build import planned_documents

    manifest = json.loads((pack_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    rules = load_pack_rules()
    pack = rules.profile(manifest["profile"])
    classified = classify_includes(list(includes), rules)
    kinds = check_requested(rules, pack, case, documents=None, includes=classified)
    plan = planned_documents(case, kinds) if kinds else []
    progress("Loading the redaction engine")
    redactor = redactor or make_redactor(case, pack.redaction_profile)
    redactor.reviewer = None
    recorder = _Recorder(redactor)
    with work_folder(pack_dir.parent) as work:
        stage = work / "stage"
        stage.mkdir()
        folders = PackFolders.make(work, stage)
        docs = anonymise_documents(case, rules, pack, plan, classified, kinds, redactor, folders,
                                   templates_dir=None, step=progress)
    titles = {f"{path.stem}.docx": doc.title for doc, path in docs.to_pdf}
    titles.update({path.name: doc.title for doc, path in docs.pdf_inputs})
    out = []
    for name, pieces in recorder.pieces.items():
        copy = pack_dir / name
        out.append(ReviewDocument(name, titles.get(name, _title_of(name)), pieces, copy if copy.is_file() else None))
    return pack.name, out


def replay_redact(case: Case, profile: str, inputs: Sequence[Path], out_dir: Path, *, redactor: Any | None = None,
                  progress: Callable[[str], None] = lambda message: None) -> list[ReviewDocument]:
    """The inputs of a `scrdocs redact` run, read as that run read them (the same names, the same order)."""
    from ..output import work_folder
    from ..packs.anonymise import anonymised_file_name, private_copy
    from ..redaction import Redactor

    progress("Loading the redaction engine")
    redactor = redactor or Redactor(case, profile)
    redactor.reviewer = None
    recorder = _Recorder(redactor)
    taken = {"audit.jsonl", "decisions.json"}
    names = []
    with work_folder(out_dir.parent) as work:
        copies = work / "copies"
        copies.mkdir()
        for number, src in enumerate(inputs, start=1):
            name = anonymised_file_name(redactor, Path(src), number, taken)
            progress(f"Reading {name}")
            redactor.redact_file(private_copy(Path(src), work, name), copies / name)
            names.append(name)
    return [ReviewDocument(name, _title_of(name), recorder.pieces.get(name, []),
                           out_dir / name if (out_dir / name).is_file() else None) for name in names]


def _title_of(name: str) -> str:
    return Path(name).stem.replace("-", " ").replace("_", " ").capitalize()
