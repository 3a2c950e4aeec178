"""Long texts in bounded chunks, with the names found anywhere in the text removed everywhere in it.

One long text (a 50 MB export of case notes) is not handed to the engine
whole: the language model and the per-name checks would hold it all at once.
It is cut into chunks of at most :data:`CHUNK_CHARS` characters, at a paragraph
break where there is one, else at the end of a sentence, never inside a name,
and read in two passes:

1. **detect**: each chunk in order, with the model working ahead on the next
   ones. What the run learns carries forward as it does from one paragraph
   to the next (people found by the model, names a context cue found, who was
   named last), so a name found in chunk 1 goes in chunk 900.
2. **apply the run-wide set**: a chunk read before the run learnt something
   that bears on it (a bare "Doyle" in chunk 1, when "Kevin Doyle" is only
   found in chunk 900) is read again with everything the whole text taught,
   reusing the model's hits from pass 1.

So a long text is anonymised as if it had been read at once; a text shorter
than one chunk is read exactly as before.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from .name_variants import TOKEN_RE, normalise
from .spans import Candidate, Span

#: Characters per chunk: a document of ordinary length (a 50,000-word IMR is about 300,000) is read whole,
#: as before; what a chunk holds while it is read (its spans and candidates) stays in the tens of MB.
CHUNK_CHARS = 1_000_000
#: Characters the language model reads at a time.
PIECE_CHARS = 20_000
_SINGLE_NEWLINE = re.compile(r"(?<=[^\n\s])\n(?=[^\n\s])")
_TYPES = ("PERSON", "LOCATION", "ORGANIZATION")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_SENTENCE_LINE_END = re.compile(r"[.!?:;][\"'’”)\]]*[ \t]*\n")
_SENTENCE_END = re.compile(r"[a-z0-9)][.!?][\"'’”)\]]*[ \t]+(?=[A-Z\"'‘“(])")
_LINE_END = re.compile(r"\n")
_LOWER_GAP = re.compile(r"[a-z,;][ \t]+(?=[a-z])")
_DOTTED_INITIALS = re.compile(r"(?<![\w.])[A-Z]\.\s?[A-Z]\.(?:\s?[A-Z]\.)?(?![\w])")


def model_pieces(text: str, size: int = PIECE_CHARS) -> list[tuple[int, str]]:
    """Cut a text into the pieces the language model reads one at a time: about ``size`` characters,
    at the last line end in the second half (after single line breaks became spaces, see :func:`flat`)."""
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append((start, text[start:end]))
        start = end
    return out or [(0, "")]


def flat(text: str) -> str:
    """A name broken across a line end inside a paragraph is one name to the model: single line breaks
    become spaces (same length, so offsets stay true); blank lines still part paragraphs."""
    return _SINGLE_NEWLINE.sub(" ", text)


def split(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each chunk of at most ``size`` characters.

    A chunk is whole pieces of the model's (:func:`model_pieces`), so the model reads the same pieces, in
    the same context, as it would in the whole text: the cut is at the last paragraph break that ends a
    piece. Where no piece ends in the chunk (one paragraph longer than a chunk, or chunks smaller than
    pieces) it is the last paragraph break, else the last line that ends a sentence, a sentence end, a
    line end, a space between lower-case words, and as a last resort ``size`` itself."""
    start = 0
    text_flat = flat(text)
    out = []
    ends = [off + len(piece) for off, piece in model_pieces(text_flat)]
    i = 0
    while len(text) - start > size:
        high = start + size
        end = None
        while i < len(ends) and ends[i] <= high:
            if ends[i] > start and text_flat[ends[i] - 1] == "\n":
                end = ends[i]
            i += 1
        if end is None:
            end = _cut(text, start + size // 2, high)
            i = 0
            ends = [off + len(piece) + end for off, piece in model_pieces(text_flat[end:])]
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def _cut(text: str, low: int, high: int) -> int:
    for rx in (_PARAGRAPH, _SENTENCE_LINE_END, _SENTENCE_END, _LINE_END, _LOWER_GAP):
        last = None
        for last in rx.finditer(text, low, high):
            pass
        if last is not None:
            return last.end()
    return high


@dataclass
class _Chunk:
    start: int
    end: int
    recent: dict[str, int]  # who was named last, as the chunk began
    hits: array = field(default_factory=lambda: array("q"))  # the model's hits: start, end, type, score x 100
    result: Any = None  # what ``finish`` made of the chunk's spans


class _Learnt:
    """When each thing the run learns last changed (chunk index), so a chunk read before it can be read again."""

    def __init__(self, detector):
        self._people = detector._ner_people
        self._cues = detector._cue_names
        self._people_seen: dict[str, int] = {}  # name part -> how many people had it when last looked at
        self.tokens: dict[str, int] = {}  # name part -> chunk after which it changed last
        self.initials: dict[str, int] = {}
        self._initials_seen: dict[str, int] = {}
        self._cue_count = 0

    def note(self, index: int) -> None:
        for token, numbers in self._people.known_tokens().items():
            n, before = len(numbers), self._people_seen.get(token, 0)
            if n != before:
                if before <= 1:  # a name part NER found once is looked for everywhere; twice (two people), nowhere
                    self.tokens[token] = index
                self._people_seen[token] = n
        seen = getattr(self._cues, "_seen", set())
        if len(seen) != self._cue_count:
            for token in seen:
                self.tokens.setdefault(token, index)
            self._cue_count = len(seen)
        initials = self._people.initials()
        for letters in set(initials) | set(self._initials_seen):
            if initials.get(letters) != self._initials_seen.get(letters):
                self.initials[letters] = index
        self._initials_seen = initials

    def bears_on(self, text: str, index: int) -> bool:
        """Whether something learnt after chunk ``index`` may change how ``text`` (that chunk) reads."""
        later = {t for t, i in self.tokens.items() if i > index}
        if later:
            for m in TOKEN_RE.finditer(text):
                norm = normalise(m.group())
                if norm in later or (norm.endswith("s") and (norm[:-1] in later or norm[:-2] in later)):
                    return True
        later_initials = {t for t, i in self.initials.items() if i > index}
        return bool(later_initials) and any(m.group().replace(".", "").replace(" ", "") in later_initials
                                            for m in _DOTTED_INITIALS.finditer(text))


def _pack(hits: list[Candidate]) -> array:
    out = array("q")
    for c in hits:
        out.extend((c.start, c.end, _TYPES.index(c.entity_type), round(c.score * 100)))
    return out


def _unpack(packed: array) -> list[Candidate]:
    return [Candidate(packed[i], packed[i + 1], _TYPES[packed[i + 2]], "ner", packed[i + 3] / 100, "remove")
            for i in range(0, len(packed), 4)]


def detect_long(detector, text: str, finish: Callable[[int, int, list[Span]], Any], *, size: int = CHUNK_CHARS,
                progress: Callable[[int, int, str], None] | None = None) -> Iterator[Any]:
    """``finish(start, end, spans)`` of each chunk of ``text``, in order (spans relative to the chunk): see the
    module's text. Only what ``finish`` returns is kept between the passes (the redacted chunk and its audit
    lines, say), never the spans themselves."""
    bounds = split(text, size)
    total = 2 * len(bounds)
    chunks: list[_Chunk] = []
    learnt = _Learnt(detector)
    recent: dict[str, int] = {}
    found = detector.ner_iter((text[s:e] for s, e in bounds), len(text))
    for index, (start, end) in enumerate(bounds):
        if progress:
            progress(index, total, f"Finding names ({_mb(start)} of {_mb(len(text))} MB)")
        chunk = _Chunk(start, end, dict(recent))
        hits = next(found)
        chunk.hits = _pack(hits)
        chunk.result = finish(start, end, detector.spans(text[start:end], hits, recent, start))
        learnt.note(index)
        chunks.append(chunk)
    for index, chunk in enumerate(chunks):
        if progress:
            progress(len(bounds) + index, total, "Removing names found anywhere in the text")
        piece = text[chunk.start:chunk.end]
        if learnt.bears_on(piece, index):
            spans = detector.spans(piece, _unpack(chunk.hits), dict(chunk.recent), chunk.start)
            chunk.result = finish(chunk.start, chunk.end, spans)
        yield chunk.result
        chunks[index] = None  # type: ignore[call-overload]  # done with: memory goes down as the copy is made
    if progress:
        progress(total, total, "Done")


def _mb(chars: int) -> str:
    return f"{chars / 1_000_000:.1f}"


def line_locator(text: str, first_line: int) -> Callable[[Span], str]:
    """"line N" of a span of ``text`` (a chunk that starts on line ``first_line`` of the whole text)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    return lambda s: f"line {first_line + bisect_right(starts, s.start) - 1}"


__all__ = ["CHUNK_CHARS", "detect_long", "line_locator", "split"]
