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
    config = _config()
    with database_errors(engine.url), writer(engine).connect() as connection:
        config.attributes["connection"] = connection
        try:
            action(config, revision)
        except Exception as error:
            if type(error).__module__.startswith("alembic"):
                raise SchemaError(f"migration to {revision!r} failed: {error}") from error
            raise
        connection.commit()
