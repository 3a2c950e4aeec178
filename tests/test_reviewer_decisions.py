"""The reviewer's decisions file (issue 12): written and read back, versions, conflicts, errors naming the line,
and applied to the engine's spans (always remove, always keep, one occurrence, stale), in the engine itself.

All names are fictional.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml

from scrdocs.case.casefile import load_case
from scrdocs.redaction.reviewer_apply import ReviewerRules, attach, reviewer_rules
from scrdocs.redaction.reviewer_decisions import (DecisionConflict, DecisionsFileError, add_decision,
                                                  decisions_path, load_decisions, piece_hash, withdraw_decision)
from scrdocs.redaction.spans import Span
from tests.pack_helpers import ADULT

REVIEW = "WSAB-SAR-01"
SCHEMA = Path(__file__).resolve().parents[1] / "redaction_rules" / "reviewer_decisions.schema.json"
TEXT = "Mrs Quillfeather told Dr Wrenfield that Tamsin Orrery from Brackley Lane visited."


def _span(text: str, word: str, action: str = "remove", replacement: str | None = "[name]", **kw) -> Span:
    start = text.index(word)
    return Span(start, start + len(word), word, kw.pop("entity_type", "PERSON"), kw.pop("detector", "ner"),
                kw.pop("score", 0.6), action, replacement if action == "remove" else None, kw.pop("person_id", None))


def _rules(path: Path) -> ReviewerRules:
    return ReviewerRules(load_decisions(path, review=REVIEW))


@pytest.fixture
def file(tmp_path: Path) -> Path:
    return decisions_path(tmp_path / "review.yaml")


# -- the file ----------------------------------------------------------------------------------


def test_the_file_sits_beside_the_case_file_and_is_private(file: Path):
    assert file.name == "review.review-decisions.yaml"
    add_decision(file, 0, review=REVIEW, action="remove", scope="everywhere", text="Tamsin Orrery",
                 by="Sam Okoro (Board business manager)")
    assert stat.S_IMODE(os.stat(file).st_mode) == 0o600  # it holds the words, like the case file
    data = load_decisions(file, review=REVIEW)
    assert data.version == 1
    (d,) = data.decisions
    assert (d.id, d.action, d.scope, d.text, d.by) == ("d1", "remove", "everywhere", "Tamsin Orrery",
                                                       "Sam Okoro (Board business manager)")
    assert d.at.endswith("Z") and d.at[:4].isdigit()


def test_the_file_follows_its_schema(file: Path):
    jsonschema = pytest.importorskip("jsonschema")
    add_decision(file, 0, review=REVIEW, action="keep", scope="everywhere", text="Brackley", by="Sam")
    add_decision(file, 1, review=REVIEW, action="confirm", scope="here", text="Tamsin Orrery", by="Sam",
                 document="notes.txt", location="line 1", start=40, end=53, piece=piece_hash(TEXT))
    schema = json.loads(SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load(file.read_text()), schema)


def test_a_change_against_an_older_version_is_refused_and_nothing_is_lost(file: Path):
    add_decision(file, 0, review=REVIEW, action="remove", scope="everywhere", text="Tamsin Orrery", by="Tab one")
    # A second tab opened at version 0 tries to save its own change: refused, the first one stays.
    with pytest.raises(DecisionConflict, match="version 1.*version 0.*Nothing was saved"):
        add_decision(file, 0, review=REVIEW, action="keep", scope="everywhere", text="Brackley", by="Tab two")
    data = load_decisions(file, review=REVIEW)
    assert data.version == 1 and [d.text for d in data.decisions] == ["Tamsin Orrery"]
    # After reloading (version 1) the second change goes in.
    add_decision(file, 1, review=REVIEW, action="keep", scope="everywhere", text="Brackley", by="Tab two")
    assert [d.by for d in load_decisions(file, review=REVIEW).decisions] == ["Tab one", "Tab two"]


def test_a_new_decision_on_a_word_replaces_the_old_one_and_can_be_withdrawn(file: Path):
    add_decision(file, 0, review=REVIEW, action="remove", scope="everywhere", text="Orrery", by="Sam")
    add_decision(file, 1, review=REVIEW, action="keep", scope="everywhere", text="orrery", by="Sam")
    data = load_decisions(file, review=REVIEW)
    assert [(d.id, d.action) for d in data.decisions] == [("d2", "keep")]
    withdraw_decision(file, 2, "d2", review=REVIEW)
    assert load_decisions(file, review=REVIEW).decisions == ()


@pytest.mark.parametrize("text, line, says", [
    ("schema_version: 1\nreview: WSAB-SAR-01\nversion: 2\ndecisions:\n  - id: d1\n    action: remove\n"
     "    scope: everywhere\n    text: Orrery\n    by: Sam\n    at: '2026-01-01T10:00:00Z'\n"
     "  - id: d2\n    action: obliterate\n    scope: everywhere\n    text: X\n    by: Sam\n    at: now\n",
     11, "action must be one of remove, keep, confirm"),
    ("schema_version: 1\nreview: WSAB-SAR-01\nversion: 2\ndecisions:\n  - id: d1\n    action: remove\n"
     "    scope: everywhere\n    text: [Orrery\n", 8, "cannot be read at line"),
    ("schema_version: 1\nreview: WSAB-SAR-01\nversion: 1\ndecisions:\n  - id: d1\n    action: keep\n"
     "    scope: here\n    text: Orrery\n    by: Sam\n    at: now\n", 5, "needs document, start, end, piece"),
    ("schema_version: 1\nreview: WSAB-SAR-01\nversion: one\ndecisions: []\n", 1, "version must be a whole number"),
    ("schema_version: 1\nreview: OTHER-REVIEW\nversion: 1\ndecisions: []\n", 1, "for review OTHER-REVIEW"),
    ("schema_version: 1\nreview: WSAB-SAR-01\nversion: 1\ndecisions:\n  - id: d1\n    action: keep\n"
     "    scope: everywhere\n    text: Orrery\n    by: Sam\n    at: now\n    colour: red\n", 5, "'colour' is not a field"),
])
def test_a_malformed_or_hand_edited_file_gets_one_plain_error_naming_the_line(file: Path, text, line, says):
    file.write_text(text)
    with pytest.raises(DecisionsFileError) as e:
        load_decisions(file, review=REVIEW)
    message = str(e.value)
    assert f"line {line}" in message and says in message, message
    assert "Traceback" not in message and "Correct that line" in message


def test_the_review_page_cli_reports_a_broken_file_with_exit_1(tmp_path: Path):
    from click.testing import CliRunner

    from scrdocs.cli import cli

    case = tmp_path / "review.yaml"
    case.write_text(ADULT.read_text())
    pack = tmp_path / "pack"
    pack.mkdir()
    decisions_path(case).write_text("schema_version: 1\nreview: [\n")
    result = CliRunner().invoke(cli, ["review", str(case), "--pack", str(pack), "--no-browser"])
    assert result.exit_code == 1
    assert "review-decisions.yaml cannot be read at line" in result.output


# -- applying them -----------------------------------------------------------------------------


def test_always_remove_adds_a_removal_everywhere_and_fails_closed_over_a_kept_span(file: Path):
    add_decision(file, 0, review=REVIEW, action="remove", scope="everywhere", text="Brackley Lane",
                 category="STREET_ADDRESS", by="Sam")
    spans = [_span(TEXT, "Brackley", action="keep", replacement=None, entity_type="ORGANIZATION")]
    (out,) = _rules(file).apply(TEXT, spans, "notes.txt"),
    assert [(s.text, s.action, s.replacement, s.detector) for s in out] == [
        ("Brackley Lane", "remove", "[address]", "reviewer")]
    assert "always removed by the reviewer (Sam" in out[0]._reason


def test_always_remove_with_a_replacement_changes_the_engines_replacement(file: Path):
    add_decision(file, 0, review=REVIEW, action="remove", scope="everywhere", text="Tamsin Orrery",
                 replacement="Visitor", by="Sam")
    out = _rules(file).apply(TEXT, [_span(TEXT, "Tamsin Orrery", replacement="Person 1")], "notes.txt")
    assert [(s.text, s.replacement) for s in out] == [("Tamsin Orrery", "Visitor")]


def test_always_keep_keeps_only_spans_that_are_exactly_that_word(file: Path):
    add_decision(file, 0, review=REVIEW, action="keep", scope="everywhere", text="Wrenfield", by="Sam")
    text = "Dr Wrenfield saw Wrenfield Quillfeather."
    spans = [Span(3, 12, "Wrenfield", "PERSON", "ner", 0.6, "remove", "[name]"),
             Span(17, 39, "Wrenfield Quillfeather", "PERSON", "case", 1.0, "remove", "Son", "p2")]
    out = _rules(file).apply(text, spans, "notes.txt")
    assert [(s.text, s.action) for s in out] == [("Wrenfield", "keep"), ("Wrenfield Quillfeather", "remove")]


def test_a_decision_on_one_occurrence_applies_there_only_and_goes_stale_when_the_text_changes(file: Path):
    start = TEXT.index("Tamsin Orrery")
    add_decision(file, 0, review=REVIEW, action="keep", scope="here", text="Tamsin Orrery", by="Sam",
                 document="notes.txt", location="line 1", start=start, end=start + 13, piece=piece_hash(TEXT))
    rules = _rules(file)
    engine = [_span(TEXT, "Tamsin Orrery")]
    assert [s.action for s in rules.apply(TEXT, engine, "notes.txt")] == ["keep"]
    assert [s.action for s in rules.apply(TEXT, engine, "other.txt")] == ["remove"]  # another document
    assert rules.stale() == []
    # The paragraph is edited: the decision is not applied (the engine's removal stands) and is listed as stale.
    edited = TEXT.replace("visited", "visited twice")
    rules = _rules(file)
    assert [s.action for s in rules.apply(edited, [_span(edited, "Tamsin Orrery")], "notes.txt")] == ["remove"]
    assert [d.id for d in rules.stale()] == ["d1"]
    assert load_decisions(file, review=REVIEW).decisions  # shown, never dropped


def test_a_manual_removal_of_selected_words_and_a_confirmation(file: Path):
    start = TEXT.index("Brackley Lane")
    add_decision(file, 0, review=REVIEW, action="remove", scope="here", text="Brackley Lane", category="LOCATION",
                 replacement="[place]", by="Sam", document="notes.txt", start=start, end=start + 13,
                 piece=piece_hash(TEXT))
    s = TEXT.index("Tamsin Orrery")
    add_decision(file, 1, review=REVIEW, action="confirm", scope="here", text="Tamsin Orrery", by="Sam",
                 document="notes.txt", start=s, end=s + 13, piece=piece_hash(TEXT))
    out = _rules(file).apply(TEXT, [_span(TEXT, "Tamsin Orrery", score=0.5)], "notes.txt")
    assert [(x.text, x.replacement, x.score) for x in out] == [("Tamsin Orrery", "[name]", 1.0),
                                                               ("Brackley Lane", "[place]", 1.0)]


def test_the_engine_applies_the_decisions_file_beside_the_case_file(tmp_path: Path):
    """The hook in Redactor.detect_many: redact_text (and so redact, pack and scan) writes the reviewer's decisions."""
    from scrdocs.redaction import Redactor

    case_path = tmp_path / "review.yaml"
    case_path.write_text(ADULT.read_text())
    profile = tmp_path / "no-ner.yaml"
    publication = Path(__file__).resolve().parents[1] / "redaction_rules" / "publication.yaml"
    profile.write_text(publication.read_text().replace("ner: true", "ner: false").replace("name: publication",
                                                                                          "name: no-ner"))
    case = load_case(case_path)
    text = "Marjorie Quillfeather met Tamsin Orrery by the Kestle Oak."
    plain = Redactor(case, profile).redact_text(text)
    assert "Tamsin Orrery" in plain and "Kestle Oak" in plain and "Marjorie" not in plain
    assert reviewer_rules(case_path, case.review.reference) is None  # no file yet: nothing changes
    add_decision(decisions_path(case_path), 0, review=case.review.reference, action="remove", scope="everywhere",
                 text="Tamsin Orrery", by="Sam")
    add_decision(decisions_path(case_path), 1, review=case.review.reference, action="remove", scope="everywhere",
                 text="Kestle Oak", category="LOCATION", by="Sam")
    redactor = attach(Redactor(case, profile), case_path)
    assert redactor.redact_text(text) == f"{plain.split(' met ')[0]} met [name] by the [place]."
    statuses = {e.replacement: (e.status, e.detector) for e in redactor.decisions.entries()}
    assert statuses["[name]"] == ("removed", "reviewer")


@pytest.mark.needs_model
@pytest.mark.slow
def test_scan_finds_what_the_reviewer_removes_everywhere(tmp_path: Path):
    from click.testing import CliRunner

    from scrdocs.cli import cli

    case_path = tmp_path / "review.yaml"
    case_path.write_text(ADULT.read_text())
    edited = tmp_path / "edited-by-hand.txt"
    edited.write_text("The panel met at the Kestle Oak centre on Friday.\n")
    scan = ["scan", "--case", str(case_path), "--profile", "publication", str(edited)]
    assert CliRunner().invoke(cli, scan).exit_code == 0
    review = load_case(case_path).review.reference
    add_decision(decisions_path(case_path), 0, review=review, action="remove", scope="everywhere",
                 text="Kestle Oak", category="LOCATION", by="Sam")
    result = CliRunner().invoke(cli, scan)
    assert result.exit_code == 1, result.output
    assert "LOCATION of words the reviewer removes (d1)" in result.output and "line 1" in result.output
    assert "Kestle" not in result.output  # where, never what
