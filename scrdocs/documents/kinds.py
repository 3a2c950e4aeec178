"""The documents scrdocs builds, and where each one's Word template is found."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TemplateError
from ..resources import data_dir

if TYPE_CHECKING:  # the CLI lists the kinds in --help without loading the case model
    from ..case.model import Agency, Case

#: The protective marking printed on every page unless the user names another.
DEFAULT_MARKING = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class DocumentKind:
    id: str
    title: str
    template: str
    stem: str  # output file name without extension
    per_agency: bool = False

    def file_stem(self, agency_id: str | None = None) -> str:
        return f"{self.stem}-{agency_id}" if self.per_agency else self.stem


KINDS: dict[str, DocumentKind] = {k.id: k for k in (
    DocumentKind("overview_report", "Overview report", "overview-report.docx", "overview-report"),
    DocumentKind("executive_summary", "Executive summary", "executive-summary.docx", "executive-summary"),
    DocumentKind("imr", "Individual Management Review", "imr.docx", "imr", per_agency=True),
    # "IMR standards form", not "Standards for ...": after the review's title ("Adult K: Standards
    # for") the language model reads the words as part of a name, and the leak gate stops the pack.
    DocumentKind("imr_standards", "IMR standards form", "imr-standards.docx", "imr-standards", per_agency=True),
    DocumentKind("integrated_chronology", "Integrated multi-agency chronology", "integrated-chronology.docx", "integrated-chronology"),
    DocumentKind("action_plan", "Action plan", "action-plan.docx", "action-plan"),
    DocumentKind("seven_minute_briefing", "Seven-minute briefing", "seven-minute-briefing.docx", "seven-minute-briefing"),
)}


def document_kind(kind: str) -> DocumentKind:
    try:
        return KINDS[kind]
    except KeyError:
        raise TemplateError(f"There is no document kind called '{kind}'.",
                            hint=f"Use one of: {', '.join(KINDS)}.") from None


def imr_agencies(case: Case) -> list[Agency]:
    """Agencies that get an IMR: those with chronology entries or IMR content in the case file."""
    with_entries = {e.agency for e in case.chronology}
    return [a for a in case.agencies if a.imr is not None or a.id in with_entries]


def template_path(kind: DocumentKind | str, templates_dir: str | Path | None = None) -> Path:
    """The template for ``kind``: the board's own (in ``templates_dir``) if it has one, else the shipped one."""
    kind = document_kind(kind) if isinstance(kind, str) else kind
    if templates_dir is not None:
        own = Path(templates_dir) / kind.template
        if own.is_file():
            return own
        if not Path(templates_dir).is_dir():
            raise TemplateError(f"The templates folder {templates_dir} does not exist.",
                                hint="Check the --templates path, or leave it out to use the shipped templates.")
    return data_dir("templates") / kind.template
