from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import exc, text
from sqlmodel import select

from tests.conftest import make_runtime
from tracker.db import migrate
from tracker.db.models import (
    Article,
    Channel,
    Delivery,
    Release,
    Sighting,
    Source,
    Subscription,
    Work,
)
from tracker.runtime import Runtime

NOW = datetime(2017, 3, 14, 9, 30, tzinfo=UTC)


def _insert(rt: Runtime, *rows: object) -> None:
    with rt.write_session() as s:
        s.add_all(rows)
        s.commit()


def _work(rt: Runtime, key: str = "iron fist") -> int:
    with rt.write_session() as s:
        work = Work(title="Iron Fist", key=key, created_at=NOW)
        s.add(work)
        s.commit()
        assert work.id is not None
        return work.id


def _release(work_id: int, *, season: int = 0, kind: str = "premiere") -> Release:
    return Release(
        work_id=work_id,
        season=season,
        kind=kind,
        date_value="2017-03-17",
        precision="day",
        window_start=date(2017, 3, 17),
        window_end=date(2017, 3, 17),
        first_seen_at=NOW,
        updated_at=NOW,
    )


def test_work_key_is_unique(runtime: Runtime) -> None:
    _work(runtime)
    with pytest.raises(exc.IntegrityError):
        _insert(runtime, Work(title="IRON FIST", key="iron fist", created_at=NOW))


def test_one_release_per_work_season_and_kind(runtime: Runtime) -> None:
    work_id = _work(runtime)
    with runtime.write_session() as s:
        s.add(_release(work_id))
        s.add(_release(work_id, season=2, kind="season_premiere"))
        s.add(_release(work_id, kind="finale"))
        s.commit()
    with pytest.raises(exc.IntegrityError):
        _insert(runtime, _release(work_id))  # no season given twice: still one release


def test_closed_sets_are_checked_by_the_database(runtime: Runtime) -> None:
    work_id = _work(runtime)
    bad = _release(work_id)
    bad.precision = "fortnight"
    with pytest.raises(exc.IntegrityError):
        _insert(runtime, bad)


def test_article_url_and_content_hash_are_unique(runtime: Runtime) -> None:
    with runtime.write_session() as s:
        s.add(Article(url="https://example.org/a", content_hash="a" * 64, fetched_at=NOW))
        s.add(Article(url=None, content_hash="b" * 64, fetched_at=NOW))
        s.add(Article(url=None, content_hash="c" * 64, fetched_at=NOW))  # many without URL
        s.commit()
    for url, digest in (("https://example.org/a", "d" * 64), ("https://example.org/b", "a" * 64)):
        with pytest.raises(exc.IntegrityError):
            _insert(runtime, Article(url=url, content_hash=digest, fetched_at=NOW))


def test_foreign_keys_are_enforced_and_cascade(runtime: Runtime) -> None:
    with pytest.raises(exc.IntegrityError):
        _insert(runtime, _release(work_id=999))
    work_id = _work(runtime)
    with runtime.write_session() as s:
        release = _release(work_id)
        article = Article(url="https://example.org/x", content_hash="e" * 64, fetched_at=NOW)
        s.add_all([release, article])
        s.flush()
        assert release.id is not None
        assert article.id is not None
        s.add(
            Sighting(
                release_id=release.id,
                article_id=article.id,
                title_as_written="Iron Fist",
                date_value="2017-03-17",
                precision="day",
                evidence="Iron Fist will premiere",
                start=0,
                end=23,
                confidence=0.9,
                created_at=NOW,
            )
        )
        s.commit()
    with runtime.write_session() as s:
        s.delete(s.get(Work, work_id))
        s.commit()
    with runtime.session() as s:
        assert s.exec(select(Sighting)).all() == []
        assert len(s.exec(select(Article)).all()) == 1


def test_delivery_idempotency_key_is_unique(runtime: Runtime) -> None:
    with runtime.write_session() as s:
        sub = Subscription(name="default", created_at=NOW)
        s.add(sub)
        s.flush()
        assert sub.id is not None
        channel = Channel(subscription_id=sub.id, name="mail", url="mailto://x", created_at=NOW)
        s.add(channel)
        s.flush()
        assert channel.id is not None
        channel_id = channel.id
        s.add(
            Delivery(
                idempotency_key="1:7:date_set:1",
                channel_id=channel_id,
                event="date_set",
                next_attempt_at=NOW,
                created_at=NOW,
            )
        )
        s.commit()
    duplicate = Delivery(
        idempotency_key="1:7:date_set:1",
        channel_id=channel_id,
        event="date_set",
        next_attempt_at=NOW,
        created_at=NOW,
    )
    with pytest.raises(exc.IntegrityError):
        _insert(runtime, duplicate)


def test_timestamps_come_back_aware_utc(runtime: Runtime) -> None:
    berlin_evening = datetime(2017, 3, 14, 23, 30, tzinfo=timezone(timedelta(hours=1)))
    with runtime.write_session() as s:
        s.add(
            Source(
                name="s",
                kind="feed",
                location="https://example.org/feed",
                next_check_at=berlin_evening,
                created_at=NOW,
            )
        )
        s.commit()
    with runtime.session() as s:
        source = s.exec(select(Source)).one()
        assert source.next_check_at.tzinfo is not None
        assert source.next_check_at.utcoffset() == timedelta(0)
        assert source.next_check_at == datetime(2017, 3, 14, 22, 30, tzinfo=UTC)


def test_naive_timestamps_are_refused(runtime: Runtime) -> None:
    naive = Work(title="X", key="x", created_at=datetime(2017, 3, 14, 9, 30))  # noqa: DTZ001
    with pytest.raises(exc.StatementError, match="naive datetime"):
        _insert(runtime, naive)


def test_window_due_and_outbox_queries_use_indexes(sqlite_url: str, tmp_path: Path) -> None:
    # SQLite's plan is deterministic; on PostgreSQL the same indexes exist (the autogenerate
    # comparison checks them) but its planner rightly scans tables this small.
    runtime = make_runtime(sqlite_url, tmp_path)
    migrate.upgrade(runtime.engine)
    queries = {
        "ix_release_window": "SELECT id FROM release "
        "WHERE window_start >= '2017-01-01' AND window_start < '2017-04-01'",
        "ix_source_due": "SELECT id FROM source WHERE enabled = 1 AND next_check_at <= '2017'",
        "ix_delivery_due": "SELECT id FROM delivery "
        "WHERE status = 'pending' AND next_attempt_at <= '2017'",
    }
    with runtime.session() as s:
        for index, sql in queries.items():
            plan = s.connection().execute(text(f"EXPLAIN QUERY PLAN {sql}")).all()
            assert index in str(plan), (index, plan)
    runtime.close()
