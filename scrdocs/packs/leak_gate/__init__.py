"""The leak gate: does any file still identify a person who must be anonymised?

Two checks run over every piece of text a file holds, wherever it hides:

1. **Case terms.** Every name variant and alias, date of birth (in the
   common written forms), address (and its street line and postcode), NHS
   number (spaced or not) and other identifier of every person the profile
   removes. The names come from the redaction engine
   (``Redactor.sensitive_people()`` / ``name_variants()``), so the gate and
   the engine agree on what a name looks like.
2. **NER rescan.** The engine's detector (a fresh engine, so nothing it
   remembers from the run colours the check) run again over the text, piece
   by piece as the engine read it (a Word paragraph, a CSV cell, a PDF
   paragraph rebuilt from lines wrapped at the margin). A PERSON it would
   remove is a leak unless it is a pseudonym or label ("Adult K's",
   "Person 3"), lies inside a name that may stay (an agency name broken over
   two lines), or is nothing but ordinary dictionary words ("Complete",
   "Nurse No Recommendation": table cells run together), as the engine
   itself judges. Names that are also words ("Grace", "Will Brown") are
   never excused that way. In a pack, a PDF made from one of the pack's Word
   documents is term-checked in full, but its page text is NER-read in its
   Word form only.

Where text hides: DOCX (every part, read for what a person would see:
body, headers, footers, comments, footnotes, endnotes, tracked deletions,
field codes, drawing and VML text, properties, custom XML, and the
attributes that hold readable text, such as alt text, bookmark names,
revision authors, content-control titles and form fields, never Word's own
settings; external link targets), PDF (page text, document information,
XMP, bookmark titles, annotations, form-field names and values, attachment
names, and the attachments themselves when they are files the gate reads),
SVG (text, titles, ids, comments), PNG text chunks, and .txt/.md/.csv/.json
files. Which Word part is which is redaction_rules/docx_parts.yaml, shared
with ``scrdocs redact``.

A hit is reported by file, location and entity type and the person's
pseudonym, never with the text found: the report itself must not leak.
Anything the gate cannot read is an error, not a pass (fail closed): an
unknown file type, and a part it cannot read (macros, an embedded object,
the thumbnail, a PDF's JavaScript or an attachment of another kind), which
:class:`UnreadablePartsError` names with what a person can do.

The modules: ``forms`` (folding, and the forms a name, date or address
takes), ``units`` (text from one place in a file), ``read_xml``,
``read_pdf`` and ``read_text`` (one per kind of file), ``files`` (which
reader reads which file), ``report`` (the verdict), ``gate`` (what it looks
for) and ``people`` (who is removed and who may stay, from a case).
"""

from __future__ import annotations

from .files import SCANNABLE_SUFFIXES, file_units
from .forms import address_forms, date_forms, fold
from .gate import Detector, LeakGate, SensitivePerson, Term
from .people import (
    allowed_labels,
    gate_for_case,
    kept_name_forms,
    kept_names,
    panel_people,
    sensitive_from_case,
    sensitive_from_redactor,
    signatories_from_case,
)
from .read_pdf import _pdf_paragraphs  # noqa: F401 - the tests check how PDF lines are rejoined
from .read_pdf import pdf_units
from .read_text import png_units, text_units
from .read_xml import docx_units, svg_units
from .report import LeakHit, LeakReport, UnreadablePartsError
from .second_opinion import SecondOpinion, Unexplained
from .units import Unit

__all__ = [
    "SCANNABLE_SUFFIXES", "Detector", "LeakGate", "LeakHit", "LeakReport", "SecondOpinion", "SensitivePerson", "Term",
    "Unexplained", "Unit", "UnreadablePartsError",
    "address_forms", "allowed_labels", "date_forms", "docx_units", "file_units", "fold", "gate_for_case",
    "kept_name_forms", "kept_names", "panel_people", "pdf_units", "png_units", "sensitive_from_case",
    "sensitive_from_redactor", "signatories_from_case", "svg_units", "text_units",
]
