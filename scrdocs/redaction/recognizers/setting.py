"""Small identifying settings: a named care home, school, surgery, pub, ward, village.

The cue words are data (redaction_rules/settings_words.yaml). A setting is a
run of capitalised words before a cue ("Willow Court Care Home"), before a
lower-case cue ("the Red Lion pub": the cue word itself stays), or after a cue
("the village of Little Hambleton").
"""

from __future__ import annotations

import re

from presidio_analyzer import LocalRecognizer, RecognizerResult

from ...errors import RulesError
from ..lexicon import lexicon
from ..name_variants import normalise
from .place_shapes import place_shapes, towns_after_addresses
from .word_lists import word_lists

_NAME_WORD = r"(?:St\.?\s+)?[A-Z][\w'’\-]*"
#: A word of a place's name, in any alphabet's capitals ("Łódź", "Żyrardów"), and the small words inside
#: foreign places' names ("Vila Nova de Gaia", "Lipník nad Bečvou", "Büsingen am Hochrhein").
_PLACE_WORD = r"(?:St\.?\s+)?[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*"
_PLACE_GAP = r"[ \t]+(?:(?:de|do|da|dos|das|del|de la|nad|na|pod|am|an|im|sur|sous|en|la|le|di)[ \t]+)?"
#: Between two words of a setting's name: a space, " & " ("Donlon & Sons Garage") or " and " before Sons,
#: Daughters or Co ("Mendoza and Sons Car Wash"; never "Sarah and Tom Home"), or the small word that joins a
#: place to its ground ("Crakeby under Edge Youth Club", "Brantcott in the Vale Mosque"; never "Seen in the Youth
#: Club": "in the" only before a ground word of place_words.yaml).
_GAP = (r"[ \t]+(?:&[ \t]+|and[ \t]+(?=(?:Sons?|Daughters?|Co|Partners)\b)|(?:le|cum|under|upon)[ \t]+(?=[A-Z])"
        r"|(?:in|on|by)[ \t]+the[ \t]+(?=(?:{ground})\b))?")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


class SettingRecognizer(LocalRecognizer):
    """One Presidio recognizer for all the settings cues; each hit says which entity type and tag it is."""

    def __init__(self):
        settings = lexicon().settings
        not_start = _alternation(settings.get("not_a_name_start", []))
        gap = _GAP.format(ground=_alternation(list(word_lists("place_words")["ground"])))
        self._rules: list[tuple[re.Pattern, str, str, float]] = []
        #: a named setting's kind, from its cue word ("Primary School" -> "primary school")
        self._kinds = {" ".join(normalise(cue).split()): kind
                       for kind, cues in word_lists("setting_kinds").items() for cue in cues}
        for entity, group in settings.get("after_name", {}).items():
            rx = rf"(?<![\w'’])(?!(?:{not_start})\b){_NAME_WORD}(?:{gap}{_NAME_WORD}){{0,3}}[ \t]+(?:{_alternation(group['cues'])})(?![\w])"
            self._rules.append((re.compile(f"({rx})"), entity, group["tag"], 0.75))
        for entity, group in settings.get("lowercase_after_name", {}).items():
            # never after a possessive: "Summer's school" is a person's school, not a school called Summer's
            rx = rf"(?<![\w'’])((?!(?:{not_start})\b){_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})(?<!['’]s)[ \t]+(?:{_alternation(group['cues'])})(?![\w])"
            self._rules.append((re.compile(rx), entity, group["tag"], 0.65))
        for entity, group in settings.get("before_name", {}).items():
            rx = (rf"(?<![\w])(?:{_alternation(group['cues'])})[ \t]+((?!(?:{not_start})\b){_PLACE_WORD}"
                  rf"(?:{_PLACE_GAP}{_PLACE_WORD}){{0,3}})")
            self._rules.append((re.compile(rx, re.I if False else 0), entity, group["tag"], 0.7))
        for entity, group in settings.get("shapes", {}).items():
            for rx in group.get("patterns", []):
                try:
                    compiled = re.compile(f"({rx})")
                except re.error as e:
                    raise RulesError(f"In redaction_rules/settings_words.yaml, the shapes pattern {rx!r} does not compile ({e}).",
                                     hint="Correct the pattern (Python regular expression syntax).") from None
                self._rules.append((compiled, entity, group["tag"], 0.7))
        entities = sorted({e for _, e, _, _ in self._rules})
        super().__init__(supported_entities=entities, supported_language="en", name="setting")

    def load(self) -> None:  # everything is compiled in __init__
        pass

    def analyze(self, text, entities=None, nlp_artifacts=None):
        results = []
        for rx, entity, tag, score in self._rules:
            for m in rx.finditer(text):
                kind = self._kind(text, m) if entity == "ORGANIZATION" else None
                result = RecognizerResult(entity, m.start(1), m.end(1), score,
                                          recognition_metadata={"recognizer_name": "setting", "tag": kind or tag})
                results.append(result)
        for start, end in place_shapes(text) + towns_after_addresses(text):
            results.append(RecognizerResult("LOCATION", start, end, 0.7,
                                            recognition_metadata={"recognizer_name": "setting", "tag": "[place]"}))
        return results

    def _kind(self, text: str, m: re.Match) -> str | None:
        """What the setting becomes: "the primary school" ("primary school" after "the"), or None for the tag."""
        name = normalise(m.group(1)).split()
        kind = next((self._kinds[" ".join(name[-n:])] for n in (3, 2, 1) if " ".join(name[-n:]) in self._kinds), None)
        after = re.match(r"[ \t]+([a-z]+)", text[m.end(1):])
        if kind is None or (after and normalise(after.group(1)) in self._kinds):
            return None  # "the Kings Arms pub": the kind is written already
        before = text[:m.start(1)]
        if re.search(r"(?i)\bthe[ \t]+$", before):
            return kind
        phrase = f"the {kind}"
        starts_sentence = not before.strip() or re.search(r"[.!?:\n][ \t\"'“‘]*$", before) is not None
        return phrase[0].upper() + phrase[1:] if starts_sentence else phrase

    def find(self, text: str) -> list[RecognizerResult]:
        return self.analyze(text)
