"""Anonymising review documents: spaCy + Presidio + what the case file knows.

>>> r = Redactor(case, "publication")
>>> r.redact_text("Edith's son Will rang 07700 900123.")
"Adult A's son rang [phone number]."

One :class:`Redactor` per run keeps pseudonyms consistent across every
document it handles. See the README section "Anonymising documents".
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Imported on first use: the name-variant helpers (used by `scrdocs check` for
# panel independence) must not pull in spaCy and Presidio with the engine.
_LAZY = {
    "FileResult": ".formats", "extract_text": ".formats",
    "PROFILES": ".profiles", "Profile": ".profiles", "load_profile": ".profiles",
    "Redactor": ".redactor",
    "Decision": ".spans", "Span": ".spans",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'scrdocs.redaction' has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .formats import FileResult, extract_text
    from .profiles import PROFILES, Profile, load_profile
    from .redactor import Redactor
    from .spans import Decision, Span

__all__ = ["Decision", "FileResult", "PROFILES", "Profile", "Redactor", "Span", "extract_text", "load_profile"]
