"""Fetch one URL safely: timeouts, a decompressed-size cap, conditional GET, per-host limits."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from http import HTTPStatus
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType
from typing import Any, Self

import httpx

from tracker import __version__
from tracker.errors import SourceError
from tracker.ingest.backoff import parse_retry_after
from tracker.ingest.body import Inflater, decode_text, parse_content_type
from tracker.ingest.hosts import HostLimiter, first_non_public_address, is_public_address

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_LATER = frozenset({429, 503})
_HOSTNAME = re.compile(rb"[A-Za-z0-9_.-]+")  # after IDNA encoding, which httpx has done
_IPV6 = re.compile(rb"[0-9A-Fa-f:.]+(%25[A-Za-z0-9_.-]+)?")
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.8, */*;q=0.5"
)


def default_user_agent(contact: str | None = None) -> str:
    """The User-Agent that names the project and its version, with a contact URL if given.

    >>> default_user_agent().startswith("tracker/")
    True
    >>> default_user_agent("https://example.org/bot").endswith("; +https://example.org/bot)")
    True
    """
    suffix = f"; +{contact}" if contact else ""
    return f"tracker/{__version__} (release-date tracker{suffix})"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchResult:
    """What one successful fetch returned.

    On 304 the body is empty and `etag` / `last_modified` are the validators to send next time
    (the server's, or the ones sent when it repeated none).
    """

    url: str
    status: int
    body: bytes
    content_type: str | None
    charset: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304: nothing changed since the validators."""
        return self.status == 304

    def text(self) -> str:
        """The body as text: BOM, header charset, the document's own declaration, else UTF-8.

        Never raises: an unknown charset falls back to UTF-8 and bad bytes become U+FFFD.
        """
        return decode_text(self.body, self.charset)


class FetchError(SourceError):
    """A URL could not be fetched; the message says why in one line."""

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        """Keep the message, the URL asked for and the HTTP status, if one was received."""
        super().__init__(message)
        self.url = url
        self.status = status


class RetryLater(FetchError):
    """The server asked us to come back later (429 or 503), maybe saying when."""

    def __init__(self, message: str, *, url: str, status: int, retry_after: float | None) -> None:
        """Keep `retry_after`: seconds from now, already capped, or None if not given."""
        super().__init__(message, url=url, status=status)
        self.retry_after = retry_after


class AddressRefused(FetchError):
    """The host resolves to a loopback, private or otherwise non-public address."""


class Fetcher:
    """A thread-safe HTTP client for feeds and pages, shared by the poller's thread pool.

    Every failure of the network or the server becomes a `FetchError` with one clear line;
    nothing else escapes for network conditions. Redirects are followed here, hop by hop, so
    each hop gets the scheme check, the address check and its own host's concurrency slot.
    Cookies are never kept (each poll is independent) and the environment (proxies, .netrc)
    is not read.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        connect_timeout: float = 5.0,
        read_timeout: float = 15.0,
        max_bytes: int = 5_000_000,
        per_host_limit: int = 2,
        allow_private: bool = True,
        max_redirects: int = 5,
        total_timeout: float | None = None,
        max_retry_after: float = 24 * 3600.0,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        """Build the client.

        Args:
            user_agent: sent with every request; see `default_user_agent`.
            connect_timeout: seconds to open a connection.
            read_timeout: seconds to wait for any one read from the server.
            max_bytes: cap on the decompressed body; past it the fetch fails.
            per_host_limit: requests to one host at the same time, across threads.
            allow_private: False refuses hosts that resolve to non-public addresses, checked
                before connecting and again on the connected socket (DNS rebinding).
            max_redirects: redirects followed before giving up.
            total_timeout: seconds one request may take in all, bounding a server that trickles
                its body; default `connect_timeout + 2 * read_timeout`.
            max_retry_after: cap on the seconds a Retry-After may ask for.
            clock: returns the aware current time, to read Retry-After dates against.
        """
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._total_timeout = total_timeout or connect_timeout + 2 * read_timeout
        self._max_bytes = max_bytes
        self._allow_private = allow_private
        self._max_redirects = max_redirects
        self._max_retry_after = max_retry_after
        self._clock = clock or (lambda: datetime.now(UTC))
        self.limiter = HostLimiter(per_host_limit)
        """The per-host concurrency limit, observable (`active`, `waiting`) while fetching."""
        self._client = httpx.Client(
            headers={
                "User-Agent": user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
            timeout=httpx.Timeout(
                connect=connect_timeout,
                read=read_timeout,
                write=read_timeout,
                pool=self._total_timeout,
            ),
            follow_redirects=False,
            trust_env=False,
            cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        )

    def __enter__(self) -> Self:
        """Use the fetcher in a `with` block; it closes at the end."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Close the client."""
        self.close()

    def close(self) -> None:
        """Close every pooled connection."""
        self._client.close()

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET `url`, following redirects, conditionally when validators are given.

        Args:
            url: an http or https URL.
            etag: sent as If-None-Match.
            last_modified: sent as If-Modified-Since.

        Returns:
            The result of a 2xx or 304 answer.

        Raises:
            RetryLater: on 429 or 503.
            AddressRefused: the host is not public and `allow_private` is False.
            FetchError: on anything else: bad URL, network failure, timeout, HTTP error status,
                too many redirects, a body larger than `max_bytes`.
        """
        target = _parse_url(url, shown=url)
        headers: dict[bytes, bytes] = {}  # bytes: httpx refuses non-ASCII str header values
        if etag:
            headers[b"If-None-Match"] = etag.encode(errors="replace")
        if last_modified:
            headers[b"If-Modified-Since"] = last_modified.encode(errors="replace")
        for _ in range(self._max_redirects + 1):
            outcome = self._fetch_once(target, headers)
            if isinstance(outcome, FetchResult):
                if outcome.not_modified:  # keep the validators sent when none came back
                    etag, last_modified = (
                        outcome.etag or etag,
                        outcome.last_modified or last_modified,
                    )
                    return replace(outcome, etag=etag, last_modified=last_modified)
                return outcome
            target = outcome
        raise FetchError(
            f"too many redirects (more than {self._max_redirects}) from {url}", url=url
        )

    def _fetch_once(self, url: httpx.URL, headers: dict[bytes, bytes]) -> FetchResult | httpx.URL:
        """One request: a result, or the URL a redirect points to."""
        shown = str(url)
        extensions: dict[str, Any] = {}
        if not self._allow_private:
            self._check_host(url)
            extensions["trace"] = _peer_check(shown)
        with self.limiter.slot(url.host):
            deadline = time.monotonic() + self._total_timeout
            try:
                with self._client.stream(
                    "GET", url, headers=headers, extensions=extensions
                ) as response:
                    return self._read(response, shown, deadline)
            except httpx.ConnectTimeout:
                message = f"timed out after {self._connect_timeout:g} s connecting to {shown}"
            except httpx.ReadTimeout:
                message = f"timed out after {self._read_timeout:g} s reading {shown}"
            except httpx.TimeoutException as error:
                message = f"timed out ({_one_line(error)}) fetching {shown}"
            except httpx.ConnectError as error:
                message = f"cannot connect to {shown}: {_one_line(error)}"
            except httpx.HTTPError as error:  # protocol errors, dropped connections, bad URLs
                message = f"{type(error).__name__} from {shown}: {_one_line(error)}"
        raise FetchError(message, url=shown)

    def _read(
        self, response: httpx.Response, shown: str, deadline: float
    ) -> FetchResult | httpx.URL:
        """Turn a response into a result, a redirect target or a `FetchError`."""
        status = response.status_code
        if status in _REDIRECTS:
            return self._redirect_target(response, shown)
        if status in _RETRY_LATER:
            wait = parse_retry_after(
                response.headers.get("retry-after"), now=self._clock(), cap=self._max_retry_after
            )
            hint = f" (retry after {wait:g} s)" if wait is not None else ""
            raise RetryLater(
                f"HTTP {status} {_reason(response)} from {shown}{hint}",
                url=shown,
                status=status,
                retry_after=wait,
            )
        if status != 304 and not 200 <= status < 300:
            raise FetchError(
                f"HTTP {status} {_reason(response)} from {shown}", url=shown, status=status
            )
        body = b"" if status == 304 else self._read_body(response, shown, deadline)
        content_type, charset = parse_content_type(response.headers.get("content-type"))
        return FetchResult(
            url=shown,
            status=status,
            body=body,
            content_type=content_type,
            charset=charset,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def _read_body(self, response: httpx.Response, shown: str, deadline: float) -> bytes:
        """Stream the body, undoing its coding, within the size cap and the deadline."""
        limit = _size(self._max_bytes)
        declared = response.headers.get("content-length", "").strip()
        if declared.isascii() and declared.isdigit() and int(declared) > self._max_bytes:
            raise FetchError(
                f"response larger than {limit} from {shown} (Content-Length: {declared})", url=shown
            )
        coding = response.headers.get("content-encoding", "identity")
        try:
            inflater = Inflater(coding)
        except ValueError as error:
            raise FetchError(f"{error} from {shown}", url=shown) from None
        packed = "" if inflater.coding == "identity" else " (decompressed)"
        body = bytearray()
        for chunk in response.iter_raw():  # as read: a chunk size would buffer a trickle
            if time.monotonic() > deadline:
                raise FetchError(
                    f"timed out after {self._total_timeout:g} s in all fetching {shown} "
                    "(the body was still arriving)",
                    url=shown,
                )
            try:
                body += inflater.feed(chunk, room=self._max_bytes - len(body))
            except ValueError as error:
                raise FetchError(f"{error} from {shown}", url=shown) from None
            if len(body) > self._max_bytes:
                raise FetchError(f"response larger than {limit}{packed} from {shown}", url=shown)
        return bytes(body)

    def _redirect_target(self, response: httpx.Response, shown: str) -> httpx.URL:
        location = response.headers.get("location", "").strip()
        if not location:
            raise FetchError(
                f"HTTP {response.status_code} redirect without a Location from {shown}", url=shown
            )
        try:
            target = response.url.join(location)
        except httpx.InvalidURL as error:
            raise FetchError(
                f"invalid redirect from {shown} to {location!r}: {_one_line(error)}", url=shown
            ) from None
        return _parse_url(str(target), shown=f"{location} (redirected from {shown})")

    def _check_host(self, url: httpx.URL) -> None:
        """Refuse a host any of whose addresses is not public."""
        shown = str(url)
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            address = first_non_public_address(url.raw_host.decode("ascii"), port)
        except (OSError, UnicodeError) as error:
            raise FetchError(
                f"cannot resolve {url.host} for {shown}: {_one_line(error)}", url=shown
            ) from None
        if address is not None:
            raise AddressRefused(
                f"refused {shown}: {url.host} resolves to {address}, which is not a public "
                "address (private addresses are not allowed)",
                url=shown,
            )


def _peer_check(shown: str) -> Callable[[str, dict[str, Any]], None]:
    """An httpcore trace hook that refuses a new connection to a non-public peer."""

    def trace(event: str, info: dict[str, Any]) -> None:
        if event != "connection.connect_tcp.complete":
            return
        stream = info["return_value"]
        address = str(stream.get_extra_info("server_addr")[0])
        if not is_public_address(address):
            stream.close()
            raise AddressRefused(
                f"refused {shown}: connected to {address}, which is not a public address "
                "(private addresses are not allowed)",
                url=shown,
            )

    return trace


def _parse_url(url: str, *, shown: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as error:
        raise FetchError(f"invalid URL {shown!r}: {_one_line(error)}", url=shown) from None
    if parsed.scheme not in {"http", "https"}:
        scheme = f"scheme {parsed.scheme!r}" if parsed.scheme else "no scheme"
        raise FetchError(f"cannot fetch {shown}: {scheme}; only http and https", url=shown)
    if not parsed.host:
        raise FetchError(f"invalid URL {shown!r}: no host", url=shown)
    if not (_HOSTNAME.fullmatch(parsed.raw_host) or _IPV6.fullmatch(parsed.raw_host)):
        raise FetchError(f"invalid URL {shown!r}: bad host {parsed.host!r}", url=shown)
    return parsed


def _reason(response: httpx.Response) -> str:
    try:
        return HTTPStatus(response.status_code).phrase
    except ValueError:
        return " ".join(response.reason_phrase.split()) or "(no reason given)"


def _one_line(error: object) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__


def _size(n: int) -> str:
    """A byte count for people.

    >>> _size(5_000_000), _size(1_500_000), _size(64_000), _size(512)
    ('5 MB', '1.5 MB', '64 kB', '512 bytes')
    """
    if n >= 1_000_000:
        return f"{n / 1_000_000:g} MB"
    if n >= 1_000:
        return f"{n / 1_000:g} kB"
    return f"{n} bytes"
