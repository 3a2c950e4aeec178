"""Chronology checks, the `scrdocs check` report and its exit codes, and the charts."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from scrdocs.case.casefile import parse_case
from scrdocs.review.charts import chronology_lanes_chart, timeline_chart
from scrdocs.review.chronology_checks import check_chronology, summarise_chronology
from scrdocs.cli import cli
from scrdocs.review.check import check_case, check_case_file

FIXTURES = Path(__file__).parent / "fixtures" / "review"
BASE = yaml.safe_load((FIXTURES / "base_case.yaml").read_text())
TODAY = date(2024, 8, 1)


def make(change=None):
    data = copy.deepcopy(BASE)
    if change:
        change(data)
    return parse_case(data, "test")


def codes(findings):
    return [f.code for f in findings]


def write(tmp_path, data, name="case.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


# -- chronology checks ------------------------------------------------------------

def test_sound_chronology_has_no_warnings():
    findings, summary = check_chronology(make())
    assert [f for f in findings if f.severity != "info"] == []
    assert (summary.entries, summary.seen, summary.seen_alone, summary.wishes_sought) == (5, 4, 1, 2)
    assert summary.by_agency["asc"].seen_alone == 1


def test_missing_source_outside_period_and_out_of_order():
    def change(d):
        del d["chronology"][1]["source"]
        d["chronology"].append({"date": "01/06/2022", "agency": "asc", "source": "Case notes", "event": "Earlier history"})
    findings, _ = check_chronology(make(change))
    c = codes(findings)
    assert "chronology.no_source" in c
    assert "chronology.outside_period" in c
    assert "chronology.out_of_order" in c  # 01/06/2022 listed after 14/09/2023 in the ASC entries
    paths = {f.code: f.path for f in findings}
    assert paths["chronology.no_source"] == "chronology[1].source"
    assert paths["chronology.outside_period"] == "chronology[5].date"


def test_likely_duplicate_across_agencies_is_flagged_not_dropped():
    def change(d):
        d["chronology"].append({"date": "07/03/2023", "agency": "gp", "source": "GP record",
                                "event": "SW1 assessed Adult K at home; Adult K said she wanted to stay at home with her son's help"})
    case = make(change)
    findings, summary = check_chronology(case)
    assert [(i, j) for i, j, _ in summary.duplicates] == [(0, 5)]
    assert "chronology.likely_duplicate" in codes(findings)
    assert len(case.chronology) == 6


def test_same_agency_at_another_time_or_different_event_is_not_a_duplicate():
    def change(d):
        d["chronology"].append({"date": "06/03/2023", "agency": "gp", "source": "GP record", "event": "Prescription for eye drops issued"})
        d["chronology"].append({"date": "06/03/2023", "agency": "asc", "source": "Case notes",
                                "event": "SW1 assessed Adult K at home; Adult K said she wanted to stay at home with her son's help."})
    _, summary = check_chronology(make(change))
    assert summary.duplicates == []


def test_gaps_longer_than_the_configured_days_are_listed():
    _, summary = check_chronology(make(), gap_days=90)
    assert summary.gaps == [(date(2023, 6, 2), date(2023, 9, 14), 104)]
    _, summary = check_chronology(make(), gap_days=40)
    assert (date(2023, 1, 1), date(2023, 3, 6), 64) in summary.gaps  # from the start of the period
    assert (date(2023, 4, 20), date(2023, 6, 2), 43) in summary.gaps
    _, summary = check_chronology(make(), gap_days=200)
    assert summary.gaps == []


def test_never_seen_and_wishes_never_sought_are_warnings():
    def change(d):
        for e in d["chronology"]:
            e.pop("seen", None), e.pop("seen_alone", None), e.pop("wishes_sought", None)
    c = codes(check_chronology(make(change))[0])
    assert "chronology.never_seen" in c and "chronology.wishes_never_sought" in c


def test_a_sibling_seen_is_not_the_subject_seen():
    def change(d):
        others = [p for p in d["people"] if p.get("role") != "subject"]
        for e in d["chronology"]:
            e["seen_person"] = others[0]["id"]
    summary = summarise_chronology(make(change))
    assert (summary.seen, summary.seen_alone, summary.wishes_sought) == (0, 0, 0)
    assert "chronology.never_seen" in codes(check_chronology(make(change))[0])


def test_range_of_dates_counts_as_contact_throughout():
    def change(d):
        d["chronology"].append({"date": "05/06/2023", "date_end": "10/09/2023", "agency": "police",
                                "source": "Crime record", "event": "Investigation over the summer"})
    _, summary = check_chronology(make(change), gap_days=90)
    assert summary.gaps == []


def test_summary_without_period_or_entries():
    case = make(lambda d: (d["review"].pop("period_under_review"), d.pop("chronology")))
    summary = summarise_chronology(case)
    assert summary.entries == 0 and summary.gaps == []
    assert codes(check_chronology(case)[0]) == ["chronology.empty"]


# -- the whole report --------------------------------------------------------------

def test_sound_case_passes():
    report = check_case(make(), today=TODAY)
    assert report.errors == [] and report.exit_code == 0
    areas = {f.area for f in report.findings}
    assert {"timescales", "chronology", "imr"} <= areas


def test_report_json_structure():
    report = check_case(make(), today=TODAY)
    data = json.loads(report.to_json())
    assert set(data) >= {"source", "today", "procedure", "ok", "counts", "findings", "milestones", "chronology",
                         "action_plan", "imr_quality"}
    assert data["ok"] is True and data["today"] == "2024-08-01" and data["procedure"] == "national"
    assert set(data["counts"]) == {"error", "warning", "info"}
    assert all(set(f) == {"severity", "code", "path", "message"} for f in data["findings"])
    assert data["milestones"][0]["status"] == "met"
    assert data["action_plan"][1]["rag"] == "green"
    assert data["imr_quality"][0]["ratings"][1]["rating"] == "Full and clear"


def test_text_report_is_readable():
    text = check_case(make(lambda d: d["panel"]["author"].update(name="Dr Colm Ferriday")), today=TODAY).render_text()
    assert "Timescales" in text and "Action plan" in text and "IMR quality" in text
    assert "Errors (1)" in text and "1 error must be corrected" in text
    assert "\x1b[" not in text  # no colour codes unless asked


def test_cli_check_error_exits_1(tmp_path):
    data = copy.deepcopy(BASE)
    data["panel"]["panel_chair"]["organisation"] = "Westmarsh Constabulary"
    result = CliRunner().invoke(cli, ["check", str(write(tmp_path, data)), "--today", "01/08/2024"])
    assert result.exit_code == 1, result.output
    assert "panel chair works for 'Westmarsh Constabulary'" in result.output


def test_cli_check_warnings_only_exit_0(tmp_path):
    data = copy.deepcopy(BASE)
    data["recommendations"][0]["recommendation"] = "Agencies should consider how to raise awareness of carers."
    data["recommendations"][0]["key_outcome"] = "Better support for carers"
    result = CliRunner().invoke(cli, ["check", str(write(tmp_path, data)), "--today", "01/08/2024"])
    assert result.exit_code == 0, result.output
    assert "vague wording" in result.output and "No errors." in result.output


def test_cli_check_json_and_gap_days(tmp_path):
    path = write(tmp_path, copy.deepcopy(BASE))
    result = CliRunner().invoke(cli, ["check", str(path), "--json", "--today", "01/08/2024", "--gap-days", "40"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [g["days"] for g in data["chronology"]["gaps"]] == [64, 45, 43, 104, 77]
    assert data["counts"]["error"] == 0


def test_cli_check_invalid_case_file_exits_1_with_json(tmp_path):
    data = copy.deepcopy(BASE)
    data["chronology"][0]["date"] = "31/02/2023"
    path = write(tmp_path, data)
    result = CliRunner().invoke(cli, ["check", str(path), "--json"])
    assert result.exit_code == 1
    findings = json.loads(result.output)["findings"]
    assert findings[0]["code"] == "case_file.invalid" and findings[0]["path"] == "chronology[0].date"
    text = CliRunner().invoke(cli, ["check", str(path)])
    assert text.exit_code == 1 and "31/02/2023" in text.output


def test_cli_check_missing_file_and_bad_options(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["check", str(tmp_path / "nope.yaml")]).exit_code == 1
    path = write(tmp_path, copy.deepcopy(BASE))
    assert runner.invoke(cli, ["check", str(path), "--gap-days", "0"]).exit_code == 2
    assert runner.invoke(cli, ["check", str(path), "--today", "yesterday"]).exit_code == 2
    bad = runner.invoke(cli, ["check", str(path), "--procedure", "lancashire"])
    assert bad.exit_code == 1 and "lancashire" in bad.output


def test_cli_check_with_another_procedure_and_inconsistent_dates(tmp_path):
    data = copy.deepcopy(BASE)
    data["review"]["key_dates"]["decision"] = "01/01/2024"  # before the referral: an error
    result = CliRunner().invoke(cli, ["check", str(write(tmp_path, data)), "--today", "01/08/2024", "--json"])
    assert result.exit_code == 1
    assert "timescales.inconsistent" in [f["code"] for f in json.loads(result.output)["findings"]]
    result = CliRunner().invoke(cli, ["check", str(write(tmp_path, copy.deepcopy(BASE))), "--procedure", "stockport",
                                      "--today", "01/08/2024", "--json"])
    assert json.loads(result.output)["procedure"] == "stockport"


def test_check_case_file_uses_the_procedure_beside_the_case(tmp_path):
    (tmp_path / "own.yaml").write_text("name: own\ntitle: Own\nmilestones:\n"
                                       "  - {id: decision, label: Decision, from: referral, within: 5 days, done: decision}\n")
    data = copy.deepcopy(BASE)
    data["review"]["procedure"] = "own.yaml"
    report = check_case_file(write(tmp_path, data), today=TODAY)
    assert report.procedure == "own" and report.milestones[0].status.value == "late"


def test_example_case_passes_check_with_no_errors():
    from scrdocs.examples import example_case_path
    result = CliRunner().invoke(cli, ["check", str(example_case_path()), "--json", "--today", "01/06/2024"])
    data = json.loads(result.output)
    assert [f for f in data["findings"] if f["severity"] == "error"] == []
    assert result.exit_code == 0
    vague = [f for f in data["findings"] if f["code"] == "smart.vague_wording"]
    assert vague and all(f["severity"] == "warning" for f in vague)


# -- charts -----------------------------------------------------------------------

def test_charts_are_deterministic():
    case = make()
    for fmt in ("svg", "png"):
        assert timeline_chart(case, format=fmt, today=TODAY) == timeline_chart(make(), format=fmt, today=TODAY)
        assert chronology_lanes_chart(case, format=fmt) == chronology_lanes_chart(make(), format=fmt)


def test_svg_charts_carry_agency_labels_not_names():
    case = make()
    lanes = chronology_lanes_chart(case, format="svg").decode()
    assert "ASC" in lanes and "WMC" in lanes and "GP" in lanes and "seen alone" in lanes
    timeline = timeline_chart(case, format="svg", today=TODAY).decode()
    assert "Review completed" in timeline
    for person in case.people:
        for part in person.name.split():
            assert part not in lanes and part not in timeline
    for panel_person in (case.panel.panel_chair, case.panel.author, case.panel.board_chair):
        assert panel_person.name.split()[-1] not in lanes + timeline


def test_charts_for_an_empty_case():
    case = make(lambda d: (d.pop("chronology"), d["review"].update(key_dates={})))
    assert b"<svg" in chronology_lanes_chart(case, format="svg")
    assert timeline_chart(case, format="png", today=TODAY).startswith(b"\x89PNG")
    with pytest.raises(ValueError):
        chronology_lanes_chart(case, format="pdf")


def test_a_finished_reviews_timeline_does_not_change_with_the_date_it_is_drawn():
    # base_case: every national milestone done by July 2024. A published report's chart
    # must not stretch to (or show) whatever day the pack was built.
    case = make()
    later = timeline_chart(case, format="svg", today=date(2027, 5, 1))
    assert later == timeline_chart(case, format="svg", today=date(2029, 1, 1))
    assert "today" not in later.decode()
    # While a milestone is still open, today is marked.
    open_case = make(lambda d: d["review"]["key_dates"].pop("completed"))
    assert "today" in timeline_chart(open_case, format="svg", today=date(2024, 9, 1)).decode()


def test_the_action_plan_table_names_the_lead_agency_as_people_know_it():
    report = check_case(make(), today=TODAY)
    text = report.render_text(width=200)
    plan = text[text.index("Action plan"):text.index("IMR quality")]
    assert "WMC" in plan and "police" not in plan  # the short name, not the case file's id
    assert {a["lead_agency"] for a in report.to_dict()["action_plan"]} >= {"police"}  # JSON keeps the id for scripts


# -- partnership wording (issue 14) -------------------------------------------------

def _without_evidence(kind):
    def change(d):
        d["review"]["type"] = kind
        d["recommendations"][0].pop("evidence", None)
        d["recommendations"][0].pop("lead_agency", None)
    return check_case(make(change), today=TODAY)


def test_a_partnership_review_says_safeguarding_partners_not_board():
    messages = " ".join(f.message for f in _without_evidence("CSPR").findings)
    assert "what the safeguarding partners will see" in messages and "answers to the safeguarding partners" in messages
    assert "board" not in messages.lower()


def test_a_board_review_keeps_board_wording():
    messages = " ".join(f.message for f in _without_evidence("SAR").findings)
    assert "what the board will see" in messages


def test_board_chair_label_by_review_type_or_role_label():
    sar = make()
    assert sar.panel.board_chair_label(sar.review.type) == "Chair of the Safeguarding Board"
    cspr = make(lambda d: d["review"].update(type="CSPR"))
    assert cspr.panel.board_chair_label(cspr.review.type) == "Lead for the safeguarding partners"
    scrutineer = make(lambda d: (d["review"].update(type="CSPR"), d["panel"]["board_chair"].update(role_label="Independent Scrutineer")))
    assert scrutineer.panel.board_chair_label(scrutineer.review.type) == "Independent Scrutineer"


def test_timeline_names_the_review_type_and_who_runs_it():
    run = CliRunner().invoke(cli, ["timeline", str(FIXTURES / "late_cspr.yaml"), "--today", "10/01/2025"])
    assert run.exit_code == 0, run.output
    assert "Child L (Child Safeguarding Practice Review, Westmarsh Safeguarding Children Partnership)" in run.output
