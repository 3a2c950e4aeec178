"""Who the gate looks for and who may stay, from the case file and the redaction engine."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ...errors import RulesError
from ...case.model import Case, PanelPerson
from ...redaction.words import agency_parts
from .gate import LeakGate, SensitivePerson
from .gate_shapes import NameShapes
from .second_opinion import SecondOpinion, raw_person_finder


_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Dr.", "Prof", "Prof.", "Professor", "Sir", "Dame", "Rev", "Revd")


def kept_name_forms(person: PanelPerson) -> set[str]:
    """How a named chair or author is written: full name, aliases, title + surname, title + full name."""
    forms = {person.name, *person.aliases}
    tokens = [t for t in person.name.split() if t.rstrip(".") not in {x.rstrip(".") for x in _TITLES}]
    if tokens:
        surname, bare = tokens[-1], " ".join(tokens)
        forms.add(bare)
        for title in _TITLES:
            forms.add(f"{title} {surname}")
            forms.add(f"{title} {bare}")
    return forms


def panel_people(case: Case) -> list[tuple[str, PanelPerson]]:
    panel = case.panel
    result = [("board_chair", panel.board_chair), ("panel_chair", panel.panel_chair), ("author", panel.author)]
    result += [("members", m) for m in panel.members]
    return result


def _case_person_details(case: Case, person_id: str | None) -> dict[str, Any]:
    if person_id is None:
        return {}
    try:
        p = case.person(person_id)
    except KeyError:
        return {}
    return {"dob": p.dob, "address": p.address, "nhs_number": p.nhs_number, "identifiers": p.identifiers}


def sensitive_from_redactor(redactor: Any, case: Case, *, towns: bool = False) -> list[SensitivePerson]:
    """The people the engine removes, with the engine's own name variants (``towns``: their address's town too)."""
    from ...case.pseudonyms import case_pseudonyms

    pseudonyms = case_pseudonyms(case)
    people = []
    for number, person in enumerate(redactor.sensitive_people(), start=1):
        person_id = getattr(person, "id", None) or getattr(person, "person_id", None)
        try:
            names = list(redactor.name_variants(person_id)) if person_id else []
        except (KeyError, ValueError):
            names = []
        names += [n for n in (getattr(person, "name", None), *(getattr(person, "aliases", None) or [])) if n]
        names += list(getattr(person, "variants", []) or [])
        # The plain forms too (each part, title + surname): the engine's list is fuller, never the only one.
        names += list(_plain_variants(getattr(person, "name", None) or "", getattr(person, "aliases", None) or []))
        names = [n for n in names if n and n.strip()]
        details = _case_person_details(case, person_id)
        dob = getattr(person, "dob", None) or details.get("dob")
        address = getattr(person, "address", None) or details.get("address")
        nhs = getattr(person, "nhs_number", None) or details.get("nhs_number")
        identifiers = list(getattr(person, "identifiers", None) or details.get("identifiers") or [])
        pseudonym = (getattr(person, "pseudonym", None) or pseudonyms.get(person_id or "")
                     or f"removed person {number}")
        people.append(SensitivePerson(pseudonym, sorted(set(names)), [dob] if dob else [],
                                      _address_terms(address), [nhs] if nhs else [], identifiers, person_id,
                                      _towns(case, address) if towns else []))
    return people


def _address_terms(address: str | None) -> list[str]:
    """The address, and a street on a later line of it ("Rowan Cottage, Mill Lane": "Mill Lane") on its own."""
    from ...redaction.address_parts import later_streets

    return [address, *later_streets(address)] if address else []


def _towns(case: Case, address: str | None) -> list[str]:
    """The town of an address, unless it is the board's own area (redaction/address_parts.py, as the engine)."""
    from ...redaction.address_parts import address_towns, own_area_words
    from ...redaction.lexicon import lexicon

    return address_towns(address, own_area_words(case, lexicon().keep_places)) if address else []


def sensitive_from_case(case: Case, *, keep_roles: Iterable[str], towns: bool = False) -> list[SensitivePerson]:
    """Without the engine: every person in the case, and the panel people whose role is not kept.

    Name variants here are the plain ones (full name, each part, aliases,
    title + surname); the engine's list, when available, is fuller.
    """
    from ...case.pseudonyms import case_pseudonyms

    pseudonyms = case_pseudonyms(case)
    people = []
    for p in case.people:
        people.append(SensitivePerson(pseudonyms[p.id], sorted(_plain_variants(p.name, p.aliases)),
                                      [p.dob] if p.dob else [], _address_terms(p.address),
                                      [p.nhs_number] if p.nhs_number else [], list(p.identifiers), p.id,
                                      _towns(case, p.address) if towns else []))
    keep = set(keep_roles)
    number = 0
    for role, member in panel_people(case):
        if role in keep:
            continue
        number += 1
        people.append(SensitivePerson(f"Panel member {number}", sorted(_plain_variants(member.name, member.aliases))))
    return people


def _name_tokens(full: str) -> list[str]:
    """The words of a name without its titles, ranks written out included, as the engine parses it.

    "Detective Sergeant Louise Arkwright" is Louise Arkwright: "Detective" on
    its own is a rank ("Detective Chief Inspector"), not a trace of her.
    """
    from ...redaction.name_variants import parse_name

    parsed = parse_name(full)
    tokens = [*parsed.given, *parsed.surname] or full.split()
    return [t for t in tokens if t.rstrip(".") not in {x.rstrip(".") for x in _TITLES}]


def _plain_variants(name: str, aliases: Iterable[str]) -> set[str]:
    forms = {name, *aliases}
    for full in list(forms):
        tokens = _name_tokens(full)
        forms.update(t for t in tokens if len(t) > 1)
        if len(tokens) > 1:
            forms.add(" ".join(tokens))
            forms.update(f"{title} {tokens[-1]}" for title in _TITLES)
    return forms


def signatories_from_case(case: Case) -> list[SensitivePerson]:
    """Agencies' IMR authors, senior officers and action-plan contacts: professionals whose names go too.

    The guidance anonymises "professionals involved in the case" except the
    named chairs and author, so the people who wrote and signed the IMRs
    count as well, though they are not in the case file's ``people``.
    """
    people = []
    for agency in case.agencies:
        roles = [("IMR author", agency.imr_author), ("Senior officer", agency.sign_off)]
        contact = agency.imr.lead_contact if agency.imr else None
        if contact is not None:
            people.append(SensitivePerson(
                f"Lead contact ({agency.label})", sorted(_plain_variants(contact.name, [])),
                addresses=[contact.address] if contact.address else [],
                identifiers=[x for x in (contact.phone, contact.email) if x]))
        for label, signatory in roles:
            if signatory is not None:
                people.append(SensitivePerson(f"{label} ({agency.label})", sorted(_plain_variants(signatory.name, []))))
    return people


def kept_names(case: Case, keep_roles: Iterable[str], extra: Iterable[str] = ()) -> set[str]:
    """Names that may stay: the kept panel people (in all their written forms) and the agencies."""
    keep = set(keep_roles)
    names: set[str] = set(extra)
    for role, person in panel_people(case):
        if role in keep:
            names |= kept_name_forms(person)
        if person.organisation:
            names.add(person.organisation)
        if person.job_title:
            names.add(person.job_title)
    for agency in case.agencies:
        names.add(agency.name)
        if agency.short_name:
            names.add(agency.short_name)
    names.add(case.review.board)
    return names


def allowed_labels(case: Case) -> set[str]:
    from ...case.pseudonyms import case_pseudonyms

    labels = set(case_pseudonyms(case).values())
    labels.add(case.review.title)
    return labels


def _engine_is_word(redactor: Any) -> Callable[[str], bool] | None:
    """The engine's test for an ordinary dictionary word, if it offers one (public or not yet)."""
    for name in ("is_word", "_is_word"):
        test = getattr(redactor, name, None)
        if callable(test):
            return test
    return None


def gate_for_case(
    case: Case,
    *,
    keep_roles: Iterable[str],
    redactor: Any | None = None,
    ner: bool = True,
    case_sensitive_words: Iterable[str] = (),
    extra_kept: Iterable[str] = (),
    not_initials: Iterable[str] = (),
    towns: bool = False,
) -> LeakGate:
    """A gate for ``case``: terms from the engine when given (else from the case file), NER from the engine.

    ``ner=True`` without a ``redactor`` is refused: a gate that silently
    skipped its NER pass would pass files it never really checked. ``towns``: the town of each case
    person's address is a term too (the profile's ``remove_address_towns``).
    """
    keep_roles = list(keep_roles)
    if redactor is not None:
        people = sensitive_from_redactor(redactor, case, towns=towns)
    else:
        if ner:
            raise RulesError("The leak check's NER rescan needs the redaction engine.",
                             hint="Pass a Redactor, or ner=False to check the case file's terms only.")
        people = sensitive_from_case(case, keep_roles=keep_roles, towns=towns)
    people += signatories_from_case(case)
    kept = kept_names(case, keep_roles, extra_kept)
    gate = LeakGate(
        people,
        kept=kept,
        allowed=allowed_labels(case),
        detector=(redactor.detect if (redactor is not None and ner) else None),
        detect_many=(redactor.detect_many if (redactor is not None and ner) else None),
        is_word=_engine_is_word(redactor),
        case_sensitive_words=case_sensitive_words,
        not_initials=not_initials,
    )
    if redactor is not None and ner:
        gate.second_opinion = second_opinion_for(redactor, people, kept | allowed_labels(case), case)
    return gate


def second_opinion_for(redactor: Any, people: Iterable[SensitivePerson], accounted: Iterable[str],
                       case: Any = None) -> SecondOpinion:
    """The second opinion with the engine's dictionary but the raw model (none of the engine's filters).

    A given-name list, when the engine offers one (``is_given_name``), is a third signal.
    """
    sensitive = [name for person in people for name in person.names]
    model = getattr(redactor, "model_name", None)
    opinion = SecondOpinion(is_word=_engine_is_word(redactor), accounted=accounted, sensitive=sensitive,
                            find_people=raw_person_finder(model) if model else None,
                            is_given_name=getattr(redactor, "is_given_name", None))
    if getattr(redactor, "is_given_name", None) is not None:
        is_word = _engine_is_word(redactor) or (lambda w: False)
        opinion.shapes = NameShapes(is_word=is_word, is_given_name=redactor.is_given_name,
                                    agency_parts=agency_parts(case) if case is not None else {})
    return opinion
