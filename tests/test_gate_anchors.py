"""The leak gate's cheap first test for a term's anchor never drops an anchor the text holds."""

from __future__ import annotations

import random

from scrdocs.packs.leak_gate.gate import _anchors_in


def test_anchors_found_as_a_plain_substring_search_finds_them():
    rng = random.Random(7)
    letters = "abcdeo'’ -"
    anchors = list(dict.fromkeys(["", "o", "ne", "neill", "o'neill", "marlow", "marlows", "ab", "cab", "deed"] +
                                 ["".join(rng.choice(letters) for _ in range(rng.randint(1, 7))) for _ in range(300)]))
    for _ in range(200):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 60)))
        assert _anchors_in(text, anchors) == [a for a in anchors if a in text]
    assert "neill" in _anchors_in("grace o'neill rang", anchors) and "marlows" not in _anchors_in("marlow", anchors)
