"""Handles and user names: "@name", and the word after a platform or account cue."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from ..name_list import dictionary_raw
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
