"""Genograms that cannot be misread, judged from the SVG alone for families that are hard to draw.

For each fixture family (a mother with three partners, a parent with four,
a blended family in three households, twins who both have partners, a
grandparent raising a grandchild, and the older fixtures) and each profile:
no line enters a symbol other than at its own ends, no line lies along
another, each household's outline holds its members and nobody else, each
child's line leads to their own parents and full siblings only, and both
profiles place everyone at the same spot. The library checks its own layout
before drawing (layout_check.py); these tests do not rely on that check.
"""

from __future__ import annotations

import pytest
from genogram_helpers import (FIXTURES, NEW_FAMILIES, Picture, family_symbols, inside, joined_as_one,
                              lines_along_lines, lines_through_symbols, pieces, reached_from_top)

from scrdocs.case.casefile import load_case
from scrdocs.genogram import draw_genogram, load_style
from scrdocs.genogram.households import household_look

pytestmark = pytest.mark.needs_dot

ALL = NEW_FAMILIES + ["in_laws.yaml", "family.yaml", "half_siblings.yaml", "example"]
DASH = {"dotted": "1,5", "dashed": "5,2", "solid": None}


def _load(name: str):
    if name == "example":
        from scrdocs.examples import example_case_path

        return load_case(example_case_path())
    return load_case(FIXTURES / name)


_CACHE: dict = {}


def drawn(name: str, profile: str):
    """(case, picture) for a fixture in a profile, drawn once per test run."""
    if (name, profile) not in _CACHE:
        case = _load(name)
        _CACHE[(name, profile)] = (case, Picture(draw_genogram(case, profile=profile)))
    return _CACHE[(name, profile)]


def label(case, pid: str, profile: str) -> str:
    if profile == "internal":
        return case.person(pid).name
    from scrdocs.case.pseudonyms import case_pseudonyms

    return case_pseudonyms(case)[pid]


def drawn_people(case) -> list[str]:
    fam = case.family
    ids = [p for part in fam.partnerships for p in list(part.partners) + [c.id for c in part.children]]
    ids += [p for hh in fam.households for p in hh.members]
    return list(dict.fromkeys(ids))


def symbol_of(pic: Picture, case, pid: str, profile: str):
    return pic.symbol_above(label(case, pid, profile))


@pytest.mark.parametrize("profile", ["internal", "anonymised"])
@pytest.mark.parametrize("name", ALL)
def test_no_line_enters_a_symbol_but_its_own(name, profile):
    _, pic = drawn(name, profile)
    assert lines_through_symbols(pic) == []


@pytest.mark.parametrize("profile", ["internal", "anonymised"])
@pytest.mark.parametrize("name", ALL)
def test_no_line_lies_along_another(name, profile):
    _, pic = drawn(name, profile)
    assert lines_along_lines(pic) == []


@pytest.mark.parametrize("profile", ["internal", "anonymised"])
@pytest.mark.parametrize("name", ALL)
def test_each_household_outline_holds_its_members_and_nobody_else(name, profile):
    case, pic = drawn(name, profile)
    style = load_style()
    for n, hh in enumerate(case.family.households):
        colour, line = household_look(style, n)
        loops, joins = pieces(pic, colour, DASH[line])
        assert loops, f"no outline for household {n}"
        assert joined_as_one(loops, joins), f"the pieces of household {n} are not joined"
        for pid in drawn_people(case):
            sym = symbol_of(pic, case, pid, profile)
            hw, hh_ = sym.half_w + (4 if sym.outlines == 2 else 0), sym.half_h + (4 if sym.outlines == 2 else 0)
            points = [(sym.cx, sym.cy)] + [(sym.cx + dx * hw, sym.cy + dy * hh_) for dx in (-1, 1) for dy in (-1, 1)]
            states = {inside(p, loops) for p in points}
            assert states == {pid in hh.members}, (
                f"{name}: household {n} should {'enclose' if pid in hh.members else 'leave out'} '{pid}'")


@pytest.mark.parametrize("name", ALL)
def test_both_profiles_place_everyone_at_the_same_spot(name):
    case, internal = drawn(name, "internal")
    _, anonymised = drawn(name, "anonymised")
    for pid in drawn_people(case):
        a, b = symbol_of(internal, case, pid, "internal"), symbol_of(anonymised, case, pid, "anonymised")
        assert (a.cx, a.cy, a.shape) == (b.cx, b.cy, b.shape), pid
    assert len(family_symbols(internal)) == len(family_symbols(anonymised))


@pytest.mark.parametrize("profile", ["internal", "anonymised"])
@pytest.mark.parametrize("name", ALL)
def test_each_child_line_leads_to_their_own_parents_and_full_siblings_only(name, profile):
    case, pic = drawn(name, profile)
    for part in case.family.partnerships:
        family = {symbol_of(pic, case, p, profile) for p in list(part.partners) + [c.id for c in part.children]}
        for child in part.children:
            sym = symbol_of(pic, case, child.id, profile)
            people = {s for s in reached_from_top(pic, sym) if s.half_w >= 10}  # not a pregnancy loss
            assert people == family, f"{name}: '{child.id}' is joined to the wrong people"


@pytest.mark.parametrize("name", ALL)
def test_the_subject_stays_marked(name):
    case, pic = drawn(name, "anonymised")
    doubles = [s for s in family_symbols(pic) if s.outlines == 2]
    assert doubles == [symbol_of(pic, case, case.subject.id, "anonymised")]


# -- the convention for several partners ---------------------------------------------


def _offsets(pic, case, pid: str, profile: str) -> list[float]:
    """Each partner's distance from ``pid`` across the page, in the order of the relationships."""
    mine = [p for p in case.family.partnerships if pid in p.partners and len(p.partners) == 2]
    mine.sort(key=lambda p: p.start)
    me = symbol_of(pic, case, pid, profile).cx
    return [symbol_of(pic, case, next(q for q in p.partners if q != pid), profile).cx - me for p in mine]


@pytest.mark.parametrize("name,pid", [("three_partners.yaml", "mother"), ("four_partners.yaml", "father"),
                                      ("twins_with_partners.yaml", "twin2"), ("blended.yaml", "father"),
                                      ("blended.yaml", "stepmother")])
def test_earlier_partners_further_out_or_on_the_other_side(name, pid):
    case, pic = drawn(name, "internal")
    offsets = _offsets(pic, case, pid, "internal")
    assert len(offsets) >= 2
    for i, earlier in enumerate(offsets):
        for later in offsets[i + 1:]:
            assert earlier * later < 0 or abs(earlier) > abs(later), (name, pid, offsets)


def test_the_issue_case_mothers_partners_each_on_their_own_line():
    """Kerry Ann Pendry, three partners; Connor Blaylock now with Jodie Ashcroft (issue 15)."""
    case, pic = drawn("three_partners.yaml", "internal")
    kerry, dale, connor, jodie = (pic.symbol_above(n) for n in ("Kerry Ann Pendry", "Dale Rickards",
                                                                 "Connor Blaylock", "Jodie Ashcroft"))
    # the current partner stands beside her, and nobody's line runs through Connor's or Jodie's symbol
    between = [s for s in family_symbols(pic) if abs(s.cy - kerry.cy) < 0.5 and min(kerry.cx, dale.cx) < s.cx < max(kerry.cx, dale.cx)]
    assert between == []
    assert connor.cx > kerry.cx and jodie.cx > connor.cx  # Connor beside Kerry, his new partner on his far side
    assert lines_through_symbols(pic) == []


def test_twins_side_by_side_with_their_partners_outside():
    case, pic = drawn("twins_with_partners.yaml", "internal")
    t1, t2 = pic.symbol_above("Xanthe Brandwood"), pic.symbol_above("Yvette Brandwood")
    lo, hi = sorted((t1.cx, t2.cx))
    assert not [s for s in family_symbols(pic) if abs(s.cy - t1.cy) < 0.5 and lo < s.cx < hi]
    left_twin, right_twin = ("twin1", "twin2") if t1.cx < t2.cx else ("twin2", "twin1")
    for part in case.family.partnerships:
        for twin, outside in ((left_twin, lambda x: x < lo), (right_twin, lambda x: x > hi)):
            if twin in part.partners:
                other = next(p for p in part.partners if p != twin)
                assert outside(pic.symbol_above(case.person(other).name).cx), other


def test_in_laws_parents_stand_one_row_above_them_with_their_other_children():
    """The husband's parents are his only drawn ancestors: they go one row above him, and his sister beside him."""
    from scrdocs.genogram.family_graph import build_family_graph

    gen = build_family_graph(_load("in_laws.yaml")).generation
    assert gen["husband"] == gen["wife"] == gen["hsister"] == gen["brother"] == 2
    assert gen["hf"] == gen["hm"] == gen["gf"] == 1 and gen["ggf"] == 0


def test_same_family_gives_byte_identical_svg_for_every_new_fixture():
    for name in NEW_FAMILIES:
        case = _load(name)
        assert draw_genogram(case, profile="anonymised") == draw_genogram(case, profile="anonymised"), name
