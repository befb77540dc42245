"""A release's row, the claims about it and its history: what ingest reads and writes per release.

Functions take a session and never commit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, tuple_
from sqlalchemy import select as sa_select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from tracker.core.consensus import Claim, Consensus
from tracker.core.release_date import ReleaseDate
from tracker.core.states import ChangeKind, ReleaseStatus
from tracker.core.timeline import Change, ReleaseState
from tracker.db.models import DateChange, Release, Sighting, new_uid
from tracker.db.repo import inserted_id
from tracker.extract.records import Announcement, Precision

_RELEASE_OF = (
    select(Release)
    .where(
        col(Release.work_id) == bindparam("work_id"),
        col(Release.season) == bindparam("season"),
        col(Release.kind) == bindparam("kind"),
    )
    .with_for_update()
)


def lock_release(session: Session, *, work_id: int, season: int, kind: str) -> Release | None:
    """The release for (work, season, kind), locked for update (a no-op on SQLite)."""
    params = {"work_id": work_id, "season": season, "kind": kind}
    return session.exec(_RELEASE_OF, params=params).first()


def release_state(release: Release) -> ReleaseState:
    """The pure view of a stored release."""
    return ReleaseState(
        date=ReleaseDate(value=release.date_value, precision=Precision(release.precision)),
        status=ReleaseStatus(release.status),
        as_of=release.date_as_of,
    )


def _newest_day_of(*columns: Any) -> ColumnElement[bool]:
    """``(columns..., published) IN`` the newest publication day of each group of `columns`."""
    newest = (
        sa_select(*columns, func.max(col(Sighting.published)))
        .where(col(Sighting.release_id) == bindparam("release_id"))
        .group_by(*columns)
    )
    return tuple_(*columns, col(Sighting.published)).in_(newest)


#: A release's deciding claims (see `consensus.deciding`) or a few more: each site's and each
#: date's newest day and every explicit change; a sighting without a publication date always
#: (its day is its stored time's, which SQL cannot read alike on both backends). Only the
#: sighting columns a claim needs, not its evidence text; oldest first.
_CLAIMS_OF = (
    sa_select(
        col(Sighting.id),
        col(Sighting.date_value),
        col(Sighting.precision),
        col(Sighting.site),
        col(Sighting.published),
        col(Sighting.created_at),
        col(Sighting.confidence),
        col(Sighting.explicit),
        col(Sighting.copy_key),
    )
    .where(
        col(Sighting.release_id) == bindparam("release_id"),
        or_(
            col(Sighting.explicit),
            col(Sighting.published).is_(None),
            _newest_day_of(col(Sighting.site)),
            _newest_day_of(col(Sighting.date_value), col(Sighting.precision)),
        ),
    )
    .order_by(col(Sighting.id))
)


def claims_for(session: Session, release_id: int) -> list[Claim]:
    """The stored claims that can still decide a release's consensus, oldest first.

    What `consensus.assess` needs of the past (`consensus.deciding`), chosen in SQL: a
    much-reported release has thousands of sightings, and ingest weighs its claims again for
    every new one. What is read and weighed grows with the release's sites and dates, not with
    its sightings; only the database's scan for the newest days still passes over them all.
    """
    rows = session.execute(_CLAIMS_OF, {"release_id": release_id})
    return [
        Claim(
            date=ReleaseDate.of(row.date_value, row.precision),
            site=row.site,
            published=row.published or row.created_at.date(),
            confidence=row.confidence,
            explicit=row.explicit,
            copy_key=row.copy_key,
            order=row.id or 0,
        )
        for row in rows
    ]


_NEW_RELEASE = insert(Release).returning(col(Release.id))
_RELEASE_COLUMNS = tuple(
    c.name
    for c in Release.__table__.columns  # type: ignore[attr-defined]
    if c.name != "id"
)


def apply_change(
    session: Session,
    *,
    release: Release | None,
    work_id: int,
    found: Announcement,
    change: Change,
    agreed: Consensus,
    article_id: int | None,
    now: datetime,
) -> Release:
    """Write a reconciled change: the release row, its support and, when it changed, history.

    A dispute that begins or ends is history too (`disputed`, `settled`).
    """
    new = change.new
    window = new.date.window
    flipped = release is not None and release.disputed != agreed.disputed
    if release is None:
        release = Release(
            uid=new_uid(),  # given, not defaulted: pydantic inspects a factory on every call
            work_id=work_id,
            season=found.season or 0,
            kind=str(found.kind),
            date_value=new.date.value,
            precision=str(new.date.precision),
            first_seen_at=now,
            updated_at=now,
            support=[],
        )
    support = agreed.record()
    if change.kind is not None or flipped or release.sources != agreed.sources:
        release.revision += 1 if release.id is not None else 0
        if release.id is not None and (change.moves_date or flipped):
            release.sequence += 1
        release.updated_at = now
    elif support != release.support:
        release.updated_at = now
    old_status = release.status if change.kind not in (None, ChangeKind.NEW) else None
    release.date_value, release.precision = new.date.value, str(new.date.precision)
    release.window_start, release.window_end = window if window else (None, None)
    release.date_as_of, release.status = new.as_of, str(new.status)
    release.confidence, release.sources = agreed.confidence, agreed.sources
    release.disputed, release.support = agreed.disputed, support
    if found.platform and (release.platform is None or change.kind is not None):
        release.platform = found.platform
    if release.id is None:
        # A new release is inserted plainly (the unit of work costs more than the insert); the
        # object stays detached, a record of what was written for the alerts to read.
        columns = {name: getattr(release, name) for name in _RELEASE_COLUMNS}
        release.id = inserted_id(session, _NEW_RELEASE, columns)
    else:
        session.add(release)
        session.flush()
    rows: list[tuple[ChangeKind, ReleaseDate | None, str | None]] = []
    if change.kind is not None:
        rows.append((change.kind, change.old, old_status))
    if flipped:
        flip = ChangeKind.DISPUTED if agreed.disputed else ChangeKind.SETTLED
        rows.append((flip, None, str(new.status)))  # the date itself did not move
    history = [
        {
            "release_id": release.id,
            "article_id": article_id,
            "change": str(kind),
            "old_value": old.value if old else None,
            "old_precision": str(old.precision) if old else None,
            "old_status": status_before,
            "new_value": new.date.value,
            "new_precision": str(new.date.precision),
            "new_status": str(new.status),
            "revision": release.revision,
            "recorded_at": now,
        }
        for kind, old, status_before in rows
    ]
    if history:  # plain inserts: nothing reads these rows back as objects in this transaction
        session.connection().execute(insert(DateChange), history)
    return release


def add_sighting(
    session: Session,
    *,
    release_id: int,
    article_id: int,
    found: Announcement,
    claim: Claim,
    now: datetime,
) -> None:
    """Keep one announcement as the provenance of a release's date, with whose claim it is."""
    row = {
        "release_id": release_id,
        "article_id": article_id,
        "title_as_written": found.title[:300],
        "date_value": found.date,
        "precision": str(found.precision),
        "platform": found.platform,
        "evidence": found.evidence,
        "start": found.start,
        "end": found.end,
        "confidence": found.confidence,
        "site": claim.site[:200],
        "published": claim.published,
        "explicit": claim.explicit,
        "copy_key": claim.copy_key,
        "created_at": now,
    }
    session.connection().execute(insert(Sighting), row)  # a plain insert: no object to track
