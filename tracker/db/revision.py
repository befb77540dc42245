"""The schema revision this code needs, and what to say when a database is not at it.

Kept apart from `schema` (which reads the revision through SQLAlchemy) so that the quick query
path can check a SQLite file with the standard library alone.
"""

from __future__ import annotations

SCHEMA_REVISION = "0006"
"""The head revision this code needs; a test checks it against the migration scripts."""


def stale_schema(current: str | None) -> str | None:
    """Why a database at revision `current` cannot be used (None when it can)."""
    if current == SCHEMA_REVISION:
        return None
    state = "empty" if current is None else f"at revision {current}"
    return (
        f"the database is {state}, this tracker needs {SCHEMA_REVISION}: run `tracker db upgrade`"
    )
