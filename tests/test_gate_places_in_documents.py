"""A leak report place a person can find in Word (found by a new user: "word/document.xml paragraph 88" cannot
be found there): the document's title, the nearest heading above, the page of a PDF, and a few words around
the finding, with the finding itself (and every other finding near it) masked so the report never leaks it."""

from __future__ import annotations

import docx

from scrdocs.packs.leak_gate import LeakGate, SensitivePerson
from scrdocs.packs.leak_gate.places import MASK, quote_around
from scrdocs.packs.leak_gate.units import Unit

from tests.pack_helpers import plant
from tests.test_leak_gate_places import without_thumbnail


def _gate():
    return LeakGate([SensitivePerson("Son", names=["Desmond Quillfeather", "Quillfeather"]),
                     SensitivePerson("Neighbour", names=["Tamsin Orrery"])])


def test_a_word_place_names_title_heading_and_a_masked_quote(tmp_path):
    document = docx.Document()
    document.core_properties.title = "Overview report"
    document.add_heading("4 Analysis", level=1)
    document.add_paragraph("The panel read every record.")
    document.add_paragraph("On 3 May the worker visited Desmond Quillfeather at home with Tamsin Orrery present.")
    document.save(tmp_path / "overview-report.docx")
    path = without_thumbnail(tmp_path / "overview-report.docx")
    report = _gate().scan_files([path], root=tmp_path)
    hits = {h.pseudonym: h for h in report.hits}
    son, neighbour = hits["Son"], hits["Neighbour"]
    assert son.location == "word/document.xml paragraph 3"
    assert '"Overview report"' in son.found_at and 'under "4 Analysis"' in son.found_at
    assert f"the worker visited {MASK} at home with {MASK}" in son.found_at
    assert f"{MASK} at home with {MASK} present." in neighbour.found_at
    line = report.summary()
    assert f"    find it: {son.found_at}" in line
    assert "Quillfeather" not in line and "Desmond" not in line and "Orrery" not in line and "Tamsin" not in line


def test_a_pdf_place_gives_its_page(tmp_path):
    path = plant.make_pdf(tmp_path / "agency.pdf", "pdf_page", "Desmond Quillfeather")
    [hit] = [h for h in _gate().scan_files([path], root=tmp_path).hits if h.location.startswith("page")]
    assert "page 1" in hit.found_at and "Quillfeather" not in str(hit)


def test_the_quote_masks_the_finding_and_its_neighbours():
    unit = Unit("a.txt", "line 1", "one two three Desmond four five Tamsin six seven eight nine ten")
    start = unit.text.index("Desmond")
    quote = quote_around(unit, start, start + 7, [(unit.text.index("Tamsin"), unit.text.index("Tamsin") + 6)])
    assert quote == f"one two three {MASK} four five {MASK} six seven"
