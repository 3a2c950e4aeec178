"""The page's locks: the token on every request, the CSRF check on every change, no caching, no framing.

The server is bound to 127.0.0.1 (:mod:`.server`); on top of that every
request must carry the random token printed in the address (a page on the web
cannot guess it), its Host must be this loopback address (a DNS-rebinding page
has another), and every change is a POST with a second random value from the
page itself and, when the browser sends one, an Origin of this address.
Responses are never cached and never framed, and no Referer leaves the page
(the address holds the token). The original text is shown on the page but never put in the
browser's storage or written to a log.
"""

from __future__ import annotations

import hmac
import secrets
import time

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

SECURITY_HEADERS = {
    "cache-control": "no-store",
    "pragma": "no-cache",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",  # never sent off this page (the address holds the token)
    "content-security-policy": ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                "form-action 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'"),
}


class Secrets:
    """The address token and the CSRF value, made fresh for each run of `scrdocs review`."""

    def __init__(self) -> None:
        self.token = secrets.token_urlsafe(24)
        self.csrf = secrets.token_urlsafe(24)
        self.port = 0
        self.last_seen = time.monotonic()

    def token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def csrf_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.csrf.encode())

    def allowed_hosts(self) -> set[str]:
        return {f"127.0.0.1:{self.port}", f"localhost:{self.port}"}


class Guard:
    """ASGI middleware: refuses any request without the token or from another host; adds the headers."""

    def __init__(self, app: ASGIApp, keys: Secrets):
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        query = _query(scope.get("query_string", b"").decode("latin-1"))
        refusal = None
        if headers.get("host", "") not in self.keys.allowed_hosts():
            refusal = "This review page answers only at the address scrdocs printed."
        elif not self.keys.token_ok(query.get("token")):
            refusal = ("This review page needs the full address scrdocs printed, with its token. "
                       "Copy it from the terminal where `scrdocs review` runs.")
        elif scope["method"] == "POST":
            origin = headers.get("origin")
            if origin is not None and origin.removeprefix("http://") not in self.keys.allowed_hosts():
                refusal = "A change can only be made from the review page itself."
        if refusal:
            await PlainTextResponse(refusal, status_code=403, headers=SECURITY_HEADERS)(scope, receive, send)
            return
        self.keys.last_seen = time.monotonic()

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                raw = [(k, v) for k, v in message.get("headers", []) if k.decode().lower() not in SECURITY_HEADERS]
                raw += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": raw}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _query(raw: str) -> dict[str, str]:
    from urllib.parse import parse_qsl

    return dict(parse_qsl(raw, keep_blank_values=True))
