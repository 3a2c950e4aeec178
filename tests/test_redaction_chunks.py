"""Long texts read in chunks (scrdocs/redaction/chunks.py): the same result as the text read whole,
with names found anywhere in the text removed everywhere in it (needs the spaCy model)."""

from __future__ import annotations

import multiprocessing
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor
from scrdocs.redaction import chunks as chunks_mod
from scrdocs import workers
from scrdocs.redaction import ner as ner_mod
from scrdocs.settings import spacy_model

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
CHUNK = 2_000  # small chunks, so a text of a few thousand characters is read in several

_FILLER = [
    "Edith Marlow's care plan was reviewed on {n}/03/2023 and the carers visited twice a day.",
    "The district nurse dressed the pressure sore on the left heel; it was healing well.",
    "Grace O'Neill rang the duty desk on 07700 900{n:03d} to say the heating was off again.",
    "No concerns were raised at the panel meeting and the actions were agreed.",
]


def _filler(paragraphs: int) -> str:
    return "\n\n".join(" ".join(s.format(n=(i + k) % 28 + 1) for k, s in enumerate(_FILLER)) for i in range(paragraphs))


@pytest.fixture(scope="module")
def case():
    return load_case(FIXTURES / "case.yaml")


def _both(case, text: str) -> tuple[str, str, Redactor, Redactor]:
    whole = Redactor(case, "publication", salt=b"same salt")
    whole.chunk_chars = 10 * len(text)
    chunked = Redactor(case, "publication", salt=b"same salt")
    chunked.chunk_chars = CHUNK
    return whole.redact_text(text, document="notes.txt"), chunked.redact_text(text, document="notes.txt"), whole, chunked


@pytest.mark.needs_model
def test_a_name_found_only_in_the_last_chunk_goes_from_the_first_and_back(case):
    first = "Later Doyle rang the police. Tregarthen said he had rung the surgery twice."
    last = "Her neighbour Kevin Doyle was there. Later Tregarthen rang again."
    text = f"{first}\n\n{_filler(12)}\n\nOswin Tregarthen called round.\n\n{_filler(12)}\n\n{last}\n"
    assert len(chunks_mod.split(text, CHUNK)) >= 5
    whole, chunked, w, c = _both(case, text)
    assert chunked == whole
    assert "Doyle" not in chunked and "Tregarthen" not in chunked and "Oswin" not in chunked
    assert chunked.startswith("Later Person 1 rang the police.")
    # the audit says the same, line by line
    assert [d.to_dict() for d in c.audit] == [d.to_dict() for d in w.audit]
    assert c.key() == w.key()


@pytest.mark.needs_model
def test_a_name_a_context_cue_found_late_goes_early(case):
    text = (f"Brackenbury brought a bag of shopping round.\n\n{_filler(16)}\n\n"
            "A family friend, Marisol Brackenbury, brought food.\n")
    whole, chunked, _, _ = _both(case, text)
    assert chunked == whole
    assert "Brackenbury" not in chunked and "Marisol" not in chunked


@pytest.mark.needs_model
def test_detect_gives_offsets_into_the_whole_text(case):
    text = f"{_filler(10)}\n\nKevin Doyle visited Edith Marlow.\n\n{_filler(10)}\n\nDoyle rang."
    whole = Redactor(case, "publication")
    chunked = Redactor(case, "publication")
    chunked.chunk_chars = CHUNK

    def spans(r):
        return [(s.start, s.end, s.text, s.action, s.replacement) for s in r.detect(text)]

    found = spans(chunked)
    assert found == spans(whole)
    assert all(text[start:end] == surface for start, end, surface, _, _ in found)


@pytest.mark.needs_model
def test_progress_is_told_for_a_long_text(case):
    heard = []
    r = Redactor(case, "publication")
    r.chunk_chars = CHUNK
    r.progress = lambda done, total, message: heard.append((done, total, message))
    r.redact_text(_filler(20))
    assert heard and heard[-1][0] == heard[-1][1]
    assert any("Finding names" in m for _, _, m in heard) and any("anywhere in the text" in m for _, _, m in heard)


def test_chunks_cover_the_text_and_cut_at_paragraph_breaks():
    text = _filler(40)
    bounds = chunks_mod.split(text, CHUNK)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(end - start <= CHUNK for start, end in bounds)
    assert all(text[end - 2:end] == "\n\n" for _, end in bounds[:-1])


def test_one_long_paragraph_is_cut_at_a_sentence_end_never_inside_a_name():
    sentence = "Kevin Doyle and Grace O'Neill met at the house on Oak Road. "
    text = sentence * 200  # one paragraph, no line ends at all
    bounds = chunks_mod.split(text, CHUNK)
    assert len(bounds) > 1
    for start, _ in bounds[1:]:
        assert text[start - 2:start] == ". " and text[start:].startswith("Kevin Doyle")


def test_short_texts_are_not_chunked():
    assert chunks_mod.split("Kevin Doyle rang.", CHUNK) == [(0, 17)]


@pytest.mark.needs_model
def test_worker_processes_find_what_one_process_finds_and_stop(monkeypatch):
    text = _filler(30) + "\n\nKevin Doyle and Sandra Okonjo-Reid met PC Brown in Little Hambleton.\n"
    detector = ner_mod.NerDetector(spacy_model())
    monkeypatch.setenv("SCRDOCS_NER_PROCESSES", "1")
    alone = detector.find_many([text, "", "Kevin Doyle"])
    monkeypatch.setenv("SCRDOCS_NER_PROCESSES", "2")
    monkeypatch.setattr(ner_mod, "PARALLEL_FROM_CHARS", 100)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    forked = detector.find_many([text, "", "Kevin Doyle"])

    def key(found):
        return [[(c.start, c.end, c.entity_type, c.score) for c in hits] for hits in found]

    assert key(forked) == key(alone) and any(text[c.start:c.end] == "Kevin Doyle" for c in alone[0])
    assert multiprocessing.active_children() == []


@pytest.mark.needs_model
def test_redact_command_on_a_long_text(tmp_path, monkeypatch):
    from scrdocs.cli import cli
    from scrdocs.redaction import redactor as redactor_mod

    monkeypatch.setattr(redactor_mod, "CHUNK_CHARS", CHUNK)
    src = tmp_path / "notes.txt"
    src.write_text(f"Later Doyle rang the police.\n\n{_filler(15)}\n\nKevin Doyle came.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["redact", "--case", str(FIXTURES / "case.yaml"), "--out", str(out), str(src)])
    assert result.exit_code == 0, result.output
    copy = (out / "notes.txt").read_text(encoding="utf-8")
    assert "Doyle" not in copy and "Marlow" not in copy and copy.count("\n\n") == 16
    lines = [line for line in (out / "audit.jsonl").read_text(encoding="utf-8").splitlines() if "line 1\"" in line]
    assert lines and re.search(r'"pseudonym": "Person 1"', lines[0])
