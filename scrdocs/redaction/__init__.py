"""Anonymising review documents: spaCy + Presidio + what the case file knows.

>>> r = Redactor(case, "publication")
>>> r.redact_text("Edith's son Will rang 07700 900123.")
"Adult A's son rang [phone number]."

One :class:`Redactor` per run keeps pseudonyms consistent across every
document it handles. See the README section "Anonymising documents".
"""

from .formats import FileResult, extract_text
from .profiles import PROFILES, Profile, load_profile
from .redactor import Redactor
from .spans import Decision, Span

__all__ = ["Decision", "FileResult", "PROFILES", "Profile", "Redactor", "Span", "extract_text", "load_profile"]
