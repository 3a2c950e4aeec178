"""`scrdocs check`, `scrdocs timeline` and `scrdocs import-chronology`: running a review."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from ..review.chronology_checks import DEFAULT_GAP_DAYS
from ..case.dates import parse_date
from ..output import staged_file
from .common import CASE_ARGUMENT, read_case


class _UKDate(click.ParamType):
    name = "DATE"

    def convert(self, value, param, ctx):  # type: ignore[override]
        if isinstance(value, date):
            return value
        try:
            return parse_date(value)
        except ValueError as e:
            self.fail(f"{e} (write it as 31/12/2024)", param, ctx)


TODAY_OPTION = click.option("--today", type=_UKDate(), default=None,
                            help="Check as if today were this date (dd/mm/yyyy). Default: today.")
PROCEDURE_OPTION = click.option("--procedure", default=None, metavar="NAME|FILE",
                                help="Timescales to check against: national (SCRs, SARs and the statutory CSPR milestones), "
                                     "stockport, cumbria or your board's or partnership's procedure YAML file. "
                                     "Default: review.procedure in the case file.")


def _from_here(procedure: str | None) -> str | None:
    """A --procedure file is found from the current folder (the case file's own setting, from its folder)."""
    if procedure and Path(procedure).is_file():
        return str(Path(procedure).resolve())
    return procedure


@click.command()
@CASE_ARGUMENT
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON instead of a readable report.")
@TODAY_OPTION
@click.option("--gap-days", type=click.IntRange(min=1), default=DEFAULT_GAP_DAYS, show_default=True,
              help="List gaps in the chronology with no agency contact for longer than this many days.")
@PROCEDURE_OPTION
def check(case: Path, as_json: bool, today: date | None, gap_days: int, procedure: str | None) -> None:
    """Check a case file and report every problem found.

    Checks the case file itself, the review's timescales against the board's
    or safeguarding partnership's procedure (for a CSPR: notification to the
    National Panel, the rapid review, and the report sent to the National
    Panel and the Secretary of State before publication), the chronology (sources, period, order, likely duplicates,
    gaps, occasions seen), SMART recommendations and the action plan's
    Red/Amber/Green status, IMR quality (Herefordshire standards) and panel
    independence.

    Exit code 0 when nothing must be corrected (warnings alone are fine), 1
    when there is an error (an invalid case file, an independence breach,
    dates that contradict each other).

    \b
    Example:
      scrdocs check my-review.yaml
      scrdocs check my-review.yaml --today 01/06/2024 --gap-days 60 --json > findings.json
    """
    from ..review.check import check_case_file

    report = check_case_file(case, today=today, gap_days=gap_days, procedure=_from_here(procedure))
    if as_json:
        click.echo(report.to_json())
    else:
        click.echo(report.render_text(colour=sys.stdout.isatty()), nl=False)
    sys.exit(report.exit_code)


@click.command()
@CASE_ARGUMENT
@TODAY_OPTION
@PROCEDURE_OPTION
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also draw the timeline as a picture: FILE.png or FILE.svg.")
@click.option("--chronology-chart", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also draw the chronology (one lane per agency, seen and seen alone marked): FILE.png or FILE.svg.")
def timeline(case: Path, today: date | None, procedure: str | None, chart: Path | None,
             chronology_chart: Path | None) -> None:
    """Show each milestone of the review with its due date and status.

    Status is met, late, overdue, due in N days, or not applicable (when the
    date it counts from is missing). Working days skip weekends and bank
    holidays.

    The charts show milestone and agency labels only, never a person's name,
    so they can go into the overview report.

    \b
    Example:
      scrdocs timeline my-review.yaml
      scrdocs timeline my-review.yaml --procedure stockport --chart timeline.svg --chronology-chart lanes.png
    """
    from ..review.charts import chronology_lanes_chart, timeline_chart
    from ..review.timescales import load_procedure, review_timescales

    for option, path in (("--chart", chart), ("--chronology-chart", chronology_chart)):
        if path is not None and path.suffix.lower() not in (".png", ".svg"):
            raise click.BadParameter("the chart must be a .png or .svg file", param_hint=option)
    loaded = read_case(case)
    proc = load_procedure(_from_here(procedure) or loaded.review.procedure, base_dir=case.parent)
    today = today or date.today()
    rows = review_timescales(loaded, proc, today=today)
    review = loaded.review
    click.echo(f"{review.title} ({review.type.long_name}, {review.board}): timescales of the '{proc.name}' procedure "
               f"({proc.title}), today {today:%d/%m/%Y}")
    width = max((len(r.label) for r in rows), default=10)
    for r in rows:
        due = f"{r.due:%d/%m/%Y}" if r.due else "-"
        within = r.within if r.within.startswith("at least") else f"within {r.within}"
        click.echo(f"  {r.label:<{width}}  {within:<30} due {due:<10}  {r.message}")
    if chart is not None:
        data = timeline_chart(loaded, format=chart.suffix.lower().lstrip("."), today=today, milestones=rows)  # type: ignore[arg-type]
        with staged_file(chart) as tmp:
            tmp.write_bytes(data)
        click.echo(f"Timeline chart written to {chart}")
    if chronology_chart is not None:
        data = chronology_lanes_chart(loaded, format=chronology_chart.suffix.lower().lstrip("."))  # type: ignore[arg-type]
        with staged_file(chronology_chart) as tmp:
            tmp.write_bytes(data)
        click.echo(f"Chronology chart written to {chronology_chart}")


@click.command("import-chronology")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--agency", required=True, help="The agency's id in the case file (e.g. asc, police).")
@click.option("--into", "into", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The case file to merge the entries into. A NEW case file is written beside it "
                   "(CASE-merged.yaml, or the --out name); the case file itself is never changed.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The file to write: the entries alone (without --into), or the new merged case file (with --into).")
@click.option("--case", "case_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The case file: checks the agency id and notes entries outside the period under review "
                   "(implied by --into).")
def import_chronology(files: tuple[Path, ...], agency: str, into: Path | None, out: Path | None,
                      case_file: Path | None) -> None:
    """Read agency chronologies (Word tables, CSV, Excel) into the case file.

    Word tables are recognised by their headings (the Herefordshire and
    Cumbria chronology templates and close variants), wherever they are in
    the document. Every column is kept. Dates are read as agencies write
    them: 31/12/03, 22-May-16, a date and time in one cell
    ("12.03.23 23:47"), estimates ("? 03/2019") and vague dates ("Mid Nov
    2024", "W/C 13/03/2023", "Spring 2023", "between 02/03/2023 and
    09/03/2023", "not known"), which are imported as uncertain with the
    wording kept. Year headings, blank spacer rows and repeated heading rows
    are skipped with a note.

    With --into, the entries are merged in date and time order into a new
    case file beside the old one; the agency's entries from an earlier import
    are replaced rather than doubled, and likely duplicates are marked for
    you to check. The input files and the case file are not changed.

    Every row that was not simply imported (rejected, skipped, noted, a
    likely duplicate) is listed with its file, table, row, text and reason in
    a report beside the output (NAME-import-report.csv).

    Exit code 0 when every row was imported, 1 when any row was rejected
    (the rest are still written) or nothing could be imported.

    \b
    Example:
      scrdocs import-chronology asc.docx --agency asc --into my-review.yaml
      scrdocs import-chronology asc.docx asc-extra.xlsx --agency asc --case my-review.yaml --out asc-chronology.yaml
    """
    from ..case.casefile import load_case
    from ..review.chronology_import import (import_chronologies, merge_into_case, merged_name, write_chronology_yaml,
                                            write_report)

    if into is None and out is None:
        raise click.UsageError("Give --into CASE.yaml to merge into the case file, or --out FILE.yaml for the entries alone.")
    case_file = into or case_file
    case = load_case(case_file) if case_file else None
    if case is not None and agency not in {a.id for a in case.agencies}:
        known = ", ".join(a.id for a in case.agencies) or "none"
        raise click.BadParameter(f"'{agency}' is not an agency id in {case_file} (known: {known})", param_hint="--agency")
    result = import_chronologies(files, agency, case=case)
    for note in result.notes:
        click.echo(f"  note: {note}")
    for problem in result.problems:
        click.echo(f"  {problem.kind}: {problem}")
    dest = (out or merged_name(into)) if into else out
    assert dest is not None
    report = write_report(result, dest)
    if not result.entries:
        click.echo(f"{result.summary()}.")
        click.secho(f"Error: no rows could be imported; nothing was written except the report {report}.", err=True, fg="red")
        sys.exit(1)
    if into:
        merged = merge_into_case(result, into, dest)
        for row in merged.report_rows():
            click.echo(f"  duplicate: {', '.join(filter(None, row[:3]))}: {row[5]}")
        if merged.duplicates:
            report = write_report(result, dest, extra=merged.report_rows())
        click.echo(f"{result.summary()}.")
        click.echo(f"{merged.summary()}.")
        click.echo(f"New case file written to {merged.out} ({into} is unchanged).")
    else:
        write_chronology_yaml(result, dest)
        click.echo(f"{result.summary()}.")
        click.echo(f"Written to {dest}.")
    click.echo(f"Report of every row not simply imported: {report}.")
    if result.rejected:
        click.secho(f"{len(result.rejected)} row{'s were' if len(result.rejected) != 1 else ' was'} rejected and "
                    "not imported: see the report, correct them and import again.", err=True, fg="red")
        sys.exit(1)


commands = [check, timeline, import_chronology]
