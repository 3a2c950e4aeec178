"""The detection pipeline: from a text to its sorted, non-overlapping spans.

The case file's names and identifiers come first and are decided by the
allow-list; the pattern recognizers add what has a shape (phone numbers,
postcodes, settings); NER hits fill in the people and places the case file
does not know, never overriding it. Overlaps are merged failing closed, each
span gets its replacement, and the replacements are fitted to the words
around them.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .allow_list import AllowList
from .apply import Replacements
from .case_matcher import CaseMatcher
from .name_variants import TOKEN_RE, normalise, tokens
from .name_signals import WEAK, CueNames, speaks_for_organisation
from .name_ties import untie_shared_first_names
from .ner_filter import NerFilter
from .pattern_hits import pattern_hits
from .profiles import Profile
from .pseudonymise import NerPeople
from .readable import fit_to_context
from .resolve import attach_ner, extend_over_names, merge
from .spans import Candidate, Span
from .words import DETERMINERS, FUNCTION_WORDS, KIN_TITLES, RANKS, RunWords

_DOTTED_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?(?![\w])")
_NUMBERED_PSEUDONYM = re.compile(r"(?<![\w])(?:Person|Panel member|PERSON|PANEL MEMBER)\s+\d+(?![\w])")
_TITLE_BEFORE = re.compile(r"(?<![\w])([A-Za-z]{2,10})\.?[ \t]+(?:\d{3,5}[ \t]+)?$")


class Detector:
    """Finds the spans in a run's texts; holds what must carry over between them (NER people's numbers)."""

    def __init__(self, profile: Profile, matcher: CaseMatcher, allow: AllowList, recognizers: list,
                 words: RunWords, ner_people: NerPeople, replacements: Replacements, ner=None):
        self.profile = profile
        self._matcher = matcher
        self._allow = allow
        self._recognizers = recognizers
        self._pattern_hits = pattern_hits(recognizers)
        self._w = words
        self._lex = words.lex
        self._ner_people = ner_people
        self._replacements = replacements
        self._ner = ner
        self._ner_filter = NerFilter(profile, words)
        self._cue_names = CueNames(words)
        # text that is already anonymous ("Adult K", "SW1", "Person 3"): NER hits on it are cut away, never reported
        self._safe = CaseMatcher()
        for pseudonym in words.pseudonym_words:
            if pseudonym:
                self._safe.add_name("safe", " ".join(pseudonym), "ORGANIZATION")

    def detect_many(self, texts: list[str]) -> list[list[Span]]:
        """The spans of each text, with the NER model run over them in batches."""
        ner_hits = self._ner.find_many(texts) if self._ner else [[] for _ in texts]
        # who was named last carries over from one paragraph or table cell to the next, so a bare "Mr Marlow"
        # shared by two people goes to the one the document has just been talking about
        recent: dict[str, int] = {}
        out, offset = [], 0
        for t, hits in zip(texts, ner_hits):
            out.append(self.spans(t, hits, recent, offset))
            offset += len(t) + 1
        return out

    def ner_iter(self, texts, chars: int):
        """The model's hits in each of ``texts`` (``chars`` characters in all), one text at a time."""
        if self._ner is None:
            return ([] for _ in texts)
        return self._ner.find_iter(texts, chars)

    def spans(self, text: str, ner_hits: list[Candidate], recent: dict[str, int] | None = None,
              offset: int = 0) -> list[Span]:
        recent = {} if recent is None else recent
        case_hits, keeps = self._case_hits(text, recent, offset)
        pattern_hits = self._patterns(text, keeps)
        titled = [c for c in pattern_hits if c.detector == "pattern:titled_person"]
        fixed = case_hits + [c for c in pattern_hits if c.detector != "pattern:titled_person"]
        ner_hits = self._ner_hits(text, ner_hits, titled, fixed)
        untie_shared_first_names(text, case_hits, ner_hits, recent, offset, self._w.titles | RANKS)  # "Sam Patel ... Sam"
        spans = _join_same_person(text, [self._replacements.finish(text, c) for c in merge(fixed + ner_hits)])
        return fit_to_context(text, spans, self._replacements.case_pseudonym, self._lex.relationship_words)

    # -- the case file -----------------------------------------------------------
    def _case_hits(self, text: str, recent: dict[str, int], offset: int) -> tuple[list[Candidate], list[Candidate]]:
        """The case file's hits, decided, and the kept ones among them (before initials are dropped)."""
        hits = self._matcher.find(text)
        self._decide_case(hits, recent, offset, text)
        keeps = [c for c in hits if c.action == "keep"]
        org_keeps = [c for c in keeps if c.entity_type == "ORGANIZATION"]
        hits = [c for c in hits if not ("initials" in c.reason and
                                        any(k.start < c.end and k.end > c.start for k in org_keeps))]
        for c in hits:
            if c.action == "remove" and c.entity_type == "PERSON":
                self._take_title(text, c)
        return hits, keeps

    def _decide_case(self, hits: list[Candidate], recent: dict[str, int], offset: int = 0, text: str = "") -> None:
        for c in hits:
            if c.entity_type != "PERSON" and c.person_id:
                continue  # an identifier from the case file: already owned
            explicit = tuple(c.key[9:].split("|")) if c.key and c.key.startswith("explicit:") else ()
            first_name_only = "first name only" in c.flags
            verdict = self._allow.decide(c.owners, recent, explicit, at=offset + c.start,
                                         first_name_only=first_name_only,
                                         for_organisation=first_name_only and speaks_for_organisation(text, c.end),
                                         unsure_word="word opening a sentence" in c.flags)
            if verdict.action == "keep" and "name continues" in c.flags:
                # "Jane Smith" when only the chair Jane Hollis is known: somebody else, so not kept
                c.action, c.person_id, c.detector, c.score = "remove", None, "ner", 0.9
                c.reason = "a kept person's first name with another surname"
                continue
            c.action = verdict.action
            c.person_id = verdict.owner.id if verdict.owner and verdict.owner.kind != "organisation" else None
            c.reason = verdict.reason if not c.reason else f"{c.reason}; {verdict.reason}"
            if verdict.ambiguous:
                c.flags.add("ambiguous")
            elif c.person_id:
                recent[c.person_id] = offset + c.start

    def _take_title(self, text: str, c: Candidate) -> None:
        """A removed name takes in the title before it: "Dr Qureshi", "dr qureshi", "Sister Tan"; never "his sister Grace"."""
        m = _TITLE_BEFORE.search(text, max(0, c.start - 12), c.start)
        if m and m.end() == c.start and normalise(m.group(1)) in self._w.titles | RANKS \
                and (m.group(1)[:1].isupper() or normalise(m.group(1)) not in KIN_TITLES):
            c.start = m.start(1)

    # -- the pattern recognizers -------------------------------------------------
    def _patterns(self, text: str, keeps: list[Candidate]) -> list[Candidate]:
        keep_index = _index((k.start, k.end) for k in keeps)
        out = []
        for name, start, end, entity_type, score, tag in self._pattern_hits.find(text):
            if score < self.profile.min_score or text[start:end].casefold() in self._w.own_references:
                continue
            cand = Candidate(start, end, entity_type, f"pattern:{name}", round(score, 2), "remove", tag=tag)
            if name == "setting":
                if _overlaps(keep_index, cand.start, cand.end):
                    continue  # part of an agency's or kept person's name
                found = tokens(text[cand.start:cand.end])
                if found in self._w.kept_places or (found and all(t in self._w.org_tokens for t in found)):
                    continue  # "lived in Northshire": the board's own area, named in a kept agency's name
                if part := self._cue_names.agency_part_tag(text, cand.start, cand.end):
                    cand.entity_type, cand.tag = "ORGANIZATION", part  # "Willow Bank": the care home
            out.append(cand)
        return out

    # -- NER ---------------------------------------------------------------------
    def _ner_hits(self, text: str, ner_hits: list[Candidate], titled: list[Candidate],
                  fixed: list[Candidate]) -> list[Candidate]:
        """NER's (and titled-person patterns') hits beyond what the case file and patterns found, and later mentions."""
        already_anonymous = [Candidate(c.start, c.end, "ORGANIZATION", "safe", 1.0, "keep") for c in self._safe.find(text)] + [
            Candidate(m.start(), m.end(), "ORGANIZATION", "safe", 1.0, "keep") for m in _NUMBERED_PSEUDONYM.finditer(text)]
        ner_hits = [c for c in ner_hits if c.entity_type != "PERSON" or self._ner_filter.trim_person(text, c)]
        attached = attach_ner(text, ner_hits + titled, fixed + already_anonymous, self._ner_filter.name_like)
        cues = self._cue_names.find(text) if self._ner else []
        ner_hits = self._ner_filter.keep(text, attached, confirmed=cues)
        ner_hits += self._cue_only(text, cues, fixed + already_anonymous + ner_hits)
        extend_over_names(text, fixed + ner_hits, self._cue_names.unknown_name)  # "PC Bohumil" + " Ondruš"
        return ner_hits + self._later_mentions(text, fixed + ner_hits)

    def _cue_only(self, text: str, cues: list[Candidate], found: list[Candidate]) -> list[Candidate]:
        """Names only a context cue found (NER and the case file did not): "[name]", to confirm."""
        _extend_persons(cues, found)
        covered = _index((c.start, c.end) for c in found)
        strong = [c for c in cues if WEAK not in c.flags and not _overlaps(covered, c.start, c.end)]
        return self._cue_names.remember(text, strong) + self._cue_names.later_mentions(
            text, _index((c.start, c.end) for c in found + strong))

    def _later_mentions(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Name parts of people NER found (in this or an earlier text) wherever NER missed them."""
        for c in found:
            if c.detector in ("ner", "pattern:titled_person") and c.entity_type == "PERSON":
                self._ner_people.number(text[c.start:c.end])
        known = self._ner_people.known_tokens()
        if not known:
            return []
        covered = _index((c.start, c.end) for c in found)
        return self._name_parts(text, known, covered) + self._dotted_initials(text, covered)

    def _name_parts(self, text: str, known: dict[str, set[int]], covered: tuple[list[int], list[int]]) -> list[Candidate]:
        out = []
        for m in TOKEN_RE.finditer(text):
            raw = m.group()
            if not raw[0].isupper():
                continue
            norm = normalise(raw)
            if norm.endswith("s") and norm not in known and norm[:-1] in known and re.search(r"['’]s$", raw):
                norm, end = norm[:-1], m.end() - 2
            else:
                end = m.end()
            if norm not in known or norm in self._lex.also_words or len(known[norm]) != 1 or norm in self._w.org_tokens:
                continue
            if norm in FUNCTION_WORDS or norm in DETERMINERS or self._w.is_word(norm):
                continue  # a bare word ("The", "Memory") is not taken for a person NER found once
            if _overlaps(covered, m.start(), end):
                continue
            out.append(Candidate(m.start(), end, "PERSON", "ner", 0.6, "remove", reason="earlier mention",
                                 key=norm))
        return out

    def _dotted_initials(self, text: str, covered: tuple[list[int], list[int]]) -> list[Candidate]:
        out = []
        initials = self._ner_people.initials()
        for m in _DOTTED_INITIALS.finditer(text):
            letters = m.group().replace(".", "").replace(" ", "")
            number = initials.get(letters)
            if number is None or letters in self._lex.not_initials:
                continue
            if _overlaps(covered, m.start(), m.end()):
                continue
            c = Candidate(m.start(), m.end(), "PERSON", "ner", 0.6, "remove", reason="initials of a person NER found")
            c.key = f"#{number}"
            out.append(c)
        return out


def _extend_persons(cues: list[Candidate], found: list[Candidate]) -> None:
    """An NER person that a cue's name runs past ("From: [Sasha] Dixon"): the rest of the name goes with it,
    when nothing else found stands in the cue's words. Cues do not overlap one another, so each is looked
    up in one sorted index of what was found (a scan of everything per cue made long texts quadratic)."""
    if not cues or not found:
        return
    ordered = sorted(found, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    furthest, top = [], -1
    for c in ordered:
        top = max(top, c.end)
        furthest.append(top)
    for cue in cues:
        i, j = bisect_left(starts, cue.start), bisect_left(starts, cue.end)
        if j - i != 1 or (i > 0 and furthest[i - 1] > cue.start):
            continue  # nothing inside, or more than one thing found stands in the cue's words
        c = ordered[i]
        if c.detector == "ner" and c.entity_type == "PERSON" and c.action == "remove" \
                and c.end <= cue.end and (cue.start, cue.end) != (c.start, c.end):
            c.start, c.end = cue.start, cue.end
            c.flags.add("extended by a context cue")


def _join_same_person(text: str, spans: list[Span]) -> list[Span]:
    """Two removed spans of the same case person with only a space between ("Bridie" + "Doyle"): one span,
    one pseudonym ("Friend", not "Friend Friend")."""
    out: list[Span] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and s.action == prev.action == "remove" and s.person_id and s.person_id == prev.person_id \
                and s.entity_type == prev.entity_type == "PERSON" and s.replacement == prev.replacement \
                and text[prev.end:s.start] in (" ", "  ") and not re.match(r"['’]s?$", prev.text[-2:]):
            joined = Span(prev.start, s.end, text[prev.start:s.end], prev.entity_type, prev.detector, prev.score,
                          prev.action, prev.replacement, prev.person_id)
            object.__setattr__(joined, "_reason", getattr(prev, "_reason", "") + "; joined with the next part of the name")
            out[-1] = joined
            continue
        out.append(s)
    return out


def _index(spans) -> tuple[list[int], list[int]]:
    """Sorted starts and the furthest end so far, for :func:`_overlaps`."""
    ordered = sorted(spans)
    furthest, top = [], -1
    for _, end in ordered:
        top = max(top, end)
        furthest.append(top)
    return [s for s, _ in ordered], furthest


def _overlaps(covered: tuple[list[int], list[int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps a span: the spans starting before ``end`` (a prefix of the sorted
    starts) overlap it exactly when the furthest of their ends is past ``start``."""
    starts, furthest = covered
    i = bisect_left(starts, end)
    return i > 0 and furthest[i - 1] > start
