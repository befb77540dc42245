"""A subscription's feed: which releases, rendered, with its ETag and Last-Modified."""

from __future__ import annotations

import gzip
import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from tracker.calendar.event_titles import compile_template
from tracker.calendar.render import (
    Coarse,
    EventCache,
    FeedItem,
    FeedOptions,
    HistoryLine,
    render_feed,
)
from tracker.core.durations import MAX_DAYS_AHEAD
from tracker.core.release_date import ReleaseDate
from tracker.core.states import ReleaseStatus
from tracker.db import repo
from tracker.db.models import Article, DateChange, Release, Sighting, Subscription, Watch, Work
from tracker.errors import InputError
from tracker.extract.records import Kind, Precision
from tracker.queries.watch import watched_work_ids


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedParams:
    """Narrowing asked for in the feed URL: `?kind=premiere&platform=Netflix&days=60`."""

    kinds: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    days: int | None = None

    @classmethod
    def parse(cls, pairs: list[tuple[str, str]]) -> FeedParams:
        """Read query parameters; unknown kinds or a bad `days` are an `InputError`."""
        kinds = tuple(v for k, v in pairs if k == "kind")
        known = {k.value for k in Kind}
        if any(k not in known for k in kinds):
            raise InputError(f"kind must be one of {', '.join(sorted(known))}")
        days_values = [v for k, v in pairs if k == "days"]
        days = None
        if days_values:
            wanted = days_values[-1]
            if not (wanted.isascii() and wanted.isdigit()) or not 0 < int(wanted) <= MAX_DAYS_AHEAD:
                raise InputError(f"days must be a whole number from 1 to {MAX_DAYS_AHEAD}")
            days = int(wanted)
        platforms = tuple(v.strip() for k, v in pairs if k == "platform" and v.strip())
        return cls(kinds=kinds, platforms=platforms, days=days)


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    """A rendered feed and what HTTP needs to know of it."""

    body: bytes
    etag: str
    last_modified: datetime
    gzipped: bytes = b""
    """The body compressed once at render time, for clients that accept gzip."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ShownRelease:
    """A release as a feed or a page shows it: its columns and its work's title.

    Plain values, not ORM objects: a feed of ten thousand releases is read in one query
    without building and tracking ten thousand pairs of model instances.
    """

    id: int
    uid: str
    work_id: int
    title: str
    season: int
    kind: str
    date_value: str
    precision: str
    window_start: date | None
    platform: str | None
    status: str
    sequence: int
    updated_at: datetime
    confidence: float
    sources: int
    disputed: bool
    support: list[dict[str, Any]]

    @property
    def date(self) -> ReleaseDate:
        """The release's date at its precision."""
        return ReleaseDate.of(self.date_value, self.precision)


_SHOWN = tuple(
    col(c)
    for c in (
        Release.id,
        Release.uid,
        Release.work_id,
        Work.title,
        Release.season,
        Release.kind,
        Release.date_value,
        Release.precision,
        Release.window_start,
        Release.platform,
        Release.status,
        Release.sequence,
        Release.updated_at,
        Release.confidence,
        Release.sources,
        Release.disputed,
        Release.support,
    )
)


def feed_releases(
    session: Session,
    subscription: Subscription,
    params: FeedParams,
    *,
    today: date,
    past_days: int,
    include_tba: bool = False,
    ignore_watch_list: bool = False,
) -> list[ShownRelease]:
    """The releases a subscription's feed shows (sorted by release id).

    With `ignore_watch_list`, those its other filters allow, watched or not (the page offers
    them to watch).
    """
    allowed = [p.value for p in Precision if p.rank <= Precision(subscription.min_precision).rank]
    since = today - timedelta(days=past_days)
    shown = and_(col(Release.window_end) >= since, col(Release.status) != "cancelled")
    cancelled = and_(
        col(Release.status) == ReleaseStatus.CANCELLED.value,
        col(Release.updated_at) >= datetime.combine(since, datetime.min.time(), tzinfo=UTC),
    )
    visible = (
        or_(shown, cancelled, col(Release.precision) == "tba")
        if include_tba
        else or_(shown, cancelled)
    )
    query = (
        sa_select(*_SHOWN)
        .join(Work, col(Work.id) == col(Release.work_id))
        .where(visible)
        .where(col(Release.precision).in_(allowed))
    )
    if subscription.min_confidence > 0:  # a cancellation reaches the calendar whatever its support
        query = query.where(
            or_(
                col(Release.confidence) >= subscription.min_confidence,
                col(Release.status) == ReleaseStatus.CANCELLED.value,
            )
        )
    if params.days is not None:
        query = query.where(
            or_(
                col(Release.window_start) <= today + timedelta(days=params.days),
                col(Release.window_start).is_(None),
            )
        )
    for kinds in (subscription.kinds, params.kinds):
        if kinds:
            query = query.where(col(Release.kind).in_(list(kinds)))
    for platforms in (subscription.platforms, params.platforms):
        if platforms:
            query = query.where(repo.on_platforms(platforms))
    fields = ShownRelease.__dataclass_fields__
    rows = [
        ShownRelease(**dict(zip(fields, row, strict=True)))
        for row in session.execute(query.order_by(col(Release.id)))
    ]
    if not ignore_watch_list and has_watch_list(session, subscription):  # only what it names
        watched = watched_work_ids(session, name=subscription.name)
        rows = [r for r in rows if r.work_id in watched]
    return rows


def has_watch_list(session: Session, subscription: Subscription) -> bool:
    """Whether the subscription follows only the works of its watch list."""
    return (
        session.exec(
            select(Watch.id).where(Watch.subscription_id == subscription.id).limit(1)
        ).first()
        is not None
    )


def feed_items(session: Session, rows: list[ShownRelease]) -> list[FeedItem]:
    """Releases with their history and evidence, in two queries per 500 releases."""
    ids = [r.id for r in rows]
    history: dict[int, list[HistoryLine]] = defaultdict(list)
    evidence: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for release_id, change, old, new, recorded_at in session.execute(
            sa_select(
                col(DateChange.release_id),
                col(DateChange.change),
                col(DateChange.old_value),
                col(DateChange.new_value),
                col(DateChange.recorded_at),
            )
            .where(col(DateChange.release_id).in_(chunk))
            .order_by(col(DateChange.id))
        ):
            history[release_id].append(
                HistoryLine(change=change, old=old, new=new, recorded_at=recorded_at)
            )
        for release_id, sentence, url in session.execute(
            sa_select(col(Sighting.release_id), col(Sighting.evidence), col(Article.url))
            .join(Article, col(Article.id) == col(Sighting.article_id))
            .where(col(Sighting.release_id).in_(chunk))
            .order_by(col(Article.published_at).desc(), col(Sighting.id).desc())
        ):
            evidence[release_id].append((sentence, url))
    return [
        FeedItem(
            release_id=r.id,
            uid=r.uid,
            title=r.title,
            season=r.season or None,
            kind=r.kind,
            date=r.date,
            platform=r.platform,
            status=r.status,
            sequence=r.sequence,
            changed_at=r.updated_at,
            history=tuple(history[r.id]),
            evidence=tuple(evidence[r.id]),
            confidence=r.confidence,
            sources=r.sources,
            disputed=r.disputed,
            support=tuple((s["date"], tuple(s["sites"])) for s in r.support),
        )
        for r in rows
    ]


def build_feed(
    session: Session,
    subscription: Subscription,
    params: FeedParams,
    *,
    today: date,
    past_days: int,
    refresh: timedelta,
    page_url: str | None,
    events: EventCache | None = None,
) -> Feed:
    """Render a subscription's feed; the same data gives the same bytes and ETag.

    `events` keeps rendered events across calls (a server passes one for its lifetime).
    """
    rows = feed_releases(session, subscription, params, today=today, past_days=past_days)
    items = feed_items(session, rows)
    options = feed_options(subscription, f"tracker: {subscription.name}", refresh, page_url)
    body = render_feed(items, options, events=events)
    last = max((i.changed_at for i in items), default=subscription.created_at)
    if subscription.token_rotated_at and subscription.token_rotated_at > last:
        last = subscription.token_rotated_at
    return packaged(body, last)


def build_one(
    session: Session,
    subscription: Subscription,
    rows: list[ShownRelease],
    *,
    refresh: timedelta,
    page_url: str | None,
    events: EventCache | None = None,
) -> Feed:
    """A calendar of just these releases (one, for "add to calendar"), as the feed renders them."""
    items = feed_items(session, rows)
    name = f"tracker: {rows[0].title}" if len(rows) == 1 else f"tracker: {subscription.name}"
    options = feed_options(subscription, name, refresh, page_url)
    body = render_feed(items, options, events=events)
    return packaged(body, max((i.changed_at for i in items), default=subscription.created_at))


def feed_options(
    subscription: Subscription, name: str, refresh: timedelta, page_url: str | None
) -> FeedOptions:
    """How a subscription wants its events: placing, alarm, titles."""
    return FeedOptions(
        name=name,
        coarse=Coarse(subscription.coarse),
        alarm=timedelta(minutes=subscription.alarm_minutes) if subscription.alarm_minutes else None,
        refresh=refresh,
        page_url=page_url,
        summary=compile_template(subscription.summary) if subscription.summary else None,
    )


def packaged(body: bytes, last_modified: datetime) -> Feed:
    """A rendered body with what HTTP needs: its ETag, and its gzip made once."""
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    packed = gzip.compress(body, compresslevel=6, mtime=0)  # mtime 0: the same bytes every time
    return Feed(body=body, etag=etag, last_modified=last_modified, gzipped=packed)
