"""The root of the `tracker` command: global options, sub-commands, and error handling."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tracker.cli import alerts as alert_commands
from tracker.cli import config as config_commands
from tracker.cli import daemon as daemon_commands
from tracker.cli import db as db_commands
from tracker.cli import ingest as ingest_commands
from tracker.cli import parse as parse_commands
from tracker.cli import queries as query_commands
from tracker.cli import serve as serve_commands
from tracker.cli import sources as sources_commands
from tracker.cli import subscriptions as subscription_commands
from tracker.cli import watch as watch_commands
from tracker.errors import EXIT_INTERRUPTED, TrackerError


class _TrackerGroup(TyperGroup):
    """The root group: a `TrackerError` anywhere below becomes one line and its exit code."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; report our errors the documented way."""
        try:
            return super().invoke(ctx)
        except TrackerError as error:
            print(f"tracker: {error}", file=sys.stderr)
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_TrackerGroup,
    name="tracker",
    help=(
        "Release dates from the news: what is coming, when, and how sure we are.\n\n"
        "Example: `tracker db upgrade && tracker db current`"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(db_commands.app, name="db")
app.add_typer(config_commands.app, name="config")
app.add_typer(sources_commands.app, name="sources")
parse_commands.register(app)
ingest_commands.register(app)
query_commands.register(app)
app.add_typer(watch_commands.app, name="watch")
app.add_typer(subscription_commands.app, name="subscriptions")
app.add_typer(subscription_commands.feed_app, name="feed")
serve_commands.register(app)
daemon_commands.register(app)
app.add_typer(alert_commands.channels_app, name="channels")
app.add_typer(alert_commands.alerts_app, name="alerts")


def _print_version(value: bool) -> None:
    if value:
        from tracker import __version__

        print(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", callback=_print_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Release dates from the news: what is coming, when, and how sure we are."""
    # Nothing here: each command builds its runtime when it needs one (`context.runtime`), so
    # `parse` and the quick queries never load the settings or the database layer.


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; every `TrackerError` becomes one line on stderr and its exit code."""
    try:
        result = app(args=argv, prog_name="tracker", standalone_mode=False, obj=None)
        return result if isinstance(result, int) else 0
    except TrackerError as error:
        print(f"tracker: {error}", file=sys.stderr)
        return error.exit_code
    except typer.Exit as done:
        return int(done.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        print("tracker: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as error:  # the outermost boundary
        if _is_usage_error(error):
            error.show()  # type: ignore[attr-defined]
            return int(error.exit_code)  # type: ignore[attr-defined]
        if _debug_enabled():
            raise
        print(
            f"tracker: internal error: {type(error).__name__}: {error} "
            "(set TRACKER_DEBUG=1 to see the traceback, and please report it)",
            file=sys.stderr,
        )
        return 1


def _is_usage_error(error: Exception) -> bool:
    """A click-style error (bad option, unknown command): Typer may vendor its own click."""
    return callable(getattr(error, "show", None)) and isinstance(
        getattr(error, "exit_code", None), int
    )


def _debug_enabled() -> bool:
    from tracker.settings import load_settings

    try:
        return load_settings().debug
    except TrackerError:
        return False
