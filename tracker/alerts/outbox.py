"""The outbox: alerts written in the same transaction as the change that causes them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from tracker.alerts.compose import AlertFacts
from tracker.core.alert_rules import (
    AlertEvent,
    Reminder,
    change_key,
    event_for,
    first_date_key,
    reminder_key,
)
from tracker.core.states import ChangeKind
from tracker.core.titles import base_key, similar
from tracker.db.models import Channel, Delivery, Release, Subscription, Watch, Work, WorkAlias
from tracker.extract.records import Precision


@dataclass(frozen=True, slots=True, kw_only=True)
class Audience:
    """A subscription that may want alerts, with its enabled channels and watched keys."""

    subscription: Subscription
    channel_ids: tuple[int, ...]
    watch_keys: tuple[str, ...]


_ENABLED_CHANNELS = sa_select(col(Channel.id), col(Channel.subscription_id)).where(
    col(Channel.enabled).is_(True)
)
"""Built once: ingest asks it for every change it writes."""


def audiences(session: Session) -> list[Audience]:
    """Every subscription that has at least one enabled channel."""
    channels: dict[int, list[int]] = {}
    for channel_id, subscription_id in session.connection().execute(_ENABLED_CHANNELS):
        if channel_id is not None:
            channels.setdefault(subscription_id, []).append(channel_id)
    if not channels:
        return []
    watches: dict[int, list[str]] = {}
    for watch in session.exec(select(Watch).where(col(Watch.subscription_id).in_(channels))):
        watches.setdefault(watch.subscription_id, []).append(watch.key)
    subs = session.exec(select(Subscription).where(col(Subscription.id).in_(channels))).all()
    return [
        Audience(
            subscription=s,
            channel_ids=tuple(channels[s.id or 0]),
            watch_keys=tuple(watches.get(s.id or 0, ())),
        )
        for s in subs
    ]


def _work_keys(session: Session, work_id: int) -> set[str]:
    keys = set(session.exec(select(Work.key).where(Work.id == work_id)).all())
    keys |= set(session.exec(select(WorkAlias.key).where(WorkAlias.work_id == work_id)).all())
    return keys


def wants(audience: Audience, release: Release, work_keys: set[str], event: AlertEvent) -> bool:
    """Whether a subscription cares about this release (watch list, kinds, platforms)."""
    sub = audience.subscription
    if audience.watch_keys and not any(_matches(w, work_keys) for w in audience.watch_keys):
        return False
    if sub.kinds and release.kind not in sub.kinds:
        return False
    if sub.platforms and (release.platform or "").casefold() not in {
        p.casefold() for p in sub.platforms
    }:
        return False
    if event in (AlertEvent.POSTPONED, AlertEvent.CANCELLED):
        return True  # losing a date matters whatever precision it had
    return Precision(release.precision).rank <= Precision(sub.min_precision).rank


def _matches(watch_key: str, work_keys: set[str]) -> bool:
    if watch_key in work_keys or base_key(watch_key) in work_keys:
        return True
    return any(similar(watch_key, key) for key in work_keys)


def enqueue_change(
    session: Session,
    *,
    release: Release,
    title: str | Callable[[], str],
    change: ChangeKind | None,
    old: str | None,
    evidence: str | None,
    url: str | None,
    now: datetime,
) -> int:
    """Write the outbox rows a change (or a rise in support) deserves; returns how many.

    A subscription hears of a release first as `date_set`, once the date's confidence reaches
    the subscription's floor (once per date: the key names the date, not the revision). After
    that the release is established for it, and every move alerts at once, whatever the
    support. Never commits.
    """
    event = (
        event_for(change, new_is_tba=release.precision == Precision.TBA.value) if change else None
    )
    dated = release.precision != Precision.TBA.value
    assert release.id is not None
    people = audiences(session)
    if not people:
        return 0
    keys = _work_keys(session, release.work_id)
    alerted = set(
        session.exec(select(Delivery.channel_id).where(Delivery.release_id == release.id)).all()
    )
    moves: list[tuple[str, int]] = []
    firsts: list[tuple[str, int]] = []
    for audience in people:
        sub_id = audience.subscription.id or 0
        known = any(c in alerted for c in audience.channel_ids)
        if event is not None and event is not AlertEvent.DATE_SET and known:
            if wants(audience, release, keys, event):
                moves.extend(
                    (
                        change_key(
                            subscription_id=sub_id,
                            release_id=release.id,
                            event=event,
                            revision=release.revision,
                            channel_id=c,
                        ),
                        c,
                    )
                    for c in audience.channel_ids
                )
        elif (
            dated
            and (event is not None or not known)
            and release.confidence >= audience.subscription.min_confidence
            and wants(audience, release, keys, AlertEvent.DATE_SET)
        ):
            firsts.extend(
                (
                    first_date_key(
                        subscription_id=sub_id,
                        release_id=release.id,
                        date=release.date_value,
                        channel_id=c,
                    ),
                    c,
                )
                for c in audience.channel_ids
            )

    if not moves and not firsts:
        return 0
    named = title() if callable(title) else title

    def facts(about: AlertEvent, before: str | None) -> AlertFacts:
        return AlertFacts(
            event=about,
            title=named,
            season=release.season or None,
            kind=release.kind,
            new=release.date_value,
            old=before,
            platform=release.platform,
            evidence=evidence,
            url=url,
        )

    added = 0
    if moves and event is not None:
        added += _add(session, moves, release_id=release.id, facts=facts(event, old), now=now)
    if firsts:
        first = facts(AlertEvent.DATE_SET, None)
        added += _add(session, firsts, release_id=release.id, facts=first, now=now)
    return added


def _add(
    session: Session,
    rows: list[tuple[str, int]],
    *,
    release_id: int | None,
    facts: AlertFacts,
    now: datetime,
) -> int:
    if not rows:
        return 0
    existing = set(
        session.exec(
            select(Delivery.idempotency_key).where(
                col(Delivery.idempotency_key).in_([k for k, _ in rows])
            )
        ).all()
    )
    added = 0
    for key, channel_id in rows:
        if key in existing:
            continue
        session.add(
            Delivery(
                idempotency_key=key,
                channel_id=channel_id,
                release_id=release_id,
                event=str(facts.event),
                payload=facts.to_payload(),
                next_attempt_at=now,
                created_at=now,
            )
        )
        added += 1
    session.flush()
    return added


def enqueue_reminders(session: Session, reminders: Iterable[Reminder], *, now: datetime) -> int:
    """Write reminder and release-day alerts (idempotent per date and offset). Never commits."""
    total = 0
    people = audiences(session)
    for reminder in reminders:
        release = session.get(Release, reminder.release_id)
        if release is None:
            continue
        work = session.get(Work, release.work_id)
        keys = _work_keys(session, release.work_id)
        facts = AlertFacts(
            event=reminder.event,
            title=work.title if work else "?",
            season=release.season or None,
            kind=release.kind,
            new=release.date_value,
            platform=release.platform,
            days_before=reminder.days_before,
        )
        rows = [
            (
                reminder_key(
                    subscription_id=a.subscription.id or 0, reminder=reminder, channel_id=channel_id
                ),
                channel_id,
            )
            for a in people
            if _offered(a.subscription, reminder)
            and release.confidence >= a.subscription.min_confidence
            and wants(a, release, keys, reminder.event)
            for channel_id in a.channel_ids
        ]
        total += _add(session, rows, release_id=release.id, facts=facts, now=now)
    return total


def _offered(subscription: Subscription, reminder: Reminder) -> bool:
    """Release day always; reminders at the subscription's own offsets."""
    return reminder.days_before == 0 or reminder.days_before in subscription.reminder_days


def day_precise_between(session: Session, start: date, end: date) -> list[tuple[int, date]]:
    """Releases with a day-precise date in [start, end], still to come."""
    rows = session.exec(
        select(col(Release.id), col(Release.window_start))
        .where(Release.precision == Precision.DAY.value)
        .where(col(Release.window_start) >= start)
        .where(col(Release.window_start) <= end)
        .where(col(Release.status).in_(["announced", "delayed"]))
    ).all()
    return [(rid, day) for rid, day in rows if rid is not None and day is not None]
