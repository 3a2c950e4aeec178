"""Issue 11, point 2: a mention tied only by recency is "[name]" in the copy, and the review page shows it to
confirm with the engine's guess, so a person can choose (no browser; all names fictional)."""

from __future__ import annotations

import html
from pathlib import Path

from starlette.testclient import TestClient

from scrdocs.review_page import open_review
from scrdocs.review_page.app import make_app
from scrdocs.review_page.guard import Secrets
from tests.test_wrong_person_engine import CASE

ROOT = Path(__file__).resolve().parents[1]


def test_the_review_page_shows_a_recency_guess_to_confirm_with_the_guess(tmp_path):
    case = tmp_path / "review.yaml"
    case.write_text(CASE, encoding="utf-8")
    profile = tmp_path / "no-ner.yaml"
    profile.write_text((ROOT / "redaction_rules" / "publication.yaml").read_text()
                       .replace("ner: true", "ner: false").replace("name: publication", "name: no-ner"))
    notes = tmp_path / "notes.txt"
    notes.write_text("Mark Thornbury arrived at 10.\nThornbury said the boiler was old.\n", encoding="utf-8")
    out = tmp_path / "anonymised"
    out.mkdir()
    session = open_review(case, redacted_dir=out, inputs=[notes], profile=str(profile))
    keys = Secrets()
    keys.port = 8123
    client = TestClient(make_app(session, keys), base_url="http://127.0.0.1:8123", follow_redirects=False)
    page = html.unescape(client.get("/doc/1", params={"token": keys.token}).text)
    marks = [m for m in page.split("<mark")[1:] if 'data-replacement="[name]"' in m]
    assert len(marks) == 1
    assert 'data-status="to_confirm"' in marks[0]
    assert "perhaps Son (the person named last)" in marks[0]
    assert 'data-replacement="Son"' in page  # the sure mention is the son's
