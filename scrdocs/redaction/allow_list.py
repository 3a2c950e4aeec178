"""The allow-list is a list of people, not strings.

Every name the case matcher finds comes with its possible owners. A mention
is kept only when every person it could belong to is kept (the board chair,
the panel chair, the author, and panel members where the profile keeps them).
When it could also be somebody who must be removed, the person named last
nearby is only a guess: the mention is removed with a neutral word and the
audit says "ambiguous" (fail closed), naming that person for whoever confirms
it: bare "Hollis" when the chair is Jane Hollis and a neighbour is Ellie Hollis.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: how far back (characters across the run) a sure mention of a person still says who a shared form is
RECENT_WINDOW = 3000
#: "Debra from the council" is the housing officer Debra Hale only if she was named in full just before
#: (the same paragraph, about): further away, anyone at the council called Debra may be meant.
ORGANISATION_WINDOW = 400


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

    @property
    def professional(self) -> bool:
        """A practitioner, an agency's signatory or contact, a panel person: known at work by full name, so a
        first name alone is not enough to say it is them ("Peter from the council")."""
        return self.kind == "panel" or self.id.startswith("agency:") or self.role == "practitioner"


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
               explicit: tuple[str, ...] = (), at: int | None = None, first_name_only: bool = False,
               for_organisation: bool = False, unsure_word: bool = False) -> Verdict:
        """Who a mention is. ``recent`` holds where each person was last named for sure and ``at`` where this
        mention stands (offsets across the run), so a shared form goes to the person just being talked about."""
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
        if unsure_word and removed:
            # "Grace period agreed": the word more likely than the daughter; her pseudonym there would be false
            return Verdict("remove", None, "a name that is also a word, opening a sentence; removed with a "
                                           "neutral word, to confirm", ambiguous=True)
        if for_organisation:
            # "Peter from the council": someone at that organisation, so never a family member who shares the
            # first name; and a first name alone cannot tie it to the practitioner named in full nearby either
            # (councils employ many Lauras): a pseudonym there could put words in someone else's mouth
            nearby = [o for o in removed if o.professional and self._named_nearby([o], recent or {}, at, ORGANISATION_WINDOW)]
            maybe = f" (perhaps {nearby[0].pseudonym or nearby[0].role}, named in full nearby)" if len(nearby) == 1 else ""
            return Verdict("remove", None, "a first name speaking for an organisation, not tied to anyone in the "
                                           f"case file{maybe}; removed with a neutral word, to confirm", ambiguous=True)
        if first_name_only and all(o.professional for o in removed) and not self._named_nearby(removed, recent, at):
            # "Peter from the council" may be anyone called Peter: their pseudonym would put words in their mouth
            return Verdict("remove", None, "a professional's first name alone, not named in full nearby; "
                                           "removed with a neutral word, to confirm", ambiguous=True)
        if len(people) == 1:
            return Verdict("remove", removed[0], "case person")
        return self._resolve(people, recent or {}, at)

    @staticmethod
    def _named_nearby(people: list[Owner], recent: dict[str, int], at: int | None, window: int = RECENT_WINDOW) -> bool:
        return any(o.id in recent and (at is None or 0 <= at - recent[o.id] <= window) for o in people)

    @staticmethod
    def _resolve(people: list[Owner], recent: dict[str, int], at: int | None) -> Verdict:
        """A form several people share, by who was named last (nearby): the one the text is talking about.
        A kept person wins only when no removed one was named nearby; with nobody named nearby the mention is
        truly ambiguous: removed with a neutral word, never one of their pseudonyms, and listed to confirm."""
        shared = "shared with a kept person" if any(o.kept for o in people) else "shared by several people"
        nearby = sorted((o for o in people if o.id in recent and (at is None or 0 <= at - recent[o.id] <= RECENT_WINDOW)),
                        key=lambda o: recent[o.id], reverse=True)
        if nearby and not nearby[0].kept:
            # who was named last is a guess, not a tie: their pseudonym could be a false statement, so the copy
            # says "[name]" and the worklist carries the guess for the person who confirms
            guess = nearby[0].pseudonym or nearby[0].role
            return Verdict("remove", None, f"ambiguous: {shared}; perhaps {guess} (the person named last); "
                                           "removed with a neutral word, to confirm", ambiguous=True)
        if nearby and not any(not o.kept for o in nearby):
            return Verdict("keep", nearby[0], f"kept {nearby[0].role} (ambiguous: {shared}, the person named last)")
        return Verdict("remove", None, f"ambiguous: {shared}; removed with a neutral word, to confirm", ambiguous=True)
