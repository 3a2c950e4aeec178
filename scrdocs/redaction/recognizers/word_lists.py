"""Word lists a recognizer builds its rules from (redaction_rules/<name>.yaml), read once and checked.

A list of words is data a board can extend (a system name, a street type, a
place-name ending) without touching a regular expression; each file says in its
header what its lists mean.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...errors import RulesError
from ...resources import data_dir
from ..lexicon import read_rules_file


@lru_cache(maxsize=None)
def word_lists(name: str) -> dict[str, tuple[str, ...]]:
    """Every list in ``redaction_rules/<name>.yaml``; each must be a non-empty list of non-empty strings."""
    path = data_dir("redaction_rules") / f"{name}.yaml"
    data = read_rules_file(path)
    out = {}
    for key, value in data.items():
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise RulesError(f"In {path}, '{key}' must be a list of words.",
                             hint="Correct the file (each entry a word or phrase in quotes if it has a colon).")
        out[key] = tuple(v.strip() for v in value)
    return out


def alternation(words, *, flexible_space: bool = True) -> str:
    """A regular expression matching any of ``words``, longest first; a space matches any run of blanks."""
    parts = [re.escape(w) for w in sorted(set(words), key=len, reverse=True)]
    if flexible_space:
        parts = [p.replace(r"\ ", r"[ \t]+") for p in parts]
    return "|".join(parts)
