"""`scrdocs genogram`: draw the family's genogram from the case file."""

from __future__ import annotations

from pathlib import Path

import click

from .common import CASE_ARGUMENT, read_case


@click.command()
@CASE_ARGUMENT
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write: .svg, .png or .pdf (the ending sets the format).")
@click.option("--profile", type=click.Choice(["internal", "anonymised"]), default="internal", show_default=True,
              help="internal: names and dates of birth under the symbols. anonymised: pseudonyms and years only.")
@click.option("--style", type=click.Path(dir_okay=False, exists=True, path_type=Path), default=None,
              help="A genogram style file to use instead of the shipped genogram/style.yaml.")
def genogram(case: Path, out: Path, profile: str, style: Path | None) -> None:
    """Draw the genogram of the case file's family section.

    Uses the standard symbols (square male, circle female, diamond not known,
    a cross for a death, dotted outline for a household) and adds a key of the
    symbols used. Nothing is written if the family section has a problem.

    \b
    Example:
      scrdocs genogram my-review.yaml --out genogram.png
      scrdocs genogram my-review.yaml --out genogram-anon.svg --profile anonymised
    """
    from .. import write_genogram

    loaded = read_case(case)
    written = write_genogram(loaded, out, profile=profile, style=style, source=str(case))  # type: ignore[arg-type]
    click.echo(f"Wrote the {profile} genogram to {written}")


commands = [genogram]
