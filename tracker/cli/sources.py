"""`tracker sources …`: the feeds, pages and folders the tracker polls."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import ready
from tracker.cli.options import duration_option
from tracker.cli.output import JsonFlag, err, is_terminal, show_json, show_table
from tracker.core.durations import format_duration, parse_duration
from tracker.core.states import SourceKind
from tracker.errors import InputError, SourceError
from tracker.names import MAX_ID

if TYPE_CHECKING:
    from tracker.ingest.poll import Poller, PollOutcome
    from tracker.ingest.readers import SourceSnapshot
    from tracker.runtime import Runtime

# Services are imported inside the commands, so `tracker --help` and `tracker parse` start fast.

app = typer.Typer(help="Add, list, remove and poll sources.", no_args_is_help=True)


@app.command()
def add(
    ctx: typer.Context,
    location: Annotated[str, typer.Argument(help="Feed or page URL, or a local file or folder.")],
    kind: Annotated[
        SourceKind | None, typer.Option(help="What it is; guessed when left out.")
    ] = None,
    interval: Annotated[
        str | None, typer.Option(help="How often to poll it, e.g. 30m, 1h, 1d.")
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="A name to show; the URL's host by default.")
    ] = None,
) -> None:
    """Add a source to poll, e.g. `tracker sources add https://example.com/feed.xml --interval 1h`.

    A new source is due at once: `tracker sources poll --once` reads it.
    """
    from tracker.ingest import sources as service

    rt = ready(ctx)
    every = duration_option(interval) or parse_duration(rt.settings.default_interval)
    with rt.write_session() as session:
        source = service.add_source(
            session, location=location, kind=kind, interval=every, name=name, now=rt.clock()
        )
        print(
            f"added source {source.id}: {source.name} ({source.kind}, every "
            f"{format_duration(every)})"
        )


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: JsonFlag = False,
) -> None:
    """List sources and their state, e.g. `tracker sources list --json`."""
    from tracker.ingest import sources as service

    rt = ready(ctx)
    with rt.session() as session:
        rows = service.list_sources(session)
        records = [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "location": s.location,
                "interval": format_duration(timedelta(seconds=s.interval_seconds)),
                "enabled": s.enabled,
                "last_success": s.last_success_at,
                "last_checked": s.last_checked_at,
                "next_check": s.next_check_at,
                "failures": s.failures,
                "last_error": s.last_error,
            }
            for s in rows
        ]
    if as_json:
        show_json(records)
        return
    if not records:
        err("no sources yet: add one with `tracker sources add URL|PATH`")
        return
    zone = rt.settings.zone
    show_table(
        "Sources",
        ["id", "name", "kind", "every", "last success", "next check", "failures", "last error"],
        [
            [
                r["id"],
                r["name"],
                r["kind"],
                r["interval"],
                _when(r["last_success"], zone),
                _when(r["next_check"], zone),
                r["failures"],
                r["last_error"] or "",
            ]
            for r in records
        ],
    )


def _when(value: object, zone: tzinfo) -> str:
    if not isinstance(value, datetime):
        return "never"
    return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")


@app.command()
def remove(
    ctx: typer.Context,
    source_id: Annotated[
        int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="The source's id.")
    ],
) -> None:
    """Stop polling a source; what it gave stays, e.g. `tracker sources remove 3`."""
    from tracker.ingest import sources as service

    rt = ready(ctx)
    with rt.write_session() as session:
        source = service.remove_source(session, source_id=source_id)
    print(f"removed source {source_id}: {source.name}")


@app.command()
def poll(
    ctx: typer.Context,
    once: Annotated[bool, typer.Option("--once", help="Poll what is due, then return.")] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="Poll every source now, due or not.")
    ] = False,
    source: Annotated[
        int | None, typer.Option("--source", min=1, max=MAX_ID, help="Poll only this source.")
    ] = None,
) -> None:
    """Poll sources and ingest what they say, e.g. `tracker sources poll --once`.

    Without --once (or --all, --source) it keeps polling as sources fall due, until Ctrl-C.
    Exits 6 when a source failed (the others are still polled; see `tracker sources list`).
    """
    from tracker.ingest.poll import claim_due, make_poller, release_leases

    rt = ready(ctx)
    single_pass = once or everything or source is not None
    failed = 0
    with rt.fetcher() as fetcher:
        poller = make_poller(rt, fetcher)
        try:
            while True:
                claimed = claim_due(rt, owner=rt.owner, everything=everything, only=source)
                if source is not None and not claimed:
                    raise InputError(
                        f"source {source} does not exist or is being polled by another process"
                    )
                failed += _poll_with_progress(rt, poller, claimed)
                if single_pass:
                    break
                time.sleep(5)
        except KeyboardInterrupt:
            release_leases(rt, owner=rt.owner)
            raise
    from tracker.alerts.service import send_due

    report = send_due(rt)  # the alerts this poll caused, and any others due
    if report.sent or report.retrying or report.failed:
        print(f"alerts: sent {report.sent}, will retry {report.retrying}, failed {report.failed}")
    if failed:
        raise SourceError(f"{failed} source(s) failed: see `tracker sources list`")


def _poll_with_progress(rt: Runtime, poller: Poller, sources: list[SourceSnapshot]) -> int:
    if not sources:
        err("no source is due")
        return 0
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    outcomes: list[PollOutcome] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        disable=not is_terminal(),
        transient=True,
    ) as bar:
        task = bar.add_task("polling", total=len(sources))

        def advance(outcome: PollOutcome) -> None:
            outcomes.append(outcome)
            bar.advance(task)

        poller.run(sources, workers=rt.settings.fetch_workers, progress=advance)
    for o in sorted(outcomes, key=lambda o: o.source_id):
        if o.ok:
            state = (
                "not modified"
                if o.not_modified
                else (f"{o.new_articles} new article(s), {o.changes} date change(s)")
            )
            print(f"source {o.source_id} {o.name}: {state}")
            for problem in o.problems:
                err(f"  warning: {problem}")
        else:
            print(f"source {o.source_id} {o.name}: FAILED: {o.error}")
    return sum(not o.ok for o in outcomes)
