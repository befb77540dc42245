"""Where the query commands read: straight from the SQLite file when they can.

`tracker upcoming`, `show`, `search`, `changes` and `watch list` answer a person at a prompt.
Loading the settings (pydantic) and the database layer (SQLAlchemy, SQLModel) takes longer than
the whole answer should, so on the embedded database these commands read the file through the
standard library's sqlite3 (see `tracker.queries.reader`), with the three settings they need
read from the environment as `Settings` reads them.

Whenever that reading could differ from the settings' own, the full path is taken instead: a
`.env` file in the working directory, a database URL other than a plain SQLite file, a time zone
that does not parse (the settings then report it), or a runtime passed in by a caller.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import typer

from tracker.cli.context import ready
from tracker.db.failures import database_failure
from tracker.db.revision import stale_schema
from tracker.errors import DatabaseError, SchemaError
from tracker.names import DATABASE_FILENAME, ENV_PREFIX
from tracker.queries.reader import Reader, SessionReader, SqliteReader


@dataclass(frozen=True, slots=True)
class ReadScope:
    """What a query command reads with: the rows, the display zone and the clock."""

    reader: Reader
    zone: ZoneInfo
    now: Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class QuickSettings:
    """The settings a query needs, when they can be read without `Settings`."""

    database: Path
    zone: ZoneInfo


def _utc_now() -> datetime:
    return datetime.now(UTC)


def quick_settings(
    environ: dict[str, str] | None = None, cwd: Path | None = None
) -> QuickSettings | None:
    """The database file and zone, or None when only `Settings` can say (see the module)."""
    if ((cwd or Path.cwd()) / ".env").exists():
        return None
    source = os.environ if environ is None else environ
    env = {k.upper(): v for k, v in source.items() if k.upper().startswith(ENV_PREFIX)}
    try:
        zone = ZoneInfo(env.get(f"{ENV_PREFIX}TIMEZONE", "UTC"))
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return None
    url = env.get(f"{ENV_PREFIX}DATABASE_URL", "").strip()
    if url:
        path = url.removeprefix("sqlite:///")
        if path == url or not path or "?" in path or path == ":memory:":
            return None
        return QuickSettings(database=Path(path), zone=zone)
    folder = env.get(f"{ENV_PREFIX}DATA_DIR")
    if folder is None:
        from platformdirs import user_data_path

        data_dir = user_data_path("tracker", appauthor=False)
    else:
        data_dir = Path(folder)
    return QuickSettings(database=data_dir / DATABASE_FILENAME, zone=zone)


def _failure(error: sqlite3.DatabaseError, path: Path) -> DatabaseError:
    """A driver error as one line, worded as the full path words it (`db.failures`)."""
    detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
    return database_failure(
        detail,
        f"sqlite:///{path}",
        sqlite_file=True,
        operational=isinstance(error, sqlite3.OperationalError),
    )


def _open_current(path: Path) -> SqliteReader:
    """A read-only reader of `path`, once its schema is the one this code needs."""
    if not path.is_file():
        raise SchemaError(stale_schema(None) or "")
    reader = SqliteReader(str(path))
    try:
        versions = reader.rows(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        )
        rows = reader.rows("SELECT version_num FROM alembic_version") if versions else []
    except sqlite3.DatabaseError as error:
        reader.close()
        raise _failure(error, path) from None
    problem = stale_schema(str(rows[0][0]) if rows else None)
    if problem is not None:
        reader.close()
        raise SchemaError(problem)
    return reader


@contextmanager
def reading(ctx: typer.Context) -> Iterator[ReadScope]:
    """A read scope for one query command (quick on a plain SQLite file; see the module)."""
    quick = quick_settings() if ctx.find_root().obj is None else None
    if quick is not None:
        reader = _open_current(quick.database)
        try:
            yield ReadScope(reader, quick.zone, _utc_now)
        except sqlite3.DatabaseError as error:
            raise _failure(error, quick.database) from None
        finally:
            reader.close()
        return
    rt = ready(ctx)
    with rt.session() as session:
        yield ReadScope(SessionReader(session), rt.settings.zone, rt.clock)
