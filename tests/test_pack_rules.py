"""Pack contents come from data (redaction_rules/packs.yaml) and refuse what the guidance forbids.

None of these tests needs LibreOffice or the language model: every refusal
happens before any work starts.
"""

from __future__ import annotations


import pytest
from click.testing import CliRunner

from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.errors import RulesError
from scrdocs.packs.contents import PackRuleError, check_requested, load_pack_rules, recognise_kind
from scrdocs.packs.pack import build_pack

from tests.pack_helpers import ADULT, CHILD, plant


@pytest.fixture(scope="module")
def rules():
    return load_pack_rules()


def test_shipped_rules_follow_the_guidance(rules):
    # SCRs keep the pre-2018 rule (executive summary only); a CSPR publishes its report (Working Together 2018/2023).
    assert rules.profile("publication").documents == {
        "adult": ("overview_report", "executive_summary", "seven_minute_briefing"),
        "child": ("executive_summary", "seven_minute_briefing"),
        "CSPR": ("overview_report", "executive_summary", "seven_minute_briefing")}
    assert "Working Together to Safeguard Children 2018" in rules.profile("publication").rules["CSPR"]
    regulator = rules.profile("regulator")
    for group in ("adult", "child"):
        assert {"overview_report", "executive_summary", "imr", "integrated_chronology", "action_plan"} <= set(regulator.documents[group])
        assert "imr" in regulator.include[group]
        assert "imr" not in rules.profile("publication").include[group]
        assert rules.profile("family").include[group] == ()
    family = rules.profile("family")
    assert family.read_only and family.formats == ("pdf",) and family.redaction_profile == "publication"
    assert family.watermark == "Read-only copy: not for retention"
    assert regulator.marking == "OFFICIAL-SENSITIVE" and rules.profile("publication").marking == "OFFICIAL"


def test_unknown_profile_and_broken_rules_are_rules_errors(tmp_path, rules):
    with pytest.raises(RulesError, match="no pack profile called 'press'"):
        rules.profile("press")
    broken = tmp_path / "packs.yaml"
    broken.write_text("profiles:\n  publication:\n    marking: OFFICIAL\n", encoding="utf-8")
    with pytest.raises(RulesError, match="documents"):
        load_pack_rules(broken)


@pytest.mark.parametrize("name, place_title, expected", [
    ("police-imr.docx", "Report", "imr"),
    ("report.docx", "Individual management review", "imr"),
    ("asc chronology.docx", "Report", "chronology"),
    ("plan.docx", "Action plan", "action_plan"),
    ("final.docx", "Executive summary", "executive_summary"),
    ("letter.docx", "A letter", "other"),
])
def test_included_documents_are_recognised_by_name_then_cover(tmp_path, rules, name, place_title, expected):
    path = plant.make_docx(tmp_path / name, "header", "Adult K", title=place_title)
    assert recognise_kind(path, rules) == expected


def test_a_pdf_is_recognised_by_its_first_page(tmp_path, rules):
    path = plant.make_pdf(tmp_path / "agency.pdf", "pdf_page", "Individual management review")
    assert recognise_kind(path, rules) == "imr"


def _as_scr(case):
    from scrdocs.case.model import ReviewType

    return case.model_copy(update={"review": case.review.model_copy(update={"type": ReviewType.SCR})})


def test_scr_overview_report_is_never_published_but_a_cspr_publishes_its_report(rules):
    cspr = load_case(CHILD)
    scr = _as_scr(cspr)
    with pytest.raises(PackRuleError, match="8.48") as refused:
        check_requested(rules, rules.profile("publication"), scr, documents=["overview_report"], includes=[])
    assert "pre-2018 rule" in str(refused.value)  # the rule is named
    assert check_requested(rules, rules.profile("publication"), scr, documents=None, includes=[]) == \
        ["executive_summary", "seven_minute_briefing"]
    # Working Together 2018 and 2023: the safeguarding partners publish a CSPR's report.
    assert check_requested(rules, rules.profile("publication"), cspr, documents=None, includes=[]) == \
        ["overview_report", "executive_summary", "seven_minute_briefing"]
    assert "Working Together to Safeguard Children 2018" in rules.profile("publication").rule_for(cspr)
    assert check_requested(rules, rules.profile("family"), cspr, documents=None, includes=[]) == ["overview_report"]
    adult = load_case(ADULT)
    assert check_requested(rules, rules.profile("publication"), adult, documents=None, includes=[]) == \
        ["overview_report", "executive_summary", "seven_minute_briefing"]


def test_publication_refuses_an_imr_through_the_api_before_writing_anything(tmp_path):
    imr = plant.make_docx(tmp_path / "asc-imr.docx", "header", "Adult K")
    out = tmp_path / "pack"
    with pytest.raises(PackRuleError, match="The IMRs will not be disclosed under any circumstances"):
        build_pack(load_case(ADULT), "publication", out, includes=[imr])
    with pytest.raises(PackRuleError, match="imr"):
        build_pack(load_case(ADULT), "publication", out, documents=["imr"])
    assert not out.exists() and not out.with_name("pack.failed").exists()


@pytest.mark.parametrize("profile", ["publication", "family"])
def test_cli_publication_or_family_with_an_imr_exits_1_naming_the_rule_and_writes_nothing(tmp_path, profile):
    imr = plant.make_docx(tmp_path / "police.docx", "header", "Adult K", title="Individual management review")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["pack", str(CHILD), "--profile", profile, "--out", str(out), "--include", str(imr)])
    assert result.exit_code == 1
    # a CSPR is refused by its own rule, with what its pack really holds (found by a new user: the message
    # quoted the Serious Case Review rule and left the briefing out)
    assert "publish only the SCR executive summary" not in result.output
    assert "IMRs are never published" in result.output
    assert "Working Together to Safeguard Children 2018" in result.output
    holds = "overview report, executive summary, seven-minute briefing" if profile == "publication" else "overview report."
    assert f"pack for a Child Safeguarding Practice Review holds: {holds}" in " ".join(result.output.split())
    assert not out.exists() and not (tmp_path / "out.failed").exists()


def test_cli_an_scr_publication_pack_refuses_an_imr_by_the_scr_rule_and_lists_its_contents(tmp_path):
    scr = tmp_path / "scr.yaml"
    scr.write_text(CHILD.read_text(encoding="utf-8").replace("type: CSPR", "type: SCR", 1), encoding="utf-8")
    imr = plant.make_docx(tmp_path / "police.docx", "header", "Adult K", title="Individual management review")
    result = CliRunner().invoke(cli, ["pack", str(scr), "--profile", "publication", "--out", str(tmp_path / "o"),
                                      "--include", str(imr)])
    assert result.exit_code == 1
    flat = " ".join(result.output.split())
    assert "publish only the SCR executive summary" in flat
    assert "Serious Case Review holds: executive summary, seven-minute briefing." in flat
    assert "--include may add to it: executive summary." in flat


def test_a_refusal_by_review_type_must_give_every_subject_group_a_text(tmp_path):
    from scrdocs.resources import data_dir

    shipped = (data_dir("redaction_rules") / "packs.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "packs.yaml"
    broken.write_text(shipped.replace("  imr:\n    adult: >-", "  imr:\n    grown_up: >-", 1), encoding="utf-8")
    with pytest.raises(RulesError, match="refusals.imr"):
        load_pack_rules(broken)


def test_cli_refuses_a_key_inside_the_pack_folder(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["pack", str(ADULT), "--profile", "publication", "--out", str(out),
                                      "--key", str(out / "key.json")])
    assert result.exit_code == 1
    assert "outside the pack" in result.output
    assert not out.exists()


def test_cli_usage_errors_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["pack", str(ADULT), "--profile", "press", "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["scan", "--case", str(ADULT)])
    assert result.exit_code == 2


def test_help_has_examples():
    for command in ("pack", "scan"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0 and "Example:" in result.output
