"""Which NER hits are names, places and settings worth removing, and which are noise.

Small spaCy models take many capitalised things for names: role labels
("Neighbour Brenda"), ordinary words at a sentence start, cars, codes, the
board's own place names, text that is already a pseudonym. These checks trim
such hits down to the name or drop them, and put right what the model got
the wrong way round (a person taken for an organisation).
"""

from __future__ import annotations

import re

from .name_reading import starts_sentence
from .name_variants import TOKEN_RE, normalise, tokens
from .profiles import Profile
from .name_signals import LANGUAGE_TAG, CueNames, cue_words
from .spans import Candidate
from .words import DETERMINERS, FUNCTION_WORDS, ORG_WORDS, RANKS, ROLE_WORDS, RunWords

_NAME_FOLLOWS = re.compile(r"['’]s\b|\s+(?:is|was|said|says|has|had|told|rang|called|asked|and|came|went|will|would)\b")
_PERSON_FOLLOWS = re.compile(r"\s+(?:is|was|said|says|told|rang|called|asked|came|went|on\s+(?:the\s+)?(?:front\s+)?(?:desk|reception|duty|shift|call|leave|nights))\b")


class NerFilter:
    """The run's checks on NER hits (and titled-person pattern hits, which are as loose)."""

    def __init__(self, profile: Profile, words: RunWords):
        self.profile = profile
        self._w = words
        self._lex = words.lex
        self._cues = CueNames(words)
        self._jobs = cue_words().job_words
        self._verbs = cue_words().sentence_verbs
        self._song_before = cue_words().song_before

    def keep(self, text: str, hits: list[Candidate], confirmed: list[Candidate] = ()) -> list[Candidate]:
        """The hits that stand, each adjusted in place (trimmed, retyped, tagged). A person hit that a
        context cue ``confirmed`` (the same words) is not dropped for being made of ordinary words."""
        spans = {(c.start, c.end) for c in confirmed}
        return [c for c in hits if self._stands(text, c, (c.start, c.end) in spans)]

    def _stands(self, text: str, c: Candidate, confirmed: bool = False) -> bool:
        if c.score < self.profile.min_score:
            return False
        key = tokens(text[c.start:c.end])
        if not key or key in self._w.pseudonym_words or key in self._w.ner_ignore:
            return False
        if c.entity_type == "PERSON" and (self._cues.is_job_words(key) or LANGUAGE_TAG.match(text[c.start:c.end])):
            return False  # "Emergency Department Registrar", "Deputy Headteacher", "Tel", "en-GB": not people
        key = self._without_determiner(text, c, key)
        if key is None:
            return False
        if c.entity_type == "PERSON" and key in self._w.case_places:
            c.entity_type = "LOCATION"  # "bungalow in Eastbrook": a town from a case address, not "Person 1"
        if c.entity_type == "PERSON" and len(key) > 1 and key[-1] in ORG_WORDS:
            c.entity_type = "ORGANIZATION"  # "Eastbrook Homes", "Hudson Homecare": still removed, not "Person 1"
        if self._is_noise(text, c, key, confirmed):
            return False
        key = self._retyped(text, c, key)
        return self._settled(text, c, key)

    def _without_determiner(self, text: str, c: Candidate, key: tuple[str, ...]) -> tuple[str, ...] | None:
        """A name does not start with "The": "The Kowalskis" -> "Kowalskis"; None for "The Memory Assessment"."""
        if not (c.entity_type == "PERSON" and key[0] in DETERMINERS and text[c.start:c.end][:1].isupper()):
            return key
        if len(key) == 1 or all(self._w.is_word(t) for t in key[1:]):
            return None
        first = TOKEN_RE.search(text, c.start)
        c.start = TOKEN_RE.search(text, first.end()).start()
        return key[1:]

    def _is_noise(self, text: str, c: Candidate, key: tuple[str, ...], confirmed: bool = False) -> bool:
        w, surface = self._w, text[c.start:c.end]
        titled = c.detector == "pattern:titled_person"
        if c.entity_type == "PERSON" and not c.detector.startswith("pattern:") and set(key) & w.org_tokens \
                and all(t in w.org_tokens or (t in w.common and t not in self._lex.also_words) for t in key):
            return True  # "Westmarsh North": the board's or an agency's place name, not a person
        if any(key[:len(p)] == p and len(key) - len(p) <= 1 for p in w.pseudonym_words if p):
            return True  # "Adult A's", "SW1 visited" taken for a name
        if c.entity_type in ("PERSON", "ORGANIZATION") and not titled and self._is_vehicle(text, c.start, key):
            return True  # "grey Vauxhall Astra", "Ford Fiesta": a car, not a person
        if "beside an anonymous name" in c.flags and len(key) == 1:
            return True  # NER ran "Genogram" + "Adult K" together: the word beside a pseudonym is not a name
        if not titled and not any(ch.isupper() for ch in surface):
            return True  # NER on lower-case words is mostly noise
        if all(t in w.titles or t in RANKS for t in key):
            return True  # "DCI" left over from a kept officer's name
        if c.entity_type == "PERSON" and len(key) == 1 and w.is_word(key[0]) and _OFFICE.match(text, c.end) \
                and _THE_BEFORE.search(text[max(0, c.start - 4):c.start]):
            return True  # "the Dean of the college", "the Master of the Rolls": an office, not a person
        if titled:
            names = [t for t in key if t not in w.titles and t not in RANKS and not t.isdigit()]
            if names and all(t in ROLE_WORDS or t in self._lex.ner_ignore for t in names):
                return True  # "Nurse Practitioner", "Sister Ward"
        if not titled and (any(ch.isdigit() for ch in surface) or (surface.isupper() and len(surface) <= 3)):
            return True  # "Grade 2", "FY2", "DN": not names
        if c.entity_type == "PERSON" and not titled and self.song_title(text, c.start, key):
            return True  # "Sang Amazing Grace": the hymn, not a person ("Grace Amazing attended" is one)
        if not titled and not (confirmed and c.entity_type == "PERSON") and self._is_capitalised_word(text, c, key):
            return True
        return c.entity_type == "LOCATION" and key in w.kept_places

    def _is_capitalised_word(self, text: str, c: Candidate, key: tuple[str, ...]) -> bool:
        """Ordinary words and labels with a capital from where they stand or how forms are written."""
        w = self._w
        words = [t for t in key if t not in w.titles]
        if not words or c.entity_type not in ("PERSON", "LOCATION"):
            return False
        labels = self._lex.ner_ignore | ROLE_WORDS | self._lex.also_words
        case_place = c.entity_type == "LOCATION" and key in w.case_places
        if c.entity_type == "LOCATION" and not case_place and all(w.is_word(t) for t in words):
            return True  # "North Locality", "Elderly"
        if len(words) > 1 and (all(t in labels for t in words) or (
                c.entity_type == "PERSON" and all(w.is_word(t) for t in words)
                and not any(t in self._lex.also_words for t in words))):
            return True  # "Ford Focus", "Training Suite": ordinary words in capitals
        if len(words) == 1:
            word, at_start = words[0], starts_sentence(text, c.start)
            if word in self._lex.also_words and c.entity_type == "PERSON":
                return at_start and not _NAME_FOLLOWS.match(text, c.end)  # "Hope ur ok", but "Pat is driving" is a person
            return word in labels or (w.is_word(word) and at_start)  # "Tenant said", "Bed call"
        return False

    def song_title(self, text: str, start: int, key: tuple[str, ...]) -> bool:
        """Capitalised dictionary words straight after a verb of singing or playing: a song's title."""
        return bool(key) and all(self._w.is_word(t) for t in key) \
            and self._song_before.search(text, max(0, start - 30), start) is not None

    def _retyped(self, text: str, c: Candidate, key: tuple[str, ...]) -> tuple[str, ...]:
        """Small models often call an unfamiliar name an organisation ("EMT Lauren Fitzgerald", "Kirsty said")."""
        if c.entity_type == "ORGANIZATION":
            trial = Candidate(c.start, c.end, "PERSON", c.detector, c.score, c.action)
            if self.trim_person(text, trial) and self._looks_like_person(text[trial.start:trial.end],
                                                                         tokens(text[trial.start:trial.end])):
                c.entity_type, c.start, c.end = "PERSON", trial.start, trial.end
                c.flags.add("name taken for an organisation")
                key = tokens(text[c.start:c.end])
        surface = text[c.start:c.end]
        if c.entity_type == "ORGANIZATION" and len(key) == 1 and surface[:1].isupper() and not surface.isupper() \
                and not self._w.is_word(key[0]) and key[0] not in self._w.org_tokens and key[0] not in ORG_WORDS \
                and _PERSON_FOLLOWS.match(text, c.end):
            c.entity_type = "PERSON"  # "(Kirsty on the front desk)", "Kirsty said"
            c.flags.add("name taken for an organisation")
        return key

    def _settled(self, text: str, c: Candidate, key: tuple[str, ...]) -> bool:
        """The last word on a hit that survived: kept places and organisations go, settings get their tag."""
        surface = text[c.start:c.end]
        if c.entity_type in ("LOCATION", "ORGANIZATION") and (part := self._cues.agency_part_tag(text, c.start, c.end)):
            c.entity_type, c.tag = "ORGANIZATION", part  # "Willow Bank" of "Willow Bank Care Home": the care home
            return True
        if c.entity_type == "LOCATION" and key and all(t in self._w.org_tokens for t in key):
            return False  # "Dunmoor": the board's own area, named in a kept agency's name
        if c.detector == "pattern:titled_person" and surface[:1].islower():
            name_part = key[-1] if key else ""
            if name_part in FUNCTION_WORDS or name_part in self._w.pseudonym_tokens:
                return False  # "ms teams", "dr said"
        if c.entity_type == "ORGANIZATION":
            # a setting is a name and then its cue ("Linnet Ward"); a cue that comes first is a role
            # or a kind of place ("Ward Sister", "School of Nursing"), not somewhere one can point to
            cues = self._w.setting_cues
            if len(key) < 2 or not any(key[i:i + len(cue)] == cue for cue in cues for i in range(1, len(key))):
                return False  # "the Trust", "NICE": organisations stay unless they look like a small setting
            c.tag = "[setting]"
        if c.entity_type == "PERSON":
            c.key = " ".join(key)
        return True

    def _is_vehicle(self, text: str, start: int, key: tuple[str, ...]) -> bool:
        """Only makes and models, with a make in it or just before it ("Vauxhall Astra", "Ford" + "Fiesta")."""
        makes, models = self._lex.vehicle_makes, self._lex.vehicle_models
        if not key or not all(t in makes or t in models for t in key):
            return False
        before = re.search(r"([^\W_]+)[ \t]+$", text[max(0, start - 20):start])
        return any(t in makes for t in key) and len(key) > 1 or bool(before and normalise(before.group(1)) in makes)

    def name_like(self, piece: str) -> bool:
        words = piece.split()
        return bool(words) and all(w[:1].isupper() and not any(ch.isdigit() for ch in w) for w in words) \
            and not any(normalise(w.strip(".,;:'’")) in ROLE_WORDS | self._lex.ner_ignore for w in words)

    def trim_person(self, text: str, c: Candidate) -> bool:
        """Cut role words and labels off an NER name ("Neighbour Brenda", "Joanna K. Bed", "Eze\nNext"); False if nothing is left."""
        toks = [(m.start() + c.start, m.end() + c.start, normalise(m.group())) for m in TOKEN_RE.finditer(text[c.start:c.end])]
        label = self._lex.ner_ignore | ROLE_WORDS
        while len(toks) > 1 and (toks[0][2] in label or toks[0][2] in RANKS or toks[0][2] in self._jobs or
                                 (text[toks[0][0]:toks[0][1]].isupper() and len(toks[0][2]) <= 4)):
            toks.pop(0)  # "Neighbour Brenda", "EMT Lauren Fitzgerald"
        if len(toks) > 1 and toks[0][2] in self._verbs and starts_sentence(text, toks[0][0]):
            toks.pop(0)  # "Found Peggy on floor", "Ask Gary at Lloyds": the note's verb, never the name
        while len(toks) > 1 and (toks[-1][2] in label or
                                 ("\n" in text[toks[-2][1]:toks[-1][0]] and self._w.is_word(toks[-1][2]))):
            toks.pop()
        if not toks:
            return False
        c.start = toks[0][0]
        end = toks[-1][1]
        if text[end:end + 1] == "." and len(toks[-1][2]) == 1:
            end += 1  # "Joanna K."
        c.end = end
        return True

    def _looks_like_person(self, surface: str, key: tuple[str, ...]) -> bool:
        words = surface.split()
        if not 2 <= len(words) <= 3 or any(ch.isdigit() for ch in surface):
            return False
        if not all(w[:1].isupper() and not w.isupper() for w in words):
            return False
        if any(t in ORG_WORDS or t in self._lex.ner_ignore or t in self._w.org_tokens for t in key):
            return False
        if key and key[0] in DETERMINERS:
            return False  # "The Memory Assessment (Service)": a name does not start with "The"
        return not all(self._w.is_word(normalise(w.strip(",.;:"))) for w in words)


_OFFICE = re.compile(r" of ")
_THE_BEFORE = re.compile(r"(?:^|\b)[Tt]he $")
