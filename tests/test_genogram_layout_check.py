"""The library's own layout check: a misleading genogram is a fault the build reports, never a picture."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from genogram_helpers import FIXTURES

from scrdocs.case.casefile import load_case
from scrdocs.genogram.canvas import Geometry, Mark, Stroke
from scrdocs.genogram.family_graph import build_family_graph
from scrdocs.genogram.layout_check import GenogramLayoutError, check_layout, check_same_layout

ISSUE_CASE = FIXTURES / "three_partners.yaml"


@pytest.fixture(scope="module")
def graph():
    return build_family_graph(load_case(ISSUE_CASE))


def square(owner: str, x: float = 0, y: float = 0, half: float = 15, shape: str = "box") -> Mark:
    return Mark((x - half, y - half, x + half, y + half), owner, "symbol", shape)


def geometry(*strokes: Stroke, marks=None, households=None) -> Geometry:
    return Geometry(marks=list(marks or [square("mother")]), strokes=list(strokes), households=list(households or []))


def test_a_line_ending_at_a_symbol_is_fine(graph):
    check_layout(geometry(Stroke(15, 0, 60, 0, "a partnership line"), Stroke(0, -40, 0, -15, "a child's line")), graph)


def test_a_line_through_a_symbol_is_a_fault(graph):
    with pytest.raises(GenogramLayoutError) as info:
        check_layout(geometry(Stroke(-40, 0, 60, 0, "a partnership line")), graph)
    message = str(info.value)
    assert "a partnership line would pass through the symbol of 'mother'" in message
    first = message.splitlines()[0]
    assert "mother" not in first and "not drawn" in first  # a document shows only the first line


def test_a_line_through_a_label_is_a_fault(graph):
    label = Mark((-30, 20, 30, 40), "mother", "label")
    with pytest.raises(GenogramLayoutError, match="label of 'mother'"):
        check_layout(geometry(Stroke(0, 10, 0, 50, "a line down to children"), marks=[label]), graph)


def test_the_symbols_own_cross_is_not_a_fault(graph):
    check_layout(geometry(Stroke(-16.5, -16.5, 16.5, 16.5, "a cross", owner="mother")), graph)
    with pytest.raises(GenogramLayoutError):  # someone else's cross would be
        check_layout(geometry(Stroke(-16.5, -16.5, 16.5, 16.5, "a cross", owner="dale")), graph)


def test_a_circle_is_judged_by_its_outline_not_its_box(graph):
    circle = square("mother", shape="circle")
    check_layout(geometry(Stroke(14, -14, 30, -30, "a line"), marks=[circle]), graph)  # near the box corner only
    with pytest.raises(GenogramLayoutError):
        check_layout(geometry(Stroke(5, -5, 30, -30, "a line"), marks=[circle]), graph)


def test_a_line_along_another_is_a_fault(graph):
    with pytest.raises(GenogramLayoutError, match="a partnership line would lie along a partnership line"):
        check_layout(geometry(Stroke(100, 0, 200, 0, "a partnership line"), Stroke(150, 0.4, 260, 0.4, "a partnership line")),
                     graph)
    check_layout(geometry(Stroke(100, 0, 200, 0, "a line"), Stroke(200, 0, 260, 0, "a line"),  # end to end
                          Stroke(150, 0, 150, 50, "a line")), graph)  # crossing


def test_household_outline_must_hold_its_members_and_nobody_else(graph):
    marks = [square("mother", 0, 0), square("dale", 100, 0)]
    box = [[(-25, -25), (25, -25), (25, 25), (-25, 25)]]
    check_layout(geometry(marks=marks, households=[("Home", {"mother"}, box)]), graph)
    with pytest.raises(GenogramLayoutError, match="leave out its member 'dale'"):
        check_layout(geometry(marks=marks, households=[("Home", {"mother", "dale"}, box)]), graph)
    wide = [[(-25, -25), (125, -25), (125, 25), (-25, 25)]]
    with pytest.raises(GenogramLayoutError, match="take in 'dale', who does not live there"):
        check_layout(geometry(marks=marks, households=[("Home", {"mother"}, wide)]), graph)


def test_two_layouts_must_place_everyone_alike():
    a = geometry(marks=[square("mother"), square("dale", 100)])
    check_same_layout(a, geometry(marks=[square("mother"), square("dale", 100)]))
    with pytest.raises(GenogramLayoutError, match="'dale' is drawn in different places"):
        check_same_layout(a, geometry(marks=[square("mother"), square("dale", 120)]))


# -- in the build -------------------------------------------------------------------


@pytest.fixture
def straight_lines(monkeypatch):
    """Break the layout on purpose: every partnership drawn straight, even past other people."""
    import scrdocs.genogram.drawing as drawing

    monkeypatch.setattr(drawing, "bypassing", lambda graph: set())


@pytest.mark.needs_dot
def test_the_build_refuses_a_line_through_someone(straight_lines):
    from scrdocs.genogram import draw_genogram

    with pytest.raises(GenogramLayoutError) as info:
        draw_genogram(load_case(ISSUE_CASE), profile="anonymised")
    assert "would pass through the symbol of 'dale'" in str(info.value)
    assert "Dale" not in str(info.value).splitlines()[0]


@pytest.mark.needs_dot
def test_the_command_exits_1_and_writes_nothing(straight_lines, tmp_path):
    from scrdocs.cli import cli

    out = tmp_path / "genogram.svg"
    result = CliRunner().invoke(cli, ["genogram", str(ISSUE_CASE), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "layout would mislead a reader" in result.output and "Traceback" not in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == []


@pytest.mark.needs_dot
def test_the_real_layout_passes_its_own_check_in_both_profiles():
    from scrdocs.genogram.drawing import Drawing
    from scrdocs.genogram.labels import Labeller
    from scrdocs.genogram.style import load_style

    case, style = load_case(ISSUE_CASE), load_style()
    graph = build_family_graph(case)
    drawings = []
    for profile in ("internal", "anonymised"):
        d = Drawing(graph, Labeller(case, profile, style), style)
        d.source()
        drawings.append(d)
    check_same_layout(drawings[0].canvas.geometry, drawings[1].canvas.geometry)


@pytest.mark.needs_dot
def test_the_build_refuses_profiles_that_place_people_differently(monkeypatch):
    """Were a symbol ever placed by its label, the two profiles would disagree: the build says so."""
    import scrdocs.genogram.drawing as drawing
    from scrdocs.genogram import draw_genogram

    real = drawing.Drawing.person_x

    def by_label(self, pid):
        return real(self, pid) + 0.02 * len(self.labeller.person(self.graph.people[pid])[0])

    monkeypatch.setattr(drawing.Drawing, "person_x", by_label)
    with pytest.raises(GenogramLayoutError, match="place people differently"):
        draw_genogram(load_case(ISSUE_CASE), profile="internal")
