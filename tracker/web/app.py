"""The web app: calendar feeds by token, a page per subscription, and a health check."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from email.utils import format_datetime
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from tracker.calendar import subscriptions
from tracker.calendar.cache import DataVersion, FeedCache, subscription_and_fingerprint
from tracker.calendar.changes_feed import build_changes
from tracker.calendar.feeds import Feed, FeedParams, build_feed
from tracker.calendar.render import EventCache
from tracker.calendar.tokens import token_hash
from tracker.core.durations import parse_duration
from tracker.errors import InputError
from tracker.web import page
from tracker.web.listing import page_rows

if TYPE_CHECKING:
    from tracker.runtime import Runtime

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # the URL carries the token
    "X-Frame-Options": "DENY",
}
NOT_FOUND = "Not found\n"


def feed_url(base_url: str, token: str) -> str:
    """The https (or http) address of a feed."""
    return f"{base_url}/feeds/{token}.ics"


def changes_url(base_url: str, token: str, *, as_json: bool = False) -> str:
    """The address of a subscription's feed of changes: Atom, or JSON Feed."""
    return f"{base_url}/feeds/{token}.{'json' if as_json else 'atom'}"


def webcal_url(base_url: str, token: str) -> str:
    """The same feed for calendar apps: webcal://, which they open as a subscription."""
    return "webcal://" + feed_url(base_url, token).split("://", 1)[1]


def create_app(rt: Runtime, *, ticks: Callable[[], dict[str, str]] | None = None) -> Starlette:
    """The ASGI app, wired to a runtime (tests pass their own).

    Args:
        rt: The runtime.
        ticks: Inside the daemon, its jobs' last successful ticks for `/healthz`.
    """
    refresh = parse_duration(rt.settings.feed_refresh)
    cache = FeedCache()
    events = EventCache()
    versions = DataVersion(rt.engine)

    def not_found() -> Response:
        return Response(
            NOT_FOUND, status_code=404, media_type="text/plain", headers=SECURITY_HEADERS
        )

    def front(_: Request) -> Response:
        return HTMLResponse(page.front_page(), headers=SECURITY_HEADERS)

    def health(_: Request) -> Response:
        from tracker.daemon.health import status

        report = status(rt, {rt.owner: ticks()} if ticks is not None else None)
        return JSONResponse(report, headers={"Cache-Control": "no-store"})

    def feed(request: Request) -> Response:
        token = request.path_params["token"]
        if not subscriptions.plausible_token(token):
            return not_found()
        try:
            params = FeedParams.parse(list(request.query_params.multi_items()))
        except InputError as error:
            return Response(f"{error}\n", status_code=400, media_type="text/plain")
        today = rt.clock().date()
        digest = token_hash(token)
        version = versions.current()
        quick = (digest, params, version, today) if version is not None else None
        built = cache.peek(quick) if quick is not None else None
        if built is None:
            with rt.session() as session:
                subscription, data = subscription_and_fingerprint(session, digest, today)
                if subscription is None:
                    return not_found()
                built = cache.get_or_render(
                    (data, params),
                    lambda: build_feed(
                        session,
                        subscription,
                        params,
                        today=today,
                        past_days=rt.settings.feed_past_days,
                        refresh=refresh,
                        page_url=f"{rt.settings.base_url}/s/{token}",
                        events=events,
                    ),
                )
            if quick is not None:
                cache.remember(quick, built)
        return _feed_response(request, built)

    def changes(request: Request, *, as_json: bool) -> Response:
        token = request.path_params["token"]
        if not subscriptions.plausible_token(token):
            return not_found()
        now = rt.clock()
        today = now.date()
        digest = token_hash(token)
        version = versions.current()
        quick = ("changes", as_json, digest, version, today) if version is not None else None
        built = cache.peek(quick) if quick is not None else None
        if built is None:
            with rt.session() as session:
                subscription, data = subscription_and_fingerprint(session, digest, today)
                if subscription is None:
                    return not_found()
                built = cache.get_or_render(
                    ("changes", as_json, data),
                    lambda: build_changes(
                        session,
                        subscription,
                        as_json=as_json,
                        now=now,
                        self_url=changes_url(rt.settings.base_url, token, as_json=as_json),
                        page_url=f"{rt.settings.base_url}/s/{token}",
                    ),
                )
            if quick is not None:
                cache.remember(quick, built)
        if as_json:
            return _feed_response(request, built, "application/feed+json", "changes.json")
        return _feed_response(request, built, "application/atom+xml", "changes.atom")

    def atom(request: Request) -> Response:
        return changes(request, as_json=False)

    def json_feed(request: Request) -> Response:
        return changes(request, as_json=True)

    def subscription_page(request: Request) -> Response:
        token = request.path_params["token"]
        with rt.session() as session:
            subscription = subscriptions.by_token(session, token)
            if subscription is None:
                return not_found()
            rows, tba = page_rows(
                session,
                subscription,
                now=rt.clock(),
                zone=rt.settings.zone,
            )
            name = subscription.name
        html = page.subscription_page(
            name=name,
            feed_url=feed_url(rt.settings.base_url, token),
            webcal_url=webcal_url(rt.settings.base_url, token),
            rows=rows,
            tba=tba,
            changes_url=changes_url(rt.settings.base_url, token),
        )
        return HTMLResponse(html, headers={**SECURITY_HEADERS, "Cache-Control": "private"})

    def stylesheet(_: Request) -> Response:
        return Response(
            page.STYLESHEET,
            media_type="text/css",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    def script(_: Request) -> Response:
        return Response(
            page.COPY_SCRIPT,
            media_type="text/javascript",
            headers={"Cache-Control": "public, max-age=86400"},
        )

    routes = [
        Route("/", front, methods=["GET", "HEAD"]),
        Route("/healthz", health, methods=["GET", "HEAD"]),
        Route("/feeds/{token}.ics", feed, methods=["GET", "HEAD"]),
        Route("/feeds/{token}.atom", atom, methods=["GET", "HEAD"]),
        Route("/feeds/{token}.json", json_feed, methods=["GET", "HEAD"]),
        Route("/s/{token}", subscription_page, methods=["GET", "HEAD"]),
        Route("/static/page.css", stylesheet, methods=["GET", "HEAD"]),
        Route("/static/page.js", script, methods=["GET", "HEAD"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(GZipMiddleware, minimum_size=512)])
    weakref.finalize(app, versions.close)
    return app


def _feed_response(
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
