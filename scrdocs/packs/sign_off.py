"""Sign-off: a person confirmed every redaction decision of a pack (on the review page) before release.

A signed pack's ``manifest.json`` records who signed it off, their role,
when, and the counts they saw. An unsigned pack says so in its manifest; and
where the pack rules say a profile may not be released unsigned
(``release_unsigned: false`` in ``redaction_rules/packs.yaml``: the shipped
publication profile), on the cover of every document too.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml
from ..resources import safe_yaml

#: On the cover of a pack that may not be released unsigned, until it is signed off.
NOT_SIGNED_OFF = ("NOT SIGNED OFF: the redaction decisions in this copy have not yet been reviewed and signed "
                  "off. Do not publish or release it.")
#: Who may be released without a sign-off when the pack rules do not say.
_DEFAULT_RELEASE_UNSIGNED = {"publication": False}


@dataclass(frozen=True)
class SignOff:
    """A reviewer's sign-off of the decisions (``counts``: removed, kept, to_confirm, reviewed)."""

    reviewer: str
    role: str
    at: str
    counts: Mapping[str, int] = field(default_factory=dict)
    decisions_version: int = 0
    #: Leak check findings the reviewer marked "not a name": where, who and when (never the word).
    not_a_name: tuple[Mapping[str, str], ...] = ()

    def __post_init__(self) -> None:
        if not self.reviewer.strip() or not self.role.strip():
            from ..errors import ScrdocsError

            raise ScrdocsError("A sign-off needs the reviewer's name and role.",
                               hint="Enter your name and your role (e.g. Board business manager).")


def release_unsigned(rules_source: str | Path, profile: str) -> bool:
    """Whether the pack rules let ``profile`` be released without a sign-off (``release_unsigned``)."""
    try:
        data = safe_yaml(Path(rules_source).read_text(encoding="utf-8")) or {}
        value = ((data.get("profiles") or {}).get(profile) or {}).get("release_unsigned")
    except (OSError, yaml.YAMLError, AttributeError):
        value = None
    return bool(value) if value is not None else _DEFAULT_RELEASE_UNSIGNED.get(profile, True)


def manifest_section(sign_off: SignOff | None, may_release_unsigned: bool) -> dict[str, Any]:
    """The manifest's ``sign_off``: names only the reviewer, who signs in their own name."""
    if sign_off is None:
        return {"signed_off": False, "may_be_released_unsigned": may_release_unsigned,
                "status": "not signed off" + ("" if may_release_unsigned else ": not to be released until it is")}
    data = asdict(sign_off)
    data["counts"] = dict(sign_off.counts)
    data["not_a_name"] = [dict(item) for item in sign_off.not_a_name]
    return {"signed_off": True, "may_be_released_unsigned": may_release_unsigned, "status": "signed off", **data}


def mark_unsigned(docx_paths: list[Path]) -> None:
    from .docx_finish import add_cover_notice

    for path in docx_paths:
        add_cover_notice(path, NOT_SIGNED_OFF)
