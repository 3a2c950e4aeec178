"""Redaction quality and speed: scrdocs against plain Presidio, side by side.

Quality: both systems run on the labelled corpus (tests/redaction_corpus/: a
SAR, panel members removed) and on its small children's review
(tests/redaction_corpus/cspr/: panel members kept), scored by
bench/redaction_scorer.py. Plain Presidio means an
AnalyzerEngine with its default recognizers and the SAME spaCy model as
scrdocs, the kept panel people's names (with their aliases) as its
``allow_list``, and every entity it finds treated as "remove".

Speed: words per second on one ~50,000-word document (the corpus repeated),
measured in this one run: scrdocs ``Redactor.redact_text`` against Presidio
``AnalyzerEngine.analyze`` + ``AnonymizerEngine.anonymize``. Models are loaded
and warmed up before the clock starts, so the figures are throughput, not
start-up time; timed passes alternate between the two systems and the best
pass of each is reported (the median is in the JSON too).

Offline: tldextract (used by Presidio's email recognizer) is pointed at its
bundled Public Suffix List snapshot, so nothing here needs the network.

Run:  .venv/bin/python bench/redaction_quality.py [--words 50000] [--repeat 3] [--misses] [--only presidio|scrdocs]
Writes bench/results/redaction.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from redaction_scorer import (  # noqa: E402
    CORPUS, TARGETS, corpus_case_path, failed_targets, load_corpus, render_misses, render_table, score, summary,
)

RESULTS = Path(__file__).resolve().parent / "results" / "redaction.json"


def offline_tldextract() -> None:
    """Make tldextract use its bundled suffix list instead of downloading one."""
    import tldextract

    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def kept_panel_names(case) -> list[str]:
    """The names plain Presidio is told to leave alone (its allow_list matches whole strings only)."""
    people = [case.panel.board_chair, case.panel.panel_chair, case.panel.author]
    if case.review.is_childrens_review:
        people += list(case.panel.members)
    names: list[str] = []
    for p in people:
        for n in [p.name, *p.aliases]:
            if n not in names:
                names.append(n)
    return names


class PlainPresidio:
    """Presidio as a board would set it up out of the box, with our spaCy model."""

    def __init__(self, model: str, allow_list: list[str]):
        offline_tldextract()
        import presidio_analyzer
        import yaml
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_anonymizer import AnonymizerEngine

        # Presidio's own default NLP configuration, with only the model swapped
        # for ours: its entity mapping and its labels_to_ignore (ORGANIZATION,
        # CARDINAL...) are what a board gets out of the box.
        config = yaml.safe_load((Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml").read_text())
        config["models"] = [{"lang_code": "en", "model_name": model}]
        provider = NlpEngineProvider(nlp_configuration=config)
        self.analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
        self.anonymizer = AnonymizerEngine()
        self.allow_list = allow_list

    def detect(self, text: str) -> list[dict]:
        results = self.analyzer.analyze(text=text, language="en", allow_list=self.allow_list)
        return [{"start": r.start, "end": r.end, "entity_type": r.entity_type, "action": "remove", "score": r.score}
                for r in results]

    def redact_text(self, text: str) -> str:
        results = self.analyzer.analyze(text=text, language="en", allow_list=self.allow_list)
        return self.anonymizer.anonymize(text=text, analyzer_results=results).text


def predict(system, docs: dict[str, str]) -> dict[str, list]:
    if hasattr(system, "analyzer"):
        return {doc: system.detect(text) for doc, text in docs.items()}
    return {doc: system.detect(text, document=doc) for doc, text in docs.items()}


def big_document(docs: dict[str, str], words: int) -> str:
    parts: list[str] = []
    count = 0
    while count < words:
        for text in docs.values():
            parts.append(text)
            count += len(text.split())
            if count >= words:
                break
    return "\n\n".join(parts)


def timed(fn, text: str) -> float:
    t0 = time.perf_counter()
    fn(text)
    return time.perf_counter() - t0


def speed_figures(times: list[float], text: str) -> dict:
    n_words = len(text.split())
    best = min(times)
    return {"words": n_words, "seconds": round(best, 3), "seconds_all": [round(t, 3) for t in times],
            "median_seconds": round(statistics.median(times), 3), "words_per_second": round(n_words / best, 1)}


def environment(model: str) -> dict:
    import spacy

    def version(mod):
        try:
            from importlib.metadata import version as v
            return v(mod)
        except Exception:  # noqa: BLE001 - only for the record
            return "unknown"

    return {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count(),
            "spacy": spacy.__version__, "presidio_analyzer": version("presidio-analyzer"),
            "presidio_anonymizer": version("presidio-anonymizer"), "spacy_model": model,
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50_000, help="size of the speed document in words")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per system, interleaved (the best is reported)")
    parser.add_argument("--misses", action="store_true", help="list every miss and false positive")
    parser.add_argument("--only", choices=["scrdocs", "presidio"], help="run one system only")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    from rich.console import Console

    from scrdocs.case.casefile import load_case
    from scrdocs.settings import spacy_model

    console = Console()
    model = spacy_model()
    case = load_case(corpus_case_path())
    docs, gold = load_corpus()
    big = big_document(docs, args.words)
    warm = next(iter(docs.values()))

    systems: dict[str, object] = {}
    if args.only != "presidio":
        offline_tldextract()
        from scrdocs.redaction import Redactor

        systems["scrdocs"] = Redactor(case, "publication", model=model)
    if args.only != "scrdocs":
        systems["plain Presidio"] = PlainPresidio(model, kept_panel_names(case))

    quality: dict[str, dict] = {}
    for name, system in systems.items():
        quality[name] = score(docs, gold, predict(system, docs))
        system.redact_text(warm)  # warm-up outside the clock

    # The children's review: panel members' names must stay (a second Redactor /
    # allow_list, because the kept people differ).
    cspr_folder = CORPUS / "cspr"
    cspr_case = load_case(corpus_case_path(cspr_folder))
    cspr_docs, cspr_gold = load_corpus(cspr_folder)
    quality_cspr: dict[str, dict] = {}
    for name in systems:
        if name == "scrdocs":
            from scrdocs.redaction import Redactor

            other = Redactor(cspr_case, "publication", model=model)
        else:
            other = PlainPresidio(model, kept_panel_names(cspr_case))
        quality_cspr[name] = score(cspr_docs, cspr_gold, predict(other, cspr_docs))

    # Passes alternate between the systems so that a busy machine slows both alike.
    times: dict[str, list[float]] = {name: [] for name in systems}
    for _ in range(args.repeat):
        for name, system in systems.items():
            times[name].append(timed(system.redact_text, big))
    speed = {name: speed_figures(t, big) for name, t in times.items()}

    console.print(render_table(quality, title=f"Redaction quality: SAR corpus ({len(docs)} documents, {len(gold)} gold spans)"))
    console.print(render_table(quality_cspr, title=f"Children's review (CSPR, members kept): {len(cspr_docs)} documents, {len(cspr_gold)} gold spans"))
    from rich.table import Table

    table = Table(title=f"Speed on one {len(big.split()):,}-word document (best of {args.repeat})")
    for col in ("System", "Seconds", "Words/second"):
        table.add_column(col, justify="right" if col != "System" else "left")
    for name, s in speed.items():
        table.add_row(name, f"{s['seconds']:.2f}", f"{s['words_per_second']:,.0f}")
    console.print(table)
    ratio = None
    if "scrdocs" in speed and "plain Presidio" in speed:
        ratio = round(speed["scrdocs"]["words_per_second"] / speed["plain Presidio"]["words_per_second"], 2)
        console.print(f"scrdocs throughput = {ratio}x plain Presidio (target >= 3x)")
    for corpus_name, results in (("SAR", quality), ("CSPR", quality_cspr)):
        for name, r in results.items():
            failures = failed_targets(r)
            console.print(f"{corpus_name}, {name}: " + ("meets every quality target" if not failures else "; ".join(failures)))
            if args.misses:
                console.print(f"\n--- {corpus_name}, {name} ---", markup=False)
                console.print(render_misses(r), markup=False, highlight=False)

    out = {
        "environment": environment(model),
        "corpus": {"documents": len(docs), "words": quality[next(iter(quality))]["words"], "gold_spans": len(gold)},
        "targets": {"quality": dict(TARGETS), "speed_ratio": 3.0},
        "quality": {name: summary(r) for name, r in quality.items()},
        "quality_cspr": {name: summary(r) for name, r in quality_cspr.items()},
        "speed": speed,
        "speed_ratio_scrdocs_over_presidio": ratio,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = args.out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    console.print(f"written {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
