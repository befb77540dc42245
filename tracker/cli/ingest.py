"""`tracker ingest`: read articles once, from a file, folder, URL or standard input."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import ready
from tracker.cli.output import JsonFlag, show_json
from tracker.core.states import SourceKind
from tracker.errors import InputError

if TYPE_CHECKING:
    from tracker.ingest.articles import RawArticle
    from tracker.ingest.service import IngestReport
    from tracker.runtime import Runtime

# Services are imported inside the command, so `tracker --help` and `tracker parse` start fast.


def register(app: typer.Typer) -> None:
    """Add `tracker ingest` to the root command."""
    app.command("ingest")(ingest)


def parse_published(value: str | None) -> date | None:
    """Parse --published, as a usage error when malformed."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def ingest(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="A file, a folder, a URL, or - for stdin.")],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for texts that do not give one."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Ingest articles once, without adding a source, e.g. `tracker ingest article.txt`.

    Reads a file, every .txt/.md/.html file in a folder, a web page or feed URL, or standard
    input (`-`), and records the release dates they announce.
    """
    from sqlalchemy.exc import IntegrityError

    from tracker.core.durations import parse_duration
    from tracker.ingest.articles import RawArticle
    from tracker.ingest.service import ingest_article

    rt = ready(ctx)
    fallback = parse_published(published)
    window = parse_duration(rt.settings.dispute_window)
    articles = _articles(rt, target)
    reports: list[tuple[RawArticle, IngestReport]] = []
    for article in articles:
        if article.published is None and fallback is not None:
            article = RawArticle(
                text=article.text, url=article.url, title=article.title, published=fallback
            )
        for attempt in (1, 2, 3):
            try:
                with rt.write_session() as session:
                    found = ingest_article(article, session=session, now=rt.clock(), window=window)
                break
            except IntegrityError:  # a daemon stored the same new work meanwhile: read again
                if attempt == 3:
                    raise
        reports.append((article, found))
    if as_json:
        show_json([_record(a, r) for a, r in reports])
        return
    if not reports:
        print("nothing to ingest")
    for article, report in reports:
        where = article.url or "standard input"
        if report.duplicate:
            print(f"{where}: already ingested")
            continue
        print(f"{where}: {report.found} announcement(s), {len(report.changes)} change(s)")
        for change in report.changes:
            before = f"{change.old} -> " if change.old else ""
            print(f"  {change.change:9} {change.title}: {before}{change.new}")


def _articles(rt: Runtime, target: str) -> list[RawArticle]:
    from tracker.ingest.articles import RawArticle, leading_date
    from tracker.ingest.readers import SourceReader, SourceSnapshot
    from tracker.ingest.sources import canonical_location, guess_kind, is_url

    if target == "-":
        text = sys.stdin.read()
        if not text.strip():
            raise InputError("standard input is empty")
        return [RawArticle(text=text, published=leading_date(text))]
    location = canonical_location(target)
    kind = guess_kind(location)
    if is_url(location):
        kind = SourceKind.PAGE  # a page reader switches to the feed reader on feed content
    elif not Path(location).is_dir():
        kind = SourceKind.FILE
    with rt.fetcher() as fetcher:
        reader = SourceReader(
            fetcher, is_known=lambda _url: False, max_bytes=rt.settings.fetch_max_bytes
        )
        return reader.read(SourceSnapshot(id=None, kind=kind, location=location)).articles


def _record(article: RawArticle, report: IngestReport) -> dict[str, object]:
    return {
        "url": article.url,
        "article_id": report.article_id,
        "duplicate": report.duplicate,
        "announcements": report.found,
        "changes": [
            {
                "release_id": c.release_id,
                "title": c.title,
                "change": str(c.change),
                "old": c.old,
                "new": c.new,
            }
            for c in report.changes
        ],
    }
