"""The allow-list is a list of people, not strings.

Every name the case matcher finds comes with its possible owners. A mention
is kept only when every person it could belong to is kept (the board chair,
the panel chair, the author, and panel members where the profile keeps them).
When it could also be somebody who must be removed, it is removed and the
audit says "ambiguous" (fail closed): bare "Hollis" when the chair is Jane
Hollis and a neighbour is Ellie Hollis.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Owner:
    """A person (case person or panel person) or an organisation a name may belong to."""

    id: str
    name: str
    kept: bool
    pseudonym: str | None
    kind: str  # "person", "panel", "organisation"
    role: str = ""
    aliases: list[str] = field(default_factory=list)
    order: int = 0
    sex: str = "U"
    extra_titles: tuple[str, ...] = ()
    dob: object = None
    address: str | None = None
    nhs_number: str | None = None
    identifiers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Verdict:
    action: str  # "keep" | "remove"
    owner: Owner | None
    reason: str
    ambiguous: bool = False


class AllowList:
    def __init__(self, owners: list[Owner]):
        self.owners = {o.id: o for o in owners}

    def decide(self, owner_ids: tuple[str, ...], recent: dict[str, int] | None = None,
               explicit: tuple[str, ...] = ()) -> Verdict:
        owners = [self.owners[i] for i in owner_ids if i in self.owners]
        named = [self.owners[i] for i in explicit if i in self.owners]
        if named and all(o.kept for o in named) and all(o.kind != "organisation" for o in named):
            # written exactly as a kept person's name or alias ("Dr K. Rennie"): that person
            return Verdict("keep", named[0], f"kept {named[0].role} (written as in the case file)")
        if not owners:
            return Verdict("remove", None, "unknown owner")
        people = [o for o in owners if o.kind != "organisation"]
        if not people:
            return Verdict("keep", owners[0], "kept organisation")
        removed = [o for o in people if not o.kept]
        kept = [o for o in people if o.kept]
        if not removed:
            if len(kept) == 1:
                return Verdict("keep", kept[0], f"kept {kept[0].role}")
            return Verdict("keep", kept[0], "kept (shared by kept people)")
        choice = self._likeliest(removed, recent or {})
        if kept:
            return Verdict("remove", choice, "ambiguous: shared with a kept person", ambiguous=True)
        if len(removed) > 1:
            return Verdict("remove", choice, "ambiguous: shared by several people", ambiguous=True)
        return Verdict("remove", choice, "case person")

    @staticmethod
    def _likeliest(candidates: list[Owner], recent: dict[str, int]) -> Owner:
        """The one mentioned most recently by an unambiguous form, else the first in the case file."""
        seen = [o for o in candidates if o.id in recent]
        if seen:
            return max(seen, key=lambda o: recent[o.id])
        return min(candidates, key=lambda o: o.order)
