"""`tracker daemon` and `tracker status`: running unattended, and how it is doing."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import ready, runtime
from tracker.cli.output import JsonFlag

if TYPE_CHECKING:
    from tracker.runtime import Runtime


def register(app: typer.Typer) -> None:
    """Add `tracker daemon` and `tracker status` to the root command."""
    app.command()(daemon)
    app.command()(status)


def daemon(
    ctx: typer.Context,
    serve: Annotated[bool, typer.Option("--serve", help="Also serve feeds and pages.")] = False,
    host: Annotated[
        str | None, typer.Option(help="Address to serve on (TRACKER_SERVE_HOST).")
    ] = None,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to serve on.")] = 8080,
    demo: Annotated[
        bool, typer.Option("--demo", help="Follow the sample articles that ship with tracker.")
    ] = False,
) -> None:
    """Poll sources, send alerts and keep house until stopped, e.g. `tracker daemon --serve`.

    Upgrades the database first. SIGTERM or Ctrl-C finishes the work in hand and exits 0;
    a second one exits at once.
    """
    from tracker.daemon.run import run_daemon
    from tracker.db import migrate
    from tracker.logs import configure_logging

    rt = runtime(ctx)
    configure_logging(rt.settings)
    migrate.upgrade(rt.engine)
    chosen_host = host or rt.settings.serve_host
    if serve:
        rt.serving_at(chosen_host, port)
    if demo:
        _set_up_demo(rt, serve=serve)
    raise typer.Exit(run_daemon(rt, serve=serve, host=chosen_host, port=port))


def _set_up_demo(rt: Runtime, *, serve: bool) -> None:
    from datetime import timedelta

    from sqlmodel import select

    from tracker.calendar import subscriptions
    from tracker.calendar.subscriptions import SubscriptionSpec
    from tracker.core.states import SourceKind
    from tracker.db.models import Source, Subscription
    from tracker.demo import ARTICLES
    from tracker.ingest.sources import add_source

    with rt.write_session() as session:
        if session.exec(select(Source).where(Source.location == str(ARTICLES))).first() is None:
            add_source(
                session,
                location=str(ARTICLES),
                kind=SourceKind.DIR,
                interval=timedelta(hours=1),
                name="demo articles",
                now=rt.clock(),
            )
    with rt.write_session() as session:
        demo = session.exec(select(Subscription).where(Subscription.name == "demo")).first()
        if demo is None:
            token = subscriptions.add(
                session, SubscriptionSpec(name="demo"), secret=rt.secret, now=rt.clock()
            )
        else:
            token = subscriptions.ensure_token(session, demo, secret=rt.secret, now=rt.clock())
    base = rt.settings.base_url
    print("demo: following the sample articles that ship with tracker")
    if serve:
        print(f"demo: page {base}/s/{token}")
        print(f"demo: feed {base}/feeds/{token}.ics")


def status(
    ctx: typer.Context,
    as_json: JsonFlag = False,
) -> None:
    """Show how the tracker is doing: jobs, sources in error, alerts, e.g. `tracker status`."""
    from tracker.daemon.health import status as report

    rt = ready(ctx)
    state = report(rt)
    if as_json:
        print(json.dumps(state, indent=2))
        return
    print(f"schema: {state['schema']}")
    daemons = state["daemons"] or {}
    if not daemons:
        print("daemons: none running (start one with `tracker daemon`)")
    for owner, ticks in daemons.items():
        shown = ", ".join(f"{job} {at[:19]}" for job, at in sorted(ticks.items()))
        print(f"daemon {owner}: {shown or 'starting'}")
    print(f"alerts waiting: {state['alerts_waiting']}, failed: {state['alerts_failed']}")
    for source in state["sources_in_error"]:
        print(f"source {source['id']} {source['name']}: {source['last_error']}")
