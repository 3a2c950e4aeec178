"""What is written under each symbol, for each profile.

internal: the name and full dates of birth and death.
anonymised: the pseudonym (from :func:`scrdocs.case.pseudonyms.case_pseudonyms`)
and years only, so nothing under a symbol can identify a person.
"""

from __future__ import annotations

import re
from typing import Literal

from ..case.dates import uk
from ..case.model import Case, Person, PregnancyLoss
from ..case.pseudonyms import case_pseudonyms
from .style import GenogramStyle

Profile = Literal["internal", "anonymised"]
PROFILES: tuple[str, ...] = ("internal", "anonymised")


class Labeller:
    def __init__(self, case: Case, profile: Profile, style: GenogramStyle):
        if profile not in PROFILES:
            raise ValueError(f"unknown genogram profile {profile!r}; expected one of {PROFILES}")
        self.case = case
        self.profile = profile
        self.style = style
        self.pseudonyms = case_pseudonyms(case)
        self.written: list[str] = []  # every text taken from the case, for the leak check

    def _out(self, lines: list[str]) -> list[str]:
        self.written.extend(lines)
        return lines

    def person(self, person: Person) -> list[str]:
        labels = self.style.labels
        if self.profile == "internal":
            lines = [person.name]
            if person.dob:
                lines.append(labels.born.format(uk(person.dob)))
            if person.dod:
                lines.append(labels.died.format(uk(person.dod)))
            return self._out(lines)
        lines = [self.pseudonyms[person.id]]
        if person.dob and person.dod:
            lines.append(labels.lifespan.format(person.dob.year, person.dod.year))
        elif person.dob:
            lines.append(labels.born.format(person.dob.year))
        elif person.dod:
            lines.append(labels.died.format(person.dod.year))
        return self._out(lines)

    def loss(self, loss: PregnancyLoss) -> list[str]:
        # the year alone in every profile: enough to show the order
        return self._out([getattr(self.style.labels, loss.kind).format(loss.date.year)])

    def household(self, label: str, members: list[str]) -> str:
        """A household's label; anonymised, one made from a pseudonym if it names anyone or an address."""
        if self.profile == "internal" or not _names_anyone(label, self.case):
            return self._out([label])[0]
        return self._out([f"{self.pseudonyms[members[0]]}'s household"])[0]


def identifying_tokens(case: Case) -> set[str]:
    """Names, aliases and their words of three letters or more: what must never be shown anonymised."""
    tokens: set[str] = set()
    for p in case.people:
        for text in [p.name, *p.aliases]:
            tokens.add(text)
            tokens.update(w for w in re.findall(r"[\w'\-]+", text) if len(w) >= 3)
    return tokens


_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)
_HOUSE_NUMBER = re.compile(r"^(?:flat\s+\w+\s*)?\d+[a-z]?\s+", re.I)


def identifying_details(case: Case) -> set[str]:
    """Besides names: address lines, street names, postcodes, NHS numbers and other identifiers."""
    details: set[str] = set()
    for p in case.people:
        if p.address:
            for part in (x.strip() for x in re.split(r"[,\n]", p.address)):
                if re.search(r"\d", part):
                    details.add(part)
                    street = _HOUSE_NUMBER.sub("", part)
                    if street != part and len(street) > 3:
                        details.add(street)
            details.update(m.group(0) for m in _POSTCODE.finditer(p.address))
        details.update(x for x in [p.nhs_number, *p.identifiers] if x)
        if p.dob:
            details.update({uk(p.dob), p.dob.isoformat()})
    return details


def _names_anyone(text: str, case: Case) -> bool:
    terms = identifying_tokens(case) | identifying_details(case)
    return any(re.search(rf"(?<!\w){re.escape(t)}(?!\w)", text, re.I) for t in terms)
