"""The relay: claim due alerts by lease, send them, record each result. Never loses one.

Claiming commits a lease before anything is sent; the result is recorded in a second
transaction. A crash between the two leaves the lease to expire, after which the alert is sent
again: duplicates can happen only for alerts in flight at the crash, and nothing is lost.
Transient failures retry with exponential backoff and jitter, up to a limit; permanent ones
stop at once with their reason.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_
from sqlmodel import col, select

from tracker.alerts.compose import AlertFacts, Message, compose, digest
from tracker.alerts.sender import SendResult, send
from tracker.core.durations import parse_duration
from tracker.core.states import DeliveryStatus
from tracker.db.models import Channel, Delivery, Subscription
from tracker.errors import NotFoundError
from tracker.runtime import Runtime

Sender = Callable[[str, Message], SendResult]


@dataclass(frozen=True, slots=True, kw_only=True)
class Claimed:
    """A leased batch for one channel (one alert, or a digest of several)."""

    delivery_ids: tuple[int, ...]
    channel_url: str
    facts: tuple[AlertFacts, ...]
    digest: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class RelayReport:
    """What one run of the relay did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0


def claim_due(rt: Runtime, *, owner: str, limit: int = 100) -> list[Claimed]:
    """Lease the alerts due now, grouped per channel for digest subscriptions."""
    now = rt.clock()
    until = now + timedelta(seconds=rt.settings.alert_lease_seconds)
    with rt.write_session() as session:
        query = (
            select(Delivery)
            .where(Delivery.status == DeliveryStatus.PENDING.value)
            .where(col(Delivery.next_attempt_at) <= now)
            .where(or_(col(Delivery.lease_until).is_(None), col(Delivery.lease_until) < now))
            .order_by(col(Delivery.next_attempt_at), col(Delivery.id))
            .limit(limit)
        )
        rows = session.exec(query.with_for_update(skip_locked=True)).all()
        for row in rows:
            row.lease_owner, row.lease_until = owner, until
            session.add(row)
        channel_ids = {r.channel_id for r in rows}
        channels = {
            c.id: c for c in session.exec(select(Channel).where(col(Channel.id).in_(channel_ids)))
        }
        digests = {
            s.id
            for s in session.exec(
                select(Subscription).where(
                    col(Subscription.id).in_({c.subscription_id for c in channels.values()}),
                    col(Subscription.digest).is_(True),
                )
            )
        }
        batches = _batches(list(rows), channels, digests)
        session.commit()
    return batches


def _batches(
    rows: list[Delivery], channels: dict[int | None, Channel], digests: set[int | None]
) -> list[Claimed]:
    grouped: dict[int, list[Delivery]] = {}
    singles: list[Claimed] = []
    for row in rows:
        channel = channels[row.channel_id]
        facts = AlertFacts.from_payload(row.payload)
        if channel.subscription_id in digests:
            grouped.setdefault(row.channel_id, []).append(row)
        else:
            singles.append(
                Claimed(
                    delivery_ids=(row.id or 0,),
                    channel_url=channel.url,
                    facts=(facts,),
                    digest=False,
                )
            )
    for channel_id, group in grouped.items():
        singles.append(
            Claimed(
                delivery_ids=tuple(r.id or 0 for r in group),
                channel_url=channels[channel_id].url,
                facts=tuple(AlertFacts.from_payload(r.payload) for r in group),
                digest=True,
            )
        )
    return singles


def deliver_due(
    rt: Runtime, *, owner: str, sender: Sender | None = None, limit: int = 100
) -> RelayReport:
    """Send what is due now, once; returns counts of deliveries by outcome."""
    chosen = sender or _apprise_sender(rt)
    sent = retrying = failed = 0
    for batch in claim_due(rt, owner=owner, limit=limit):
        message = digest(list(batch.facts)) if batch.digest else compose(batch.facts[0])
        result = chosen(batch.channel_url, message)
        outcome = record(rt, batch.delivery_ids, result, owner=owner)
        n = len(batch.delivery_ids)
        if outcome is DeliveryStatus.SENT:
            sent += n
        elif outcome is DeliveryStatus.FAILED:
            failed += n
        else:
            retrying += n
    return RelayReport(sent=sent, retrying=retrying, failed=failed)


def _apprise_sender(rt: Runtime) -> Sender:
    def sender(url: str, message: Message) -> SendResult:
        return send(
            url,
            message,
            timeout=rt.settings.alert_timeout,
            allow_private=rt.settings.allow_private_channels,
        )

    return sender


def retry_delay(attempts: int, *, base: timedelta, ceiling: timedelta, jitter: float) -> timedelta:
    """Exponential backoff with jitter: base, 2 base, 4 base, … up to the ceiling.

    >>> retry_delay(3, base=timedelta(seconds=30), ceiling=timedelta(hours=6), jitter=0.0)
    datetime.timedelta(seconds=120)
    """
    delay = min(base * (2 ** max(0, attempts - 1)), ceiling)
    return timedelta(seconds=delay.total_seconds() * (1 + jitter))


def record(rt: Runtime, ids: tuple[int, ...], result: SendResult, *, owner: str) -> DeliveryStatus:
    """Record a send's result for the deliveries this process still holds."""
    now = rt.clock()
    settings = rt.settings
    base, ceiling = (
        parse_duration(settings.alert_retry_base),
        parse_duration(settings.alert_retry_ceiling),
    )
    outcome = DeliveryStatus.PENDING
    with rt.write_session() as session:
        rows = session.exec(
            select(Delivery).where(col(Delivery.id).in_(ids)).with_for_update()
        ).all()
        for row in rows:
            if row.lease_owner != owner or row.status != DeliveryStatus.PENDING.value:
                continue  # our lease expired and someone else took it: theirs to record
            row.attempts += 1
            row.lease_owner = row.lease_until = None
            if result.ok:
                row.status, row.sent_at, row.last_error = DeliveryStatus.SENT.value, now, None
                outcome = DeliveryStatus.SENT
            elif result.permanent or row.attempts >= settings.alert_max_attempts:
                row.status, row.last_error = DeliveryStatus.FAILED.value, result.error
                outcome = DeliveryStatus.FAILED
            else:
                row.last_error = result.error
                row.next_attempt_at = now + retry_delay(
                    row.attempts, base=base, ceiling=ceiling, jitter=random.uniform(0, 0.25)
                )
            session.add(row)
        session.commit()
    return outcome


def retry(rt: Runtime, delivery_id: int) -> Delivery:
    """Put a failed (or waiting) alert back in line, due now. Commits."""
    with rt.write_session() as session:
        row = session.get(Delivery, delivery_id)
        if row is None:
            raise NotFoundError(f"no alert with id {delivery_id} (see `tracker alerts list`)")
        row.status, row.next_attempt_at = DeliveryStatus.PENDING.value, rt.clock()
        row.lease_owner = row.lease_until = None
        row.attempts = 0
        session.add(row)
        session.commit()
        session.refresh(row)
        return row
