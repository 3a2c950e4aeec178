"""`scrdocs check` on how people's names are written in the case file, as the anonymiser will read them.

* A rank, title or job word in a name field ("Assistant Chief Constable Neil Garbutt") is taken as a
  title, never as a name: the check says it belongs in ``job_title``.
* An alias or name part that is also an ordinary word ("Rose", "Pros") is matched only where it is
  used as a name: the check lists it so the author knows.
* A signatory's job title that names a unit or the agency ("Safeguarding Review Unit") would print
  in the IMR's "Job title" cell: the check says to give the job itself.
"""

from __future__ import annotations

from ..case.model import Case
from ..redaction.job_words import rank_words_in
from ..redaction.lexicon import lexicon
from ..redaction.name_variants import parse_name, tokens
from .findings import Finding


def _named(case: Case):
    """(path, name, aliases) for every name field in the case file."""
    for i, person in enumerate(case.people):
        yield f"people[{i}].name", person.name, list(person.aliases)
    for attr in ("board_chair", "panel_chair", "author"):
        member = getattr(case.panel, attr)
        yield f"panel.{attr}.name", member.name, list(member.aliases)
    for i, member in enumerate(case.panel.members):
        yield f"panel.members[{i}].name", member.name, list(member.aliases)
    for i, agency in enumerate(case.agencies):
        for role in ("imr_author", "sign_off"):
            who = getattr(agency, role, None)
            if who is not None:
                yield f"agencies[{i}].{role}.name", who.name, []
        if agency.imr and agency.imr.lead_contact:
            yield f"agencies[{i}].imr.lead_contact.name", agency.imr.lead_contact.name, []


def _unit_not_job(title: str, agency_names: set[str]) -> bool:
    """Whether a job title only names a unit or the agency: no part of it ("Detective Sergeant" in
    "Detective Sergeant, Safeguarding Review Unit", "Head" in "Head of Service") is a job."""
    import re

    from .imr_quality import _standards

    if title.strip().casefold() in agency_names:
        return True
    units = set(_standards().get("unit_words") or [])
    parts = [x for x in re.split(r",|;|\s+-\s+|\b(?:of|in|for|at)\b", title, flags=re.I) if x.strip()]

    def is_unit(part: str) -> bool:
        last = re.findall(r"[A-Za-z]+", part)[-1:]
        return bool(last) and last[0].casefold() in units or part.strip().casefold() in agency_names
    return bool(parts) and all(is_unit(x) for x in parts)


def check_job_titles(case: Case) -> list[Finding]:
    """A warning for each IMR author or senior officer whose job title is the name of a unit or the agency."""
    out: list[Finding] = []
    for i, agency in enumerate(case.agencies):
        names = {n.casefold() for n in (agency.name, agency.short_name) if n}
        for role in ("imr_author", "sign_off"):
            who = getattr(agency, role)
            if who is not None and who.job_title and _unit_not_job(who.job_title, names):
                out.append(Finding("warning", "names.job_title_is_a_unit", f"agencies[{i}].{role}.job_title",
                                   f"'{who.job_title}' names a unit or the agency, not {who.name}'s job: the IMR's "
                                   "\"Job title\" cell would show it. Give the job (for example 'Detective Sergeant, "
                                   f"{who.job_title}')."))
    return out


def check_name_fields(case: Case) -> list[Finding]:
    words = lexicon().also_words
    out: list[Finding] = []
    for path, name, aliases in _named(case):
        rank = rank_words_in(name)
        if rank:
            out.append(Finding("warning", "names.rank_in_name", path,
                               f"'{' '.join(rank)}' in '{name}' is a rank or job title, not a name: move it to "
                               "job_title (the anonymiser never takes it for the person)."))
        parsed = parse_name(name)
        parts = [p for p in parsed.given + parsed.surname for p in p.split("-")]
        parts += [a for a in aliases if len(tokens(a)) == 1]
        word_like = sorted({p for p in parts if tokens(p) and tokens(p)[0] in words})
        if word_like:
            out.append(Finding("info", "names.word_like_part", path,
                               f"{', '.join(word_like)} in '{name}' is also an ordinary word: matched only where "
                               "written as a name (capitalised, beside the rest of the name, after a title or "
                               "before a verb of speech)."))
    return out + check_job_titles(case)
