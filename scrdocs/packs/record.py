"""A pack's own records: the redaction report (what was changed, for the board to check) and
``manifest.json`` (every file's checksum, the engine, and the leak check's verdict)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from ..case.model import Case
from .anonymise import Anonymised
from .contents import PackProfile, PackRules
from .leak_gate import LeakReport
from .manifest import build_manifest, write_manifest
from .redaction_report import redaction_counts, render_report, with_unexplained_names

REPORT_NAME = "redaction-report.md"


def write_redaction_report(stage: Path, case: Case, rules: PackRules, pack: PackProfile, redactor: Any,
                           docs: Anonymised, created: datetime, *, gate: Any | None = None) -> dict[str, int]:
    """Writes the redaction report and ``decisions.json`` into the pack; returns the redactions by category.

    With the pack's ``gate``, its second opinion reads the copies first: the
    words nothing accounts for are listed in both, to confirm.
    """
    from .decisions import unexplained_in_copies, write_pack_decisions

    audit = list(redactor.audit)
    counts = redaction_counts(audit)
    unexplained = unexplained_in_copies(gate, docs, stage) if gate is not None else []
    write_pack_decisions(stage, redactor, unexplained, below_score=rules.review_below_score)
    from ..review.publication_timing import pack_report_lines

    (stage / REPORT_NAME).write_text(_with_lines(pack_report_lines(case, pack), with_unexplained_names(render_report(
        audit, title=f"{case.review.type.long_name} {case.review.title}", reference=case.review.reference,
        profile=pack.name, documents=[d.title for d in docs.items],
        created=created.strftime("%d/%m/%Y %H:%M UTC"), below_score=rules.review_below_score,
        check_by_hand=docs.check_by_hand,
    ), unexplained)), encoding="utf-8")
    return counts


def _with_lines(lines: list[str], report: str) -> str:
    """``report`` with ``lines`` (the publication-timing warning, the pack's rule) under its title."""
    if not lines:
        return report
    title, _, rest = report.partition("\n")
    return "\n".join([title, "", *lines]) + rest


def write_pack_manifest(stage: Path, case: Case, pack: PackProfile, redactor: Any, docs: Anonymised, *,
                        redactions: dict[str, int], merged_name: str, report: LeakReport,
                        created: datetime, sign_off: dict[str, Any] | None = None) -> None:
    manifest = build_manifest(
        stage, case=case, profile=pack.name, redactions=redactions,
        spacy_model=_model_name(redactor), model_version=getattr(redactor, "model_version", None),
        created=created,
        extra={"marking": pack.marking,
               "merged_pdf": {"path": merged_name, "text_from_word": "docx" in pack.formats and not docs.pdf_inputs,
                              "made_from": sorted(f"{path.stem}.docx" for _, path in docs.to_pdf)
                              if "docx" in pack.formats else []},
               "documents": [{"title": d.title, "kind": d.kind,
                              "files": [p.name for p in (d.docx, d.pdf) if p is not None]} for d in docs.items],
               "leak_check": {"passed": report.clean, "files_checked": len(report.files),
                              "possible_leaks": len(report.hits)},
               **({"sign_off": sign_off} if sign_off is not None else {})})
    write_manifest(stage, manifest)


def _model_name(redactor: Any) -> str | None:
    for attribute in ("model_name", "model"):
        value = getattr(redactor, attribute, None)
        if isinstance(value, str):
            return value
    from ..settings import spacy_model

    return spacy_model()

