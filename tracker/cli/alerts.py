"""`tracker channels …` and `tracker alerts …`: where alerts go, and what happened to them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli.context import ready
from tracker.cli.output import JsonFlag, err, show_json, show_table
from tracker.errors import InputError, SourceError
from tracker.names import MAX_ID

if TYPE_CHECKING:
    pass

channels_app = typer.Typer(
    help="Where a subscription's alerts go (Apprise URLs).", no_args_is_help=True
)
alerts_app = typer.Typer(help="Alerts: send what is due, list, retry.", no_args_is_help=True)
SubscriptionOption = Annotated[
    str | None, typer.Option("--subscription", help="The subscription the channel belongs to.")
]


@channels_app.command()
def add(
    ctx: typer.Context,
    subscription: Annotated[str, typer.Argument(help="Subscription (`default` always exists).")],
    url: Annotated[str, typer.Argument(help="An Apprise URL: mailto://…, ntfy://…, json://…")],
    name: Annotated[str | None, typer.Option(help="A name; the URL's scheme by default.")] = None,
) -> None:
    """Send a subscription's alerts somewhere, e.g. `tracker channels add default ntfy://host/topic`.

    Any Apprise URL works: e-mail, ntfy, Discord, Slack, Telegram, Matrix, webhooks, …
    """
    from tracker.alerts.sender import masked
    from tracker.alerts.service import add_channel

    rt = ready(ctx)
    with rt.write_session() as session:
        channel = add_channel(
            session, subscription=subscription, url=url, name=name, now=rt.clock()
        )
        print(f"added channel {channel.name} to {subscription}: {masked(channel.url)}")


@channels_app.command("list")
def list_(
    ctx: typer.Context,
    as_json: JsonFlag = False,
) -> None:
    """List channels with their secrets masked, e.g. `tracker channels list`."""
    from sqlmodel import col, select

    from tracker.alerts.sender import masked
    from tracker.db.models import Channel, Subscription

    rt = ready(ctx)
    with rt.session() as session:
        rows: list[dict[str, Any]] = [
            {"subscription": s.name, "name": c.name, "url": masked(c.url), "enabled": c.enabled}
            for c, s in session.exec(
                select(Channel, Subscription)
                .join(Subscription, col(Subscription.id) == col(Channel.subscription_id))
                .order_by(col(Subscription.name), col(Channel.name))
            )
        ]
    if as_json:
        show_json(rows)
    elif not rows:
        err("no channels yet: `tracker channels add default APPRISE_URL`")
    else:
        show_table(
            None,
            ["subscription", "name", "url", "enabled"],
            [[r["subscription"], r["name"], r["url"], r["enabled"]] for r in rows],
        )


@channels_app.command()
def remove(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The channel's name.")],
    subscription: SubscriptionOption = None,
) -> None:
    """Remove a channel, e.g. `tracker channels remove mailto`."""
    from tracker.alerts.service import find_channels

    rt = ready(ctx)
    with rt.write_session() as session:
        found = find_channels(session, name, subscription)
        if len(found) > 1:
            raise InputError(f"several subscriptions have a channel {name!r}: add --subscription")
        session.delete(found[0])
        session.commit()
    print(f"removed channel {name}")


@channels_app.command("test")
def send_test(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The channel's name.")],
    subscription: SubscriptionOption = None,
) -> None:
    """Send a test message and report the result, e.g. `tracker channels test mailto`."""
    from tracker.alerts.service import find_channels, try_channels

    rt = ready(ctx)
    with rt.session() as session:
        found = find_channels(session, name, subscription)
        session.expunge_all()
    results = try_channels(rt, found)
    for shown, result in results:
        print(f"{shown}: {'sent' if result.ok else 'FAILED: ' + (result.error or '')}")
    if not all(r.ok for _, r in results):
        raise SourceError("the test message was not delivered")


@alerts_app.command()
def send(ctx: typer.Context) -> None:
    """Send every alert that is due now (and today's reminders), e.g. `tracker alerts send`."""
    from tracker.alerts.service import send_due

    rt = ready(ctx)
    report = send_due(rt)
    print(f"sent {report.sent}, will retry {report.retrying}, failed {report.failed}")


@alerts_app.command("list")
def list_alerts(
    ctx: typer.Context,
    failed: Annotated[bool, typer.Option("--failed", help="Only alerts that gave up.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="At most this many, newest first.")] = 50,
    as_json: JsonFlag = False,
) -> None:
    """List alerts and their state, e.g. `tracker alerts list --failed`."""
    from sqlmodel import col, select

    from tracker.alerts.compose import AlertFacts, headline
    from tracker.db.models import Channel, Delivery

    rt = ready(ctx)
    with rt.session() as session:
        query = (
            select(Delivery, Channel.name)
            .join(Channel, col(Channel.id) == col(Delivery.channel_id))
            .order_by(col(Delivery.id).desc())
            .limit(limit)
        )
        if failed:
            query = query.where(Delivery.status == "failed")
        rows: list[dict[str, Any]] = [
            {
                "id": d.id,
                "channel": name,
                "event": d.event,
                "status": d.status,
                "attempts": d.attempts,
                "message": headline(AlertFacts.from_payload(d.payload)),
                "created_at": d.created_at.isoformat(),
                "sent_at": d.sent_at.isoformat() if d.sent_at else None,
                "last_error": d.last_error,
            }
            for d, name in session.exec(query)
        ]
    if as_json:
        show_json(rows)
    elif not rows:
        err("no failed alerts" if failed else "no alerts yet")
    else:
        show_table(
            None,
            ["id", "channel", "status", "tries", "message", "last error"],
            [
                [
                    r["id"],
                    r["channel"],
                    r["status"],
                    r["attempts"],
                    r["message"],
                    r["last_error"] or "",
                ]
                for r in rows
            ],
        )


@alerts_app.command()
def retry(
    ctx: typer.Context,
    delivery_id: Annotated[
        int, typer.Argument(metavar="ID", min=1, max=MAX_ID, help="The alert's id.")
    ],
) -> None:
    """Try a failed alert again now, e.g. `tracker alerts retry 12`."""
    from tracker.alerts.relay import retry as requeue

    rt = ready(ctx)
    requeue(rt, delivery_id)
    print(f"alert {delivery_id} is due again: `tracker alerts send` sends it")
