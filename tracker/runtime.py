"""The composition root: settings in, engine, sessions and clock out.

Nothing is built at import. The CLI, the daemon and the tests each build a `Runtime` (tests
with their own settings or clock) and pass it down.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker.db.engine import create_db_engine, database_errors, writer
from tracker.settings import Settings


def utc_now() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass
class Runtime:
    """Everything a command, job or request needs, built once from `Settings`."""

    settings: Settings
    clock: Callable[[], datetime] = field(default=utc_now)

    @cached_property
    def engine(self) -> Engine:
        """The database engine, built on first use (so `--help` never touches the database)."""
        return create_db_engine(
            self.settings.effective_database_url,
            busy_timeout_ms=self.settings.sqlite_busy_timeout_ms,
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; its transaction never takes SQLite's write lock."""
        with database_errors(self.engine.url), Session(self.engine) as session:
            yield session

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A session for one write transaction (BEGIN IMMEDIATE on SQLite).

        The caller commits; leaving the block without a commit rolls back.
        """
        with database_errors(self.engine.url), Session(writer(self.engine)) as session:
            yield session

    def close(self) -> None:
        """Release the engine's connections, if it was ever built."""
        if "engine" in self.__dict__:
            self.engine.dispose()
