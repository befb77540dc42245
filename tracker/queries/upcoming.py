"""What is coming: releases whose date window meets a span of days, soonest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from tracker.core.release_date import ReleaseDate
from tracker.core.states import ReleaseStatus
from tracker.extract.records import Precision
from tracker.queries.reader import Reader, Row, as_date, listed
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


RELEASE_COLUMNS = (
    "r.id, w.title, r.season, r.kind, r.date_value, r.precision, r.window_start, r.window_end, "
    "r.platform, r.status, r.work_id, r.confidence, r.sources, r.disputed"
)
"""The columns a `ReleaseView` is built from, in `release_view`'s order."""


def upcoming(reader: Reader, query: UpcomingQuery) -> list[ReleaseView]:
    """Releases whose window meets [start, end], placed by the first day of their window.

    tba releases, when asked for, come last. Uses the (window_start, window_end) index.
    """
    precise_enough = [p.value for p in Precision if p.rank <= query.min_precision.rank]
    allowed, params = listed("precision", precise_enough)
    statuses, more = listed("status", query.statuses)
    params |= more
    # No window is longer than a year, so the lower bound lets the index skip older releases.
    dated = "(r.window_start <= :end AND r.window_start >= :earliest AND r.window_end >= :start)"
    params |= {"start": query.start, "end": query.end, "earliest": query.start - LONGEST_WINDOW}
    if query.include_tba and Precision.TBA.value in precise_enough:
        dated = f"({dated} OR r.precision = :tba)"
        params["tba"] = Precision.TBA.value
    where = [dated, f"r.precision IN {allowed}", f"r.status IN {statuses}"]
    if query.min_confidence > 0:
        where.append("r.confidence >= :min_confidence")
        params["min_confidence"] = query.min_confidence
    if query.kinds:
        kinds, more = listed("kind", query.kinds)
        where.append(f"r.kind IN {kinds}")
        params |= more
    if query.platforms:
        platforms, more = listed("platform", [p.casefold() for p in query.platforms])
        where.append(f"lower(r.platform) IN {platforms}")
        params |= more
    if query.work_ids is not None:
        works, more = listed("work", sorted(query.work_ids))
        where.append(f"r.work_id IN {works}")
        params |= more
    sql = (
        f'SELECT {RELEASE_COLUMNS} FROM "release" r JOIN work w ON w.id = r.work_id '
        f"WHERE {' AND '.join(where)} "
        "ORDER BY r.window_start IS NULL, r.window_start, w.title, r.season, r.id"
    )
    if query.limit is not None:
        sql += " LIMIT :limit"
        params["limit"] = query.limit
    return [release_view(row) for row in reader.rows(sql, params)]


def release_view(row: Row) -> ReleaseView:
    """A view straight from `RELEASE_COLUMNS`: no ORM objects for thousands of rows."""
    (release_id, title, season, kind, value, precision, start, end, platform, status, work_id) = (
        row[:11]
    )
    confidence, sources, disputed = row[11:14]
    label = ReleaseDate(value=value, precision=Precision(precision)).label()
    return ReleaseView(
        id=release_id,
        title=title,
        season=season or None,
        kind=kind,
        date=value,
        precision=precision,
        label=label,
        start=as_date(start),
        end=as_date(end),
        platform=platform,
        status=status,
        work_id=work_id,
        confidence=float(confidence),
        sources=int(sources),
        disputed=bool(disputed),
    )
