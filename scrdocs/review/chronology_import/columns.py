"""Which chronology field each column heading names, and which rows are headings.

Tables are recognised by their column headings, not by position: the words
that name each column are data (``scrdocs/review/procedures/checks/chronology_columns.yaml``),
covering the Herefordshire 8-column and Cumbria 7-column templates and the
variants agencies send.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


from ...resources import package_file, safe_yaml


@lru_cache(maxsize=1)
def column_rules() -> dict[str, Any]:
    return safe_yaml(package_file("review", "procedures", "checks", "chronology_columns.yaml").read_text(encoding="utf-8"))


def normalise(text: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).split())


def column_for(heading: Any) -> str | None:
    """The chronology field a column heading names, or None."""
    head = normalise(heading)
    if not head:
        return None
    best: tuple[int, str] | None = None
    for fieldname, phrases in column_rules()["columns"].items():
        for phrase in phrases:
            p = normalise(phrase)
            if p == head:
                return fieldname
            if re.search(rf"(?<![a-z0-9]){re.escape(p)}(?![a-z0-9])", head) and (best is None or len(p) > best[0]):
                best = (len(p), fieldname)
    return best[1] if best else None


def match_columns(headings: list[Any]) -> dict[int, str] | None:
    """Map column positions to fields if these headings are a chronology's; None if they are not."""
    mapping: dict[int, str] = {}
    for i, heading in enumerate(headings):
        name = column_for(heading)
        if name and name not in mapping.values():  # the first column naming a field wins
            mapping[i] = name
    found = set(mapping.values())
    if "date" in found and found & set(column_rules()["required_with_date"]):
        return mapping
    return None


def is_repeated_heading(cells: list[Any], heading: list[Any]) -> bool:
    """A row that repeats the table's heading row (Word repeats it at the top of each page when the
    author copied it, rather than marking it as a heading row)."""
    mine = [normalise(c) for c in cells]
    theirs = [normalise(c) for c in heading]
    filled = [i for i, t in enumerate(theirs) if t]
    if not filled:
        return False
    same = sum(1 for i in filled if i < len(mine) and mine[i] == theirs[i])
    return same * 2 > len(filled) and match_columns(cells) is not None
