"""`tracker subscriptions …` and `tracker feed …`: calendars people subscribe to once."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.calendar.coarse import Coarse
from tracker.cli.context import ready
from tracker.cli.options import duration_option
from tracker.cli.output import JsonFlag, err, show_json, show_table
from tracker.core.consensus import DEFAULT_MIN_CONFIDENCE
from tracker.core.durations import format_duration, parse_duration
from tracker.errors import InputError
from tracker.extract.records import Kind, Precision

if TYPE_CHECKING:
    from tracker.runtime import Runtime

app = typer.Typer(help="Subscriptions: filters, watch lists and feed tokens.", no_args_is_help=True)
feed_app = typer.Typer(
    help="A subscription's calendar feed: its URL, a new token, a file.", no_args_is_help=True
)
NameArgument = Annotated[str, typer.Argument(help="The subscription's name.")]
MinConfidence = Annotated[
    float,
    typer.Option(
        min=0.0, max=1.0, help="Only dates at least this well supported, 0 to 1 (0: every date)."
    ),
]


def _urls(rt: Runtime, token: str) -> tuple[str, str]:
    from tracker.web.addresses import feed_url, webcal_url

    return feed_url(rt.settings.base_url, token), webcal_url(rt.settings.base_url, token)


def _changes_urls(rt: Runtime, token: str) -> tuple[str, str]:
    """The feed of changes, Atom and JSON Feed."""
    from tracker.web.addresses import changes_url

    base = rt.settings.base_url
    return changes_url(base, token), changes_url(base, token, as_json=True)


@app.command()
def add(
    ctx: typer.Context,
    name: NameArgument,
    watch: Annotated[list[str] | None, typer.Option(help="A title to watch (repeatable).")] = None,
    kind: Annotated[list[Kind] | None, typer.Option(help="Only this kind (repeatable).")] = None,
    platform: Annotated[
        list[str] | None, typer.Option(help="Only this platform (repeatable).")
    ] = None,
    min_precision: Annotated[
        Precision, typer.Option(help="Only dates at least this precise.")
    ] = Precision.TBA,
    coarse: Annotated[
        Coarse,
        typer.Option(
            help="Dates coarser than a day: on the first day, spanning the window, or left out."
        ),
    ] = Coarse.START,
    alarm: Annotated[str | None, typer.Option(help="A reminder this long before, e.g. 1d.")] = None,
    digest: Annotated[
        bool, typer.Option("--digest", help="Alerts as one message per run, not one each.")
    ] = False,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    summary: Annotated[
        str | None,
        typer.Option(
            help='Event titles, e.g. "{title}{ S{season}} ({platform})"; fields: '
            "{title} {season} {kind} {platform} {precision} {date} {label}."
        ),
    ] = None,
) -> None:
    """Create a subscription, print its feed URL, e.g. `tracker subscriptions add me --watch Loki`.

    Without --watch it follows everything (narrowed by --kind, --platform, --min-precision).
    A date enters the calendar, and its first alert is sent, once its confidence reaches
    --min-confidence (default 0.5: one sighting the extractor doubts stays out).
    """
    from tracker.calendar import subscriptions
    from tracker.calendar.subscriptions import SubscriptionSpec

    rt = ready(ctx)
    spec = SubscriptionSpec(
        name=name,
        watch=watch or (),
        kinds=[str(k) for k in kind or ()],
        platforms=platform or (),
        min_precision=min_precision,
        coarse=coarse,
        alarm=duration_option(alarm),
        digest=digest,
        min_confidence=min_confidence,
        summary=summary,
    )
    with rt.write_session() as session:
        token = subscriptions.add(session, spec, secret=rt.secret, now=rt.clock())
    http, webcal = _urls(rt, token)
    print(f"added subscription {name}")
    print(f"feed:    {http}")
    print(f"webcal:  {webcal}")
    print(f"page:    {rt.settings.base_url}/s/{token}")
    print("changes: {} (or {})".format(*_changes_urls(rt, token)))


@app.command("list")
def list_(
    ctx: typer.Context,
    as_json: JsonFlag = False,
) -> None:
    """List subscriptions (never their tokens), e.g. `tracker subscriptions list`."""
    from tracker.calendar import subscriptions

    rt = ready(ctx)
    with rt.session() as session:
        rows: list[dict[str, Any]] = [
            {
                "name": s.name,
                "watching": n,
                "kinds": s.kinds,
                "platforms": s.platforms,
                "min_precision": s.min_precision,
                "min_confidence": s.min_confidence,
                "summary": s.summary,
                "coarse": s.coarse,
                "alarm": format_duration(timedelta(minutes=s.alarm_minutes))
                if s.alarm_minutes
                else None,
            }
            for s, n in subscriptions.listing(session)
        ]
    if as_json:
        show_json(rows)
    elif not rows:
        err("no subscriptions yet: `tracker subscriptions add NAME`")
    else:
        show_table(
            None,
            [
                "name",
                "watching",
                "kinds",
                "platforms",
                "min precision",
                "min confidence",
                "coarse",
                "alarm",
            ],
            [
                [
                    r["name"],
                    r["watching"] or "everything",
                    ",".join(r["kinds"]) or "all",
                    ",".join(r["platforms"]) or "all",
                    r["min_precision"],
                    f"{r['min_confidence']:g}",
                    r["coarse"],
                    r["alarm"] or "",
                ]
                for r in rows
            ],
        )


@app.command()
def show(ctx: typer.Context, name: NameArgument) -> None:
    """Show a subscription's settings and watch list, e.g. `tracker subscriptions show me`."""
    from tracker.calendar import subscriptions
    from tracker.queries.watch import list_watches

    rt = ready(ctx)
    with rt.session() as session:
        sub = subscriptions.get(session, name)
        watched = list_watches(session, name=name)
        alarm = format_duration(timedelta(minutes=sub.alarm_minutes)) if sub.alarm_minutes else None
        for label, value in (
            ("name", sub.name),
            ("kinds", ", ".join(sub.kinds) or "all"),
            ("platforms", ", ".join(sub.platforms) or "all"),
            ("min precision", sub.min_precision),
            ("min confidence", f"{sub.min_confidence:g}"),
            ("event titles", sub.summary or "the default"),
            ("coarse dates", sub.coarse),
            ("alarm", alarm or "none"),
            ("watching", ", ".join(t for t, _ in watched) or "everything"),
        ):
            print(f"{label + ':':16}{value}")


@app.command("set")
def set_(
    ctx: typer.Context,
    name: NameArgument,
    min_confidence: Annotated[
        float | None,
        typer.Option(min=0.0, max=1.0, help="The new confidence floor, 0 to 1."),
    ] = None,
    summary: Annotated[
        str | None,
        typer.Option(help='New event titles, e.g. "{title} ({platform})"; "" for the default.'),
    ] = None,
) -> None:
    """Change a subscription's settings: `tracker subscriptions set me --min-confidence 0.8`."""
    from tracker.calendar import subscriptions

    if min_confidence is None and summary is None:
        raise InputError("nothing to change: give --min-confidence or --summary")
    rt = ready(ctx)
    with rt.write_session() as session:
        changed = subscriptions.change(
            session, name, min_confidence=min_confidence, summary=summary
        )
        floor, titles = changed.min_confidence, changed.summary
    print(f"{name}: min confidence {floor:g}, event titles {titles or 'the default'}")


@app.command()
def remove(ctx: typer.Context, name: NameArgument) -> None:
    """Delete a subscription; its feed URL stops working, e.g. `tracker subscriptions remove me`."""
    from tracker.calendar import subscriptions

    rt = ready(ctx)
    with rt.write_session() as session:
        subscriptions.remove(session, name)
    print(f"removed subscription {name}")


@feed_app.command()
def url(ctx: typer.Context, name: NameArgument) -> None:
    """Print a subscription's feed URLs (calendar, webcal, changes), e.g. `tracker feed url me`.

    The lines are: the calendar (https), the same for calendar apps (webcal), then the feed of
    changes as Atom and as JSON Feed.
    """
    from tracker.calendar import subscriptions

    rt = ready(ctx)
    with rt.write_session() as session:
        sub = subscriptions.get(session, name)
        token = subscriptions.ensure_token(session, sub, secret=rt.secret, now=rt.clock())
    http, webcal = _urls(rt, token)
    print(http)
    print(webcal)
    for address in _changes_urls(rt, token):
        print(address)


@feed_app.command()
def rotate(ctx: typer.Context, name: NameArgument) -> None:
    """Give a subscription a new feed URL, the old one dead at once: `tracker feed rotate me`."""
    from tracker.calendar import subscriptions

    rt = ready(ctx)
    with rt.write_session() as session:
        token = subscriptions.rotate(session, name, secret=rt.secret, now=rt.clock())
    http, webcal = _urls(rt, token)
    print(http)
    print(webcal)


@feed_app.command()
def export(
    ctx: typer.Context,
    name: NameArgument,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The .ics file to write; - for standard output.")
    ],
) -> None:
    """Write the feed the server would serve to a file, e.g. `tracker feed export me -o me.ics`."""
    from tracker.calendar import subscriptions
    from tracker.calendar.feeds import FeedParams, build_feed

    rt = ready(ctx)
    with rt.write_session() as session:
        sub = subscriptions.get(session, name)
        token = subscriptions.ensure_token(session, sub, secret=rt.secret, now=rt.clock())
    with rt.session() as session:
        sub = subscriptions.get(session, name)
        built = build_feed(
            session,
            sub,
            FeedParams(),
            today=rt.clock().date(),
            past_days=rt.settings.feed_past_days,
            refresh=parse_duration(rt.settings.feed_refresh),
            page_url=f"{rt.settings.base_url}/s/{token}",
        )
    if str(output) == "-":  # like `tracker ingest -`: a pipe, not a file named "-"
        sys.stdout.buffer.write(built.body)
        sys.stdout.flush()
        return
    try:
        output.write_bytes(built.body)
    except OSError as error:
        raise InputError(f"cannot write {output}: {error.strerror or error}") from None
    print(f"wrote {output} ({len(built.body)} bytes)")
