"""URL normalisation: one article, one URL, however a feed or a person wrote it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

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
