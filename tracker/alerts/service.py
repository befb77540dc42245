"""Alert services the CLI and the daemon call: reminders, sending, channels."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from tracker.alerts import outbox
from tracker.alerts.compose import AlertFacts, compose
from tracker.alerts.relay import RelayReport, Sender, deliver_due
from tracker.alerts.sender import SendResult, check_channel_url, masked, send
from tracker.core.alert_rules import AlertEvent, reminders_due
from tracker.db.models import Channel, Subscription
from tracker.errors import InputError, NotFoundError
from tracker.queries.watch import subscription as get_or_default
from tracker.runtime import Runtime

MAX_RUNS = 50
"""A send run stops after this many batches, so one run is bounded."""


def enqueue_reminders(rt: Runtime) -> int:
    """Write today's reminders and release-day alerts (each once). Commits."""
    today = rt.clock().astimezone(rt.settings.zone).date()
    with rt.write_session() as session:
        offsets = {0}
        for days in session.exec(select(Subscription.reminder_days)):
            offsets |= {d for d in days if isinstance(d, int)}
        horizon = today + timedelta(days=max(offsets))
        releases = outbox.day_precise_between(session, today, horizon)
        added = outbox.enqueue_reminders(
            session, reminders_due(releases, offsets, today=today), now=rt.clock()
        )
        session.commit()
    return added


def send_due(rt: Runtime, *, sender: Sender | None = None) -> RelayReport:
    """Reminders due today, then every alert due now, until none is left (bounded)."""
    enqueue_reminders(rt)
    total = RelayReport()
    for _ in range(MAX_RUNS):
        report = deliver_due(rt, owner=rt.owner, sender=sender)
        total = RelayReport(
            sent=total.sent + report.sent,
            retrying=total.retrying + report.retrying,
            failed=total.failed + report.failed,
        )
        if report.sent + report.retrying + report.failed == 0:
            break
    return total


def add_channel(
    session: Session, *, subscription: str, url: str, name: str | None, now: datetime
) -> Channel:
    """Add an Apprise URL to a subscription (the default one is made on first use). Commits."""
    problem = check_channel_url(url)
    if problem is not None:
        raise InputError(problem)
    owner = get_or_default(session, subscription, now=now)
    assert owner.id is not None
    taken = {
        c.name for c in session.exec(select(Channel).where(Channel.subscription_id == owner.id))
    }
    chosen = name or _free_name(url.split(":", 1)[0].lower() or "channel", taken)
    if chosen in taken:
        raise InputError(f"{subscription!r} has a channel named {chosen!r} already")
    channel = Channel(subscription_id=owner.id, name=chosen, url=url, created_at=now)
    session.add(channel)
    session.commit()
    session.refresh(channel)
    return channel


def _free_name(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def find_channels(session: Session, name: str, subscription: str | None) -> list[Channel]:
    """Channels called `name` (in one subscription when given)."""
    query = select(Channel).where(Channel.name == name)
    if subscription is not None:
        query = query.join(Subscription, col(Subscription.id) == col(Channel.subscription_id))
        query = query.where(Subscription.name == subscription)
    found = list(session.exec(query))
    if not found:
        raise NotFoundError(f"no channel named {name!r} (see `tracker channels list`)")
    return found


def try_channels(rt: Runtime, channels: list[Channel]) -> list[tuple[str, SendResult]]:
    """Send a test message through each channel; the masked URL and the result of each."""
    message = compose(
        AlertFacts(event=AlertEvent.TEST, title="", season=None, kind="other", new="tba")
    )
    return [
        (
            masked(c.url),
            send(
                c.url,
                message,
                timeout=rt.settings.alert_timeout,
                allow_private=rt.settings.allow_private_channels,
            ),
        )
        for c in channels
    ]
