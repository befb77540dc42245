from __future__ import annotations

from pathlib import Path

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
