"""What is coming: releases whose date window meets a span of days, soonest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from tracker.core.release_date import ReleaseDate
from tracker.core.states import ReleaseStatus
from tracker.db import repo
from tracker.db.models import Release, Work
from tracker.extract.records import Precision
from tracker.queries.views import ReleaseView

LONGEST_WINDOW = timedelta(days=366)
"""The widest window a date allows (a year); a winter spans three months."""


@dataclass(frozen=True, slots=True, kw_only=True)
class UpcomingQuery:
    """Which releases to list."""

    start: date
    end: date
    kinds: Sequence[str] = ()
    platforms: Sequence[str] = ()
    min_precision: Precision = Precision.TBA
    include_tba: bool = False
    min_confidence: float = 0.0
    """Only dates at least this well supported."""
    work_ids: frozenset[int] | None = None
    """Only these works (a watch list); None for all."""
    limit: int | None = None
    statuses: Sequence[str] = field(
        default=(
            ReleaseStatus.ANNOUNCED.value,
            ReleaseStatus.DELAYED.value,
            ReleaseStatus.CANCELLED.value,
        )
    )


_COLUMNS = tuple(
    col(c)
    for c in (
        Release.id,
        Work.title,
        Release.season,
        Release.kind,
        Release.date_value,
        Release.precision,
        Release.window_start,
        Release.window_end,
        Release.platform,
        Release.status,
        Release.work_id,
        Release.confidence,
        Release.sources,
        Release.disputed,
    )
)


def upcoming(session: Session, query: UpcomingQuery) -> list[ReleaseView]:
    """Releases whose window meets [start, end], placed by the first day of their window.

    tba releases, when asked for, come last. Uses the (window_start, window_end) index.
    """
    allowed = [p.value for p in Precision if p.rank <= query.min_precision.rank]
    dated = and_(
        col(Release.window_start) <= query.end,
        # No window is longer than a year, so this bound lets the index skip older releases.
        col(Release.window_start) >= query.start - LONGEST_WINDOW,
        col(Release.window_end) >= query.start,
    )
    condition = (
        or_(dated, col(Release.precision) == Precision.TBA.value)
        if (query.include_tba and Precision.TBA.value in allowed)
        else dated
    )
    statement = (
        sa_select(*_COLUMNS)
        .join(Work, col(Work.id) == col(Release.work_id))
        .where(condition)
        .where(col(Release.precision).in_(allowed))
        .where(col(Release.status).in_(list(query.statuses)))
    )
    if query.min_confidence > 0:
        statement = statement.where(col(Release.confidence) >= query.min_confidence)
    if query.kinds:
        statement = statement.where(col(Release.kind).in_(list(query.kinds)))
    if query.platforms:
        statement = statement.where(repo.on_platforms(query.platforms))
    if query.work_ids is not None:
        statement = statement.where(col(Release.work_id).in_(sorted(query.work_ids)))
    statement = statement.order_by(
        col(Release.window_start).is_(None),
        col(Release.window_start),
        col(Work.title),
        col(Release.season),
        col(Release.id),
    )
    if query.limit is not None:
        statement = statement.limit(query.limit)
    return [_view(row) for row in session.execute(statement)]


def _view(row: Any) -> ReleaseView:
    """A view straight from selected columns: no ORM objects for thousands of rows."""
    (release_id, title, season, kind, value, precision, start, end, platform, status, work_id) = (
        row[:11]
    )
    confidence, sources, disputed = row[11:]
    label = ReleaseDate(value=value, precision=Precision(precision)).label()
    return ReleaseView(
        id=release_id,
        title=title,
        season=season or None,
        kind=kind,
        date=value,
        precision=precision,
        label=label,
        start=start,
        end=end,
        platform=platform,
        status=status,
        work_id=work_id,
        confidence=confidence,
        sources=sources,
        disputed=disputed,
    )
