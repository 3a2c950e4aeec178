"""Panel independence: the people judging the case must not have worked on it.

* The panel chair is not employed by an agency involved in the case
  (Stockport 12: "not directly associated with any of the agencies involved").
* The overview author is not the panel chair.
* An IMR author does not appear as a practitioner in their own agency's
  chronology (Herefordshire 1.2: "no significant involvement in the case").

Each breach is an error: ``scrdocs check`` exits 1 until it is resolved.
"""

from __future__ import annotations

import re

from ..case.model import Agency, Case, PanelPerson, Person, Role
from ..case.pseudonyms import case_pseudonyms
from .findings import Finding

_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "rev", "revd"}
_ORG_FILLER = {"the", "of", "and"}


def _bare_name(name: str) -> str:
    """The name without titles, ranks (written out or not) and letters after it, as the redaction engine parses it."""
    from ..redaction.name_variants import parse_name

    parsed = parse_name(name)
    return " ".join([*parsed.given, *parsed.surname]) or name


def normalise_name(name: str) -> str:
    """'Dr. Ann  O'Neill' -> 'ann oneill': case, titles, ranks, punctuation and spacing ignored.

    "Detective Sergeant Louise Arkwright" and "DS Louise Arkwright" are both 'louise arkwright'.
    """
    words = re.sub(r"['’.]", "", _bare_name(name).lower()).replace("-", " ").split()
    return " ".join(w for w in words if w not in _TITLES)


def normalise_organisation(name: str) -> str:
    """'The Northshire NHS Trust' and 'Northshire N.H.S. Trust' compare equal."""
    text = name.lower().replace("&", " and ")
    text = re.sub(r"[.’']", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(w for w in text.split() if w not in _ORG_FILLER)


def _contains_words(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", haystack) is not None


def employed_by(organisation: str | None, agency: Agency) -> bool:
    """Does the organisation name this agency (by full name or short name)?"""
    if not organisation:
        return False
    org = normalise_organisation(organisation)
    full = normalise_organisation(agency.name)
    if org == full:
        return True
    # "Adult Social Care, Northshire County Council" names the agency "Northshire County Council";
    # one-word names ("Police") are too general to match inside a longer name.
    if len(full.split()) >= 2 and _contains_words(org, full):
        return True
    if len(org.split()) >= 2 and _contains_words(full, org):
        return True
    if agency.short_name:
        short = normalise_organisation(agency.short_name)
        return org == short or (len(short) >= 2 and _contains_words(org, short) and agency.short_name.isupper())
    return False


def _names(person: PanelPerson | Person) -> set[str]:
    return {normalise_name(n) for n in [person.name, *person.aliases] if n.strip()}


def same_person(a: PanelPerson | Person, b: PanelPerson | Person) -> bool:
    return bool(_names(a) & _names(b))


def _mentioned(text: str, name: str) -> bool:
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I) is not None


def check_independence(case: Case) -> list[Finding]:
    findings: list[Finding] = []
    chair, author = case.panel.panel_chair, case.panel.author
    for k, agency in enumerate(case.agencies):
        if employed_by(chair.organisation, agency):
            findings.append(Finding(
                "error", "independence.chair_employed_by_agency", "panel.panel_chair.organisation",
                f"the panel chair works for '{chair.organisation}', which is the involved agency '{agency.name}' "
                f"(agencies[{k}]); the chair must be independent of every agency involved in the case"))
    for i, person in enumerate(case.people):
        if person.role is Role.practitioner and same_person(chair, person):
            findings.append(Finding(
                "error", "independence.chair_was_practitioner", f"people[{i}]",
                "the panel chair is also listed as a practitioner in the case; the chair must have had no involvement"))
    if same_person(chair, author):
        findings.append(Finding(
            "error", "independence.author_is_chair", "panel.author",
            "the overview author is also the panel chair; the report must be written by someone other than the chair"))
    pseudonyms = case_pseudonyms(case)
    for k, agency in enumerate(case.agencies):
        imr_author = agency.imr_author
        if imr_author is None:
            continue
        as_person = PanelPerson(name=imr_author.name)
        matches = [(i, p) for i, p in enumerate(case.people)
                   if p.role is Role.practitioner and p.agency == agency.id and same_person(as_person, p)]
        for i, p in matches:
            findings.append(Finding(
                "error", "independence.imr_author_was_practitioner", f"agencies[{k}].imr_author",
                f"the {agency.label} IMR author is the practitioner people[{i}] ({pseudonyms.get(p.id, p.id)}) of the same agency; "
                "an IMR author must have had no involvement in the case"))
        # The author named (or referred to by their practitioner pseudonym) in their agency's own entries.
        terms = {imr_author.name, _bare_name(imr_author.name)} | {a for _, p in matches for a in p.aliases}
        terms |= {pseudonyms[p.id] for _, p in matches if p.id in pseudonyms}
        for j, entry in enumerate(case.chronology):
            if entry.agency != agency.id:
                continue
            text = " ".join(filter(None, [entry.event, entry.source, entry.comments, entry.subject_of_recording,
                                          entry.communication_within_agency, entry.communication_external]))
            if any(_mentioned(text, t) for t in terms if t):
                findings.append(Finding(
                    "error", "independence.imr_author_in_chronology", f"chronology[{j}]",
                    f"the {agency.label} IMR author appears in their own agency's chronology entry of {entry.date:%d/%m/%Y}; "
                    "an IMR author must have had no involvement in the case"))
    return findings
