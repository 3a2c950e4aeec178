"""Shared test set-up."""

# urllib3 (pulled in by spaCy and tldextract) probes for IPv6 with a socket when it is first
# imported. scrdocs imports those libraries lazily, so a test can be the first to import
# them, after pytest-socket has blocked sockets: import it here, before any test runs.
import urllib3.util.connection  # noqa: F401
