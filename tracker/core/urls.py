"""URL normalisation: one article, one URL, however a feed or a person wrote it."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "fbclid", "gclid", "igshid", "ocid", "cmpid")


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no default port, no tracking parameters.

    >>> normalise_url("HTTPS://Example.COM:443/News/Item?utm_source=rss&id=4#comments")
    'https://example.com/News/Item?id=4'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
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
