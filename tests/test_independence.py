"""Panel independence: each rule with a passing and a failing example; breaches are errors."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from scrdocs.case.casefile import parse_case
from scrdocs.review.independence import check_independence, employed_by, normalise_name, normalise_organisation
from scrdocs.case.model import Agency

BASE = yaml.safe_load((Path(__file__).parent / "fixtures" / "review" / "base_case.yaml").read_text())


def findings_for(change=None):
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    return check_independence(parse_case(data, "t"))


def test_sound_panel_is_independent():
    assert findings_for() == []


# -- panel chair and the involved agencies ---------------------------------------

@pytest.mark.parametrize("organisation", [
    "Westmarsh Constabulary",                       # the agency's full name
    "westmarsh  constabulary.",                     # case, spacing and punctuation
    "The Westmarsh Constabulary",
    "Westmarsh Council Adult Social Care",          # ASC by full name
    "ASC",                                          # by short name
    "Safeguarding Unit, Westmarsh Constabulary",    # a department of the agency
])
def test_chair_employed_by_an_involved_agency_is_an_error(organisation):
    found = findings_for(lambda d: d["panel"]["panel_chair"].update(organisation=organisation))
    assert [f.code for f in found] == ["independence.chair_employed_by_agency"]
    assert found[0].severity == "error" and found[0].path == "panel.panel_chair.organisation"


@pytest.mark.parametrize("organisation", ["Ferriday Review Associates", "Westmarsh University", "Riverside Housing", None])
def test_chair_from_an_uninvolved_organisation_passes(organisation):
    assert findings_for(lambda d: d["panel"]["panel_chair"].update(organisation=organisation)) == []


def test_short_name_match_needs_a_real_abbreviation():
    agency = Agency(id="gp", name="Riverside Surgery", short_name="GP")
    assert employed_by("GP", agency)
    assert not employed_by("Independent GP trainer network", Agency(id="x", name="Riverside Surgery", short_name="Surgery"))


def test_chair_listed_as_a_practitioner_is_an_error():
    def change(d):
        d["people"].append({"id": "cf", "name": "Colm Ferriday", "role": "practitioner", "agency": "gp", "job_title": "Locum GP"})
    assert [f.code for f in findings_for(change)] == ["independence.chair_was_practitioner"]


# -- overview author and panel chair ------------------------------------------------

@pytest.mark.parametrize("name", ["Dr Colm Ferriday", "colm ferriday", "Dr. Colm  Ferriday"])
def test_author_who_is_the_chair_is_an_error(name):
    found = findings_for(lambda d: d["panel"]["author"].update(name=name))
    assert [f.code for f in found] == ["independence.author_is_chair"]
    assert found[0].severity == "error" and found[0].path == "panel.author"


def test_author_matching_the_chair_by_alias_is_an_error():
    def change(d):
        d["panel"]["panel_chair"]["aliases"] = ["C. Ferriday"]
        d["panel"]["author"].update(name="C Ferriday")
    assert [f.code for f in findings_for(change)] == ["independence.author_is_chair"]


def test_author_different_from_chair_passes():
    assert findings_for(lambda d: d["panel"]["author"].update(name="Colm Ferris")) == []


# -- IMR author and their own agency's chronology -------------------------------------

def test_imr_author_named_in_own_agency_chronology_is_an_error():
    def change(d):
        d["chronology"][0]["event"] = "Gwendolyn Storr assessed Adult K at home."
    found = findings_for(change)
    assert [(f.code, f.path) for f in found] == [("independence.imr_author_in_chronology", "chronology[0]")]
    assert found[0].severity == "error"


def test_imr_author_who_is_a_practitioner_of_the_agency_is_an_error_and_found_by_pseudonym():
    def change(d):
        d["agencies"][0]["imr_author"]["name"] = "Ottilie Brereton"  # she is SW1, who appears in the ASC entries
    found = findings_for(change)
    got = [(f.code, f.path) for f in found]
    assert ("independence.imr_author_was_practitioner", "agencies[0].imr_author") in got
    assert ("independence.imr_author_in_chronology", "chronology[0]") in got
    assert ("independence.imr_author_in_chronology", "chronology[3]") in got
    assert all(f.severity == "error" for f in found)
    assert all("Brereton" not in f.message for f in found)  # messages use the pseudonym, not the name


def test_an_imr_author_written_with_a_rank_is_still_the_practitioner():
    # "Detective Sergeant Ottilie Brereton" on the IMR is SW1 "Ottilie Brereton" of the same agency.
    def change(d):
        d["agencies"][0]["imr_author"]["name"] = "Detective Sergeant Ottilie Brereton"
    got = [(f.code, f.path) for f in findings_for(change)]
    assert ("independence.imr_author_was_practitioner", "agencies[0].imr_author") in got


def test_an_imr_author_with_a_rank_named_without_it_in_the_chronology_is_an_error():
    def change(d):
        d["agencies"][0]["imr_author"]["name"] = "Detective Sergeant Gwendolyn Storr"
        d["chronology"][0]["event"] = "Gwendolyn Storr assessed Adult K at home."
    got = [(f.code, f.path) for f in findings_for(change)]
    assert got == [("independence.imr_author_in_chronology", "chronology[0]")]


def test_imr_author_named_only_in_another_agencys_chronology_passes():
    def change(d):
        d["chronology"][1]["event"] = "GP wrote to Gwendolyn Storr at Adult Social Care."  # a GP entry
    assert findings_for(change) == []


def test_practitioner_of_another_agency_with_the_same_name_passes():
    def change(d):
        d["agencies"][1]["imr_author"]["name"] = "Ottilie Brereton"  # police IMR author; SW1 works for ASC
    assert findings_for(change) == []


def test_normalisers():
    assert normalise_name("Dr. Ann  O'Neill") == "ann oneill"
    assert normalise_name("Detective Sergeant Ann O'Neill") == normalise_name("DS Ann O'Neill") == "ann oneill"
    assert normalise_name("Ann O'Neill MBE") == "ann oneill"
    assert normalise_organisation("The Northshire N.H.S. Trust & Partners") == "northshire nhs trust partners"


# -- every role, independent of the agencies and of the case (issue 14) -------------

def _errors(found):
    return [(f.code, f.path) for f in found if f.severity == "error"]


def test_author_employed_by_an_involved_agency_is_an_error():
    found = findings_for(lambda d: d["panel"]["author"].update(organisation="Westmarsh Constabulary"))
    assert _errors(found) == [("independence.author_employed_by_agency", "panel.author.organisation")]


def test_author_from_an_uninvolved_organisation_passes():
    assert findings_for(lambda d: d["panel"]["author"].update(organisation="Riverside Housing")) == []


def test_author_listed_as_a_practitioner_is_an_error():
    def change(d):
        d["people"].append({"id": "pa", "name": "Priya Anand-Whitlow", "role": "practitioner", "agency": "asc"})
    assert _errors(findings_for(change)) == [("independence.author_was_practitioner", f"people[{len(BASE['people'])}]")]


@pytest.mark.parametrize("role, path, code", [("panel_chair", "panel_chair", "chair"), ("author", "author", "author")])
def test_decision_maker_named_in_the_chronology_is_an_error(role, path, code):
    name = BASE["panel"][role]["name"]

    def change(d):
        d["chronology"][2]["event"] = f"Decision by {name} to close the case after the police visit."
    assert _errors(findings_for(change)) == [(f"independence.{code}_in_chronology", "chronology[2]")]


def test_a_first_name_alone_in_the_chronology_passes():
    def change(d):
        d["chronology"][2]["event"] = "Priya from the neighbourhood team called."
    assert findings_for(change) == []


def test_panel_member_who_is_a_practitioner_or_named_in_the_chronology_is_an_error():
    def as_practitioner(d):
        d["panel"]["members"] = [{"name": "Tomasz Wren", "job_title": "Named nurse", "organisation": "Riverside Housing"}]
        d["people"].append({"id": "tw", "name": "Tomasz Wren", "role": "practitioner", "agency": "gp"})
    assert _errors(findings_for(as_practitioner)) == [("independence.member_was_practitioner", f"people[{len(BASE['people'])}]")]

    def named(d):
        d["panel"]["members"] = [{"name": "Tomasz Wren", "organisation": "Riverside Housing"}]
        d["chronology"][4]["event"] = "Tomasz Wren, practice manager, decided not to refer."
    assert _errors(findings_for(named)) == [("independence.member_in_chronology", "chronology[4]")]


def test_panel_member_from_an_involved_agency_is_listed_not_a_breach():
    def change(d):
        d["panel"]["members"] = [
            {"name": "Tomasz Wren", "job_title": "Detective Inspector", "organisation": "Westmarsh Constabulary"},
            {"name": "Ruth Gale", "job_title": "Lay member", "organisation": "Riverside Housing"}]
    found = findings_for(change)
    assert _errors(found) == []
    assert [(f.severity, f.code, f.path) for f in found] == [("info", "independence.member_from_involved_agency", "panel.members[0]")]
    assert "Detective Inspector, Westmarsh Constabulary" in found[0].message


def test_a_panel_solely_of_involved_agencies_is_a_warning():
    def change(d):
        d["panel"]["members"] = [{"name": "Tomasz Wren", "organisation": "Westmarsh Constabulary"}]
    found = findings_for(change)
    assert [f.code for f in found if f.severity == "warning"] == ["independence.panel_only_involved_agencies"]
