"""Engines for SQLite and PostgreSQL behind one code path, and their errors in our words.

SQLite: every connection sets `busy_timeout` first, then WAL and `foreign_keys=ON`. Write
transactions begin with `BEGIN IMMEDIATE`, taking the write lock up front: under the default
deferred `BEGIN`, two writers that both read first deadlock on the upgrade and one fails with
"database is locked" at once, busy timeout or not. Readers keep deferred transactions, which
WAL lets run beside a writer. PostgreSQL needs none of this; read-modify-write code locks its
rows with `SELECT … FOR UPDATE` (a no-op on SQLite, where the whole database is locked).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc, text
from sqlalchemy.engine import URL, Engine, make_url

from tracker.db.failures import database_failure
from tracker.errors import (
    ConfigError,
    DatabaseError,
)
from tracker.folders import make_folder

WRITE_OPTION = "tracker_write"
"""Execution option marking a connection whose transactions must begin IMMEDIATE on SQLite."""


def parse_database_url(raw: str) -> URL:
    """Parse and check a database URL; plain `postgresql://` means psycopg 3.

    >>> parse_database_url("postgresql://u@h/db").drivername
    'postgresql+psycopg'
    >>> parse_database_url("sqlite:////tmp/x.sqlite3").database
    '/tmp/x.sqlite3'
    """
    try:
        url = make_url(raw)
    except exc.ArgumentError:
        raise ConfigError(
            "invalid database URL: expected e.g. sqlite:///path/to/tracker.sqlite3 "
            "or postgresql+psycopg://user@host/dbname"
        ) from None
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ConfigError(f"unsupported database {backend!r}: use sqlite or postgresql")
    if backend == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    return url


def safe_url(url: URL | str) -> str:
    """The URL as it may be shown to people and logs: the password hidden."""
    parsed = url if isinstance(url, URL) else make_url(url)
    return parsed.render_as_string(hide_password=True)


def create_db_engine(raw_url: str, *, busy_timeout_ms: int = 30_000) -> Engine:
    """Build the engine for a URL. Nothing connects until the engine is first used."""
    url = parse_database_url(raw_url)
    try:
        if url.get_backend_name() == "sqlite":
            return _sqlite_engine(url, busy_timeout_ms)
        return create_engine(url, pool_pre_ping=True)
    except (exc.NoSuchModuleError, ModuleNotFoundError) as error:
        raise ConfigError(
            f"no driver for {url.drivername}: install the `postgres` extra "
            f"(pip install 'tracker[postgres]') ({error})"
        ) from None


def _sqlite_engine(url: URL, busy_timeout_ms: int) -> Engine:
    if url.database and url.database != ":memory:":
        make_folder(Path(url.database).expanduser().parent, what="the database's folder")
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us, not the driver, decide when transactions begin (SQLAlchemy's pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        immediate = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def writer(engine: Engine) -> Engine:
    """The same engine, its transactions marked as writes (BEGIN IMMEDIATE on SQLite)."""
    return engine.execution_options(**{WRITE_OPTION: True})


@contextmanager
def database_errors(url: URL | str) -> Iterator[None]:
    """Translate driver errors about the database itself into `DatabaseError`s.

    Integrity errors pass through untouched: they are about the data, and the service that
    caused them decides what they mean.
    """
    try:
        yield
    except exc.IntegrityError:
        raise
    except exc.DBAPIError as error:
        raise translate(error, safe_url(url)) from error


def translate(error: exc.DBAPIError, shown_url: str) -> DatabaseError:
    """Turn a driver error into one line that tells the user what to do."""
    original = error.orig
    detail = str(original).strip().splitlines()[0] if original is not None else str(error)
    return database_failure(
        detail,
        shown_url,
        sqlite_file=isinstance(original, sqlite3.DatabaseError),
        operational=isinstance(error, exc.OperationalError),
    )


def ping(engine: Engine) -> None:
    """Connect and read something, so that a bad file or server fails here, clearly."""
    with database_errors(engine.url), engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA schema_version"))  # reads the file header
        else:
            connection.execute(text("SELECT 1"))
