from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tests.conftest import make_runtime
from tracker.db import migrate
from tracker.db.models import metadata

TABLES = {
    "work",
    "work_alias",
    "release",
    "article",
    "sighting",
    "date_change",
    "source",
    "subscription",
    "watch",
    "channel",
    "delivery",
}


def _differences(engine) -> list[object]:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def test_upgrade_head_matches_the_models(empty_db_url: str, tmp_path: Path) -> None:
    rt = make_runtime(empty_db_url, tmp_path)
    assert migrate.current_revision(rt.engine) is None
    migrate.upgrade(rt.engine)
    assert migrate.current_revision(rt.engine) == migrate.head_revision()
    assert set(inspect(rt.engine).get_table_names()) >= TABLES
    assert _differences(rt.engine) == []
    rt.close()


def test_downgrade_base_then_upgrade_head(empty_db_url: str, tmp_path: Path) -> None:
    rt = make_runtime(empty_db_url, tmp_path)
    migrate.upgrade(rt.engine)
    migrate.downgrade(rt.engine, "base")
    assert migrate.current_revision(rt.engine) is None
    assert set(inspect(rt.engine).get_table_names()) & TABLES == set()
    migrate.upgrade(rt.engine)
    assert _differences(rt.engine) == []
    rt.close()


def test_models_cover_every_table() -> None:
    assert set(metadata.tables) == TABLES


def test_the_schema_revision_constant_is_the_migrations_head() -> None:
    from tracker.db.schema import SCHEMA_REVISION

    assert migrate.head_revision() == SCHEMA_REVISION


def test_require_current_reads_the_stored_revision(empty_db_url: str, tmp_path: Path) -> None:
    import pytest

    from tracker.db.schema import require_current, stored_revision
    from tracker.errors import SchemaError

    rt = make_runtime(empty_db_url, tmp_path)
    with pytest.raises(SchemaError, match="the database is empty"):
        require_current(rt.engine)
    migrate.upgrade(rt.engine)
    assert stored_revision(rt.engine) == migrate.current_revision(rt.engine)
    require_current(rt.engine)
    rt.close()


def test_0004_recomputes_support_from_stored_sightings(empty_db_url: str, tmp_path: Path) -> None:
    """A database from before consensus: its sightings learn their sites and its releases
    their support, without any date changing; downgrading drops only what 0004 added."""
    from sqlalchemy import select

    rt = make_runtime(empty_db_url, tmp_path)
    migrate.upgrade(rt.engine, "0003")
    at = datetime(2027, 2, 1, 12, tzinfo=UTC)
    wire = "Glass Harbor will premiere March 5 on Netflix, the streamer said."
    with rt.engine.begin() as conn:
        table = _reflect(conn)
        conn.execute(
            table["work"].insert(),
            [{"id": 1, "title": "Glass Harbor", "key": "glass harbor", "created_at": at}],
        )
        conn.execute(
            table["release"].insert(),
            [
                {
                    "id": 1,
                    "work_id": 1,
                    "season": 0,
                    "kind": "premiere",
                    "date_value": "2027-03-05",
                    "precision": "day",
                    "window_start": date(2027, 3, 5),
                    "window_end": date(2027, 3, 5),
                    "date_as_of": date(2027, 2, 3),
                    "platform": "Netflix",
                    "status": "announced",
                    "revision": 0,
                    "sequence": 0,
                    "first_seen_at": at,
                    "updated_at": at,
                }
            ],
        )
        articles = [
            (1, "https://www.variety.example/a", wire, "2027-03-05", 1),
            (2, "https://wire.example/b", wire, "2027-03-05", 2),  # a syndicated copy
            (
                3,
                "https://tvline.example/c",
                "Glass Harbor arrives on Netflix April 2.",
                "2027-04-02",
                3,
            ),
        ]
        conn.execute(
            table["article"].insert(),
            [
                {
                    "id": i,
                    "url": url,
                    "content_hash": f"{i:064d}",
                    "published_at": at + timedelta(days=d - 1),
                    "fetched_at": at,
                    "text": text,
                }
                for i, url, text, _, d in articles
            ],
        )
        conn.execute(
            table["sighting"].insert(),
            [
                {
                    "id": i,
                    "release_id": 1,
                    "article_id": i,
                    "title_as_written": "Glass Harbor",
                    "date_value": value,
                    "precision": "day",
                    "platform": None,
                    "evidence": text,
                    "start": 0,
                    "end": len(text),
                    "confidence": 0.8,
                    "created_at": at,
                }
                for i, _, text, value, _ in articles
            ],
        )
        conn.execute(table["subscription"].insert(), [{**SUBSCRIPTION, "digest": False}])
    migrate.upgrade(rt.engine)
    with rt.engine.connect() as conn:
        table = _reflect(conn)
        sightings = conn.execute(
            select(
                table["sighting"].c.site,
                table["sighting"].c.published,
                table["sighting"].c.explicit,
                table["sighting"].c.copy_key,
            ).order_by(table["sighting"].c.id)
        ).all()
        release = conn.execute(select(table["release"])).mappings().one()
        floor = conn.execute(select(table["subscription"].c.min_confidence)).scalar_one()
    assert [(s[0], _as_date(s[1]), bool(s[2])) for s in sightings] == [
        ("variety.example", date(2027, 2, 1), False),
        ("wire.example", date(2027, 2, 2), False),
        ("tvline.example", date(2027, 2, 3), False),
    ]
    assert sightings[0][3] == sightings[1][3] != sightings[2][3]
    assert release["date_value"] == "2027-03-05"  # no date changes under an upgrade
    assert (release["sources"], bool(release["disputed"])) == (1, True)
    assert release["confidence"] == pytest.approx(0.8)
    support = (
        release["support"]
        if isinstance(release["support"], list)
        else json.loads(release["support"])
    )
    assert support == [
        {"date": "2027-03-05", "sites": ["variety.example"], "rival": False},
        {"date": "2027-04-02", "sites": ["tvline.example"], "rival": True},
    ]
    assert floor == pytest.approx(0.5)
    migrate.downgrade(rt.engine, "0003")
    assert {c["name"] for c in inspect(rt.engine).get_columns("release")} >= {"date_value"}
    assert "confidence" not in {c["name"] for c in inspect(rt.engine).get_columns("release")}
    migrate.upgrade(rt.engine)
    assert _differences(rt.engine) == []
    rt.close()


SUBSCRIPTION = {
    "id": 1,
    "name": "me",
    "kinds": [],
    "platforms": [],
    "min_precision": "tba",
    "coarse": "start",
    "reminder_days": [7, 1],
    "created_at": datetime(2027, 2, 1, 12, tzinfo=UTC),
}
"""A subscription row as revisions 0002 and 0003 store it (0003 adds `digest`)."""


def _reflect(conn) -> dict[str, object]:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    meta = sa.MetaData()
    meta.reflect(conn, only=[t for t in TABLES if t in sa.inspect(conn).get_table_names()])
    return dict(meta.tables)


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def test_a_rebuilt_table_keeps_its_child_rows(empty_db_url: str, tmp_path: Path) -> None:
    """0003 rebuilds `subscription` on SQLite; its watches and channels must survive that."""
    rt = make_runtime(empty_db_url, tmp_path)
    migrate.upgrade(rt.engine, "0002")
    at = datetime(2027, 2, 1, 12, tzinfo=UTC)
    with rt.engine.begin() as conn:
        meta = _reflect(conn)
        conn.execute(meta["subscription"].insert(), [SUBSCRIPTION])
        conn.execute(
            meta["watch"].insert(),
            [
                {
                    "subscription_id": 1,
                    "title": "Glass Harbor",
                    "key": "glass harbor",
                    "created_at": at,
                }
            ],
        )
        conn.execute(
            meta["channel"].insert(),
            [
                {
                    "subscription_id": 1,
                    "name": "mail",
                    "url": "mailto://x",
                    "enabled": True,
                    "created_at": at,
                }
            ],
        )
    migrate.upgrade(rt.engine)
    with rt.engine.connect() as conn:
        meta = _reflect(conn)
        assert len(conn.execute(meta["watch"].select()).all()) == 1
        assert len(conn.execute(meta["channel"].select()).all()) == 1
    rt.close()


def test_0005_keeps_the_uids_subscribers_have_and_new_releases_get_unique_ones(
    empty_db_url: str, tmp_path: Path
) -> None:
    """Releases published before 0005 keep `release-<id>@tracker` (no duplicate events in a
    subscriber's calendar); a release made afterwards gets a UUID no other instance shares."""
    from sqlmodel import select

    from tracker.db.models import Release
    from tracker.ingest.articles import RawArticle
    from tracker.ingest.service import ingest_article

    rt = make_runtime(empty_db_url, tmp_path)
    migrate.upgrade(rt.engine, "0004")
    at = datetime(2027, 2, 1, 12, tzinfo=UTC)
    with rt.engine.begin() as conn:
        table = _reflect(conn)
        work_id = conn.execute(
            table["work"].insert().returning(table["work"].c.id),
            [{"title": "Glass Harbor", "key": "glass harbor", "created_at": at}],
        ).scalar_one()
        conn.execute(
            table["release"].insert(),
            [
                {
                    "id": 7,  # an explicit id: PostgreSQL's sequence still starts at 1
                    "work_id": work_id,
                    "season": 0,
                    "kind": "premiere",
                    "date_value": "2027-03-05",
                    "precision": "day",
                    "status": "announced",
                    "revision": 0,
                    "sequence": 0,
                    "first_seen_at": at,
                    "updated_at": at,
                }
            ],
        )
    migrate.upgrade(rt.engine)
    with rt.write_session() as session:
        ingest_article(
            RawArticle(text="Salt Meadow will premiere April 2 on Netflix.", published=at.date()),
            session=session,
            now=at,
        )
    with rt.session() as session:
        uids = {r.id: r.uid for r in session.exec(select(Release))}
    assert uids[7] == "release-7@tracker"
    fresh = [u for i, u in uids.items() if i != 7]
    assert len(fresh) == 1
    assert fresh[0].endswith("@tracker")
    assert len(fresh[0]) == len("12345678-1234-1234-1234-123456789012@tracker")
    assert fresh[0] != "release-8@tracker"
    rt.close()
