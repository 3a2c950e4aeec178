"""`scrdocs redact` and `scrdocs detect`: anonymise documents with what the case file knows."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..inputs import check_input_file
from ..output import ensure_free_space, staged_dir, work_folder
from .common import progress_bar, read_case

PROFILE_HELP = "publication, regulator or internal, or the path of your board's profile .yaml (default: publication)."


def _redactor(case_path: Path, profile: str):
    from ..redaction import Redactor, load_profile

    from ..redaction.reviewer_apply import attach

    load_profile(profile)  # an unknown profile fails before the model is loaded
    return attach(Redactor(read_case(case_path), profile), case_path)  # the review page's decisions, if any


@click.command()
@click.option("--case", "case_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The case file (only review, panel and people are needed).")
@click.option("--profile", default="publication", show_default=False, help=PROFILE_HELP)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the anonymised copies and audit.jsonl (written whole or not at all).")
@click.option("--key", "key_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the confidential key (pseudonym -> real name). Never inside --out.")
@click.option("--replace-key", is_flag=True, help="Replace the --key file if it already exists (refused otherwise).")
@click.argument("inputs", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
def redact(case_path: Path, profile: str, out_dir: Path, key_path: Path | None, replace_key: bool,
           inputs: tuple[Path, ...]) -> None:
    """Anonymise documents (.txt, .md, .docx, .pdf) for the regulator or for publication.

    Every input gets a copy in --out, with people replaced by
    their pseudonyms from the case file ("Adult A", "SW1"), people the case file
    does not list by "Person 1", "Person 2"..., and addresses, phone numbers,
    NHS numbers and the like by tags such as [address]. The board chair, panel
    chair and author stay named (panel members too in children's reviews).
    A copy's name is the input's, with anyone it names replaced the same way
    ("notes on Adult A.txt"). audit.jsonl in --out lists every decision
    without the original text or file names. Inputs are never changed.

    \b
    Example:
      scrdocs redact --case review.yaml --profile publication --out anonymised --key ../confidential/key.json imr-asc.docx chronology.pdf
    """
    from ..packs.anonymise import anonymised_file_name, private_copy
    from ..redaction.key import check_key_path, write_key

    if key_path is not None:
        check_key_path(key_path, outputs=[out_dir], inputs=[case_path, *inputs], replace=replace_key)
    for p in inputs:
        check_input_file(p)
    # Each copy is about the size of its source, read from a private copy and staged before it replaces
    # any earlier copy.
    ensure_free_space(out_dir, 3 * sum(p.stat().st_size for p in inputs) + 10_000_000, what="the anonymised copies")
    redactor = _redactor(case_path, profile)
    results, taken = [], {"audit.jsonl", "decisions.json"}
    with work_folder(out_dir.resolve().parent) as work, staged_dir(out_dir) as staged, progress_bar() as progress:
        redactor.progress = progress  # a long text tells how far it has got
        for number, src in enumerate(inputs, start=1):
            # A file's name may name someone: the copy gets an anonymised name, and the engine reads the
            # input under that name, so neither its audit nor its decisions ever record the original.
            name = anonymised_file_name(redactor, src, number, taken)
            results.append((src, redactor.redact_file(private_copy(src, work, name), staged / name)))
        redactor.write_audit(staged / "audit.jsonl")
        if key_path is not None:
            write_key(redactor.key(), redactor.salt, key_path, review=redactor.case.review.reference,
                      profile=redactor.profile.name, replace=replace_key)
    for src, res in results:
        kinds = ", ".join(f"{n} {t.lower().replace('_', ' ')}" for t, n in sorted(res.by_type.items())) or "nothing"
        renamed = "" if res.dest.name == src.name else f" (as {res.dest.name})"
        click.echo(f"{src.name}{renamed}: {res.removed} removed ({kinds}), {res.kept} kept")
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

    check_input_file(input_path)
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
