"""The confidential key: which pseudonym stands for which real name.

It is written only where the user asks (``--key PATH``), never inside the
output folder, and holds the audit's salt so the hashes can be checked.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import OutputError
from ..output import staged_file


def check_key_path(key: Path, out_dir: Path | None) -> None:
    if out_dir is None:
        return
    key_r, out_r = Path(key).resolve(), Path(out_dir).resolve()
    if key_r == out_r or out_r in key_r.parents:
        raise OutputError(f"The key file {key} is inside the output folder {out_dir}.",
                          hint="The key holds real names: write it somewhere else, away from what is shared "
                               "(for example --key ../confidential/key.json).")


def write_key(mapping: dict[str, str], salt: bytes, path: Path, *, review: str, profile: str) -> None:
    data = {
        "warning": "CONFIDENTIAL: this key links pseudonyms to real names. Do not share it with the anonymised copies.",
        "review": review,
        "profile": profile,
        "audit_salt": salt.hex(),
        "pseudonyms": dict(sorted(mapping.items())),
    }
    with staged_file(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
