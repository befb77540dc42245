"""One exception tree for everything the tracker reports to its users.

Every error a user can cause or meet is a `TrackerError`; the CLI turns it into one line on
stderr and the exit code of its class. Anything else reaching the CLI is a bug (exit 1).

    TrackerError                      exit 1   something went wrong (base class)
    ├── InputError                    exit 2   bad input: an option, a file, a date
    ├── ConfigError                   exit 3   a setting is invalid (e.g. a malformed database URL)
    ├── DatabaseError                 exit 4   the database cannot be used
    │   ├── DatabaseUnavailableError  exit 4   the server does not answer, or refuses us
    │   ├── NotADatabaseError         exit 4   the file exists but is not a SQLite database
    │   └── SchemaError               exit 5   the schema is not at the revision this code needs
    ├── SourceError                   exit 6   a source cannot be fetched or read
    └── NotFoundError                 exit 7   the thing asked for does not exist

Exit code 130 means interrupted (Ctrl-C); 0 means success.
"""

from __future__ import annotations

from typing import ClassVar


class TrackerError(Exception):
    """Base class: a failure the user should see as one clear line, never a traceback."""

    exit_code: ClassVar[int] = 1

    def __init__(self, message: str) -> None:
        """Keep the message; it is what the user reads."""
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        """Return the user-facing message."""
        return self.message


class InputError(TrackerError):
    """Bad input from the user: an option value, a file that cannot be read, a malformed date."""

    exit_code = 2


class ConfigError(TrackerError):
    """A setting is invalid: a malformed database URL, an unknown time zone."""

    exit_code = 3


class DatabaseError(TrackerError):
    """The database cannot be used."""

    exit_code = 4


class DatabaseUnavailableError(DatabaseError):
    """The database server does not answer, or refuses the connection."""


class NotADatabaseError(DatabaseError):
    """The database file exists but is not a SQLite database."""


class SchemaError(DatabaseError):
    """The database schema is not at the revision this code needs (run `tracker db upgrade`)."""

    exit_code = 5


class SourceError(TrackerError):
    """A source cannot be fetched or read."""

    exit_code = 6


class NotFoundError(TrackerError):
    """The thing asked for does not exist."""

    exit_code = 7


EXIT_INTERRUPTED = 130
"""Exit code after Ctrl-C (128 + SIGINT), as shells expect."""


def exit_code_table() -> list[tuple[int, str, str]]:
    """Return (exit code, error class, meaning) rows for every documented exit code.

    >>> exit_code_table()[0]
    (0, '-', 'success')
    """
    rows: list[tuple[int, str, str]] = [(0, "-", "success")]
    for cls in (
        TrackerError,
        InputError,
        ConfigError,
        DatabaseError,
        SchemaError,
        SourceError,
        NotFoundError,
    ):
        doc = (cls.__doc__ or "").strip().splitlines()[0].rstrip(".")
        rows.append((cls.exit_code, cls.__name__, doc))
    rows.append((EXIT_INTERRUPTED, "-", "interrupted (Ctrl-C)"))
    return sorted(rows)
