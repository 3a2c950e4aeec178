"""The anonymised genogram carries no name, alias or date of birth, in any format."""

from __future__ import annotations

import io
import re
import zlib

import pypdf
import pytest
from genogram_helpers import FAMILY, case_from, family_data

from scrdocs.case.casefile import load_case
from scrdocs.errors import LeakError
from scrdocs.genogram import draw_genogram, genogram_dot

pytestmark = pytest.mark.needs_dot


def forbidden(case) -> list[str]:
    """Every name, alias, name word of three letters or more, and each date of birth in several forms."""
    out: set[str] = set()
    for p in case.people:
        for text in [p.name, *p.aliases]:
            out.add(text)
            out.update(w for w in re.split(r"[\s,.'()\-]+", text) if len(w) >= 3)
        if p.dob:
            d = p.dob
            out.update({d.strftime("%d/%m/%Y"), d.isoformat(), d.strftime("%d.%m.%Y"), d.strftime("%d-%m-%Y"),
                        f"{d.day}/{d.month}/{d.year}", d.strftime("%d %B %Y"), f"{d.day} {d.strftime('%B %Y')}",
                        d.strftime("%d %b %Y"), d.strftime("%B %d, %Y"), d.strftime("%d/%m/%y"), d.strftime("%Y%m%d")})
        if p.address:
            out.add(p.address)
            parts = [x.strip() for x in p.address.split(",")]
            out.update(x for x in parts if any(ch.isdigit() for ch in x))
            out.update(re.findall(r"[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}", p.address))
        out.update(x for x in [p.nhs_number, *p.identifiers] if x)
    return sorted(out)


def pdf_streams(data: bytes) -> bytes:
    """The PDF's bytes with every Flate stream inflated, so text hidden by compression is searched too."""
    out = [data]
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            pass
    return b"\n".join(out)


def png_without_pixels(data: bytes) -> bytes:
    """A PNG's bytes without its compressed pixel data (IDAT): every chunk that could carry text is kept.

    Compressed pixels are noise in which any three letters turn up by chance now and then."""
    import struct

    out, p = [data[:8]], 8
    while p < len(data):
        (n,) = struct.unpack(">I", data[p:p + 4])
        kind = data[p + 4:p + 8]
        out.append(data[p:p + 8] if kind == b"IDAT" else data[p:p + 12 + n])
        p += 12 + n
    return b"".join(out)


def test_png_without_pixels_keeps_text_chunks():
    png = draw_genogram(load_case(FAMILY), profile="internal", format="png")
    stripped = png_without_pixels(png)
    assert stripped.startswith(b"\x89PNG") and b"IEND" in stripped and len(stripped) < len(png) / 10


def assert_clean(blob: bytes, case, what: str) -> None:
    leaks = [t for t in forbidden(case) if t.encode("utf-8") in blob]
    assert leaks == [], f"{what} contains {leaks}"


@pytest.fixture(scope="module", params=["fixture", "example"])
def case(request):
    if request.param == "fixture":
        return load_case(FAMILY)
    from scrdocs.examples import example_case_path

    return load_case(example_case_path())


def test_internal_svg_does_show_names(case):
    """The check below would find a leak: the internal drawing carries the family's names."""
    svg = draw_genogram(case, profile="internal")
    family = {pid for part in case.family.partnerships for pid in part.partners}
    assert all(case.person(pid).name.encode() in svg for pid in family)


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_anonymised_bytes_carry_no_name_alias_or_dob(case, fmt):
    data = draw_genogram(case, profile="anonymised", format=fmt)
    assert_clean(png_without_pixels(data) if fmt == "png" else data, case, f"the anonymised {fmt}")
    if fmt == "pdf":
        assert_clean(pdf_streams(data), case, "the anonymised PDF's inflated streams")
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert_clean(reader.pages[0].extract_text().encode(), case, "the anonymised PDF's text")
        assert_clean(repr(dict(reader.metadata or {})).encode(), case, "the anonymised PDF's metadata")


def test_internal_pdf_text_does_show_names(case):
    reader = pypdf.PdfReader(io.BytesIO(draw_genogram(case, profile="internal", format="pdf")))
    assert case.subject.name in reader.pages[0].extract_text()


def test_anonymised_dot_source_is_clean(case):
    assert_clean(genogram_dot(case, profile="anonymised").encode(), case, "the anonymised DOT")


def test_household_label_naming_someone_is_replaced():
    data = family_data()
    data["family"]["households"][0]["label"] = "Carys Dunmore's flat"
    case = case_from(data)
    svg = draw_genogram(case, profile="anonymised")
    assert b"Dunmore" not in svg and b"Adult F4&#39;s household" in svg
    assert b"Carys Dunmore&#39;s flat" in draw_genogram(case, profile="internal") or b"Carys Dunmore's flat" in draw_genogram(case, profile="internal")


def test_pseudonym_that_contains_a_name_is_refused():
    data = family_data()
    for p in data["people"]:
        if p["id"] == "lodger":
            p["pseudonym"] = "Mr Voss"
    with pytest.raises(LeakError) as info:
        draw_genogram(case_from(data), profile="anonymised")
    assert "Voss" not in str(info.value)  # the message itself must not leak the name either


@pytest.mark.parametrize("fmt", ["svg", "png", "pdf"])
def test_the_packs_leak_gate_passes_the_anonymised_genogram(case, fmt, tmp_path):
    """The same gate that guards a publication pack finds nothing in the anonymised genogram."""
    from scrdocs.genogram import write_genogram
    from scrdocs.packs.leak_gate import gate_for_case

    path = write_genogram(case, tmp_path / f"genogram.{fmt}", profile="anonymised")
    report = gate_for_case(case, keep_roles=[], ner=False).scan_files([path], root=tmp_path)
    assert report.clean, report.summary()
    internal = write_genogram(case, tmp_path / "internal.svg", profile="internal")
    assert not gate_for_case(case, keep_roles=[], ner=False).scan_files([internal], root=tmp_path).clean
