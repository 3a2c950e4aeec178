"""Serving the review page: 127.0.0.1 only, a free port, the token in the address, an idle timeout.

The socket is bound here, to the loopback address alone, before uvicorn sees
it, so no option or setting can put the page on the network. The server stops
on Ctrl+C, when the terminal closes (SIGHUP), or after ``idle_minutes``
without a request. Uvicorn's access log is off: the address holds the token.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from typing import Any, Callable

from .guard import Secrets

LOOPBACK = "127.0.0.1"


def loopback_socket(port: int = 0) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((LOOPBACK, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


class ReviewServer:
    """A uvicorn server for one review, in this thread (:meth:`run`) or a background one (:meth:`start`)."""

    def __init__(self, make_app: Callable[[Secrets], Any], *, idle_minutes: float = 30, port: int = 0):
        import uvicorn

        self.keys = Secrets()
        self.sock = loopback_socket(port)
        self.keys.port = self.sock.getsockname()[1]
        self.app = make_app(self.keys)
        config = uvicorn.Config(self.app, log_level="warning", access_log=False, lifespan="off",
                                server_header=False, date_header=False)
        self.server = uvicorn.Server(config)
        self.idle_seconds = idle_minutes * 60
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.keys.port}/?token={self.keys.token}"

    def _watch_idle(self) -> None:
        while not self.server.should_exit:
            if time.monotonic() - self.keys.last_seen > self.idle_seconds:
                self.server.should_exit = True
            time.sleep(min(5.0, max(0.05, self.idle_seconds / 10)))

    def stop_with_the_terminal(self) -> None:
        """Stop when the terminal closes (SIGHUP); set before the address is printed, so no early close is missed."""
        signal.signal(signal.SIGHUP, lambda *_: setattr(self.server, "should_exit", True))

    def run(self) -> None:
        """Serve until Ctrl+C, the terminal closing, or the idle time."""
        self.stop_with_the_terminal()
        threading.Thread(target=self._watch_idle, daemon=True).start()
        self.server.run(sockets=[self.sock])

    def start(self) -> "ReviewServer":
        """Serve in a background thread (tests, and callers with their own loop)."""
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)
        self._thread.start()
        threading.Thread(target=self._watch_idle, daemon=True).start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self.sock.close()
