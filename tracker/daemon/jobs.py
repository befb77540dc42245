"""The daemon's jobs: each a few lines over the same services the CLI calls."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text, update
from sqlmodel import col

from tracker.alerts.service import send_due
from tracker.core.timeline import passed
from tracker.db import releases, repo
from tracker.db.models import Article, DateChange
from tracker.ingest.poll import claim_due, make_poller
from tracker.runtime import Runtime

log = logging.getLogger("tracker.daemon")


@dataclass(frozen=True, slots=True, kw_only=True)
class Counts:
    """What one run of a job did, for the log line."""

    done: int = 0
    failed: int = 0


def poll_sources(rt: Runtime) -> Counts:
    """Poll every due source (claimed by lease), then send the alerts that caused."""
    claimed = claim_due(rt, owner=rt.owner)
    if not claimed:
        return Counts()
    with rt.fetcher() as fetcher:
        outcomes = make_poller(rt, fetcher).run(claimed, workers=rt.settings.fetch_workers)
    for outcome in outcomes:
        if outcome.ok:
            log.info(
                "polled source %s: %s new article(s), %s change(s)",
                outcome.source_id,
                outcome.new_articles,
                outcome.changes,
            )
        else:
            log.warning("source %s failed: %s", outcome.source_id, outcome.error)
    send_alerts(rt)
    return Counts(done=sum(o.ok for o in outcomes), failed=sum(not o.ok for o in outcomes))


def send_alerts(rt: Runtime) -> Counts:
    """Send the alerts (and today's reminders) that are due."""
    report = send_due(rt)
    if report.sent or report.failed or report.retrying:
        log.info(
            "alerts: sent %s, retrying %s, failed %s", report.sent, report.retrying, report.failed
        )
    return Counts(done=report.sent, failed=report.failed)


def housekeeping(rt: Runtime) -> Counts:
    """Mark passed releases out, prune old article texts, checkpoint SQLite's WAL."""
    now = rt.clock()
    marked = 0
    with rt.write_session() as session:
        for release in repo.releases_due_out(session, today=now.date()):
            change = passed(releases.release_state(release), today=now.date())
            if change is None or release.id is None:
                continue
            old_status = release.status
            release.status, release.revision = str(change.new.status), release.revision + 1
            release.updated_at = now
            session.add(release)
            session.add(
                DateChange(
                    release_id=release.id,
                    change="out",
                    old_value=release.date_value,
                    old_precision=release.precision,
                    old_status=old_status,
                    new_value=release.date_value,
                    new_precision=release.precision,
                    new_status=str(change.new.status),
                    revision=release.revision,
                    recorded_at=now,
                )
            )
            marked += 1
        pruned = 0
        if rt.settings.keep_article_text_days:
            cutoff = now - timedelta(days=rt.settings.keep_article_text_days)
            result = session.execute(
                update(Article)
                .where(col(Article.fetched_at) < cutoff)
                .where(col(Article.text).is_not(None))
                .values(text=None)
            )
            pruned = int(getattr(result, "rowcount", 0) or 0)
        session.commit()
    if rt.engine.dialect.name == "sqlite":
        with rt.engine.connect() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    if marked or pruned:
        log.info("housekeeping: %s release(s) out, %s article text(s) pruned", marked, pruned)
    return Counts(done=marked + pruned)
