"""Schema migrations through Alembic: upgrade, downgrade, and where a database stands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

import tracker
from tracker.db.engine import database_errors, writer
from tracker.errors import SchemaError


def migrations_dir() -> Path:
    """Where the migration scripts are: inside the installed package, or the checkout's alembic/."""
    package_dir = Path(tracker.__file__).resolve().parent
    for candidate in (package_dir / "migrations", package_dir.parent / "alembic"):
        if (candidate / "env.py").is_file():
            return candidate
    raise SchemaError("the migration scripts are missing from this installation")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    """The newest revision this code knows."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:  # pragma: no cover - we always ship at least one migration
        raise SchemaError("no migrations are installed")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with database_errors(engine.url), engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision`, in one transaction per step."""
    _run(engine, command.upgrade, revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Take the schema back to `revision` ("base" drops everything)."""
    _run(engine, command.downgrade, revision)


def _run(engine: Engine, action: Callable[[Config, str], None], revision: str) -> None:
    """Run a migration in one transaction.

    On SQLite, Alembic's batch mode changes a table by copying it and dropping the original;
    with foreign keys enforced, that drop would cascade and delete every child row (a release's
    sightings and history). So foreign keys are off while a migration runs (the pragma works
    only outside a transaction), checked before the commit, and on again afterwards.
    """
    config = _config()
    sqlite = engine.dialect.name == "sqlite"
    with database_errors(engine.url), writer(engine).connect() as connection:
        raw = connection.connection.dbapi_connection
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
        config.attributes["connection"] = connection
        try:
            action(config, revision)
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise SchemaError(
                        f"migration to {revision!r} would break {len(broken)} references"
                    )
        except Exception as error:
            connection.rollback()
            if type(error).__module__.startswith("alembic"):
                raise SchemaError(f"migration to {revision!r} failed: {error}") from error
            raise
        finally:
            if sqlite and raw is not None and not connection.in_transaction():
                raw.execute("PRAGMA foreign_keys = ON")
        connection.commit()
        if sqlite and raw is not None:
            raw.execute("PRAGMA foreign_keys = ON")
