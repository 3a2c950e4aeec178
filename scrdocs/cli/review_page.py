"""`scrdocs review`: the review page, where a person confirms every redaction decision before release."""

from __future__ import annotations

from pathlib import Path

import click

from .common import CASE_ARGUMENT


@click.command("review")
@CASE_ARGUMENT
@click.option("--pack", "pack_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The pack folder to review (what `scrdocs pack --out` wrote, or its .failed attempt).")
@click.option("--include", "includes", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An agency document the pack was made with (--include of `scrdocs pack`). Repeat for each.")
@click.option("--redacted", "redacted_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Instead of a pack: the --out folder of `scrdocs redact`; give the same input files after it.")
@click.option("--profile", default="publication", show_default=True,
              help="With --redacted: the profile the copies were made with.")
@click.option("--reviewer", default="", help="Your name, recorded with each decision (you can also enter it on the page).")
@click.option("--role", default="", help="Your role (e.g. Board business manager), recorded with each decision.")
@click.option("--idle-minutes", default=30.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Stop the page after this many minutes without use.")
@click.option("--no-browser", is_flag=True, help="Print the address but do not open the browser.")
@click.argument("inputs", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def review(case: Path, pack_dir: Path | None, includes: tuple[Path, ...], redacted_dir: Path | None, profile: str,
           reviewer: str, role: str, idle_minutes: float, no_browser: bool, inputs: tuple[Path, ...]) -> None:
    """Open the review page: see, correct and sign off every redaction decision.

    The page lists each document with what was removed, kept and is to
    confirm, shows the text as the reader will see it with every decision
    marked, and lets you remove, keep or change any of them, on one
    occurrence or on every occurrence in the pack. Your decisions are kept
    in CASE.review-decisions.yaml beside the case file, and `scrdocs redact`,
    `pack` and `scan` apply them on every later run. When nothing is left to
    confirm, sign off: the pack is rebuilt with your decisions and checked
    for leaks, and manifest.json records who signed it off.

    The page runs on this computer only (127.0.0.1), at an address with a
    secret token; it stops when you press Ctrl+C, close the terminal, or
    leave it unused for --idle-minutes.

    \b
    Example:
      scrdocs review my-review.yaml --pack publication-pack --reviewer "Sam Okoro" --role "Board business manager"
      scrdocs review my-review.yaml --redacted anonymised imr-asc.docx chronology.pdf
    """
    from ..review_page import open_review, serve

    if pack_dir is None and redacted_dir is None:
        raise click.UsageError("Give --pack DIR (a pack folder) or --redacted DIR with the input files.")
    if pack_dir is not None and (redacted_dir is not None or inputs):
        raise click.UsageError("Give either --pack or --redacted with input files, not both.")
    if redacted_dir is not None and not inputs:
        raise click.UsageError("With --redacted, give the input files `scrdocs redact` was run on.")
    click.echo("Reading the documents again (the originals stay on this computer, in memory only)...", err=True)
    session = open_review(case, pack_dir=pack_dir, redacted_dir=redacted_dir, inputs=inputs, includes=includes,
                          profile=profile, progress=lambda message: click.echo(f"  {message}", err=True))
    server = serve(session, reviewer=reviewer, role=role, idle_minutes=idle_minutes)
    server.stop_with_the_terminal()
    click.echo(f"The review page is open at:\n  {server.url}\n"
               "Only this computer can reach it. Press Ctrl+C here to stop it.")
    if not no_browser:
        import webbrowser

        webbrowser.open(server.url)
    server.run()
    click.echo("The review page has stopped. Your decisions are saved in "
               f"{session.decisions_file}.")


commands = [review]
