"""Anonymising review documents: spaCy + Presidio + what the case file knows.

>>> r = Redactor(case, "publication")
>>> r.redact_text("Edith's son Will rang 07700 900123.")
"Adult A's son rang [phone number]."

One :class:`Redactor` per run keeps pseudonyms consistent across every
document it handles. See the README section "Anonymising documents".
"""

from typing import TYPE_CHECKING

from .._lazy import lazy_exports

# Imported on first use: the name-variant helpers (used by `scrdocs check` for
# panel independence) must not pull in spaCy and Presidio with the engine.
_LAZY = {
    "FileResult": ".formats", "extract_text": ".formats",
    "PROFILES": ".profiles", "Profile": ".profiles", "load_profile": ".profiles",
    "Redactor": ".redactor",
    "Decision": ".spans", "Span": ".spans",
}


__getattr__ = lazy_exports(__name__, globals(), _LAZY)


if TYPE_CHECKING:
    from .formats import FileResult, extract_text
    from .profiles import PROFILES, Profile, load_profile
    from .redactor import Redactor
    from .spans import Decision, Span

__all__ = ["Decision", "FileResult", "PROFILES", "Profile", "Redactor", "Span", "extract_text", "load_profile"]
