"""Read-only SQL for the query commands, run through SQLAlchemy or straight through sqlite3.

People type `tracker upcoming`, `show`, `search`, `changes` and `watch list` and wait for the
answer, and importing SQLAlchemy and SQLModel alone takes longer than the answer should. So the
queries behind them are written once, as SQL with `:name` parameters that both sqlite3 and
SQLAlchemy's `text()` understand, and run by a `Reader`:

- `SqliteReader`: the standard library's sqlite3 on a read-only connection (the CLI's quick
  path on the embedded database);
- `SessionReader`: an SQLAlchemy session (PostgreSQL, tests, the server).

The two drivers hand values back differently (SQLite keeps dates and times as text, 0/1 for
booleans); `as_date`, `as_utc` and `bool` turn either into the same Python values, and `bind`
turns parameters into what each backend stores, so a comparison means the same on both.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Row = Sequence[Any]

_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy's DateTime stores a time in SQLite (naive UTC, as `UTCDateTime` writes it)."""


@runtime_checkable
class Reader(Protocol):
    """Runs one read-only statement and returns its rows."""

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """The rows `sql` selects, parameters bound by name."""
        ...


def bind(value: Any, *, sqlite: bool) -> Any:
    """A parameter as the backend stores it: on SQLite dates and times are text."""
    if not sqlite:
        return value
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the database holds aware UTC times")
        return value.astimezone(dt.UTC).replace(tzinfo=None).strftime(_SQLITE_DATETIME)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def as_date(value: Any) -> dt.date | None:
    """A stored date (text on SQLite) as a date."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_utc(value: Any) -> dt.datetime:
    """A stored `UTCDateTime` (naive text on SQLite, aware on PostgreSQL) as aware UTC."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def listed(name: str, values: Iterable[Any]) -> tuple[str, dict[str, Any]]:
    """Placeholders and parameters for `IN (...)`: ("(:k_0, :k_1)", {"k_0": …, "k_1": …}).

    An empty list gives "(NULL)", which matches nothing.
    """
    params = {f"{name}_{i}": value for i, value in enumerate(values)}
    if not params:
        return "(NULL)", {}
    return "(" + ", ".join(f":{key}" for key in params) + ")", params


class SqliteReader:
    """Reads a SQLite file through the standard library, never writing to it."""

    def __init__(self, path: str) -> None:
        """Open `path` read-only.

        Raises:
            sqlite3.OperationalError: there is no database file at `path`.
        """
        uri = "file:" + path.replace("?", "%3f").replace("#", "%23") + "?mode=ro"
        self._connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._connection.execute("PRAGMA busy_timeout = 5000")

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """The rows `sql` selects."""
        bound = {k: bind(v, sqlite=True) for k, v in (params or {}).items()}
        return self._connection.execute(sql, bound).fetchall()

    def close(self) -> None:
        """Close the connection."""
        self._connection.close()


class SessionReader:
    """Reads through an SQLAlchemy session (and its transaction)."""

    def __init__(self, session: Session) -> None:
        """Read with `session`."""
        self._session = session
        self._sqlite = session.get_bind().dialect.name == "sqlite"

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """The rows `sql` selects."""
        from sqlalchemy import text

        bound = {k: bind(v, sqlite=self._sqlite) for k, v in (params or {}).items()}
        return [tuple(row) for row in self._session.execute(text(sql), bound)]


def reading(source: Reader | Session) -> Reader:
    """A reader for `source`: itself when it is one, else one over the SQLAlchemy session."""
    if isinstance(source, Reader):
        return source
    return SessionReader(source)
