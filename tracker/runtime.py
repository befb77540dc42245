"""The composition root: settings in, engine, sessions and clock out.

Nothing is built at import. The CLI, the daemon and the tests each build a `Runtime` (tests
with their own settings or clock) and pass it down.
"""

from __future__ import annotations

import os
import secrets
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session

from tracker.db.engine import create_db_engine, database_errors, writer
from tracker.settings import Settings

if TYPE_CHECKING:  # the fetcher (httpx) is imported only by commands that fetch
    from tracker.ingest.extraction import ExtractorPool
    from tracker.ingest.fetch import Fetcher


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

    def fetcher(self) -> Fetcher:
        """A new HTTP fetcher configured from the settings; the caller closes it."""
        from tracker.ingest.fetch import Fetcher, default_user_agent

        s = self.settings
        return Fetcher(
            user_agent=default_user_agent(),
            connect_timeout=s.fetch_connect_timeout,
            read_timeout=s.fetch_read_timeout,
            max_bytes=s.fetch_max_bytes,
            per_host_limit=s.fetch_per_host_limit,
            allow_private=s.allow_private_addresses,
        )

    @cached_property
    def secret(self) -> bytes:
        """The instance secret feed tokens are derived from (kept apart from the database)."""
        from tracker.calendar.tokens import load_or_create_secret

        if self.settings.secret_key is not None:
            return self.settings.secret_key.get_secret_value().encode()
        return load_or_create_secret(self.settings.data_dir)

    @cached_property
    def owner(self) -> str:
        """This process's name on the leases it takes: host, pid and a random part."""
        return f"{socket.gethostname()[:40]}:{os.getpid()}:{secrets.token_hex(4)}"

    @cached_property
    def extractors(self) -> ExtractorPool:
        """Processes that read articles for the poller (started on first use)."""
        from tracker.ingest.extraction import ExtractorPool

        return ExtractorPool(self.settings.extract_processes)

    def serving_at(self, host: str, port: int) -> None:
        """Link feeds to where this process serves, unless TRACKER_BASE_URL says otherwise."""
        if "base_url" in self.settings.model_fields_set:
            return
        shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
        self.settings = self.settings.model_copy(update={"base_url": f"http://{shown}:{port}"})

    def close(self) -> None:
        """Stop the extraction workers and release the engine's connections, if ever built."""
        if "extractors" in self.__dict__:
            self.extractors.close()
        if "engine" in self.__dict__:
            self.engine.dispose()
