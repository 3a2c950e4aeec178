"""A case term that is also an ordinary word is judged as the engine judges it (found by a new user: the gate
stopped packs on "The Dean of the college" and "con artist" where aliases were "Dean" and "Con", and told them
to change the text). Used as a name it is a leak; as the word it is nothing; where it stays ambiguous it is a
finding "to confirm", which the reviewer marks "not a name" on the review page and the gate honours on the
rebuild, with the sign-off record saying where, who and when."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import docx
import pytest
import yaml

from scrdocs.case.casefile import load_case
from scrdocs.errors import LeakError
from scrdocs.packs.leak_gate import LeakGate, SensitivePerson
from scrdocs.packs.leak_gate.word_names import NAME, TO_CONFIRM, WORD, judge
from scrdocs.packs.pack import _gate_follows_reviewer
from scrdocs.packs.pack_gate import FINDINGS_NAME, LEAK_REPORT_NAME, make_gate, refuse_leaking_pack
from scrdocs.redaction.reviewer_apply import reviewer_rules
from scrdocs.redaction.reviewer_decisions import decisions_path, load_decisions
from scrdocs.review_page.not_a_name import mark_not_a_name
from scrdocs.review_page.signing import leak_findings

from tests.pack_helpers import ADULT
from tests.test_leak_gate_places import without_thumbnail

AMBIGUOUS = "The Dean of the college wrote to the panel about the placement."
AS_THE_WORD = "Mother was the victim of a con artist in 2019."
AS_A_NAME = "Later Dean said he was fine."


@pytest.mark.parametrize("text, word, verdict", [
    (AMBIGUOUS, "Dean", TO_CONFIRM),
    (AS_THE_WORD, "con", WORD),
    (AS_A_NAME, "Dean", NAME),
    ("We met Dean at the station.", "Dean", NAME),
    ("Mr Dean attended.", "Dean", NAME),
    ("Dean's flat was cold.", "Dean", NAME),
    ("Con artists target older people.", "Con", TO_CONFIRM),
    ("She visited in May 2019.", "May", WORD),
    ("Will the panel note this.", "Will", WORD),
    ("The Ward Sister said so.", "Ward", WORD),
    ("DEAN OF STUDENTS", "DEAN", TO_CONFIRM),
])
def test_a_word_like_term_is_read_in_its_sentence(text, word, verdict):
    start = text.index(word)
    assert judge(text, start, start + len(word)) == verdict


@pytest.fixture()
def case_path(tmp_path):
    data = yaml.safe_load(ADULT.read_text(encoding="utf-8"))
    for person in data["people"]:
        if person.get("name") == "Desmond Quillfeather":
            person["aliases"] = ["Des", "Dean"]
        if person.get("name") == "Marjorie Quillfeather":
            person["aliases"] = [*person.get("aliases", []), "Con"]
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _copy(folder: Path, *paragraphs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / "overview-report.docx"
    document.save(path)
    return without_thumbnail(path)


def test_the_gate_does_not_stop_on_the_ordinary_word_and_never_says_to_change_the_text(tmp_path, case_path):
    gate = make_gate(load_case(case_path), "publication", ner=False)
    copy = _copy(tmp_path / "stage", AMBIGUOUS, AS_THE_WORD)
    report = gate.scan_files([copy], root=copy.parent)
    [hit] = report.hits
    assert hit.detector == "to confirm" and hit.pseudonym == "Son"
    summary = report.summary()
    assert "to confirm" in summary and "Not a name" in summary and "review-decisions.yaml" in summary
    assert "Dean" not in summary and "con" not in summary.split()  # the word itself is never printed
    assert "Correct the case file or the agency document" not in summary
    assert "replace what is there" not in summary  # only the advice for the kind of finding there is
    # used as a name, it is a leak as before
    named = _copy(tmp_path / "named", AS_A_NAME)
    [leak] = gate.scan_files([named], root=named.parent).hits
    assert leak.detector == "case"


def test_not_a_name_on_a_refused_pack_is_honoured_on_the_rebuild(tmp_path, case_path):
    case = load_case(case_path)
    stage = tmp_path / "stage"
    copy = _copy(stage, AMBIGUOUS, "Adult K moved.", AMBIGUOUS.replace("placement", "review"))
    gate = make_gate(case, "publication", ner=False)
    report = gate.scan_folder(stage)
    assert [h.detector for h in report.hits] == ["to confirm", "to confirm"]
    pack = SimpleNamespace(name="publication")
    with pytest.raises(LeakError):
        refuse_leaking_pack(report, pack, stage, tmp_path / "pack", tmp_path / "pack.failed")
    failed = tmp_path / "pack.failed"
    data = json.loads((failed / FINDINGS_NAME).read_text(encoding="utf-8"))
    assert "Dean" not in json.dumps(data) and len(data["to_confirm"]) == 2
    # the review page's "Not a name" on the first finding: the word is read from the copy, never the report
    findings = leak_findings(tmp_path / "pack")
    assert [bool(f.get("confirm")) for f in findings] == [True, True]
    decisions = decisions_path(case_path)
    session = SimpleNamespace(read_folder=failed, leak_findings=findings, decisions_file=decisions,
                              review=case.review.reference)
    mark_not_a_name(session, findings[0]["id"], by="Sam Okoro (Board business manager)", version=0)
    [decision] = load_decisions(decisions, review=case.review.reference).decisions
    assert (decision.action, decision.scope, decision.text) == ("keep", "here", "Dean")
    assert decision.location.startswith("overview-report.docx, word/document.xml paragraph")
    # the rebuild: that place passes, the other ambiguous place is still to confirm
    again = make_gate(case, "publication", ner=False)
    _gate_follows_reviewer(again, reviewer_rules(case_path, case.review.reference))
    for name in (LEAK_REPORT_NAME, FINDINGS_NAME):
        (stage / name).unlink()
    report = again.scan_folder(stage)
    assert [h.location for h in report.hits] == [findings[1]["confirm"]["location"]]
    assert len(again.not_names_honoured) == 1
    mark_not_a_name(session, findings[1]["id"], by="Sam Okoro (Board business manager)", version=1)
    last = make_gate(case, "publication", ner=False)
    _gate_follows_reviewer(last, reviewer_rules(case_path, case.review.reference))
    assert last.scan_folder(stage).clean
    # the decision is for that place only: the same word used as a name elsewhere is still a leak
    _copy(stage, AMBIGUOUS, "Adult K moved.", AMBIGUOUS.replace("placement", "review"), AS_A_NAME)
    assert [h.detector for h in last.scan_folder(stage).hits] == ["case"]
    assert copy.exists()


def test_a_finding_whose_copy_changed_cannot_be_marked(tmp_path, case_path):
    case = load_case(case_path)
    stage = tmp_path / "stage"
    _copy(stage, AMBIGUOUS)
    report = make_gate(case, "publication", ner=False).scan_folder(stage)
    with pytest.raises(LeakError):
        refuse_leaking_pack(report, SimpleNamespace(name="publication"), stage, tmp_path / "pack",
                            tmp_path / "pack.failed")
    _copy(tmp_path / "pack.failed", AMBIGUOUS.replace("college", "university"))
    findings = leak_findings(tmp_path / "pack")
    session = SimpleNamespace(read_folder=tmp_path / "pack.failed", leak_findings=findings,
                              decisions_file=decisions_path(case_path), review=case.review.reference)
    from scrdocs.errors import ScrdocsError

    with pytest.raises(ScrdocsError, match="changed"):
        mark_not_a_name(session, findings[0]["id"], by="Sam Okoro", version=0)
    assert (tmp_path / "pack.failed" / LEAK_REPORT_NAME).is_file()


def test_a_word_like_name_in_a_plain_gate_still_counts_only_as_a_name(tmp_path):
    gate = LeakGate([SensitivePerson("Mother", names=["Grace", "Grace Moss"])], case_sensitive_words=["grace", "moss"])
    (tmp_path / "a.txt").write_text("A period of grace was agreed. Then Grace said no.\n", encoding="utf-8")
    assert [h.detector for h in gate.scan_files([tmp_path / "a.txt"]).hits] == ["case"]


def _refused(tmp_path, case_path):
    case = load_case(case_path)
    stage = tmp_path / "stage"
    _copy(stage, AMBIGUOUS)
    report = make_gate(case, "publication", ner=False).scan_folder(stage)
    with pytest.raises(LeakError):
        refuse_leaking_pack(report, SimpleNamespace(name="publication"), stage, tmp_path / "pack",
                            tmp_path / "pack.failed")
    return tmp_path / "pack"


def test_the_review_page_offers_not_a_name_behind_its_token_and_csrf_check(tmp_path, case_path):
    from starlette.testclient import TestClient

    from scrdocs.review_page import open_review
    from scrdocs.review_page.app import make_app
    from scrdocs.review_page.guard import Secrets

    root = Path(__file__).resolve().parents[1]
    pack = _refused(tmp_path, case_path)
    profile = tmp_path / "no-ner.yaml"
    profile.write_text((root / "redaction_rules" / "publication.yaml").read_text()
                       .replace("ner: true", "ner: false").replace("name: publication", "name: no-ner"))
    notes = tmp_path / "notes.txt"
    notes.write_text("Nothing to see.\n")
    (tmp_path / "anonymised").mkdir()
    session = open_review(case_path, redacted_dir=tmp_path / "anonymised", inputs=[notes], profile=str(profile))
    session.read_folder, session.leak_findings = pack.with_name("pack.failed"), leak_findings(pack)
    keys = Secrets()
    keys.port = 8123
    client = TestClient(make_app(session, keys), base_url="http://127.0.0.1:8123", follow_redirects=False)
    token = {"token": keys.token}
    page = client.get("/", params=token).text
    assert "Not a name" in page and "to confirm" in page
    finding = str(session.leak_findings[0]["id"])
    assert client.post("/not-a-name", params=token, data={"finding": finding, "version": "0"}).status_code == 403
    assert client.post("/not-a-name", data={"csrf": keys.csrf, "finding": finding, "version": "0"}).status_code in (403, 404)
    client.post("/reviewer", params=token, data={"csrf": keys.csrf, "reviewer": "Sam Okoro", "role": "Board business manager"})
    answer = client.post("/not-a-name", params=token, data={"csrf": keys.csrf, "finding": finding, "version": "0"})
    assert answer.status_code == 303
    [decision] = load_decisions(decisions_path(case_path)).decisions
    assert decision.by == "Sam Okoro (Board business manager)" and decision.text == "Dean"
    assert "Marked not a name" in client.get("/", params=token).text
    # a second press on the old version is refused, never recorded twice
    again = client.post("/not-a-name", params=token, data={"csrf": keys.csrf, "finding": finding, "version": "0"})
    assert again.status_code == 409
    assert len(load_decisions(decisions_path(case_path)).decisions) == 1


def test_the_sign_off_record_lists_each_place_marked_not_a_name(tmp_path, case_path):
    from scrdocs.packs.leak_gate.word_names import NOT_A_NAME_DOCUMENT
    from scrdocs.packs.sign_off import SignOff, manifest_section

    record = manifest_section(SignOff("Sam Okoro", "Board business manager", "2026-12-01T15:00:00Z",
                                      {"marked_not_a_name": 1},
                                      not_a_name=({"where": "overview-report.docx, word/document.xml paragraph 1",
                                                   "by": "Sam Okoro", "at": "2026-12-01T14:59:00Z"},)), False)
    assert record["not_a_name"][0]["where"].startswith("overview-report.docx")
    assert record["counts"]["marked_not_a_name"] == 1
    assert NOT_A_NAME_DOCUMENT.startswith("leak check")
