"""A loopback feed server for the daemon tests: many distinct RSS feeds, every request timed.

`serve_feeds(count)` serves `/feed/N.xml` for N in 0..count-1 on 127.0.0.1 from a
`ThreadingHTTPServer` in a background thread. Feed N announces a date for its own title,
`work_title(N)`, with one item. After `server.move_dates()` every feed also carries a second,
later item that moves that date, so each title gets a second change (and a second alert). The
wall-clock time (`time.time()`) of every request is kept per path, under a lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from tests.support import LoopbackServer

HOST = "127.0.0.1"
PLATFORMS = ("Netflix", "Hulu", "Apple TV+", "Disney+", "Max")


def work_title(n: int) -> str:
    """The title feed `n` announces."""
    return f"Work {n}"


def first_date(n: int) -> date:
    """The date feed `n` announces first: a distinct day of 2031 per feed."""
    return date.fromordinal(date(2031, 1, 5).toordinal() + n)


def moved_date(n: int) -> date:
    """The date the second item of feed `n` moves it to."""
    return date.fromordinal(date(2031, 9, 3).toordinal() + n)


def _spoken(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _item(n: int, version: int, base: str) -> str:
    title = work_title(n)
    platform = PLATFORMS[n % len(PLATFORMS)]
    if version == 1:
        text = (
            f"{title} will premiere on {_spoken(first_date(n))} on {platform}. "
            f"The series was announced by studio number {n} in a note to its fans."
        )
        published = datetime(2030, 11, 1, 9, 0, tzinfo=UTC)
    else:
        text = (
            f"{title} will now premiere on {_spoken(moved_date(n))} on {platform}. "
            f"Studio number {n} said the later date gives its crew more time."
        )
        published = datetime(2030, 12, 1, 9, 0, tzinfo=UTC)
    link = f"{base}/article/{n}-{version}"
    return (
        "<item>"
        f"<title>{escape(title)} update {version}</title>"
        f"<link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{format_datetime(published)}</pubDate>"
        f"<content:encoded>{escape(f'<p>{text}</p>')}</content:encoded>"
        "</item>"
    )


def feed_xml(n: int, *, moved: bool, base: str) -> bytes:
    """Feed `n` as RSS 2.0: one item, or two once the date has moved."""
    items = [_item(n, 2, base)] if moved else []
    items.append(_item(n, 1, base))
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Studio {n}</title><link>{base}/</link>"
        f"<description>News of studio {n}</description>{''.join(items)}</channel></rss>"
    ).encode()


class _Server(LoopbackServer):
    daemon_threads = False  # server_close() joins every handler: nothing outlives a test
    block_on_close = True

    def __init__(self, count: int, delay: float) -> None:
        super().__init__(HOST, _Handler)
        self.count = count
        self.delay = delay
        self.base = f"http://{HOST}:{self.server_address[1]}"
        self.hits: dict[str, list[float]] = {}
        self.moved = False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5  # an idle keep-alive connection ends after this
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def do_GET(self) -> None:
        at = time.time()
        path = urlsplit(self.path).path
        with self.server.lock:
            self.server.hits.setdefault(path, []).append(at)
            moved = self.server.moved
        time.sleep(self.server.delay)  # a little work, so that leases are held for a while
        number = path.removeprefix("/feed/").removesuffix(".xml")
        if (
            path.startswith("/feed/")
            and path.endswith(".xml")
            and number.isdigit()
            and int(number) < self.server.count
        ):
            body = feed_xml(int(number), moved=moved, base=self.server.base)
            status, kind = 200, "application/rss+xml; charset=utf-8"
        else:
            body, status, kind = b"no such feed", 404, "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class FeedServer:
    """The running feed server, as tests see it."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        self.base = server.base

    def url(self, n: int) -> str:
        return f"{self.base}/feed/{n}.xml"

    def hits(self) -> dict[str, list[float]]:
        """Request times (`time.time()`) per path, in order of arrival."""
        with self._server.lock:
            return {path: list(times) for path, times in self._server.hits.items()}

    def move_dates(self) -> None:
        """From now on every feed carries a second item that moves its title's date."""
        with self._server.lock:
            self._server.moved = True


@contextmanager
def serve_feeds(count: int, *, delay: float = 0.0) -> Iterator[FeedServer]:
    """Serve `count` feeds on 127.0.0.1 for the block; every handler has ended when it exits.

    Each answer waits `delay` seconds after the request was recorded.
    """
    server = _Server(count, delay)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield FeedServer(server)
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
    assert not server.errors, f"the feed server failed: {server.errors!r}"
