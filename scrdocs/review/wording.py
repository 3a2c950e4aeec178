"""The words a review's messages use for whoever runs it: a board, or the safeguarding partners.

A Child Safeguarding Practice Review is run by the three safeguarding partners
(local authority, police, health) as a partnership, not by a board. Messages
are written once in board wording; :func:`in_review_words` says them the
partnership's way for a partnership review.
"""

from __future__ import annotations

import re

from ..case.model import ReviewType

# Longest first, so "the board's" is replaced before "the board".
_PARTNERSHIP_WORDS = (
    (r"\bthe board chair's\b", "the partnership lead's"),
    (r"\bthe board chair\b", "the partnership lead"),
    (r"\bthe board's\b", "the safeguarding partners'"),
    (r"\bthe board\b", "the safeguarding partners"),
    (r"\bboard's\b", "partnership's"),
    (r"\bboards\b", "partnerships"),
    (r"\bboard\b", "partnership"),
)


def is_partnership_review(review_type: ReviewType | str) -> bool:
    return (review_type.value if isinstance(review_type, ReviewType) else str(review_type)) == "CSPR"


def in_review_words(text: str, review_type: ReviewType | str) -> str:
    """``text`` in the wording of the review type: 'the board' becomes 'the safeguarding partners' in a CSPR."""
    if not is_partnership_review(review_type):
        return text
    for pattern, words in _PARTNERSHIP_WORDS:
        text = re.sub(pattern, lambda m, w=words: w[0].upper() + w[1:] if m.group(0)[0].isupper() else w, text, flags=re.I)
    return text


def runner(review_type: ReviewType | str) -> str:
    """'the board' or 'the safeguarding partners'."""
    return "the safeguarding partners" if is_partnership_review(review_type) else "the board"
