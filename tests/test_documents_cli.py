"""`scrdocs build` and `scrdocs demo`, board templates, and template mistakes: exit codes and messages."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from documents_helpers import SMALL_CASE, body_text, open_docx
from scrdocs.documents.build import build_documents
from scrdocs.case.casefile import load_case
from scrdocs.cli import cli
from scrdocs.errors import TemplateError, ToolMissingError
from scrdocs.examples import example_case_path, minimal_case_path
from scrdocs.output import RECORD_NAME


def _template_with(path: Path, *lines: str) -> Path:
    """A small board template: a Heading 1 and one paragraph per line."""
    doc = docx.Document()
    doc.add_heading("Board's own executive summary", 1)
    for line in lines:
        doc.add_paragraph(line)
    doc.save(path)
    return path


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_build_only_no_pdf(tmp_path):
    result = _run("build", str(SMALL_CASE), "--out", str(tmp_path / "out"), "--no-pdf",
                  "--only", "action_plan", "--only", "executive_summary", "--marking", "OFFICIAL")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [RECORD_NAME, "action-plan.docx", "executive-summary.docx"]
    footer = open_docx(tmp_path / "out" / "action-plan.docx").sections[0].footer
    assert "OFFICIAL" in "\n".join(p.text for p in footer.paragraphs)
    assert "OFFICIAL-SENSITIVE" not in "\n".join(p.text for p in footer.paragraphs)


def test_unknown_document_kind_is_a_usage_error(tmp_path):
    result = _run("build", str(SMALL_CASE), "--out", str(tmp_path / "out"), "--only", "novel")
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_missing_case_file_exits_1(tmp_path):
    result = _run("build", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "does not exist" in result.output
    assert not (tmp_path / "out").exists()


def test_template_with_unknown_variable_names_it_exits_1_and_writes_nothing(tmp_path):
    board = tmp_path / "board-templates"
    board.mkdir()
    bad = _template_with(board / "executive-summary.docx", "Chair: {{ panel.board_chair.name }}",
                         "Budget: {{ review.budget_code }}")
    result = _run("build", str(SMALL_CASE), "--out", str(tmp_path / "out"), "--no-pdf", "--templates", str(board))
    assert result.exit_code == 1
    assert "budget_code" in result.output and str(bad) in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board-templates"]  # no output, no staging folder


def test_template_error_from_the_library(tmp_path):
    board = tmp_path / "board"
    board.mkdir()
    _template_with(board / "seven-minute-briefing.docx", "{{ no_such_thing }}")
    with pytest.raises(TemplateError) as err:
        build_documents(load_case(SMALL_CASE), tmp_path / "out", pdf=False, templates_dir=board)
    assert "'no_such_thing'" in str(err.value) and "seven-minute-briefing.docx" in str(err.value)
    assert not (tmp_path / "out").exists()


def test_template_syntax_mistake_is_a_template_error(tmp_path):
    board = tmp_path / "board"
    board.mkdir()
    _template_with(board / "action-plan.docx", "{% if review.title %} never closed")
    with pytest.raises(TemplateError, match="action-plan.docx"):
        build_documents(load_case(SMALL_CASE), tmp_path / "out", kinds=["action_plan"], pdf=False, templates_dir=board)


def test_board_templates_override_and_fall_back(tmp_path):
    board = tmp_path / "board"
    board.mkdir()
    _template_with(board / "executive-summary.docx", "Board layout for {{ review.title }} & {{ marking }}")
    result = _run("build", str(SMALL_CASE), "--out", str(tmp_path / "out"), "--no-pdf", "--templates", str(board),
                  "--only", "executive_summary", "--only", "action_plan")
    assert result.exit_code == 0, result.output
    assert "Board layout for Adult Q & OFFICIAL-SENSITIVE" in body_text(open_docx(tmp_path / "out" / "executive-summary.docx"))
    assert "Multi-agency action plan" in body_text(open_docx(tmp_path / "out" / "action-plan.docx"))  # shipped template


def test_templates_folder_that_does_not_exist_exits_1(tmp_path):
    result = _run("build", str(SMALL_CASE), "--out", str(tmp_path / "out"), "--no-pdf", "--templates", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "does not exist" in result.output


def test_missing_libreoffice_is_reported_plainly(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRDOCS_SOFFICE", "scrdocs-no-such-soffice")
    result = _run("build", str(SMALL_CASE), "--out", str(tmp_path / "out"), "--only", "action_plan")
    assert result.exit_code == 1
    assert "libreoffice-writer-nogui" in result.output and "--no-pdf" in result.output
    assert not (tmp_path / "out").exists()


def test_missing_uno_bridge_is_a_tool_missing_error(tmp_path, monkeypatch):
    from scrdocs.libreoffice import convert_to_pdf

    monkeypatch.setenv("SCRDOCS_UNO_PYTHON", str(tmp_path / "no-python"))
    doc = tmp_path / "a.docx"
    docx.Document().save(doc)
    with pytest.raises(ToolMissingError, match="python3-uno"):
        convert_to_pdf([doc], tmp_path)


def test_every_command_help_has_an_example():
    for name in ("build", "demo", "schema"):
        result = _run(name, "--help")
        assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.needs_dot
def test_demo_builds_the_example_with_genogram_and_case_copy(tmp_path):
    out = tmp_path / "demo"
    result = _run("demo", "--out", str(out), "--no-pdf")
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert {"overview-report.docx", "executive-summary.docx", "integrated-chronology.csv", "action-plan.docx",
            "seven-minute-briefing.docx", "adult_a_sar.yaml", "genogram.svg", "genogram.png"} <= names
    assert (out / "adult_a_sar.yaml").read_bytes() == example_case_path().read_bytes()
    case = load_case(example_case_path())
    assert sum(n.startswith("imr-") for n in names) >= 6
    text = body_text(open_docx(out / "overview-report.docx"))
    for person in (case.panel.board_chair, case.panel.panel_chair, case.panel.author, *case.panel.members):
        assert person.name in text


def test_build_refuses_a_folder_holding_other_files_and_deletes_nothing(tmp_path):
    # `--out .` beside the case file would otherwise replace (delete) the case file itself.
    case = tmp_path / "case.yaml"
    case.write_bytes(SMALL_CASE.read_bytes())
    (tmp_path / "notes.txt").write_text("my notes")
    result = CliRunner().invoke(cli, ["build", str(case), "--out", str(tmp_path), "--no-pdf"])
    assert result.exit_code == 1
    assert "already holds files that scrdocs did not make" in result.output
    assert "case.yaml" in result.output and "notes.txt" in result.output and "--out" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml", "notes.txt"]
    assert case.read_bytes() == SMALL_CASE.read_bytes()


def test_build_replaces_an_earlier_build(tmp_path):
    out = tmp_path / "out"
    assert _run("build", str(SMALL_CASE), "--out", str(out), "--no-pdf", "--only", "action_plan").exit_code == 0
    result = _run("build", str(SMALL_CASE), "--out", str(out), "--no-pdf", "--only", "executive_summary")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [RECORD_NAME, "executive-summary.docx"]


@pytest.mark.needs_dot
def test_demo_keeps_an_edited_copy_of_the_case_file(tmp_path):
    out = tmp_path / "demo"
    assert _run("demo", "--out", str(out), "--no-pdf").exit_code == 0
    assert _run("demo", "--out", str(out), "--no-pdf").exit_code == 0  # an unchanged copy may be replaced
    edited = (out / "adult_a_sar.yaml").read_text(encoding="utf-8") + "# my own review starts here\n"
    (out / "adult_a_sar.yaml").write_text(edited, encoding="utf-8")
    result = CliRunner().invoke(cli, ["demo", "--out", str(out), "--no-pdf"])
    assert result.exit_code == 1
    assert "adult_a_sar.yaml" in result.output
    assert (out / "adult_a_sar.yaml").read_text(encoding="utf-8") == edited


def test_template_expression_the_values_cannot_support_exits_1_without_a_traceback(tmp_path):
    board = tmp_path / "board"
    board.mkdir()
    _template_with(board / "action-plan.docx", "{{ review.title + 1 }}")
    result = CliRunner().invoke(cli, ["build", str(SMALL_CASE), "--out", str(tmp_path / "out"), "--no-pdf",
                                      "--templates", str(board), "--only", "action_plan"])
    assert result.exit_code == 1
    assert "action-plan.docx" in result.output and "cannot be worked out" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "out").exists()


def test_a_template_that_is_not_a_word_file_says_how_to_save_it(tmp_path):
    board = tmp_path / "board"
    board.mkdir()
    (board / "action-plan.docx").write_bytes(b"a Word 97 document renamed")
    result = CliRunner().invoke(cli, ["build", str(SMALL_CASE), "--out", str(tmp_path / "out"), "--no-pdf",
                                      "--templates", str(board), "--only", "action_plan"])
    assert result.exit_code == 1
    assert "cannot be opened as a Word document" in result.output and "Save it from Word as a Word Document" in result.output


@pytest.mark.needs_dot
def test_board_template_that_names_the_genogram_gets_the_picture(tmp_path):
    board = tmp_path / "board"
    board.mkdir()
    _template_with(board / "executive-summary.docx", "{{ genogram_image }}", "[{{ timeline_note }}]")
    result = _run("build", str(example_case_path()), "--out", str(tmp_path / "out"), "--no-pdf",
                  "--templates", str(board), "--only", "executive_summary")
    assert result.exit_code == 0, result.output
    doc = open_docx(tmp_path / "out" / "executive-summary.docx")
    assert len(doc.inline_shapes) == 1
    assert "None" not in body_text(doc)


def test_a_value_left_out_of_the_case_file_prints_blank_never_none(tmp_path):
    board = tmp_path / "board"
    board.mkdir()
    # The minimal case has no family, so no genogram: the image variable is None.
    _template_with(board / "action-plan.docx", "Picture: [{{ genogram_image }}]")
    result = _run("build", str(minimal_case_path()), "--out", str(tmp_path / "out"), "--no-pdf",
                  "--templates", str(board), "--only", "action_plan")
    assert result.exit_code == 0, result.output
    doc = open_docx(tmp_path / "out" / "action-plan.docx")
    assert "Picture: []" in body_text(doc) and len(doc.inline_shapes) == 0


def test_missing_libreoffice_is_reported_before_any_document_is_written(tmp_path, monkeypatch):
    import scrdocs.documents.build as build_module

    monkeypatch.setenv("SCRDOCS_SOFFICE", "scrdocs-no-such-soffice")
    rendered = []
    monkeypatch.setattr(build_module, "render_docx", lambda *a, **k: rendered.append(a))
    with pytest.raises(ToolMissingError):
        build_documents(load_case(SMALL_CASE), tmp_path / "out")
    assert rendered == []
