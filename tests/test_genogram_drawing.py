"""The drawn genogram, judged from the SVG Graphviz writes: symbols, lines, order, households, key."""

from __future__ import annotations

import pytest
from genogram_helpers import DASHED, DOTTED, FAMILY, Picture, case_from, family_data, inside

from scrdocs.case.casefile import load_case
from scrdocs.genogram import draw_genogram, genogram_dot, load_style

pytestmark = pytest.mark.needs_dot


@pytest.fixture(scope="module")
def case():
    return load_case(FAMILY)


@pytest.fixture(scope="module")
def svg(case) -> bytes:
    return draw_genogram(case, format="svg")


@pytest.fixture(scope="module")
def pic(svg) -> Picture:
    return Picture(svg)


NAMES = {
    "grandfather": "Walter Pennick", "grandmother": "Edith Pennick", "aunt": "Marion Pennick",
    "former": "Lydia Skerrat", "father": "Gareth Pennick", "mother": "Carys Dunmore",
    "stepfather": "Rhodri Ellwyn", "lodger": "Kieran Voss", "adopted": "Dylan Skerrat",
    "child1": "Tomos Pennick", "twin1": "Bethan Pennick", "twin2": "Ffion Pennick",
    "subject": "Owain Pennick", "fostered": "Jordan Mace", "child5": "Sam Ellwyn",
}


def line_between(pic: Picture, a: str, b: str):
    """The partnership line joining two partners' symbols, at their centre height."""
    sa, sb = sorted((pic.symbol_above(NAMES[a]), pic.symbol_above(NAMES[b])), key=lambda s: s.cx)
    found = [s for s in pic.segments if s.horizontal and abs(s.y1 - sa.cy) < 0.6
             and abs(min(s.x1, s.x2) - (sa.cx + sa.half_w * sa.outlines)) < 5 and abs(max(s.x1, s.x2) - (sb.cx - sb.half_w)) < 5]
    assert len(found) == 1, f"no single partnership line between {a} and {b}"
    return found[0]


def strokes_across(pic: Picture, line) -> list:
    lo, hi = sorted((line.x1, line.x2))
    return [s for s in pic.segments if not s.horizontal and not s.vertical and s.length < 25
            and min(s.y1, s.y2) < line.y1 < max(s.y1, s.y2) and lo < (s.x1 + s.x2) / 2 < hi
            and abs((s.y1 + s.y2) / 2 - line.y1) < 0.6]


# -- symbols ------------------------------------------------------------------


def test_male_square_female_circle_unknown_diamond(pic):
    assert pic.symbol_above("Gareth Pennick").shape == "box"
    assert pic.symbol_above("Carys Dunmore").shape == "circle"
    assert pic.symbol_above("Sam Ellwyn").shape == "diamond"


def test_subject_has_a_double_outline(pic):
    assert pic.symbol_above("Owain Pennick").outlines == 2
    assert all(pic.symbol_above(n).outlines == 1 for k, n in NAMES.items() if k != "subject")


@pytest.mark.parametrize("name", ["Walter Pennick", "Marion Pennick"])
def test_deceased_have_a_real_cross_through_the_symbol(pic, name):
    sym = pic.symbol_above(name)
    diagonals = [s for s in pic.segments if not s.horizontal and not s.vertical
                 and abs((s.x1 + s.x2) / 2 - sym.cx) < 0.6 and abs((s.y1 + s.y2) / 2 - sym.cy) < 0.6]
    assert len(diagonals) == 2
    for d in diagonals:  # corner to corner, over the whole symbol
        assert abs(d.x1 - d.x2) >= 2 * sym.half_w * 0.95 and abs(d.y1 - d.y2) >= 2 * sym.half_h * 0.95
    slopes = {round((d.y2 - d.y1) / (d.x2 - d.x1)) for d in diagonals}
    assert slopes == {1, -1}


def test_the_living_have_no_cross(pic):
    for key in ("father", "mother", "grandmother", "subject"):
        sym = pic.symbol_above(NAMES[key])
        assert not [s for s in pic.segments if not s.horizontal and not s.vertical
                    and abs((s.x1 + s.x2) / 2 - sym.cx) < 0.6 and abs((s.y1 + s.y2) / 2 - sym.cy) < 0.6]


def test_enduring_solid_transitory_dashed(pic):
    assert line_between(pic, "grandfather", "grandmother").dash is None
    assert line_between(pic, "father", "mother").dash is None
    assert line_between(pic, "mother", "stepfather").dash == DASHED


def test_separation_one_stroke_divorce_two(pic):
    assert len(strokes_across(pic, line_between(pic, "former", "father"))) == 1
    assert len(strokes_across(pic, line_between(pic, "father", "mother"))) == 2
    assert strokes_across(pic, line_between(pic, "grandfather", "grandmother")) == []
    assert strokes_across(pic, line_between(pic, "mother", "stepfather")) == []


def stalk_to(pic: Picture, name: str):
    sym = pic.symbol_above(name)
    top = sym.cy - sym.half_h - (4 if sym.outlines == 2 else 0)  # the double outline is 4 points outside
    found = pic.segments_near(sym.cx, top)
    assert found, f"no line reaches the top of {name}"
    return found


def test_birth_adopted_fostered_child_lines(pic):
    assert [s.dash for s in stalk_to(pic, "Tomos Pennick")] == [None]
    assert [s.dash for s in stalk_to(pic, "Dylan Skerrat")] == [DASHED]
    assert [s.dash for s in stalk_to(pic, "Jordan Mace")] == [DOTTED]


def test_twins_hang_from_one_stalk_with_a_bar_when_identical(pic):
    (a,), (b,) = stalk_to(pic, "Bethan Pennick"), stalk_to(pic, "Ffion Pennick")
    apex_a = (a.x1, a.y1) if a.y1 < a.y2 else (a.x2, a.y2)
    apex_b = (b.x1, b.y1) if b.y1 < b.y2 else (b.x2, b.y2)
    assert apex_a == apex_b  # one stalk
    assert not a.vertical and not b.vertical
    lo, hi = sorted((pic.symbol_above("Bethan Pennick").cx, pic.symbol_above("Ffion Pennick").cx))
    bars = [s for s in pic.segments if s.horizontal and apex_a[1] < s.y1 < pic.symbol_above("Bethan Pennick").cy
            and lo < min(s.x1, s.x2) and max(s.x1, s.x2) < hi]
    assert len(bars) == 1


def test_fraternal_twins_have_no_bar():
    data = family_data()
    data["family"]["twins"] = [["twin1", "twin2"]]
    pic = Picture(draw_genogram(case_from(data)))
    (a,) = stalk_to(pic, "Bethan Pennick")
    apex_y = min(a.y1, a.y2)
    lo, hi = sorted((pic.symbol_above("Bethan Pennick").cx, pic.symbol_above("Ffion Pennick").cx))
    assert not [s for s in pic.segments if s.horizontal and apex_y < s.y1 < pic.symbol_above("Bethan Pennick").cy
                and lo < min(s.x1, s.x2) and max(s.x1, s.x2) < hi]
    assert b"Identical twins" not in draw_genogram(case_from(data))


def small_cross_at(pic: Picture, label: str) -> list:
    t = pic.text(label)
    return [s for s in pic.segments if not s.horizontal and not s.vertical and s.length < 25
            and abs((s.x1 + s.x2) / 2 - t.x) < 0.6 and (s.y1 + s.y2) / 2 < t.y]


@pytest.mark.parametrize("label", ["m/c 2008", "TOP 2019"])
def test_miscarriage_and_abortion_are_small_crosses(pic, label):
    cross = small_cross_at(pic, label)
    assert len(cross) == 2
    assert all(s.length < 15 for s in cross)


def test_stillbirth_is_a_small_crossed_symbol_marked_sb(pic):
    t = pic.text("SB 2001")
    sym = max((s for s in pic.symbols if abs(s.cx - t.x) < 0.6 and s.cy < t.y), key=lambda s: s.cy)
    assert sym.shape == "circle" and sym.half_w < pic.symbol_above("Dylan Skerrat").half_w  # small, female
    assert len(small_cross_at(pic, "SB 2001")) == 2


# -- order and place --------------------------------------------------------------


def test_children_left_to_right_by_date_of_birth(pic, case):
    for parents in (("father", "mother"), ("mother", "stepfather"), ("grandfather", "grandmother")):
        part = next(p for p in case.family.partnerships if list(p.partners) == list(parents))
        kids = [case.person(c.id) for c in part.children]
        for a in kids:
            for b in kids:
                if a.dob < b.dob:
                    assert pic.text(a.name).x < pic.text(b.name).x, (a.name, b.name)


def test_losses_among_children_by_date(pic):
    assert pic.text("Tomos Pennick").x < pic.text("m/c 2008").x < pic.text("Owain Pennick").x
    assert max(pic.text("Bethan Pennick").x, pic.text("Ffion Pennick").x) < pic.text("m/c 2008").x
    assert pic.text("Dylan Skerrat").x < pic.text("SB 2001").x < pic.text("Tomos Pennick").x
    assert pic.text("Jordan Mace").x < pic.text("TOP 2019").x < pic.text("Sam Ellwyn").x


def test_partners_adjacent(pic, case):
    for part in case.family.partnerships:
        a, b = (pic.symbol_above(case.person(p).name) for p in part.partners)
        assert abs(a.cy - b.cy) < 0.01  # same row
        lo, hi = sorted((a.cx, b.cx))
        between = [s for s in pic.symbols if abs(s.cy - a.cy) < 0.01 and lo + 0.5 < s.cx < hi - 0.5]
        assert between == [], f"someone is drawn between partners {part.partners}"


def test_one_line_drops_from_each_partnership_to_its_children(pic):
    line = line_between(pic, "father", "mother")
    drops = [s for s in pic.segments if s.vertical and min(s.y1, s.y2) == pytest.approx(line.y1, abs=0.5)
             and min(line.x1, line.x2) < s.x1 < max(line.x1, line.x2)]
    assert len(drops) == 1


def test_household_outline_encloses_exactly_its_members(pic, case):
    colour = load_style().colours.household[0]
    loops = pic.household_loops(colour)
    assert len(loops) == 1
    members = set(case.family.households[0].members)
    for pid, name in NAMES.items():
        sym = pic.symbol_above(name)
        points = sym.corners() + [(sym.cx, sym.cy)] + [(pic.text(name).x, pic.text(name).y)]
        states = {inside(p, loops) for p in points}
        assert states == {pid in members}, f"{pid}: the outline should {'enclose' if pid in members else 'leave out'} them"


def test_household_that_splits_a_sibling_group():
    """A child living elsewhere keeps their birth-order place and stays outside the line.

    The household's parts that sit apart each get their own outline, joined by a line in the
    household's style (until issue 15 one outline was stretched round the twins between them)."""
    from genogram_helpers import joined_as_one, pieces

    data = family_data()
    data["family"]["households"][0]["members"] = ["mother", "stepfather", "lodger", "child1", "subject"]
    case = case_from(data)
    pic = Picture(draw_genogram(case))
    loops, joins = pieces(pic, load_style().colours.household[0], DOTTED)
    assert len(loops) > 1 and joined_as_one(loops, joins)
    for pid, name in NAMES.items():
        sym = pic.symbol_above(name)
        assert {inside(p, loops) for p in sym.corners()} == {pid in ("mother", "stepfather", "lodger", "child1", "subject")}, pid
    assert pic.text("Tomos Pennick").x < pic.text("Bethan Pennick").x < pic.text("Owain Pennick").x


def test_household_split_across_rows_apart_is_still_one_household():
    """A grandmother and a grandchild two rows apart: two outlines, joined, enclosing only them."""
    from genogram_helpers import joined_as_one, pieces

    data = family_data()
    data["family"]["households"] = [{"label": "Grandmother's home", "members": ["grandmother", "adopted"]}]
    pic = Picture(draw_genogram(case_from(data)))
    loops, joins = pieces(pic, load_style().colours.household[0], DOTTED)
    assert len(loops) == 2 and len(joins) == 1 and joined_as_one(loops, joins)
    for pid, name in NAMES.items():
        if pid == "lodger":  # in no household now, so not drawn
            continue
        assert inside((pic.symbol_above(name).cx, pic.symbol_above(name).cy), loops) == (pid in ("grandmother", "adopted")), pid


# -- labels, key, formats -----------------------------------------------------------


def test_internal_labels_name_and_dates(pic):
    texts = [t.text for t in pic.texts]
    i = texts.index("Walter Pennick")
    assert texts[i + 1:i + 3] == ["b. 14/03/1950", "d. 02/11/2015"]


def test_anonymised_labels_pseudonym_and_years(case):
    texts = [t.text for t in Picture(draw_genogram(case, profile="anonymised")).texts]
    i = texts.index("Adult M1")
    assert texts[i + 1] == "1950-2015"
    assert texts[texts.index("Adult F1") + 1] == "b. 1952"


def legend_texts(pic: Picture) -> list[str]:
    title = pic.text("Key")
    return [t.text for t in pic.texts if t.anchor == "start" and t.y > title.y - 1 and t.text != "Key"]


def test_key_lists_every_symbol_used(pic):
    style = load_style().legend
    expected = [style.male, style.female, style.unknown, style.subject, style.deceased, style.enduring,
                style.transitory, style.separated, style.divorced, style.birth, style.adopted, style.fostered,
                style.identical_twins, style.miscarriage, style.abortion, style.stillbirth,
                style.household.format("Household at the time of the incident")]
    assert sorted(legend_texts(pic)) == sorted(expected)


def test_key_lists_only_the_symbols_used():
    data = family_data()
    data["family"] = {"partnerships": [{"partners": ["father", "mother"], "children": ["child1"]}]}
    style = load_style().legend
    assert sorted(legend_texts(Picture(draw_genogram(case_from(data))))) == sorted(
        [style.male, style.female, style.enduring, style.birth])


def test_same_case_gives_byte_identical_svg(case, svg):
    assert draw_genogram(case, format="svg") == svg
    assert draw_genogram(case, format="png") == draw_genogram(case, format="png")


def test_png_and_pdf_show_the_same_picture(case, svg):
    import io

    import pypdf

    png = draw_genogram(case, format="png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pdf = pypdf.PdfReader(io.BytesIO(draw_genogram(case, format="pdf")))
    box = pdf.pages[0].mediabox
    root = Picture(svg).root
    svg_w, svg_h = (float(root.get(k).removesuffix("pt")) for k in ("width", "height"))
    assert float(box.width) == pytest.approx(svg_w, abs=2) and float(box.height) == pytest.approx(svg_h, abs=2)
    width = int.from_bytes(png[16:20], "big")
    assert width == pytest.approx(svg_w * load_style().sizes.png_dpi / 72, rel=0.02)
    assert "Owain Pennick" in pdf.pages[0].extract_text()


def test_dot_source_uses_opaque_node_names(case):
    import re

    dot = genogram_dot(case, profile="internal")
    names = set(re.findall(r"^\s*([A-Za-z_][\w]*)\s*(?:\[|--)", dot, re.M)) - {"graph", "node", "edge"}
    assert names and all(re.fullmatch(r"a\d+", n) for n in names)
    for pid in NAMES:
        assert not re.search(rf"\b{pid}\b", dot)


def test_a_single_parent_and_a_case_without_households():
    data = family_data()
    data["family"] = {"partnerships": [{"partners": ["mother"], "children": ["child1", "subject"]}]}
    pic = Picture(draw_genogram(case_from(data)))
    mother = pic.symbol_above("Carys Dunmore")
    assert pic.text("Tomos Pennick").x < pic.text("Owain Pennick").x
    assert [s for s in pic.segments if s.horizontal and abs(s.y1 - mother.cy) < 0.5]  # the line out to the children
    assert not [s for s in pic.segments if s.dash == DOTTED]


def test_example_case_renders(tmp_path):
    from scrdocs.examples import example_case_path

    case = load_case(example_case_path())
    for profile in ("internal", "anonymised"):
        pic = Picture(draw_genogram(case, profile=profile))
        assert len([s for s in pic.symbols if s.outlines == 2]) >= 1


def _sibling_bars(pic: Picture) -> list:
    """Solid horizontal lines away from every symbol's centre: the bars children hang from."""
    key_top = min((t.y for t in pic.texts if t.text == "Key"), default=float("inf"))
    centres = {round(s.cy, 1) for s in pic.symbols}
    return [s for s in pic.segments if s.horizontal and s.dash is None and max(s.y1, s.y2) < key_top
            and all(abs(s.y1 - c) > 0.6 for c in centres) and s.length > 1]


@pytest.mark.parametrize("fixture", ["family.yaml", "half_siblings.yaml"])
def test_half_siblings_never_share_one_sibling_bar(fixture):
    """Children of different partnerships must not hang from one continuous line (who is whose child?)."""
    from genogram_helpers import FIXTURES

    pic = Picture(draw_genogram(load_case(FIXTURES / fixture)))
    bars = _sibling_bars(pic)
    assert bars
    for i, a in enumerate(bars):
        for b in bars[:i]:
            if abs(a.y1 - b.y1) < 0.6:
                a_lo, a_hi = sorted((a.x1, a.x2))
                b_lo, b_hi = sorted((b.x1, b.x2))
                assert a_hi < b_lo - 1 or b_hi < a_lo - 1, f"two sibling bars overlap at y={a.y1}"


def test_half_siblings_hang_from_their_own_parents():
    from genogram_helpers import FIXTURES

    pic = Picture(draw_genogram(load_case(FIXTURES / "half_siblings.yaml")))
    bars = _sibling_bars(pic)

    def bar_of(name: str):
        sym = pic.symbol_above(name)
        line = next(s for s in pic.segments if s.vertical and abs(s.x1 - sym.cx) < 0.6
                    and abs(max(s.y1, s.y2) - (sym.cy - sym.half_h)) < 6)  # 4 more for a double outline
        top = min(line.y1, line.y2)
        return next(b for b in bars if abs(b.y1 - top) < 0.6 and min(b.x1, b.x2) - 0.6 <= sym.cx <= max(b.x1, b.x2) + 0.6)

    assert bar_of("Ravi Rao") != bar_of("Kim Tully")  # Dev and Beth's child; Alan and Beth's child
    assert bar_of("Kim Tully") != bar_of("Finn Moss")  # Alan and Beth's; Alan and Cara's
    assert bar_of("Finn Moss") == bar_of("Tia Moss")  # full siblings share one
