"""Ingest one article: store it, extract, weigh every claim, record history and provenance.

One article is one transaction: the article row, its sightings, every release change and its
history land together or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlmodel import Session

from tracker.alerts import outbox
from tracker.core.change_words import is_explicit_change
from tracker.core.consensus import DISPUTE_WINDOW, Claim, assess, copy_key_of, site_of
from tracker.core.release_date import ReleaseDate
from tracker.core.states import ChangeKind
from tracker.core.timeline import reconcile
from tracker.core.titles import TitleIndex
from tracker.core.urls import normalise_url
from tracker.db import releases, repo
from tracker.db.models import Source, Work
from tracker.extract import Announcement, extract_announcements
from tracker.ingest.articles import RawArticle


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseChange:
    """One change an article made, for reports (and, later, alerts)."""

    release_id: int
    title: str
    change: ChangeKind
    old: str | None
    new: str


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    """What ingesting one article did."""

    article_id: int | None
    duplicate: bool = False
    found: int = 0
    changes: tuple[ReleaseChange, ...] = field(default_factory=tuple)


def ingest_article(
    raw: RawArticle,
    *,
    session: Session,
    now: datetime,
    titles: TitleIndex | None = None,
    window: timedelta = DISPUTE_WINDOW,
    read: tuple[date, list[Announcement]] | None = None,
) -> IngestReport:
    """Store one article and all that follows from it, in one transaction (committed here).

    Args:
        raw: The article.
        session: A write session; committed on success, left to the caller to roll back on error.
        now: The time of ingestion (aware UTC).
        titles: A title index to reuse across articles (built from the database when None).
        window: How close claims must be to compete (`consensus.assess`).
        read: The announcements already found in the text (by an extraction worker) for the
            publication date given; read here when absent or for another date.
    """
    url = normalise_url(raw.url) if raw.url else None
    digest = raw.content_hash
    published = raw.published or now.date()
    # Read the text before the first statement: on SQLite that statement takes the one write
    # lock, and a reading done while holding it would keep every other writer waiting.
    if read is not None and read[0] == published:
        found = read[1]
    else:
        found = extract_announcements(raw.text, published=published)
    article_id = repo.add_article(
        session,
        source_id=raw.source_id,
        url=url,
        content_hash=digest,
        title=raw.title[:500] if raw.title else None,
        published_at=datetime(published.year, published.month, published.day, tzinfo=now.tzinfo),
        fetched_at=now,
        text=raw.text,
    )
    if article_id is None:  # stored before, under this URL or with this text
        existing = repo.find_article_id(session, url=url, content_hash=digest)
        session.rollback()
        return IngestReport(article_id=existing, duplicate=True)
    index = titles if titles is not None else repo.title_index(session)
    site = site_of(url, fallback="") or _local_name(session, raw.source_id)
    new_works: set[int] = set()
    by_release = _one_per_release(session, found, index=index, now=now, created=new_works)
    changes = [
        change
        for announcement in by_release.items()
        if (
            change := _apply(
                session,
                announcement,
                new_work=announcement[0][0] in new_works,
                article_id=article_id,
                url=url,
                site=site,
                published=published,
                window=window,
                now=now,
            )
        )
        is not None
    ]
    session.commit()
    return IngestReport(article_id=article_id, found=len(found), changes=tuple(changes))


def _local_name(session: Session, source_id: int | None) -> str:
    """Whose claim an article without a web address is: its source's name, or "local"."""
    source = session.get(Source, source_id) if source_id is not None else None
    return source.name[:200] if source is not None else "local"


def _work_title(session: Session, work_id: int, fallback: str) -> str:
    """The work's canonical title, for alert messages (read only when someone gets one)."""
    work = session.get(Work, work_id)
    return work.title if work is not None else fallback


def _one_per_release(
    session: Session,
    found: list[Announcement],
    *,
    index: TitleIndex,
    now: datetime,
    created: set[int],
) -> dict[tuple[int, int, str], Announcement]:
    """Group announcements by the release they name; keep the most precise of each.

    Works created on the way are added to `created`.
    """
    best: dict[tuple[int, int, str], Announcement] = {}
    for announcement in found:
        work_id = repo.resolve_work(
            session, announcement.title, index=index, now=now, created=created
        )
        key = (work_id, announcement.season or 0, str(announcement.kind))
        held = best.get(key)
        if held is None or (announcement.precision.rank, -announcement.confidence) < (
            held.precision.rank,
            -held.confidence,
        ):
            best[key] = announcement
    return best


def _claim(found: Announcement, *, site: str, published: date) -> Claim:
    return Claim(
        date=ReleaseDate(value=found.date, precision=found.precision),
        site=site,
        published=published,
        confidence=found.confidence,
        explicit=is_explicit_change(found.evidence),
        copy_key=copy_key_of(found.evidence),
        order=2**62,  # newer than anything stored
    )


def _apply(
    session: Session,
    item: tuple[tuple[int, int, str], Announcement],
    *,
    new_work: bool,
    article_id: int,
    url: str | None,
    site: str,
    published: date,
    window: timedelta,
    now: datetime,
) -> ReleaseChange | None:
    (work_id, season, kind), found = item
    release = (  # a work created in this transaction has no releases to look for
        None
        if new_work
        else releases.lock_release(session, work_id=work_id, season=season, kind=kind)
    )
    current = releases.release_state(release) if release is not None else None
    claim = _claim(found, site=site, published=published)
    stored_claims = releases.claims_for(session, release.id) if release and release.id else []
    agreed = assess(
        [*stored_claims, claim], current=current.date if current else None, window=window
    )
    change = reconcile(current, agreed, today=now.date())
    confidence_before = release.confidence if release is not None else 0.0
    stored = releases.apply_change(
        session,
        release=release,
        work_id=work_id,
        found=found,
        change=change,
        agreed=agreed,
        article_id=article_id,
        now=now,
    )
    assert stored.id is not None
    releases.add_sighting(
        session, release_id=stored.id, article_id=article_id, found=found, claim=claim, now=now
    )
    if change.kind is not None or stored.confidence > confidence_before:
        outbox.enqueue_change(  # the alerts it causes, in the same transaction
            session,
            release=stored,
            title=lambda: _work_title(session, work_id, found.title),
            change=change.kind,
            old=change.old.value if change.old else None,
            evidence=found.evidence,
            url=url,
            now=now,
        )
    if change.kind is None:
        return None
    return ReleaseChange(
        release_id=stored.id,
        title=found.title,
        change=change.kind,
        old=change.old.value if change.old else None,
        new=change.new.date.value,
    )
