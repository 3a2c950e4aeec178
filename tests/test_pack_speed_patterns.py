"""The pattern recognizers read each paragraph once per process (a pack's documents repeat paragraphs, and
the gate's rescan reads again what the engine left unchanged): what a remembered paragraph gives must be
exactly what reading it afresh gives, whatever was read before it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor
from scrdocs.redaction import pattern_hits as pattern_hits_mod
from scrdocs.redaction.pattern_hits import PatternHits, pattern_hits
from scrdocs.redaction.recognizers import build_recognizers

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "redaction"
CORPUS = ROOT / "tests" / "redaction_corpus"


def _paragraphs() -> list[str]:
    out = []
    for doc in sorted((CORPUS / "docs").glob("*.txt")):
        out += [p for p in doc.read_text(encoding="utf-8").split("\n") if p.strip()]
    return out


def _spans(redactor, texts):
    return [[(s.start, s.end, s.text, s.entity_type, s.detector, s.score, s.action, s.replacement, s.person_id,
              getattr(s, "_reason", "")) for s in spans] for spans in (redactor.detect(t) for t in texts)]


def _afresh(redactor):
    """The redactor's detector reading every text with the recognizers, remembering nothing."""
    hits = redactor._detector._pattern_hits
    redactor._detector._pattern_hits = type("Afresh", (), {"find": lambda self, text: tuple(hits.read(text))})()
    return redactor


@pytest.fixture(scope="module")
def case():
    return load_case(CORPUS / "case.yaml")


def test_remembered_paragraphs_give_exactly_what_reading_them_afresh_gives(case):
    paragraphs = _paragraphs()
    assert len(paragraphs) > 100
    rng = random.Random(9)
    # each paragraph several times, in another order each time, as a pack's documents repeat them
    texts = paragraphs + rng.sample(paragraphs, len(paragraphs)) + rng.sample(paragraphs, len(paragraphs))
    remembered = Redactor(case, FIXTURES / "no_ner.yaml", salt=b"x")
    afresh = _afresh(Redactor(case, FIXTURES / "no_ner.yaml", salt=b"x"))
    got, expected = _spans(remembered, texts), _spans(afresh, texts)
    assert got == expected
    assert sum(1 for spans in got for s in spans if s[4].startswith("pattern:")) > 50  # the patterns did find things


def test_each_paragraph_is_read_by_the_recognizers_once(monkeypatch):
    hits = PatternHits(build_recognizers())
    read: list[str] = []
    real = PatternHits.read
    monkeypatch.setattr(PatternHits, "read", lambda self, text: read.append(text) or real(self, text))
    text = "Call 07700 900123 or write to 12 Acacia Avenue, Northtown NT1 2AB."
    first = hits.find(text)
    assert first and hits.find(text) == first and hits.find(text) is first
    assert read == [text]
    assert hits.find("Nothing here.") == () and read == [text, "Nothing here."]


def test_a_long_text_is_read_each_time_and_not_remembered(monkeypatch):
    hits = PatternHits(build_recognizers())
    long_text = "Call 07700 900123 today. " * 200  # 5,000 characters: a chunk of a long file, not a paragraph
    monkeypatch.setattr(pattern_hits_mod, "_KNOWN_TEXTS", 1)
    assert hits.find(long_text) == tuple(hits.read(long_text))
    assert hits.find("Call 07700 900124.") and hits.find("Call 07700 900125.")
    assert list(hits._known) == ["Call 07700 900124."]  # full: the next paragraph is read, not remembered


def test_the_engine_and_the_gates_reader_share_one_memory(case):
    one = Redactor(case, FIXTURES / "no_ner.yaml")
    two = Redactor(case, FIXTURES / "no_ner.yaml")
    assert one._detector._pattern_hits is two._detector._pattern_hits is pattern_hits(build_recognizers())
    assert pattern_hits(list(build_recognizers())) is not one._detector._pattern_hits  # a list of its own
