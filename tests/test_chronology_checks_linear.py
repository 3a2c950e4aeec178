"""`check` of a long chronology stays linear (issue 10, "Size and speed on large inputs"): each entry is
compared only with the entries a day apart or less, and a cheap bound rules out most of those before the
word-by-word comparison. Counted, not timed: the comparisons made for the synthetic 10,000-entry case
and for chronologies of the same density twice and four times as long."""

from __future__ import annotations

import importlib.util
from datetime import timedelta
from pathlib import Path

import pytest

from scrdocs.review import chronology_checks as cc

_SPEC = importlib.util.spec_from_file_location(
    "synthetic_case", Path(__file__).resolve().parent.parent / "bench" / "synthetic_case.py")
synthetic = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(synthetic)


@pytest.fixture(scope="module")
def entries():
    return synthetic.make_case(agencies=15, entries=10_000, seed=1).chronology


def _counted(monkeypatch, chronology) -> tuple[int, int, int]:
    """(pairs weighed, word-by-word comparisons, duplicates found) for ``chronology``."""
    counts = {"pairs": 0, "similar": 0}
    bound, similar, same_agency = cc._could_be_similar, cc._similar, cc._same_agency_twice

    def weighed(*a, **k):
        counts["pairs"] += 1
        return bound(*a, **k)

    def compared(*a, **k):
        counts["similar"] += 1
        return similar(*a, **k)

    def same(*a, **k):
        counts["pairs"] += 1
        return same_agency(*a, **k)

    monkeypatch.setattr(cc, "_could_be_similar", weighed)
    monkeypatch.setattr(cc, "_similar", compared)
    monkeypatch.setattr(cc, "_same_agency_twice", same)
    found = cc.likely_duplicates(chronology)
    monkeypatch.undo()
    return counts["pairs"], counts["similar"], len(found)


def _spread(entries, length: int, per_day: int):
    """``length`` entries, ``per_day`` to a day, one day after another."""
    start = entries[0].date
    return [entries[i % len(entries)].model_copy(update={"date": start + timedelta(days=i // per_day)})
            for i in range(length)]


@pytest.mark.slow
def test_the_10000_entry_case_is_weighed_against_near_entries_only(monkeypatch, entries):
    pairs, compared, found = _counted(monkeypatch, entries)
    all_pairs = len(entries) * (len(entries) - 1) // 2
    assert found > 0  # the check is really run: the synthetic case has entries that look alike
    assert pairs < all_pairs / 300  # about 130,000 of 50 million
    assert compared < len(entries) / 2  # the word-by-word comparison is rare


@pytest.mark.slow
def test_a_chronology_twice_as_long_costs_twice_as_much(monkeypatch, entries):
    counts = [_counted(monkeypatch, _spread(entries, n, per_day=10)) for n in (1_000, 2_000, 4_000)]
    pairs = [c[0] for c in counts]
    compared = [c[1] for c in counts]
    for shorter, longer in zip(pairs, pairs[1:]):
        assert 1.8 * shorter <= longer <= 2.2 * shorter  # linear: all-pairs would be four times
    assert all(c <= n / 2 for c, n in zip(compared, (1_000, 2_000, 4_000)))
