"""IMR quality against the Herefordshire standards: measured criteria rated, judgements left to the panel."""

from __future__ import annotations

import re

import copy
from pathlib import Path

import yaml

from scrdocs.case.casefile import parse_case
from scrdocs.review.imr_quality import FULL, LIMITED, NOT_IN_CASE_FILE, PANEL, PARTIAL, check_imr_quality, rate_imr

BASE = yaml.safe_load((Path(__file__).parent / "fixtures" / "review" / "base_case.yaml").read_text())


def ratings(change=None, agency=0):
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    case = parse_case(data, "t")
    return {r.id: r for r in rate_imr(case, case.agencies[agency]).ratings}


def test_every_herefordshire_criterion_is_listed():
    r = ratings()
    assert list(r) == ["family_details", "genogram", "chronology", "seen_and_wishes", "summary", "talks_through_process",
                       "analysis", "lessons", "recommendations", "sign_off", "clear_change", "repeated_recommendations"]


def test_full_imr_rates_full_and_clear_on_what_can_be_measured():
    r = ratings()
    for key in ("genogram", "chronology", "seen_and_wishes", "analysis", "recommendations", "sign_off"):
        assert r[key].rating == FULL, (key, r[key].reason)
    for key in ("family_details", "summary", "talks_through_process", "lessons", "clear_change", "repeated_recommendations"):
        assert r[key].rating == PANEL and not r[key].measured


def test_limited_ratings():
    def change(d):
        d.pop("family")
        d["chronology"] = [e for e in d["chronology"] if e["agency"] != "asc"]
        d["agencies"][0]["imr"] = {"summary_of_involvement": "Brief."}
        d["agencies"][0].pop("sign_off")
    r = ratings(change)
    for key in ("genogram", "chronology", "seen_and_wishes", "analysis", "recommendations", "sign_off"):
        assert r[key].rating == LIMITED, key


def test_partial_ratings():
    def change(d):
        d["family"] = {"households": [{"label": "Home", "members": ["k", "son"]}]}
        d["chronology"][0].pop("source")
        d["chronology"][3].pop("wishes_sought")
        d["chronology"][0].pop("wishes_sought")
        d["agencies"][0]["imr"]["analysis"] = "Too short to be an analysis."
        d["agencies"][0]["imr"]["recommendations"][0].pop("target_date")
        d["agencies"][0]["sign_off"]["job_title"] = "Team Manager"
    r = ratings(change)
    for key in ("genogram", "chronology", "seen_and_wishes", "analysis", "recommendations", "sign_off"):
        assert r[key].rating == PARTIAL, (key, r[key].reason)
    assert "Team Manager" in r["sign_off"].reason


def test_director_level_needs_a_date_too():
    r = ratings(lambda d: d["agencies"][0].pop("signed_off"))
    assert r["sign_off"].rating == PARTIAL and "date" in r["sign_off"].reason


def test_imr_text_not_in_the_case_file_is_not_rated_limited():
    r = ratings(agency=1)  # police: no imr section
    assert r["analysis"].rating == NOT_IN_CASE_FILE and r["recommendations"].rating == NOT_IN_CASE_FILE
    assert r["sign_off"].rating == FULL  # Assistant Chief Constable


def test_findings_per_imr():
    findings, results = check_imr_quality(parse_case(copy.deepcopy(BASE), "t"))
    assert [q.agency for q in results] == ["ASC", "WMC", "GP"]
    assert results[2].within_timescale == "no (5 days late)"
    late = next(f for f in findings if f.code == "imr.late")
    assert late.path == "agencies[2].imr_received"
    # Plain: when it came, how late, when it was due; not "received late: no (...)".
    assert re.fullmatch(r"GP IMR was received late: on \d\d/\d\d/\d{4}, 5 days after it was due on \d\d/\d\d/\d{4}",
                        late.message), late.message
    assert any(f.code == "imr.for_panel" for f in findings)
    assert not any(f.code == "imr.limited" for f in findings)
    data = copy.deepcopy(BASE)
    data["agencies"][0].pop("sign_off")
    findings, _ = check_imr_quality(parse_case(data, "t"))
    limited = [f for f in findings if f.code == "imr.limited"]
    assert [(f.path, f.severity) for f in limited] == [("agencies[0]", "warning")]
    assert "sign off" in limited[0].message


def test_an_imr_with_no_due_or_received_date_is_not_called_late():
    data = copy.deepcopy(BASE)
    for agency in data["agencies"]:
        agency.pop("imr_due", None)
        agency.pop("imr_received", None)
    data["agencies"][0]["imr_due"] = "15/04/2024"  # due, not yet received: not late either
    findings, results = check_imr_quality(parse_case(data, "t"))
    assert not any(f.code == "imr.late" for f in findings)
    assert results[0].within_timescale.startswith("not yet received") and results[1].within_timescale == "not known"
