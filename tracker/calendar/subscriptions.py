"""Subscriptions: a person's filters, feed token and alarm."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from tracker.calendar.coarse import Coarse
from tracker.calendar.event_titles import compile_template
from tracker.calendar.tokens import derive_token, new_salt, token_hash
from tracker.core.consensus import DEFAULT_MIN_CONFIDENCE
from tracker.db.models import Subscription, Watch
from tracker.errors import InputError, NotFoundError
from tracker.extract.records import Precision
from tracker.queries.watch import add_watches


@dataclass(frozen=True, slots=True, kw_only=True)
class SubscriptionSpec:
    """What `tracker subscriptions add` asks for."""

    name: str
    watch: Sequence[str] = ()
    kinds: Sequence[str] = ()
    platforms: Sequence[str] = ()
    min_precision: Precision = Precision.TBA
    coarse: Coarse = Coarse.START
    alarm: timedelta | None = None
    digest: bool = False
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    summary: str | None = None
    """An event title template (checked here, at `add`)."""


def get(session: Session, name: str) -> Subscription:
    """The subscription called `name`."""
    found = session.exec(select(Subscription).where(Subscription.name == name)).first()
    if found is None:
        raise NotFoundError(f"no subscription named {name!r} (see `tracker subscriptions list`)")
    return found


def add(session: Session, spec: SubscriptionSpec, *, secret: bytes, now: datetime) -> str:
    """Create a subscription with its own token. Commits. Returns the token."""
    name = spec.name.strip()
    if not name or len(name) > 100:
        raise InputError("a subscription name is 1 to 100 characters")
    if session.exec(select(Subscription.id).where(Subscription.name == name)).first():
        raise InputError(f"a subscription named {name!r} exists already")
    alarm = int(spec.alarm.total_seconds() // 60) if spec.alarm else None
    made = Subscription(
        name=name,
        kinds=list(spec.kinds),
        platforms=list(spec.platforms),
        min_precision=spec.min_precision.value,
        coarse=spec.coarse.value,
        alarm_minutes=alarm,
        digest=spec.digest,
        min_confidence=spec.min_confidence,
        summary=compile_template(spec.summary).text if spec.summary else None,
        created_at=now,
    )
    session.add(made)
    session.flush()
    token = _issue(made, secret, now)
    session.add(made)
    session.commit()
    if spec.watch:
        add_watches(session, name=name, titles=list(spec.watch), now=now)
    return token


def ensure_token(
    session: Session, subscription: Subscription, *, secret: bytes, now: datetime
) -> str:
    """The subscription's current token (issued now if it never had one). Commits if so."""
    if subscription.token_salt is None:
        token = _issue(subscription, secret, now)
        session.add(subscription)
        session.commit()
        return token
    assert subscription.id is not None
    return derive_token(secret, subscription_id=subscription.id, salt=subscription.token_salt)


def rotate(session: Session, name: str, *, secret: bytes, now: datetime) -> str:
    """A new token; the old one stops working at once. Commits."""
    subscription = get(session, name)
    token = _issue(subscription, secret, now)
    session.add(subscription)
    session.commit()
    return token


def _issue(subscription: Subscription, secret: bytes, now: datetime) -> str:
    assert subscription.id is not None
    subscription.token_salt = new_salt()
    token = derive_token(secret, subscription_id=subscription.id, salt=subscription.token_salt)
    subscription.token_hash = token_hash(token)
    subscription.token_rotated_at = now
    return token


def plausible_token(token: str) -> bool:
    """Whether a presented token could be one (the database is not asked about others)."""
    return 0 < len(token) <= 64


def by_token(session: Session, token: str) -> Subscription | None:
    """The subscription a presented token opens, or None."""
    if not plausible_token(token):
        return None
    digest = token_hash(token)
    return session.exec(select(Subscription).where(Subscription.token_hash == digest)).first()


def change(
    session: Session,
    name: str,
    *,
    min_confidence: float | None = None,
    summary: str | None = None,
) -> Subscription:
    """Change a subscription's confidence floor and/or its event titles (`""`: the default).

    A template is checked before anything is stored. Commits.
    """
    subscription = get(session, name)
    if min_confidence is not None:
        if not 0.0 <= min_confidence <= 1.0:
            raise InputError("a confidence floor is between 0 and 1")
        subscription.min_confidence = min_confidence
    if summary is not None:
        subscription.summary = compile_template(summary).text if summary.strip() else None
    session.add(subscription)
    session.commit()
    session.refresh(subscription)
    return subscription


def remove(session: Session, name: str) -> None:
    """Delete a subscription, its watch list and its channels. Commits."""
    session.delete(get(session, name))
    session.commit()


def listing(session: Session) -> list[tuple[Subscription, int]]:
    """Every subscription with the size of its watch list."""
    counts = dict(
        session.exec(
            select(Watch.subscription_id, func.count()).group_by(col(Watch.subscription_id))
        ).all()
    )
    subs = session.exec(select(Subscription).order_by(col(Subscription.name))).all()
    return [(sub, counts.get(sub.id or 0, 0)) for sub in subs]
