"""What each span is replaced by, and putting the replacements into the text.

A case or panel person gets their pseudonym, a family name "family", a person
only NER found "Person N" (the same number all run long), a name that cannot
be tied to one person with confidence (a professional's first name alone, an
ambiguous surname) "[name]", anything else the profile's readable tag; each written to fit where it stands ("ADULT A" in
capitals, "Son" at a sentence start).
"""

from __future__ import annotations

import re

from .allow_list import AllowList
from .operators import replacement_for
from .profiles import Profile
from .pseudonymise import NerPeople, fit_case
from .spans import Candidate, Span

#: what stands in for a name that cannot be tied to one person with confidence
NEUTRAL = "[name]"
_FAMILY_AFTER = re.compile(r"[ \t]+(?:family|families|household)(?![\w'’])", re.I)


class Replacements:
    """Chooses replacements for one run; ``key`` collects "Person N" -> the name NER found."""

    def __init__(self, profile: Profile, allow: AllowList, ner_people: NerPeople):
        self.profile = profile
        self._allow = allow
        self._ner_people = ner_people
        self.key: dict[str, str] = {}

    def finish(self, text: str, c: Candidate) -> Span:
        """The span for a resolved candidate, with its replacement (a removal with none is kept)."""
        if c.action == "remove" and "plural" in c.flags:
            return self._family(text, c)
        surface = text[c.start:c.end]
        replacement = None
        if c.action == "remove" and c.person_id is None and "ambiguous" in c.flags and _FAMILY_AFTER.match(text, c.end):
            # "the Brown family": a surname several of the family share is the family, whoever else has it
            family = [o for o in (self._allow.owners.get(i) for i in c.owners) if o and not o.kept and o.kind == "person"]
            if family:
                c.person_id = min(family, key=lambda o: o.order).id
        if c.action == "remove":
            replacement = replacement_for(self.profile, c.entity_type, pseudonym=self._pseudonym(surface, c), tag=c.tag)
            if replacement is None:
                c.action = "keep"
            else:
                replacement = fit_case(replacement, surface, text, c.start)
        span = Span(c.start, c.end, surface, c.entity_type, c.detector, c.score, c.action, replacement,
                    c.person_id)
        reason = c.reason + ("; " if c.reason and c.flags else "") + ", ".join(sorted(c.flags))
        object.__setattr__(span, "_reason", reason)
        return span

    def _family(self, text: str, c: Candidate) -> Span:
        """The family, not one person's pseudonym: "the Marlows", "the Marlows' house"."""
        if text[c.end:c.end + 1] in ("'", "’"):
            c.end += 1
        surface = text[c.start:c.end]
        word = "family's" if surface[-1:] in ("'", "’") else "family"
        replacement = fit_case(word, surface, text, c.start)
        span = Span(c.start, c.end, surface, c.entity_type, c.detector, c.score, c.action, replacement, c.person_id)
        object.__setattr__(span, "_reason", c.reason + "; family name")
        return span

    def _pseudonym(self, surface: str, c: Candidate) -> str | None:
        """The person's pseudonym, or None for what is not a person (the profile's tag stands in)."""
        if c.entity_type != "PERSON":
            return None
        owner = self._allow.owners.get(c.person_id) if c.person_id else None
        if owner is not None:
            return owner.pseudonym
        if c.detector == "case":
            return NEUTRAL  # a name part that is nobody's for sure (ambiguous, or beside someone else's name)
        if c.detector == "ner" and c.key and c.key.startswith("#"):
            return f"{self._ner_people.prefix} {c.key[1:]}"
        if c.detector in ("ner", "pattern:titled_person"):
            pseudonym = self._ner_people.label(surface)
            self.key.setdefault(pseudonym, self._ner_people.surface[self._ner_people.number(surface)])
            return pseudonym
        return None

    def case_pseudonym(self, span: Span) -> str | None:
        """The pseudonym a case or panel person's span was replaced by (None for tags, "family", NER people)."""
        owner = self._allow.owners.get(span.person_id) if span.person_id else None
        if owner is None or not owner.pseudonym or span.replacement is None:
            return None
        return owner.pseudonym if span.replacement.casefold() == owner.pseudonym.casefold() else None


def apply_spans(text: str, spans: list[Span]) -> str:
    out, last = [], 0
    for s in spans:
        if s.action != "remove" or s.replacement is None:
            continue
        out.append(text[last:s.start])
        out.append(s.replacement)
        last = s.end
    out.append(text[last:])
    return "".join(out)
