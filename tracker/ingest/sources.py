"""Register, list and remove the sources the tracker polls."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlmodel import Session, col, select

from tracker.core.states import SourceKind
from tracker.core.urls import normalise_url, url_problem
from tracker.db.models import Source
from tracker.errors import InputError, NotFoundError

_FEEDISH = re.compile(r"(?:feed|rss|atom|\.xml)(?:[/?.#]|$)", re.IGNORECASE)


def is_url(location: str) -> bool:
    """True for http(s) URLs, well-formed or not; everything else is a local path."""
    scheme, colon, _ = location.partition(":")
    return bool(colon) and scheme.strip().lower() in ("http", "https")


def guess_kind(location: str) -> SourceKind:
    """The kind a location most likely is; a page found to serve a feed is switched later.

    >>> [guess_kind(u) for u in ("https://x.example/feed/", "https://x.example/news/a-story")]
    [<SourceKind.FEED: 'feed'>, <SourceKind.PAGE: 'page'>]
    """
    if is_url(location):
        try:
            path = urlsplit(location).path
        except ValueError:  # malformed: canonical_location says what is wrong with it
            return SourceKind.PAGE
        return SourceKind.FEED if _FEEDISH.search(path + "?") else SourceKind.PAGE
    return SourceKind.DIR if Path(location).is_dir() else SourceKind.FILE


def canonical_location(location: str) -> str:
    """Normalised URL, or the absolute path of a local file or folder (which must exist)."""
    if is_url(location):
        problem = url_problem(location)
        if problem is not None:
            raise InputError(f"not a valid URL: {location!r}: {problem}")
        return normalise_url(location)
    if "://" in location:
        raise InputError(f"unsupported scheme in {location!r}: use http, https or a local path")
    path = Path(location).expanduser()
    if not path.exists():
        raise InputError(f"no such file or folder: {location}")
    return str(path.resolve())


def add_source(
    session: Session,
    *,
    location: str,
    kind: SourceKind | None,
    interval: timedelta,
    name: str | None,
    now: datetime,
) -> Source:
    """Register a source, due at once. Commits."""
    where = canonical_location(location)
    chosen = kind or guess_kind(where)
    local = not is_url(where)
    if local != (chosen in (SourceKind.DIR, SourceKind.FILE)):
        raise InputError(f"--kind {chosen} does not fit {location!r}")
    if chosen is SourceKind.DIR and not Path(where).is_dir():
        raise InputError(f"not a folder: {location}")
    existing = session.exec(select(Source).where(Source.location == where)).first()
    if existing is not None:
        raise InputError(f"{where} is already source {existing.id} ({existing.name})")
    source = Source(
        name=(name or _default_name(where))[:200],
        kind=chosen.value,
        location=where,
        interval_seconds=max(60, int(interval.total_seconds())),
        next_check_at=now,
        created_at=now,
    )
    session.add(source)
    session.commit()
    session.refresh(source)
    return source


def _default_name(location: str) -> str:
    if is_url(location):
        parts = urlsplit(location)
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"  # an IPv6 address
        return host + parts.path.rstrip("/")
    return Path(location).name or location


def list_sources(session: Session) -> Sequence[Source]:
    """Every source, in the order they were added."""
    return session.exec(select(Source).order_by(col(Source.id))).all()


def remove_source(session: Session, *, source_id: int) -> Source:
    """Forget a source (its articles and the dates they gave stay). Commits."""
    source = session.get(Source, source_id)
    if source is None:
        raise NotFoundError(f"no source with id {source_id} (see `tracker sources list`)")
    session.delete(source)
    session.commit()
    return source
