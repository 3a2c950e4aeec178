"""Parts of the context that represent the whole review: delay, parallel processes still open,
partnership wording, the figures' captions and alt text, the IMRs' recommendations as an addendum
and the action plan's sign-up blocks."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..case.dates import uk
from ..case.model import Agency, Case, ReviewType
from ..case.types import is_stated_none
from .drafting import marker
from .formatters import recommendation_row, signature_block

def is_partnership(case: Case) -> bool:
    """A partnership review: a CSPR, or a review run by a partnership rather than a board."""
    return case.review.type is ReviewType.CSPR or "partnership" in case.review.board.lower()


def _chair_label(case: Case, partnership: bool) -> str:
    if case.panel.board_chair.role_label:
        return case.panel.board_chair.role_label
    if partnership:  # a partnership that is not a CSPR takes the partnership's title too
        return case.panel.board_chair_label(ReviewType.CSPR)
    return f"Chair of {case.review.board}"


def partnership_words(case: Case) -> dict[str, Any]:
    """``words.{partnership, body, body_long, chair_label}``: "safeguarding partners" and "partnership", not "board"."""
    partnership = is_partnership(case)
    return {
        "partnership": partnership,
        "body": "partnership" if partnership else "board",
        "body_long": "the safeguarding partners" if partnership else "the board",
        "chair_label": _chair_label(case, partnership),
    }


def delay(case: Case, today: date | None = None) -> dict[str, Any]:
    """``delay.{late, text}``: when the review finished (or is still running) after its due date, and why (8.20)."""
    kd = case.review.key_dates
    if kd.due is None:
        return {"late": False, "text": ""}
    finished = kd.completed
    if finished is not None and finished <= kd.due:
        return {"late": False, "text": ""}
    if finished is None and (today or date.today()) <= kd.due:
        return {"late": False, "text": ""}
    when = (f"The review was completed on {uk(finished)}, after its due date of {uk(kd.due)}." if finished
            else f"The review was due to be completed by {uk(kd.due)} and is not yet complete.")
    reason = case.review.delay_reason or marker("review.delay_reason")
    return {"late": True, "text": f"{when} {reason}"}


def open_processes(case: Case) -> list[str]:
    """Criminal, coroner's and family court processes recorded as not concluded (Working Together 8.49)."""
    from ..review.publication_timing import unconcluded

    # each status is the author's own sentence: its full stop would double with the sentence around the list
    return [f"{label}: {(pp.status or 'not concluded').rstrip().rstrip('.')}" for pp, label in unconcluded(case)]


def _timeline_alt(case: Case) -> str:
    """The chart's milestones in full (the chart itself wraps and shortens long labels)."""
    from ..review.charts import timeline_alt
    from ..review.timescales import review_timescales

    try:
        return timeline_alt(review_timescales(case))
    except Exception:  # noqa: BLE001 - the chart is then not drawn either; the alt text still describes it
        return ("Chart of the review's milestones against the procedure's timescales: for each milestone, "
                "the time allowed, the date it was due and the date it was done.")


def figures(case: Case) -> dict[str, dict[str, str]]:
    """Each figure's caption and alt text (Public Sector Bodies Accessibility Regulations: every image described)."""
    subject = "the child" if case.review.is_childrens_review else "the adult"
    agencies = len({e.agency for e in case.chronology})
    return {
        "timeline": {"caption": "Figure: review timescales", "alt": _timeline_alt(case)},
        "contact": {"caption": "Figure: agency contact over time",
                    "alt": f"Chart of the contacts of {agencies} agencies over the period under review, one lane per "
                           f"agency, marking each contact and whether {subject} was seen and seen alone."},
        "genogram": {"caption": "Figure: genogram",
                     "alt": "Genogram of the family, extended family and household, with the symbols explained in "
                            "its legend."},
    }


def stated_none(case: Case) -> dict[str, bool]:
    """Which lists the case file states as ``none`` (keyed by the template variable): the documents say
    so in words; a list left out is a draft marker instead."""
    m, imrs = case.review.methodology, [a.imr for a in case.agencies if a.imr]
    return {
        "review.methodology.interviews": is_stated_none(m.interviews),
        "review.methodology.information_not_available": is_stated_none(m.information_not_available),
        "review.parallel_processes": is_stated_none(case.review.parallel_processes),
        "panel.members": is_stated_none(case.panel.members),
        # "No agency made recommendations of its own" only when every IMR says none.
        "imr_recommendations": bool(imrs) and all(is_stated_none(imr.recommendations) for imr in imrs),
    }


def imr_stated_none(agency: Agency) -> dict[str, bool]:
    imr = agency.imr
    return {f"imr.{name}": bool(imr) and is_stated_none(getattr(imr, name))
            for name in ("interviews", "information_not_available", "other_addresses", "recommendations")}


def imr_recommendations(case: Case) -> list[dict[str, Any]]:
    """The IMRs' recommendations, agency by agency, for the overview report's addendum (8.42, Herefordshire 13.7)."""
    return [{"agency": a.name, "recommendations": [recommendation_row(case, r, agency=a) for r in a.imr.recommendations]}
            for a in case.agencies if a.imr and a.imr.recommendations]


def sign_up(case: Case) -> list[dict[str, Any]]:
    """A sign-up block per organisation in the action plan ("signed up to by the senior manager", 000)."""
    involved = {x for r in case.recommendations for x in (*r.agencies, r.lead_agency) if x}
    rows = []
    for a in case.agencies:
        if a.id in involved or a.action_plan_signed_up is not None:
            rows.append({"agency": a.name, **signature_block(a.action_plan_signed_up)})
    return rows
