"""`tracker config …`: the settings in effect and their reference."""

from __future__ import annotations

import typer

from tracker.cli.context import runtime

app = typer.Typer(help="Show the settings in effect and their reference.", no_args_is_help=True)


@app.command()
def show(ctx: typer.Context) -> None:
    """Print the settings in effect, passwords hidden, e.g. `tracker config show`."""
    from tracker.db.engine import safe_url
    from tracker.names import ENV_PREFIX

    rt = runtime(ctx)
    values = rt.settings.model_dump()
    values["database_url"] = safe_url(rt.settings.effective_database_url)
    for name, value in values.items():
        shown = value.value if hasattr(value, "value") else value
        print(f"{ENV_PREFIX}{name.upper()}={shown}")


@app.command()
def reference() -> None:
    """Print the configuration reference as Markdown, e.g. `tracker config reference`."""
    from tracker.settings import configuration_reference

    print(configuration_reference(), end="")
