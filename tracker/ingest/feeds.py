"""Read RSS and Atom feeds (feedparser, behind the XML guard) into plain-text entries."""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from tracker.errors import SourceError
from tracker.ingest.pages import html_to_text
from tracker.ingest.xmlguard import refuse_unsafe_xml, root_element

SUMMARY_MAX_CHARS = 1000
"""An entry with no full-content element and less text than this is taken as a summary."""

TEASER_MAX_CHARS = 1500
"""Text shorter than this that ends in "…" or "Read more" is a teaser, even in content."""

_FEED_MEDIA_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)
_FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
_TEASER_END = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\]|\bread more|\bcontinue reading|\bread the full (story|article)"
    r"|\bkeep reading)\W*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One item of a feed, as plain text.

    `summary_only` is True when the feed gave a summary or teaser rather than the article: the
    caller then fetches `url` for the full text.
    """

    url: str | None
    title: str | None
    published: datetime | None
    text: str
    summary_only: bool


def parse_feed(data: bytes, *, base_url: str) -> list[FeedEntry]:
    """Parse RSS 0.9x/1.0/2.0 or Atom bytes into entries, in feed order.

    The XML guard runs first. A feed that is only slightly malformed but still yields entries
    is read (feedparser's lenient parser); one that yields nothing is an error.

    Args:
        data: the feed as fetched (its own XML declaration gives the encoding).
        base_url: where it was fetched from; relative links are resolved against it.

    Raises:
        SourceError: the XML is refused by the guard, or is not a readable feed.
    """
    refuse_unsafe_xml(data)
    try:
        parsed = feedparser.parse(
            io.BytesIO(data),  # bytes, not str: a str that looks like a URL or path is opened
            response_headers={"content-location": base_url},
            # Content only ever becomes plain text here (html_to_text drops scripts and
            # styles), so feedparser's HTML sanitiser and link rewriting would be half its time
            # for nothing.
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as error:  # its lenient parser still breaks on some malformed bytes
        # (an encoding label with a stray byte, an end tag out of place): the feed's fault
        reason = " ".join(str(error).split()) or type(error).__name__
        raise SourceError(f"malformed feed from {base_url}: {reason}") from None
    entries = parsed.get("entries") or []
    if not entries:
        root = root_element(data)
        if root is None or not _is_feed_root(root):
            seen = f" (its root element is <{root}>)" if root else ""
            raise SourceError(f"not an RSS or Atom feed: {base_url}{seen}")
        problem = parsed.get("bozo_exception")
        if parsed.get("bozo") and not isinstance(problem, feedparser.ThingsNobodyCaresAboutButMe):
            reason = " ".join(str(problem).split()) or type(problem).__name__
            raise SourceError(f"malformed feed from {base_url}: {reason}")
    return [_entry(raw, base_url) for raw in entries]


def looks_like_feed(data: bytes, content_type: str | None) -> bool:
    """Guess whether a response is a feed, from its root element, else its media type.

    >>> looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', None)
    True
    >>> looks_like_feed(b"<!DOCTYPE html><html><body>Hi</body></html>", "application/rss+xml")
    False
    >>> looks_like_feed(b"", "application/atom+xml; charset=utf-8")
    True
    """
    root = root_element(data)
    if root is not None:
        return _is_feed_root(root)
    media = (content_type or "").split(";")[0].strip().lower()
    return media in _FEED_MEDIA_TYPES


def _is_feed_root(name: str) -> bool:
    return name.rpartition(":")[2].lower() in _FEED_ROOTS


def _entry(raw: Any, base_url: str) -> FeedEntry:
    content = _content_text(raw.get("content"))
    summary = _detail_text(raw.get("summary_detail"), raw.get("summary"))
    text = content or summary
    return FeedEntry(
        url=_link(raw, base_url),
        title=_detail_text(raw.get("title_detail"), raw.get("title")) or None,
        published=_when(raw.get("published_parsed") or raw.get("updated_parsed")),
        text=text,
        summary_only=_is_summary(text, has_content=bool(content)),
    )


def _is_summary(text: str, *, has_content: bool) -> bool:
    """Whether an entry's text is only a summary of the article it links to."""
    if not text:
        return True
    if len(text) < TEASER_MAX_CHARS and _TEASER_END.search(text):
        return True
    return not has_content and len(text) < SUMMARY_MAX_CHARS


def _content_text(contents: Any) -> str:
    """The longest full-content element (content:encoded, atom:content) as text."""
    texts = [_detail_text(item, item.get("value")) for item in contents or []]
    return max(texts, key=len, default="")


def _detail_text(detail: Any, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        return ""
    kind = str((detail or {}).get("type") or "text/html")
    if "html" in kind:
        return html_to_text(value)
    return "\n\n".join(
        " ".join(block.split()) for block in re.split(r"\n\s*\n", value) if block.strip()
    )


def _link(raw: Any, base_url: str) -> str | None:
    link = raw.get("link")
    if not link:
        guid = raw.get("id")
        link = guid if isinstance(guid, str) and guid.startswith(("http://", "https://")) else None
    if not isinstance(link, str) or not link.strip():
        return None
    absolute = urljoin(base_url, link.strip())
    return absolute if urlsplit(absolute).scheme in {"http", "https"} else None


def _when(parsed: time.struct_time | None) -> datetime | None:
    """Feedparser's UTC struct_time as an aware datetime."""
    if parsed is None:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None
