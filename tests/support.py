"""Small helpers shared by the tests."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Clock:
    """A clock the test moves by hand: `rt.clock.now += timedelta(...)`."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2017, 3, 14, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class LoopbackServer(ThreadingHTTPServer):
    """A threaded HTTP server on loopback that keeps its handlers' errors for the test.

    Clients that hang up (a timeout, a killed daemon) are not errors; anything else is kept
    in ``errors`` so a test can assert the server itself never failed.
    """

    def __init__(self, host: str, handler: type[BaseHTTPRequestHandler]) -> None:
        """Listen on a free port of ``host``."""
        super().__init__((host, 0), handler)
        self.lock = threading.Lock()
        self.errors: list[BaseException] = []

    def handle_error(self, _request: object, _client_address: object) -> None:
        """Ignore clients that hang up; keep anything else."""
        error = sys.exception()
        if error is not None and not isinstance(error, ConnectionError):
            with self.lock:
                self.errors.append(error)
