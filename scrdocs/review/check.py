"""`scrdocs check`: everything a careful business manager checks, in one report.

The case file is validated first (a file that cannot be read gives a report
of its problems, nothing more). Then: timescales against the board's
procedure, the chronology, SMART recommendations and the action plan's RAG
status, IMR quality and panel independence. The report renders as plain
text (rich) or JSON; ``exit_code`` is 1 when there is any error.
"""

from __future__ import annotations

import io
import json
import textwrap
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from ..case.casefile import load_case
from .chronology_checks import DEFAULT_GAP_DAYS, ChronologySummary, check_chronology
from ..errors import CaseFileError, RulesError
from .draft_gaps import check_draft_gaps
from .family_relationships import check_family_relationships
from .imr_quality import PANEL, IMRQuality, check_imr_quality
from .independence import check_independence
from .name_fields import check_name_fields
from .publication_timing import check_publication_timing
from ..case.model import Case
from .findings import SEVERITIES, Finding
from .smart import ActionStatus, check_smart
from .timescales import MilestoneStatus, Procedure, Status, load_procedure, review_timescales
from .wording import in_review_words, is_partnership_review

_TIMESCALE_SEVERITY = {
    Status.late: "warning", Status.overdue: "warning", Status.inconsistent: "error",
    Status.due: "info", Status.met: "info", Status.not_applicable: "info",
    Status.too_early: "warning", Status.not_recorded: "warning",
}


@dataclass
class CheckReport:
    """Findings and the tables they came from."""

    source: str
    findings: list[Finding] = field(default_factory=list)
    today: date | None = None
    procedure: str | None = None
    milestones: list[MilestoneStatus] = field(default_factory=list)
    chronology: ChronologySummary | None = None
    actions: list[ActionStatus] = field(default_factory=list)
    imrs: list[IMRQuality] = field(default_factory=list)
    summary: str | None = None  # one line about what the case file holds, when it could be read
    hint: str | None = None  # what to do next, when the case file could not be read
    agency_labels: dict[str, str] = field(default_factory=dict)  # id -> short name, for the readable report

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "today": self.today.isoformat() if self.today else None,
            "procedure": self.procedure,
            "summary": self.summary,
            "ok": not self.errors,
            "counts": {s: self.count(s) for s in SEVERITIES},
            "findings": [f.to_dict() for f in self.findings],
            "milestones": [m.to_dict() for m in self.milestones],
            "chronology": self.chronology.to_dict() if self.chronology else None,
            "action_plan": [a.to_dict() for a in self.actions],
            "imr_quality": [q.to_dict() for q in self.imrs],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def render_text(self, *, colour: bool = False, width: int = 110) -> str:
        """The readable report (the text `scrdocs check` prints)."""
        out = io.StringIO()
        console = Console(file=out, width=width, force_terminal=colour, no_color=not colour,
                          color_system="standard" if colour else None, highlight=False)
        console.print(f"[bold]Checking {self.source}[/bold]"
                      + (f" against the '{self.procedure}' procedure" if self.procedure else "")
                      + (f" (today is {self.today:%d/%m/%Y})" if self.today else ""))
        if self.summary:
            console.print(self.summary)
        if self.milestones:
            table = Table(title="Timescales", title_justify="left", show_lines=False)
            for col in ("Milestone", "Within", "Due", "Status"):
                table.add_column(col)
            style = {Status.met: "green", Status.late: "red", Status.overdue: "red bold", Status.due: "yellow",
                     Status.inconsistent: "magenta", Status.too_early: "red", Status.not_recorded: "red"}
            for m in self.milestones:
                table.add_row(m.label, m.within, f"{m.due:%d/%m/%Y}" if m.due else "", m.message,
                              style=style.get(m.status))
            console.print(table)
        if self.actions:
            table = Table(title="Action plan", title_justify="left")
            for col in ("No", "Lead", "Target", "RAG", "Why"):
                table.add_column(col)
            colours = {"red": "red", "amber": "yellow", "green": "green"}
            for a in self.actions:
                lead = self.agency_labels.get(a.lead_agency or "", a.lead_agency or "")
                table.add_row(a.number, lead, f"{a.target_date:%d/%m/%Y}" if a.target_date else "",
                              f"[{colours[a.rag]}]{a.rag.upper()}[/]", a.reason)
            console.print(table)
        if self.imrs:
            table = Table(title="IMR quality (Herefordshire standards)", title_justify="left")
            table.add_column("Agency")
            # A criterion is a column when scrdocs measures it for any IMR (a stated `none` is the panel's to judge).
            measured = [r.id for i, r in enumerate(self.imrs[0].ratings)
                        if any(q.ratings[i].rating != PANEL for q in self.imrs)]
            for i in measured:
                table.add_column(i.replace("_", " "))
            short = {"Full and clear": "Full", "Partial": "Partial", "Limited or none": "[red]Limited[/]",
                     "Not in the case file": "[dim]not in file[/]", PANEL: "for the panel"}
            for q in self.imrs:
                table.add_row(q.agency, *[short.get(r.rating, r.rating) for r in q.ratings if r.id in measured])
            console.print(table)
        for severity, style in (("error", "red bold"), ("warning", "yellow"), ("info", "")):
            items = [f for f in self.findings if f.severity == severity]
            if not items:
                continue
            console.print(f"\n[{style or 'bold'}]{severity.capitalize()}s ({len(items)})[/]")
            # Plain wrapped lines, not a rich grid: a long chronology can give thousands of findings,
            # and laying them out as a table took most of the time of `scrdocs check`.
            lines = [textwrap.fill((f"{f.path}: " if f.path else "") + f.message, width=width - 1,
                                   initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False)
                     for f in items]
            console.out("\n".join(lines), highlight=False)
        e, w = self.count("error"), self.count("warning")
        if e:
            verdict = f"[red bold]{e} error{'s' if e != 1 else ''} must be corrected[/] and {w} warning{'s' if w != 1 else ''} to review."
        else:
            verdict = f"[green]No errors.[/] {w} warning{'s' if w != 1 else ''} to review."
        console.print("\n" + verdict)
        if self.hint:
            console.print(self.hint)
        return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _count(items: list, one: str, many: str) -> str:
    return f"{len(items)} {one if len(items) == 1 else many}"


def check_case(case: Case, *, source: str = "<case>", today: date | None = None, gap_days: int = DEFAULT_GAP_DAYS,
               procedure: Procedure | str | None = None, base_dir: str | Path | None = None) -> CheckReport:
    """Run every check on a loaded case."""
    today = today or date.today()
    report = CheckReport(source=source, today=today, summary=(
        f"The case file is valid: {_count(case.people, 'person', 'people')}, {_count(case.agencies, 'agency', 'agencies')}, "
        f"{_count(case.chronology, 'chronology entry', 'chronology entries')}, "
        f"{_count(case.recommendations, 'recommendation', 'recommendations')}."),
        agency_labels={a.id: a.label for a in case.agencies})
    try:
        proc = procedure if isinstance(procedure, Procedure) else load_procedure(procedure or case.review.procedure, base_dir=base_dir)
    except RulesError as e:
        report.findings.append(Finding("error", "timescales.procedure", "review.procedure", str(e).replace("\n", " ")))
        proc = None
    if proc is not None:
        report.procedure = proc.name
        report.milestones = review_timescales(case, proc, today=today)
        for m in report.milestones:
            report.findings.append(Finding(_TIMESCALE_SEVERITY[m.status], f"timescales.{m.status.name}", m.path, f"{m.label}: {m.message}"))
    chronology_findings, report.chronology = check_chronology(case, gap_days=gap_days)
    report.findings += chronology_findings
    smart_findings, report.actions = check_smart(case, today=today)
    report.findings += smart_findings
    imr_findings, report.imrs = check_imr_quality(case)
    report.findings += imr_findings
    report.findings += check_independence(case)
    report.findings += check_name_fields(case)
    report.findings += check_family_relationships(case)
    report.findings += check_draft_gaps(case)
    report.findings += check_publication_timing(case)
    if is_partnership_review(case.review.type):  # a CSPR is run by the safeguarding partners, not a board
        report.findings = [replace(f, message=in_review_words(f.message, case.review.type)) for f in report.findings]
    order = {s: i for i, s in enumerate(SEVERITIES)}
    report.findings.sort(key=lambda f: order[f.severity])  # stable: each area keeps its own order
    return report


def check_case_file(path: str | Path, *, today: date | None = None, gap_days: int = DEFAULT_GAP_DAYS,
                    procedure: Procedure | str | None = None) -> CheckReport:
    """Read the case file and run every check; an unreadable file gives a report of its problems."""
    path = Path(path)
    try:
        case = load_case(path)
    except CaseFileError as e:
        report = CheckReport(source=str(path), today=today, hint=e.hint)
        report.findings = [Finding("error", "case_file.invalid", p.path, p.message) for p in e.problems]
        return report
    return check_case(case, source=str(path), today=today, gap_days=gap_days, procedure=procedure, base_dir=path.parent)
