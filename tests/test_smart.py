"""SMART recommendations: each rule passes on a sound action and fails on a broken one; RAG status."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
import yaml

from scrdocs.case.casefile import parse_case
from scrdocs.case.model import Recommendation
from scrdocs.review.smart import check_recommendation, check_smart, has_measure, rag_status, vague_phrases

BASE = yaml.safe_load((Path(__file__).parent / "fixtures" / "review" / "base_case.yaml").read_text())
PLAN = date(2024, 7, 15)
SOUND = dict(
    number="1",
    recommendation="Offer a carer's assessment at every first assessment where a family member provides care.",
    lead_agency="asc",
    key_actions=["Add a mandatory carer's assessment prompt to the assessment form"],
    evidence="Revised form and a dip sample of 20 assessments",
    key_outcome="90% of first assessments with a family carer record a carer's assessment offer",
    target_date="31/10/2024",
)


def rec(**changes):
    data = {**SOUND, **changes}
    return Recommendation.model_validate({k: v for k, v in data.items() if v is not None})


def codes(r):
    return [f.code for f in check_recommendation(r, "recommendations[0]", plan_date=PLAN)]


def test_sound_recommendation_passes_every_rule():
    assert codes(rec()) == []


@pytest.mark.parametrize("change, code, path", [
    ({"lead_agency": None}, "smart.no_lead_agency", "recommendations[0].lead_agency"),
    ({"key_actions": []}, "smart.no_key_actions", "recommendations[0].key_actions"),
    ({"evidence": None}, "smart.no_evidence", "recommendations[0].evidence"),
    ({"key_outcome": None}, "smart.no_outcome", "recommendations[0].key_outcome"),
    ({"key_outcome": "Carers feel better supported"}, "smart.outcome_not_measurable", "recommendations[0].key_outcome"),
    ({"target_date": None}, "smart.no_target_date", "recommendations[0].target_date"),
    ({"target_date": "15/07/2024"}, "smart.target_before_plan", "recommendations[0].target_date"),
    ({"target_date": "01/06/2024"}, "smart.target_before_plan", "recommendations[0].target_date"),
])
def test_each_rule_fails_on_its_own(change, code, path):
    findings = check_recommendation(rec(**change), "recommendations[0]", plan_date=PLAN)
    assert [f.code for f in findings] == [code]
    assert findings[0].path == path and findings[0].severity == "warning"


def test_target_date_rule_passes_when_after_the_plan_date():
    assert codes(rec(target_date="16/07/2024")) == []


@pytest.mark.parametrize("text, phrase", [
    ("Agencies should consider the learning from this review.", "consider"),
    ("The board will explore options for joint visits.", "explore"),
    ("Raise awareness of self-neglect among housing staff.", "raise awareness"),
])
def test_vague_wording_without_a_measure_is_flagged_with_the_reason(text, phrase):
    r = rec(recommendation=text, key_outcome="Practitioners are more confident")
    findings = [f for f in check_recommendation(r, "recommendations[0]", plan_date=PLAN) if f.code == "smart.vague_wording"]
    assert len(findings) == 1
    assert f"'{phrase}'" in findings[0].message and findings[0].path == "recommendations[0].recommendation"


def test_vague_wording_with_a_measure_passes():
    r = rec(recommendation="Raise awareness of self-neglect: 200 housing staff complete the e-learning by March.")
    assert "smart.vague_wording" not in codes(r)


def test_vague_key_action_is_flagged_at_its_own_path():
    r = rec(recommendation="Housing and care providers will work together on access problems.",
            key_actions=["Consider joint visits"], key_outcome="Better joint working")  # no measure anywhere
    findings = check_recommendation(r, "recommendations[0]", plan_date=PLAN)
    assert "recommendations[0].key_actions[0]" in [f.path for f in findings if f.code == "smart.vague_wording"]


def test_vague_phrases_are_whole_words():
    assert vague_phrases("We will reconsider nothing") == []
    assert [p for p, _ in vague_phrases("Consider it")] == ["consider"]
    assert has_measure("an audit in 2025") and has_measure("reduce delays") and not has_measure("better support")


@pytest.mark.parametrize("text", [
    "Consider the use of section 42 enquiries under the Care Act 2014.",
    "Explore learning from recommendation 3 of the previous review.",
    "Raise awareness of s.42 duties.",
])
def test_a_number_that_is_a_reference_is_not_a_measure(text):
    r = rec(recommendation=text, key_outcome="Practitioners are more confident")
    assert "smart.vague_wording" in codes(r)
    assert not has_measure(text)
    assert has_measure("Raise awareness: 80% of staff trained by March") and has_measure("within 28 days")
    assert has_measure("All contractor operatives trained by 30/09/2024.")  # a date can be checked


@pytest.mark.parametrize("status, target, progress, today, expected", [
    ("complete", "01/01/2024", None, date(2025, 1, 1), "green"),
    ("in progress", "31/12/2024", "Guidance drafted", date(2024, 8, 1), "green"),
    ("in progress", "31/12/2024", None, date(2024, 8, 1), "amber"),
    ("not started", "31/12/2024", None, date(2024, 8, 1), "green"),
    ("not started", "31/12/2024", None, date(2024, 11, 15), "amber"),
    ("not started", None, None, date(2024, 8, 1), "amber"),
    ("in progress", "31/07/2024", "Half done", date(2024, 8, 1), "red"),
    ("not started", "31/07/2024", None, date(2024, 8, 1), "red"),
])
def test_rag_status(status, target, progress, today, expected):
    r = rec(status=status, target_date=target, progress=progress)
    rag, reason = rag_status(r, today)
    assert rag == expected and reason


def test_check_smart_on_a_case_covers_imr_recommendations_and_red_actions():
    data = copy.deepcopy(BASE)
    data["recommendations"][0]["target_date"] = "01/07/2024"  # before the plan was agreed and now passed
    imr_rec = data["agencies"][0]["imr"]["recommendations"][0]
    imr_rec["target_date"] = "01/04/2024"  # before the IMR was signed off (10/04/2024)
    case = parse_case(data, "t")
    findings, statuses = check_smart(case, today=date(2024, 8, 1))
    got = {(f.code, f.path) for f in findings}
    assert ("smart.target_before_plan", "recommendations[0].target_date") in got
    assert ("smart.target_before_plan", "agencies[0].imr.recommendations[0].target_date") in got
    assert ("smart.rag_red", "recommendations[0]") in got
    assert [s.rag for s in statuses] == ["red", "green"]
    # an IMR recommendation needs no lead agency of its own: its agency leads
    assert not any(f.code == "smart.no_lead_agency" for f in findings)


def test_sound_case_has_no_smart_findings():
    findings, _ = check_smart(parse_case(copy.deepcopy(BASE), "t"), today=date(2024, 8, 1))
    assert findings == []
