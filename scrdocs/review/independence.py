"""Panel independence: the people judging the case must not have worked on it.

* The panel chair and the overview author are not employed by an agency
  involved in the case (Working Together 8.13 and 8.27; adult guidance 000;
  Stockport 12: "not directly associated with any of the agencies involved").
* The overview author is not the panel chair.
* Neither they nor any panel member is a person in the case (a practitioner,
  or anyone listed under people) or named in the chronology (a decision-maker
  in an entry): independent of the case as well as of the agencies.
* An IMR author does not appear as a practitioner in their own agency's
  chronology (Herefordshire 1.2: "no significant involvement in the case").

Each breach is an error: ``scrdocs check`` exits 1 until it is resolved. A
panel member from an involved agency is expected (8.13: IMR authors' agencies
may sit on the panel) and only listed; a panel made up solely of them is a
warning ("the Panel should not consist solely of such people").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from ..case.model import Agency, Case, ChronologyEntry, PanelPerson, Person, Role
from ..case.pseudonyms import case_pseudonyms
from .findings import Finding

_TITLES = {"dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame", "rev", "revd"}
_ORG_FILLER = {"the", "of", "and"}


def _bare_name(name: str) -> str:
    """The name without titles, ranks (written out or not) and letters after it, as the redaction engine parses it."""
    from ..redaction.name_variants import parse_name

    parsed = parse_name(name)
    return " ".join([*parsed.given, *parsed.surname]) or name


@lru_cache(maxsize=8192)
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



_ENTRY_TEXT = ("event", "source", "comments", "subject_of_recording", "communication_within_agency",
               "communication_external", "response_outcome", "contact_with_individual", "expected_practice")


def _entry_text(entry: ChronologyEntry) -> str:
    return " ".join(filter(None, (getattr(entry, f) for f in _ENTRY_TEXT)))


def _full_names(person: PanelPerson) -> list[str]:
    """The forms of a name specific enough to search for in text: two words or more."""
    forms = {person.name, _bare_name(person.name), *person.aliases}
    return [f for f in forms if len(f.split()) >= 2]


def _agencies_of(person: PanelPerson, case: Case) -> list[tuple[int, Agency]]:
    return [(k, a) for k, a in enumerate(case.agencies) if employed_by(person.organisation, a)]


def _naming(names: list[str]) -> re.Pattern[str] | None:
    """One pattern for every form of a name, so a long chronology is read once per person."""
    if not names:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)", re.I)


class _Chronology:
    """Every entry's text in one string, so each person's name is looked for in one pass."""

    def __init__(self, case: Case) -> None:
        self.texts = [_entry_text(e).replace("\n", " ") for e in case.chronology]
        self.joined = "\n".join(self.texts)
        self.lowered = self.joined.lower()
        self.starts = list(accumulate((len(t) + 1 for t in self.texts[:-1]), initial=0))

    def first(self, pattern: re.Pattern[str], names: list[str]) -> int | None:
        """The index of the first entry the pattern (of ``names``) matches in, or None."""
        if not any(n.lower() in self.lowered for n in names):
            return None  # a plain substring search rules most people out at once
        m = pattern.search(self.joined)
        return None if m is None else bisect_right(self.starts, m.start()) - 1


def _in_the_case(case: Case, texts: _Chronology, role: str, person: PanelPerson, path: str, code: str) -> list[Finding]:
    """The role-holder is a person in the case, or named in the chronology: an error, said once."""
    for i, p in enumerate(case.people):
        if same_person(person, p):
            what = f"a {p.role.value}" + (f" of {case.agency(p.agency).label}" if p.agency and p.agency in {a.id for a in case.agencies} else "")
            return [Finding("error", f"independence.{code}_was_practitioner" if p.role is Role.practitioner else f"independence.{code}_in_case",
                            f"people[{i}]", f"the {role} is also listed in the case as {what}; the {role} must have had no involvement in the case")]
    names = _full_names(person)
    pattern = _naming(names)
    if pattern is None:
        return []
    j = texts.first(pattern, names)
    if j is not None:
        entry = case.chronology[j]
        return [Finding("error", f"independence.{code}_in_chronology", f"chronology[{j}]",
                        f"the {role} ({path}) is named in the chronology entry of {entry.date:%d/%m/%Y}, as a practitioner "
                        f"or decision-maker in the case; the {role} must be independent of the case")]
    return []


def _members(case: Case, texts: _Chronology) -> list[Finding]:
    findings: list[Finding] = []
    from_agencies = 0
    for i, member in enumerate(case.panel.members):
        findings += _in_the_case(case, texts, "panel member", member, f"panel.members[{i}]", "member")
        agencies = _agencies_of(member, case)
        if agencies:
            from_agencies += 1
            who = ", ".join(filter(None, [member.job_title, member.organisation]))
            findings.append(Finding("info", "independence.member_from_involved_agency", f"panel.members[{i}]",
                                    f"panel member {i + 1} ({who}) is from the involved agency {agencies[0][1].label}: expected "
                                    "(agencies that write IMRs may sit on the panel), listed for the report"))
    if case.panel.members and from_agencies == len(case.panel.members):
        findings.append(Finding("warning", "independence.panel_only_involved_agencies", "panel.members",
                                "every panel member is from an involved agency; the panel should not consist solely of "
                                "people from the agencies under review (Working Together 8.13)"))
    return findings


def check_independence(case: Case) -> list[Finding]:
    findings: list[Finding] = []
    chair, author = case.panel.panel_chair, case.panel.author
    texts = _Chronology(case)
    for role, person, path, code in (("panel chair", chair, "panel.panel_chair", "chair"), ("overview author", author, "panel.author", "author")):
        for k, agency in _agencies_of(person, case):
            findings.append(Finding(
                "error", f"independence.{code}_employed_by_agency", f"{path}.organisation",
                f"the {role} works for '{person.organisation}', which is the involved agency '{agency.name}' "
                f"(agencies[{k}]); the {role} must be independent of every agency involved in the case"))
        findings += _in_the_case(case, texts, role, person, path, code)
    if same_person(chair, author):
        findings.append(Finding(
            "error", "independence.author_is_chair", "panel.author",
            "the overview author is also the panel chair; the report must be written by someone other than the chair"))
    findings += _members(case, texts)
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
        pattern = _naming([t for t in terms if t])
        if pattern is None or texts.first(pattern, [t for t in terms if t]) is None:
            continue  # not named anywhere in the chronology
        for j, entry in enumerate(case.chronology):
            if entry.agency != agency.id:
                continue
            if pattern.search(texts.texts[j]):
                findings.append(Finding(
                    "error", "independence.imr_author_in_chronology", f"chronology[{j}]",
                    f"the {agency.label} IMR author appears in their own agency's chronology entry of {entry.date:%d/%m/%Y}; "
                    "an IMR author must have had no involvement in the case"))
    return findings
