"""Filling a Word template (docxtpl) with a document context.

Templates are strict: a template that uses a variable scrdocs does not
provide is an error naming the template and the variable, never a silently
blank gap in a report. Text is XML-escaped, so '&' or '<' in a case file
cannot break the document.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping

import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from ..errors import OutputError, TemplateError
from .column_widths import fit_table_columns

#: Largest picture on a portrait A4 page with 20 mm margins (leaves room for a caption).
MAX_IMAGE_WIDTH_MM = 165
MAX_IMAGE_HEIGHT_MM = 200

_HINT = ("Correct the template in Word: check the spelling of the name between {{ }} against the list of "
         "template variables in the README ('Editing the Word templates'), or remove the template from your "
         "--templates folder to use the shipped one.")


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return struct.unpack(">II", data[16:24])
    return None


class DescribedImage(InlineImage):
    """A picture with alt text (Word's "Alt Text", the PDF's /Alt): the Public Sector Bodies
    Accessibility Regulations ask every figure of a published document to be described."""

    def __init__(self, tpl, image_descriptor, *, alt: str, title: str = "", **size):
        super().__init__(tpl, image_descriptor, **size)
        self.alt, self.title = alt, title

    def _insert_image(self):
        from xml.sax.saxutils import quoteattr

        xml = super()._insert_image()
        described = f" descr={quoteattr(self.alt)}" + (f" title={quoteattr(self.title)}" if self.title else "")
        # python-docx writes <wp:docPr id=".." name=".."/> and <pic:cNvPr id=".." name=".."/>: describe both.
        xml = re.sub(r"(<wp:docPr\b[^>]*?)(/?>)", lambda m: m.group(1) + described + m.group(2), xml, count=1)
        return re.sub(r"(<pic:cNvPr\b[^>]*?)(/?>)", lambda m: m.group(1) + described + m.group(2), xml, count=1)


def _inline_image(tpl: DocxTemplate, png: bytes, alt: str = "", title: str = "") -> InlineImage:
    size = _png_size(png)
    if size and size[0] and size[1] / size[0] > MAX_IMAGE_HEIGHT_MM / MAX_IMAGE_WIDTH_MM:
        return DescribedImage(tpl, io.BytesIO(png), alt=alt, title=title, height=Mm(MAX_IMAGE_HEIGHT_MM))
    return DescribedImage(tpl, io.BytesIO(png), alt=alt, title=title, width=Mm(MAX_IMAGE_WIDTH_MM))


def _missing_name(message: str) -> str:
    """The variable or attribute named in a jinja2 UndefinedError."""
    m = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return m.group(1) if m else message


# Elements that must come after w:updateFields in settings.xml (ECMA-376 CT_Settings order);
# Word rejects a settings part whose children are out of order.
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")


def set_update_fields(settings) -> None:
    """Ask Word to refresh the table of contents and page numbers when it opens the file.

    ``settings`` is python-docx's ``document.settings.element``.
    """
    node = settings.find(qn("w:updateFields"))
    if node is None:
        node = OxmlElement("w:updateFields")
        later = [settings.find(qn(f"w:{name}")) for name in _AFTER_UPDATE_FIELDS]
        later = [el for el in later if el is not None]
        if later:
            first = min(later, key=lambda el: settings.index(el))
            first.addprevious(node)
        else:
            settings.append(node)
    node.set(qn("w:val"), "true")


def _blank_for_none(value: Any) -> Any:
    # A value the case file leaves out is None: a report must show a gap, never the word "None".
    return "" if value is None else value


def _environment() -> jinja2.Environment:
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True, finalize=_blank_for_none)


def has_draft_marker(path: str | Path) -> bool:
    """Whether the Word document at ``path`` holds a draft marker ("[To be completed: ...]") in its body."""
    from .drafting import MARKER

    with zipfile.ZipFile(path) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    # Text only, paragraph by paragraph: a board's template may split the marker across runs.
    parts = re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|(</w:p>)", xml)
    text = "".join(t if not end else "\n" for t, end in parts)
    return MARKER in text


def render_template(template: str | Path, context: Mapping[str, Any], out: str | Path,
                    *, images: Mapping[str, bytes | None] | None = None,
                    alt_text: Mapping[str, tuple[str, str]] | None = None) -> Path:
    """Render the Word ``template`` with ``context`` into ``out``.

    ``images`` maps context names to PNG bytes; each is placed as a picture
    sized to fit the page, with its (alt text, title) from ``alt_text``
    (``None`` leaves the name as ``None`` so the template can say why there
    is no picture).
    Raises :class:`TemplateError` naming the template and what is wrong.
    """
    template, out = Path(template), Path(out)
    try:
        tpl = DocxTemplate(template)
        tpl.init_docx()
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise TemplateError(f"The template {template} cannot be opened as a Word document ({e}).",
                            hint="Save it from Word as a Word Document (.docx), not .doc or .pdf, or remove it from "
                                 "your --templates folder to use the shipped one.") from None
    full = dict(context)
    for name, png in (images or {}).items():
        alt, title = (alt_text or {}).get(name, ("", ""))
        full[name] = _inline_image(tpl, png, alt, title) if png else None
    try:
        tpl.render(full, _environment(), autoescape=True)
    except jinja2.UndefinedError as e:
        name = _missing_name(str(e))
        raise TemplateError(
            f"The template {template} uses '{name}', which scrdocs does not provide for this document ({e}).",
            hint=_HINT) from None
    except jinja2.TemplateSyntaxError as e:
        where = " ".join(s.strip() for s in getattr(e, "docx_context", []) if s.strip())
        raise TemplateError(
            f"The template {template} has a mistake in a {{{{ }}}} or {{% %}} tag: {e.message}"
            + (f" (near: {where[:200]})" if where else ""), hint=_HINT) from None
    except jinja2.TemplateError as e:
        raise TemplateError(f"The template {template} could not be filled in: {e}", hint=_HINT) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError) as e:
        # An expression the values cannot support, such as {{ review.title + 1 }}.
        raise TemplateError(f"The template {template} has an expression that cannot be worked out: {e}.",
                            hint="Correct the template in Word: keep to plain {{ name }} and {% if %} / {% for %} tags "
                                 "on the variables listed in the README ('Editing the Word templates'), or remove it "
                                 "from your --templates folder to use the shipped one.") from None
    normal = tpl.docx.styles["Normal"].font.size
    fit_table_columns(tpl.docx, normal.pt if normal else 11.0)  # no word broken inside a narrow column
    set_update_fields(tpl.docx.settings.element)
    # Word shows these under File > Info; the template's own dates (python-docx's 2013 default) would mislead.
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    tpl.docx.core_properties.created = tpl.docx.core_properties.modified = now
    try:
        tpl.save(out)
    except OSError as e:
        raise OutputError(f"Cannot write {out} ({e.strerror}).", hint="Choose a folder you can write to.") from None
    return out
