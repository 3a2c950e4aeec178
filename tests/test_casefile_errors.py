"""Bad case files: one clear message naming the file and the field path, exit code 1.

Each case starts from a valid fixture and breaks one thing, so a failure
points at exactly one rule. The input file must never be modified.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrdocs.case.casefile import load_case, read_case_text
from scrdocs.cli import cli
from scrdocs.errors import CaseFileError

FIXTURE = Path(__file__).parent / "fixtures" / "casefile" / "small_case.yaml"
VALID = FIXTURE.read_text(encoding="utf-8")


def variant(old: str, new: str) -> str:
    assert VALID.count(old) == 1, f"fixture changed: {old!r} should occur exactly once"
    return VALID.replace(old, new)


def run_cli(args: list[str], path: Path):
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    result = CliRunner().invoke(cli, args)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before, "the input file was modified"
    return result


def run_check(path: Path):
    return run_cli(["check", str(path)], path)


def run_build(path: Path, out: Path):
    result = run_cli(["build", str(path), "--out", str(out), "--no-pdf"], path)
    if result.exit_code != 0:
        assert not out.exists(), "a failed build left an output folder behind"
        assert not list(out.parent.glob(f".{out.name}*")), "a failed build left a temporary folder behind"
        assert not list(out.parent.glob(".scrdocs-staging-*")), "a failed build left a staging folder behind"
    return result


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return path


def test_fixture_is_valid(tmp_path):
    result = run_check(write(tmp_path, VALID))
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


# (id, old text, new text, field path the message must name, words it must contain)
BAD_CASES = [
    ("unknown-key", "  members:\n", "  memberz:\n", "panel.memberz", "not a field"),
    ("impossible-date", "dob: 09/09/1951", "dob: 31/02/2019", "people[0].dob", "'31/02/2019' is not a real date"),
    ("not-a-date", "dob: 09/09/1951", "dob: last spring", "people[0].dob", "not a date in a recognised form"),
    ("bad-time", "time: 14:30", "time: 25:30", "chronology[0].time", "not a 24-hour time"),
    ("duplicate-person", "  - id: brother\n", "  - id: adult_c\n", "people[0].id", "'adult_c' is used more than once"),
    ("unknown-person-family", "partners: [adult_c]", "partners: [adult_x]", "family.partnerships[0].partners[0]", "'adult_x' is not the id of anyone"),
    ("unknown-person-household", "members: [adult_c]", "members: [adult_c, lodger]", "family.households[0].members[1]", "'lodger' is not the id of anyone"),
    ("unknown-agency-chronology", "agency: police\n    event: Welfare", "agency: polise\n    event: Welfare", "chronology[1].agency", "'polise' is not the id of an agency"),
    ("unknown-agency-people", "agency: asc\n    pseudonym: SW1", "agency: acs\n    pseudonym: SW1", "people[2].agency", "'acs' is not the id of an agency"),
    ("unknown-agency-recommendation", "lead_agency: asc", "lead_agency: health", "recommendations[0].lead_agency", "'health' is not the id of an agency"),
    ("bad-role", "role: family", "role: relative", "people[1].role", "must be one of"),
    ("missing-required-field", "  title: Adult C\n", "", "review.title", "is required but missing"),
]


@pytest.mark.parametrize("old,new,path,words", [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_bad_case_file_check(tmp_path, old, new, path, words):
    case = write(tmp_path, variant(old, new), "my-review.yaml")
    result = run_check(case)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert str(case) in result.output  # names the file
    assert f"{path}:" in result.output  # names the field path
    assert words in result.output


@pytest.mark.parametrize("old,new,path,words", [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_bad_case_file_build(tmp_path, old, new, path, words):
    case = write(tmp_path, variant(old, new), "my-review.yaml")
    result = run_build(case, tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert f"The case file {case} has 1 problem:" in result.output  # the file, and one problem, not a cascade
    assert f"  - {path}: " in result.output
    assert words in result.output
    assert "Correct the case file and run the command again." in result.output  # what to do


@pytest.mark.parametrize("old,new,path,words", [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES])
def test_bad_case_file_library(tmp_path, old, new, path, words):
    case = write(tmp_path, variant(old, new))
    with pytest.raises(CaseFileError) as info:
        load_case(case)
    assert [p.path for p in info.value.problems] == [path]
    assert words in info.value.problems[0].message


def test_build_failure_leaves_existing_output_untouched(tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "earlier.docx").write_bytes(b"earlier build")
    case = write(tmp_path, variant("dob: 09/09/1951", "dob: 31/02/2019"))
    result = run_cli(["build", str(case), "--out", str(out), "--no-pdf"], case)
    assert result.exit_code == 1
    assert [p.name for p in out.iterdir()] == ["earlier.docx"]
    assert (out / "earlier.docx").read_bytes() == b"earlier build"


def test_missing_required_section(tmp_path):
    start = VALID.index("panel:\n")
    end = VALID.index("agencies:\n")
    case = write(tmp_path, VALID[:start] + VALID[end:])
    result = run_check(case)
    assert result.exit_code == 1
    assert str(case) in result.output
    assert "panel: is required but missing" in result.output


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    text = variant("  reference: WSAB/SAR/2022/07\n", "  reference: WSAB/SAR/2022/07\n  title [Adult C\n")
    bad_line = text.splitlines().index("  title [Adult C") + 1
    case = write(tmp_path, text)
    result = run_check(case)
    assert result.exit_code == 1, result.output
    assert str(case) in result.output
    assert "the YAML cannot be read" in result.output
    # PyYAML reports where it noticed the problem: the bad line or the next one
    lines = {f"line {bad_line}," , f"line {bad_line + 1},"}
    assert any(line in result.output for line in lines), result.output
    built = run_build(case, tmp_path / "out")
    assert built.exit_code == 1
    assert "Check the indentation" in built.output  # the hint on what to check


def test_tab_indentation_is_a_syntax_error(tmp_path):
    case = write(tmp_path, variant("  type: SAR\n", "\ttype: SAR\n"))
    result = run_check(case)
    assert result.exit_code == 1
    assert "line 4," in result.output


def test_every_problem_is_listed_at_once(tmp_path):
    text = variant("dob: 09/09/1951", "dob: 31/02/2019")
    text = text.replace("lead_agency: asc", "lead_agency: health").replace("  members:\n", "  memberz:\n")
    result = run_check(write(tmp_path, text))
    assert result.exit_code == 1
    # every problem in one run: the fields and the references between sections
    assert "people[0].dob:" in result.output and "panel.memberz:" in result.output
    assert "recommendations[0].lead_agency:" in result.output
    with pytest.raises(CaseFileError) as info:
        read_case_text(text)
    assert sorted(p.path for p in info.value.problems) == ["panel.memberz", "people[0].dob", "recommendations[0].lead_agency"]


def test_cross_reference_problems_are_listed_together(tmp_path):
    text = variant("lead_agency: asc", "lead_agency: health").replace("partners: [adult_c]", "partners: [nobody]")
    result = run_check(write(tmp_path, text))
    assert result.exit_code == 1
    assert "recommendations[0].lead_agency:" in result.output
    assert "family.partnerships[0].partners[0]:" in result.output


@pytest.mark.parametrize("command", ["check", "build"])
def test_missing_file_is_a_user_problem_not_a_usage_error(tmp_path, command):
    args = [command, str(tmp_path / "nowhere.yaml")] + (["--out", str(tmp_path / "out")] if command == "build" else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "nowhere.yaml" in result.output
    assert "does not exist" in result.output
    if command == "build":
        assert "scrdocs demo" in result.output  # says where to find an example


def test_file_that_is_not_a_mapping(tmp_path):
    result = run_check(write(tmp_path, "- just\n- a list\n"))
    assert result.exit_code == 1
    assert "'review', 'panel' and 'people'" in result.output


def test_file_that_is_not_utf8(tmp_path):
    case = tmp_path / "latin1.yaml"
    case.write_bytes(VALID.replace("Florence", "Zoë").encode("latin-1"))
    result = run_check(case)
    assert result.exit_code == 1
    assert "cannot be read" in result.output


def test_library_error_carries_structured_problems(tmp_path):
    case = write(tmp_path, variant("dob: 09/09/1951", "dob: 31/02/2019"))
    with pytest.raises(CaseFileError) as info:
        load_case(case)
    assert info.value.file == str(case)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("people[0].dob", "'31/02/2019' is not a real date (check the day and month)")]


def test_read_case_text_uses_the_source_name():
    with pytest.raises(CaseFileError) as info:
        read_case_text(variant("  members:\n", "  memberz:\n"), source="upload.yaml")
    assert "upload.yaml" in str(info.value)


def test_no_usage_error_exit_code_for_bad_input(tmp_path):
    """Exit code 2 is reserved for bad usage (an unknown option), not bad files."""
    result = CliRunner().invoke(cli, ["check", "--no-such-option", str(FIXTURE)])
    assert result.exit_code == 2
