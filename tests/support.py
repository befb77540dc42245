"""Small helpers shared by the tests."""

from __future__ import annotations

import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.core.states import SourceKind
    from tracker.runtime import Runtime


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


def follow(
    rt: Runtime, location: str, *, name: str | None = None, kind: SourceKind | None = None
) -> int:
    """Add a source polled hourly, as `tracker sources add` does; its id."""
    from tracker.ingest import sources

    with rt.write_session() as session:
        source = sources.add_source(
            session,
            location=location,
            kind=kind,
            interval=timedelta(hours=1),
            name=name,
            now=rt.clock(),
        )
        assert source.id is not None
        return source.id
