"""A real HTTP server on 127.0.0.1 that serves our fixtures and misbehaves on purpose.

`serve()` starts a `ThreadingHTTPServer` on a free port in a background thread and shuts it down
cleanly (handlers that stall or trickle are woken by `stop`). Every request is recorded with its
headers, the status sent and the body bytes written, so tests can check what the client sent
and what it cost.
"""

from __future__ import annotations

import gzip
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

from tests.support import LoopbackServer

FIXTURES = Path(__file__).parent / "fixtures"
RSS_ETAG = '"rss-v1"'
RSS_LAST_MODIFIED = "Fri, 02 Jun 2017 18:40:00 GMT"
RETRY_DATE = "Wed, 21 Oct 2015 07:28:00 GMT"
HUGE_SIZE = 2_000_000
LATIN1_TEXT = "Café Society, Señor Ávila et Noël: déjà vu à l'Opéra"
CP1252_TEXT = "\u201cDune\u201d \u2013 2020"  # curly quotes and an en dash: 0x93 0x94 0x96


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def build_bomb(*, inflated: int, wbits: int) -> bytes:
    """`inflated` zero bytes compressed (gzip: wbits=31, zlib: 15), without holding them all."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(1 << 20)
    parts = [packer.compress(zeros) for _ in range(inflated // len(zeros))]
    return b"".join([*parts, packer.flush()])


@dataclass(frozen=True, slots=True)
class Recorded:
    """One request as the server saw it, and what it answered."""

    path: str
    headers: dict[str, str]  # lower-case names
    status: int


@dataclass(slots=True)
class ConcurrencyProbe:
    """Counts requests in progress per Host header, holding each one until `release` is set.

    `patience` bounds the hold, so a broken client fails its test instead of hanging it.
    """

    patience: float = 5.0
    arrivals: int = 0
    active: Counter[str] = field(default_factory=Counter)
    peak: Counter[str] = field(default_factory=Counter)
    release: threading.Event = field(default_factory=threading.Event)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def enter(self, host: str) -> None:
        with self._changed:
            self.arrivals += 1
            self.active[host] += 1
            self.peak[host] = max(self.peak[host], self.active[host])
            self._changed.notify_all()
        self.release.wait(self.patience)

    def leave(self, host: str) -> None:
        with self._changed:
            self.active[host] -= 1

    def wait_for_arrivals(self, count: int, *, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: self.arrivals >= count, timeout)


class _Server(LoopbackServer):
    daemon_threads = False  # server_close() joins every handler: nothing outlives a test
    block_on_close = True

    def __init__(self, *, gzip_bomb: bytes, deflate_bomb: bytes) -> None:
        super().__init__("127.0.0.1", _Handler)
        self.gzip_bomb = gzip_bomb
        self.deflate_bomb = deflate_bomb
        self.stop = threading.Event()  # wakes handlers that stall, trickle or wait on the probe
        self.recorded: list[Recorded] = []
        self.flaky_calls = 0
        self.probe = ConcurrencyProbe()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5  # an idle keep-alive connection ends after this; clients close theirs first
    server: _Server

    rest = ""  # what follows the prefix of a prefix route, e.g. "404" in /status/404

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        route = ROUTES.get(path)
        if route is None:
            prefix, _, rest = path.rpartition("/")
            route = PREFIX_ROUTES.get(prefix)
            if route is None:
                self.reply(404, b"no such route", "text/plain")
                return
            self.rest = rest
        try:
            route(self)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up, as it should have

    # -- helpers -----------------------------------------------------------------------------

    def record(self, status: int) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        with self.server.lock:
            self.server.recorded.append(Recorded(path=self.path, headers=headers, status=status))

    def start(self, status: int, headers: dict[str, str]) -> None:
        self.record(status)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()

    def reply(
        self,
        status: int,
        body: bytes,
        content_type: str | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        sent = dict(headers or {})
        if content_type:
            sent["Content-Type"] = content_type
        sent["Content-Length"] = str(len(body))
        self.start(status, sent)
        self.wfile.write(body)

    def chunked(self, status: int, chunks: Iterator[bytes], content_type: str) -> None:
        self.start(status, {"Content-Type": content_type, "Transfer-Encoding": "chunked"})
        for chunk in chunks:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        self.wfile.write(b"0\r\n\r\n")

    def conditional(self, body: bytes, content_type: str, etag: str, last_modified: str) -> None:
        validators = {"ETag": etag, "Last-Modified": last_modified}
        if self.headers.get("If-None-Match") == etag or (
            "If-None-Match" not in self.headers
            and self.headers.get("If-Modified-Since") == last_modified
        ):
            self.start(304, validators)  # no body, no Content-Length: nothing to re-read
            return
        self.reply(200, body, content_type, validators)


# -- routes ------------------------------------------------------------------------------------


def rss(h: _Handler) -> None:
    h.conditional(
        fixture("rss_full.xml"), "application/rss+xml; charset=utf-8", RSS_ETAG, RSS_LAST_MODIFIED
    )


def atom(h: _Handler) -> None:
    h.reply(200, fixture("atom.xml"), "application/atom+xml")


def rss_gzip(h: _Handler) -> None:
    body = gzip.compress(fixture("rss_full.xml"))
    h.reply(200, body, "application/rss+xml", {"Content-Encoding": "gzip"})


def rss_deflate(h: _Handler) -> None:
    body = zlib.compress(fixture("rss_full.xml"))
    h.reply(200, body, "application/rss+xml", {"Content-Encoding": "deflate"})


def rss_raw_deflate(h: _Handler) -> None:
    packer = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    body = packer.compress(fixture("rss_full.xml")) + packer.flush()
    h.reply(200, body, "application/rss+xml", {"Content-Encoding": "deflate"})


def lol(h: _Handler) -> None:
    h.reply(200, fixture("billion_laughs.xml"), "application/rss+xml")


def malformed(h: _Handler) -> None:
    h.reply(200, fixture("malformed.xml"), "application/rss+xml")


def bad_encoding_label(h: _Handler) -> None:
    h.reply(200, fixture("rss_bad_encoding_label.xml"), "application/rss+xml")


def bad_link(h: _Handler) -> None:
    h.reply(200, fixture("rss_bad_link.xml"), "application/rss+xml")


def status(h: _Handler) -> None:
    code = int(h.rest)
    h.reply(code, f"status {code}".encode(), "text/plain")


def flaky(h: _Handler) -> None:
    with h.server.lock:
        h.server.flaky_calls += 1
        calls = h.server.flaky_calls
    if calls <= 2:
        h.reply(500, b"database is on fire", "text/plain")
    else:
        rss(h)


def limit_seconds(h: _Handler) -> None:
    h.reply(429, b"slow down", "text/plain", {"Retry-After": "120"})


def limit_date(h: _Handler) -> None:
    h.reply(429, b"slow down", "text/plain", {"Retry-After": RETRY_DATE})


def limit_forever(h: _Handler) -> None:
    h.reply(429, b"go away", "text/plain", {"Retry-After": "99999999"})


def busy(h: _Handler) -> None:
    h.reply(503, b"maintenance", "text/plain")


def stall(h: _Handler) -> None:
    h.start(200, {"Content-Type": "text/html", "Content-Length": "1000"})
    h.wfile.write(b"<html><body>")
    h.wfile.flush()
    h.server.stop.wait(10)  # far past any read timeout the tests use; teardown wakes it
    h.close_connection = True


def trickle(h: _Handler) -> None:
    h.start(200, {"Content-Type": "text/html", "Connection": "close"})
    h.close_connection = True
    while not h.server.stop.wait(0.2):  # one byte every 0.2 s, forever
        h.wfile.write(b"x")
        h.wfile.flush()


def gzip_bomb(h: _Handler) -> None:
    h.reply(200, h.server.gzip_bomb, "application/rss+xml", {"Content-Encoding": "gzip"})


def deflate_bomb(h: _Handler) -> None:
    h.reply(200, h.server.deflate_bomb, "text/html", {"Content-Encoding": "deflate"})


def huge(h: _Handler) -> None:
    h.reply(200, b"a" * HUGE_SIZE, "text/html")


def huge_chunked(h: _Handler) -> None:
    h.chunked(200, (b"a" * 100_000 for _ in range(HUGE_SIZE // 100_000)), "text/html")


def latin1(h: _Handler) -> None:
    body = f"<html><body><p>{LATIN1_TEXT}</p></body></html>".encode("iso-8859-1")
    h.reply(200, body, "text/html; charset=iso-8859-1")


def lying_charset(h: _Handler) -> None:
    body = f"<html><body><p>{LATIN1_TEXT}</p></body></html>".encode("iso-8859-1")
    h.reply(200, body, "text/html; charset=utf-8")


def unknown_charset(h: _Handler) -> None:
    body = f"<html><body><p>{LATIN1_TEXT}</p></body></html>".encode()
    h.reply(200, body, "text/html; charset=x-no-such-charset")


def meta_charset(h: _Handler) -> None:
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{CP1252_TEXT}</p></body>'
    h.reply(200, page.encode("cp1252"), "text/html")


def article(h: _Handler) -> None:
    h.reply(200, fixture("article.html"), "text/html; charset=utf-8")


def redirect(h: _Handler) -> None:
    rest = h.rest
    if rest == "loop":
        location = "/redirect/loop"
    elif rest == "ftp":
        location = "ftp://127.0.0.1/feed.xml"
    elif rest == "no-location":
        h.reply(302, b"", None)
        return
    elif int(rest) > 1:
        location = f"/redirect/{int(rest) - 1}"  # relative, as many servers send
    else:
        host, port = h.server.server_address[:2]
        location = f"http://{host}:{port}/feeds/rss.xml"
    h.reply(302, b"", None, {"Location": location})


def slow(h: _Handler) -> None:
    host = h.headers.get("Host", "")
    h.server.probe.enter(host)
    h.server.probe.leave(host)  # before answering: the server never over-counts the client
    h.reply(200, b"ok", "text/plain")


def echo(h: _Handler) -> None:
    h.reply(200, b"ok", "text/plain")


def no_content(h: _Handler) -> None:
    h.reply(204, b"", None)


def teasers(h: _Handler) -> None:
    """A feed of short teasers whose links lead to full pages on this same server."""
    base = f"http://{h.headers.get('Host', '127.0.0.1')}"
    items = "".join(
        f"<item><title>{title}</title><link>{base}{path}</link>"
        "<pubDate>Fri, 02 Jun 2017 14:05:00 GMT</pubDate>"
        f"<description>{teaser} [&#8230;]</description></item>"
        for title, path, teaser in (
            ("A first look inside the coastal mystery", "/pages/article", "Season two is near"),
            ("Gone missing", "/status/404", "This page has vanished"),
        )
    )
    body = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Teasers</title><link>{base}/</link><description>t</description>"
        f"{items}</channel></rss>"
    ).encode()
    h.reply(200, body, "application/rss+xml; charset=utf-8")


def brotli(h: _Handler) -> None:
    h.reply(200, b"\x1b\x03\x00\xf8\xa5", "text/html", {"Content-Encoding": "br"})


def bogus_encoding(h: _Handler) -> None:
    h.reply(200, b"<p>plain after all</p>", "text/html", {"Content-Encoding": "utf-8"})


def corrupt_gzip(h: _Handler) -> None:
    h.reply(
        200,
        b"\x1f\x8b\x08\x00" + b"not really gzip at all",
        "text/html",
        {"Content-Encoding": "gzip"},
    )


ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/feeds/rss.xml": rss,
    "/feeds/atom.xml": atom,
    "/feeds/rss-gzip.xml": rss_gzip,
    "/feeds/rss-deflate.xml": rss_deflate,
    "/feeds/rss-raw-deflate.xml": rss_raw_deflate,
    "/feeds/lol.xml": lol,
    "/feeds/teasers.xml": teasers,
    "/feeds/malformed.xml": malformed,
    "/feeds/bad-encoding-label.xml": bad_encoding_label,
    "/feeds/bad-link.xml": bad_link,
    "/flaky": flaky,
    "/limit/seconds": limit_seconds,
    "/limit/date": limit_date,
    "/limit/forever": limit_forever,
    "/busy": busy,
    "/stall": stall,
    "/trickle": trickle,
    "/bomb/gzip": gzip_bomb,
    "/bomb/deflate": deflate_bomb,
    "/huge": huge,
    "/huge-chunked": huge_chunked,
    "/pages/latin1": latin1,
    "/pages/lying-charset": lying_charset,
    "/pages/unknown-charset": unknown_charset,
    "/pages/meta-charset": meta_charset,
    "/pages/article": article,
    "/slow": slow,
    "/echo": echo,
    "/empty": no_content,
    "/encoding/br": brotli,
    "/encoding/corrupt-gzip": corrupt_gzip,
    "/encoding/bogus": bogus_encoding,
}
PREFIX_ROUTES: dict[str, Callable[[_Handler], None]] = {"/status": status, "/redirect": redirect}


class LoopbackServer:
    """The running server, as tests see it."""

    def __init__(self, server: _Server) -> None:
        self._server = server
        self.host, self.port = server.server_address[:2]

    def url(self, path: str, *, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def requests(self, path: str | None = None) -> list[Recorded]:
        with self._server.lock:
            return [r for r in self._server.recorded if path is None or r.path == path]

    @property
    def probe(self) -> ConcurrencyProbe:
        return self._server.probe


@contextmanager
def serve(*, gzip_bomb: bytes = b"", deflate_bomb: bytes = b"") -> Iterator[LoopbackServer]:
    """Run the server for the length of the block; every handler has ended when it exits."""
    server = _Server(gzip_bomb=gzip_bomb, deflate_bomb=deflate_bomb)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield LoopbackServer(server)
    finally:
        server.stop.set()
        server.probe.release.set()
        server.shutdown()
        thread.join()
        server.server_close()
    assert not server.errors, f"the loopback server failed: {server.errors!r}"
