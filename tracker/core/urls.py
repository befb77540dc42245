"""URL normalisation: one article, one URL, however a feed or a person wrote it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "fbclid", "gclid", "igshid", "ocid", "cmpid")
#: A host name (letters of any script, for international names) or an IPv6 address.
_HOST = re.compile(r"[\w.-]+|[0-9A-Fa-f:.]+(?:%[\w.-]+)?")


def url_problem(url: str) -> str | None:
    """What makes ``url`` no address to fetch, or None when it is one.

    >>> url_problem("https://example.com:abc/feed"), url_problem("https://bücher.example/")
    ("the port is not a number from 0 to 65535: 'abc'", None)
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError as error:  # "https://[::1/": an unclosed bracket
        return str(error)
    if parts.scheme.lower() not in ("http", "https"):
        return "only http and https addresses can be fetched"
    try:
        parts.port  # noqa: B018  (reading it checks it)
    except ValueError:
        port = parts.netloc.rpartition(":")[2]
        return f"the port is not a number from 0 to 65535: {port!r}"
    host = parts.hostname
    if not host:
        return "it names no host"
    if not _HOST.fullmatch(host):
        return f"{host!r} is not a host name"
    return None


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no tracking parameters.

    A feed's link is remote input: one that is not a well-formed URL (a port that is no
    number, an unclosed IPv6 bracket) comes back as written rather than raising, so one bad
    item never costs the feed its other entries.

    >>> normalise_url("HTTPS://Example.COM:443/News/Item?utm_source=rss&id=4#comments")
    'https://example.com/News/Item?id=4'
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # "http://[x", "http://a.example:abc/": kept as written, never a crash
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address keeps its brackets
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    if parts.username:
        host = f"{parts.username}@{host}"
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not k.lower().startswith(_TRACKING_PREFIXES)
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


def shown_source(url: str | None) -> str | None:
    """How a source is named to subscribers: a web address as is, a local file by its name only.

    Where the server keeps its files is its own business, not a calendar's.

    >>> shown_source("file:///srv/clips/2027/glass%20harbor.txt"), shown_source("https://a.example/x")
    ('glass harbor.txt', 'https://a.example/x')
    """
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return url
    name = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1]) if parts.scheme == "file" else ""
    return name or None
