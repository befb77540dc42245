"""What every data command starts with: its runtime, the database at the schema it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tracker.runtime import Runtime


def runtime(ctx: typer.Context) -> Runtime:
    """The command's runtime: the one a caller passed (tests), else built from the settings.

    Built on first use, so commands that never need one (the quick queries, `parse`) never
    load the settings or the database layer.
    """
    root = ctx.find_root()
    if root.obj is None:
        from tracker.runtime import Runtime
        from tracker.settings import load_settings

        root.obj = Runtime(settings=load_settings())
    rt: Runtime = root.obj
    return rt


def ready(ctx: typer.Context) -> Runtime:
    """The command's runtime, after checking the schema (a clear error and exit 5 if stale)."""
    from tracker.db.schema import require_current

    rt = runtime(ctx)
    require_current(rt.engine)
    return rt
