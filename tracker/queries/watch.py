"""Watch lists: the titles a subscription follows, matched to works by title identity."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, select

from tracker.core.titles import title_key
from tracker.db import repo
from tracker.db.models import Subscription, Watch
from tracker.errors import InputError, NotFoundError
from tracker.queries.watch_lists import list_watches, watched_work_ids

__all__ = [
    "DEFAULT_SUBSCRIPTION",
    "add_watches",
    "list_watches",
    "remove_watch",
    "subscription",
    "unwatch_work",
    "watched_work_ids",
]

DEFAULT_SUBSCRIPTION = "default"


def subscription(session: Session, name: str, *, now: datetime) -> Subscription:
    """The subscription called `name`; the default one is created on first use."""
    found = session.exec(select(Subscription).where(Subscription.name == name)).first()
    if found is not None:
        return found
    if name != DEFAULT_SUBSCRIPTION:
        raise NotFoundError(f"no subscription named {name!r}")
    made = Subscription(name=name, created_at=now)
    session.add(made)
    session.flush()
    return made


def add_watches(session: Session, *, name: str, titles: Sequence[str], now: datetime) -> list[str]:
    """Watch these titles (a title may name a work no article has mentioned yet). Commits.

    Returns the titles newly added (those already watched are skipped).
    """
    owner = subscription(session, name, now=now)
    assert owner.id is not None
    known = {w.key for w in session.exec(select(Watch).where(Watch.subscription_id == owner.id))}
    added = []
    for title in titles:
        cleaned = " ".join(title.split())
        key = title_key(cleaned)
        if not key:
            raise InputError(f"not a title: {title!r}")
        if key in known:
            continue
        session.add(Watch(subscription_id=owner.id, title=cleaned, key=key, created_at=now))
        known.add(key)
        added.append(cleaned)
    session.commit()
    return added


def remove_watch(session: Session, *, name: str, title: str) -> str:
    """Stop watching a title. Commits."""
    owner = session.exec(select(Subscription).where(Subscription.name == name)).first()
    key = title_key(title)
    watch = None
    if owner is not None:
        watch = session.exec(
            select(Watch).where(Watch.subscription_id == owner.id, Watch.key == key)
        ).first()
    if watch is None:
        raise NotFoundError(f"{title!r} is not on the watch list of {name!r}")
    session.delete(watch)
    session.commit()
    return watch.title


def unwatch_work(session: Session, *, name: str, work_id: int) -> list[str]:
    """Stop watching every title on the list that names this work. Commits.

    Returns the titles removed (none when the work was not watched).
    """
    owner = session.exec(select(Subscription).where(Subscription.name == name)).first()
    if owner is None:
        raise NotFoundError(f"no subscription named {name!r}")
    index = repo.title_index(session)
    removed = []
    for watch in session.exec(select(Watch).where(Watch.subscription_id == owner.id)):
        if index.find(watch.title) == work_id:
            session.delete(watch)
            removed.append(watch.title)
    session.commit()
    return removed
