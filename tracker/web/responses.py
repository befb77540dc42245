"""The HTTP side of serving: security headers, 404 and 409, and feeds with ETag, gzip and 304."""

from __future__ import annotations

from email.utils import format_datetime

from starlette.requests import Request
from starlette.responses import Response

from tracker.calendar.feeds import Feed

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the URL carries the token
    "X-Frame-Options": "DENY",
}
NOT_FOUND = "Not found\n"


def not_found() -> Response:
    """404, saying nothing of why (a wrong token and a revoked one look alike)."""
    return Response(NOT_FOUND, status_code=404, media_type="text/plain", headers=SECURITY_HEADERS)


def refused(message: str) -> Response:
    """409: the change asked for would do what the person cannot have meant."""
    return Response(message + "\n", 409, media_type="text/plain", headers=SECURITY_HEADERS)


def feed_response(
    request: Request,
    built: Feed,
    media_type: str = "text/calendar",
    filename: str = "tracker.ics",
) -> Response:
    """200 with the feed (compressed once, at render time, when the client takes gzip) or 304.

    The compressed body is another representation, so it has its own strong ETag.
    """
    packed = bool(built.gzipped) and "gzip" in request.headers.get("accept-encoding", "").lower()
    etag = built.etag[:-1] + '-gz"' if packed else built.etag
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(built.last_modified, usegmt=True),
        "Cache-Control": "private, max-age=300",
        "Vary": "Accept-Encoding",
        **SECURITY_HEADERS,
    }
    if etag in _etags(request.headers.get("if-none-match", "")):
        return Response(status_code=304, headers=headers)
    headers["Content-Disposition"] = f'inline; filename="{filename}"'
    if packed:
        headers["Content-Encoding"] = "gzip"
    body = built.gzipped if packed else built.body
    return Response(body, media_type=f"{media_type}; charset=utf-8", headers=headers)


def _etags(header: str) -> set[str]:
    """The entity tags in an If-None-Match header (weak ones compare as strong, per RFC 9110)."""
    return {t.strip().removeprefix("W/") for t in header.split(",") if t.strip()}
