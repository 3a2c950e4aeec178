"""A long text with the language model in forked workers: the copy, the audit, the key and decisions.json
are those of one process reading the chunks in order (needs the spaCy model)."""

from __future__ import annotations

import multiprocessing
import random
import re
from pathlib import Path

import pytest

from scrdocs import workers
from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor
from scrdocs.redaction import chunks as chunks_mod
from scrdocs.redaction import ner as ner_mod

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
CHUNK = 2_000

_FIRST = ["Harriet", "Oswin", "Marisol", "Kevin", "Sandra", "Priya", "Tomasz", "Delia", "Rhys", "Ngozi"]
_LAST = ["Quennell", "Tregarthen", "Brackenbury", "Doyle", "Okonjo", "Fairweather", "Lindqvist", "Penhallow"]
_SENTENCES = [
    "{a} visited Edith Marlow at home and found the heating off.",
    "Phone call from {a} on 07700 900{n:03d} about missed medication.",
    "A family friend, {a}, told the social worker about a bruise.",
    "Later {last} rang again about the keys.",
    "Grace O'Neill said {first} had borrowed money again.",
    "The GP, Dr {last}, reviewed the pressure sores on {n2}/03/2023.",
]


def _generated(paragraphs: int, seed: int = 7) -> str:
    """Case notes about a few fictional people, their bare surnames often before their full names."""
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            first, last = rng.choice(_FIRST), rng.choice(_LAST)
            sentences.append(rng.choice(_SENTENCES).format(a=f"{first} {last}", first=first, last=last,
                                                           n=rng.randint(0, 999), n2=rng.randint(1, 28)))
        out.append(" ".join(sentences))
    return "\n\n".join(out) + "\n"


@pytest.fixture(scope="module")
def case():
    return load_case(FIXTURES / "case.yaml")


def _run(case, text: str, monkeypatch, processes: str):
    monkeypatch.setenv("SCRDOCS_NER_PROCESSES", processes)
    monkeypatch.setattr(workers.os, "cpu_count", lambda: 2)
    r = Redactor(case, "publication", salt=b"same salt")
    r.chunk_chars = CHUNK
    copy = r.redact_text(text, document="notes.txt")
    return copy, [d.to_dict() for d in r.audit], r.key(), [e.to_dict() for e in r.decisions.entries()]


@pytest.mark.needs_model
def test_the_model_in_worker_processes_gives_the_one_process_result(case, monkeypatch):
    """The model's workers (and the chunks read while they work ahead) change nothing: the same copy, audit
    lines, key and decisions entries as one process alone; the same as the text read whole, apart from the
    numbers of "Person N"."""
    text = _generated(60)
    assert len(chunks_mod.split(text, CHUNK)) >= 6
    serial = _run(case, text, monkeypatch, "1")
    forked: list[int] = []
    real_parallel = ner_mod._parallel
    monkeypatch.setattr(ner_mod, "_parallel", lambda *a: (forked.append(a[2]), real_parallel(*a))[1])
    monkeypatch.setattr(ner_mod, "PARALLEL_FROM_CHARS", 100)
    parallel = _run(case, text, monkeypatch, "2")
    assert forked == [2]
    assert parallel == serial
    whole = Redactor(case, "publication", salt=b"same salt")
    whole.chunk_chars = 10 * len(text)
    numbered = re.compile(r"Person \d+")  # numbered in the order people are first met: the one difference
    assert numbered.sub("Person N", whole.redact_text(text, document="notes.txt")) == numbered.sub("Person N", parallel[0])
    assert all(name not in parallel[0] for name in ("Quennell", "Tregarthen", "Doyle", "Lindqvist", "Penhallow"))
    assert multiprocessing.active_children() == []
