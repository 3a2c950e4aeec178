"""A long text's second pass (chunks read again with all the run learnt) runs in forked workers: the copy,
the audit and the key are those of one process reading the chunks in order (needs the spaCy model)."""

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
def test_the_parallel_second_pass_gives_the_serial_result(case, monkeypatch):
    text = _generated(60)
    assert len(chunks_mod.split(text, CHUNK)) >= 6
    reread: list[int] = []
    real = chunks_mod._reread
    monkeypatch.setattr(chunks_mod, "_reread", lambda *a: (reread.append(1), real(*a))[1])
    serial = _run(case, text, monkeypatch, "1")
    parallel = _run(case, text, monkeypatch, "2")
    assert reread == [1, 1]
    assert parallel[0] == serial[0]
    assert parallel[1] == serial[1] and parallel[2] == serial[2] and parallel[3] == serial[3]
    whole = Redactor(case, "publication", salt=b"same salt")
    whole.chunk_chars = 10 * len(text)
    numbered = re.compile(r"Person \d+")  # numbered in the order people are first met: the one difference
    assert numbered.sub("Person N", whole.redact_text(text, document="notes.txt")) == numbered.sub("Person N", parallel[0])
    assert all(name not in parallel[0] for name in ("Quennell", "Tregarthen", "Doyle", "Lindqvist", "Penhallow"))
    assert multiprocessing.active_children() == []


def _says_changed_at_chunk_2(index: int):
    got = _real_reread_one(index)
    if index == 2:
        return (got[0] if got else None), True
    return got


_real_reread_one = chunks_mod._reread_one


@pytest.mark.needs_model
def test_when_a_worker_learns_something_the_rest_is_read_in_order_here(case, monkeypatch):
    """A chunk whose second reading taught the run something (here: said to) makes this process read it and
    every chunk after it itself, in order, as the serial pass does; the result is still the serial one."""
    text = _generated(40, seed=11)
    serial = _run(case, text, monkeypatch, "1")
    started: list[int] = []
    real_serial = chunks_mod._reread_serial

    def serial_from(detector, text, chunks, learnt, finish, first):
        started.append(first)
        return real_serial(detector, text, chunks, learnt, finish, first)

    monkeypatch.setattr(chunks_mod, "_reread_serial", serial_from)
    monkeypatch.setattr(chunks_mod, "_reread_one", _says_changed_at_chunk_2)
    parallel = _run(case, text, monkeypatch, "2")
    assert started == [2]
    assert parallel == serial
    assert multiprocessing.active_children() == []
