"""Queries and row changes. Functions take a keyword-only session and never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, func, insert, literal, or_, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from tracker.core.states import ReleaseStatus
from tracker.core.titles import TitleIndex, base_key, title_key
from tracker.db.models import Article, Release, Work, WorkAlias


def on_platforms(platforms: Sequence[str]) -> ColumnElement[bool]:
    """A release on one of these platforms, compared without case (no platform: never)."""
    return func.lower(col(Release.platform)).in_([p.casefold() for p in platforms])


_SAME_ARTICLE = (
    sa_select(col(Article.id))
    .where(
        or_(
            col(Article.content_hash) == bindparam("content_hash"),
            col(Article.url) == bindparam("url"),  # NULL = NULL is never true: no URL, no match
        )
    )
    .limit(1)
)
"""Built once: ingest asks it for every article, and building a statement costs more than
running it on an index."""


def find_article_id(session: Session, *, url: str | None, content_hash: str) -> int | None:
    """The id of an article already stored with this URL or this content."""
    params = {"content_hash": content_hash, "url": url}
    found = session.connection().execute(_SAME_ARTICLE, params).scalar()
    return int(found) if found is not None else None


_NEW_ARTICLE = {
    "sqlite": sqlite_insert(Article).on_conflict_do_nothing().returning(col(Article.id)),
    "postgresql": pg_insert(Article).on_conflict_do_nothing().returning(col(Article.id)),
}
"""An article's insert that does nothing when its URL or content is already stored."""


_NEW_WORK = insert(Work).returning(col(Work.id))


def inserted_id(session: Session, statement: Any, row: dict[str, Any]) -> int:
    """Run an INSERT ... RETURNING id and return the id."""
    inserted = session.connection().execute(statement, row).scalar_one()
    assert inserted is not None
    return int(inserted)


def add_article(session: Session, **columns: object) -> int | None:
    """Store an article's row (the columns of `Article`); its id, or None when already stored.

    One statement both checks and inserts (ON CONFLICT DO NOTHING on either unique key): most
    articles are new, and a look-up first would cost every one of them a round trip. On
    PostgreSQL an insert racing another process's uncommitted copy waits for it, then does
    nothing. Plain Core: ingest never reads the row back as an object.
    """
    statement = _NEW_ARTICLE[session.get_bind().dialect.name]
    inserted = session.connection().execute(statement, columns).scalar()
    return int(inserted) if inserted is not None else None


def title_index(session: Session) -> TitleIndex:
    """Every known work and alias key, for matching titles."""
    works = session.exec(select(Work.key, Work.id)).all()
    aliases = session.exec(select(WorkAlias.key, WorkAlias.work_id)).all()
    return TitleIndex([(k, i) for k, i in works if i is not None] + list(aliases))


def _work_by_key() -> Select[Any]:
    both = union_all(  # one round trip: a work's own key first, then an alias
        sa_select(col(Work.id).label("id"), literal(0).label("rank")).where(
            col(Work.key).in_(bindparam("keys", expanding=True))
        ),
        sa_select(col(WorkAlias.work_id).label("id"), literal(1).label("rank")).where(
            col(WorkAlias.key).in_(bindparam("keys", expanding=True))
        ),
    ).subquery()
    return sa_select(both.c.id).order_by(both.c.rank, both.c.id).limit(1)


_WORK_BY_KEY = _work_by_key()


def find_work_by_key(session: Session, key: str) -> int | None:
    """The work whose key or alias key is exactly `key` (or its base key)."""
    keys = sorted({key, base_key(key)})
    found = session.connection().execute(_WORK_BY_KEY, {"keys": keys}).scalar()
    return int(found) if found is not None else None


def resolve_work(
    session: Session,
    title: str,
    *,
    index: TitleIndex,
    now: datetime,
    created: set[int] | None = None,
) -> int:
    """The id of the work `title` names, creating it (and recording its aliases) when new.

    The index answers first; the database is asked only when the index does not know the
    title, since another process may have added the work since the index was built. A work
    created here is added to `created` (it has no releases yet: nobody need look for them).
    """
    key = title_key(title)
    work_id = index.find(title)
    if work_id is None:
        work_id = find_work_by_key(session, key)
        if work_id is not None:  # added by another process: learn all its names
            _learn_work(session, work_id, index)
    if work_id is None:  # a plain insert: nothing in this transaction needs the object
        row = {"title": title, "key": key, "created_at": now}
        work_id = inserted_id(session, _NEW_WORK, row)
        index.add(key, work_id)
        if created is not None:
            created.add(work_id)
    aliases = [alias for alias in dict.fromkeys((key, base_key(key))) if not index.knows(alias)]
    if aliases:
        rows = [{"work_id": work_id, "title": title, "key": alias} for alias in aliases]
        session.connection().execute(insert(WorkAlias), rows)
        for alias in aliases:
            index.add(alias, work_id)
    return work_id


def _learn_work(session: Session, work_id: int, index: TitleIndex) -> None:
    for key in session.exec(select(Work.key).where(Work.id == work_id)):
        index.add(key, work_id)
    for key in session.exec(select(WorkAlias.key).where(WorkAlias.work_id == work_id)):
        index.add(key, work_id)


def releases_due_out(session: Session, *, today: date, limit: int = 1000) -> Sequence[Release]:
    """Releases whose date window ended before `today` but are not yet marked out."""
    query = (
        select(Release)
        .where(col(Release.window_end) < today)
        .where(
            col(Release.status).in_([ReleaseStatus.ANNOUNCED.value, ReleaseStatus.DELAYED.value])
        )
        .limit(limit)
    )
    return session.exec(query.with_for_update()).all()
