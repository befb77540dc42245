"""Alembic environment: the only path by which the schema changes.

`tracker db upgrade` hands us an open connection in `config.attributes["connection"]`.
Developers may also run `alembic` from a checkout (alembic.ini), which reads the URL from the
tracker's settings.
"""

from __future__ import annotations

from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy.engine import Connection
from sqlmodel.sql.sqltypes import AutoString

from tracker.db.models import metadata
from tracker.db.types import UTCDateTime


def render_item(type_: str, obj: Any, _autogen_context: AutogenContext) -> str | Literal[False]:
    """Render our column types as plain SQLAlchemy ones, so migrations never import the app."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and isinstance(obj, AutoString):
        return f"sa.String(length={obj.length})" if obj.length else "sa.String()"
    return False


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    if context.is_offline_mode():
        raise SystemExit("offline (SQL script) migrations are not supported")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_migrations(connection)
        return
    from tracker.db.engine import create_db_engine, writer
    from tracker.settings import load_settings

    settings = load_settings()
    engine = create_db_engine(settings.effective_database_url)
    with writer(engine).connect() as conn:
        run_migrations(conn)
    engine.dispose()


main()
