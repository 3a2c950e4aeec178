"""The people and organisations the case file names, taught to the case matcher.

Each becomes an :class:`Owner` (kept or not under the profile, with its
pseudonym); every written form of its name, its initials and, for people
whose details go, its identifiers (address, NHS number, phone, ...) are added
to the :class:`CaseMatcher` so the case layer finds them.
"""

from __future__ import annotations

import re

from ..case.model import Case
from ..case.pseudonyms import case_pseudonyms
from .allow_list import Owner
from .case_matcher import CaseMatcher
from .lexicon import Lexicon
from .name_variants import initials, normalise, parse_name, tokens, typed_variants
from .profiles import Profile

_PANEL_ROLES = (("board_chair", "board chair"), ("panel_chair", "panel chair"), ("author", "overview author"))
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^\+?[\d\s()\-]{9,}$")
_NINO = re.compile(r"^[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]$", re.I)
_POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.I)


def case_owners(case: Case, profile: Profile, lex: Lexicon, matcher: CaseMatcher) -> list[Owner]:
    """Everyone and every organisation in ``case``, in the order the allow-list ranks them."""
    owners: list[Owner] = []
    order = _add_case_people(case, profile, matcher, owners)
    order = _add_panel(case, profile, matcher, owners, order)
    _add_signatories(case, profile, matcher, owners, order)
    _add_organisations(case, lex, matcher, owners)
    forbidden = set(lex.not_initials) | {a.short_name for a in case.agencies if a.short_name}
    forbidden |= {o.pseudonym.upper() for o in owners if o.pseudonym}
    matcher.drop_initials(forbidden)
    return owners


def _add_case_people(case: Case, profile: Profile, matcher: CaseMatcher, owners: list[Owner]) -> int:
    pseudonyms = case_pseudonyms(case)
    order = 0
    for person in case.people:
        order += 1
        owner = Owner(person.id, person.name, not profile.remove_case_people, pseudonyms.get(person.id),
                      "person", role=person.role.value, aliases=list(person.aliases), order=order,
                      sex=person.sex.value,
                      extra_titles=("Dr", "Doctor") if person.role.value == "practitioner" else (),
                      dob=person.dob, address=person.address, nhs_number=person.nhs_number,
                      identifiers=list(person.identifiers))
        _add_person(matcher, owners, owner)
        _add_identifiers(matcher, owner)
        if owner.address and not owner.kept:
            _add_address_parts(case, profile, matcher, owner)
    return order


def _add_address_parts(case: Case, profile: Profile, matcher: CaseMatcher, owner: Owner) -> None:
    """A street on a later line of the address, and the town where the profile removes it (address_parts.py)."""
    from .address_parts import address_towns, case_sensitive_literal, later_streets, own_area_words
    from .lexicon import lexicon

    for street in later_streets(owner.address):
        matcher.add_identifier(owner.id, flexible_literal(street), "STREET_ADDRESS")
    if profile.remove_address_towns:
        for town in address_towns(owner.address, own_area_words(case, lexicon().keep_places)):
            matcher.add_identifier(owner.id, case_sensitive_literal(town), "LOCATION")


def _add_panel(case: Case, profile: Profile, matcher: CaseMatcher, owners: list[Owner], order: int) -> int:
    children = case.review.is_childrens_review
    for attr, label in _PANEL_ROLES:
        member = getattr(case.panel, attr)
        order += 1
        kept = profile.keeps_panel_role(attr, children)
        _add_person(matcher, owners, Owner(f"panel:{attr}", member.name, kept, label.capitalize() if not kept else None,
                                           "panel", role=label, aliases=list(member.aliases), order=order))
    for i, member in enumerate(case.panel.members, 1):
        order += 1
        kept = profile.keeps_panel_role("members", children)
        _add_person(matcher, owners, Owner(f"panel:member:{i}", member.name, kept, None if kept else f"Panel member {i}",
                                           "panel", role="panel member", aliases=list(member.aliases), order=order))
    return order


def _add_signatories(case: Case, profile: Profile, matcher: CaseMatcher, owners: list[Owner], order: int) -> None:
    """IMR authors, signing officers and lead contacts are professionals: removed like the case's people."""
    known = {normalise(" ".join(tokens(o.name))) for o in owners}
    for agency in case.agencies:
        label = agency.short_name or agency.name
        found = [("imr_author", agency.imr_author, f"IMR author ({label})"),
                 ("sign_off", agency.sign_off, f"Senior officer ({label})")]
        if agency.imr and agency.imr.lead_contact:
            found.append(("lead_contact", agency.imr.lead_contact, f"Lead contact ({label})"))
        for role, who, pseudonym in found:
            if who is None or normalise(" ".join(tokens(who.name))) in known:
                continue  # already a case person: one person, one pseudonym
            known.add(normalise(" ".join(tokens(who.name))))
            order += 1
            owner = Owner(f"agency:{agency.id}:{role}", who.name, not profile.remove_case_people, pseudonym,
                          "person", role=pseudonym, order=order,
                          identifiers=[v for v in (getattr(who, "phone", None), getattr(who, "email", None)) if v],
                          address=getattr(who, "address", None))
            _add_person(matcher, owners, owner)
            if profile.remove_case_people:
                _add_identifiers(matcher, owner)


def _add_organisations(case: Case, lex: Lexicon, matcher: CaseMatcher, owners: list[Owner]) -> None:
    organisations = [case.review.board] + list(lex.keep_organisations)
    for agency in case.agencies:
        organisations += [agency.name] + ([agency.short_name] if agency.short_name else [])
    for member in [case.panel.board_chair, case.panel.panel_chair, case.panel.author, *case.panel.members]:
        if member.organisation:
            organisations.append(member.organisation)
    for i, name in enumerate(dict.fromkeys(organisations)):
        owner = Owner(f"org:{i}", name, True, None, "organisation", order=10_000 + i)
        owners.append(owner)
        matcher.add_name(owner.id, name, "ORGANIZATION")


def _add_person(matcher: CaseMatcher, owners: list[Owner], owner: Owner) -> None:
    owners.append(owner)
    matcher.sexes[owner.id] = owner.sex
    if owner.professional:
        matcher.professionals.add(owner.id)
    # a kept person written with a title of their own ("Dr Fiona Pelham") is called by it: "Mr Pelham" and
    # "Mrs Pelham" are left to the family who share the surname, so they are never kept by mistake
    courtesy = not (owner.kept and any(parse_name(n).honorifics or parse_name(n).rank
                                       for n in [owner.name, *owner.aliases]))
    for i, name in enumerate([owner.name, *owner.aliases]):
        matcher.add_name(owner.id, name, explicit=True, part="alias" if i and len(tokens(name)) == 1 else "full")
        for written, part in typed_variants(name, alias=i > 0, sex=owner.sex, extra_titles=owner.extra_titles,
                                            courtesy=courtesy):
            matcher.add_name(owner.id, written, part=part)
        for letters in initials(name) if i == 0 else ():
            matcher.add_initials(owner.id, letters)
    # a one-word alias with the person's own surname ("Danny Marlow" for Daniel Marlow, "Art Denby") is
    # their full name, one mention: read apart, the surname alone (shared by the family) was "[name]" beside it
    surname = " ".join(parse_name(owner.name).surname)
    for alias in owner.aliases if surname else ():
        if len(tokens(alias)) == 1:
            for written, part in typed_variants(f"{alias} {surname}", sex=owner.sex, extra_titles=owner.extra_titles,
                                                courtesy=courtesy):
                if part == "full" and len(tokens(written)) > 1:
                    matcher.add_name(owner.id, written, part=part)


def _add_identifiers(matcher: CaseMatcher, person: Owner) -> None:
    if person.address:
        _add_address(matcher, person)
    if person.nhs_number:
        matcher.add_identifier(person.id, digits_pattern(person.nhs_number), "NHS_NUMBER")
    for ident in person.identifiers:
        ident = ident.strip()
        if ident:
            kind, rx = _identifier_pattern(ident)
            matcher.add_identifier(person.id, rx, kind)
    if person.dob:
        matcher.add_identifier(person.id, date_patterns(person.dob), "DATE_OF_BIRTH")


def _add_address(matcher: CaseMatcher, person: Owner) -> None:
    """The whole address, and each line of it that could stand alone (a street, a postcode)."""
    matcher.add_identifier(person.id, flexible_literal(person.address), "STREET_ADDRESS")
    for part in re.split(r"[,\n]", person.address):
        part = part.strip()
        if not part:
            continue
        if _POSTCODE.match(part):
            matcher.add_identifier(person.id, flexible_literal(part), "UK_POSTCODE")
        elif any(c.isdigit() for c in part) or len(part.split()) > 1:
            matcher.add_identifier(person.id, flexible_literal(part), "STREET_ADDRESS")


def _identifier_pattern(ident: str) -> tuple[str, str]:
    """The entity type of a case-file identifier and a pattern for the ways it is written."""
    if _EMAIL.match(ident):
        return "EMAIL_ADDRESS", re.escape(ident)
    if _NINO.match(ident):
        return "UK_NINO", flexible_literal(ident)
    if _POSTCODE.match(ident):
        return "UK_POSTCODE", flexible_literal(ident)
    if _PHONE.match(ident):
        digits = "".join(c for c in ident if c.isdigit())
        rx = digits_pattern(digits)
        if digits.startswith("0"):
            rx = rf"(?:{rx}|\+44\s?(?:\(0\)\s?)?{digits_pattern(digits[1:])})"
        return "PHONE_NUMBER", rx
    return "CASE_REFERENCE", flexible_literal(ident)


# -- identifiers from the case file, as patterns that allow the usual ways of writing them


def flexible_literal(value: str) -> str:
    """A literal that also matches other spacing, line breaks and punctuation between its parts."""
    parts = re.findall(r"[^\W_]+", value)
    return r"[\s,.\-/]*".join(re.escape(p) for p in parts)


def digits_pattern(value: str) -> str:
    digits = [d for d in value if d.isdigit()]
    return r"[\s-]?".join(digits)


_MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"]


def date_patterns(d) -> str:
    """A date of birth in the common written forms (03/05/1941, 3.5.41, 3rd May 1941, May 3, 1941, 1941-05-03)."""
    day, month, year = d.day, d.month, d.year
    mname = _MONTH_NAMES[month - 1]
    mforms = "|".join(dict.fromkeys([mname, mname[:3], mname[:4] if mname == "September" else mname[:3]]))
    dd = f"0?{day}" if day < 10 else str(day)
    mm = f"0?{month}" if month < 10 else str(month)
    yy = f"(?:{year}|{year % 100:02d})"
    return "|".join([
        rf"{dd}[/.\-]{mm}[/.\-]{yy}",
        rf"{dd}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{mforms})\.?,?\s+{yy}",
        rf"(?:{mforms})\.?\s+{dd}(?:st|nd|rd|th)?,?\s+{year}",
        rf"{year}-{month:02d}-{day:02d}",
    ])
