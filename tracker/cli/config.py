"""`tracker config …`: the settings in effect and their reference."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from tracker.settings import ENV_PREFIX, configuration_reference

if TYPE_CHECKING:
    from tracker.runtime import Runtime

app = typer.Typer(help="Show the settings in effect and their reference.", no_args_is_help=True)


@app.command()
def show(ctx: typer.Context) -> None:
    """Print the settings in effect, passwords hidden, e.g. `tracker config show`."""
    from tracker.db.engine import safe_url

    rt: Runtime = ctx.obj
    values = rt.settings.model_dump()
    values["database_url"] = safe_url(rt.settings.effective_database_url)
    for name, value in values.items():
        shown = value.value if hasattr(value, "value") else value
        print(f"{ENV_PREFIX}{name.upper()}={shown}")


@app.command()
def reference() -> None:
    """Print the configuration reference as Markdown, e.g. `tracker config reference`."""
    print(configuration_reference(), end="")
