"""Case file messages (issue 14): quoting for split values, stray spaces, uncertain dates,
and every problem (references included) in one run."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from scrdocs.case.casefile import read_case_text
from scrdocs.cli import cli
from scrdocs.errors import CaseFileError

FIXTURE = Path(__file__).parent / "fixtures" / "casefile" / "small_case.yaml"
VALID = FIXTURE.read_text(encoding="utf-8")


def variant(old: str, new: str, text: str = VALID) -> str:
    assert text.count(old) == 1, f"fixture changed: {old!r} should occur exactly once"
    return text.replace(old, new)


def problems(text: str) -> list[str]:
    with pytest.raises(CaseFileError) as info:
        read_case_text(text, "t.yaml")
    return [str(p) for p in info.value.problems]


def test_a_comma_inside_braces_splitting_a_value_points_to_quoting():
    text = variant("author: {name: Hannah Brightwell,", "author: {name: Brightwell, Hannah,")
    [message] = problems(text)
    assert message.startswith("panel.author.Hannah:")
    assert "split off at the comma" in message and 'name: "Brightwell, Hannah"' in message


def test_a_colon_inside_an_unquoted_value_points_to_quoting():
    text = variant("    event: SW1 visited; Adult C seen alone.", "    event: SW1 visited, outcome: Adult C seen alone.")
    with pytest.raises(CaseFileError) as info:
        read_case_text(text, "t.yaml")
    assert "line 64" in str(info.value.problems[0]) and "': ' in it" in str(info.value.problems[0])
    assert info.value.hint == 'Put the whole value in quotes: event: "SW1 visited, outcome: Adult C seen alone."'


def test_a_misspelt_field_is_still_a_misspelt_field():
    [message] = problems(variant("  members:\n", "  memberz:\n"))
    assert "is not a field scrdocs knows" in message


def test_a_stray_space_is_accepted():
    case = read_case_text(variant("type: SAR", "type: 'SAR '"), "t.yaml")
    assert case.review.type.value == "SAR"
    case = read_case_text(variant("  - {id: asc,", "  - {id: 'asc ',"), "t.yaml")
    assert case.agencies[0].id == "asc"


def test_a_value_not_allowed_is_named_exactly():
    [message] = problems(variant("type: SAR", "type: 'S.A.R '"))
    assert "must be one of" in message and "the file has 'S.A.R'" in message


@pytest.mark.parametrize("written, estimate", [("Mid Feb 2021", "11/02/2021"), ("? 02/2021", "01/02/2021"),
                                               ("W/C 08/02/2021", "08/02/2021"), ("not known", "your best estimate")])
def test_an_uncertain_date_suggests_date_uncertain(written, estimate):
    [message] = problems(variant("  - date: 14/02/2021", f"  - date: '{written}'"))
    assert message.startswith("chronology[0].date:")
    assert f"date: {estimate}" in message and "date_uncertain: true" in message and f'date_text: "{written}"' in message


def test_a_date_with_a_time_in_it_says_where_the_time_goes():
    [message] = problems(variant("  - date: 14/02/2021", "  - date: 14/02/2021 10:30"))
    assert "write the date (14/02/2021) here and the time (10:30) in 'time'" in message


def test_every_problem_in_one_run_references_included(tmp_path):
    text = variant("type: SAR", "type: SCRR")
    text = variant("  - {id: police, name: Westmere Police}", "  - {id: police, name: Westmere Police, colour: blue}", text)
    text = variant("  - date: 02/03/2021", "  - date: 31/02/2021", text)
    text = text.replace("agency: police", "agency: polise", 1)
    found = problems(text)
    paths = [m.split(":")[0] for m in found]
    assert "review.type" in paths and "agencies[1].colour" in paths and "chronology[1].date" in paths
    assert any("'polise' is not the id of an agency" in m for m in found)
    path = tmp_path / "c.yaml"
    path.write_text(text)
    run = CliRunner().invoke(cli, ["check", str(path)])
    assert run.exit_code == 1 and "polise" in run.output and "SCRR" in run.output


def test_seen_person_must_be_a_person():
    found = problems(variant("    event: SW1 visited; Adult C seen alone.", "    event: SW1 visited; Adult C seen alone.\n    seen_person: nobody"))
    assert any(m.startswith("chronology[0].seen_person:") and "'nobody'" in m for m in found)


# -- "did you mean": the closest known field or id (difflib) ----------------------

def test_a_misspelt_field_suggests_the_field_scrdocs_knows_there():
    [message] = problems(variant("    job_title: Social Worker", "    job_titel: Social Worker"))
    assert message.startswith("people[2].job_titel:") and "did you mean 'job_title'?" in message
    found = problems(variant("  author: {name: Hannah", "  autor: {name: Hannah"))
    assert any(m.startswith("panel.autor:") and "did you mean 'author'?" in m for m in found), found


def test_a_field_like_nothing_known_gets_no_guess():
    [message] = problems(variant("    job_title: Social Worker", "    zzqx: Social Worker"))
    assert "did you mean" not in message and "is not a field scrdocs knows" in message


def test_an_unknown_person_or_agency_id_suggests_the_closest_known_one():
    found = problems(variant("    - partners: [adult_c]", "    - partners: [adult_cc]")
                     .replace("    agency: police", "    agency: polise", 1))
    assert any("'adult_cc' is not the id of anyone under 'people' (did you mean 'adult_c'?)" in m for m in found), found
    assert any("'polise' is not the id of an agency (did you mean 'police'?)" in m for m in found), found


def test_check_prints_the_suggestion_and_exits_1(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(variant("    job_title: Social Worker", "    job_titel: Social Worker"), encoding="utf-8")
    run = CliRunner().invoke(cli, ["check", str(path)])
    assert run.exit_code == 1
    assert "did you mean 'job_title'?" in " ".join(run.output.split())
