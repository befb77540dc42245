"""`tracker upcoming`, `show`, `search`, `changes`: questions about what is coming."""

from __future__ import annotations

import csv
import sys
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.output import JsonFlag, err, is_terminal, show_json, show_jsonl, show_table
from tracker.cli.reading import ReadScope, reading
from tracker.core.durations import MAX_DAYS_AHEAD, parse_duration
from tracker.errors import InputError
from tracker.extract.records import Kind, Precision
from tracker.names import MAX_ID

if TYPE_CHECKING:
    from tracker.queries.reader import Reader
    from tracker.queries.views import ReleaseView

#: How many claims `show` prints of each release unless told: the newest, which decide its date.
SHOWN_CLAIMS = 10

EMPTY = (
    "nothing is known yet: add a source with `tracker sources add URL|PATH`, then run "
    "`tracker sources poll --once` (or read articles once with `tracker ingest FILE`)"
)


def register(app: typer.Typer) -> None:
    """Add the query commands to the root command."""
    for command in (upcoming, show, search, changes):
        app.command()(command)


def _iso(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{option} expects YYYY-MM-DD, got {value!r}") from None


def _is_empty(reader: Reader) -> bool:
    return not reader.rows("SELECT id FROM work LIMIT 1")


def upcoming(
    ctx: typer.Context,
    days: Annotated[
        int, typer.Option(min=1, max=MAX_DAYS_AHEAD, help="Days ahead from today (or from --from).")
    ] = 90,
    from_: Annotated[str | None, typer.Option("--from", help="First day (YYYY-MM-DD).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Last day (YYYY-MM-DD).")] = None,
    kind: Annotated[list[Kind] | None, typer.Option(help="Only this kind (repeatable).")] = None,
    platform: Annotated[
        list[str] | None, typer.Option(help="Only this platform (repeatable).")
    ] = None,
    min_precision: Annotated[
        Precision, typer.Option(help="Only dates at least this precise.")
    ] = Precision.TBA,
    include_tba: Annotated[bool, typer.Option(help="Also list releases with no date.")] = False,
    min_confidence: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Only dates at least this well supported (0 to 1)."),
    ] = 0.0,
    watched: Annotated[bool, typer.Option(help="Only works on the watch list.")] = False,
    subscription: Annotated[str, typer.Option(help="Whose watch list --watched uses.")] = "default",
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON array.")] = False,
    as_jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Print one JSON object a line.")
    ] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV with a header row.")] = False,
) -> None:
    """List releases coming soon, soonest first, e.g. `tracker upcoming --days 30 --json`.

    Coarse dates are placed by the first day of their window and shown as written
    ("summer 2017", "first half of 2018"). Machine output keys: id, title, season, kind, date,
    precision, label, start, end, platform, status, confidence, sources, disputed.
    """
    from tracker.queries.upcoming import UpcomingQuery
    from tracker.queries.upcoming import upcoming as find

    with reading(ctx) as scope:
        today = scope.now().astimezone(scope.zone).date()
        start = _iso(from_, "--from") or today
        # the last day a calendar holds is the end of a window that would run past it
        end = _iso(to, "--to") or start + timedelta(days=min(days, (date.max - start).days))
        if end < start:
            raise InputError("--to is before --from")
        works = None
        if watched:
            from tracker.queries.watch_lists import watched_work_ids

            works = watched_work_ids(scope.reader, name=subscription)
        rows = find(
            scope.reader,
            UpcomingQuery(
                start=start,
                end=end,
                kinds=[str(k) for k in kind or ()],
                platforms=platform or (),
                min_precision=min_precision,
                include_tba=include_tba,
                min_confidence=min_confidence,
                work_ids=works,
            ),
        )
        empty = not rows and _is_empty(scope.reader)
    if as_json or as_jsonl or as_csv:
        _machine([r.to_dict() for r in rows], as_json=as_json, as_jsonl=as_jsonl)
        return
    if empty:
        err(EMPTY)
        return
    if not rows:
        err(f"nothing dated between {start} and {end}" + (" on the watch list" if watched else ""))
        return
    show_table(
        f"Coming {start} to {end}",
        ["when", "title", "season", "kind", "platform", "status", "sources"],
        [[_when(r), r.title, r.season, r.kind, r.platform, r.status, _support(r)] for r in rows],
    )


def _support(row: ReleaseView) -> str:
    """How many sites agree ("3"), and whether others disagree ("1, disputed")."""
    return f"{row.sources}, disputed" if row.disputed else str(row.sources)


def _when(row: ReleaseView) -> str:
    if row.precision == Precision.DAY.value and row.start is not None and is_terminal():
        return f"{row.start:%a} {row.date}"
    return row.label


def _machine(records: list[dict[str, object]], *, as_json: bool, as_jsonl: bool) -> None:
    if as_json:
        show_json(records)
    elif as_jsonl:
        show_jsonl(records)
    else:
        from tracker.queries.views import RELEASE_FIELDS

        writer = csv.DictWriter(sys.stdout, fieldnames=list(RELEASE_FIELDS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)


def show(
    ctx: typer.Context,
    title: Annotated[str, typer.Argument(help="The work's title (close spellings work).")],
    claims: Annotated[
        int | None,
        typer.Option(
            "--claims",
            metavar="N",
            min=0,
            max=MAX_ID,
            help=f"Show each release's N newest claims (0: all). Default {SHOWN_CLAIMS}; "
            "with --json, all.",
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show a work's releases, their date history and evidence, e.g. `tracker show "Iron Fist"`."""
    from tracker.cli.work_detail import detail_dict, print_detail
    from tracker.queries.lookup import find_work, work_detail

    if claims is None:
        claims = 0 if as_json else SHOWN_CLAIMS
    with reading(ctx) as scope:
        if _is_empty(scope.reader):
            raise InputError(EMPTY)
        work = find_work(scope.reader, title)
        detail = work_detail(scope.reader, work, claims=claims or None)
    if as_json:
        show_json(detail_dict(detail))
        return
    print_detail(scope.zone, detail)


def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Part of a title, or a close spelling.")],
    as_json: JsonFlag = False,
) -> None:
    """Find works by title or alias, e.g. `tracker search "iron"`."""
    from tracker.queries.lookup import search as find

    with reading(ctx) as scope:
        found = find(scope.reader, text)
        empty = not found and _is_empty(scope.reader)
    if as_json:
        show_json([{"id": i, "title": t, "score": round(s, 1)} for i, t, s in found])
        return
    if empty:
        err(EMPTY)
    elif not found:
        err(f"no work matches {text!r}")
    else:
        show_table(None, ["id", "title"], [[i, t] for i, t, _ in found])


def changes(
    ctx: typer.Context,
    since: Annotated[str, typer.Option(help="How far back: 12h, 7d, or a date.")] = "7d",
    as_json: JsonFlag = False,
) -> None:
    """List recent date changes, newest first, e.g. `tracker changes --since 12h`.

    Changes are: new, dated (tba got a date), narrowed, moved, delayed, postponed, out.
    """
    from tracker.queries.changes import changes_since

    with reading(ctx) as scope:
        cutoff = _since(since, scope)
        rows = changes_since(scope.reader, cutoff)
        empty = not rows and _is_empty(scope.reader)
    if as_json:
        show_json([r.to_dict() for r in rows])
        return
    if empty:
        err(EMPTY)
        return
    if not rows:
        err(f"no date changed since {cutoff.astimezone(scope.zone):%Y-%m-%d %H:%M}")
        return
    zone = scope.zone
    show_table(
        None,
        ["recorded", "title", "change", "from", "to", "published"],
        [
            [
                r.recorded_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                r.title + (f" S{r.season}" if r.season else ""),
                r.change,
                r.old or "",
                r.new,
                r.published or "",
            ]
            for r in rows
        ],
    )


def _since(value: str, scope: ReadScope) -> datetime:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        try:
            return scope.now() - parse_duration(value)
        except ValueError:
            raise typer.BadParameter(
                f"--since expects a duration (12h, 7d) or a date, got {value!r}"
            ) from None
    return datetime.combine(day, time(0), tzinfo=scope.zone)
