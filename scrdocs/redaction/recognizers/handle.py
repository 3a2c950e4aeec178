"""Handles and user names: "@name", and the word after a platform or account cue."""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import RecognizerResult

from ..given_names import given_names, surnames
from ..name_list import dictionary_raw, dictionary_words
from .base import YamlPatternRecognizer
from .word_lists import alternation, word_lists

_LINK = r"(?:[ \t]*(?::|-|–|=)[ \t]*|[ \t]+(?:(?:is|was|as|called|named|of|under|user|name|handle|account|page|profile|id)[ \t]*:?[ \t]+){0,3}|[ \t]+)"
_USER = r"@?[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<![.])"
#: Words that follow a platform name without being a user name ("Snapchat messages", "Facebook and").
_NOT_USER = {"and", "or", "the", "a", "an", "to", "from", "with", "on", "in", "at", "by", "for", "was", "were", "is",
             "had", "has", "which", "that", "this", "her", "his", "their", "she", "he", "they", "it", "but", "not",
             "messages", "message", "messaging", "messenger", "account", "accounts", "page", "post", "posts",
             "profile", "group", "chat", "chats", "video", "videos", "call", "calls", "live", "story", "stories",
             "name", "handle", "user", "username", "showed", "sent", "where", "who", "until", "after", "before"}


#: A token that is a user name wherever it stands: letters and digits joined by "_" ("tbrown_x", "jake66_x").
_UNDERSCORED = re.compile(r"(?<![\w@.])(?=[A-Za-z0-9]*[A-Za-z])[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+(?![\w@])(?!\.[A-Za-z])")


#: A lower-case token of letters, then perhaps digits: the shape of a user name made of a person's names.
_LOWER_TOKEN = re.compile(r"(?<![\w@.'’-])([a-z]{7,24})(\d{0,4})(?![\w@'’-])(?!\.[A-Za-z])")


@lru_cache(maxsize=1)
def _all_words() -> frozenset[str]:
    return dictionary_words() | dictionary_raw()


def name_shaped_user(letters: str, digits: str = "") -> bool:
    """A given name run into a surname, perhaps with digits ("joypennington65", "kevinbrennan"): a user name
    even with no cue, when no dictionary knows the word or its halves ("rosewater", "handover" stay) and both parts
    are listed names (a given name of three letters or more, a census surname of four or more)."""
    words = _all_words()
    if letters in words or any(letters[:k] in words and letters[k:] in words for k in range(2, len(letters) - 1)):
        return False  # a word, or two run together ("handover" is no "Han Dover")
    given, family = given_names(), surnames()
    for cut in range(3, len(letters) - 3):
        first, last = letters[:cut], letters[cut:]
        if first in given and last in family and (digits or (len(last) >= 5 and last not in dictionary_words())):
            return True
    return False


class HandleRecognizer(YamlPatternRecognizer):
    RULES = "handle"

    def __init__(self, spec=None):
        super().__init__(spec)
        lists = word_lists("handle_words")
        #: cues after which a plain word is a user name ("username: sparkles", "gamertag wolfie")
        self._naming = {" ".join(w.casefold().split()) for w in lists["naming_cues"]}
        #: words between a platform and a plain word that make it a user name ("Xbox user name margaretbolton")
        self._named_link = re.compile(rf"(?i)(?<![\w])(?:{alternation(lists['naming_links'])})(?![\w])")
        cue = alternation(set(self.spec.context.words) | set(lists["naming_cues"]))
        self._after_cue = re.compile(rf"(?<![\w])(?P<cue>(?i:{cue})){_LINK}(?P<user>{_USER})(?![\w@])")

    def find(self, text: str) -> list[RecognizerResult]:
        results = super().find(text)
        for m in _UNDERSCORED.finditer(text):
            results.append(RecognizerResult("USERNAME", m.start(), m.end(), 0.7,
                                            recognition_metadata={"recognizer_name": "handle"}))
        for m in _LOWER_TOKEN.finditer(text):
            if name_shaped_user(m.group(1), m.group(2)):
                results.append(RecognizerResult("USERNAME", m.start(), m.end(), 0.65,
                                                recognition_metadata={"recognizer_name": "handle"}))
        taken = {(r.start, r.end) for r in results}
        for m in self._after_cue.finditer(text):
            user = m.group("user")
            plain = user.lstrip("@")
            if user.startswith("@") or plain.casefold() in _NOT_USER or (m.start("user"), m.end("user")) in taken:
                continue  # "@name" is the pattern's; ordinary words after a cue are not user names
            if plain[:1].isupper() and plain[1:].islower() and plain.isalpha():
                continue  # "Facebook Katie": a name, for the name detectors
            named = " ".join(m.group("cue").casefold().split()) in self._naming or self._named_link.search(
                text, m.end("cue"), m.start("user")) is not None  # "Xbox user name margaretbolton"
            if plain.isalpha() and (len(plain) < 4 or not named or plain in dictionary_raw()):
                continue  # "account holder", "Instagram posts": a plain word is a user name only after "username"
            results.append(RecognizerResult("USERNAME", m.start("user"), m.end("user"), 0.7,
                                            recognition_metadata={"recognizer_name": "handle"}))
        return results
