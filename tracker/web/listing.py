"""What the subscription page shows.

The feed's releases (recent changes marked, tba apart), for a watch list the other releases
coming soon, and the month view's placings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from sqlmodel import Session, col, select

from tracker.calendar.feeds import FeedParams, ShownRelease, feed_releases, has_watch_list
from tracker.core.release_date import ReleaseDate
from tracker.db.models import DateChange, Subscription
from tracker.extract.records import Precision
from tracker.web.months import Placed
from tracker.web.page import PageRow

RECENT = timedelta(days=14)
"""A change this recent is marked on the page."""

ALSO_DAYS = 90
ALSO_MAX = 50
"""A watch list's page offers the releases of the next `ALSO_DAYS` days it does not watch."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PageData:
    """Everything the page lists."""

    dated: list[PageRow]
    tba: list[PageRow]
    also: list[PageRow] = field(default_factory=list)
    """For a watch list: releases coming soon that it does not watch."""
    placed: list[Placed] = field(default_factory=list)
    today: date


def page_data(
    session: Session, subscription: Subscription, *, now: datetime, zone: tzinfo
) -> PageData:
    """The page's lists, soonest first."""
    today = now.astimezone(zone).date()
    rows = feed_releases(
        session, subscription, FeedParams(), today=today, past_days=0, include_tba=True
    )
    listed = has_watch_list(session, subscription)
    others: list[ShownRelease] = []
    if listed:
        shown = {r.id for r in rows}
        others = [
            r
            for r in feed_releases(
                session,
                subscription,
                FeedParams(days=ALSO_DAYS),
                today=today,
                past_days=0,
                ignore_watch_list=True,
            )
            if r.id not in shown and r.status != "cancelled"
        ]
        others = sorted(others, key=lambda r: (r.window_start or today, r.title))[:ALSO_MAX]
    latest = _latest_changes(session, [r.id for r in rows], now=now)
    dated: list[PageRow] = []
    tba: list[PageRow] = []
    for release in rows:
        row = _row(release, latest.get(release.id), watched=True if listed else None)
        (tba if release.date.is_tba else dated).append(row)
    dated.sort(key=lambda r: (r.day is None, r.day, r.title))
    also = [_row(r, None, watched=False) for r in others]
    placed = [
        Placed(
            title=r.title + (f" S{r.season}" if r.season else ""),
            start=window[0],
            end=window[1],
            exact=r.date.precision is Precision.DAY,
            label=r.date.label(),
        )
        for r in rows
        if (window := r.date.window) is not None and r.status != "cancelled"
    ]
    return PageData(
        dated=dated,
        tba=sorted(tba, key=lambda r: r.title),
        also=also,
        placed=placed,
        today=today,
    )


def _latest_changes(session: Session, ids: list[int], *, now: datetime) -> dict[int, DateChange]:
    latest: dict[int, DateChange] = {}
    for start in range(0, len(ids), 500):
        for change in session.exec(
            select(DateChange)
            .where(col(DateChange.release_id).in_(ids[start : start + 500]))
            .where(col(DateChange.recorded_at) >= now - RECENT)
            .order_by(col(DateChange.id))
        ):
            latest[change.release_id] = change
    return latest


def _row(release: ShownRelease, recent: DateChange | None, *, watched: bool | None) -> PageRow:
    when = release.date
    kind = release.kind.replace("_", " ")
    if release.season:  # "season 2 premiere", not "season 2 season premiere"
        kind = f"season {release.season} {kind.removeprefix('season ')}"
    detail = (
        kind + (f" on {release.platform}" if release.platform else "") + f" \u00b7 {release.status}"
    )
    return PageRow(
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
        release_id=release.id,
        work_id=release.work_id,
        watched=watched,
        dated=not when.is_tba,
    )


def _when(when: ReleaseDate) -> str:
    window = when.window
    if when.precision is Precision.DAY and window is not None:
        return f"{window[0]:%a %d %b %Y}"
    return when.label()
