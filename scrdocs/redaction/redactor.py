"""The redaction engine: one :class:`Redactor` per run, shared by every document.

Three layers find what identifies people (case file, NER, patterns), the
allow-list of *people* decides what is kept, overlapping hits are merged
(failing closed), and each span gets its replacement: the person's
pseudonym, "Person N" for people only NER found, or a readable tag.
The work is done in :mod:`.people` (what the case file names),
:mod:`.detect` (finding spans) and :mod:`.apply` (replacing them).
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from sys import intern
from typing import Iterator, NamedTuple

from ..case.model import Case
from ..progress import Progress
from ..settings import spacy_model
from . import audit as audit_mod
from . import decisions as decisions_mod
from . import key as key_mod
from .allow_list import AllowList, Owner
from .apply import Replacements, apply_spans
from .case_matcher import CaseMatcher
from .chunks import CHUNK_CHARS, detect_long, line_locator
from .detect import Detector
from .lexicon import lexicon
from .name_variants import display_variants, normalise
from .people import case_owners
from .profiles import Profile, load_profile
from .pseudonymise import NerPeople
from .recognizers import build_recognizers
from .spans import Decision, Span
from .words import RunWords


class Redactor:
    """Finds and replaces what identifies people, consistently across a run.

    ``case`` needs only review, panel and people. ``profile`` is "publication",
    "regulator", "internal" or the path of a board's profile YAML.
    """

    def __init__(self, case: Case, profile: str | Path | Profile = "publication", *,
                 model: str | None = None, salt: bytes | str | None = None):
        self.case = case
        self.profile = load_profile(profile)
        self.model_name = model or spacy_model()
        if isinstance(salt, str):
            salt = salt.encode("utf-8")
        self.salt: bytes = salt or os.urandom(32)
        lex = lexicon()
        recognizers = build_recognizers()
        self._ner = None
        if self.profile.ner:
            from .ner import NerDetector  # loads the model now: a missing model fails before any work

            self._ner = NerDetector(self.model_name)
        matcher = CaseMatcher()
        self._owners: list[Owner] = case_owners(case, self.profile, lex, matcher)
        self._allow = AllowList(self._owners)
        self._words = RunWords(lex, case, self._owners, self._ner.dictionary_words() if self._ner else frozenset())
        matcher.common_words = self._words.common
        self._ner_people = NerPeople(self._words.titles)
        self._replacements = Replacements(self.profile, self._allow, self._ner_people)
        self._detector = Detector(self.profile, matcher, self._allow, recognizers, self._words, self._ner_people,
                                  self._replacements, self._ner)
        self.audit: list[Decision] = []
        #: Texts longer than this are read in chunks (:mod:`.chunks`); ``progress`` hears how far a long one is.
        self.chunk_chars = CHUNK_CHARS
        self.progress: Progress | None = None
        self.decisions = decisions_mod.DecisionLog()  # the same, with offsets and a status: decisions.json
        self.reviewer = None  # the review page's decisions (reviewer_apply.ReviewerRules), applied to every text

    # -- finding and replacing ---------------------------------------------------
    def is_given_name(self, word: str) -> bool:
        """Whether ``word`` is in the list of given names (the leak gate's second opinion asks)."""
        from .given_names import given_names, normalise
        return normalise(word) in given_names()

    def detect(self, text: str, *, document: str = "<text>") -> list[Span]:
        """Every span found in ``text``: removed ones with their replacement, kept people and agencies too."""
        return self.detect_many([text], document=document)[0]

    def detect_many(self, texts: list[str], *, document: str = "<text>") -> list[list[Span]]:
        """:meth:`detect` for many texts, with the NER model run over them in batches; a text longer than
        one chunk is read in chunks (:mod:`.chunks`), its spans given as offsets into the whole text.
        The reviewer's decisions (the review page) apply to every text, last."""
        found = self._detect_many(texts)
        return self.reviewer.apply_many(texts, found, document) if self.reviewer else found

    def _detect_many(self, texts: list[str]) -> list[list[Span]]:
        if all(len(t) <= self.chunk_chars for t in texts):
            return self._detector.detect_many(texts)
        out: list[list[Span]] = []
        short: list[str] = []
        for text in [*texts, None]:
            if text is not None and len(text) <= self.chunk_chars:
                short.append(text)
                continue
            out.extend(self._detector.detect_many(short) if short else [])
            short = []
            if text is not None:
                found = self._long(text, lambda start, end, spans: [shifted(s, start) for s in spans])
                out.append([s for spans in found for s in spans])
        return out

    def redact_text(self, text: str, *, document: str = "<text>") -> str:
        return "".join(self.redact_text_pieces(text, document=document))

    def redact_text_pieces(self, text: str, *, document: str = "<text>") -> Iterator[str]:
        """The redacted text, piece by piece (one piece per chunk of a long text), audited by line."""
        if len(text) <= self.chunk_chars:
            spans = self.detect(text, document=document)
            self.record(spans, document, line_locator(text, 1))
            yield apply_spans(text, spans)
            return
        lines = _LineCounter(text)

        def finish(start: int, end: int, spans: list[Span]) -> tuple[str, list]:
            piece = text[start:end]
            if self.reviewer:  # "always remove / keep" hold in every chunk; a decision on one occurrence needs its paragraph
                spans = self.reviewer.apply(piece, spans, document)
            return apply_spans(piece, spans), self._records(spans, document, line_locator(piece, lines.at(start)))

        for redacted, records in self._long(text, finish):
            self._keep(records)
            yield redacted

    def _long(self, text: str, finish) -> Iterator:
        return detect_long(self._detector, text, finish, size=self.chunk_chars, progress=self.progress)

    def redact_texts(self, texts: list[str], *, document: str, locations: list[str]) -> list[str]:
        """Redact many pieces of one document (paragraphs, pages), auditing each at its location."""
        out = []
        for text, spans, location in zip(texts, self.detect_many(texts, document=document), locations):
            self.record(spans, document, lambda s, loc=location: loc)
            out.append(apply_spans(text, spans))
        return out

    def redact_file(self, src: Path, dest: Path):
        from .formats import redact_file

        return redact_file(self, Path(src), Path(dest))

    def record(self, spans: list[Span], document: str, where) -> None:
        """Audit ``spans`` of ``document``; ``where(span)`` says where each stands ("line 3", "page 2")."""
        self._keep(self._records(spans, document, where))

    def _records(self, spans: list[Span], document: str, where) -> list[tuple[Decision, str, _Logged, str, str]]:
        """The audit's and the decision log's lines for ``spans``, small enough to hold for a whole long text
        (strings that repeat are shared, the span itself is not kept)."""
        out = []
        for s in spans:
            reason = intern(getattr(s, "_reason", ""))
            location, digest = intern(where(s)), audit_mod.text_hash(self.salt, s.text)
            replacement = intern(s.replacement) if s.replacement is not None else None
            out.append((Decision(document, location, s.entity_type, s.detector, s.score, s.action,
                                 replacement if s.action == "remove" else None, digest, reason),
                        location, _Logged(s.start, s.end, s.entity_type, s.detector, s.score, s.action, replacement),
                        reason, digest))
        return out

    def _keep(self, records) -> None:
        for decision, location, logged, reason, digest in records:
            self.audit.append(decision)
            self.decisions.add(decision.document, location, logged, reason, digest)

    # -- who is protected --------------------------------------------------------
    def sensitive_people(self) -> list[Owner]:
        """People who must not appear in this profile's copies, each with ``variants`` (every written form)."""
        people = []
        for owner in self._owners:
            if owner.kind == "organisation" or owner.kept:
                continue
            owner.variants = self.name_variants(owner.id)  # type: ignore[attr-defined]
            people.append(owner)
        return people

    def name_variants(self, person_id: str) -> list[str]:
        owner = self._allow.owners.get(person_id)
        if owner is None or owner.kind == "organisation":
            raise KeyError(person_id)
        return display_variants(owner.name, owner.aliases, owner.sex, owner.extra_titles)

    def is_word(self, word: str) -> bool:
        """Whether ``word`` is an ordinary English word (the model's WordNet tables and names.yaml's also_words)."""
        return self._words.is_word(normalise(word))

    def pseudonyms(self) -> set[str]:
        return {o.pseudonym for o in self._owners if o.pseudonym} | {f"{self._ner_people.prefix} {n}" for n in self._ner_people.surface}

    # -- the key and the audit ---------------------------------------------------
    def key(self) -> dict[str, str]:
        """Pseudonym -> real name for everyone replaced so far in this run (and every case person)."""
        mapping = {o.pseudonym: o.name for o in self._owners if o.pseudonym and not o.kept}
        mapping.update(self._replacements.key)
        return mapping

    def write_key(self, path: Path, *, out_dir: Path | None = None, replace: bool = False) -> None:
        key_mod.check_key_path(Path(path), out_dir, replace=replace)
        key_mod.write_key(self.key(), self.salt, Path(path), review=self.case.review.reference, profile=self.profile.name,
                          replace=replace)

    def write_audit(self, path: Path) -> None:
        audit_mod.write_audit(self.audit, Path(path))
        # Beside the audit, the same decisions as a worklist for the person who checks them.
        self.write_decisions(Path(path).with_name(decisions_mod.DECISIONS_NAME))

    def write_decisions(self, path: Path, *, below_score: float | None = None, extra=(), made_by: str = "redact") -> Path:
        entries = _Entries(self.decisions, below_score, list(extra))  # read twice, never all held at once
        return decisions_mod.write_decisions(Path(path), entries, review=self.case.review.reference,
                                             profile=self.profile.name, made_by=made_by)

    @property
    def model_version(self) -> str | None:
        return self._ner.model_version if self._ner else None


def shifted(span: Span, offset: int) -> Span:
    """``span`` moved by ``offset`` characters (from a chunk's offsets to the whole text's), reason kept."""
    if not offset:
        return span
    moved = replace(span, start=span.start + offset, end=span.end + offset)
    object.__setattr__(moved, "_reason", getattr(span, "_reason", ""))
    return moved


class _Logged(NamedTuple):
    """What the decision log needs of a span (not its text)."""

    start: int
    end: int
    entity_type: str
    detector: str
    score: float
    action: str
    replacement: str | None


class _LineCounter:
    """The line each chunk starts on, counted once through the text as the chunks first come in order."""

    def __init__(self, text: str):
        self._text = text
        self._lines: dict[int, int] = {}
        self._line, self._counted = 1, 0

    def at(self, start: int) -> int:
        if start not in self._lines:  # first pass: chunks in order
            self._line += self._text.count("\n", self._counted, start)
            self._counted = start
            self._lines[start] = self._line
        return self._lines[start]


class _Entries:
    """The run's decisions and ``extra`` ones, made afresh each time they are iterated."""

    def __init__(self, log: decisions_mod.DecisionLog, below_score: float | None, extra: list):
        self._log, self._below, self._extra = log, below_score, extra

    def __iter__(self):
        yield from self._log.iter_entries(below_score=self._below)
        yield from self._extra
