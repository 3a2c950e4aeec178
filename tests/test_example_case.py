"""The shipped example case (Adult A) has everything the issue promises.

Other parts of scrdocs (documents, genogram, redaction, packs, checks) use
this file as their realistic input, so its minimums are pinned here.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest
import yaml

from scrdocs.case.casefile import _CaseLoader, load_case
from scrdocs.examples import example_case_path, load_example_case, minimal_case_path
from scrdocs.case.model import Case, ReviewType, Role
from scrdocs.case.pseudonyms import case_pseudonyms

PHONE = re.compile(r"(?<![\d])(?:\+44\s?|0)\d{3,4}\s?\d{3}\s?\d{3,4}(?![\d])")
DRAMA_MOBILE = re.compile(r"^07700 900\d{3}$")


@pytest.fixture(scope="module")
def case() -> Case:
    return load_example_case()


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.load(example_case_path().read_text(encoding="utf-8"), Loader=_CaseLoader)


def family(case: Case):
    return [p for p in case.people if p.role in (Role.subject, Role.family)]


def nhs_number_is_valid(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 10:
        return False
    remainder = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1))) % 11
    check = 11 - remainder
    check = 0 if check == 11 else check
    return check != 10 and check == digits[9]


# --------------------------------------------------------------------------
# Finding and loading


def test_example_paths_point_into_the_package():
    path = example_case_path()
    assert path.name == "adult_a_sar.yaml" and path.is_file()
    assert path.parent.name == "examples" and path.parent.parent.name == "scrdocs"
    assert minimal_case_path().is_file()


def test_unknown_example_name_says_what_exists():
    with pytest.raises(FileNotFoundError, match="adult_a_sar.yaml"):
        example_case_path("nope.yaml")


def test_example_loads_cleanly(case):
    assert isinstance(case, Case)
    assert load_case(example_case_path()) == case


def test_minimal_case_has_only_the_required_sections():
    raw = yaml.load(minimal_case_path().read_text(encoding="utf-8"), Loader=_CaseLoader)
    assert set(raw) == {"review", "panel", "people"}
    case = load_example_case("minimal.yaml")
    assert case.agencies == [] and case.chronology == [] and case.family is None
    assert case.subject is not None and case.subject.pseudonym


# --------------------------------------------------------------------------
# Review and panel


def test_review(case):
    r = case.review
    assert r.type is ReviewType.SAR and not r.is_childrens_review
    assert r.board and r.title == "Adult A" and r.reference
    assert "Care Act 2014" in r.legal_mandate
    assert r.procedure == "national"
    assert 5 <= len(r.terms_of_reference) <= 8
    period = r.period_under_review
    assert timedelta(days=2 * 365) <= period.end - period.start <= timedelta(days=3 * 366)
    k = r.key_dates
    for name in ("referral", "chair_request", "subgroup_meeting", "recommendation", "decision",
                 "terms_of_reference_agreed", "imrs_requested", "imrs_started", "overview_report_submitted",
                 "action_plan_agreed", "due", "completed"):
        assert getattr(k, name) is not None, name
    assert len(k.panel_meetings) >= 3
    milestones = [k.referral, k.chair_request, k.subgroup_meeting, k.recommendation, k.decision,
                  k.terms_of_reference_agreed, k.imrs_requested, k.imrs_started, k.overview_report_submitted,
                  k.action_plan_agreed, k.completed]
    assert milestones == sorted(milestones), "the key dates must happen in order"
    assert k.referral > period.end


def test_methodology_parallel_processes_and_family(case):
    r = case.review
    assert len(r.methodology.documents_seen) >= 5
    assert len(r.methodology.interviews) >= 3 and all(i.who for i in r.methodology.interviews)
    assert r.methodology.information_not_available
    assert {p.kind for p in r.parallel_processes} >= {"coroner", "criminal"}
    assert r.family_involvement.summary and r.family_involvement.contacts


def test_panel(case):
    panel = case.panel
    for who in (panel.board_chair, panel.panel_chair, panel.author):
        assert who.name and who.job_title and who.organisation
    assert len(panel.members) >= 6
    assert all(m.job_title and m.organisation for m in panel.members)
    organisations = {m.organisation for m in panel.members}
    assert sum(a.name in organisations for a in case.agencies) >= 5, "members should come from the agencies"
    assert panel.panel_chair.aliases


def test_panel_chair_shares_a_surname_with_someone_in_the_case(case):
    """Exercises the redaction allow-list: the chair stays, the neighbour goes."""
    surname = case.panel.panel_chair.name.split()[-1]
    namesakes = [p for p in case.people if p.name.split()[-1] == surname]
    assert namesakes and all(p.role is not Role.practitioner for p in namesakes)


# --------------------------------------------------------------------------
# Agencies and IMRs


def test_agencies(case):
    assert len(case.agencies) >= 6
    assert len({a.id for a in case.agencies}) == len(case.agencies)
    for a in case.agencies:
        assert a.name and a.short_name
        assert a.imr_author and a.imr_author.name and a.imr_author.job_title
        assert a.sign_off and a.sign_off.name and a.sign_off.job_title
        assert a.imr_requested and a.imr_due and a.imr_received and a.signed_off


def test_at_least_four_full_imrs(case):
    full = [a for a in case.agencies if a.imr and a.imr.author_statement and a.imr.sources_of_information
            and a.imr.contextual_information and a.imr.summary_of_involvement and a.imr.analysis
            and a.imr.lessons and a.imr.good_practice and a.imr.recommendations and a.imr.lead_contact]
    assert len(full) >= 4
    agreed = case.review.key_dates.action_plan_agreed
    for agency in full:
        assert DRAMA_MOBILE.match(agency.imr.lead_contact.phone)
        for rec in agency.imr.recommendations:
            assert rec.key_actions and rec.evidence and rec.key_outcome and rec.lead_person and rec.monitoring
            assert rec.target_date > agreed


# --------------------------------------------------------------------------
# People and family


def test_every_person_has_a_unique_pseudonym(case):
    assert all(p.pseudonym for p in case.people)
    counts = Counter(p.pseudonym for p in case.people)
    assert max(counts.values()) == 1, [k for k, n in counts.items() if n > 1]
    assert case_pseudonyms(case) == {p.id: p.pseudonym for p in case.people}
    assert case.subject.pseudonym == "Adult A"


def test_subject(case):
    s = case.subject
    assert s.dob and s.dod and s.address and s.ethnicity
    assert nhs_number_is_valid(s.nhs_number)
    assert not nhs_number_is_valid("943 476 5918")  # the checker itself can fail


def test_family_of_ten_over_three_generations(case):
    members = family(case)
    assert len(members) >= 10
    parents_of: dict[str, set[str]] = {}
    for part in case.family.partnerships:
        for child in part.children:
            parents_of.setdefault(child.id, set()).update(part.partners)

    def generation(pid: str, seen=()) -> int:
        parents = parents_of.get(pid, set()) - set(seen)
        return 0 if not parents else 1 + max(generation(p, (*seen, pid)) for p in parents)

    assert max(generation(p.id) for p in members) >= 2
    assert all(p.dob for p in members)
    assert len({p.ethnicity for p in members}) >= 4


def test_family_structure(case):
    fam = case.family
    statuses = Counter(p.status for p in fam.partnerships)
    assert statuses["separated"] >= 1 and statuses["divorced"] >= 1
    assert any(p.kind == "transitory" for p in fam.partnerships)
    partners = Counter(pid for p in fam.partnerships for pid in p.partners)
    assert max(partners.values()) >= 2, "someone has two partnerships"
    assert any(loss.kind == "miscarriage" and loss.date for p in fam.partnerships for loss in p.losses)
    assert fam.twins and all(len(t.members) == 2 for t in fam.twins)
    twins = [case.person(pid) for pid in fam.twins[0].members]
    assert twins[0].dob == twins[1].dob
    assert any(case.person(pid).dod for p in fam.partnerships for pid in p.partners if pid != case.subject.id)
    assert len(fam.households) >= 2
    assert any(case.subject.id in h.members for h in fam.households)


def test_practitioners_and_others(case):
    practitioners = [p for p in case.people if p.role is Role.practitioner]
    assert len(practitioners) >= 10
    assert all(p.job_title and p.agency for p in practitioners)
    assert len({p.agency for p in practitioners}) >= 6
    assert any(p.role is Role.other for p in case.people)


def test_names_that_test_the_redaction(case):
    names = " ".join([p.name for p in case.people] + [a for p in case.people for a in p.aliases])
    assert "'" in names, "an apostrophe (O'Neill)"
    assert re.search(r"[^\x00-\x7f]", names), "an accent (Zoë, Łukasz)"
    first_names = {p.name.split()[0] for p in case.people}
    assert first_names & {"Grace", "Hope", "Will", "Rose", "Joy", "Faith", "Blessing"}
    assert any(p.aliases for p in case.people if p.role is Role.family)


def test_phone_numbers_are_in_the_drama_range(case, raw):
    numbers = PHONE.findall(example_case_path().read_text(encoding="utf-8"))
    assert numbers, "the case should contain some phone numbers"
    assert all(DRAMA_MOBILE.match(n) for n in numbers), [n for n in numbers if not DRAMA_MOBILE.match(n)]
    assert any(DRAMA_MOBILE.match(i) for p in case.people for i in p.identifiers)


# --------------------------------------------------------------------------
# Chronology


def test_chronology_size_and_spread(case):
    entries = case.chronology
    assert len(entries) >= 120
    per_agency = Counter(e.agency for e in entries)
    assert set(per_agency) == {a.id for a in case.agencies}, "every agency has entries"
    period = case.review.period_under_review
    assert all(period.start <= e.date <= period.end for e in entries)
    assert 2 <= sum(e.date_uncertain for e in entries) <= 4
    assert sum(bool(e.time) for e in entries) >= 60
    assert all(re.fullmatch(r"[0-2]\d:[0-5]\d", e.time) for e in entries if e.time)
    assert sum(bool(e.seen) for e in entries) >= 30 and sum(bool(e.seen_alone) for e in entries) >= 10
    assert sum(bool(e.wishes_sought) for e in entries) >= 15
    assert sum(bool(e.expected_practice) for e in entries) >= 15
    assert sum(bool(e.relevance) for e in entries) >= 100
    assert all(e.source for e in entries)


def test_chronology_reads_like_records(case):
    events = [e.event for e in case.chronology]
    assert len(set(events)) == len(events), "no copied entries"
    assert not any(re.fullmatch(r"(Event|Entry) \d+", e) for e in events)
    assert sum(len(e.split()) for e in events) / len(events) >= 25


def test_practitioners_appear_by_pseudonym_only(case):
    text = "\n".join(e.event for e in case.chronology)
    for p in case.people:
        if p.role is Role.practitioner:
            assert p.name not in text, p.name
    acting = [p for p in case.people if p.role is Role.practitioner and p.pseudonym in text]
    assert len(acting) >= 15


def test_family_members_are_sometimes_named_as_in_real_records(case):
    text = "\n".join(e.event for e in case.chronology)
    named = [p for p in family(case) if p.name in text or p.name.split()[0] in text.split()]
    assert len(named) >= 2
    assert "Ellie Hollis" in text, "the panel chair's namesake appears in a record"


def test_same_event_recorded_by_two_agencies(case):
    by_day = Counter((e.date, e.agency) for e in case.chronology if e.agency in ("ambulance", "acute"))
    both = {d for d, a in by_day if (d, "ambulance") in by_day and (d, "acute") in by_day}
    assert len(both) >= 2


# --------------------------------------------------------------------------
# Narrative and recommendations


def test_narrative(case):
    n = case.narrative
    for name in ("circumstances", "summary_of_events", "known_to_agencies", "equality_and_diversity",
                 "key_issues", "analysis", "good_practice", "lessons", "conclusions"):
        assert getattr(n, name), name
    assert n.analysis.count("\n\n") >= 3, "the analysis has several paragraphs"
    assert 5 <= len(n.briefing_points) <= 7


def test_recommendations(case):
    recs = case.recommendations
    assert len(recs) >= 5
    agreed = case.review.key_dates.action_plan_agreed
    agency_ids = {a.id for a in case.agencies}
    smart = [r for r in recs if r.lead_agency and r.evidence and r.key_outcome and r.target_date
             and r.lead_person and r.monitoring and 2 <= len(r.key_actions) <= 3]
    assert len(smart) >= 5
    for r in smart:
        assert r.target_date > agreed
        assert set(r.agencies) <= agency_ids and r.lead_agency in r.agencies
    assert {r.status for r in recs} >= {"not started", "in progress", "complete"}
    assert [r.number for r in recs] == [str(i) for i in range(1, len(recs) + 1)]


def test_one_recommendation_is_deliberately_vague(case):
    vague = [r for r in case.recommendations if "consider" in r.recommendation.lower()]
    assert len(vague) == 1
    assert vague[0].target_date is None and vague[0].key_outcome is None
