"""The leak gate as a pack uses it: made for the case and profile with the redaction engine's own
word lists, run over every file of a staged pack, and a leaking pack kept aside, never moved into place."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from ..case.model import Case
from ..errors import LeakError, ToolMissingError
from .anonymise import Anonymised, make_redactor
from .contents import PackProfile, kept_roles
from .leak_gate import LeakGate, LeakReport, file_units, gate_for_case
from .manifest import MANIFEST_NAME
from .pack_types import PackFolders
from .record import REPORT_NAME
from ..redaction.decisions import DECISIONS_NAME

LEAK_REPORT_NAME = "leak-report.txt"
#: The findings "to confirm" of a refused pack, as data for the review page's "Not a name" (never the words).
FINDINGS_NAME = "leak-findings.json"


def write_findings_to_confirm(report: LeakReport, folder: Path) -> None:
    import json

    findings = report.findings_to_confirm()
    if findings:
        (folder / FINDINGS_NAME).write_text(json.dumps({"to_confirm": findings}, indent=1) + "\n", encoding="utf-8")


def _also_words() -> list[str]:
    from ..redaction.lexicon import lexicon

    return sorted(lexicon().also_words)


def _removes_towns(redaction_profile: str) -> bool:
    from ..redaction.profiles import load_profile

    return load_profile(redaction_profile).remove_address_towns


def make_gate(case: Case, redaction_profile: str, engine: Any | None = None, *, ner: bool = True) -> LeakGate:
    """The leak gate for a case and profile, sharing the redaction engine's names and NER.

    The gate reads with its OWN engine instance: the engine remembers names
    NER found in earlier texts, and the rescan must judge each text alone
    (and must not add to the run's key). ``engine`` (the run's redactor)
    supplies the pseudonyms it made up ("Person 3"), which may appear.
    """
    try:
        reader = make_redactor(case, redaction_profile)
    except ToolMissingError:
        if ner:
            raise
        reader = None  # --no-ner without the model: the case file's own terms still apply
    from ..redaction.lexicon import lexicon

    words = lexicon()
    # The engine's own word lists, so the gate keeps and removes what the engine does:
    # statutory bodies stay ("HM Coroner" is not Helen Marsh's initials), and
    # abbreviations are never anyone's initials ("GP", "SW").
    gate = gate_for_case(case, keep_roles=kept_roles(case, redaction_profile), redactor=reader, ner=ner,
                         case_sensitive_words=words.also_words, extra_kept=words.keep_organisations,
                         not_initials=set(words.not_initials) | {a.short_name for a in case.agencies if a.short_name},
                         towns=_removes_towns(redaction_profile))
    for source in (engine, reader):
        if source is not None:
            gate.allow(source.key().keys())
            gate.allow(source.pseudonyms())
    return gate



def read_word_copies_ahead(gate: LeakGate, paths: list[Path]) -> None:
    """The gate's slow reading of the pack's Word copies (units, NER rescan, second opinion), done while
    LibreOffice makes their PDFs on the other core. Only remembered: the check proper reads every file
    again and reports; a copy that cannot be read here is left for it to report."""
    for path in paths:
        try:
            units = file_units(path, path.name, findings=[])
        except Exception:  # noqa: BLE001 - reported by the check proper, which reads the same file
            continue
        for unit in units:
            gate.read_ahead(unit)


def check_staged_pack(gate: LeakGate, pack: PackProfile, docs: Anonymised, folders: PackFolders,
                      merged_name: str) -> LeakReport:
    """Every file in the staged pack (and, for a PDF-only pack, the Word sources of its PDFs)."""
    # PDFs made from the pack's Word documents get every term check; the NER
    # rescan reads their text in Word form, paragraph by paragraph, where it
    # is the text the engine redacted (a PDF's broken lines are not).
    from_word = {f"{path.stem}.pdf" for _, path in docs.to_pdf}
    covered = from_word | ({merged_name} if not docs.pdf_inputs else set())
    # The redaction report lists the second opinion's words (not case people's): NER there would take
    # them for leaks. It and decisions.json still get every case term check.
    report = gate.scan_folder(folders.stage, ner_read_elsewhere=covered, terms_only={REPORT_NAME, DECISIONS_NAME})
    if "docx" not in pack.formats and docs.to_pdf:
        # PDF-only packs (the family copy): the Word sources are not in the
        # pack, so the NER rescan reads them where they were made.
        source = gate.scan_files([path for _, path in docs.to_pdf], root=folders.redacted,
                                 label=f"(Word source of {merged_name})")
        report.files += source.files
        report.hits += source.hits
    return report


def check_manifest(gate: LeakGate, stage: Path, report: LeakReport) -> None:
    """Adds the manifest, written after the first check since it records the verdict, to ``report``."""
    manifest_report = gate.scan_files([stage / MANIFEST_NAME], root=stage)
    report.files += manifest_report.files
    report.hits += manifest_report.hits


def refuse_leaking_pack(report: LeakReport, pack: PackProfile, stage: Path, out_dir: Path, failed_dir: Path) -> None:
    """Keeps the attempt as ``failed_dir``, with a report saying where (never what), and raises LeakError."""
    (stage / LEAK_REPORT_NAME).write_text(report.summary() + "\n", encoding="utf-8")
    write_findings_to_confirm(report, stage)
    shutil.rmtree(failed_dir, ignore_errors=True)
    shutil.copytree(stage, failed_dir)
    raise LeakError(
        f"The {pack.name} pack was not made: the leak check found {len(report.hits)} place"
        f"{'s' if len(report.hits) != 1 else ''} that may still identify someone.\n{report.summary()}",
        hint=f"The attempt is in {out_dir.name}.failed (see {LEAK_REPORT_NAME} there). "
             + ("Follow the steps above for each place, then build the pack again." if any(
                 h.detector == "to confirm" for h in report.hits) else
                "Correct the case file or the agency document and build the pack again.")
             + _second_opinion_hint(report))


def _second_opinion_hint(report: LeakReport) -> str:
    if not any(hit.detector == "second opinion" for hit in report.hits):
        return ""
    return (" A place found by the second opinion holds a full name the engine did not recognise: if it is "
            "a person, add them to the case file's people (they then get a pseudonym everywhere) or write "
            "their role in the agency document; if it is not a name, add its words to "
            "redaction_rules/gate_known_terms.yaml.")
