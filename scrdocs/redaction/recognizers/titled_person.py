"""People the case file does not list, named with a title or rank ("Dr R. Mistry", "PC 4417 Brown").

Its hits are handled like NER hits: the case file's own decisions (a kept chair,
a known family member) come first, and each new person gets a "Person N".
"""

from __future__ import annotations

from .base import YamlPatternRecognizer


class TitledPersonRecognizer(YamlPatternRecognizer):
    RULES = "titled_person"
