"""What changed lately: date changes by the time they were recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.queries.reader import Reader, as_utc


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeView:
    """One recorded change of a release's date."""

    release_id: int
    title: str
    season: int | None
    kind: str
    change: str
    old: str | None
    new: str
    status: str
    recorded_at: datetime
    published: date | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values."""
        return {
            "release_id": self.release_id,
            "title": self.title,
            "season": self.season,
            "kind": self.kind,
            "change": self.change,
            "old": self.old,
            "new": self.new,
            "status": self.status,
            "recorded_at": self.recorded_at.isoformat(),
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
        }


def changes_since(reader: Reader, since: datetime, *, limit: int = 1000) -> list[ChangeView]:
    """Changes recorded at or after `since`, newest first."""
    rows = reader.rows(
        "SELECT c.release_id, w.title, r.season, r.kind, c.change, c.old_value, c.new_value, "
        "c.new_status, c.recorded_at, a.published_at, a.url "
        'FROM date_change c JOIN "release" r ON r.id = c.release_id '
        "JOIN work w ON w.id = r.work_id LEFT JOIN article a ON a.id = c.article_id "
        "WHERE c.recorded_at >= :since ORDER BY c.recorded_at DESC, c.id DESC LIMIT :limit",
        {"since": since, "limit": limit},
    )
    return [
        ChangeView(
            release_id=release_id,
            title=title,
            season=season or None,
            kind=kind,
            change=change,
            old=old,
            new=new,
            status=status,
            recorded_at=as_utc(recorded),
            published=as_utc(published).date() if published is not None else None,
            url=url,
        )
        for (
            release_id,
            title,
            season,
            kind,
            change,
            old,
            new,
            status,
            recorded,
            published,
            url,
        ) in rows
    ]
