"""Issue 13, what a new user still found: blank action-plan cells, field names on the page, a unit in the
"Job title" cell, a stated `none` rated as missing, and a partnership between a parent and her own child.

Each is asserted on documents made by the real build (`scrdocs build`, read back with python-docx) or on
`scrdocs check` run as the user runs it (exit code and message)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from documents_helpers import SMALL_CASE, body_text, cell_rows, open_docx, paragraph_texts, table_with_header
from scrdocs.cli import cli

#: A case-file field written on the page: "(review.methodology.interviews)", "agencies[].imr.x", "`none`".
FIELD_ON_PAGE = re.compile(r"\b(?:review|panel|agencies|recommendations|people|narrative|family)(?:\[\d*\])?\.[a-z_]+|`none`")


def _data() -> dict:
    data = yaml.safe_load(SMALL_CASE.read_text(encoding="utf-8"))
    data["panel"]["panel_chair"]["organisation"] = "Independent"  # the fixture's one error, so exit codes mean one thing
    data["review"].update(version="1.0", approved="20/10/2025")  # only the gaps can make a document a draft
    return data


def _write(tmp_path: Path, data: dict, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _build(tmp_path: Path, data: dict, *only: str, out: str = "docs") -> Path:
    args = ["build", str(_write(tmp_path, data)), "--out", str(tmp_path / out), "--no-pdf"]
    for kind in only:
        args += ["--only", kind]
    run = CliRunner().invoke(cli, args)
    assert run.exit_code == 0, run.output
    return tmp_path / out


def _check(tmp_path: Path, data: dict, name: str = "check.yaml"):
    run = CliRunner().invoke(cli, ["check", str(_write(tmp_path, data, name)), "--json", "--today", "01/11/2025"])
    return run.exit_code, json.loads(run.output)


def _plan_tables(doc):
    """Every action plan table of a document (multi-agency and single-agency): header No, Recommendation."""
    return [t for t in doc.tables if [c.text.strip() for c in t.rows[0].cells][:2] == ["No", "Recommendation"]]


# -- 1. an empty cell of an action plan is a marker, never blank ------------------------------------------


def _unfinished_plans(data):
    rec = data["recommendations"][1]  # recommendation 2: no lead agency, no monitoring (a user's recommendation 7)
    rec.pop("lead_agency", None)
    rec.pop("monitoring")
    own = data["agencies"][0]["imr"]["recommendations"][0]  # ASC's own: no date, no outcome, no monitoring
    for key in ("target_date", "key_outcome", "monitoring", "lead_person"):
        own.pop(key, None)


@pytest.fixture(scope="module")
def unfinished(tmp_path_factory):
    data = _data()
    _unfinished_plans(data)
    return _build(tmp_path_factory.mktemp("unfinished"), data, "action_plan", "overview_report",
                  "executive_summary", "imr")


def test_a_recommendation_without_lead_agency_or_monitoring_prints_markers_not_blanks(unfinished):
    doc = open_docx(unfinished / "action-plan.docx")
    multi = table_with_header(doc, "No", "Recommendation")
    header = [c.strip() for c in cell_rows(multi)[0]]
    row = dict(zip(header, cell_rows(multi)[2]))  # recommendation 2
    assert row["No"] == "2"
    assert row["Lead agency"] == "[To be completed: lead agency]"
    assert row["Monitoring"] == "[To be completed: monitoring arrangements]"
    assert "DRAFT" in paragraph_texts(doc)[:3]  # the marker makes the plan a draft, though it has a version


@pytest.mark.parametrize("name", ["action-plan.docx", "overview-report.docx", "executive-summary.docx",
                                  "imr-asc.docx"])
def test_no_cell_of_any_action_plan_table_is_blank(unfinished, name):
    doc = open_docx(unfinished / name)
    tables = _plan_tables(doc)
    assert tables, name
    for table in tables:
        header = [c.strip() for c in cell_rows(table)[0]]
        for row in cell_rows(table)[1:]:
            blank = [h for h, cell in zip(header, row) if not cell.strip()]
            assert blank == [], (name, row[0], blank)
    assert "DRAFT" in paragraph_texts(doc)[:3], name


def test_a_single_agency_plan_marks_its_missing_date_outcome_monitoring_and_lead(unfinished):
    # The ASC plan appears in the action plan, the IMR's section 6 and the overview's Appendix A.
    for name in ("action-plan.docx", "imr-asc.docx", "overview-report.docx"):
        doc = open_docx(unfinished / name)
        single = [t for t in _plan_tables(doc) if "Lead agency" not in cell_rows(t)[0]]
        assert single, name
        header = [c.strip() for c in cell_rows(single[-1])[0]]
        row = dict(zip(header, cell_rows(single[-1])[1]))
        assert row["Date"] == "[To be completed: the target date]", name
        assert row["Key Outcome"] == "[To be completed: a measurable key outcome]", name
        assert row["Monitoring"] == "[To be completed: monitoring arrangements]", name
        assert row["Lead person"] == "[To be completed: the lead person]", name
        assert row["Status / progress"] == "Not started", name


def test_the_overview_and_summary_recommendation_lists_are_never_blank(unfinished):
    for name in ("overview-report.docx", "executive-summary.docx"):
        text = body_text(open_docx(unfinished / name))
        assert "All agencies should record whether the adult was seen alone." in text, name


# -- 2. markers in plain words; the field is named by check -----------------------------------------------


def _sparse(data):
    methodology = data["review"].setdefault("methodology", {})
    methodology.pop("interviews", None)
    methodology.pop("information_not_available", None)
    data["review"].pop("parallel_processes", None)
    data["panel"].pop("members", None)
    data["review"]["key_dates"]["due"] = "10/09/2025"  # late, with no reason given
    data["review"].pop("delay_reason", None)
    for key in ("interviews", "information_not_available", "other_addresses", "staff_involved"):
        data["agencies"][0]["imr"].pop(key, None)
    _unfinished_plans(data)


def test_no_built_document_names_a_case_file_field(tmp_path):
    data = _data()
    _sparse(data)
    out = _build(tmp_path, data)
    docs = sorted(out.glob("*.docx"))
    assert len(docs) >= 8
    seen_markers = set()
    for path in docs:
        text = body_text(open_docx(path))
        assert not FIELD_ON_PAGE.search(text), (path.name, FIELD_ON_PAGE.search(text).group(0))
        seen_markers |= set(re.findall(r"\[To be completed: [^\]]+\]", text))
    for plain in ("[To be completed: interviews held for this review]",
                  "[To be completed: staff interviews held for this IMR]",
                  "[To be completed: the reason for the delay]",
                  "[To be completed: processes running alongside this review]",
                  "[To be completed: the staff involved, by job title]"):
        assert plain in seen_markers, plain


def test_check_names_the_field_behind_each_marker(tmp_path):
    data = _data()
    _sparse(data)
    code, report = _check(tmp_path, data)
    gaps = {f["path"]: f["message"] for f in report["findings"] if f["code"] == "drafts.to_be_completed"}
    assert "[To be completed: interviews held for this review]" in gaps["review.methodology.interviews"]
    assert "review.methodology.interviews, or `none`" in gaps["review.methodology.interviews"]
    assert "agencies[0].imr.interviews" in gaps
    assert "recommendations[1].monitoring" in gaps and "agencies[0].imr.recommendations[0].monitoring" in gaps
    assert code == 0  # a gap is for the author to fill, not an error


def test_the_marker_table_is_data_and_refuses_a_field_in_its_text(tmp_path, monkeypatch):
    import scrdocs.resources
    from scrdocs.documents import drafting
    from scrdocs.errors import RulesError

    shipped = yaml.safe_load((scrdocs.resources.data_dir("templates") / drafting.MARKERS_FILE).read_text())
    assert all(not FIELD_ON_PAGE.search(m["text"]) for m in shipped["markers"].values())
    board = tmp_path / "templates"
    board.mkdir()
    shipped["markers"]["review.methodology.interviews"]["text"] = "interviews (review.methodology.interviews)"
    (board / drafting.MARKERS_FILE).write_text(yaml.safe_dump(shipped))
    monkeypatch.setattr(scrdocs.resources, "data_dir", lambda name: board)
    drafting.markers.cache_clear()
    try:
        with pytest.raises(RulesError, match="names a field"):
            drafting.markers()
    finally:
        drafting.markers.cache_clear()


# -- 3. the "Job title" cell holds the job ---------------------------------------------------------------


def _signature_rows(doc) -> dict[str, list[str]]:
    table = next(t for t in doc.tables if [c.text.strip() for c in t.rows[0].cells][1:] ==
                 ["IMR author responsible for writing the IMR report", "Senior officer signing off the IMR report"])
    return {row[0]: row[1:] for row in cell_rows(table)}


def test_the_example_police_imr_author_has_her_job_in_the_job_title_cell(tmp_path):
    from scrdocs.examples import example_case_path

    out = tmp_path / "demo"
    run = CliRunner().invoke(cli, ["build", str(example_case_path()), "--out", str(out), "--no-pdf", "--only", "imr"])
    assert run.exit_code == 0, run.output
    rows = _signature_rows(open_docx(out / "imr-police.docx"))
    assert rows["Name"][0] == "Louise Arkwright"
    assert rows["Job title"][0] == "Detective Sergeant, Safeguarding Review Unit"
    assert rows["Job title"][1] == "Deputy Chief Constable"


def test_a_missing_job_title_is_a_marker_and_a_unit_for_a_job_title_is_warned(tmp_path):
    data = _data()
    data["agencies"][0]["imr_author"].pop("job_title")
    doc = open_docx(_build(tmp_path, data, "imr") / "imr-asc.docx")
    rows = _signature_rows(doc)
    assert rows["Job title"][0] == "[To be completed: job title]"
    assert "Gwendolyn Ashcombe, [To be completed: job title]" in body_text(doc)  # the cover's "IMR author" line
    assert "DRAFT" in paragraph_texts(doc)[:3]
    data["agencies"][0]["imr_author"]["job_title"] = "Safeguarding Review Unit"
    _, report = _check(tmp_path, data)
    unit = [f for f in report["findings"] if f["code"] == "names.job_title_is_a_unit"]
    assert [f["path"] for f in unit] == ["agencies[0].imr_author.job_title"]
    assert "Give the job" in unit[0]["message"]
    data["agencies"][0]["imr_author"]["job_title"] = "Practice Lead, Safeguarding Review Unit"
    _, report = _check(tmp_path, data, "fine.yaml")
    assert not [f for f in report["findings"] if f["code"] == "names.job_title_is_a_unit"]


# -- 4. `recommendations: none` reads as stated ------------------------------------------------------------


def test_an_imr_stating_no_recommendations_is_the_panels_judgement_not_limited(tmp_path):
    data = _data()
    data["agencies"][0]["imr"]["recommendations"] = "none"
    _, report = _check(tmp_path, data)
    asc = next(q for q in report["imr_quality"] if q["agency_id"] == "asc")
    rec = next(r for r in asc["ratings"] if r["id"] == "recommendations")
    assert rec["rating"] == "For the panel to judge" and rec["reason"].startswith("The agency makes no recommendations")
    limited = [f["message"] for f in report["findings"] if f["code"] == "imr.limited" and "ASC" in f["message"]]
    assert not any("recommendations" in m for m in limited)
    assert "imr.no_recommendations_stated" in {f["code"] for f in report["findings"]}

    out = _build(tmp_path, data, "imr_standards", "imr")
    form = open_docx(out / "imr-standards-asc.docx")
    rows = {r[1]: r for r in cell_rows(table_with_header(form, "Section", "Criterion"))}
    row = rows["Recommendations for actions that are focused, specific and achievable"]
    assert row[2] == "☐ Full and clear  ☐ Partial  ☐ Limited or none"  # the panel ticks
    assert row[3].startswith("The agency makes no recommendations; whether none were needed is for the panel")
    imr = open_docx(out / "imr-asc.docx")
    statements = {r[0]: r[1] for r in cell_rows(table_with_header(imr, "Statement", "From the IMR"))[1:]}
    smart = next(v for k, v in statements.items() if "SMART" in k)
    assert smart == "For the author and the senior officer to judge: The agency makes no recommendations"
    template = next(v for k, v in statements.items() if "template" in k)
    assert "the recommendations" not in template  # stated none is written, not missing
    assert "The agency made no recommendations of its own." in body_text(imr)


def test_recommendations_left_out_are_still_limited(tmp_path):
    data = _data()
    data["agencies"][0]["imr"].pop("recommendations")
    _, report = _check(tmp_path, data)
    asc = next(q for q in report["imr_quality"] if q["agency_id"] == "asc")
    assert next(r for r in asc["ratings"] if r["id"] == "recommendations")["rating"] == "Limited or none"


# -- 5. a partnership between a parent and her own child ---------------------------------------------------


def test_check_exits_0_on_the_family_as_written(tmp_path):
    code, report = _check(tmp_path, _data())
    assert code == 0, [f for f in report["findings"] if f["severity"] == "error"]


def test_a_widowed_partnership_between_the_subject_and_her_daughter_exits_1(tmp_path):
    data = _data()
    data["family"]["partnerships"].append({"partners": ["q", "d"], "status": "widowed"})
    code, report = _check(tmp_path, data)
    assert code == 1
    found = [f for f in report["findings"] if f["code"] == "family.partner_is_own_child"]
    assert [f["path"] for f in found] == ["family.partnerships[1]"]
    message = found[0]["message"]
    assert "Agatha Penhallow and their own child, Bronwen Penhallow, are entered as partners (widowed)" in message
    assert "put Bronwen Penhallow under `children:`" in message  # says how to fix it
    run = CliRunner().invoke(cli, ["check", str(tmp_path / "check.yaml"), "--today", "01/11/2025"])
    assert run.exit_code == 1 and "data entry error" in run.output


def test_a_son_known_only_by_his_relationship_counts_too(tmp_path):
    data = _data()
    data["people"].append({"id": "s", "name": "Morwenna Penhallow", "role": "family", "relationship": "son", "sex": "M"})
    data["family"]["partnerships"].append({"partners": ["s", "q"], "status": "together"})
    code, report = _check(tmp_path, data)
    assert code == 1
    found = [f for f in report["findings"] if f["code"] == "family.partner_is_own_child"]
    assert len(found) == 1 and "their own son" in found[0]["message"]
    # a partner who is not a descendant (her husband) is no error
    assert not [f for f in _check(tmp_path, _data(), "again.yaml")[1]["findings"]
                if f["code"] == "family.partner_is_own_child"]
