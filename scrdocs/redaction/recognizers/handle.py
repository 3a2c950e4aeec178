"""Handles and user names: "@name", and the word after a platform or account cue."""

from __future__ import annotations

import re

from presidio_analyzer import RecognizerResult

from ..name_list import dictionary_raw
from .base import YamlPatternRecognizer

_LINK = r"(?:[ \t]*(?::|-|–|=)[ \t]*|[ \t]+(?:(?:is|was|as|called|named|of|under|user|name|handle|account|page|profile|id)[ \t]*:?[ \t]+){0,3}|[ \t]+)"
_USER = r"@?[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<![.])"
#: Words that follow a platform name without being a user name ("Snapchat messages", "Facebook and").
_NOT_USER = {"and", "or", "the", "a", "an", "to", "from", "with", "on", "in", "at", "by", "for", "was", "were", "is",
             "had", "has", "which", "that", "this", "her", "his", "their", "she", "he", "they", "it", "but", "not",
             "messages", "message", "messaging", "messenger", "account", "accounts", "page", "post", "posts",
             "profile", "group", "chat", "chats", "video", "videos", "call", "calls", "live", "story", "stories",
             "name", "handle", "user", "username", "showed", "sent", "where", "who", "until", "after", "before"}


#: Words between a platform and a plain word that make it a user name ("Snapchat name", "Xbox user name").
_NAMED_LINK = re.compile(r"(?i)\b(?:name|username|handle|id|gamertag)\b")
#: Cues after which a plain word is a user name ("username: sparkles", "gamertag wolfie").
_NAME_CUES = {"username", "user name", "user-name", "user id", "screen name", "gamertag", "gamer tag", "handle"}


class HandleRecognizer(YamlPatternRecognizer):
    RULES = "handle"

    def __init__(self, spec=None):
        super().__init__(spec)
        words = sorted({w for w in self.spec.context.words}, key=len, reverse=True)
        cue = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in words)
        self._after_cue = re.compile(rf"(?<![\w])(?P<cue>(?i:{cue})){_LINK}(?P<user>{_USER})(?![\w@])")

    def find(self, text: str) -> list[RecognizerResult]:
        results = super().find(text)
        taken = {(r.start, r.end) for r in results}
        for m in self._after_cue.finditer(text):
            user = m.group("user")
            plain = user.lstrip("@")
            if user.startswith("@") or plain.casefold() in _NOT_USER or (m.start("user"), m.end("user")) in taken:
                continue  # "@name" is the pattern's; ordinary words after a cue are not user names
            if plain[:1].isupper() and plain[1:].islower() and plain.isalpha():
                continue  # "Facebook Katie": a name, for the name detectors
            named = " ".join(m.group("cue").casefold().split()) in _NAME_CUES or _NAMED_LINK.search(
                text, m.end("cue"), m.start("user")) is not None  # "Xbox user name margaretbolton"
            if plain.isalpha() and (len(plain) < 4 or not named or plain in dictionary_raw()):
                continue  # "account holder", "Instagram posts": a plain word is a user name only after "username"
            results.append(RecognizerResult("USERNAME", m.start("user"), m.end("user"), 0.7,
                                            recognition_metadata={"recognizer_name": "handle"}))
        return results
