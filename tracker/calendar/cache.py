"""Rendered feeds kept in memory until the data they show changes.

A feed is rendered once per change of what it shows, not once per request: the cache key
holds a fingerprint of the data (the newest release change and sighting, the watch list, the
subscription's token) and the day, all read by one cheap query. A conditional request that
matches is answered from the key alone. Each process keeps its own cache, so replicas on one
PostgreSQL stay correct: they compute the same fingerprint from the same rows.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from tracker.calendar.feeds import Feed, FeedParams
from tracker.db.models import Release, Sighting, Subscription, Watch


def fingerprint(session: Session, subscription: Subscription, today: date) -> Hashable:
    """What must stay the same for a rendered feed to stay right."""
    releases = session.exec(select(func.count(), func.max(Release.updated_at))).one()
    sightings = session.exec(select(func.max(Sighting.id))).one()
    watches = session.exec(
        select(func.count(), func.max(Watch.id)).where(Watch.subscription_id == subscription.id)
    ).one()
    return (
        subscription.id,
        subscription.token_hash,
        tuple(releases),
        sightings,
        tuple(watches),
        today,
    )


class FeedCache:
    """A small thread-safe LRU of rendered feeds."""

    def __init__(self, size: int = 256) -> None:
        """Keep at most `size` feeds."""
        self._size = size
        self._feeds: OrderedDict[Hashable, Feed] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: tuple[Hashable, FeedParams], render: Callable[[], Feed]) -> Feed:
        """The cached feed for `key`, rendering it on a miss."""
        with self._lock:
            found = self._feeds.get(key)
            if found is not None:
                self._feeds.move_to_end(key)
                return found
        feed = render()
        with self._lock:
            self._feeds[key] = feed
            while len(self._feeds) > self._size:
                self._feeds.popitem(last=False)
        return feed
