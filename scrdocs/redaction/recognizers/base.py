"""A Presidio pattern recognizer whose patterns and context words are data.

Each recognizer reads ``redaction_rules/recognizers/<name>.yaml`` (checked by
:class:`RecognizerSpec`); its module adds only what cannot be data, such as a
check digit in ``validate_result``. Context is looked for in a window of
characters around the hit (so multi-word cues like "date of birth" work
without a lemmatizer); ``required: true`` drops hits with no cue nearby.
"""

from __future__ import annotations

import re
from pathlib import Path

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ...errors import RulesError
from ...resources import data_dir
from ..lexicon import read_rules_file


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PatternSpec(_Strict):
    name: str
    regex: str
    score: float = Field(ge=0, le=1)
    ignore_case: bool = False

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as e:
            raise ValueError(f"the regular expression does not compile ({e})") from None
        return value


class ContextSpec(_Strict):
    words: list[str] = Field(default_factory=list)
    before: int = Field(40, ge=0, le=500)
    after: int = Field(0, ge=0, le=500)
    boost: float = Field(0.35, ge=0, le=1)
    required: bool = False


class RecognizerSpec(_Strict):
    name: str
    entity_type: str
    patterns: list[PatternSpec] = Field(min_length=1)
    context: ContextSpec = Field(default_factory=ContextSpec)


def rules_path(name: str) -> Path:
    return data_dir("redaction_rules") / "recognizers" / f"{name}.yaml"


def read_spec(path: Path) -> RecognizerSpec:
    data = read_rules_file(path)
    try:
        return RecognizerSpec(**data)
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg'].removeprefix('Value error, ')}"
                             for err in e.errors(include_url=False))
        raise RulesError(f"The recognizer file {path} has problems: {problems}",
                         hint="Correct the file (compare it with the shipped recognizers in redaction_rules/recognizers/).") from None


class YamlPatternRecognizer(PatternRecognizer):
    """Patterns and context from YAML; subclasses set RULES and may override validate_result."""

    RULES: str = ""

    def __init__(self, spec: RecognizerSpec | None = None):
        spec = spec or read_spec(rules_path(self.RULES))
        self.spec = spec
        patterns = [Pattern(p.name, f"(?i:{p.regex})" if p.ignore_case else p.regex, p.score) for p in spec.patterns]
        super().__init__(supported_entity=spec.entity_type, name=spec.name, patterns=patterns,
                         context=spec.context.words, supported_language="en",
                         global_regex_flags=re.MULTILINE)
        words = sorted({w.casefold() for w in spec.context.words}, key=len, reverse=True)
        self._context_re = (re.compile(r"(?<![\w])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.I)
                            if words else None)

    def has_context(self, text: str, start: int, end: int) -> bool:
        if self._context_re is None:
            return False
        c = self.spec.context
        window = text[max(0, start - c.before):start] + " \x00 " + text[end:end + c.after]
        return self._context_re.search(window) is not None

    def find(self, text: str) -> list[RecognizerResult]:
        """Hits with their final score (pattern score, check result, context)."""
        results = []
        for r in self.analyze(text, [self.supported_entities[0]]):
            if r.score <= 0:
                continue
            if self.has_context(text, r.start, r.end):
                r.score = min(1.0, r.score + self.spec.context.boost)
            elif self.spec.context.required:
                continue
            results.append(r)
        return results
