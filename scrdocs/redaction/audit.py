"""The audit: one line per decision, with no original text.

Each line carries an HMAC-SHA256 of the text under a per-run random salt, so
two lines about the same name can be matched up by someone holding the key
file (where the salt is written), while the audit alone reveals nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from .spans import Decision


@lru_cache(maxsize=100_000)  # a long text names the same people thousands of times
def text_hash(salt: bytes, text: str) -> str:
    return hmac.new(salt, " ".join(text.split()).casefold().encode("utf-8"), hashlib.sha256).hexdigest()


#: The audit line's keys, in order: ``Decision.to_dict()`` without ``dataclasses.asdict``'s deep copy of
#: every value (most of the time of writing a long text's million lines).
_FIELDS = tuple(f.name for f in fields(Decision))


def write_audit(decisions: list[Decision], path: Path) -> None:
    encode = json.JSONEncoder(ensure_ascii=False).encode
    with open(path, "w", encoding="utf-8") as f:
        for d in decisions:
            f.write(encode({name: getattr(d, name) for name in _FIELDS}) + "\n")
