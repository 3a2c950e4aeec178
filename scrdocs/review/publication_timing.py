"""Publication timing: a report is not published while related court proceedings are running.

Working Together 2010, 8.49: "The publication of the executive summary needs
to be timed in accordance with the conclusion of any related court
proceedings". A criminal, coroner's or family court process recorded in the
case file (``review.parallel_processes``) without a ``concluded`` date has not
concluded: `scrdocs check` warns, a publication pack's report says so, and the
pack's documents carry a not-for-publication marking.
"""

from __future__ import annotations

from typing import Any

from ..case.model import Case, ParallelProcess
from .findings import Finding

#: The processes whose conclusion publication waits for, and how they are named.
COURT_PROCESSES = {"criminal": "criminal proceedings", "coroner": "the coroner's inquest",
                   "civil": "family or civil court proceedings"}

RULE = ("Working Together 8.49: publication is timed in accordance with the conclusion of any related court "
        "proceedings")


def unconcluded(case: Case) -> list[tuple[ParallelProcess, str]]:
    """The court processes of the case file not recorded as concluded, with their names."""
    return [(pp, COURT_PROCESSES[pp.kind]) for pp in case.review.parallel_processes
            if pp.kind in COURT_PROCESSES and pp.concluded is None]


def warning_text(case: Case) -> str:
    """One plain paragraph naming the open processes, or '' when none is open."""
    open_ = unconcluded(case)
    if not open_:
        return ""
    # Only the kinds: a status is the author's own text, which may name someone, and the pack's
    # report is not anonymised.
    names = " and ".join(dict.fromkeys(label for _, label in open_))
    return (f"Not for publication yet: {names} {'has' if len(set(l for _, l in open_)) == 1 else 'have'} not concluded ({RULE}). "
            "Record the date each concluded (review.parallel_processes[].concluded) before publishing.")


def not_for_publication_marking(case: Case, marking: str) -> str:
    """``marking`` with the not-for-publication marking added while a court process is open."""
    if not unconcluded(case) or "NOT FOR PUBLICATION" in marking.upper():
        return marking
    return f"{marking}: NOT FOR PUBLICATION until related proceedings conclude"


def check_publication_timing(case: Case) -> list[Finding]:
    """`scrdocs check`: a warning for each court process still open (publication must wait for it)."""
    findings = []
    for i, pp in enumerate(case.review.parallel_processes):
        if pp.kind in COURT_PROCESSES and pp.concluded is None:
            findings.append(Finding("warning", "publication.proceedings_open", f"review.parallel_processes[{i}]",
                                    f"{COURT_PROCESSES[pp.kind]} recorded as not concluded: a publication pack made now "
                                    f"is marked not for publication ({RULE}); set concluded: when it ends"))
    return findings


def is_for_publication(pack: Any) -> bool:
    """A pack made for the public: the publication profile (a family's read-only copy comes before publication)."""
    return getattr(pack, "name", "") == "publication"


def pack_marking(case: Case, pack: Any) -> str:
    """The marking of a pack's documents: a publication pack made while a court process is open is
    marked not for publication."""
    return not_for_publication_marking(case, pack.marking) if is_for_publication(pack) else pack.marking


def pack_report_lines(case: Case, pack: Any) -> list[str]:
    """Lines for the top of a pack's report: the publication-timing warning, and the rule its contents follow."""
    lines = []
    if is_for_publication(pack) and unconcluded(case):
        lines += [f"**Warning: {warning_text(case)}**", ""]
    rule = pack.rule_for(case) if hasattr(pack, "rule_for") else ""
    if rule:
        lines += [f"What this pack holds follows: {rule}", ""]
    return lines
