"""`scrdocs redact` and `scrdocs detect`: anonymise documents with what the case file knows."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import InputFormatError
from ..output import staged_dir
from .common import read_case

PROFILE_HELP = "publication, regulator or internal, or the path of your board's profile .yaml (default: publication)."


def _redactor(case_path: Path, profile: str):
    from ..redaction import Redactor, load_profile

    load_profile(profile)  # an unknown profile fails before the model is loaded
    return Redactor(read_case(case_path), profile)


@click.command()
@click.option("--case", "case_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The case file (only review, panel and people are needed).")
@click.option("--profile", default="publication", show_default=False, help=PROFILE_HELP)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the anonymised copies and audit.jsonl (written whole or not at all).")
@click.option("--key", "key_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the confidential key (pseudonym -> real name). Never inside --out.")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def redact(case_path: Path, profile: str, out_dir: Path, key_path: Path | None, inputs: tuple[Path, ...]) -> None:
    """Anonymise documents (.txt, .md, .docx, .pdf) for the regulator or for publication.

    Every input gets a copy of the same name in --out, with people replaced by
    their pseudonyms from the case file ("Adult A", "SW1"), people the case file
    does not list by "Person 1", "Person 2"..., and addresses, phone numbers,
    NHS numbers and the like by tags such as [address]. The board chair, panel
    chair and author stay named (panel members too in children's reviews).
    audit.jsonl in --out lists every decision without the original text.
    Inputs are never changed.

    \b
    Example:
      scrdocs redact --case review.yaml --profile publication --out anonymised --key ../confidential/key.json imr-asc.docx chronology.pdf
    """
    from ..redaction.key import check_key_path

    if key_path is not None:
        check_key_path(key_path, out_dir)
    names = [p.name for p in inputs]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputFormatError(f"Two inputs have the same name ({', '.join(dupes)}); their copies would overwrite each other.",
                               hint="Rename one of them, or anonymise them in separate runs.")
    for p in inputs:
        if not p.is_file():
            raise InputFormatError(f"Cannot find the input file {p}.", hint="Check the file name and folder.")
    redactor = _redactor(case_path, profile)
    results = []
    with staged_dir(out_dir) as staged:
        for src in inputs:
            results.append(redactor.redact_file(src, staged / src.name))
        redactor.write_audit(staged / "audit.jsonl")
        if key_path is not None:
            redactor.write_key(key_path, out_dir=out_dir)
    for res in results:
        kinds = ", ".join(f"{n} {t.lower().replace('_', ' ')}" for t, n in sorted(res.by_type.items())) or "nothing"
        click.echo(f"{res.source.name}: {res.removed} removed ({kinds}), {res.kept} kept")
        for note in res.notes:
            click.echo(f"  note: {note}")
    click.echo(f"Anonymised copies and audit.jsonl are in {out_dir}.")
    if key_path is not None:
        click.echo(f"The confidential key is in {key_path}: keep it apart from the copies.")


@click.command()
@click.option("--case", "case_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The case file (only review, panel and people are needed).")
@click.option("--profile", default="publication", help=PROFILE_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the spans as JSON (for other tools).")
@click.argument("input_path", metavar="INPUT", type=click.Path(dir_okay=False, path_type=Path))
def detect(case_path: Path, profile: str, as_json: bool, input_path: Path) -> None:
    """Show what would be removed or kept in a document, without changing it.

    For a Word or PDF document each span is given for the piece of text it
    was found in (a paragraph or a page), shown in "location".

    \b
    Example:
      scrdocs detect --case review.yaml --profile publication imr-asc.docx --json
    """
    from ..redaction import extract_text

    pieces = extract_text(input_path)
    if input_path.suffix.lower() in (".txt", ".md"):
        from ..redaction.formats.text import read_text

        pieces = [("", read_text(input_path))]
    redactor = _redactor(case_path, profile)
    found = []
    for (location, text), spans in zip(pieces, redactor.detect_many([t for _, t in pieces], document=input_path.name)):
        for s in spans:
            item = s.to_dict()
            if location:
                item["location"] = location
            found.append(item)
    if as_json:
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"{input_path.name}: {sum(1 for f in found if f['action'] == 'remove')} to remove, "
                        f"{sum(1 for f in found if f['action'] == 'keep')} kept")
    for column in ("where", "text", "type", "found by", "score", "action", "replacement"):
        table.add_column(column)
    for f in found:
        table.add_row(escape(f.get("location") or str(f["start"])), escape(f["text"]), f["entity_type"],
                      escape(f["detector"]), f"{f['score']:.2f}", f["action"], escape(f["replacement"] or ""))
    Console().print(table)


commands = [redact, detect]
