"""Where a database's schema stands, checked without loading Alembic (commands stay quick)."""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from tracker.db.engine import database_errors
from tracker.db.revision import SCHEMA_REVISION, stale_schema
from tracker.errors import SchemaError

__all__ = ["SCHEMA_REVISION", "require_current", "stored_revision"]


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, read with one query (None when empty)."""
    with database_errors(engine.url), engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        value = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return str(value) if value is not None else None


def require_current(engine: Engine) -> None:
    """Fail clearly unless the database is at the revision this code needs."""
    problem = stale_schema(stored_revision(engine))
    if problem is not None:
        raise SchemaError(problem)
