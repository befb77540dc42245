"""A subscription's feed: which releases, rendered, with its ETag and Last-Modified."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, func, or_
from sqlmodel import Session, col, select

from tracker.calendar.render import Coarse, FeedItem, FeedOptions, HistoryLine, render_feed
from tracker.core.release_date import ReleaseDate
from tracker.core.states import ReleaseStatus
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
            if not days_values[-1].isdigit() or not 0 < int(days_values[-1]) <= 3650:
                raise InputError("days must be a whole number from 1 to 3650")
            days = int(days_values[-1])
        platforms = tuple(v.strip() for k, v in pairs if k == "platform" and v.strip())
        return cls(kinds=kinds, platforms=platforms, days=days)


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    """A rendered feed and what HTTP needs to know of it."""

    body: bytes
    etag: str
    last_modified: datetime


def feed_releases(
    session: Session,
    subscription: Subscription,
    params: FeedParams,
    *,
    today: date,
    past_days: int,
    include_tba: bool = False,
) -> list[tuple[Release, Work]]:
    """The releases a subscription's feed shows (sorted by release id)."""
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
        select(Release, Work)
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
            lowered = [p.casefold() for p in platforms]
            query = query.where(col(Release.platform).is_not(None)).where(
                func.lower(col(Release.platform)).in_(lowered)
            )
    rows = session.exec(query.order_by(col(Release.id))).all()
    if _has_watches(session, subscription):  # a watch list: only the works it names
        watched = watched_work_ids(session, name=subscription.name)
        rows = [(r, w) for r, w in rows if r.work_id in watched]
    return list(rows)


def _has_watches(session: Session, subscription: Subscription) -> bool:
    return (
        session.exec(
            select(Watch.id).where(Watch.subscription_id == subscription.id).limit(1)
        ).first()
        is not None
    )


def feed_items(session: Session, rows: list[tuple[Release, Work]]) -> list[FeedItem]:
    """Releases with their history and evidence, in two queries for all of them."""
    ids = [r.id for r, _ in rows if r.id is not None]
    history: dict[int, list[HistoryLine]] = defaultdict(list)
    evidence: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for change in session.exec(
            select(DateChange)
            .where(col(DateChange.release_id).in_(chunk))
            .order_by(col(DateChange.id))
        ):
            history[change.release_id].append(
                HistoryLine(
                    change=change.change,
                    old=change.old_value,
                    new=change.new_value,
                    recorded_at=change.recorded_at,
                )
            )
        for sighting, url in session.exec(
            select(Sighting, Article.url)
            .join(Article, col(Article.id) == col(Sighting.article_id))
            .where(col(Sighting.release_id).in_(chunk))
            .order_by(col(Article.published_at).desc(), col(Sighting.id).desc())
        ):
            evidence[sighting.release_id].append((sighting.evidence, url))
    return [
        FeedItem(
            release_id=r.id or 0,
            title=w.title,
            season=r.season or None,
            kind=r.kind,
            date=ReleaseDate(value=r.date_value, precision=Precision(r.precision)),
            platform=r.platform,
            status=r.status,
            sequence=r.sequence,
            changed_at=r.updated_at,
            history=tuple(history[r.id or 0]),
            evidence=tuple(evidence[r.id or 0]),
            confidence=r.confidence,
            sources=r.sources,
            disputed=r.disputed,
            support=tuple((s["date"], tuple(s["sites"])) for s in r.support),
        )
        for r, w in rows
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
) -> Feed:
    """Render a subscription's feed; the same data gives the same bytes and ETag."""
    rows = feed_releases(session, subscription, params, today=today, past_days=past_days)
    items = feed_items(session, rows)
    options = FeedOptions(
        name=f"tracker: {subscription.name}",
        coarse=Coarse(subscription.coarse),
        alarm=timedelta(minutes=subscription.alarm_minutes) if subscription.alarm_minutes else None,
        refresh=refresh,
        page_url=page_url,
    )
    body = render_feed(items, options)
    last = max((i.changed_at for i in items), default=subscription.created_at)
    if subscription.token_rotated_at and subscription.token_rotated_at > last:
        last = subscription.token_rotated_at
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return Feed(body=body, etag=etag, last_modified=last)
