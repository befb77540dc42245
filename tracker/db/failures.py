"""A database driver's error as one line that says what to do (no SQLAlchemy needed)."""

from __future__ import annotations

from tracker.errors import (
    DatabaseError,
    DatabaseUnavailableError,
    NotADatabaseError,
    SchemaError,
)


def database_failure(
    detail: str, shown_url: str, *, sqlite_file: bool, operational: bool
) -> DatabaseError:
    """The error to report for a driver's message `detail` about the database at `shown_url`.

    Args:
        detail: The first line of the driver's message.
        shown_url: The database's address, password hidden.
        sqlite_file: The error came from sqlite3 (a file that is no database says so).
        operational: The driver called it operational (the database cannot be reached or used).
    """
    if sqlite_file and "not a database" in detail:
        return NotADatabaseError(f"{shown_url} is not a SQLite database ({detail})")
    if "no such table" in detail or ("relation" in detail and "does not exist" in detail):
        return SchemaError(
            f"the database at {shown_url} is not initialised: run `tracker db upgrade` ({detail})"
        )
    if operational:
        return DatabaseUnavailableError(f"cannot use the database at {shown_url}: {detail}")
    return DatabaseError(f"database error at {shown_url}: {detail}")
