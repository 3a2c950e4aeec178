"""Regulator, publication and family packs: anonymised review documents that must never leak a name.

What goes into each pack is data (``redaction_rules/packs.yaml``), from the
guidance: the regulator gets everything anonymised, the public gets the
overview report and executive summary (adult reviews) or the executive
summary alone (children's reviews), the family gets a read-only copy of the
report. IMRs are never published.

The flow, all in a staging folder beside ``--out``:

1. render the internal Word documents (anonymised genogram, the profile's
   protective marking);
2. redact every document, built or handed in, with ONE ``Redactor`` so the
   pseudonyms agree everywhere;
3. scrub the Word properties (author = the board, no "last modified by",
   no custom properties) and convert every document to PDF in one
   LibreOffice run;
4. scrub the PDFs' metadata, merge them with a bookmark per document and
   per main heading, and for the family copy watermark and protect them;
5. write the redaction report and ``manifest.json``;
6. run the leak gate over every file. Only a clean pack is moved into
   place; a leaking one is moved to ``DIR.failed`` for the board manager
   to inspect, with ``leak-report.txt`` saying where (never what).
"""

from __future__ import annotations

import csv
import json
import logging
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import yaml
from lxml import etree

from . import pdf_finish
from ..errors import InputFormatError, LeakError, OutputError, RulesError, ScrdocsError, ToolMissingError
from .leak_gate import LeakGate, LeakReport, gate_for_case
from .manifest import MANIFEST_NAME, build_manifest, write_manifest
from ..case.model import Case, Role
from ..output import RECORD_NAME, staged_dir
from ..progress import Progress, Steps
from ..case.pseudonyms import case_pseudonyms
from .redaction_report import redaction_counts, render_report
from ..resources import data_dir

log = logging.getLogger("scrdocs")

PACK_RULES_FILE = "packs.yaml"
REPORT_NAME = "redaction-report.md"
LEAK_REPORT_NAME = "leak-report.txt"
PROFILES = ("regulator", "publication", "family")
INCLUDE_SUFFIXES = (".docx", ".pdf")



class PackRuleError(ScrdocsError):
    """A document was asked for that the pack's rules (from the guidance) do not allow."""


# --------------------------------------------------------------------------
# Rules (redaction_rules/packs.yaml)


@dataclass(frozen=True)
class PackProfile:
    name: str
    description: str
    redaction_profile: str
    marking: str
    formats: tuple[str, ...]
    glossary: bool
    genogram: bool
    chronology_csv: bool
    read_only: bool
    watermark: str | None
    documents: Mapping[str, tuple[str, ...]]  # subject group -> document kinds
    include: Mapping[str, tuple[str, ...]]  # subject group -> kinds --include may add


@dataclass(frozen=True)
class PackRules:
    profiles: Mapping[str, PackProfile]
    refusals: Mapping[str, str]
    recognise: Mapping[str, tuple[re.Pattern, ...]]
    titles: Mapping[str, str]
    included_titles: Mapping[str, str]
    review_below_score: float
    source: str

    def profile(self, name: str) -> PackProfile:
        try:
            return self.profiles[name]
        except KeyError:
            raise RulesError(f"There is no pack profile called '{name}'.",
                             hint=f"Use one of: {', '.join(self.profiles)} (defined in {self.source}).") from None

    def title(self, kind: str, **values: Any) -> str:
        return self.titles.get(kind, kind.replace("_", " ").capitalize()).format(**values)

    def included_title(self, kind: str, number: int) -> str:
        """A handed-in document's title. Never its file name, which may name someone."""
        name = self.included_titles.get(kind, "Agency document")
        return f"{name} (agency document {number})"


_GROUPS = ("adult", "child")


def load_pack_rules(path: str | Path | None = None) -> PackRules:
    """Read and check the pack rules (the shipped ``redaction_rules/packs.yaml`` by default)."""
    path = Path(path) if path else data_dir("redaction_rules") / PACK_RULES_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise RulesError(f"The pack rules {path} cannot be read ({e}).",
                         hint="Correct the file, or leave out --rules to use the shipped rules.") from None
    problems: list[str] = []

    def need(mapping: Any, key: str, where: str, kind: type | tuple[type, ...]) -> Any:
        value = mapping.get(key) if isinstance(mapping, dict) else None
        if not isinstance(value, kind):
            problems.append(f"{where}.{key} is missing or not a {getattr(kind, '__name__', 'value')}")
            return None
        return value

    profiles: dict[str, PackProfile] = {}
    for name, raw in (need(data, "profiles", "rules", dict) or {}).items():
        where = f"profiles.{name}"
        documents = need(raw, "documents", where, dict) or {}
        include = need(raw, "include", where, dict) or {}
        for group in _GROUPS:
            for mapping, label in ((documents, "documents"), (include, "include")):
                if not isinstance(mapping.get(group), list):
                    problems.append(f"{where}.{label}.{group} must be a list of document kinds")
        formats = tuple(raw.get("formats") or ("docx", "pdf")) if isinstance(raw, dict) else ()
        if not set(formats) <= {"docx", "pdf"} or "pdf" not in formats:
            problems.append(f"{where}.formats must list pdf, and may list docx")
        if isinstance(raw, dict) and problems == []:
            profiles[name] = PackProfile(
                name=name,
                description=str(raw.get("description", "")),
                redaction_profile=str(need(raw, "redaction_profile", where, str)),
                marking=str(need(raw, "marking", where, str)),
                formats=formats,
                glossary=bool(raw.get("glossary", False)),
                genogram=bool(raw.get("genogram", False)),
                chronology_csv=bool(raw.get("chronology_csv", False)),
                read_only=bool(raw.get("read_only", False)),
                watermark=raw.get("watermark") or (pdf_finish.READ_ONLY_WATERMARK if raw.get("read_only") else None),
                documents={g: tuple(documents.get(g) or ()) for g in _GROUPS},
                include={g: tuple(include.get(g) or ()) for g in _GROUPS},
            )
    recognise: dict[str, tuple[re.Pattern, ...]] = {}
    for kind, patterns in (need(data, "recognise", "rules", dict) or {}).items():
        try:
            recognise[kind] = tuple(re.compile(p, re.I) for p in patterns)
        except (re.error, TypeError) as e:
            problems.append(f"recognise.{kind} has a pattern that is not a regular expression ({e})")
    refusals = need(data, "refusals", "rules", dict) or {}
    titles = need(data, "titles", "rules", dict) or {}
    included_titles = need(data, "included_titles", "rules", dict) or {}
    below = (data.get("redaction_report") or {}).get("review_below_score", 0.7) if isinstance(data, dict) else 0.7
    if problems:
        raise RulesError(f"The pack rules {path} have {len(problems)} problem(s):\n" +
                         "\n".join(f"  - {p}" for p in problems),
                         hint="Correct the file, or leave out --rules to use the shipped rules.")
    return PackRules(profiles, {str(k): str(v) for k, v in refusals.items()}, recognise,
                     {str(k): str(v) for k, v in titles.items()},
                     {str(k): str(v) for k, v in included_titles.items()}, float(below), str(path))


def subject_group(case: Case) -> str:
    return "child" if case.review.is_childrens_review else "adult"


def kept_roles(case: Case, redaction_profile: str) -> list[str]:
    """Panel roles named in this profile's copies, as the redaction profile says (the gate must agree)."""
    from ..redaction.profiles import load_profile

    profile = load_profile(redaction_profile)
    return [role for role in ("board_chair", "panel_chair", "author", "members")
            if profile.keeps_panel_role(role, case.review.is_childrens_review)]


# --------------------------------------------------------------------------
# Which documents: built ones from the rules, handed-in ones recognised by name and cover


def _docx_opening(path: Path, limit: int = 600) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            root = etree.fromstring(archive.read("word/document.xml"))
    except (KeyError, zipfile.BadZipFile, OSError, etree.XMLSyntaxError) as e:
        raise InputFormatError(f"{path.name} is not a readable Word document ({e}).",
                               hint="Check it opens in Word, or save it again as .docx.") from None
    words = []
    for paragraph in root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        words.append("".join(t.text or "" for t in paragraph.iter(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
        if sum(map(len, words)) > limit:
            break
    return "\n".join(words)[:limit]


def _pdf_opening(path: Path, limit: int = 600) -> str:
    reader = pdf_finish.open_pdf(path)
    return (reader.pages[0].extract_text() or "")[:limit] if reader.pages else ""


def recognise_kind(path: Path, rules: PackRules) -> str:
    """What an --include file is: imr, chronology, action_plan, executive_summary, overview_report or other.

    The file name is looked at first, then its opening text (its cover). The
    order of ``recognise`` in the rules decides ties: an IMR holds a
    chronology and an action plan, so IMR comes first.
    """
    for text in (path.stem.replace("_", " "), None):
        if text is None:
            text = _docx_opening(path) if path.suffix.lower() == ".docx" else _pdf_opening(path)
        for kind, patterns in rules.recognise.items():
            if any(p.search(text) for p in patterns):
                return kind
    return "other"


def check_requested(rules: PackRules, profile: PackProfile, case: Case, *,
                    documents: Sequence[str] | None, includes: Sequence[tuple[Path, str]]) -> list[str]:
    """The built document kinds for this pack; refuses anything the rules do not allow, naming the rule."""
    group = subject_group(case)
    allowed_built = profile.documents[group]
    kinds = list(allowed_built) if documents is None else list(documents)
    for kind in kinds:
        if kind not in allowed_built:
            raise PackRuleError(_refusal(rules, profile, group, kind, allowed_built),
                                hint=f"Leave '{kind}' out of the {profile.name} pack.")
    for path, kind in includes:
        if kind not in profile.include[group]:
            raise PackRuleError(f"{path.name} cannot go into the {profile.name} pack. " +
                                _refusal(rules, profile, group, kind, profile.include[group]),
                                hint="Take it out of --include.")
    return kinds


def _refusal(rules: PackRules, profile: PackProfile, group: str, kind: str, allowed: Sequence[str]) -> str:
    listed = ", ".join(rules.title(k, agency="each agency").lower() for k in allowed) or "no agency documents"
    rule = rules.refusals.get(kind) or rules.refusals.get("default", "This pack holds only {allowed}.")
    review = "a children's review" if group == "child" else "an adult review"
    return f"A {profile.name} pack for {review} holds only: {listed}. " + rule.format(allowed=listed)


# --------------------------------------------------------------------------
# Word documents: marking, properties, headings, glossary

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC = "http://purl.org/dc/elements/1.1/"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Parts that only ever hold people's names or private data; a pack copy drops them.
_DROP_PARTS = ("docProps/custom.xml", "word/people.xml")
#: A saved picture of the first page (Word's "Save preview picture"). The engine
#: redacts text, not pixels, so a handed-in document's thumbnail would still show
#: the original, names and all; the leak gate cannot read it either.
_THUMBNAIL = re.compile(r"docProps/thumbnail\.\w+", re.I)


def _dropped(name: str) -> bool:
    return name in _DROP_PARTS or bool(_THUMBNAIL.fullmatch(name))


def _rewrite_zip(path: Path, edit: Callable[[str, bytes], bytes | None]) -> None:
    """Rewrite a .docx part by part; ``edit`` returns new bytes, the same bytes, or None to drop the part."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = edit(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info, data)
    tmp.replace(path)


def scrub_docx_properties(path: Path, *, author: str, title: str) -> None:
    """Set the Word properties to the board only: author and company = board, no one else's name anywhere.

    Drops custom properties and the list of people who tracked changes or
    commented, clears subject, keywords, description, category, manager,
    template and hyperlink base, and removes any document variables.
    """
    def core(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for el in list(root):
            local = etree.QName(el).localname
            if local in ("created", "modified"):
                continue
            root.remove(el)
        for ns, local, value in ((_DC, "creator", author), (_DC, "title", title)):
            el = etree.SubElement(root, f"{{{ns}}}{local}")
            el.text = value
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def app(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for el in list(root):
            local = etree.QName(el).localname
            if local in ("Manager", "Template", "HyperlinkBase", "Company", "TitlesOfParts", "HeadingPairs"):
                root.remove(el)
        company = etree.SubElement(root, f"{{{_EP}}}Company")
        company.text = author
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def settings(data: bytes) -> bytes:
        root = etree.fromstring(data)
        for tag in ("docVars", "attachedTemplate"):
            for el in root.findall(f"{{{_W}}}{tag}"):
                root.remove(el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def without_dropped(data: bytes, attribute: str, dropped: set[str]) -> bytes:
        root = etree.fromstring(data)
        for el in list(root):
            target = (el.get(attribute) or "").lstrip("/")
            if target in dropped or _THUMBNAIL.fullmatch(target):
                root.remove(el)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def edit(name: str, data: bytes) -> bytes | None:
        if _dropped(name):
            return None
        if name == "docProps/core.xml":
            return core(data)
        if name == "docProps/app.xml":
            return app(data)
        if name == "word/settings.xml":
            return settings(data)
        if name == "[Content_Types].xml":
            return without_dropped(data, "PartName", set(_DROP_PARTS))
        if name == "_rels/.rels":
            return without_dropped(data, "Target", {"docProps/custom.xml"})
        if name == "word/_rels/document.xml.rels":
            return without_dropped(data, "Target", {"people.xml", "word/people.xml"})
        return data

    _rewrite_zip(path, edit)


def add_marking(path: Path, marking: str) -> None:
    """Put the protective marking at the top of every header and footer of a handed-in document."""
    from docx import Document

    doc = Document(str(path))
    for index, section in enumerate(doc.sections):
        parts = [section.header, section.footer]
        if section.different_first_page_header_footer:
            parts += [section.first_page_header, section.first_page_footer]
        if doc.settings.odd_and_even_pages_header_footer:
            parts += [section.even_page_header, section.even_page_footer]
        for part in parts:
            if part.is_linked_to_previous and index > 0:
                continue  # shows the previous section's, already marked
            part.is_linked_to_previous = False
            first = part.paragraphs[0] if part.paragraphs else part.add_paragraph()
            marked = first.insert_paragraph_before(marking)
            marked.alignment = 1  # centred
            for run in marked.runs:
                run.bold = True
    doc.save(str(path))


def heading_texts(path: Path, level: int = 1) -> list[str]:
    """The texts of the document's main headings (style Heading ``level``), in order."""
    from docx import Document

    wanted = f"heading {level}"
    return [p.text.strip() for p in Document(str(path)).paragraphs
            if p.text.strip() and p.style is not None and (p.style.name or "").lower() == wanted]


def glossary_rows(case: Case, redactor_key: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(pseudonym, role) for everyone the pack refers to by a pseudonym: "SW1", "social worker, Adult Social Care"."""
    pseudonyms = case_pseudonyms(case)
    subject_label = pseudonyms.get(case.subject.id) if case.subject else None
    rows: list[tuple[str, str]] = []
    for person in case.people:
        if person.role is Role.subject:
            role = f"the {'child' if case.review.is_childrens_review else 'adult'} at the centre of this review"
        elif person.role is Role.practitioner:
            agency = None
            if person.agency:
                try:
                    agency = case.agency(person.agency).name
                except KeyError:
                    agency = person.agency
            role = ", ".join(x for x in (person.job_title or "practitioner", agency) if x)
        elif person.relationship:
            role = f"{person.relationship} of {subject_label}" if subject_label else person.relationship
        else:
            role = {"family": "family member", "perpetrator": "the person who caused harm", "other": "other person"}[person.role.value]
        rows.append((pseudonyms[person.id], role))
    given = {label for label, _ in rows}
    panel_roles = {m.name: ", ".join(x for x in (m.job_title, m.organisation) if x) for m in case.panel.members}
    for label, real in sorted((redactor_key or {}).items(), key=lambda item: _natural(item[0])):
        if label in given:
            continue
        if real in panel_roles:
            rows.append((label, f"review panel member: {panel_roles[real] or 'job title not given'}"))
        elif re.fullmatch(r"Person \d+", label):
            rows.append((label, "a person named in the documents who is not in the case file"))
    return rows


def _natural(label: str) -> list[Any]:
    """Sort key that puts "Panel member 2" before "Panel member 10"."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", label)]


def write_glossary_docx(case: Case, path: Path, rows: Sequence[tuple[str, str]], *, marking: str, title: str) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for section in doc.sections:
        for part in (section.header, section.footer):
            paragraph = part.paragraphs[0]
            paragraph.text = marking
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading(f"{case.review.type.long_name}: {case.review.title}", 0)
    doc.add_heading(title, 1)
    doc.add_paragraph("The documents in this pack refer to people by these pseudonyms and roles. "
                      "Their real names are not in this pack.")
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Pseudonym", "Role"
    for label, role in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, role
    doc.save(str(path))
    return path


# --------------------------------------------------------------------------
# Building a pack


@dataclass
class PackDocument:
    kind: str
    title: str
    docx: Path | None = None  # final path in the pack (None when the profile makes PDF only)
    pdf: Path | None = None
    included_from: str | None = None  # the --include file's name


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


def _safe_stem(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "review"


def _make_redactor(case: Case, profile: str) -> Any:
    try:
        from ..redaction import Redactor
    except ImportError as e:  # the engine is part of scrdocs; this means a broken installation
        raise RulesError(f"The redaction engine cannot be loaded ({e}).",
                         hint="Reinstall scrdocs; no pack can be made without it.") from None
    return Redactor(case, profile)


def _inside(path: Path, folder: Path) -> bool:
    path, folder = path.resolve(), folder.resolve()
    return path == folder or folder in path.parents


def _also_words() -> list[str]:
    from ..redaction.lexicon import lexicon

    return sorted(lexicon().also_words)


def make_gate(case: Case, redaction_profile: str, engine: Any | None = None, *, ner: bool = True) -> LeakGate:
    """The leak gate for a case and profile, sharing the redaction engine's names and NER.

    The gate reads with its OWN engine instance: the engine remembers names
    NER found in earlier texts, and the rescan must judge each text alone
    (and must not add to the run's key). ``engine`` (the run's redactor)
    supplies the pseudonyms it made up ("Person 3"), which may appear.
    """
    try:
        reader = _make_redactor(case, redaction_profile)
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
                         not_initials=set(words.not_initials) | {a.short_name for a in case.agencies if a.short_name})
    for source in (engine, reader):
        if source is not None:
            gate.allow(source.key().keys())
            gate.allow(source.pseudonyms())
    return gate


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


def build_pack(
    case: Case,
    profile: str,
    out_dir: str | Path,
    *,
    includes: Iterable[str | Path] = (),
    documents: Sequence[str] | None = None,
    key_path: str | Path | None = None,
    rules: PackRules | str | Path | None = None,
    templates_dir: str | Path | None = None,
    redactor: Any | None = None,
    progress: Progress | None = None,
) -> PackResult:
    """Build the ``profile`` pack for ``case`` into ``out_dir`` and check it for leaks.

    ``includes`` are agency documents (.docx or .pdf) to redact into the pack;
    ``documents`` narrows the built document kinds (default: all the profile
    allows). ``key_path`` (outside ``out_dir``) receives the confidential key
    of pseudonyms to real names. Raises :class:`PackRuleError` before writing
    anything if a document is not allowed in this pack, and
    :class:`~scrdocs.errors.LeakError` if the finished pack still identifies
    someone: then ``out_dir`` is left as it was and the attempt is in
    ``out_dir.failed``.
    """
    rules = rules if isinstance(rules, PackRules) else load_pack_rules(rules)
    pack = rules.profile(profile)
    out_dir = Path(out_dir).resolve()
    # Everything that can be refused is refused before anything is written.
    include_paths = [Path(p) for p in includes]
    for path in include_paths:
        if not path.is_file():
            raise InputFormatError(f"The document {path} to include does not exist.")
        if path.suffix.lower() not in INCLUDE_SUFFIXES:
            raise InputFormatError(f"{path.name} cannot be included: only Word (.docx) and PDF files can.",
                                   hint="Save it as .docx or PDF first.")
    classified = [(path, recognise_kind(path, rules)) for path in include_paths]
    kinds = check_requested(rules, pack, case, documents=documents, includes=classified)
    key = Path(key_path).resolve() if key_path else None
    if key is not None and (_inside(key, out_dir) or _inside(key, out_dir.with_name(out_dir.name + ".failed"))):
        raise OutputError(f"The key {key} would be inside the pack folder {out_dir}.",
                          hint="The key links pseudonyms to real names: write it somewhere only the review team can read, outside the pack.")

    from ..documents.build import draw_figures, planned_documents, render_docx
    from ..libreoffice import check_pdf_tools, convert_to_pdf

    check_pdf_tools()  # a missing LibreOffice is reported before any work
    plan = planned_documents(case, kinds) if kinds else []
    total = len(plan) + len(classified) + 7
    step = Steps(total, progress)

    step("Loading the redaction engine")
    redactor = redactor or _make_redactor(case, pack.redaction_profile)
    board, title = case.review.board, case.review.title
    result = PackResult(out_dir, pack.name)
    stem = _safe_stem(case.review.reference)

    failed_dir = out_dir.with_name(out_dir.name + ".failed")
    # Only a pack that failed its leak check is kept aside (as DIR.failed) for
    # the board manager to see where; any other failure leaves nothing behind,
    # since a half-made pack was never checked at all.
    with tempfile.TemporaryDirectory(prefix="scrdocs-pack-") as work_name, staged_dir(out_dir) as stage:
        work = Path(work_name)
        internal, redacted, pdfs = work / "internal", work / "redacted", work / "pdf"
        for folder in (internal, redacted, pdfs):
            folder.mkdir()
        items: list[PackDocument] = []
        to_pdf: list[tuple[PackDocument, Path]] = []  # (document, redacted .docx)
        pdf_inputs: list[tuple[PackDocument, Path]] = []  # handed-in PDFs, already redacted

        # 1-2. Render the internal documents and redact them with one engine.
        figures = draw_figures(case, "anonymised") if any(p.kind.id in ("overview_report", "imr") for p in plan) else None
        for item in plan:
            step(f"Writing and anonymising {item.file_name}")
            source = render_docx(case, item.kind.id, internal / item.file_name, agency=item.agency,
                                 marking=pack.marking, genogram_profile="anonymised",
                                 templates_dir=templates_dir, figures=figures)
            agency = case.agency(item.agency).name if item.agency else ""
            doc = PackDocument(item.kind.id, rules.title(item.kind.id, agency=agency))
            target = redacted / item.file_name
            redactor.redact_file(source, target)
            items.append(doc)
            to_pdf.append((doc, target))
        check_by_hand: dict[str, list[str]] = {}
        for number, (path, kind) in enumerate(classified, start=1):
            step(f"Anonymising agency document {number} of {len(classified)}")
            name = f"agency-document-{number}-{kind.replace('_', '-')}{path.suffix.lower()}"
            doc_title = rules.included_title(kind, number)
            doc = PackDocument(kind, doc_title, included_from=path.name)
            target = redacted / name
            notes = redactor.redact_file(path, target).notes
            if notes:
                check_by_hand[f"{doc_title} ({path.name})"] = notes
            items.append(doc)
            if target.suffix == ".docx":
                add_marking(target, pack.marking)
                to_pdf.append((doc, target))
            else:
                pdf_inputs.append((doc, target))
        if pack.chronology_csv and "integrated_chronology" in kinds:
            from ..documents.chronology import write_chronology_csv

            source = write_chronology_csv(case, internal / "integrated-chronology.csv")
            _redact_csv(redactor, source, stage / "integrated-chronology.csv", "integrated-chronology.csv")
        if pack.glossary:
            # After the others, so people found only by NER ("Person 1") are listed too.
            glossary_title = rules.title("glossary")
            source = write_glossary_docx(case, internal / "glossary.docx", glossary_rows(case, redactor.key()),
                                         marking=pack.marking, title=glossary_title)
            doc = PackDocument("glossary", glossary_title)
            target = redacted / "glossary.docx"
            redactor.redact_file(source, target)
            items.append(doc)
            to_pdf.append((doc, target))

        # 3. Word properties, then every PDF in one LibreOffice run.
        step("Removing personal details from the document properties")
        for doc, path in to_pdf:
            scrub_docx_properties(path, author=board, title=f"{title}: {doc.title}")
        step(f"Making {len(to_pdf)} PDF{'s' if len(to_pdf) != 1 else ''} with LibreOffice")
        converted = convert_to_pdf([p for _, p in to_pdf], pdfs) if to_pdf else []

        # 4. PDF metadata, marking on handed-in PDFs, merge, family protection.
        step("Finishing the PDFs")
        def metadata(doc: PackDocument) -> pdf_finish.PdfMetadata:
            return pdf_finish.PdfMetadata(author=board, title=f"{title}: {doc.title}")

        finished: list[tuple[PackDocument, Path, list[str]]] = []
        for (doc, docx_path), pdf_path in zip(to_pdf, converted):
            clean = pdfs / f"{docx_path.stem}.final.pdf"
            pdf_finish.scrub_metadata(pdf_path, clean, metadata(doc))
            finished.append((doc, clean, heading_texts(docx_path)))
        for doc, pdf_path in pdf_inputs:
            marked = pdfs / f"{pdf_path.stem}.marked.pdf"
            pdf_finish.stamp_marking(pdf_path, marked, pack.marking)
            clean = pdfs / f"{pdf_path.stem}.final.pdf"
            pdf_finish.scrub_metadata(marked, clean, metadata(doc))
            finished.append((doc, clean, []))
        order = {id(doc): index for index, doc in enumerate(items)}
        finished.sort(key=lambda entry: order[id(entry[0])])
        doc_names = {id(doc): path.stem for doc, path in to_pdf}
        doc_names.update({id(doc): path.stem for doc, path in pdf_inputs})

        if "docx" in pack.formats:
            for doc, path in to_pdf:
                doc.docx = stage / path.name
                shutil.copyfile(path, doc.docx)
        if not pack.read_only:
            for doc, path, _ in finished:
                doc.pdf = stage / f"{doc_names[id(doc)]}.pdf"
                shutil.copyfile(path, doc.pdf)
        merged_name = f"{stem}-{pack.name}-pack.pdf"
        merged = work / merged_name
        result.bookmarks = pdf_finish.merge_pdfs(
            [pdf_finish.MergePart(doc.title, path, headings) for doc, path, headings in finished], merged,
            pdf_finish.PdfMetadata(author=board, title=f"{title}: {pack.description.rstrip('.')}"))
        if pack.read_only:
            marked = work / "watermarked.pdf"
            pdf_finish.watermark(merged, marked, pack.watermark or pdf_finish.READ_ONLY_WATERMARK)
            pdf_finish.protect(marked, stage / merged_name)
            for doc in items:
                doc.pdf = stage / merged_name
        else:
            shutil.copyfile(merged, stage / merged_name)
        result.merged_pdf = out_dir / merged_name

        if pack.genogram and case.family is not None:
            step("Drawing the anonymised genogram")
            from ..genogram import draw_genogram

            for fmt in ("svg", "png"):
                (stage / f"genogram.{fmt}").write_bytes(draw_genogram(case, profile="anonymised", format=fmt))

        # 5. Redaction report and manifest.
        step("Writing the redaction report")
        audit = list(redactor.audit)
        result.redactions = redaction_counts(audit)
        created = datetime.now(timezone.utc)
        (stage / REPORT_NAME).write_text(render_report(
            audit, title=f"{case.review.type.long_name} {title}", reference=case.review.reference,
            profile=pack.name, documents=[d.title for d in items],
            created=created.strftime("%d/%m/%Y %H:%M UTC"), below_score=rules.review_below_score,
            check_by_hand=check_by_hand,
        ), encoding="utf-8")

        # 6. The leak gate, over every file, then the manifest (which records the verdict) too.
        step("Checking every file for leaks")
        gate = make_gate(case, pack.redaction_profile, redactor)
        # PDFs made from the pack's Word documents get every term check; the NER
        # rescan reads their text in Word form, paragraph by paragraph, where it
        # is the text the engine redacted (a PDF's broken lines are not).
        from_word = {f"{path.stem}.pdf" for _, path in to_pdf}
        covered = from_word | ({merged_name} if not pdf_inputs else set())
        report = gate.scan_folder(stage, ner_read_elsewhere=covered)
        if "docx" not in pack.formats and to_pdf:
            # PDF-only packs (the family copy): the Word sources are not in the
            # pack, so the NER rescan reads them where they were made.
            source = gate.scan_files([path for _, path in to_pdf], root=redacted,
                                     label=f"(Word source of {merged_name})")
            report.files += source.files
            report.hits += source.hits
        manifest = build_manifest(
            stage, case=case, profile=pack.name, redactions=result.redactions,
            spacy_model=_model_name(redactor), model_version=getattr(redactor, "model_version", None),
            created=created,
            extra={"marking": pack.marking,
                   "merged_pdf": {"path": merged_name, "text_from_word": "docx" in pack.formats and not pdf_inputs,
                                  "made_from": sorted(f"{path.stem}.docx" for _, path in to_pdf)
                                  if "docx" in pack.formats else []},
                   "documents": [{"title": d.title, "kind": d.kind,
                                  "files": [p.name for p in (d.docx, d.pdf) if p is not None]} for d in items],
                   "leak_check": {"passed": report.clean, "files_checked": len(report.files),
                                  "possible_leaks": len(report.hits)}})
        write_manifest(stage, manifest)
        manifest_report = gate.scan_files([stage / MANIFEST_NAME], root=stage)
        report.files += manifest_report.files
        report.hits += manifest_report.hits
        result.leak_report = report
        if not report.clean:
            (stage / LEAK_REPORT_NAME).write_text(report.summary() + "\n", encoding="utf-8")
            shutil.rmtree(failed_dir, ignore_errors=True)
            shutil.copytree(stage, failed_dir)
            raise LeakError(
                f"The {pack.name} pack was not made: the leak check found {len(report.hits)} place"
                f"{'s' if len(report.hits) != 1 else ''} that may still identify someone.\n{report.summary()}",
                hint=f"The attempt is in {out_dir.name}.failed (see {LEAK_REPORT_NAME} there). Correct the "
                     "case file or the agency document and build the pack again.")
        if key is not None:
            redactor.write_key(key, out_dir=out_dir)
            result.key_path = key
        if progress:
            progress(total, total, "Done")

    if failed_dir.is_dir():
        # An earlier attempt that leaked: it must not linger beside the clean pack.
        shutil.rmtree(failed_dir, ignore_errors=True)
        log.info("Removed %s, left by an earlier attempt that failed its leak check.", failed_dir.name)
    for doc in items:
        doc.docx = out_dir / doc.docx.name if doc.docx else None
        doc.pdf = out_dir / doc.pdf.name if doc.pdf else None
    result.documents = items
    return result


def _model_name(redactor: Any) -> str | None:
    for attribute in ("model_name", "model"):
        value = getattr(redactor, attribute, None)
        if isinstance(value, str):
            return value
    from ..settings import spacy_model

    return spacy_model()


# --------------------------------------------------------------------------
# Scanning any files


def scan_files(case: Case, paths: Sequence[str | Path], *, profile: str = "publication",
               redactor: Any | None = None, ner: bool = True) -> LeakReport:
    """Run the leak gate over ``paths`` for ``case`` (``profile`` decides who may be named)."""
    rules = load_pack_rules()
    redaction_profile = rules.profiles[profile].redaction_profile if profile in rules.profiles else profile
    if redaction_profile == "internal":
        raise RulesError("Internal copies are not anonymised, so there is nothing to check them for.",
                         hint="Use --profile publication, regulator or family.")
    gate = make_gate(case, redaction_profile, redactor, ner=ner)
    files = [Path(p) for p in paths]
    return gate.scan_files(files, ner_read_elsewhere=_pdfs_read_as_word(files))


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
