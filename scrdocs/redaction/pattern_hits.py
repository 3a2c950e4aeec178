"""The pattern recognizers' hits in a text, read once per process for each paragraph.

A pack's documents repeat paragraphs (the standard wording of every IMR,
the chronology's entries in several documents), and the leak gate's rescan
reads again every paragraph the engine left unchanged; every recognizer ran
over each of them each time (a sixth of a pack's time). A recognizer's hits
depend on the text alone (the recognizers are compiled once per process and
keep nothing from one text to the next), so they are remembered for each
paragraph-sized text, as the language model's entities are (:mod:`.ner`).
Long texts (a chunk of a long file) are read each time: remembering them
would only cost memory.
"""

from __future__ import annotations

from typing import Sequence

#: (recognizer name, start, end, entity type, score, tag), in the recognizers' order.
Hit = tuple[str, int, int, str, float, "str | None"]

#: The texts remembered: at most this many, each at most this long (a paragraph, not a whole chunk).
_KNOWN_TEXTS, _KNOWN_TEXT_CHARS = 100_000, 2_000


class PatternHits:
    """Every recognizer's hits in a text, as :meth:`find` gives them, remembered per text."""

    def __init__(self, recognizers: Sequence):
        self.recognizers = recognizers
        self._known: dict[str, tuple[Hit, ...]] = {}

    def find(self, text: str) -> tuple[Hit, ...]:
        hits = self._known.get(text)
        if hits is None:
            hits = tuple(self.read(text))
            if len(text) <= _KNOWN_TEXT_CHARS and len(self._known) < _KNOWN_TEXTS:
                self._known[text] = hits
        return hits

    def read(self, text: str):
        """The hits, read afresh (what :meth:`find` remembers)."""
        for recognizer in self.recognizers:
            for r in recognizer.find(text):
                meta = r.recognition_metadata or {}
                yield recognizer.name, r.start, r.end, r.entity_type, float(r.score), meta.get("tag")


_SHARED: list[PatternHits] = []


def pattern_hits(recognizers: Sequence) -> PatternHits:
    """The one :class:`PatternHits` of these recognizers in this process: the engine and the leak gate's own
    reader are built from the same compiled recognizers, so a paragraph either reads is read once."""
    for shared in _SHARED:
        if shared.recognizers is recognizers:
            return shared
    made = PatternHits(recognizers)
    if isinstance(recognizers, tuple):  # the compiled set (build_recognizers); a list may be changed later
        _SHARED.append(made)
    return made


__all__ = ["Hit", "PatternHits", "pattern_hits"]
