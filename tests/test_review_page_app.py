"""The review page's server, without a browser (issue 12): the token, the Host and CSRF checks, decisions
recorded with who made them, a change on an older version refused, stale decisions shown, the idle timeout.

The copies here are made by `scrdocs redact` with a profile that skips the language model, so these run
in seconds. All names are fictional.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from scrdocs.packs.sign_off import NOT_SIGNED_OFF, SignOff, manifest_section, release_unsigned
from scrdocs.redaction.reviewer_decisions import decisions_path, load_decisions
from scrdocs.review_page import open_review, serve
from scrdocs.review_page.app import make_app
from scrdocs.review_page.guard import Secrets
from tests.pack_helpers import ADULT

ROOT = Path(__file__).resolve().parents[1]
NOTES = ("Marjorie Quillfeather was visited by Tamsin Orrery on Monday.\n"
         "Tamsin Orrery rang again from Kestle Oak on Friday.\n")


@pytest.fixture
def review(tmp_path: Path):
    case = tmp_path / "review.yaml"
    case.write_text(ADULT.read_text())
    profile = tmp_path / "no-ner.yaml"
    profile.write_text((ROOT / "redaction_rules" / "publication.yaml").read_text()
                       .replace("ner: true", "ner: false").replace("name: publication", "name: no-ner"))
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES)
    out = tmp_path / "anonymised"
    out.mkdir()
    session = open_review(case, redacted_dir=out, inputs=[notes], profile=str(profile))
    keys = Secrets()
    keys.port = 8123
    client = TestClient(make_app(session, keys), base_url="http://127.0.0.1:8123", follow_redirects=False)
    return {"case": case, "notes": notes, "out": out, "profile": profile, "session": session, "keys": keys,
            "client": client}


def _get(review, path: str, **params):
    return review["client"].get(path, params={"token": review["keys"].token, **params})


def _post(review, path: str, data: dict, **headers):
    data = {"csrf": review["keys"].csrf, **data}
    return review["client"].post(path, params={"token": review["keys"].token}, data=data, headers=headers)


def _as_reviewer(review) -> None:
    assert _post(review, "/reviewer", {"reviewer": "Sam Okoro", "role": "Board business manager"}).status_code == 303


def test_every_request_needs_the_token_and_the_loopback_host(review):
    client, token = review["client"], review["keys"].token
    assert _get(review, "/").status_code == 200
    for path in ("/", "/doc/1", "/words", "/static/review.js", "/status"):
        assert client.get(path).status_code == 403
        assert client.get(path, params={"token": "guess"}).status_code == 403
    assert "address scrdocs printed" in client.get("/").text
    assert client.get("/", params={"token": token}, headers={"host": "rebind.example:8123"}).status_code == 403


def test_responses_are_not_cached_framed_or_scripted_from_elsewhere(review):
    headers = _get(review, "/doc/1").headers
    assert headers["cache-control"] == "no-store"
    assert headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["referrer-policy"] == "same-origin"
    page = _get(review, "/doc/1").text
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing fetched from outside
    assert "localStorage" not in (ROOT / "scrdocs" / "review_page" / "static" / "review.js").read_text().replace(
        "keeps nothing in the browser's storage", "")


def test_a_change_needs_the_csrf_value_and_this_origin(review):
    _as_reviewer(review)
    change = {"action": "remove", "everywhere": "1", "text": "Kestle Oak", "version": "0", "added": "1"}
    no_csrf = review["client"].post("/decide", params={"token": review["keys"].token}, data=change)
    assert no_csrf.status_code == 403
    assert _post(review, "/decide", change, origin="http://evil.example").status_code == 403
    assert review["client"].get("/decide", params={"token": review["keys"].token}).status_code == 405  # POST only
    assert not decisions_path(review["case"]).exists()
    assert _post(review, "/decide", change, origin="http://127.0.0.1:8123").status_code == 303
    (d,) = load_decisions(decisions_path(review["case"])).decisions
    assert (d.action, d.text, d.by, d.replacement) == ("remove", "Kestle Oak", "Sam Okoro (Board business manager)",
                                                      "[name]")


def test_a_decision_needs_the_reviewers_name(review):
    response = _post(review, "/decide", {"action": "remove", "everywhere": "1", "text": "Kestle Oak", "version": "0"})
    assert response.status_code == 303 and "Enter%20your%20name" in response.headers["location"]
    assert not decisions_path(review["case"]).exists()


def test_the_document_view_shows_the_decision_applied_everywhere(review):
    _as_reviewer(review)
    page = _get(review, "/doc/1").text
    assert page.count("Tamsin Orrery") == 2 and "data-status" in page  # shown as written, in plain text
    _post(review, "/decide", {"action": "remove", "everywhere": "1", "text": "Tamsin Orrery", "version": "0",
                              "added": "1", "category": "PERSON"})
    page = _get(review, "/doc/1").text
    assert len(re.findall(r'<mark class="span s-removed by-reviewer"', page)) == 2
    assert page.count('<ins class="repl" data-skip="1">[name]</ins><del class="orig">Tamsin Orrery</del>') == 2
    words = _get(review, "/words").text
    assert re.search(r"<td>Tamsin</td><td class=\"n\">2</td><td class=\"n\">2</td>", words)


def test_a_selection_is_recorded_on_that_occurrence_and_goes_stale_when_the_text_changes(review):
    _as_reviewer(review)
    session = review["session"]
    piece = session.documents[0].pieces[0]
    start = piece.text.index("Monday")
    from scrdocs.redaction.reviewer_decisions import piece_hash

    response = _post(review, "/decide", {"action": "remove", "document": "notes.txt", "piece": piece_hash(piece.text),
                                         "start": str(start - 1), "end": str(start + 6), "version": "0", "added": "1",
                                         "category": "DATE_OF_BIRTH", "anchor": "p1", "back": "/doc/1"})
    assert response.status_code == 303 and response.headers["location"].endswith("#p1")
    (d,) = load_decisions(decisions_path(review["case"])).decisions
    assert (d.scope, d.text, d.start, d.end) == ("here", "Monday", start, start + 6)  # the space trimmed
    assert "[date of birth]</ins><del class=\"orig\">Monday" in _get(review, "/doc/1").text
    # The notes are edited and the page opened again: the decision is listed as stale, not dropped.
    review["notes"].write_text(NOTES.replace("on Monday", "last Monday"))
    again = open_review(review["case"], redacted_dir=review["out"], inputs=[review["notes"]],
                        profile=str(review["profile"]))
    client = TestClient(make_app(again, review["keys"]), base_url="http://127.0.0.1:8123")
    listing = client.get("/", params={"token": review["keys"].token}).text
    assert "Decisions on text that has changed (1)" in listing and "Monday" in listing


def test_two_tabs_a_change_against_an_older_version_is_refused(review):
    _as_reviewer(review)
    first = {"action": "keep", "everywhere": "1", "text": "Kestle", "version": "0"}
    assert _post(review, "/decide", first).status_code == 303
    second = _post(review, "/decide", {"action": "remove", "everywhere": "1", "text": "Friday", "version": "0"})
    assert second.status_code == 409
    assert "changed elsewhere" in second.text and "Reload the page" in second.text
    assert [d.text for d in load_decisions(decisions_path(review["case"])).decisions] == ["Kestle"]


def test_sign_off_is_for_packs(review):
    _as_reviewer(review)
    response = _post(review, "/sign-off", {"reviewer": "Sam Okoro", "role": "Board business manager", "version": "0"})
    assert response.status_code == 303 and "Sign-off%20is%20for%20packs" in response.headers["location"]


@pytest.mark.allow_hosts(["127.0.0.1"])  # pytest-socket: it binds a loopback socket
def test_the_server_stops_after_its_idle_time(review):
    server = serve(review["session"], idle_minutes=0.01).start()
    try:
        assert server.sock.getsockname()[0] == "127.0.0.1"
        assert server.url.startswith("http://127.0.0.1:") and f"token={server.keys.token}" in server.url
        for _ in range(300):  # the watch looks every few tenths of a second; generous for a busy machine
            if server.server.should_exit:
                break
            time.sleep(0.1)
        assert server.server.should_exit
    finally:
        server.stop()


def test_the_profile_decides_whether_a_pack_may_be_released_unsigned(tmp_path: Path):
    shipped = ROOT / "redaction_rules" / "packs.yaml"
    assert release_unsigned(shipped, "publication") is False
    assert release_unsigned(shipped, "regulator") is True
    board = tmp_path / "packs.yaml"
    board.write_text(shipped.read_text().replace("release_unsigned: false", "release_unsigned: true", 1))
    assert release_unsigned(board, "publication") is True  # a board may decide otherwise
    board.write_text(shipped.read_text().replace("release_unsigned: false", "", 1))
    assert release_unsigned(board, "publication") is False  # not said: a publication pack waits for sign-off
    unsigned = manifest_section(None, False)
    assert unsigned["signed_off"] is False and "not to be released" in unsigned["status"]
    signed = manifest_section(SignOff("Sam Okoro", "Board business manager", "2026-01-01T10:00:00Z",
                                      {"reviewed": 3}), False)
    assert signed["signed_off"] is True and signed["reviewer"] == "Sam Okoro" and signed["counts"] == {"reviewed": 3}
    assert "NOT SIGNED OFF" in NOT_SIGNED_OFF


def _start_cli(review, *extra: str):
    import subprocess
    import sys

    code = "from scrdocs.cli import main; main()"
    args = [sys.executable, "-c", code, "review", str(review["case"]), "--redacted", str(review["out"]),
            str(review["notes"]), "--profile", str(review["profile"]), "--no-browser", *extra]
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _url_line(process) -> str:
    for line in process.stdout:
        if line.strip().startswith("http://"):
            return line.strip()
    raise AssertionError("no address printed")


def test_the_command_prints_a_loopback_address_with_a_token_and_stops_when_idle(review):
    process = _start_cli(review, "--idle-minutes", "0.1")
    try:
        url = _url_line(process)
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{32}", url)
        out, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "has stopped" in out and "review.review-decisions.yaml" in out
    assert "token" not in err  # nothing logs the address


def test_the_command_stops_when_the_terminal_closes(review):
    import signal

    process = _start_cli(review, "--idle-minutes", "30")
    try:
        _url_line(process)
        process.send_signal(signal.SIGHUP)  # what the terminal sends as it closes
        out, _ = process.communicate(timeout=60)
    finally:
        process.kill()
    assert "has stopped" in out


def test_a_refused_packs_leak_report_is_read_with_the_action_for_each_finding(tmp_path: Path):
    from scrdocs.review_page.signing import leak_findings

    failed = tmp_path / "pack.failed"
    failed.mkdir()
    (failed / "leak-report.txt").write_text(
        "2 possible leaks found in 1 of 8 files (the text found is not shown):\n"
        "  - overview-report.docx, word/document.xml paragraph 587: PERSON of Adult A (found by case)\n"
        "  - overview-report.pdf, page 3 line 4: PERSON of an unlisted person (found by ner)\n\n"
        "What to do: open each document at the part and paragraph (or page and line) listed.\n")
    found = leak_findings(tmp_path / "pack")
    assert [f["finding"].split(":")[0] for f in found] == ["overview-report.docx, word/document.xml paragraph 587",
                                                           "overview-report.pdf, page 3 line 4"]
    assert "select the words and remove them" in found[0]["action"]
    assert "word index" in found[1]["action"]
    assert leak_findings(tmp_path / "other") == []
