"""Timescales: working days, procedures as data, and milestone status."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.errors import RulesError
from scrdocs.review.timescales import (
    Period,
    Status,
    add_working_days,
    is_working_day,
    load_procedure,
    review_timescales,
    shipped_procedures,
)

FIXTURES = Path(__file__).parent / "fixtures" / "review"


def _by_id(rows):
    return {r.id: r for r in rows}


# -- working days ---------------------------------------------------------

def test_christmas_2024_five_working_days_skip_weekend_and_both_bank_holidays():
    # Fri 20/12: Mon 23, Tue 24, (Wed 25 and Thu 26 bank holidays), Fri 27, (weekend), Mon 30, Tue 31
    assert add_working_days(date(2024, 12, 20), 5) == date(2024, 12, 31)


def test_christmas_and_new_year_across_the_year_end():
    # Tue 24/12/2024 + 3: Fri 27, Mon 30, Tue 31 -> and +4 skips New Year's Day to Thu 02/01/2025
    assert add_working_days(date(2024, 12, 24), 3) == date(2024, 12, 31)
    assert add_working_days(date(2024, 12, 24), 4) == date(2025, 1, 2)


def test_easter_2024_good_friday_and_easter_monday_are_not_working_days():
    assert not is_working_day(date(2024, 3, 29))  # Good Friday
    assert not is_working_day(date(2024, 4, 1))  # Easter Monday
    assert add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)


def test_easter_2025():
    # Thu 17/04/2025 + 2: (Good Friday 18, weekend, Easter Monday 21) Tue 22, Wed 23
    assert add_working_days(date(2025, 4, 17), 2) == date(2025, 4, 23)


def test_zero_working_days_is_the_start_and_weekends_do_not_count():
    assert add_working_days(date(2024, 6, 7), 0) == date(2024, 6, 7)
    assert add_working_days(date(2024, 6, 8), 1) == date(2024, 6, 10)  # Saturday -> Monday


def test_scottish_bank_holidays_differ():
    assert is_working_day(date(2025, 1, 2), "england-and-wales")
    assert not is_working_day(date(2025, 1, 2), "scotland")


# -- periods ----------------------------------------------------------------

@pytest.mark.parametrize("text, start, expected", [
    ("1 month", date(2024, 1, 31), date(2024, 2, 29)),
    ("6 months", date(2024, 3, 1), date(2024, 9, 1)),
    ("7 days", date(2024, 6, 3), date(2024, 6, 10)),
    ("4 weeks", date(2024, 6, 3), date(2024, 7, 1)),
    ("20 working days", date(2024, 12, 20), date(2025, 1, 22)),
    ("28 calendar days", date(2025, 4, 1), date(2025, 4, 29)),
])
def test_period_parse_and_after(text, start, expected):
    assert Period.parse(text).after(start) == expected


def test_period_rejects_nonsense():
    with pytest.raises(ValueError, match="not a period"):
        Period.parse("a fortnight")


# -- procedures -------------------------------------------------------------

def test_shipped_procedures_load():
    assert shipped_procedures() == ["cumbria", "national", "stockport"]
    for name in shipped_procedures():
        assert load_procedure(name).milestones


def test_board_can_use_its_own_procedure_file(tmp_path):
    own = tmp_path / "ourboard.yaml"
    own.write_text("name: ourboard\ntitle: Our board\nmilestones:\n"
                   "  - {id: decision, label: Decision, from: referral, within: 10 working days, done: decision}\n")
    case = load_case(FIXTURES / "late_national.yaml")
    rows = review_timescales(case, load_procedure("ourboard.yaml", base_dir=tmp_path), today=date(2026, 1, 1))
    assert [r.id for r in rows] == ["decision"]
    assert rows[0].due == date(2024, 1, 22)
    assert rows[0].status is Status.late


@pytest.mark.parametrize("body, expected", [
    ("name: x\ntitle: X\nmilestones: []\n", "milestones"),
    ("name: x\ntitle: X\nmilestones:\n  - {id: a, label: A, from: referal, within: 1 month, done: decision}\n", "referal"),
    ("name: x\ntitle: X\nmilestones:\n  - {id: a, label: A, from: referral, within: soon, done: decision}\n", "not a period"),
    ("name: x\ntitle: X\nmilestones:\n  - {id: a, label: A, from: referral, within: 1 month, done: decision, colour: red}\n", "colour"),
    ("name: x\ntitle: [unclosed\n", "cannot be read"),
])
def test_bad_procedure_file_is_a_rules_error(tmp_path, body, expected):
    path = tmp_path / "bad.yaml"
    path.write_text(body)
    with pytest.raises(RulesError, match=expected):
        load_procedure(path)


def test_unknown_procedure_names_the_shipped_ones():
    with pytest.raises(RulesError) as info:
        load_procedure("lancashire")
    assert "national" in str(info.value) and "stockport" in str(info.value)


# -- each procedure, each deadline broken ------------------------------------

TODAY = date(2026, 2, 1)


def test_national_deadlines_broken():
    rows = _by_id(review_timescales(load_case(FIXTURES / "late_national.yaml"), today=TODAY))
    assert rows["decision"].status is Status.late and rows["decision"].due == date(2024, 2, 8)
    assert rows["decision"].days == 12
    assert rows["completion"].status is Status.overdue and rows["completion"].due == date(2024, 8, 20)


def test_stockport_deadlines_broken_in_working_days():
    rows = _by_id(review_timescales(load_case(FIXTURES / "late_stockport.yaml"), today=TODAY))
    assert (rows["subgroup"].due, rows["subgroup"].status) == (date(2025, 1, 22), Status.late)
    assert (rows["recommendation"].due, rows["recommendation"].status) == (date(2025, 2, 7), Status.late)
    assert (rows["decision"].due, rows["decision"].status) == (date(2025, 3, 3), Status.late)
    assert rows["completion"].status is Status.overdue
    assert (rows["complaint"].due, rows["complaint"].status) == (date(2025, 4, 29), Status.late)
    assert rows["complaint"].path == "review.complaints[0].answered"
    assert rows["complaint_escalation"].status is Status.overdue


def test_cumbria_deadlines_broken():
    rows = _by_id(review_timescales(load_case(FIXTURES / "late_cumbria.yaml"), today=TODAY))
    expected = {"panel_meets": date(2024, 6, 10), "recommendation": date(2024, 7, 1), "imrs_begin": date(2024, 8, 26),
                "overview_report": date(2024, 11, 15)}
    for key, due in expected.items():
        assert (rows[key].due, rows[key].status) == (due, Status.late), key
    assert rows["action_plans"].start_field == "action_plans_requested"
    assert (rows["action_plans"].due, rows["action_plans"].status) == (date(2024, 12, 23), Status.overdue)


def test_cumbria_action_plans_fall_back_to_the_overview_report_date():
    case = load_case(FIXTURES / "late_cumbria.yaml")
    case.review.key_dates.action_plans_requested = None
    rows = _by_id(review_timescales(case, today=TODAY))
    assert rows["action_plans"].start_field == "overview_report_submitted"
    assert rows["action_plans"].due == date(2024, 12, 18)


# -- statuses ----------------------------------------------------------------

def test_met_due_soon_not_applicable_and_inconsistent():
    case = load_case(FIXTURES / "late_national.yaml")
    kd = case.review.key_dates
    kd.decision = date(2024, 2, 1)
    rows = _by_id(review_timescales(case, today=date(2024, 7, 31)))
    assert rows["decision"].status is Status.met
    assert rows["completion"].status is Status.due and rows["completion"].days == 1  # due 01/08/2024
    assert "in 1 day" in rows["completion"].message

    kd.referral = None
    rows = _by_id(review_timescales(case, today=date(2024, 8, 10)))
    assert rows["decision"].status is Status.not_applicable
    assert "referral" in rows["decision"].message and "review.key_dates.referral" in rows["decision"].message

    kd.referral, kd.decision = date(2024, 3, 1), date(2024, 2, 1)
    rows = _by_id(review_timescales(case, today=date(2024, 8, 10)))
    assert rows["decision"].status is Status.inconsistent


def test_revised_timetable_moves_the_completion_date():
    case = load_case(FIXTURES / "late_national.yaml")
    case.review.key_dates.due = date(2024, 12, 31)
    case.review.key_dates.completed = date(2024, 11, 30)
    rows = _by_id(review_timescales(case, today=TODAY))
    assert rows["completion"].status is Status.met and rows["completion"].due == date(2024, 12, 31)
    assert "revised timetable" in rows["completion"].message


def test_escalation_milestone_is_left_out_when_nothing_was_escalated():
    case = load_case(FIXTURES / "late_stockport.yaml")
    case.review.complaints[0].escalated = None
    assert "complaint_escalation" not in _by_id(review_timescales(case, today=TODAY))


# -- CLI ---------------------------------------------------------------------

def test_timeline_command_prints_each_milestone(tmp_path):
    result = CliRunner().invoke(cli, ["timeline", str(FIXTURES / "late_stockport.yaml"), "--today", "01/02/2026"])
    assert result.exit_code == 0, result.output
    assert "22/01/2025" in result.output and "late" in result.output and "overdue" in result.output


def test_timeline_command_draws_png_and_svg(tmp_path):
    for name in ("t.png", "t.svg"):
        out, lanes = tmp_path / name, tmp_path / f"lanes-{name}"
        result = CliRunner().invoke(cli, ["timeline", str(FIXTURES / "base_case.yaml"), "--today", "01/02/2026",
                                          "--chart", str(out), "--chronology-chart", str(lanes)])
        assert result.exit_code == 0, result.output
        for data in (out.read_bytes(), lanes.read_bytes()):
            assert data.startswith(b"\x89PNG") if name.endswith("png") else b"<svg" in data


def test_timeline_command_rejects_other_chart_types_and_bad_dates(tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["timeline", str(FIXTURES / "late_cumbria.yaml"), "--chart", str(tmp_path / "t.pdf")]).exit_code == 2
    assert runner.invoke(cli, ["timeline", str(FIXTURES / "late_cumbria.yaml"), "--chronology-chart", "t.jpg"]).exit_code == 2
    assert runner.invoke(cli, ["timeline", str(FIXTURES / "late_cumbria.yaml"), "--today", "31/02/2026"]).exit_code == 2
    assert runner.invoke(cli, ["timeline", str(FIXTURES / "late_cumbria.yaml"), "--procedure", "nowhere"]).exit_code == 1


# -- Child Safeguarding Practice Reviews (issue 14) ---------------------------------

def _cspr(tmp_path, **key_dates):
    import yaml

    data = yaml.safe_load((FIXTURES / "late_cspr.yaml").read_text())
    for k, v in key_dates.items():
        if v is None:
            data["review"]["key_dates"].pop(k, None)
        else:
            data["review"]["key_dates"][k] = v
    path = tmp_path / "cspr.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return load_case(path)


def test_cspr_breaks_each_statutory_milestone():
    rows = _by_id(review_timescales(load_case(FIXTURES / "late_cspr.yaml"), today=date(2025, 1, 10)))
    assert "decision" not in rows  # the SCR chair's one-month decision is not a CSPR milestone
    n = rows["panel_notification"]
    assert (n.status, n.start_field, n.due, n.days) == (Status.late, "incident_learned", date(2024, 3, 11), 2)
    r = rows["rapid_review"]
    assert (r.status, r.due, r.days) == (Status.late, date(2024, 4, 5), 7)  # Easter does not count
    s = rows["national_panel_submission"]
    assert (s.status, s.due) == (Status.too_early, date(2024, 12, 11))
    assert "too early" in s.message and s.within == "at least 7 working days before"


def test_cspr_milestones_met(tmp_path):
    case = _cspr(tmp_path, panel_notification="11/03/2024", rapid_review="03/04/2024", published="11/12/2024")
    rows = _by_id(review_timescales(case, today=date(2025, 1, 10)))
    assert [rows[i].status for i in ("panel_notification", "rapid_review", "national_panel_submission")] == [Status.met] * 3


def test_cspr_counts_from_the_incident_when_learning_of_it_is_not_recorded(tmp_path):
    case = _cspr(tmp_path, incident_learned=None)
    n = _by_id(review_timescales(case, today=date(2025, 1, 10)))["panel_notification"]
    assert (n.start_field, n.due) == ("incident", date(2024, 3, 8))


def test_cspr_publication_not_yet_and_published_without_sending(tmp_path):
    rows = _by_id(review_timescales(_cspr(tmp_path, published=None), today=date(2024, 12, 3)))
    assert rows["national_panel_submission"].status is Status.due
    assert "on or after 11/12/2024" in rows["national_panel_submission"].message
    rows = _by_id(review_timescales(_cspr(tmp_path, national_panel_submission=None), today=date(2025, 1, 10)))
    assert rows["national_panel_submission"].status is Status.not_recorded


def test_cspr_milestones_do_not_apply_to_an_scr():
    rows = _by_id(review_timescales(load_case(FIXTURES / "late_national.yaml"), today=date(2025, 1, 10)))
    assert "panel_notification" not in rows and "decision" in rows


def test_procedure_may_count_from_the_incident(tmp_path):
    proc = tmp_path / "ours.yaml"
    proc.write_text("name: ours\ntitle: Our partnership\nmilestones:\n"
                    "  - {id: n, label: Notified, from: incident, within: 3 working days, done: panel_notification}\n")
    rows = review_timescales(load_case(FIXTURES / "late_cspr.yaml"), load_procedure(proc), today=date(2025, 1, 10))
    assert (rows[0].start_field, rows[0].due) == ("incident", date(2024, 3, 6))


def test_procedure_rule_needs_one_kind(tmp_path):
    proc = tmp_path / "bad.yaml"
    proc.write_text("name: bad\ntitle: Bad\nmilestones:\n"
                    "  - {id: n, label: N, from: incident, within: 3 days, done: rapid_review, before: published}\n")
    with pytest.raises(RulesError, match="either 'within' and 'done'"):
        load_procedure(proc)


def test_check_and_timeline_show_the_cspr_milestones():
    from scrdocs.review.check import check_case_file

    report = check_case_file(FIXTURES / "late_cspr.yaml", today=date(2025, 1, 10))
    codes = {f.code for f in report.findings}
    assert {"timescales.late", "timescales.too_early"} <= codes
    text = report.render_text()
    assert "National Panel" in text and "rapid review" in text
    run = CliRunner().invoke(cli, ["timeline", str(FIXTURES / "late_cspr.yaml"), "--today", "10/01/2025"])
    assert run.exit_code == 0, run.output
    assert "Local authority notifies the National Panel" in run.output
    assert "at least 7 working days before" in run.output and "too early" in run.output
