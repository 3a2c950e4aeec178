"""Are the recommendations SMART, and where does each action stand (Red / Amber / Green)?

Every action needs a lead agency, key actions, evidence the board will see,
a measurable outcome and a target date after the date the plan was agreed
(``review.key_dates.action_plan_agreed``). Vague wording ("consider",
"explore", "raise awareness") with no measure is flagged with the reason.
The phrases, the words that count as a measure and the RAG window are data:
``scrdocs/review/procedures/checks/smart.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Iterator, Literal


from ..case.dates import uk
from ..case.model import Case, Recommendation
from ..resources import package_file, safe_yaml
from .findings import Finding

Rag = Literal["red", "amber", "green"]


@dataclass(frozen=True)
class SmartRules:
    vague: dict[str, str]
    measures: tuple[str, ...]
    amber_within_days: int
    not_measures: tuple[re.Pattern, ...] = ()


@lru_cache(maxsize=1)
def smart_rules() -> SmartRules:
    data = safe_yaml(package_file("review", "procedures", "checks", "smart.yaml").read_text(encoding="utf-8"))
    return SmartRules(dict(data["vague_phrases"]), tuple(data["measure_words"]), int(data["rag"]["amber_within_days"]),
                      tuple(re.compile(p, re.I) for p in data.get("not_measures") or ()))


def _has_phrase(text: str, phrase: str) -> bool:
    return re.search(rf"\b{re.escape(phrase)}\b", text, re.I) is not None


def vague_phrases(text: str) -> list[tuple[str, str]]:
    """The vague phrases in ``text`` with the reason each is vague."""
    return [(p, why) for p, why in smart_rules().vague.items() if _has_phrase(text, p)]


def has_measure(text: str) -> bool:
    """True when the text says how the change will be counted (a number, a percentage or a measuring word).

    A number that is a reference ("section 42", "the Care Act 2014", a date) is not a measure.
    """
    rules = smart_rules()
    quantities = text
    for pattern in rules.not_measures:
        quantities = pattern.sub(" ", quantities)
    return bool(re.search(r"\d", quantities)) or any(_has_phrase(text, w) for w in rules.measures)


def all_recommendations(case: Case) -> Iterator[tuple[str, Recommendation]]:
    """The review's recommendations and each IMR's, with their paths in the case file."""
    for i, rec in enumerate(case.recommendations):
        yield f"recommendations[{i}]", rec
    for k, agency in enumerate(case.agencies):
        if agency.imr:
            for i, rec in enumerate(agency.imr.recommendations):
                yield f"agencies[{k}].imr.recommendations[{i}]", rec


def check_recommendation(rec: Recommendation, path: str, *, plan_date: date | None, implied_lead: str | None = None) -> list[Finding]:
    """SMART findings for one recommendation (all warnings: the panel decides what to change)."""
    found: list[Finding] = []
    name = f"recommendation {rec.number}"

    def warn(code: str, field: str, message: str) -> None:
        found.append(Finding("warning", f"smart.{code}", f"{path}.{field}" if field else path, f"{name}: {message}"))

    if not rec.lead_agency and not implied_lead:
        warn("no_lead_agency", "lead_agency", "no lead agency; name the agency that answers to the board for it")
    if not rec.key_actions:
        warn("no_key_actions", "key_actions", "no key actions; list what will be done (e.g. deliver training, write a new policy)")
    if not rec.evidence:
        warn("no_evidence", "evidence", "no evidence; say what the board will see (minutes, the new policy, training records)")
    if not rec.key_outcome:
        warn("no_outcome", "key_outcome", "no key outcome; say what will be different for people or services")
    elif not has_measure(rec.key_outcome):
        warn("outcome_not_measurable", "key_outcome",
             "the key outcome has no measure; say how it will be known (a number, an audit, a rate)")
    if rec.target_date is None:
        warn("no_target_date", "target_date", "no target date; give the date by which the actions will be complete")
    elif plan_date and rec.target_date <= plan_date:
        warn("target_before_plan", "target_date",
             f"the target date {uk(rec.target_date)} is not after the date the action plan was agreed ({uk(plan_date)})")
    measured = has_measure(" ".join(filter(None, [rec.recommendation, rec.key_outcome])))
    texts = [("recommendation", rec.recommendation)] + [(f"key_actions[{j}]", a) for j, a in enumerate(rec.key_actions)]
    for field, text in texts:
        hits = vague_phrases(text)
        if hits and not measured and not has_measure(text):
            reasons = "; ".join(why for _, why in hits)
            warn("vague_wording", field, f"vague wording with no measure: {reasons}. Say what will change, by whom and how it will be counted")
    return found


def rag_status(rec: Recommendation, today: date, *, amber_within_days: int | None = None) -> tuple[Rag, str]:
    """Red, amber or green for one action, with the reason.

    Green: complete, or under way with progress recorded and the target date
    not passed, or not started with the target date well ahead. Amber: no
    target date, under way with no progress recorded, or not started with the
    target date within the amber window. Red: not complete and past its target date.
    """
    window = smart_rules().amber_within_days if amber_within_days is None else amber_within_days
    if rec.status == "complete":
        return "green", "complete"
    if rec.target_date is None:
        return "amber", f"{rec.status}, no target date"
    if today > rec.target_date:
        return "red", f"{rec.status}, target date {uk(rec.target_date)} has passed"
    days_left = (rec.target_date - today).days
    if rec.status == "in progress":
        if rec.progress:
            return "green", f"in progress, due {uk(rec.target_date)}"
        return "amber", f"in progress but no progress recorded, due {uk(rec.target_date)}"
    if days_left <= window:
        return "amber", f"not started, due in {days_left} days ({uk(rec.target_date)})"
    return "green", f"not started, due {uk(rec.target_date)}"


@dataclass(frozen=True)
class ActionStatus:
    path: str
    number: str
    lead_agency: str | None
    target_date: date | None
    status: str
    rag: Rag
    reason: str

    def to_dict(self) -> dict:
        return {"path": self.path, "number": self.number, "lead_agency": self.lead_agency,
                "target_date": self.target_date.isoformat() if self.target_date else None,
                "status": self.status, "rag": self.rag, "reason": self.reason}


def action_plan_status(case: Case, *, today: date | None = None) -> list[ActionStatus]:
    """RAG status of every recommendation in the multi-agency action plan."""
    today = today or date.today()
    out = []
    for i, rec in enumerate(case.recommendations):
        rag, reason = rag_status(rec, today)
        out.append(ActionStatus(f"recommendations[{i}]", rec.number, rec.lead_agency, rec.target_date, rec.status, rag, reason))
    return out


def check_smart(case: Case, *, today: date | None = None) -> tuple[list[Finding], list[ActionStatus]]:
    """SMART findings for every recommendation, plus the action plan's RAG status."""
    plan_date = case.review.key_dates.action_plan_agreed
    findings: list[Finding] = []
    for path, rec in all_recommendations(case):
        implied, own_plan_date = None, plan_date
        if path.startswith("agencies["):
            # An IMR's own action plan: its agency leads unless it says otherwise,
            # and it dates from the IMR's sign-off, not the board's plan.
            agency = case.agencies[int(path[len("agencies["):path.index("]")])]
            implied, own_plan_date = agency.id, agency.signed_off or agency.imr_received
        findings += check_recommendation(rec, path, plan_date=own_plan_date, implied_lead=implied)
    statuses = action_plan_status(case, today=today)
    for s in statuses:
        if s.rag == "red":
            findings.append(Finding("warning", "smart.rag_red", s.path, f"action {s.number} is red: {s.reason}"))
    return findings, statuses
