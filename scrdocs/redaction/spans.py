"""What the detectors find (:class:`Span`) and what the engine decided about it (:class:`Decision`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Span:
    """One stretch of text that identifies someone or something.

    ``action`` is "remove" or "keep" (kept panel people and agencies are
    reported too, so a reviewer can see them). ``replacement`` is the text put
    in its place ("Adult A", "[postcode]"); None when kept.
    """

    start: int
    end: int
    text: str
    entity_type: str
    detector: str  # "case", "ner", "pattern:<name>", "keep_list"
    score: float
    action: str  # "remove" | "keep"
    replacement: str | None = None
    person_id: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Candidate:
    """A detector's hit before overlaps are resolved and replacements chosen.

    ``owners`` holds the people a case-layer name variant could belong to
    (more than one: ambiguous). ``key`` groups NER-only people for numbering.
    """

    start: int
    end: int
    entity_type: str
    detector: str
    score: float
    action: str
    person_id: str | None = None
    owners: tuple[str, ...] = ()
    reason: str = ""
    key: str | None = None
    tag: str | None = None
    flags: set[str] = field(default_factory=set)

    @property
    def priority(self) -> int:
        # When hits overlap, the case file knows best, then exact patterns, then the statistical model.
        if self.detector == "case":
            return 3
        if self.detector.startswith("pattern:") and self.detector != "pattern:setting":
            return 2
        return 1


@dataclass(frozen=True, slots=True)  # one per span of a run: a 50 MB text makes over a million
class Decision:
    """One line of the audit: never the original text, only its salted hash."""

    document: str
    location: str
    entity_type: str
    detector: str
    score: float
    action: str
    pseudonym: str | None
    text_hash: str
    reason: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


def another_person(cand: Candidate, reason: str) -> Candidate:
    """A name that may not be the case person's it was matched to ("Kayleigh Adams" when the mother is Kayleigh
    Brennan): removed with a neutral word and listed to confirm, never given that person's pseudonym."""
    cand.owners, cand.person_id, cand.tag, cand.score = (), None, "[name]", min(cand.score, 0.8)
    # "ambiguous" puts it on the list a person confirms (decisions.json's to_confirm)
    cand.reason = f"{reason}; ambiguous: who it is, removed with a neutral word, to confirm"
    cand.flags |= {"another person", "to confirm"}
    return cand
