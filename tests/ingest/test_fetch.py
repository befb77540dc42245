from __future__ import annotations

import doctest
import socket
import tracemalloc
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from types import ModuleType

import pytest

import tracker
from tests.ingest.loopback import (
    CP1252_TEXT,
    LATIN1_TEXT,
    RSS_ETAG,
    RSS_LAST_MODIFIED,
    LoopbackServer,
    build_bomb,
    fixture,
    serve,
)
from tracker.errors import SourceError
from tracker.ingest import body, fetch, hosts
from tracker.ingest.backoff import parse_retry_after
from tracker.ingest.fetch import (
    AddressRefused,
    Fetcher,
    FetchError,
    FetchResult,
    RetryLater,
    default_user_agent,
)
from tracker.ingest.hosts import is_public_address

UA = "tracker-tests/1.0 (+https://example.invalid/ci)"
MAX_BYTES = 1_000_000


@pytest.fixture(scope="session")
def bombs() -> tuple[bytes, bytes]:
    """A 50 MB gzip bomb and a 20 MB deflate bomb, each a few tens of kB on the wire."""
    return build_bomb(inflated=50 << 20, wbits=31), build_bomb(inflated=20 << 20, wbits=15)


@pytest.fixture
def server(bombs: tuple[bytes, bytes]) -> Iterator[LoopbackServer]:
    with serve(gzip_bomb=bombs[0], deflate_bomb=bombs[1]) as running:
        yield running


@pytest.fixture
def fetcher(server: LoopbackServer) -> Iterator[Fetcher]:
    """Depends on `server` so that it closes first: no keep-alive connection outlives it."""
    del server
    with Fetcher(
        user_agent=UA, connect_timeout=0.5, read_timeout=0.5, max_bytes=MAX_BYTES
    ) as client:
        yield client


def fails(fetcher: Fetcher, url: str) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, SourceError)
    return caught.value


# -- normal fetches -------------------------------------------------------------------------------


def test_a_feed_comes_back_with_its_type_and_validators(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    url = server.url("/feeds/rss.xml")
    result = fetcher.fetch(url)
    assert result == FetchResult(
        url=url,
        status=200,
        body=fixture("rss_full.xml"),
        content_type="application/rss+xml",
        charset="utf-8",
        etag=RSS_ETAG,
        last_modified=RSS_LAST_MODIFIED,
    )
    assert not result.not_modified
    sent = server.requests("/feeds/rss.xml")[0].headers
    assert sent["user-agent"] == UA
    assert sent["accept-encoding"] == "gzip, deflate"
    assert "if-none-match" not in sent
    assert "if-modified-since" not in sent


def test_an_atom_feed_keeps_its_media_type(fetcher: Fetcher, server: LoopbackServer) -> None:
    result = fetcher.fetch(server.url("/feeds/atom.xml"))
    assert (result.content_type, result.charset) == ("application/atom+xml", None)
    assert result.body == fixture("atom.xml")


def test_an_unchanged_feed_costs_a_304_and_no_body(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    url = server.url("/feeds/rss.xml")
    result = fetcher.fetch(url, etag=RSS_ETAG, last_modified=RSS_LAST_MODIFIED)
    assert result.not_modified
    assert (result.status, result.body) == (304, b"")
    assert (result.etag, result.last_modified) == (RSS_ETAG, RSS_LAST_MODIFIED)
    [seen] = server.requests("/feeds/rss.xml")
    assert seen.headers["if-none-match"] == RSS_ETAG
    assert seen.headers["if-modified-since"] == RSS_LAST_MODIFIED
    assert seen.status == 304  # the server sent headers only: the body was not read again


def test_last_modified_alone_also_gives_a_304(fetcher: Fetcher, server: LoopbackServer) -> None:
    result = fetcher.fetch(server.url("/feeds/rss.xml"), last_modified=RSS_LAST_MODIFIED)
    assert result.not_modified
    assert result.etag == RSS_ETAG  # the server's validators come back for next time


def test_a_stale_etag_gets_the_new_body(fetcher: Fetcher, server: LoopbackServer) -> None:
    result = fetcher.fetch(server.url("/feeds/rss.xml"), etag='"rss-v0"')
    assert result.status == 200
    assert result.body == fixture("rss_full.xml")


def test_validators_that_are_not_ascii_are_sent_without_a_crash(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    result = fetcher.fetch(server.url("/feeds/rss.xml"), etag='"caf\u00e9"', last_modified="\u00e9")
    assert result.status == 200
    [seen] = server.requests("/feeds/rss.xml")
    assert "if-none-match" in seen.headers


@pytest.mark.parametrize(
    "path", ["/feeds/rss-gzip.xml", "/feeds/rss-deflate.xml", "/feeds/rss-raw-deflate.xml"]
)
def test_compressed_bodies_are_decompressed(
    fetcher: Fetcher, server: LoopbackServer, path: str
) -> None:
    assert fetcher.fetch(server.url(path)).body == fixture("rss_full.xml")


def test_a_204_is_an_empty_success(fetcher: Fetcher, server: LoopbackServer) -> None:
    result = fetcher.fetch(server.url("/empty"))
    assert (result.status, result.body, result.text()) == (204, b"", "")


def test_the_default_user_agent_names_the_project_and_version() -> None:
    assert default_user_agent() == f"tracker/{tracker.__version__} (release-date tracker)"


# -- HTTP errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason"), [(404, "Not Found"), (410, "Gone"), (500, "Internal Server Error")]
)
def test_error_statuses_become_one_clear_line(
    fetcher: Fetcher, server: LoopbackServer, code: int, reason: str
) -> None:
    url = server.url(f"/status/{code}")
    error = fails(fetcher, url)
    assert str(error) == f"HTTP {code} {reason} from {url}"
    assert (error.status, error.url) == (code, url)
    assert not isinstance(error, RetryLater)


def test_a_server_that_fails_twice_then_recovers(fetcher: Fetcher, server: LoopbackServer) -> None:
    url = server.url("/flaky")
    for _ in range(2):
        assert str(fails(fetcher, url)) == f"HTTP 500 Internal Server Error from {url}"
    assert fetcher.fetch(url).body == fixture("rss_full.xml")


def test_429_with_retry_after_in_seconds(fetcher: Fetcher, server: LoopbackServer) -> None:
    url = server.url("/limit/seconds")
    with pytest.raises(RetryLater) as caught:
        fetcher.fetch(url)
    assert caught.value.retry_after == 120.0
    assert str(caught.value) == f"HTTP 429 Too Many Requests from {url} (retry after 120 s)"


def test_429_with_an_http_date_is_read_against_the_given_clock(server: LoopbackServer) -> None:
    two_minutes_before = datetime(2015, 10, 21, 7, 26, tzinfo=UTC)
    with (
        Fetcher(user_agent=UA, clock=lambda: two_minutes_before) as fetcher,
        pytest.raises(RetryLater) as caught,
    ):
        fetcher.fetch(server.url("/limit/date"))
    assert caught.value.retry_after == 120.0


def test_an_absurd_retry_after_is_capped(server: LoopbackServer) -> None:
    with (
        Fetcher(user_agent=UA, max_retry_after=3600) as fetcher,
        pytest.raises(RetryLater) as caught,
    ):
        fetcher.fetch(server.url("/limit/forever"))
    assert caught.value.retry_after == 3600.0


def test_503_without_retry_after(fetcher: Fetcher, server: LoopbackServer) -> None:
    url = server.url("/busy")
    with pytest.raises(RetryLater) as caught:
        fetcher.fetch(url)
    assert (caught.value.status, caught.value.retry_after) == (503, None)
    assert str(caught.value) == f"HTTP 503 Service Unavailable from {url}"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("0", 0.0),
        ("  60 ", 60.0),
        ("Wed, 21 Oct 2015 07:00:00 GMT", 0.0),  # already past
        ("Wed, 21 Oct 2015 08:26:00 +0100", 0.0),  # the same instant in another zone
        ("-5", None),
        ("1.5", None),
        ("tomorrow-ish", None),
        ("", None),
        (None, None),
    ],
)
def test_retry_after_parsing(header: str | None, expected: float | None) -> None:
    now = datetime(2015, 10, 21, 7, 26, tzinfo=UTC)
    assert parse_retry_after(header, now=now, cap=86400) == expected


# -- slow and hostile servers ---------------------------------------------------------------------


def test_a_stalled_server_times_out_on_read(fetcher: Fetcher, server: LoopbackServer) -> None:
    url = server.url("/stall")
    assert str(fails(fetcher, url)) == f"timed out after 0.5 s reading {url}"


def test_a_trickling_server_hits_the_overall_deadline(server: LoopbackServer) -> None:
    url = server.url("/trickle")
    with Fetcher(user_agent=UA, connect_timeout=0.2, read_timeout=0.5) as fetcher:
        error = fails(fetcher, url)
    assert str(error) == (
        f"timed out after 1.2 s in all fetching {url} (the body was still arriving)"
    )


@pytest.mark.parametrize(("path", "kind"), [("/bomb/gzip", "gzip"), ("/bomb/deflate", "deflate")])
def test_a_compression_bomb_stops_at_the_cap_without_inflating(
    fetcher: Fetcher, server: LoopbackServer, path: str, kind: str
) -> None:
    url = server.url(path)
    tracemalloc.start()
    try:
        error = fails(fetcher, url)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(error) == f"response larger than 1 MB (decompressed) from {url}", kind
    assert peak < 8 * MAX_BYTES  # the bomb holds 20-50 MB; only about the cap was inflated


def test_a_huge_page_is_refused_by_its_content_length(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    url = server.url("/huge")
    assert str(fails(fetcher, url)) == (
        f"response larger than 1 MB from {url} (Content-Length: 2000000)"
    )


def test_a_huge_page_without_a_length_is_cut_off_while_streaming(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    url = server.url("/huge-chunked")
    assert str(fails(fetcher, url)) == f"response larger than 1 MB from {url}"


def test_an_unsupported_content_encoding_is_an_error(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    url = server.url("/encoding/br")
    assert str(fails(fetcher, url)) == f"unsupported Content-Encoding 'br' from {url}"


def test_a_bogus_content_encoding_label_means_no_compression(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    assert fetcher.fetch(server.url("/encoding/bogus")).body == b"<p>plain after all</p>"


def test_a_corrupt_gzip_body_is_an_error(fetcher: Fetcher, server: LoopbackServer) -> None:
    url = server.url("/encoding/corrupt-gzip")
    message = str(fails(fetcher, url))
    assert message.startswith("corrupt gzip data (")
    assert message.endswith(f") from {url}")


# -- charsets -------------------------------------------------------------------------------------


def test_a_latin1_page_decodes_its_accents(fetcher: Fetcher, server: LoopbackServer) -> None:
    result = fetcher.fetch(server.url("/pages/latin1"))
    assert result.charset == "iso-8859-1"
    assert LATIN1_TEXT in result.text()


def test_a_lying_charset_decodes_with_replacement(fetcher: Fetcher, server: LoopbackServer) -> None:
    text = fetcher.fetch(server.url("/pages/lying-charset")).text()
    assert "Caf\ufffd Society" in text


def test_an_unknown_charset_falls_back_to_utf8(fetcher: Fetcher, server: LoopbackServer) -> None:
    result = fetcher.fetch(server.url("/pages/unknown-charset"))
    assert result.charset == "x-no-such-charset"
    assert LATIN1_TEXT in result.text()


def test_a_meta_charset_is_used_when_the_header_has_none(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    result = fetcher.fetch(server.url("/pages/meta-charset"))
    assert result.charset is None
    assert CP1252_TEXT in result.text()


@pytest.mark.parametrize(
    ("body", "charset", "expected"),
    [
        ("Noël".encode("utf-16"), None, "Noël"),  # BOM
        ("\ufeffNoël".encode(), "iso-8859-1", "Noël"),  # a BOM beats the header
        (b"No\xebl", "idna", "No\ufffdl"),  # a codec that refuses errors="replace"
        (b"No\xebl", "base64", "No\ufffdl"),  # not a text encoding at all
        (b"\x80abc\xff", None, "\ufffdabc\ufffd"),
    ],
)
def test_text_never_raises(body: bytes, charset: str | None, expected: str) -> None:
    result = FetchResult(
        url="http://x.example/",
        status=200,
        body=body,
        content_type="text/plain",
        charset=charset,
        etag=None,
        last_modified=None,
    )
    assert result.text() == expected


# -- redirects and URLs ---------------------------------------------------------------------------


def test_a_redirect_chain_is_followed_to_the_final_url(
    fetcher: Fetcher, server: LoopbackServer
) -> None:
    result = fetcher.fetch(server.url("/redirect/3"), etag='"old"')
    assert result.url == server.url("/feeds/rss.xml")
    assert result.body == fixture("rss_full.xml")
    hops = server.requests()
    assert [r.path for r in hops] == ["/redirect/3", "/redirect/2", "/redirect/1", "/feeds/rss.xml"]
    assert all(r.headers["user-agent"] == UA for r in hops)
    assert hops[-1].headers["if-none-match"] == '"old"'


def test_a_redirect_loop_stops_after_the_limit(fetcher: Fetcher, server: LoopbackServer) -> None:
    url = server.url("/redirect/loop")
    assert str(fails(fetcher, url)) == f"too many redirects (more than 5) from {url}"
    assert len(server.requests("/redirect/loop")) == 6


def test_a_redirect_to_another_scheme_is_refused(fetcher: Fetcher, server: LoopbackServer) -> None:
    url = server.url("/redirect/ftp")
    assert str(fails(fetcher, url)) == (
        f"cannot fetch ftp://127.0.0.1/feed.xml (redirected from {url}): "
        "scheme 'ftp'; only http and https"
    )


def test_a_redirect_without_location_is_an_error(fetcher: Fetcher, server: LoopbackServer) -> None:
    url = server.url("/redirect/no-location")
    assert str(fails(fetcher, url)) == f"HTTP 302 redirect without a Location from {url}"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/feed", "cannot fetch ftp://example.org/feed: scheme 'ftp'; only http"),
        ("file:///etc/passwd", "cannot fetch file:///etc/passwd: scheme 'file'; only http"),
        ("javascript:alert(1)", "cannot fetch javascript:alert(1): scheme 'javascript'"),
        ("not a url", "cannot fetch not a url: no scheme; only http and https"),
        ("http://", "invalid URL 'http://'"),
        ("http://exa mple.org/", "invalid URL 'http://exa mple.org/': bad host 'exa%20mple.org'"),
    ],
)
def test_bad_urls_are_refused_before_any_request(
    fetcher: Fetcher, server: LoopbackServer, url: str, message: str
) -> None:
    assert str(fails(fetcher, url)).startswith(message)
    assert server.requests() == []


def test_a_refused_connection_is_a_fetch_error(fetcher: Fetcher) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed"  # nothing listens there any more
    assert str(fails(fetcher, url)).startswith(f"cannot connect to {url}: ")


def test_an_unknown_host_is_a_fetch_error(fetcher: Fetcher) -> None:
    url = "http://no-such-host.invalid/feed"  # .invalid never resolves (RFC 2606)
    assert str(fails(fetcher, url)).startswith(f"cannot connect to {url}: ")


# -- private addresses ----------------------------------------------------------------------------


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_private_addresses_are_refused_when_not_allowed(server: LoopbackServer, host: str) -> None:
    url = server.url("/feeds/rss.xml", host=host)
    with (
        Fetcher(user_agent=UA, allow_private=False) as fetcher,
        pytest.raises(AddressRefused) as caught,
    ):
        fetcher.fetch(url)
    assert str(caught.value) == (
        f"refused {url}: {host} resolves to 127.0.0.1, which is not a public address "
        "(private addresses are not allowed)"
    )
    assert server.requests() == []


def test_the_connected_peer_is_checked_too(
    server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If DNS said "public" and the connection lands on loopback (rebinding), nothing is sent."""
    url = server.url("/feeds/rss.xml")
    with Fetcher(user_agent=UA, allow_private=False) as fetcher:
        monkeypatch.setattr(fetcher, "_check_host", lambda _url: None)  # DNS "said" public
        with pytest.raises(AddressRefused) as caught:
            fetcher.fetch(url)
    assert str(caught.value) == (
        f"refused {url}: connected to 127.0.0.1, which is not a public address "
        "(private addresses are not allowed)"
    )
    assert server.requests() == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("127.9.9.9", False),
        ("10.0.0.1", False),
        ("172.16.5.4", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
        ("not an address", False),
    ],
)
def test_which_addresses_are_public(address: str, public: bool) -> None:
    assert is_public_address(address) is public


# -- concurrency ----------------------------------------------------------------------------------


def test_a_pool_of_eight_never_has_more_than_the_limit_per_host(server: LoopbackServer) -> None:
    hosts = ("127.0.0.1", "localhost")  # one server, two host names: two separate limits
    urls = [server.url("/slow", host=host) for host in hosts] * 4
    with (
        Fetcher(user_agent=UA, per_host_limit=2) as fetcher,
        ThreadPoolExecutor(max_workers=8) as pool,
    ):
        futures = [pool.submit(fetcher.fetch, url) for url in urls]
        # The server holds every request it gets. With the limit working, two requests per
        # host reach it and the other two per host queue in the fetcher; without it, the
        # queue never forms and the wait below fails.
        queued = fetcher.limiter.wait_until(
            lambda: all(fetcher.limiter.waiting(host) == 2 for host in hosts), timeout=5
        )
        arrived = server.probe.wait_for_arrivals(4, timeout=5)
        server.probe.release.set()
        results = [future.result() for future in futures]
    assert queued
    assert arrived
    assert [r.body for r in results] == [b"ok"] * 8
    assert server.probe.arrivals == 8
    assert dict(server.probe.peak) == {f"{host}:{server.port}": 2 for host in hosts}


@pytest.mark.parametrize("module", [body, fetch, hosts], ids=lambda m: m.__name__)
def test_the_examples_in_the_docstrings_hold(module: ModuleType) -> None:
    assert doctest.testmod(module).failed == 0
