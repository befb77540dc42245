"""Poll sources: claim the due ones by lease, read them, ingest each article, record the outcome.

No transaction is held across network I/O: claiming is one short transaction, each article is
its own, and so is recording the outcome. Several processes (on PostgreSQL) share the work: a
source is claimed with `FOR UPDATE SKIP LOCKED` and a lease, so each is polled by one process,
and one whose poller died is taken over once its lease has passed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from tracker.core.durations import parse_duration
from tracker.core.states import SourceKind
from tracker.core.titles import TitleIndex
from tracker.db import repo
from tracker.db.models import Article, Source
from tracker.errors import SourceError
from tracker.extract.records import Announcement
from tracker.ingest.articles import RawArticle
from tracker.ingest.backoff import next_check_after_failure, next_check_after_success
from tracker.ingest.fetch import Fetcher, RetryLater
from tracker.ingest.readers import SourceRead, SourceReader, SourceSnapshot
from tracker.ingest.service import IngestReport, ingest_article
from tracker.runtime import Runtime

log = logging.getLogger(__name__)

_ATTEMPTS = 3
"""Tries of one article when another process inserted the same new row at the same moment."""

_POOL_FROM = 4
"""A source read gives at least this many new articles before the extraction workers are used
(starting one costs about a second; a poll of one or two articles reads them here)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PollOutcome:
    """What polling one source did."""

    source_id: int
    name: str
    ok: bool
    not_modified: bool = False
    articles: int = 0
    new_articles: int = 0
    changes: int = 0
    error: str | None = None
    problems: tuple[str, ...] = field(default_factory=tuple)


def claim_due(
    rt: Runtime,
    *,
    owner: str,
    everything: bool = False,
    only: int | None = None,
    limit: int = 100,
) -> list[SourceSnapshot]:
    """Lease the sources due now (or all, or one) to `owner`, in one short transaction."""
    now = rt.clock()
    with rt.write_session() as session:
        query = select(Source).where(
            or_(col(Source.lease_until).is_(None), col(Source.lease_until) < now)
        )
        if only is not None:
            query = query.where(Source.id == only)
        else:
            query = query.where(col(Source.enabled).is_(True))
            if not everything:
                query = query.where(col(Source.next_check_at) <= now)
        query = query.order_by(col(Source.next_check_at)).limit(limit)
        rows = session.exec(query.with_for_update(skip_locked=True)).all()
        lease_until = now + timedelta(seconds=rt.settings.lease_seconds)
        for row in rows:
            row.lease_owner, row.lease_until = owner, lease_until
            session.add(row)
        claimed = [_snapshot(row) for row in rows]
        session.commit()
    return claimed


def _snapshot(row: Source) -> SourceSnapshot:
    assert row.id is not None
    return SourceSnapshot(
        id=row.id,
        kind=SourceKind(row.kind),
        location=row.location,
        etag=row.etag,
        last_modified=row.last_modified,
    )


class Poller:
    """Polls claimed sources with a pool of threads; one instance per run."""

    def __init__(
        self,
        rt: Runtime,
        reader_factory: Callable[
            [Callable[[str], bool], Callable[[list[str]], set[str]]], SourceReader
        ],
        *,
        owner: str,
    ) -> None:
        """Wire the runtime, a reader factory (given the known-URL check) and the lease owner."""
        self._rt = rt
        self._reader = reader_factory(self._is_known, self._known_among)
        self._owner = owner
        self._titles: TitleIndex | None = None
        self._titles_lock = threading.Lock()

    def _is_known(self, url: str) -> bool:
        with self._rt.session() as session:
            return session.exec(select(Article.id).where(Article.url == url)).first() is not None

    def _known_among(self, urls: list[str]) -> set[str]:
        """Which of `urls` are stored already: one query per 500."""
        known: set[str] = set()
        with self._rt.session() as session:
            for start in range(0, len(urls), 500):
                chunk = urls[start : start + 500]
                known.update(
                    u
                    for u in session.exec(select(Article.url).where(col(Article.url).in_(chunk)))
                    if u is not None
                )
        return known

    def _title_index(self) -> TitleIndex:
        with self._titles_lock:
            if self._titles is None:
                with self._rt.session() as session:
                    self._titles = repo.title_index(session)
            return self._titles

    def _forget_titles(self) -> None:
        with self._titles_lock:
            self._titles = None  # a rolled-back article may have left ids that do not exist

    def run(
        self,
        sources: list[SourceSnapshot],
        *,
        workers: int,
        progress: Callable[[PollOutcome], None] | None = None,
    ) -> list[PollOutcome]:
        """Poll every claimed source; the outcomes come back in the order given."""

        def one(source: SourceSnapshot) -> PollOutcome:
            outcome = self.poll_one(source)
            if progress is not None:
                progress(outcome)
            return outcome

        if workers <= 1 or len(sources) <= 1:
            return [one(s) for s in sources]
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="poll") as pool:
            return list(pool.map(one, sources))

    def poll_one(self, source: SourceSnapshot) -> PollOutcome:
        """Read one source, ingest what it gave, record the outcome. Never raises for a source."""
        assert source.id is not None
        try:
            read = self._reader.read(source)
        except RetryLater as error:
            return self._record_failure(source, str(error), retry_after=error.retry_after)
        except SourceError as error:
            return self._record_failure(source, str(error))
        except Exception as error:  # a job boundary: one bad source never stops the others
            log.exception("reading source %s failed", source.id)
            return self._record_failure(
                source, f"unexpected error: {type(error).__name__}: {error}"
            )
        reports = [
            report
            for article, pending in self._readings(read.articles)
            if (report := self._ingest(article, pending)) is not None
        ]
        return self._record_success(source, read, reports)

    def _readings(
        self, articles: list[RawArticle]
    ) -> list[tuple[RawArticle, tuple[date, Future[list[Announcement]] | None]]]:
        """Start reading every article in the extraction workers, in order (a few: here)."""
        if len(articles) < _POOL_FROM:
            return [(a, (date.min, None)) for a in articles]
        today = self._rt.clock().date()
        return [
            (a, (a.published or today, self._rt.extractors.submit(a.text, a.published or today)))
            for a in articles
        ]

    def _ingest(
        self, article: RawArticle, pending: tuple[date, Future[list[Announcement]] | None]
    ) -> IngestReport | None:
        published, future = pending
        found = self._rt.extractors.result(future)
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                with self._rt.write_session() as session:
                    return ingest_article(
                        article,
                        session=session,
                        now=self._rt.clock(),
                        titles=self._title_index(),
                        window=parse_duration(self._rt.settings.dispute_window),
                        read=(published, found) if found is not None else None,
                    )
            except IntegrityError:
                # Another process stored the same new work (or release) first; the article
                # was rolled back whole. Read again, the other row is there now.
                self._forget_titles()
                if attempt == _ATTEMPTS:
                    log.exception("ingesting %s failed", article.url or "an article")
            except Exception:  # one bad article never stops its source
                log.exception("ingesting %s failed", article.url or "an article")
                self._forget_titles()
                return None
        return None

    def _record_success(
        self, source: SourceSnapshot, read: SourceRead, reports: list[IngestReport]
    ) -> PollOutcome:
        def succeeded(row: Source, now: datetime) -> None:
            row.kind = read.kind.value
            row.etag, row.last_modified = read.etag, read.last_modified
            row.failures, row.last_error = 0, None
            row.last_success_at = now
            row.next_check_at = next_check_after_success(
                now=now, interval=timedelta(seconds=row.interval_seconds)
            )

        name = self._record(source, succeeded)
        return PollOutcome(
            source_id=source.id or 0,
            name=name,
            ok=True,
            not_modified=read.not_modified,
            articles=len(read.articles),
            new_articles=sum(not r.duplicate for r in reports),
            changes=sum(len(r.changes) for r in reports),
            problems=tuple(read.problems),
        )

    def _record_failure(
        self, source: SourceSnapshot, message: str, *, retry_after: float | None = None
    ) -> PollOutcome:
        def failed(row: Source, now: datetime) -> None:
            row.failures += 1
            row.last_error = message[:2000]
            row.next_check_at = next_check_after_failure(
                now=now,
                interval=timedelta(seconds=row.interval_seconds),
                failures=row.failures,
                retry_after=retry_after,
            )

        name = self._record(source, failed)
        return PollOutcome(source_id=source.id or 0, name=name, ok=False, error=message)

    def _record(self, source: SourceSnapshot, change: Callable[[Source, datetime], None]) -> str:
        """Record a poll's outcome and give the lease back, if this poller still holds it."""
        now = self._rt.clock()
        with self._rt.write_session() as session:
            row = session.get(Source, source.id)
            if row is None:  # removed while it was being polled
                session.rollback()
                return str(source.id)
            if row.lease_owner == self._owner:
                change(row, now)
                row.last_checked_at = now
                row.lease_owner = row.lease_until = None
                session.add(row)
            name = row.name
            session.commit()
        return name


def make_poller(rt: Runtime, fetcher: Fetcher) -> Poller:
    """A poller reading through `fetcher`, with the runtime's settings and lease owner."""
    max_bytes = rt.settings.fetch_max_bytes
    return Poller(
        rt,
        lambda known, among: SourceReader(
            fetcher, is_known=known, known_among=among, max_bytes=max_bytes
        ),
        owner=rt.owner,
    )


def release_leases(rt: Runtime, *, owner: str) -> int:
    """Give back every lease `owner` holds (on a clean shutdown)."""
    with rt.write_session() as session:
        result = session.execute(
            update(Source)
            .where(col(Source.lease_owner) == owner)
            .values(lease_owner=None, lease_until=None)
        )
        session.commit()
    return int(getattr(result, "rowcount", 0) or 0)
