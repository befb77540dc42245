"""`tracker watch …`: the titles a subscription follows."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import ready
from tracker.cli.output import err, show_table
from tracker.cli.reading import reading

if TYPE_CHECKING:
    pass

app = typer.Typer(
    help="The titles you follow (for `upcoming --watched` and alerts).", no_args_is_help=True
)
SubscriptionOption = Annotated[str, typer.Option("--subscription", help="Whose watch list.")]


@app.command()
def add(
    ctx: typer.Context,
    titles: Annotated[list[str], typer.Argument(help="Titles to watch.")],
    subscription: SubscriptionOption = "default",
) -> None:
    """Watch titles, even ones no article has mentioned yet, e.g. `tracker watch add "Loki"`."""
    from tracker.queries.watch import add_watches

    rt = ready(ctx)
    with rt.write_session() as session:
        added = add_watches(session, name=subscription, titles=titles, now=rt.clock())
    for title in added:
        print(f"watching {title}")
    for title in titles:
        if " ".join(title.split()) not in added:
            err(f"already watching {title}")


@app.command("list")
def list_(ctx: typer.Context, subscription: SubscriptionOption = "default") -> None:
    """List watched titles and whether they match a known work, e.g. `tracker watch list`."""
    from tracker.queries.watch_lists import list_watches

    with reading(ctx) as scope:
        rows = list_watches(scope.reader, name=subscription)
    if not rows:
        err(f"the watch list of {subscription!r} is empty: `tracker watch add TITLE`")
        return
    show_table(None, ["title", "seen"], [[t, "yes" if w else "not yet"] for t, w in rows])


@app.command()
def remove(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The watched title.")],
    subscription: SubscriptionOption = "default",
) -> None:
    """Stop watching a title, e.g. `tracker watch remove "Loki"`."""
    from tracker.queries.watch import remove_watch

    rt = ready(ctx)
    with rt.write_session() as session:
        removed = remove_watch(session, name=subscription, title=title)
    print(f"no longer watching {removed}")
