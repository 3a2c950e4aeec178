"""The replacement for one span under a profile: pseudonym, tag or keep."""

from __future__ import annotations

from .profiles import Profile


def replacement_for(profile: Profile, entity_type: str, *, pseudonym: str | None = None,
                    tag: str | None = None) -> str | None:
    """None means keep the text. A type the profile does not mention is kept (the profile lists what it removes)."""
    rule = profile.replace.get(entity_type)
    if rule is None or rule.operator == "keep":
        return None
    if rule.operator == "pseudonym":
        if pseudonym:
            return pseudonym
        return tag or f"[{entity_type.lower().replace('_', ' ')}]"
    return tag or rule.tag
