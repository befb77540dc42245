"""What the subscription page lists: the feed's releases, recent changes marked, tba apart."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sqlmodel import Session, col, select

from tracker.calendar.feeds import FeedParams, feed_releases
from tracker.core.release_date import ReleaseDate
from tracker.db.models import DateChange, Subscription
from tracker.extract.records import Precision
from tracker.web.page import PageRow

RECENT = timedelta(days=14)
"""A change this recent is marked on the page."""


def page_rows(
    session: Session, subscription: Subscription, *, now: datetime, zone: tzinfo
) -> tuple[list[PageRow], list[PageRow]]:
    """Dated releases still to come, soonest first, and those with no date yet."""
    today = now.astimezone(zone).date()
    rows = feed_releases(
        session, subscription, FeedParams(), today=today, past_days=0, include_tba=True
    )
    ids = [r.id for r in rows]
    latest: dict[int, DateChange] = {}
    if ids:
        for change in session.exec(
            select(DateChange)
            .where(col(DateChange.release_id).in_(ids))
            .where(col(DateChange.recorded_at) >= now - RECENT)
            .order_by(col(DateChange.id))
        ):
            latest[change.release_id] = change
    dated: list[PageRow] = []
    tba: list[PageRow] = []
    for release in rows:
        when = release.date
        recent = latest.get(release.id)
        kind = release.kind.replace("_", " ")
        if release.season:  # "season 2 premiere", not "season 2 season premiere"
            kind = f"season {release.season} {kind.removeprefix('season ')}"
        detail = (
            kind
            + (f" on {release.platform}" if release.platform else "")
            + f" \u00b7 {release.status}"
        )
        row = PageRow(
            when=_when(when),
            day=release.window_start,
            title=release.title,
            detail=detail,
            coarse=when.precision is not Precision.DAY,
            change=recent.change if recent else None,
            previous=ReleaseDate.parse(recent.old_value).label()
            if recent and recent.old_value
            else None,
            sources=release.sources,
            disputed=release.disputed,
            dispute=" vs ".join(
                f"{ReleaseDate.parse(s['date']).label()} ({', '.join(s['sites'])})"
                for s in release.support
            ),
        )
        (tba if when.is_tba else dated).append(row)
    dated.sort(key=lambda r: (r.day is None, r.day, r.title))
    return dated, sorted(tba, key=lambda r: r.title)


def _when(when: ReleaseDate) -> str:
    window = when.window
    if when.precision is Precision.DAY and window is not None:
        return f"{window[0]:%a %d %b %Y}"
    return when.label()
