"""Read a source into articles: a feed's entries, a page, a folder's or a file's text.

Readers do network and file I/O only; they never touch the database. `is_known` tells them
which article URLs are already stored, so a feed's linked pages are fetched once, not at
every poll.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tracker.core.states import SourceKind
from tracker.core.urls import normalise_url
from tracker.errors import SourceError
from tracker.ingest.articles import RawArticle, leading_date
from tracker.ingest.feeds import FeedEntry, looks_like_feed, parse_feed
from tracker.ingest.fetch import Fetcher, FetchError, FetchResult
from tracker.ingest.pages import extract_page

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm"})


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceSnapshot:
    """What a reader needs to know of a source row."""

    id: int | None
    kind: SourceKind
    location: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceRead:
    """What reading a source gave."""

    articles: list[RawArticle]
    kind: SourceKind
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    problems: list[str] = field(default_factory=list)
    """Non-fatal trouble: a linked page that could not be fetched, an unreadable file."""


class SourceReader:
    """Reads sources of every kind with one shared fetcher."""

    def __init__(
        self,
        fetcher: Fetcher,
        *,
        is_known: Callable[[str], bool],
        known_among: Callable[[list[str]], set[str]] | None = None,
        max_bytes: int = 5_000_000,
    ) -> None:
        """Keep the fetcher and the known-URL checks (one URL, or a feed's URLs at once)."""
        self._fetcher = fetcher
        self._is_known = is_known
        self._known_among = known_among or (lambda urls: {u for u in urls if is_known(u)})
        self._max_bytes = max_bytes

    def read(self, source: SourceSnapshot) -> SourceRead:
        """Read one source. Raises `SourceError` when the source itself cannot be read."""
        if source.kind is SourceKind.DIR:
            return self._read_files(source, sorted(_text_files(Path(source.location))))
        if source.kind is SourceKind.FILE:
            return self._read_files(source, [Path(source.location)])
        result = self._fetcher.fetch(
            source.location, etag=source.etag, last_modified=source.last_modified
        )
        if result.not_modified:
            return SourceRead(
                articles=[],
                kind=source.kind,
                etag=result.etag or source.etag,
                last_modified=result.last_modified or source.last_modified,
                not_modified=True,
            )
        if looks_like_feed(result.body, result.content_type):
            return self._read_feed(source, result)
        if source.kind is SourceKind.FEED:
            raise SourceError(
                f"{source.location} did not return a feed ({result.content_type or 'no type'}): "
                "add it with --kind page if it is a web page"
            )
        page = extract_page(result.text(), url=result.url)
        article = RawArticle(
            text=page.text,
            url=result.url,
            title=page.title,
            published=page.published,
            source_id=source.id,
        )
        return SourceRead(
            articles=[article],
            kind=SourceKind.PAGE,
            etag=result.etag,
            last_modified=result.last_modified,
        )

    def _read_feed(self, source: SourceSnapshot, result: FetchResult) -> SourceRead:
        entries = parse_feed(result.body, base_url=result.url)
        articles: list[RawArticle] = []
        problems: list[str] = []
        urls = {e.url: normalise_url(e.url) for e in entries if e.url}
        known = self._known_among(list(urls.values()))  # one question for the whole feed
        for entry in entries:
            if entry.url and urls[entry.url] in known:
                continue
            article = self._entry_article(entry, source.id, problems)
            if article is not None:
                articles.append(article)
        return SourceRead(
            articles=articles,
            kind=SourceKind.FEED,
            etag=result.etag,
            last_modified=result.last_modified,
            problems=problems,
        )

    def _entry_article(
        self, entry: FeedEntry, source_id: int | None, problems: list[str]
    ) -> RawArticle | None:
        text, title = entry.text, entry.title
        published = entry.published.date() if entry.published else None
        if entry.summary_only and entry.url:
            try:
                page = extract_page(self._fetcher.fetch(entry.url).text(), url=entry.url)
                text = page.text
                published = published or page.published
                title = title or page.title
            except (FetchError, SourceError) as error:
                problems.append(f"{entry.url}: {error} (kept the feed's summary)")
        if not text.strip():
            return None
        if title and title not in text[:300]:
            text = f"{title}\n\n{text}"  # the headline often carries the announcement
        return RawArticle(
            text=text, url=entry.url, title=title, published=published, source_id=source_id
        )

    def _read_files(self, source: SourceSnapshot, paths: list[Path]) -> SourceRead:
        articles: list[RawArticle] = []
        problems: list[str] = []
        for path in paths:
            url = path.resolve().as_uri()
            if self._is_known(url):
                continue
            try:
                article = read_file(path, max_bytes=self._max_bytes)
            except SourceError as error:
                if source.kind is SourceKind.FILE:
                    raise
                problems.append(str(error))
                continue
            articles.append(
                RawArticle(
                    text=article.text,
                    url=url,
                    title=article.title,
                    published=article.published,
                    source_id=source.id,
                )
            )
        return SourceRead(articles=articles, kind=source.kind, problems=problems)


def _text_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise SourceError(f"{folder} is not a folder (or is gone)")
    return [
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
        and p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES
    ]


def read_file(path: Path, *, max_bytes: int) -> RawArticle:
    """One local file as an article: text or Markdown as is, HTML through the page extractor."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise SourceError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > max_bytes:
        raise SourceError(f"{path} is larger than {max_bytes} bytes")
    text = data.decode("utf-8", errors="replace")
    if path.suffix.lower() in HTML_SUFFIXES:
        page = extract_page(text, url=path.resolve().as_uri())
        return RawArticle(text=page.text, title=page.title, published=page.published)
    return RawArticle(text=text, published=leading_date(text))
