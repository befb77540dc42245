"""`tracker db …`: create, upgrade and inspect the database schema."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import runtime
from tracker.errors import InputError, SchemaError

if TYPE_CHECKING:
    pass

# Commands import the database layer when they run, so `tracker parse` starts fast.

app = typer.Typer(help="Create, upgrade and inspect the database schema.", no_args_is_help=True)


@app.command()
def upgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision.")] = "head",
) -> None:
    """Create or upgrade the database schema, e.g. `tracker db upgrade`.

    Safe to run at any time: an up-to-date database is left as it is.
    """
    from tracker.db import migrate
    from tracker.db.engine import ping, safe_url

    rt = runtime(ctx)
    ping(rt.engine)
    before = migrate.current_revision(rt.engine)
    migrate.upgrade(rt.engine, revision)
    after = migrate.current_revision(rt.engine)
    where = safe_url(rt.engine.url)
    if before == after:
        print(f"{where}: already at revision {after}")
    else:
        print(f"{where}: upgraded from {before or 'empty'} to {after}")


@app.command()
def current(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Exit with code 5 unless the schema is up to date.")
    ] = False,
) -> None:
    """Show the database's schema revision, e.g. `tracker db current --check`."""
    from tracker.db import migrate
    from tracker.db.engine import ping, safe_url

    rt = runtime(ctx)
    ping(rt.engine)
    revision, head = migrate.current_revision(rt.engine), migrate.head_revision()
    where = safe_url(rt.engine.url)
    if revision == head:
        print(f"{where}: revision {revision} (up to date)")
        return
    state = "empty" if revision is None else f"revision {revision}"
    print(f"{where}: {state}; this tracker needs {head}: run `tracker db upgrade`")
    if check:
        raise SchemaError(f"schema is not at {head}")


@app.command()
def downgrade(
    ctx: typer.Context,
    revision: Annotated[str, typer.Argument(help="Target revision; `base` drops every table.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Confirm: a downgrade can delete stored data.")
    ] = False,
) -> None:
    """Take the schema back to an older revision, e.g. `tracker db downgrade base --yes`."""
    if not yes:
        raise InputError("a downgrade can delete stored data: add --yes to confirm")
    from tracker.db import migrate
    from tracker.db.engine import ping, safe_url

    rt = runtime(ctx)
    ping(rt.engine)
    migrate.downgrade(rt.engine, revision)
    print(f"{safe_url(rt.engine.url)}: now at {migrate.current_revision(rt.engine) or 'base'}")
