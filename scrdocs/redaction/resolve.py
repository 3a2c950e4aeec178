"""Merging the three layers' hits into non-overlapping spans, failing closed.

* NER hits never override the case file: the parts of an NER hit that a case
  or pattern hit already covers are cut away; a left-over name part right
  beside a case person ("Edith" + " Blackwood") extends that person's span.
* Overlapping "remove" hits are joined into one span (so nothing is left half
  visible); the longest hit decides the entity type and replacement, ties go
  to the case file, then patterns, then NER.
* A "keep" (kept person or agency) survives only where nothing is removed.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .spans import Candidate, another_person

_WORDISH = re.compile(r"[^\W_]")
_POSSESSIVE_LEFT = re.compile(r"['’]?s", re.I)
_EDGE = " \t\r\n,.;:!?()[]{}\"'’‘-–—/"
#: After a word: the rest of a "Label: value" field's label ("Referrer name:", "Referrer:"), so the word opens
#: the next field and is no part of the name before it.
_ENDS_LABEL = re.compile(r"(?:[ \t]+[a-z][\w'’-]*)?[ \t]*:")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def subtract(text: str, cand: Candidate, covers: list[Candidate]) -> list[Candidate]:
    """The parts of ``cand`` that no span in ``covers`` touches (trimmed, with letters or digits)."""
    pieces = [(cand.start, cand.end)]
    for c in covers:
        if c.end <= cand.start or c.start >= cand.end:
            continue
        nxt = []
        for s, e in pieces:
            if c.end <= s or c.start >= e:
                nxt.append((s, e))
                continue
            if s < c.start:
                nxt.append((s, c.start))
            if c.end < e:
                nxt.append((c.end, e))
        pieces = nxt
    out = []
    for s, e in pieces:
        s, e = _trim(text, s, e)
        if e > s and _WORDISH.search(text[s:e]) and not _POSSESSIVE_LEFT.fullmatch(text[s:e]):
            out.append(Candidate(s, e, cand.entity_type, cand.detector, cand.score, cand.action,
                                 cand.person_id, cand.owners, cand.reason, cand.key, cand.tag, set(cand.flags)))
    return out


def attach_ner(text: str, ner: list[Candidate], fixed: list[Candidate], name_like=lambda piece: True) -> list[Candidate]:
    """NER hits minus what the case file and patterns already decided; name parts beside a case person extend it
    (only parts that look like a name: "Edith" + " Blackwood", never "2.1" or "Lodger")."""
    fixed_sorted = sorted(fixed, key=lambda c: c.start)
    starts = [c.start for c in fixed_sorted]
    longest = max((c.end - c.start for c in fixed_sorted), default=0)
    out = []
    for cand in ner:
        lo = bisect_left(starts, cand.start - longest - 1)
        hi = bisect_left(starts, cand.end)
        overlapping = [c for c in fixed_sorted[lo:hi] if c.start < cand.end and c.end > cand.start]
        if not overlapping:
            out.append(cand)
            continue
        beside_safe = any(c.detector == "safe" for c in overlapping)
        for piece in subtract(text, cand, overlapping):
            if beside_safe:
                piece.flags.add("beside an anonymous name")
            neighbour = next((c for c in overlapping if c.action == "remove" and c.entity_type == "PERSON"
                              and c.detector == "case" and cand.entity_type == "PERSON"
                              and (0 <= piece.start - c.end <= 1 or 0 <= c.start - piece.end <= 1)
                              and not text[min(c.end, piece.end):max(c.start, piece.start)].strip()
                              and "\n" not in text[min(c.end, piece.end):max(c.start, piece.start)]
                              and not _ENDS_LABEL.match(text, piece.end)
                              and name_like(text[piece.start:piece.end])), None)
            if neighbour is not None:
                if piece.start >= neighbour.end and ("first name only" in neighbour.flags
                                                     or len(_NAME_TOKEN.findall(text[neighbour.start:neighbour.end])) == 1):
                    # "Dean Foster" when the father is Dean Whitlock, "Will Patel" when the alias Will is his
                    another_person(neighbour, "a case person's first name with a surname the case file does not give them")
                neighbour.start, neighbour.end = min(neighbour.start, piece.start), max(neighbour.end, piece.end)
                neighbour.flags.add("extended by NER")
            else:
                out.append(piece)
    return out


def merge(cands: list[Candidate]) -> list[Candidate]:
    removes = sorted((c for c in cands if c.action == "remove"), key=lambda c: (c.start, -c.end))
    keeps = [c for c in cands if c.action == "keep"]
    merged: list[Candidate] = []
    cluster: list[Candidate] = []
    cluster_end = -1

    def flush():
        if not cluster:
            return
        primary = max(cluster, key=lambda c: (c.end - c.start, c.priority, c.score))
        primary.start = min(c.start for c in cluster)
        primary.end = max(c.end for c in cluster)
        if len(cluster) > 1:
            primary.flags.add("merged")
        merged.append(primary)

    for c in removes:
        if cluster and c.start < cluster_end:
            cluster.append(c)
            cluster_end = max(cluster_end, c.end)
        else:
            flush()
            cluster, cluster_end = [c], c.end
    flush()
    kept = []
    removed_starts = [r.start for r in merged]  # merged spans are disjoint and sorted
    for k in sorted(keeps, key=lambda c: c.start):
        i = bisect_left(removed_starts, k.end)
        if i > 0 and merged[i - 1].end > k.start:
            continue
        if kept and kept[-1].end > k.start:
            continue
        kept.append(k)
    return sorted(merged + kept, key=lambda c: c.start)


_NAME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")


def extend_over_names(text: str, cands: list[Candidate], unknown_name) -> None:
    """A removed person's span that stops beside a capitalised word no dictionary or list knows ("PC Bohumil"
    + " Ondruš", "Cantez" + " Ergül", "Nhiên" + " Nguyễn"): the rest of the name goes with it, so no part of a
    name a detector found half of is left readable. ``unknown_name(word)`` says whether a word can only be a name."""
    people = sorted((c for c in cands if c.action == "remove" and c.entity_type == "PERSON"), key=lambda c: c.start)
    taken = sorted((c.start, c.end) for c in cands)
    starts = [s for s, _ in taken]

    def free(s: int, e: int) -> bool:
        i = bisect_left(starts, e)
        return not any(ts < e and te > s for ts, te in taken[max(0, i - 3):i])

    for c in people:
        for _ in range(2):  # at most two more words each way: a given name and a double surname
            m = _NAME_TOKEN.match(text, c.end + 1) if text[c.end:c.end + 1] == " " else None
            if m and unknown_name(m.group()) and free(m.start(), m.end()) and not _ENDS_LABEL.match(text, m.end()):
                c.end = m.end()
                c.flags.add("name continues")
        for _ in range(2):
            if c.start < 2 or text[c.start - 1] != " ":
                break
            m = re.search(r"[^\W\d_][\w'’-]*$", text[max(0, c.start - 40):c.start - 1])
            if not m:
                break
            s = c.start - 1 - len(m.group())
            if not (unknown_name(m.group()) and free(s, c.start - 1)):
                break
            c.start = s
            c.flags.add("name continues")
