"""`scrdocs build`, `scrdocs demo` and `scrdocs schema`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..documents.kinds import DEFAULT_MARKING, KINDS
from ..errors import ToolMissingError
from .common import CASE_ARGUMENT, progress_bar, read_case

if TYPE_CHECKING:  # the library is imported inside each command, so --help answers at once
    from ..case.model import Case
    from ..documents.build import BuildResult


@click.command()
def schema() -> None:
    """Print the JSON Schema of a case file, for editor autocompletion.

    \b
    Example:
      scrdocs schema > scrdocs-case.schema.json
    """
    # The shipped file, not the model: the model's import alone takes longer than the whole answer should.
    from ..case.schema_file import shipped_schema_text

    click.echo(shipped_schema_text(), nl=False)


def _report(result: BuildResult, earlier: set[Path] | None = None) -> None:
    from ..output import earlier_outputs

    count = len(result.files)
    click.echo(f"Wrote {count} file{'' if count == 1 else 's'} to {result.out_dir}:")
    for path in result.files:
        click.echo(f"  {path.name}")
    for note in result.notes:
        click.secho(f"Note: {note}", err=True, fg="yellow")
    for kept in sorted(earlier_outputs(result.out_dir) - (earlier or set())):
        click.secho(f"Note: the earlier build in this folder held files this build does not make, so it is kept, "
                    f"whole, in {kept}. Delete that folder when you no longer need it.", err=True, fg="yellow")


_KIND_CHOICE = click.Choice(list(KINDS))
_OUT = click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
                    help="Folder to write the documents to: a new or empty one, or an earlier build's "
                         "(replaced when the build succeeds; if the earlier build held files this one does not "
                         "make, it is kept whole as FOLDER.earlier-<date>).")
_NO_PDF = click.option("--no-pdf", is_flag=True, help="Make only the Word documents (no LibreOffice needed).")
_MARKING = click.option("--marking", default=DEFAULT_MARKING, show_default=True,
                        help="Protective marking printed in every header and footer.")


@click.command()
@CASE_ARGUMENT
@_OUT
@_NO_PDF
@click.option("--only", "only", type=_KIND_CHOICE, multiple=True,
              help="Build only this kind of document (repeat for more).")
@click.option("--templates", "templates", type=click.Path(file_okay=False, path_type=Path),
              help="A folder of the board's own Word templates (same file names); missing ones fall back to the shipped templates.")
@_MARKING
def build(case: Path, out: Path, no_pdf: bool, only: tuple[str, ...], templates: Path | None, marking: str) -> None:
    """Build the review documents from a case file: overview report, executive
    summary, an IMR per agency, integrated chronology (Word and CSV), action
    plan and seven-minute briefing, each as Word and PDF.

    The output folder appears only when every document is complete.

    \b
    Example:
      scrdocs build my-review.yaml --out my-review-docs
      scrdocs build my-review.yaml --out drafts --no-pdf --only overview_report --only imr
    """
    from .. import build_documents
    from ..output import earlier_outputs

    loaded = read_case(case)
    earlier = earlier_outputs(out)
    with progress_bar() as progress:
        result = build_documents(loaded, out, kinds=list(only) or None, pdf=not no_pdf, marking=marking,
                                 templates_dir=templates, progress=progress)
    _report(result, earlier)


def _example_case() -> Path:
    from ..examples import example_case_path

    try:
        return example_case_path()
    except FileNotFoundError as e:
        raise ToolMissingError(f"The example case is missing from this installation ({e}).",
                               hint="Reinstall scrdocs (pip install --force-reinstall scrdocs).") from None


def _genogram_files(case: Case) -> dict[str, bytes]:
    """The genogram as SVG and PNG beside the documents; a failure is a note, not an error."""
    try:
        from ..genogram import draw_genogram

        return {f"genogram.{fmt}": draw_genogram(case, profile="internal", format=fmt) for fmt in ("svg", "png")}
    except Exception as e:  # noqa: BLE001 - the documents are still useful without it
        click.secho(f"Note: the genogram could not be drawn as a picture file ({e}).", err=True, fg="yellow")
        return {}


@click.command()
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("demo-out"),
              show_default=True, help="Folder to write the example documents to.")
@_NO_PDF
def demo(out: Path, no_pdf: bool) -> None:
    """Build the documents of the shipped fictional example review (Adult A),
    with its genogram and a copy of its case file to start your own from.

    \b
    Example:
      scrdocs demo --out demo-out
    """
    from .. import build_documents

    case_path = _example_case()
    loaded = read_case(case_path)
    extras = {case_path.name: case_path.read_bytes(), **_genogram_files(loaded)}
    from ..output import earlier_outputs

    earlier = earlier_outputs(out)
    with progress_bar() as progress:
        result = build_documents(loaded, out, pdf=not no_pdf, progress=progress, extra_files=extras)
    _report(result, earlier)
    click.echo(f"Start your own review from {result.out_dir / case_path.name} (a fictional example).")


commands = [build, demo, schema]
