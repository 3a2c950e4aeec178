"""Regulator, publication and family packs: anonymised review documents that must never leak a name.

What goes into each pack is data (``redaction_rules/packs.yaml``), from the
guidance: the regulator gets everything anonymised, the public gets the
overview report and executive summary (adult reviews) or the executive
summary alone (children's reviews), the family gets a read-only copy of the
report. IMRs are never published.

The flow, all in a staging folder beside ``--out``, each step in its own module:

1. ``contents``: choose the documents, refusing any the rules do not allow;
2. ``anonymise``: render the internal Word documents (anonymised genogram,
   the profile's protective marking), then redact every document, built or
   handed in, with ONE ``Redactor`` so the pseudonyms agree everywhere;
3. ``assemble``: scrub the Word properties (author = the board, no "last
   modified by", no custom properties), convert every document to PDF in
   one LibreOffice run, scrub the PDFs' metadata, merge them with a bookmark
   per document and per main heading, and for the family copy watermark and
   protect them;
4. ``record``: write the redaction report and ``manifest.json``;
5. ``pack_gate``: run the leak gate over every file. Only a clean pack is
   moved into place; a leaking one is moved to ``DIR.failed`` for the board
   manager to inspect, with ``leak-report.txt`` saying where (never what).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..case.model import Case
from ..errors import OutputError, RulesError
from ..inputs import check_input_file
from ..output import ensure_free_space, staged_dir, work_folder
from ..progress import Progress, Steps
from .anonymise import anonymise_documents, make_redactor
from .assemble import assemble_pack
from .contents import PackRules, classify_includes, check_requested, load_pack_rules
from .leak_gate import LeakReport
from .manifest import MANIFEST_NAME
from .pack_gate import check_manifest, check_staged_pack, make_gate, read_word_copies_ahead, refuse_leaking_pack
from .pack_types import PackDocument, PackFolders, PackResult
from .record import write_pack_manifest, write_redaction_report
from ..redaction.key import check_key_path
from ..redaction.reviewer_apply import reviewer_rules
from .sign_off import manifest_section, mark_unsigned, release_unsigned
from ..review.publication_timing import pack_marking

log = logging.getLogger("scrdocs")


def build_pack(
    case: Case,
    profile: str,
    out_dir: str | Path,
    *,
    includes: Iterable[str | Path] = (),
    documents: Sequence[str] | None = None,
    key_path: str | Path | None = None,
    replace_key: bool = False,
    case_path: str | Path | None = None,
    rules: PackRules | str | Path | None = None,
    templates_dir: str | Path | None = None,
    redactor: Any | None = None,
    progress: Progress | None = None,
    reviewer: Any | None = None,
    sign_off: Any | None = None,
) -> PackResult:
    """Build the ``profile`` pack for ``case`` into ``out_dir`` and check it for leaks.

    ``includes`` are agency documents (.docx or .pdf) to redact into the pack;
    ``documents`` narrows the built document kinds (default: all the profile
    allows). ``key_path`` (outside ``out_dir``, not an input, not an earlier
    key unless ``replace_key``) receives the confidential key of pseudonyms
    to real names; ``case_path`` is the case file, if read from one, so the
    key is never written over it. Raises :class:`PackRuleError` before writing
    anything if a document is not allowed in this pack, and
    :class:`~scrdocs.errors.LeakError` if the finished pack still identifies
    someone: then ``out_dir`` is left as it was and the attempt is in
    ``out_dir.failed``.

    ``reviewer`` (:class:`~scrdocs.redaction.reviewer_apply.ReviewerRules`;
    by default the decisions file beside ``case_path``) is applied to every
    document; ``sign_off`` (:class:`~scrdocs.packs.sign_off.SignOff`) is
    recorded in the manifest. A pack the rules say may not be released
    unsigned says "not signed off" on every cover until it is signed.
    """
    rules = rules if isinstance(rules, PackRules) else load_pack_rules(rules)
    pack = rules.profile(profile)
    # A publication pack made while court proceedings are open is marked not for publication (8.49).
    pack = dataclasses.replace(pack, marking=pack_marking(case, pack))
    out_dir = Path(out_dir).resolve()
    failed_dir = out_dir.with_name(out_dir.name + ".failed")
    # Everything that can be refused is refused before anything is written.
    classified = classify_includes([check_input_file(path) for path in includes], rules)
    kinds = check_requested(rules, pack, case, documents=documents, includes=classified)
    key = _checked_key(key_path, out_dir, failed_dir, case_path, [path for path, _ in classified], replace_key)

    from ..documents.build import planned_documents
    from ..libreoffice import check_pdf_tools

    check_pdf_tools()  # a missing LibreOffice is reported before any work
    plan = planned_documents(case, kinds) if kinds else []
    _ensure_room(out_dir, plan, classified)
    total = len(plan) + len(classified) + 7
    step = Steps(total, progress)

    step("Loading the redaction engine")
    redactor = redactor or make_redactor(case, pack.redaction_profile)
    reviewer = reviewer if reviewer is not None else reviewer_rules(case_path, case.review.reference)
    redactor.reviewer = reviewer or None
    may_release_unsigned = release_unsigned(rules.source, pack.name)
    result = PackResult(out_dir, pack.name)

    # Only a pack that failed its leak check is kept aside (as DIR.failed) for
    # the board manager to see where; any other failure leaves nothing behind,
    # since a half-made pack was never checked at all. The work folder holds the documents before
    # anonymisation: private, beside the pack (not in a shared temporary folder), and removed by the
    # next run if this one is killed.
    with work_folder(out_dir.parent) as work, staged_dir(out_dir) as stage:
        folders = PackFolders.make(work, stage)
        docs = anonymise_documents(case, rules, pack, plan, classified, kinds, redactor, folders,
                                   templates_dir=templates_dir, step=step)
        if sign_off is None and not may_release_unsigned:
            mark_unsigned([path for _, path in docs.to_pdf])
        gate = make_gate(case, pack.redaction_profile, redactor)  # its second opinion lists names to confirm
        _gate_follows_reviewer(gate, reviewer)
        merged_name, result.bookmarks = assemble_pack(case, pack, docs, folders, step,
                                                      meanwhile=lambda paths: read_word_copies_ahead(gate, paths))
        result.merged_pdf = out_dir / merged_name

        step("Writing the redaction report")
        created = datetime.now(timezone.utc)
        result.redactions = write_redaction_report(stage, case, rules, pack, redactor, docs, created, gate=gate)

        # The leak gate, over every file, then the manifest (which records the verdict) too.
        step("Checking every file for leaks")
        report = check_staged_pack(gate, pack, docs, folders, merged_name)
        report.hits += _reviewer_removals_found(reviewer, sorted(p for p in stage.rglob("*") if p.is_file()),
                                                {(h.file, h.location) for h in report.hits}, root=stage)
        write_pack_manifest(stage, case, pack, redactor, docs, redactions=result.redactions,
                            merged_name=merged_name, report=report, created=created,
                            sign_off=manifest_section(sign_off, may_release_unsigned))
        check_manifest(gate, stage, report)
        result.leak_report = report
        if not report.clean:
            refuse_leaking_pack(report, pack, stage, out_dir, failed_dir)
        if key is not None:
            redactor.write_key(key, out_dir=out_dir, replace=replace_key)
            result.key_path = key
        if progress:
            progress(total, total, "Done")

    _clear_earlier_failure(failed_dir)
    result.documents = _moved_into_place(docs.items, out_dir)
    return result


def _gate_follows_reviewer(gate: Any, reviewer: Any | None) -> None:
    """The leak check reads with the reviewer's decisions too: a word they kept is not a leak to its
    rescan (a case person's name is still found by the case terms), a word they remove is looked for."""
    if not reviewer:
        return
    reader = getattr(getattr(gate, "detect_many", None), "__self__", None)
    if reader is not None and hasattr(reader, "reviewer"):
        reader.reviewer = reviewer
    gate.allow(d.text for d in reviewer.decisions.everywhere("keep"))
    from .leak_gate.word_names import not_a_name_keys

    gate.not_names = not_a_name_keys(reviewer.decisions)  # findings "to confirm" marked "not a name"


def _checked_key(key_path: str | Path | None, out_dir: Path, failed_dir: Path, case_path: str | Path | None,
                 includes: Sequence[Path], replace: bool) -> Path | None:
    """The key's path, refused now (before any work) if it is inside the pack, an input or an earlier key."""
    if not key_path:
        return None
    key = Path(key_path).resolve()
    if _inside(key, out_dir) or _inside(key, failed_dir):
        raise OutputError(f"The key {key} would be inside the pack folder {out_dir}.",
                          hint="The key links pseudonyms to real names: write it somewhere only the review team "
                               "can read, outside the pack.")
    check_key_path(key, outputs=[out_dir, failed_dir], inputs=[*([case_path] if case_path else []), *includes],
                   replace=replace)
    return key


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _ensure_room(out_dir: Path, plan: Sequence[Any], classified: Sequence[tuple[Path, str]]) -> None:
    """Refuse a pack that cannot fit before the long work, generously: each handed-in document is
    copied, redacted, made PDF and merged (about six times its size); each built document with its
    genogram and PDFs takes a few MB."""
    included = sum(path.stat().st_size for path, _ in classified)
    ensure_free_space(out_dir.parent, 6 * included + 5_000_000 * len(plan) + 50_000_000, what="the pack")


def _clear_earlier_failure(failed_dir: Path) -> None:
    if failed_dir.is_dir():
        # An earlier attempt that leaked: it must not linger beside the clean pack.
        shutil.rmtree(failed_dir, ignore_errors=True)
        log.info("Removed %s, left by an earlier attempt that failed its leak check.", failed_dir.name)


def _moved_into_place(items: list[PackDocument], out_dir: Path) -> list[PackDocument]:
    """The documents with their paths moved from the staging folder to ``out_dir``."""
    for doc in items:
        doc.docx = out_dir / doc.docx.name if doc.docx else None
        doc.pdf = out_dir / doc.pdf.name if doc.pdf else None
    return items


# --------------------------------------------------------------------------
# Scanning any files


def scan_files(case: Case, paths: Sequence[str | Path], *, profile: str = "publication",
               redactor: Any | None = None, ner: bool = True, case_path: str | Path | None = None) -> LeakReport:
    """Run the leak gate over ``paths`` for ``case`` (``profile`` decides who may be named); the reviewer's
    decisions beside ``case_path``, if any, are read as the pack read them."""
    rules = load_pack_rules()
    redaction_profile = rules.profiles[profile].redaction_profile if profile in rules.profiles else profile
    if redaction_profile == "internal":
        raise RulesError("Internal copies are not anonymised, so there is nothing to check them for.",
                         hint="Use --profile publication, regulator or family.")
    gate = make_gate(case, redaction_profile, redactor, ner=ner)
    reviewer = reviewer_rules(case_path, case.review.reference)
    _gate_follows_reviewer(gate, reviewer)
    files = [Path(p) for p in paths]
    report = gate.scan_files(files, ner_read_elsewhere=_pdfs_read_as_word(files), list_to_confirm=True)
    report.hits += _reviewer_removals_found(reviewer, files, {(h.file, h.location) for h in report.hits})
    return report


def _reviewer_removals_found(reviewer: Any | None, files: Sequence[Path], known: set[tuple[str, str]], *,
                             root: Path | None = None) -> list[Any]:
    """Words the reviewer removes everywhere that are still in ``files`` (of any category: the gate's own rescan
    reports people only), each place once."""
    import re

    from .leak_gate import LeakHit, file_units

    removals = reviewer.decisions.everywhere("remove") if reviewer else []
    patterns = [(d, re.compile(rf"(?<![\w]){re.escape(d.text)}(?![\w])", re.I)) for d in removals]
    hits = []
    for path in files if patterns else ():
        for unit in file_units(path, path.relative_to(root).as_posix() if root else str(path)):
            for d, rx in patterns:
                for m in rx.finditer(unit.text):
                    where = (unit.file, unit.where(m.start()))
                    if where not in known:
                        known.add(where)
                        hits.append(LeakHit(unit.file, where[1], d.category, f"words the reviewer removes ({d.id})",
                                            "reviewer's decisions"))
    return hits


def _pdfs_read_as_word(files: Sequence[Path]) -> set[str]:
    """PDFs whose text is also being scanned in Word form: the same-named .docx beside them, or a
    pack's merged PDF made only from such documents (its manifest says so)."""
    given = {f.resolve() for f in files}
    covered = set()
    for path in files:
        if path.suffix.lower() != ".pdf":
            continue
        if path.with_suffix(".docx").resolve() in given:
            covered.add(str(path))
            continue
        manifest = path.parent / MANIFEST_NAME
        if manifest.resolve() in given or manifest.is_file():
            try:
                data = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            merged = data.get("merged_pdf") or {}
            if merged.get("path") == path.name and merged.get("text_from_word") and all(
                    (path.parent / name).resolve() in given for name in merged.get("made_from", [])):
                covered.add(str(path))
    return covered
