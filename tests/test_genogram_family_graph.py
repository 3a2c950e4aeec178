"""The family structure behind the genogram: checks, generations, row order (no Graphviz needed)."""

from __future__ import annotations

import pytest
from genogram_helpers import FAMILY, case_from, family_data

from scrdocs.case.casefile import load_case
from scrdocs.errors import CaseFileError, RulesError
from scrdocs.genogram.outline import union_outline
from scrdocs.genogram.family_graph import Item, build_family_graph
from scrdocs.genogram.style import load_style
from scrdocs.case.model import Case


def people_in(row: list[Item]) -> list[str]:
    return [i.ref for i in row if i.kind == "person"]


@pytest.fixture(scope="module")
def graph():
    return build_family_graph(load_case(FAMILY))


def test_three_generations_in_rows(graph):
    assert people_in(graph.rows[0]) == ["grandfather", "grandmother"]
    assert people_in(graph.rows[1]) == ["aunt", "former", "father", "mother", "stepfather", "lodger"]
    assert people_in(graph.rows[2]) == ["adopted", "child1", "twin2", "twin1", "subject", "fostered", "child5"]
    assert "sw1" not in graph.people  # practitioners are not family


def test_children_in_birth_order_whatever_the_listing():
    data = family_data()
    data["family"]["partnerships"][1]["children"] = ["child1", "subject", "twin1", "twin2"]
    first = build_family_graph(case_from(data)).rows[2]
    data["family"]["partnerships"][1]["children"] = ["subject", "twin2", "child1", "twin1"]
    second = build_family_graph(case_from(data)).rows[2]
    assert [i.ref for i in first if i.kind == "person"][1] == "child1"
    assert [i for i in first if i.ref not in ("twin1", "twin2")] == [i for i in second if i.ref not in ("twin1", "twin2")]


def test_losses_placed_among_children_by_date(graph):
    row = graph.rows[2]
    order = [i.ref if i.kind == "person" else f"loss{i.ref}" for i in row]
    # stillbirth 2001 after Dylan (2000); miscarriage 2008 between the twins (2006) and the subject (2010)
    assert order == ["adopted", "loss(2, 0)", "child1", "twin2", "twin1", "loss(1, 0)", "subject", "fostered",
                     "loss(3, 0)", "child5"]


def test_twins_kept_together_even_when_dates_would_split_them():
    data = family_data()
    for p in data["people"]:
        if p["id"] == "twin2":
            p["dob"] = "24/09/2006"  # born after midnight; still a twin
    graph = build_family_graph(case_from(data))
    row = people_in(graph.rows[2])
    assert abs(row.index("twin1") - row.index("twin2")) == 1


def test_each_partnership_midpoint_sits_between_its_partners(graph):
    for row in graph.rows:
        for n, item in enumerate(row):
            if item.kind != "union":
                continue
            partners = set(graph.unions[item.ref].partners)
            neighbours = {row[n - 1].ref, row[n + 1].ref}
            assert partners == neighbours, f"partnership {item.ref} is not between its partners"


def test_partnerships_in_date_order():
    """The father's first partnership (1999) is on his left, the later one (2003) on his right."""
    data = family_data()
    row = people_in(build_family_graph(case_from(data)).rows[1])
    assert row.index("former") < row.index("father") < row.index("mother")
    data["family"]["partnerships"][2]["start"] = "01/01/2005"  # now the later partnership
    data["family"]["partnerships"][2]["end"] = None
    row = people_in(build_family_graph(case_from(data)).rows[1])
    assert row.index("mother") < row.index("father") < row.index("former")


def test_lodger_placed_beside_their_household(graph):
    row = people_in(graph.rows[1])
    assert row.index("lodger") == row.index("stepfather") + 1
    assert graph.generation["lodger"] == graph.generation["mother"]


# -- bad input: one clear error naming the entry ---------------------------


def _error(data: dict, *, validate_only: bool = False) -> str:
    with pytest.raises(CaseFileError) as info:
        if validate_only:  # a Case built in code, without the loader's own checks
            build_family_graph(Case.model_validate(case_from(family_data()).model_dump() | {"family": data["family"]}))
        else:
            build_family_graph(case_from(data))
    return str(info.value)


def test_child_listed_under_two_partnerships():
    data = family_data()
    data["family"]["partnerships"][3]["children"].append("subject")
    message = _error(data)
    assert "family.partnerships[3].children[2]" in message and "'subject'" in message
    assert "one partnership only" in message


def test_person_who_is_their_own_ancestor():
    data = family_data()
    data["family"]["partnerships"].append({"partners": ["subject", "lodger"], "children": ["grandfather"]})
    message = _error(data)
    assert "own ancestor" in message and "'grandfather'" in message


def test_partner_who_is_an_ancestor():
    data = family_data()
    data["family"]["partnerships"].append({"partners": ["subject", "grandmother"]})
    assert "ancestor of their partner" in _error(data)


def test_twins_with_different_parents():
    data = family_data()
    data["family"]["twins"].append(["child5", "adopted"])
    message = _error(data)
    assert "family.twins[1]" in message and "different parents" in message


def test_twin_who_is_nobodys_child():
    data = family_data()
    data["family"]["twins"].append(["lodger", "stepfather"])
    assert "not listed as a child of any partnership" in _error(data)


def test_unknown_person_id():
    data = family_data()
    data["family"]["partnerships"][0]["children"].append("uncle")
    message = _error(data)
    assert "family.partnerships[0].children[2]" in message and "'uncle'" in message
    assert "'uncle' is not the id of anyone" in _error(data, validate_only=True)


def test_loss_with_no_date():
    data = family_data()
    data["family"]["partnerships"][1]["losses"] = [{"kind": "miscarriage"}]
    assert "family.partnerships[1].losses[0].date" in _error(data)


def test_household_member_not_in_people():
    data = family_data()
    data["family"]["households"][0]["members"].append("neighbour")
    message = _error(data)
    assert "family.households[0].members[8]" in message and "'neighbour'" in message
    assert "family.households[0].members[8]" in _error(data, validate_only=True)


def test_every_problem_reported_at_once():
    data = family_data()
    data["family"]["twins"].append(["child5", "adopted"])
    data["family"]["partnerships"][3]["children"].append("subject")
    message = _error(data)
    assert "2 problems" in message


def test_no_family_section_said_plainly():
    data = family_data()
    del data["family"]
    message = _error(data)
    assert "family: there is no 'family' section" in message


# -- geometry and style -------------------------------------------------------


def test_union_outline_of_overlapping_rectangles_is_one_loop():
    loops = union_outline([(0, 0, 10, 10), (5, 10, 20, 20)])
    assert len(loops) == 1
    assert sorted(loops[0]) == sorted([(0, 0), (10, 0), (10, 10), (20, 10), (20, 20), (5, 20), (5, 10), (0, 10)])


def test_union_outline_keeps_apart_what_is_apart():
    assert len(union_outline([(0, 0, 10, 10), (20, 0, 30, 10)])) == 2


def test_shipped_style_loads():
    style = load_style()
    assert style.lines.transitory == "dashed" and style.lines.household == ["dotted", "dashed"]  # one per household, in turn


def test_a_single_household_line_style_is_still_accepted(tmp_path):
    text = (FAMILY.parents[3] / "genogram" / "style.yaml").read_text(encoding="utf-8")
    one = tmp_path / "style.yaml"
    one.write_text(text.replace("household: [dotted, dashed]", "household: dotted"), encoding="utf-8")
    assert load_style(one).lines.household == ["dotted"]


def test_bad_style_file_names_the_setting(tmp_path):
    text = (FAMILY.parents[3] / "genogram" / "style.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "style.yaml"
    bad.write_text(text.replace("transitory: dashed", "transitory: wiggly").replace("symbol: 30", "symbl: 30"),
                   encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_style(bad)
    message = str(info.value)
    assert "lines.transitory" in message and "sizes.symbl" in message and "sizes.symbol" in message


def test_missing_style_file(tmp_path):
    with pytest.raises(RulesError, match="does not exist"):
        load_style(tmp_path / "nope.yaml")


def test_a_row_that_graphviz_reordered_is_put_back_in_order_with_its_spacing():
    from scrdocs.genogram.layout import _in_order

    assert _in_order([0.0, 50.0, 100.0], [40.0, 40.0]) == [0.0, 50.0, 100.0]  # in order: untouched
    xs = _in_order([0.0, 300.0, 100.0, 150.0], [40.0, 40.0, 40.0])
    assert all(b - a >= 40 - 1e-6 for a, b in zip(xs, xs[1:]))
    assert xs[0] == 0.0 and 100 < xs[1] < 300  # the stray one is drawn back towards its neighbours
