"""Rendered feeds kept in memory until the data they show changes.

A feed is rendered once per change of what it shows, not once per request: the cache key
holds a fingerprint of the data (the newest release change and sighting, the watch list, every
setting of the subscription) and the day, all read by one query. On SQLite a data version
(`PRAGMA data_version`) answers first: when nothing was committed since the feed was rendered,
the request touches no table at all. A conditional request that matches is answered from the
key alone. Each process keeps its own cache, so replicas on one PostgreSQL stay correct: they
compute the same fingerprint from the same rows.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from tracker.calendar.feeds import Feed
from tracker.calendar.lru import LRU
from tracker.db.models import Release, Sighting, Subscription, Watch


def _of_watch_list(aggregate: Any) -> Any:
    """A scalar subquery over the watch list of the subscription in the outer query."""
    return (
        select(aggregate)
        .where(col(Watch.subscription_id) == col(Subscription.id))
        .correlate(Subscription)
        .scalar_subquery()
    )


def subscription_and_fingerprint(
    session: Session, token_digest: str, today: date
) -> tuple[Subscription | None, Hashable]:
    """The subscription a token opens and what must stay the same for its feed to stay right.

    One query: the subscription row with the newest change of any release (indexed), the
    newest release and sighting ids, and the size and newest row of its watch list. Every
    setting of the subscription is in the key too, so a change made by the CLI or another
    process is seen at the next request.
    """
    row = session.execute(
        sa_select(
            Subscription,
            select(func.max(Release.updated_at)).scalar_subquery(),
            select(func.max(Release.id)).scalar_subquery(),
            select(func.max(Sighting.id)).scalar_subquery(),
            _of_watch_list(func.count(col(Watch.id))),
            _of_watch_list(func.max(Watch.id)),
        ).where(col(Subscription.token_hash) == token_digest)
    ).first()
    if row is None:
        return None, None
    subscription, *versions = row
    settings = subscription.model_dump(exclude={"created_at"})
    key = (tuple(sorted((k, repr(v)) for k, v in settings.items())), *versions, today)
    return subscription, key


class DataVersion:
    """A cheap question to the database: has anything been committed since I last asked?

    On SQLite, `PRAGMA data_version` on a connection of our own changes whenever any other
    connection, in this process or another (the CLI, a daemon), commits. It reads no table,
    so a feed request that finds its rendered feed under the current version touches nothing
    else. Other engines answer None, and feeds fall back to the one fingerprint query.
    """

    def __init__(self, engine: Engine) -> None:
        """Open the connection that asks (SQLite files only)."""
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        path = engine.url.database
        if engine.dialect.name == "sqlite" and path and path != ":memory:":
            self._connection = sqlite3.connect(path, check_same_thread=False)

    def current(self) -> int | None:
        """The version now, or None when this engine cannot say cheaply."""
        if self._connection is None:
            return None
        with self._lock:
            row = self._connection.execute("PRAGMA data_version").fetchone()
        return int(row[0])

    def close(self) -> None:
        """Close the connection."""
        if self._connection is not None:
            self._connection.close()


class FeedCache(LRU[Feed]):
    """Rendered feeds (and their gzip), by data fingerprint or data version."""

    def __init__(self, size: int = 256) -> None:
        """Keep at most `size` feeds."""
        super().__init__(size)

    def get_or_render(self, key: Hashable, render: Callable[[], Feed]) -> Feed:
        """The cached feed for `key`, rendering it on a miss."""
        return self.get_or_make(key, render)
