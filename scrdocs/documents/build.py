"""The document pipeline: case -> Word documents -> PDF -> output folder.

Two entry points:

* :func:`build_documents` builds a whole set into a folder, atomically (the
  folder appears only when every file is complete).
* :func:`render_docx` renders one document to one path, for callers that
  post-process the Word file before making a PDF (the pack builder renders
  the internal copy, redacts it, then calls :func:`scrdocs.libreoffice.convert_to_pdf`).
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal

from .chronology import write_chronology_csv
from .context import DEFAULT_MARKING, KINDS, DocumentKind, document_context, document_kind, imr_agencies, template_path
from .drafting import status_context
from .render import has_draft_marker, render_template
from ..case.model import Case
from ..output import ensure_free_space, staged_dir
from ..progress import Progress, Steps

log = logging.getLogger("scrdocs")

GenogramProfile = Literal["internal", "anonymised"]

_NEEDS_FIGURES = {"overview_report", "imr"}


@dataclass
class Figures:
    """Pictures placed in the documents; a note says why one is missing."""

    genogram_png: bytes | None = None
    genogram_note: str = ""
    timeline_png: bytes | None = None
    timeline_note: str = ""
    contact_png: bytes | None = None
    contact_note: str = ""


@dataclass
class BuildResult:
    """What :func:`build_documents` wrote (final paths inside ``out_dir``)."""

    out_dir: Path
    docx: list[Path] = field(default_factory=list)
    pdf: list[Path] = field(default_factory=list)
    csv: list[Path] = field(default_factory=list)
    extra: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        return [*self.docx, *self.csv, *self.pdf, *self.extra]


@dataclass(frozen=True)
class PlannedDocument:
    kind: DocumentKind
    agency: str | None
    file_name: str  # e.g. "imr-asc.docx"


def default_genogram_profile(kind: str) -> GenogramProfile:
    """The genogram each document shows, as the guidance asks: an IMR has names
    and dates of birth under the symbols (Herefordshire IMR toolkit); the
    overview report and every other document an *anonymised* genogram (national
    SAR guidance, Working Together 8.40). A picture cannot be anonymised later:
    `scrdocs redact` changes the text of a document, not the text in its images."""
    return "internal" if document_kind(kind).per_agency else "anonymised"


def _draw_genogram_into(figures: Figures, case: Case, genogram_profile: GenogramProfile) -> None:
    if case.family is None:
        figures.genogram_note = "[To be completed: the family section of the case file, for the genogram]"
    else:
        try:
            from ..genogram import draw_genogram

            figures.genogram_png = draw_genogram(case, profile=genogram_profile, format="png")
        except Exception as e:  # noqa: BLE001 - any drawing failure is reported in the document instead
            log.info("The genogram could not be drawn: %s", e)
            figures.genogram_note = f"The genogram could not be drawn ({str(e).splitlines()[0] if str(e) else type(e).__name__})."


def draw_figures(case: Case, genogram_profile: GenogramProfile = "internal") -> Figures:
    """Draw the genogram, the review-timescales chart and the agency-contact chart.

    A drawing that fails never stops the build: the document says the
    picture could not be drawn, and the reason is logged.
    """
    figures = Figures()
    _draw_genogram_into(figures, case, genogram_profile)
    _draw_charts_into(figures, case)
    return figures


def _draw_charts_into(figures: Figures, case: Case) -> None:
    from ..review.charts import chronology_lanes_chart, timeline_chart

    try:
        figures.timeline_png = timeline_chart(case)
    except Exception as e:  # noqa: BLE001
        log.info("The review-timescales chart could not be drawn: %s", e)
        figures.timeline_note = "The review-timescales chart could not be drawn."
    if case.chronology:
        try:
            figures.contact_png = chronology_lanes_chart(case)
        except Exception as e:  # noqa: BLE001
            log.info("The agency-contact chart could not be drawn: %s", e)
            figures.contact_note = "The agency-contact chart could not be drawn."


def _uses_figures(kind_id: str, template: Path) -> bool:
    """Whether the document shows the genogram or timeline: the shipped overview
    report and IMR do, and so does any board template that names them."""
    if kind_id in _NEEDS_FIGURES:
        return True
    try:
        with zipfile.ZipFile(template) as docx:
            xml = b"".join(docx.read(n) for n in docx.namelist() if n.startswith("word/") and n.endswith(".xml"))
    except (OSError, zipfile.BadZipFile):
        return False  # render_template reports the broken template
    return b"genogram_image" in xml or b"timeline_image" in xml or b"contact_image" in xml


def render_docx(case: Case, kind: str, path: str | Path, *, agency: str | None = None,
                marking: str = DEFAULT_MARKING, genogram_profile: GenogramProfile | None = None,
                templates_dir: str | Path | None = None, figures: Figures | None = None) -> Path:
    """Render one document of ``kind`` (see :data:`scrdocs.documents.context.KINDS`) to ``path`` (.docx).

    ``agency`` (an agency id) is needed for ``kind="imr"``. ``figures`` may be
    passed to reuse drawings across documents; otherwise they are drawn here
    with ``genogram_profile`` (default: :func:`default_genogram_profile`).
    ``templates_dir`` is a board's own templates folder (missing templates
    fall back to the shipped ones).
    """
    doc_kind = document_kind(kind)
    context = document_context(case, doc_kind, agency=agency, marking=marking, templates_dir=templates_dir)
    images: dict[str, bytes | None] = {}
    template = template_path(doc_kind, templates_dir)
    if _uses_figures(doc_kind.id, template):
        figures = figures or draw_figures(case, genogram_profile or default_genogram_profile(doc_kind.id))
        images = {"genogram_image": figures.genogram_png, "timeline_image": figures.timeline_png,
                  "contact_image": figures.contact_png}
        context["genogram_note"] = figures.genogram_note
        context["timeline_note"] = figures.timeline_note
        context["contact_note"] = figures.contact_note
    alt = {f"{name}_image": (fig["alt"], fig["caption"]) for name, fig in context["figures"].items()}
    # A document is a draft exactly when its filled-in text holds a draft marker (the board's own
    # template's gaps included): render, look, and if there is one, render again stamped DRAFT.
    context.update(status_context(case, draft=False))
    render_template(template, context, path, images=images, alt_text=alt)
    if has_draft_marker(path):
        context.update(status_context(case, draft=True))
        render_template(template, context, path, images=images, alt_text=alt)
    return Path(path)


def planned_documents(case: Case, kinds: Iterable[str] | None = None) -> list[PlannedDocument]:
    """The Word documents a build of ``kinds`` (default: all) will write, in order."""
    wanted = list(KINDS) if kinds is None else [document_kind(k).id for k in kinds]
    plan = []
    for kind_id in KINDS:  # always in the standard order, whatever order was asked for
        if kind_id not in wanted:
            continue
        kind = KINDS[kind_id]
        if kind.per_agency:
            plan += [PlannedDocument(kind, a.id, f"{kind.file_stem(a.id)}.docx") for a in imr_agencies(case)]
        else:
            plan.append(PlannedDocument(kind, None, f"{kind.file_stem()}.docx"))
    return plan


def build_documents(case: Case, out_dir: str | Path, *, kinds: Iterable[str] | None = None, pdf: bool = True,
                    marking: str = DEFAULT_MARKING, genogram_profile: GenogramProfile | None = None,
                    templates_dir: str | Path | None = None, progress: Progress | None = None,
                    extra_files: dict[str, bytes] | None = None) -> BuildResult:
    """Build the review's documents into ``out_dir``.

    Writes one .docx per document (an IMR per agency with chronology entries
    or IMR content), the integrated chronology as CSV too, and a PDF of each
    .docx unless ``pdf`` is false. ``genogram_profile`` forces one genogram
    for every document; by default each gets :func:`default_genogram_profile`.
    ``extra_files`` (name -> content) are written beside them, inside the
    same atomic step (the demo adds its case file and genogram).
    Everything is written to a temporary folder first, so ``out_dir`` is
    either complete or untouched; an existing ``out_dir`` holding anything
    scrdocs did not write there is refused, never emptied
    (:func:`scrdocs.output.check_replaceable`).
    """
    plan = planned_documents(case, kinds)
    if pdf and plan:
        from ..libreoffice import check_pdf_tools

        check_pdf_tools()  # a missing LibreOffice is reported before any work, not after it
    wants_csv = any(p.kind.id == "integrated_chronology" for p in plan)
    total = 1 + len(plan) + int(wants_csv) + int(pdf and bool(plan))
    step = Steps(total, progress)

    out_dir = Path(out_dir).resolve()
    # Generously, before the long work: a document with its figures is well under a few MB, its PDF as
    # much again, and the earlier folder stays until the new one replaces it.
    extra = sum(len(content) for content in (extra_files or {}).values())
    ensure_free_space(out_dir.parent, 5_000_000 * len(plan) * (2 if pdf else 1) + 2 * extra + 20_000_000,
                      what="the documents")
    result = BuildResult(out_dir)
    with staged_dir(out_dir) as staging:
        step("Drawing the genogram")
        profiles = {p.kind.id: genogram_profile or default_genogram_profile(p.kind.id) for p in plan
                    if _uses_figures(p.kind.id, template_path(p.kind, templates_dir))}
        figures_for: dict[str, Figures] = {}
        for profile in sorted(set(profiles.values())):
            if not figures_for:
                figures_for[profile] = draw_figures(case, profile)
            else:  # the timeline is the same for every profile: draw only the other genogram
                first = next(iter(figures_for.values()))
                figures_for[profile] = Figures(timeline_png=first.timeline_png, timeline_note=first.timeline_note,
                                               contact_png=first.contact_png, contact_note=first.contact_note)
                _draw_genogram_into(figures_for[profile], case, profile)
        for figures in figures_for.values():
            for note in (figures.genogram_note, figures.timeline_note, figures.contact_note):
                if note and note not in result.notes:
                    result.notes.append(note)
        written: list[Path] = []
        for item in plan:
            step(f"Writing {item.file_name}")
            figures = figures_for.get(profiles.get(item.kind.id, ""), Figures())
            written.append(render_docx(case, item.kind.id, staging / item.file_name, agency=item.agency,
                                       marking=marking, templates_dir=templates_dir, figures=figures))
        csv_written: list[Path] = []
        if wants_csv:
            step("Writing integrated-chronology.csv")
            csv_written.append(write_chronology_csv(case, staging / "integrated-chronology.csv"))
        pdf_written: list[Path] = []
        if pdf and written:
            step(f"Making {len(written)} PDF{'s' if len(written) != 1 else ''} with LibreOffice")
            from ..libreoffice import convert_to_pdf

            pdf_written = convert_to_pdf(written, staging)
            from .short_pages import fix_short_pages

            fix_short_pages(written, pdf_written, staging)  # no near-empty page before a landscape section
        for name, content in (extra_files or {}).items():
            (staging / name).write_bytes(content)
        if progress:
            progress(total, total, "Done")
    result.extra = [out_dir / name for name in extra_files or {}]
    result.docx = [out_dir / p.name for p in written]
    result.csv = [out_dir / p.name for p in csv_written]
    result.pdf = [out_dir / p.name for p in pdf_written]
    return result
