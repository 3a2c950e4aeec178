"""What goes into each pack: the rules (``redaction_rules/packs.yaml``, from the guidance) and the
recognition of handed-in documents, with the refusals that name the rule broken."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import yaml
from lxml import etree

from . import pdf_finish
from ..case.model import Case
from ..errors import InputFormatError, RulesError, ScrdocsError
from ..resources import data_dir, safe_yaml

PACK_RULES_FILE = "packs.yaml"
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
    documents: Mapping[str, tuple[str, ...]]  # subject group or review type -> document kinds
    include: Mapping[str, tuple[str, ...]]  # subject group or review type -> kinds --include may add
    rules: Mapping[str, str] | None = None  # subject group or review type -> the guidance the lists follow

    def key_for(self, case: Case, mapping: Mapping[str, Any]) -> str:
        """The review type when the rules list it (a CSPR is not an SCR), else the subject group."""
        review_type = case.review.type.value
        return review_type if review_type in mapping else subject_group(case)

    def documents_for(self, case: Case) -> tuple[str, ...]:
        return self.documents[self.key_for(case, self.documents)]

    def include_for(self, case: Case) -> tuple[str, ...]:
        return self.include[self.key_for(case, self.include)]

    def rule_for(self, case: Case) -> str:
        """The guidance this pack follows for ``case``, named (empty when the rules give none)."""
        rules = self.rules or {}
        return rules.get(self.key_for(case, rules), "")


@dataclass(frozen=True)
class PackRules:
    profiles: Mapping[str, PackProfile]
    refusals: Mapping[str, str | Mapping[str, str]]  # a text, or texts by subject group or review type
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
_TYPES = ("SAR", "SCR", "CSPR", "DHR")


def load_pack_rules(path: str | Path | None = None) -> PackRules:
    """Read and check the pack rules (the shipped ``redaction_rules/packs.yaml`` by default)."""
    path = Path(path) if path else data_dir("redaction_rules") / PACK_RULES_FILE
    try:
        data = safe_yaml(path.read_text(encoding="utf-8"))
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
        rules_text = (raw.get("rules") if isinstance(raw, dict) else None) or {}
        for mapping, label in ((documents, "documents"), (include, "include"), (rules_text, "rules")):
            if not isinstance(mapping, dict):
                problems.append(f"{where}.{label} must be a mapping by subject group or review type")
                continue
            for key in mapping:
                if key not in _GROUPS + _TYPES:
                    problems.append(f"{where}.{label}.{key} is not a subject group ({', '.join(_GROUPS)}) "
                                    f"or review type ({', '.join(_TYPES)})")
            for key, value in mapping.items():
                if label != "rules" and not isinstance(value, list):
                    problems.append(f"{where}.{label}.{key} must be a list of document kinds")
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
                documents={g: tuple(v or ()) for g, v in documents.items()},
                include={g: tuple(v or ()) for g, v in include.items()},
                rules={g: " ".join(str(v).split()) for g, v in rules_text.items()} if isinstance(rules_text, dict) else {},
            )
    recognise: dict[str, tuple[re.Pattern, ...]] = {}
    for kind, patterns in (need(data, "recognise", "rules", dict) or {}).items():
        try:
            recognise[kind] = tuple(re.compile(p, re.I) for p in patterns)
        except (re.error, TypeError) as e:
            problems.append(f"recognise.{kind} has a pattern that is not a regular expression ({e})")
    refusals = _refusal_texts(need(data, "refusals", "rules", dict) or {}, problems)
    titles = need(data, "titles", "rules", dict) or {}
    included_titles = need(data, "included_titles", "rules", dict) or {}
    below = (data.get("redaction_report") or {}).get("review_below_score", 0.7) if isinstance(data, dict) else 0.7
    if problems:
        raise RulesError(f"The pack rules {path} have {len(problems)} problem(s):\n" +
                         "\n".join(f"  - {p}" for p in problems),
                         hint="Correct the file, or leave out --rules to use the shipped rules.")
    return PackRules(profiles, refusals, recognise,
                     {str(k): str(v) for k, v in titles.items()},
                     {str(k): str(v) for k, v in included_titles.items()}, float(below), str(path))


def _refusal_texts(raw: Mapping[str, Any], problems: list[str]) -> dict[str, str | dict[str, str]]:
    """Each refusal as one text, or texts by subject group or review type (a CSPR is not refused by the SCR rule)."""
    out: dict[str, str | dict[str, str]] = {}
    for kind, value in raw.items():
        if isinstance(value, dict):
            unknown = [k for k in value if k not in _GROUPS + _TYPES]
            if unknown:
                problems.append(f"refusals.{kind}.{unknown[0]} is not a subject group ({', '.join(_GROUPS)}) "
                                f"or review type ({', '.join(_TYPES)})")
            missing = [g for g in _GROUPS if not isinstance(value.get(g), str)]
            if missing:
                problems.append(f"refusals.{kind}.{missing[0]} must be a text (each subject group needs one)")
            out[str(kind)] = {str(k): " ".join(str(v).split()) for k, v in value.items()}
        else:
            out[str(kind)] = " ".join(str(value).split())
    return out


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
    allowed_built = profile.documents_for(case)
    kinds = list(allowed_built) if documents is None else list(documents)
    for kind in kinds:
        if kind not in allowed_built:
            raise PackRuleError(_refusal(rules, profile, case, kind, allowed_built),
                                hint=f"Leave '{kind}' out of the {profile.name} pack.")
    for path, kind in includes:
        if kind not in profile.include_for(case):
            raise PackRuleError(f"{path.name} cannot go into the {profile.name} pack. " +
                                _refusal(rules, profile, case, kind, profile.include_for(case), include=True),
                                hint="Take it out of --include.")
    return kinds


def _titles(rules: PackRules, kinds: Sequence[str]) -> str:
    return ", ".join(rules.title(k, agency="each agency").lower() for k in kinds)


def _refusal(rules: PackRules, profile: PackProfile, case: Case, kind: str, allowed: Sequence[str], *,
             include: bool = False) -> str:
    """What this pack, for this kind of review, holds (and what --include may add), then why ``kind`` may not go in:
    the refusal text for the review type (a CSPR's, not the Serious Case Review rule), and the pack's rule."""
    holds = _titles(rules, profile.documents_for(case))
    listed = _titles(rules, allowed) or "no agency documents"
    text = rules.refusals.get(kind) or rules.refusals.get("default", "This pack holds only {allowed}.")
    if isinstance(text, Mapping):
        text = text.get(profile.key_for(case, text)) or text.get(subject_group(case), "")
    review = f"a {case.review.type.long_name}"
    named = profile.rule_for(case)
    opening = f"A {profile.name} pack for {review} holds: {holds or 'no documents of its own'}."
    if include:
        opening += f" The agency documents --include may add to it: {listed}."
    return (f"{opening} " + text.format(allowed=listed)
            + (f" The rule for this pack: {named}" if named else ""))


def classify_includes(includes: Iterable[str | Path], rules: PackRules) -> list[tuple[Path, str]]:
    """Each --include file with its kind; refuses a missing file or one that is not Word or PDF."""
    include_paths = [Path(p) for p in includes]
    for path in include_paths:
        if not path.is_file():
            raise InputFormatError(f"The document {path} to include does not exist.")
        if path.suffix.lower() not in INCLUDE_SUFFIXES:
            raise InputFormatError(f"{path.name} cannot be included: only Word (.docx) and PDF files can.",
                                   hint="Save it as .docx or PDF first.")
    return [(path, recognise_kind(path, rules)) for path in include_paths]
