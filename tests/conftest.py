from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tracker.db import migrate
from tracker.runtime import Runtime
from tracker.settings import Settings

# Reading in the poller's own process unless a test asks for workers (the default is one on a
# machine with two cores): a worker's start would only slow the many small polls of the suite.
os.environ.setdefault("TRACKER_EXTRACT_PROCESSES", "0")

POSTGRES_ADMIN_URL = os.environ.get(
    "TRACKER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _connect(**options: object):  # type: ignore[no-untyped-def]
    """A psycopg connection to the admin database."""
    import psycopg

    url = make_url(POSTGRES_ADMIN_URL)
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        dbname=url.database,
        password=url.password,
        **options,  # type: ignore[arg-type]
    )


def _postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None when it can."""
    try:
        import psycopg
    except ImportError as error:  # pragma: no cover - the test extra installs it
        return f"psycopg is not installed ({error})"
    try:
        with _connect(connect_timeout=3):
            return None
    except psycopg.Error as error:
        shown = make_url(POSTGRES_ADMIN_URL).render_as_string(hide_password=True)
        return f"PostgreSQL not reachable at {shown}: {error}"


def require_postgres() -> None:
    """Skip (outside CI) or fail (under CI=true) when PostgreSQL is not reachable."""
    problem = _postgres_problem()
    if problem is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true requires PostgreSQL: {problem}")
    pytest.skip(problem)


def _admin(sql: str) -> None:
    with _connect(autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    require_postgres()
    name = f"tracker_test_{uuid.uuid4().hex[:12]}"
    _admin(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tracker.sqlite3'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database on each backend (convention 12)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


def make_runtime(url: str, tmp_path: Path) -> Runtime:
    return Runtime(settings=Settings(database_url=url, data_dir=tmp_path / "data"))


@pytest.fixture
def runtime(empty_db_url: str, tmp_path: Path) -> Iterator[Runtime]:
    """A runtime on an empty, migrated database, on each backend."""
    rt = make_runtime(empty_db_url, tmp_path)
    migrate.upgrade(rt.engine)
    yield rt
    rt.close()
