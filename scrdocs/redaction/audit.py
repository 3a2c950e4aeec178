"""The audit: one line per decision, with no original text.

Each line carries an HMAC-SHA256 of the text under a per-run random salt, so
two lines about the same name can be matched up by someone holding the key
file (where the salt is written), while the audit alone reveals nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from pathlib import Path

from .spans import Decision


def text_hash(salt: bytes, text: str) -> str:
    return hmac.new(salt, " ".join(text.split()).casefold().encode("utf-8"), hashlib.sha256).hexdigest()


def write_audit(decisions: list[Decision], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for d in decisions:
            f.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
