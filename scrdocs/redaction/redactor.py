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
import re
from bisect import bisect_left
from pathlib import Path

from ..case.model import Case
from ..settings import spacy_model
from . import audit as audit_mod
from . import decisions as decisions_mod
from . import key as key_mod
from .allow_list import AllowList, Owner
from .apply import Replacements, apply_spans
from .case_matcher import CaseMatcher
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
        self.decisions = decisions_mod.DecisionLog()  # the same, with offsets and a status: decisions.json

    # -- finding and replacing ---------------------------------------------------
    def is_given_name(self, word: str) -> bool:
        """Whether ``word`` is in the list of given names (the leak gate's second opinion asks)."""
        from .given_names import given_names, normalise
        return normalise(word) in given_names()

    def detect(self, text: str, *, document: str = "<text>") -> list[Span]:
        """Every span found in ``text``: removed ones with their replacement, kept people and agencies too."""
        return self.detect_many([text], document=document)[0]

    def detect_many(self, texts: list[str], *, document: str = "<text>") -> list[list[Span]]:
        """:meth:`detect` for many texts, with the NER model run over them in batches."""
        return self._detector.detect_many(texts)

    def redact_text(self, text: str, *, document: str = "<text>") -> str:
        spans = self.detect(text, document=document)
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.record(spans, document, lambda s: f"line {bisect_left(line_starts, s.start + 1)}")
        return apply_spans(text, spans)

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
        for s in spans:
            reason = getattr(s, "_reason", "")
            location, digest = where(s), audit_mod.text_hash(self.salt, s.text)
            self.audit.append(Decision(document, location, s.entity_type, s.detector, s.score, s.action,
                                       s.replacement if s.action == "remove" else None, digest, reason))
            self.decisions.add(document, location, s, reason, digest)

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
        entries = [*self.decisions.entries(below_score=below_score), *extra]
        return decisions_mod.write_decisions(Path(path), entries, review=self.case.review.reference,
                                             profile=self.profile.name, made_by=made_by)

    @property
    def model_version(self) -> str | None:
        return self._ner.model_version if self._ner else None
