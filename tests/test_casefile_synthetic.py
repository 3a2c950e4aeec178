"""bench/synthetic_case.py makes large cases that load like any other case file."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case

_SPEC = importlib.util.spec_from_file_location(
    "synthetic_case", Path(__file__).resolve().parent.parent / "bench" / "synthetic_case.py")
synthetic = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(synthetic)


@pytest.fixture(scope="module")
def case():
    return synthetic.make_case(agencies=15, entries=400, seed=3)


def test_sizes(case):
    assert len(case.agencies) == 15
    assert len({a.id for a in case.agencies}) == 15
    assert len(case.chronology) == 400
    used = {e.agency for e in case.chronology}
    assert len(used) >= 12


def test_deterministic_for_a_seed(case):
    assert synthetic.make_case(agencies=15, entries=400, seed=3) == case
    assert synthetic.make_case(agencies=15, entries=400, seed=4) != case


def test_entries_are_varied_and_inside_the_period(case):
    events = [e.event for e in case.chronology]
    assert len(set(events)) >= 0.95 * len(events)
    period = case.review.period_under_review
    assert all(period.start <= e.date <= period.end for e in case.chronology)
    assert any(e.seen for e in case.chronology) and any(not e.seen for e in case.chronology)
    assert not any(e.seen for e in case.chronology if e.event.startswith("Telephone call"))


def test_every_practitioner_has_a_unique_pseudonym(case):
    pseudonyms = [p.pseudonym for p in case.people]
    assert all(pseudonyms) and len(set(pseudonyms)) == len(pseudonyms)


def test_few_agencies_keeps_references_valid():
    small = synthetic.make_case(agencies=3, entries=30, seed=1)
    ids = {a.id for a in small.agencies}
    assert len(ids) == 3
    for rec in small.recommendations:
        assert set(rec.agencies) <= ids and (rec.lead_agency is None or rec.lead_agency in ids)
    assert all(p.agency in ids for p in small.people if p.agency)


def test_written_yaml_loads_back_the_same(tmp_path):
    path = synthetic.write_case(tmp_path / "big.yaml", agencies=11, entries=120, seed=5)
    assert load_case(path) == synthetic.make_case(agencies=11, entries=120, seed=5)


def test_command_line(tmp_path, capsys):
    synthetic.main(["--agencies", "10", "--entries", "50", "--out", str(tmp_path / "c.yaml")])
    assert "10 agencies, 50 chronology entries" in capsys.readouterr().out
    assert len(load_case(tmp_path / "c.yaml").chronology) == 50


def test_refuses_impossible_sizes():
    with pytest.raises(ValueError):
        synthetic.make_case(agencies=0, entries=10)
    with pytest.raises(ValueError):
        synthetic.make_case(agencies=99, entries=10)
