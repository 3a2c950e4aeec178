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

Beside it, redaction_rules/surnames.txt: the ``SURNAME_RANKS`` most frequent
surnames of the United States 1990 census (public-domain data, shipped in the
"names" package, MIT licence, Trey Hunner), derived the same way. It only
decides whether an ordinary word after a given name is a surname ("Lily Young",
"maurice cox"), never whether a word alone is a name.

The lists are evidence, not a verdict: a listed word that is also an ordinary
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
SURNAMES_FILE = "surnames.txt"
PACKAGE = "nomquamgender"
SURNAMES_PACKAGE = "names"
SURNAME_RANKS = 5000
MIN_SOURCES = 4
MIN_COUNT = 25
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


def derive_surnames(census_lines: list[str]) -> list[str]:
    """The surnames list, from the census file's lines: NAME, frequency, cumulative frequency, rank."""
    out = set()
    for line in census_lines:
        parts = line.split()
        if len(parts) == 4 and parts[3].isdigit() and int(parts[3]) <= SURNAME_RANKS and _SHAPE.match(parts[0]):
            out.add(normalise(parts[0]))
    return sorted(out)


def _package_folder(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RulesError(f"The {package} package is not installed, so the name lists cannot be derived.",
                         hint=f"Install the test extra: pip install -e '.[test]' (it pins {package}).")
    return Path(list(spec.submodule_search_locations)[0])


def census_lines() -> list[str]:
    return (_package_folder(SURNAMES_PACKAGE) / "dist.all.last").read_text(encoding="utf-8").splitlines()


def package_table() -> dict:
    """The package's table, read without importing the package (its import needs pandas)."""
    return json.loads((_package_folder(PACKAGE) / "name_data.json").read_text(encoding="utf-8"))


_SURNAMES_HEADER = ("# Surnames: the {ranks} most frequent of the United States 1990 census (public-domain data,\n"
                    "# from the names package, MIT licence, Trey Hunner), case-folded. Do not edit by hand:\n"
                    "# regenerate with\n#   python -m scrdocs.redaction.given_names\n")


def build(folder: Path | None = None) -> tuple[int, int]:
    """Write both derived lists; returns how many names each holds."""
    folder = folder or data_dir("redaction_rules")
    names = derive(package_table())
    (folder / FILE).write_text(_HEADER.format(sources=MIN_SOURCES, count=MIN_COUNT) + "\n".join(names) + "\n",
                               encoding="utf-8")
    surnames = derive_surnames(census_lines())
    (folder / SURNAMES_FILE).write_text(_SURNAMES_HEADER.format(ranks=SURNAME_RANKS) + "\n".join(surnames) + "\n",
                                        encoding="utf-8")
    return len(names), len(surnames)


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    return _read(FILE)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return _read(SURNAMES_FILE)


def _read(name: str) -> frozenset[str]:
    """A shipped list, checked: one folded name a line, ``#`` comments."""
    path = data_dir("redaction_rules") / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise RulesError(f"Cannot read the name list {path} ({e.strerror}).",
                         hint="Reinstall scrdocs or restore the file from the repository.") from None
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    bad = [n for n in names if not _SHAPE.match(n) or normalise(n) != n]
    if bad:
        raise RulesError(f"The name list {path} holds {len(bad)} lines that are not folded names "
                         f"(first: {bad[0]!r}).", hint="Regenerate it: python -m scrdocs.redaction.given_names")
    return frozenset(names)


if __name__ == "__main__":  # pragma: no cover - a maintainer's command
    given, family = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(f"{given} given names and {family} surnames written")
