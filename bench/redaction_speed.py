"""Words per second: scrdocs Redactor.redact_text against plain Presidio, same model, one run.

The document is ~50,000 words of realistic review text (the fictional
redaction corpus, repeated). Presidio = AnalyzerEngine (default recognizers,
the same spaCy model through its SpacyNlpEngine) + AnonymizerEngine. Both are
loaded and warmed up before timing; each is timed --repeat times and the best
pass is reported. Offline: tldextract uses its bundled suffix list.

Run: .venv/bin/python bench/redaction_speed.py [--words 50000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def document(words: int) -> str:
    docs = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "redaction_corpus" / "docs").glob("*.txt"))]
    text, count = [], 0
    while count < words:
        for d in docs:
            text.append(d)
            count += len(d.split())
            if count >= words:
                break
    return "\n\n".join(text)


def presidio():
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_anonymizer import AnonymizerEngine

    import presidio_analyzer.predefined_recognizers.generic.email_recognizer as email

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)  # bundled snapshot, no download

    class _Offline:
        extract = staticmethod(offline)

    email.tldextract = _Offline
    from scrdocs.settings import spacy_model

    nlp = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                               "models": [{"lang_code": "en", "model_name": spacy_model()}]}).create_engine()
    analyzer, anonymizer = AnalyzerEngine(nlp_engine=nlp, supported_languages=["en"]), AnonymizerEngine()

    def run(text: str) -> str:
        return anonymizer.anonymize(text=text, analyzer_results=analyzer.analyze(text=text, language="en")).text

    return run


def scrdocs_runner():
    from scrdocs.casefile import load_case
    from scrdocs.redaction import Redactor

    case = load_case(ROOT / "tests" / "redaction_corpus" / "case.yaml")
    r = Redactor(case, "publication")
    return lambda text: r.redact_text(text)


def best(run, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    text = document(args.words)
    words = len(text.split())
    ours, theirs = scrdocs_runner(), presidio()
    ours(text[:5000]), theirs(text[:5000])  # warm up
    t_ours, t_theirs = best(ours, text, args.repeat), best(theirs, text, args.repeat)
    result = {"words": words, "scrdocs_seconds": round(t_ours, 2), "presidio_seconds": round(t_theirs, 2),
              "scrdocs_words_per_second": round(words / t_ours), "presidio_words_per_second": round(words / t_theirs),
              "speed_up": round(t_theirs / t_ours, 2)}
    print(json.dumps(result, indent=2))
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "redaction_speed.json").write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
