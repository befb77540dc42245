"""The web app: calendar feeds by token, a page per subscription, and a health check."""

from __future__ import annotations

import hmac
import weakref
from collections.abc import Callable, Hashable
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from tracker.calendar import subscriptions
from tracker.calendar.cache import DataVersion, FeedCache, subscription_and_fingerprint
from tracker.calendar.changes_feed import build_changes
from tracker.calendar.feeds import Feed, FeedParams, build_feed, build_one, feed_releases
from tracker.calendar.render import EventCache
from tracker.calendar.tokens import form_token, token_hash
from tracker.core.durations import parse_duration
from tracker.db.models import Work
from tracker.errors import InputError
from tracker.names import MAX_ID
from tracker.queries.watch import add_watches, list_watches, unwatch_work
from tracker.web import page
from tracker.web.addresses import changes_url, feed_url, webcal_url
from tracker.web.listing import page_data
from tracker.web.months import month_view
from tracker.web.responses import SECURITY_HEADERS, feed_response, not_found, refused

if TYPE_CHECKING:
    from sqlmodel import Session

    from tracker.db.models import Subscription
    from tracker.runtime import Runtime


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

    def front(_: Request) -> Response:
        return HTMLResponse(page.front_page(), headers=SECURITY_HEADERS)

    def health(_: Request) -> Response:
        from tracker.daemon.health import status

        report = status(rt, {rt.owner: ticks()} if ticks is not None else None)
        return JSONResponse(report, headers={"Cache-Control": "no-store"})

    def cached(
        token: str, kind: Hashable, today: date, render: Callable[[Session, Subscription], Feed]
    ) -> Feed | None:
        """A subscription's rendered feed of `kind`, or None for an unknown token.

        On SQLite the data version answers first: when nothing was committed since the feed
        was rendered, no table is read. Otherwise one query gives the subscription and the
        fingerprint of its data, and the feed is rendered only if that fingerprint is new.
        """
        digest = token_hash(token)
        version = versions.current()
        quick = (kind, digest, version, today) if version is not None else None
        built = cache.peek(quick) if quick is not None else None
        if built is None:
            with rt.session() as session:
                subscription, data = subscription_and_fingerprint(session, digest, today)
                if subscription is None:
                    return None
                found = subscription
                built = cache.get_or_render((kind, data), lambda: render(session, found))
            if quick is not None:
                cache.remember(quick, built)
        return built

    def feed(request: Request) -> Response:
        token = request.path_params["token"]
        if not subscriptions.plausible_token(token):
            return not_found()
        try:
            params = FeedParams.parse(list(request.query_params.multi_items()))
        except InputError as error:
            return Response(f"{error}\n", status_code=400, media_type="text/plain")
        today = rt.clock().date()
        built = cached(
            token,
            ("calendar", params),
            today,
            lambda session, subscription: build_feed(
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
        return not_found() if built is None else feed_response(request, built)

    def changes(request: Request, *, as_json: bool) -> Response:
        token = request.path_params["token"]
        if not subscriptions.plausible_token(token):
            return not_found()
        now = rt.clock()
        built = cached(
            token,
            ("changes", as_json),
            now.date(),
            lambda session, subscription: build_changes(
                session,
                subscription,
                as_json=as_json,
                now=now,
                self_url=changes_url(rt.settings.base_url, token, as_json=as_json),
                page_url=f"{rt.settings.base_url}/s/{token}",
            ),
        )
        if built is None:
            return not_found()
        if as_json:
            return feed_response(request, built, "application/feed+json", "changes.json")
        return feed_response(request, built, "application/atom+xml", "changes.atom")

    def atom(request: Request) -> Response:
        return changes(request, as_json=False)

    def json_feed(request: Request) -> Response:
        return changes(request, as_json=True)

    def subscription_page(request: Request) -> Response:
        token = request.path_params["token"]
        base = rt.settings.base_url
        with rt.session() as session:
            subscription = subscriptions.by_token(session, token)
            if subscription is None:
                return not_found()
            data = page_data(session, subscription, now=rt.clock(), zone=rt.settings.zone)
            name = subscription.name
        html = page.subscription_page(
            name=name,
            links=page.PageLinks(
                feed_url=feed_url(base, token),
                webcal_url=webcal_url(base, token),
                changes_url=changes_url(base, token),
                page_url=f"/s/{token}",
                form_token=form_token(rt.secret, token),
            ),
            rows=data.dated,
            tba=data.tba,
            also=data.also,
            months=month_view(data.today, data.placed),
        )
        return HTMLResponse(html, headers={**SECURITY_HEADERS, "Cache-Control": "private"})

    async def watching(request: Request) -> Response:
        """POST /s/TOKEN/watch or /unwatch: change this subscription's watch list, then back."""
        token, verb = request.path_params["token"], request.path_params["verb"]
        body = await request.body()
        if len(body) > 4096:
            return Response("Too large.\n", 413, headers=SECURITY_HEADERS)
        form = parse_qs(body.decode("utf-8", "replace"))  # a plain urlencoded form, two fields
        sent, work = form.get("form", [""])[0], form.get("work", [""])[0]
        if not subscriptions.plausible_token(token) or verb not in ("watch", "unwatch"):
            return not_found()
        if not hmac.compare_digest(sent, form_token(rt.secret, token)):
            refused = "This form is not from your page: reload it and try again.\n"
            return Response(refused, 403, headers=SECURITY_HEADERS)
        work_id = _row_id(work)
        if work_id is None:
            return Response("No such release.\n", 400, headers=SECURITY_HEADERS)
        return await run_in_threadpool(change_watch, token, verb, work_id)

    def change_watch(token: str, verb: str, work_id: int) -> Response:
        with rt.write_session() as session:
            subscription = subscriptions.by_token(session, token)
            found = session.get(Work, work_id)
            if subscription is None or found is None:
                return not_found()
            titles = list_watches(session, name=subscription.name)
            if not titles:  # no watch list: the calendar follows everything, and stays so
                return refused("This calendar follows everything; it has no watch list.")
            if verb == "watch":
                add_watches(session, name=subscription.name, titles=[found.title], now=rt.clock())
            elif all(work == work_id for _, work in titles):
                # an empty list would mean "everything": a calendar must not flood by a click
                return refused(
                    "That is the last title on this watch list. Without any, the calendar would "
                    "follow everything: remove the subscription instead, or watch another first."
                )
            else:
                unwatch_work(session, name=subscription.name, work_id=work_id)
        return RedirectResponse(f"/s/{token}", status_code=303, headers=SECURITY_HEADERS)

    def one_release(request: Request) -> Response:
        """GET /s/TOKEN/release/ID.ics: one event, for a calendar without subscribing."""
        token, wanted = request.path_params["token"], request.path_params["release"]
        with rt.session() as session:
            subscription = subscriptions.by_token(session, token)
            release_id = _row_id(wanted)
            if subscription is None or release_id is None:
                return not_found()
            rows = [
                r
                for r in feed_releases(
                    session,
                    subscription,
                    FeedParams(),
                    today=rt.clock().date(),
                    past_days=rt.settings.feed_past_days,
                    ignore_watch_list=True,
                )
                if r.id == release_id
            ]
            if not rows:
                return not_found()
            built = build_one(
                session,
                subscription,
                rows,
                refresh=refresh,
                page_url=f"{rt.settings.base_url}/s/{token}",
                events=events,
            )
        return feed_response(request, built, "text/calendar", f"release-{wanted}.ics")

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
        Route("/s/{token}/{verb:str}", watching, methods=["POST"]),
        Route("/s/{token}/release/{release}.ics", one_release, methods=["GET", "HEAD"]),
        Route("/static/page.css", stylesheet, methods=["GET", "HEAD"]),
        Route("/static/page.js", script, methods=["GET", "HEAD"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(GZipMiddleware, minimum_size=512)])
    weakref.finalize(app, versions.close)
    return app


def _row_id(text: str) -> int | None:
    """The row id a URL or a form gives, or None unless it is one: ASCII digits up to MAX_ID.

    ``str.isdigit`` alone lets "\u00b2" through to ``int``, which refuses it.
    """
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ID)):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None
