"""`tracker parse`: run the extractor on files or on a JSONL batch, without the database."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, TextIO

import typer

from tracker.extract import Announcement

EXIT_FAILED_FILES = 1
EXIT_BAD_INPUT = 2


def _extract(text: str, published: dt.date | None) -> list[Announcement]:
    from tracker.extract.extractor import extract_announcements  # the rules load on first use

    return extract_announcements(text, published=published)


def parse_published(value: str | None) -> dt.date | None:
    """Read a publication date: "YYYY-MM-DD", or "YYYY-MM" for the 1st of that month.

    >>> parse_published("2017-03")
    datetime.date(2017, 3, 1)
    >>> parse_published(None) is None
    True
    """
    if value is None or value == "":
        return None
    text = value.strip()
    if len(text) == 7:
        text += "-01"
    return dt.date.fromisoformat(text)


def _batch_lines(stream: TextIO) -> Iterator[str]:
    """Turn each input line into one output line, in input order."""
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        record: object = None  # never the previous line's: an error must not take its id
        try:
            record = json.loads(raw)
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
            key = record.get("id")
            text = record.get("text") or ""
            if not isinstance(text, str):
                raise ValueError('"text" must be a string')
            published = parse_published(record.get("published"))
        except (ValueError, TypeError) as error:
            print(f"tracker parse: line {number}: {error}", file=sys.stderr)
            key = record.get("id") if isinstance(record, dict) else None
            yield json.dumps({"id": key, "announcements": [], "error": str(error)})
            continue
        found = _extract(text, published)
        yield json.dumps(
            {"id": key, "announcements": [a.to_dict() for a in found]}, ensure_ascii=False
        )


def _run_batch(path: Path) -> int:
    try:
        stream = sys.stdin if str(path) == "-" else path.open(encoding="utf-8", errors="replace")
    except OSError as error:
        print(f"tracker parse: cannot read {path}: {error.strerror or error}", file=sys.stderr)
        return EXIT_FAILED_FILES
    with stream:
        out = sys.stdout
        for line in _batch_lines(stream):
            out.write(line + "\n")
    return 0


def _show_table(path: Path, found: list[Announcement]) -> None:
    from rich.console import Console  # only the table needs rich: keep batch start-up light
    from rich.table import Table

    table = Table(title=f"{path} \u2014 {len(found)} announcement(s)", title_justify="left")
    for column in ("title", "season", "kind", "date", "precision", "platform", "conf."):
        table.add_column(column)
    for a in found:
        table.add_row(
            a.title, "" if a.season is None else str(a.season), a.kind.value, a.date,
            a.precision.value, a.platform or "", f"{a.confidence:.2f}",
        )  # fmt: skip
    Console().print(table)


def _run_files(
    files: Iterable[Path], published: dt.date | None, *, as_json: bool, as_jsonl: bool
) -> int:
    code = 0
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            print(f"tracker parse: cannot read {path}: {error.strerror or error}", file=sys.stderr)
            code = EXIT_FAILED_FILES
            continue
        found = _extract(text, published)
        if as_jsonl:
            for a in found:
                print(json.dumps({"file": str(path), **a.to_dict()}, ensure_ascii=False))
        elif as_json:
            print(json.dumps([a.to_dict() for a in found], ensure_ascii=False))
        else:
            _show_table(path, found)
    return code


def parse(
    files: Annotated[
        list[Path] | None, typer.Argument(help="Text files to read (UTF-8).", show_default=False)
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date of the files, YYYY-MM-DD (yearless dates use it)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON array per file.")] = False,
    as_jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Print one JSON object per line, with a "file" key.')
    ] = False,
    batch: Annotated[
        Path | None,
        typer.Option(
            help='JSONL input, lines {"id", "text", "published"}; writes {"id", "announcements"}'
            ' lines in input order ("-" reads standard input).',
        ),
    ] = None,
) -> None:
    """Find release announcements in news texts, without touching the database.

    Example: `tracker parse article.txt --published 2017-03-14 --json`, or for many
    articles at once `tracker parse --batch articles.jsonl > found.jsonl`.
    """
    if as_json and as_jsonl:
        print("tracker parse: choose one of --json and --jsonl", file=sys.stderr)
        raise typer.Exit(EXIT_BAD_INPUT)
    if batch is not None:
        if files:
            print("tracker parse: give either FILE... or --batch, not both", file=sys.stderr)
            raise typer.Exit(EXIT_BAD_INPUT)
        code = _run_batch(batch)
    else:
        if not files:
            print("tracker parse: give at least one FILE, or --batch IN.jsonl", file=sys.stderr)
            raise typer.Exit(EXIT_BAD_INPUT)
        try:
            when = parse_published(published)
        except ValueError:
            print(
                f"tracker parse: --published must be YYYY-MM-DD, not {published!r}", file=sys.stderr
            )
            raise typer.Exit(EXIT_BAD_INPUT) from None
        code = _run_files(files, when, as_json=as_json, as_jsonl=as_jsonl)
    if code:
        raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add the `parse` command to the root application."""
    app.command("parse")(parse)
