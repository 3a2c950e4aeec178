"""Email addresses, with the domain checked against tldextract's bundled suffix list (never downloaded)."""

from __future__ import annotations

from functools import lru_cache

from .base import YamlPatternRecognizer


@lru_cache(maxsize=1)
def _offline_extractor():
    import tldextract

    # No suffix_list_urls and no cache: the snapshot shipped inside tldextract is used, nothing touches the network.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


class EmailAddressRecognizer(YamlPatternRecognizer):
    RULES = "email_address"

    def validate_result(self, pattern_text: str) -> bool | None:
        domain = pattern_text.rsplit("@", 1)[-1]
        return None if _offline_extractor()(domain).suffix else False
