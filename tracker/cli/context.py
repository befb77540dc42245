"""What every data command starts with: its runtime, the database at the schema it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tracker.runtime import Runtime


def ready(ctx: typer.Context) -> Runtime:
    """The command's runtime, after checking the schema (a clear error and exit 5 if stale)."""
    from tracker.db.schema import require_current

    rt: Runtime = ctx.obj
    require_current(rt.engine)
    return rt
