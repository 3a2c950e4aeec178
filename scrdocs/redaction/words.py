"""The words the engine tells apart from names: ordinary words, titles and ranks, role
words, and what this run's case file makes special (its pseudonyms, places and
organisations' own words)."""

from __future__ import annotations

import re

from ..case.model import Case
from .allow_list import Owner
from .lexicon import Lexicon
from .name_variants import normalise, tokens

RANKS = {"pc", "pcso", "dc", "ds", "di", "dci", "dsi", "sgt", "sergeant", "insp", "inspector", "cllr", "councillor",
         "rev", "revd", "reverend", "father", "fr", "sister", "nurse", "prof", "professor", "dr", "doctor", "sir", "dame",
         "detective", "constable", "chief", "superintendent", "officer"}
ROLE_WORDS = {"neighbour", "lodger", "tenant", "carer", "friend", "next", "bed", "tea", "lunch", "call", "note", "taker",
              "consultant", "attends", "visited", "named", "mum", "dad", "nan", "nana", "grandad", "uncle", "aunt",
              "auntie", "cousin", "son", "daughter", "brother", "sister", "partner", "husband", "wife", "manager",
              "worker", "officer", "reception", "from", "to", "cc", "re", "dear", "hi", "thanks", "regards",
              "practitioner", "specialist", "lead", "assistant", "associate", "advisor", "adviser", "ward",
              "tenant", "package", "joint", "seen", "enquiry", "contact", "victim", "grade", "sent", "subject",
              "commissioned", "present", "apologies", "action", "actions", "agreed", "outcome", "summary",
              "patient", "paramedic", "emt", "crew", "driver", "client", "service", "user", "resident", "pupil"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "our", "their", "his", "her", "its"}
FUNCTION_WORDS = {"and", "or", "the", "said", "says", "was", "is", "to", "of", "in", "on", "at", "for", "has", "had",
                  "will", "would", "who", "which", "that", "this", "also", "not", "teams", "word", "excel"}
ORG_WORDS = {"union", "bank", "society", "club", "association", "ltd", "limited", "homecare", "care", "trust", "council", "services", "service", "group", "partnership",
             "associates", "solicitors", "housing", "health", "healthcare", "centre", "center", "team", "unit",
             "police", "hospital", "nhs", "cic", "llp", "plc", "inc", "foundation", "society", "church", "school",
             "academy", "college", "university", "surgery", "practice", "board", "agency", "department", "office",
             "homes"}
KIN_TITLES = {"sister", "father", "mother", "brother", "nurse"}  # titles only when written with a capital

_TRAILING_POSTCODE = re.compile(r"\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\s*$", re.I)


class RunWords:
    """The word sets one run's detectors share, built once from the lexicon and the case file.

    ``common`` is the NER model's dictionary (empty without NER): what counts as
    an ordinary English word.
    """

    def __init__(self, lex: Lexicon, case: Case, owners: list[Owner], common: frozenset[str]):
        self.lex = lex
        self.titles = {normalise(t) for t in lex.titles} | {normalise(f) for forms in lex.honorifics.values() for f in forms}
        self.pseudonym_words = {tokens(o.pseudonym) for o in owners if o.pseudonym}
        self.pseudonym_words.add(tokens(case.review.title))
        self.kept_places = {tokens(p) for p in lex.keep_places}
        #: the board's own reference for this review ("NSAB/SAR/2023/02"), printed on every published page
        self.own_references = {case.review.reference.casefold()} if case.review.reference else set()
        self.ner_ignore = {tokens(w) for w in lex.ner_ignore}
        self.setting_cues = self._cue_phrases()
        self.common = common
        self.pseudonym_tokens = {t for p in self.pseudonym_words for t in p}
        # distinctive words of kept organisations' names ("Westmarsh" in "Westmarsh Safeguarding Adults Board")
        self.org_tokens = {t for o in owners if o.kind == "organisation" for t in tokens(o.name)
                           if len(t) > 3 and t not in ORG_WORDS and t not in lex.ner_ignore
                           and not self.is_word(t)}
        # what capitals may stand for without being a person's initials: the lexicon's list, agencies' short names
        self.abbreviations = ({normalise(a) for a in lex.not_initials}
                              | {t for o in owners if o.kind == "organisation" for t in tokens(o.name) if len(t) <= 5})
        # towns and villages in the case's own addresses ("Eastbrook"): places, whatever NER takes them for
        # ("Glasgow G3 8QT" gives "Glasgow": the postcode goes, the town is still a town)
        self.case_places = {tokens(part) for o in owners for part in
                            (_TRAILING_POSTCODE.sub("", p) for p in re.split(r"[,\n]", o.address or ""))
                            if part.strip() and not any(ch.isdigit() for ch in part)}

        #: an agency's name written in part ("Willow Bank" for "Willow Bank Care Home"): the part, and the kind
        #: of setting the full name says ("care home"), so the part becomes "the care home", never a place
        self.agency_parts = agency_parts(case)

    def _cue_phrases(self) -> set[tuple[str, ...]]:
        cues = set()
        for section in ("after_name", "lowercase_after_name"):
            for group in self.lex.settings.get(section, {}).values():
                cues |= {tokens(c) for c in group["cues"]}
        return cues

    def is_word(self, norm: str) -> bool:
        """Whether a normalised token is an ordinary word, or one with a common ending added."""
        if norm in self.common or norm in self.lex.also_words:
            return True
        for suffix in ("s", "es", "ed", "d", "ing", "ly"):
            if norm.endswith(suffix) and norm[:-len(suffix)] in self.common:
                return True
        return False


def agency_parts(case: Case) -> dict[str, str]:
    from ..resources import data_dir
    from .lexicon import read_rules_file

    kinds = {" ".join(normalise(str(cue)).split()): kind
             for kind, cues in (read_rules_file(data_dir("redaction_rules") / "setting_kinds.yaml") or {}).items()
             for cue in (cues or [])}
    out: dict[str, str] = {}
    for agency in case.agencies:
        words = agency.name.split()
        for n in (3, 2, 1):
            kind = kinds.get(" ".join(normalise(" ".join(words[-n:])).split())) if len(words) > n else None
            part = words[:-n]
            # one word before the kind ("Thornby Surgery") is most often the place the setting is named after:
            # "He lives in Thornby" must not become "He lives in the GP practice"
            if kind and len(part) >= 2 and all(w[:1].isupper() for w in part) and normalise(part[0]) not in DETERMINERS:
                out[" ".join(part)] = kind
                break
    return out
