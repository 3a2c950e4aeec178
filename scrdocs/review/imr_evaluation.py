"""The IMR's evaluation statement, shown statement by statement as met or not met.

The Herefordshire cover page has the agency assert that its IMR is
comprehensive, analytical and SMART. A cover must not assert what the report
lacks, so each statement is shown as met or not met from what the IMR holds and
what `scrdocs check` rates (the same ratings: :mod:`.imr_quality`,
:mod:`.smart`); a statement that needs a person's judgement is never shown as
met by scrdocs. The IMR author's and the senior officer's confirmation is
recorded per statement (``agencies[].imr.evaluation``). The statements are data:
``scrdocs/review/procedures/checks/imr_evaluation.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable


from ..case.model import Agency, Case
from ..case.types import is_stated_none
from ..errors import RulesError
from ..resources import package_file, safe_yaml
from .findings import Finding
from .imr_quality import FULL, STATED_NO_RECOMMENDATIONS, rate_imr
from .smart import check_recommendation

#: The sections of the IMR template (Cumbria Appendix C) a conforming IMR has written.
TEMPLATE_SECTIONS = {"author_statement": "the author's statement", "sources_of_information": "the sources of information",
                     "summary_of_involvement": "the summary of involvement", "analysis": "the analysis",
                     "lessons": "the lessons", "recommendations": "the recommendations"}


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    measure: str | None


@dataclass(frozen=True)
class StatementResult:
    id: str
    text: str
    met: bool | None  # None: a judgement for the author and the senior officer
    reason: str
    author_confirmed: bool
    senior_officer_confirmed: bool

    @property
    def shown(self) -> str:
        if self.met is None:
            return "For the author and the senior officer to judge"
        return "Met" if self.met else "Not met"


@lru_cache(maxsize=1)
def statements() -> tuple[Statement, ...]:
    path = package_file("review", "procedures", "checks", "imr_evaluation.yaml")
    data = safe_yaml(path.read_text(encoding="utf-8"))
    out = []
    for i, raw in enumerate((data or {}).get("statements") or []):
        if not isinstance(raw, dict) or not raw.get("id") or not raw.get("text"):
            raise RulesError(f"{path}: statements[{i}] needs an id and a text.", hint="Correct the file.")
        if raw.get("measure") and raw["measure"] not in _MEASURES:
            raise RulesError(f"{path}: statements[{i}] has an unknown measure '{raw['measure']}'.",
                             hint=f"Use one of: {', '.join(_MEASURES)}, or none for a judgement.")
        out.append(Statement(str(raw["id"]), str(raw["text"]), raw.get("measure")))
    return tuple(out)


# -- the measures: (met, reason) --------------------------------------------

def _template(case: Case, agency: Agency, ratings: dict[str, Any]) -> tuple[bool, str]:
    if agency.imr is None:
        return False, "the IMR's text is not in the case file"
    # A list stated as `none` is written: the agency says it has none.
    missing = [label for name, label in TEMPLATE_SECTIONS.items()
               if not getattr(agency.imr, name) and not is_stated_none(getattr(agency.imr, name))]
    return (not missing, "every section is written" if not missing else "missing: " + ", ".join(missing))


def _rated(criterion: str) -> Callable[[Case, Agency, dict[str, Any]], tuple[bool, str]]:
    def measure(case: Case, agency: Agency, ratings: dict[str, Any]) -> tuple[bool, str]:
        rating = ratings[criterion]
        return rating.rating == FULL, f"{rating.rating}: {rating.reason}"
    return measure


def _lessons(case: Case, agency: Agency, ratings: dict[str, Any]) -> tuple[bool, str]:
    written = bool(agency.imr and agency.imr.lessons)
    return written, "the lessons are written" if written else "the IMR has no lessons section"


def _smart(case: Case, agency: Agency, ratings: dict[str, Any]) -> tuple[bool | None, str]:
    recs = agency.imr.recommendations if agency.imr else []
    if is_stated_none(recs):  # nothing to be SMART about; whether none were needed is a judgement
        return None, STATED_NO_RECOMMENDATIONS
    if not recs:
        return False, "the IMR has no recommendations"
    k = case.agencies.index(agency)
    plan_date = agency.signed_off or agency.imr_received
    warned = {rec.number for i, rec in enumerate(recs)
              if check_recommendation(rec, f"agencies[{k}].imr.recommendations[{i}]", plan_date=plan_date,
                                      implied_lead=agency.id)}
    if warned:
        return False, f"the SMART check warns about recommendation {', '.join(sorted(warned))}"
    if len(recs) == 1:
        return True, "its one recommendation passes the SMART check"
    return True, f"all {len(recs)} recommendations pass the SMART check"


def _on_time(case: Case, agency: Agency, ratings: dict[str, Any]) -> tuple[bool, str]:
    timescale = ratings["_timescale"]
    return timescale == "yes", f"received on time: {timescale}"


_MEASURES: dict[str, Callable[[Case, Agency, dict[str, Any]], tuple[bool, str]]] = {
    "template": _template, "chronology": _rated("chronology"), "analysis": _rated("analysis"),
    "lessons": _lessons, "smart": _smart, "sign_off": _rated("sign_off"), "on_time": _on_time,
}


def evaluate_statements(case: Case, agency: Agency) -> list[StatementResult]:
    """Each evaluation statement for ``agency``'s IMR: met, not met or a judgement, and who confirmed it."""
    quality = rate_imr(case, agency)
    ratings: dict[str, Any] = {r.id: r for r in quality.ratings}
    ratings["_timescale"] = quality.within_timescale
    evaluation = agency.imr.evaluation if agency.imr else None
    author = set(evaluation.author) if evaluation else set()
    senior = set(evaluation.senior_officer) if evaluation else set()
    out = []
    for s in statements():
        met, reason = _MEASURES[s.measure](case, agency, ratings) if s.measure else (None, "a judgement")
        out.append(StatementResult(s.id, s.text, met, reason, s.id in author, s.id in senior))
    return out


def check_evaluation(case: Case) -> list[Finding]:
    """Warnings for a confirmation the IMR does not bear out, or one that names no statement."""
    known = {s.id for s in statements()}
    findings = []
    for k, agency in enumerate(case.agencies):
        if agency.imr is None:
            continue
        path = f"agencies[{k}].imr.evaluation"
        for who in ("author", "senior_officer"):
            for sid in sorted(set(getattr(agency.imr.evaluation, who)) - known):
                findings.append(Finding("warning", "imr.evaluation_unknown", f"{path}.{who}",
                                        f"{agency.label}: '{sid}' is not an evaluation statement; use one of: {', '.join(sorted(known))}"))
        if agency.imr.evaluation_confirmed and not (agency.imr.evaluation.author or agency.imr.evaluation.senior_officer):
            findings.append(Finding("warning", "imr.evaluation_single_flag", f"agencies[{k}].imr.evaluation_confirmed",
                                    f"{agency.label}: one flag cannot confirm every evaluation statement; list the statements "
                                    "the author and the senior officer each confirm under agencies[].imr.evaluation"))
        for r in evaluate_statements(case, agency):
            if r.met is False and (r.author_confirmed or r.senior_officer_confirmed):
                findings.append(Finding("warning", "imr.evaluation_not_met", path,
                                        f"{agency.label}: '{r.text}' is confirmed, but the IMR does not meet it ({r.reason})"))
    return findings
