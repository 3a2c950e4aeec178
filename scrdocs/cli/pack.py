"""`scrdocs pack` (regulator, publication and family packs) and `scrdocs scan` (the leak check)."""

from __future__ import annotations

from pathlib import Path

import click

from .common import CASE_ARGUMENT, progress_bar, read_case


@click.command()
@CASE_ARGUMENT
@click.option("--profile", type=click.Choice(["regulator", "publication", "family"]), required=True,
              help="regulator: everything, anonymised, for CQC or Ofsted. publication: what the board publishes. "
                   "family: a read-only copy of the report for the family.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Folder to write the pack to. It appears only when the pack is complete and clean.")
@click.option("--include", "includes", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An agency document (.docx or .pdf: an IMR, a chronology) to anonymise into the pack. "
                   "Repeat for each document.")
@click.option("--key", "key", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the confidential key (pseudonym -> real name) here. Never inside --out.")
@click.option("--replace-key", is_flag=True, help="Replace the --key file if it already exists (refused otherwise).")
@click.option("--rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A board's own pack rules (a copy of redaction_rules/packs.yaml).")
@click.option("--templates", "templates_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder with the board's own Word templates.")
def pack(case: Path, profile: str, out: Path, includes: tuple[Path, ...], key: Path | None, replace_key: bool,
         rules: Path | None, templates_dir: Path | None) -> None:
    """Make an anonymised pack of the review's documents, and check it for leaks.

    Every document is anonymised with the same pseudonyms, made as Word and
    PDF, merged into one bookmarked PDF, and listed with its checksum in
    manifest.json; redaction-report.md lists the decisions to look at before
    signing off. Then every file is checked for any name, date of birth,
    address or NHS number of the people who must be anonymised. If anything
    is found the pack is not made: the attempt is kept in OUT.failed, with
    leak-report.txt saying where, and the exit code is 1.

    IMRs are never published: asking for one in a publication or family pack
    is an error.

    \b
    Example:
      scrdocs pack my-review.yaml --profile regulator --out cqc-pack \\
          --include asc-imr.docx --include police-chronology.pdf --key ~/keys/review-key.json
      scrdocs pack my-review.yaml --profile family --out family-copy
    """
    from ..inputs import check_input_file
    from ..packs.pack import build_pack
    from ..redaction.key import check_key_path

    for include in includes:
        check_input_file(include)
    if key is not None:  # (build_pack refuses a key inside the pack or its .failed folder)
        check_key_path(key, inputs=[case, *includes, *([rules] if rules else [])], replace=replace_key)
    loaded = read_case(case)
    with progress_bar() as update:
        result = build_pack(loaded, profile, out, includes=includes, key_path=key, replace_key=replace_key,
                            case_path=case, rules=rules, templates_dir=templates_dir, progress=update)
    click.echo(f"The {profile} pack is in {result.out_dir} ({len(result.files)} files):")
    for document in result.documents:
        names = ", ".join(p.name for p in (document.docx, document.pdf) if p is not None)
        click.echo(f"  - {document.title}: {names}")
    if result.merged_pdf is not None and all(d.pdf != result.merged_pdf for d in result.documents):
        click.echo(f"  - All documents in one PDF, with bookmarks: {result.merged_pdf.name}")
    removed = sum(result.redactions.values())
    click.echo(f"{removed} item{'s' if removed != 1 else ''} anonymised; see redaction-report.md for the "
               "decisions to look at before you sign the pack off.")
    report = result.leak_report
    click.echo(f"Leak check passed: {len(report.files) if report else 0} files checked, nothing found.")
    if result.key_path is not None:
        click.echo(f"The confidential key is in {result.key_path}. Keep it where only the review team can read it.")


@click.command()
@click.option("--case", "case", type=click.Path(exists=True, dir_okay=False, path_type=Path), required=True,
              help="The review's case file: it says who must not be named.")
@click.option("--profile", type=click.Choice(["publication", "regulator", "family"]), default="publication",
              show_default=True, help="Which copy the files are: it decides who may be named.")
@click.option("--no-ner", "no_ner", is_flag=True,
              help="Only look for what the case file lists (faster; skips the language model's rescan).")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
def scan(case: Path, profile: str, no_ner: bool, files: tuple[Path, ...]) -> None:
    """Check files for anything that still identifies a person who must be anonymised.

    Reads Word (.docx: text, headers, footers, comments, tracked changes,
    footnotes, properties, picture descriptions, links), PDF (text,
    properties, bookmarks), SVG, PNG, .txt, .md, .csv and .json files; a
    folder is checked file by file. The report says where each possible
    leak is and what kind it is, never the text itself, with the document's
    title, the heading above, the page and a few words around it (the
    finding masked). A case alias that is also an ordinary word, where it
    may be either ("The Bishop of the diocese"), is listed "to confirm":
    mark it "not a name" on the review page rather than change the text.
    Exit code 0 when nothing is found, 1 when something is (or a file
    cannot be read).

    \b
    Example:
      scrdocs scan --case my-review.yaml overview-report-edited.docx
      scrdocs scan --case my-review.yaml --profile regulator cqc-pack.failed
    """
    from ..packs.pack import scan_files

    paths: list[Path] = []
    for item in files:
        paths += sorted(p for p in item.rglob("*") if p.is_file()) if item.is_dir() else [item]
    report = scan_files(read_case(case), paths, profile=profile, ner=not no_ner, case_path=case)
    click.echo(report.summary())
    if not report.clean:
        click.echo("Nothing found there is printed here, so this report is safe to share.")
        raise SystemExit(1)


commands = [pack, scan]
