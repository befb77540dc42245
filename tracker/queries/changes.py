"""What changed lately: date changes by the time they were recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from tracker.db.models import Article, DateChange, Release, Work


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


def changes_since(session: Session, since: datetime, *, limit: int = 1000) -> list[ChangeView]:
    """Changes recorded at or after `since`, newest first."""
    rows = session.exec(
        select(DateChange, Release, Work, Article)
        .join(Release, col(Release.id) == col(DateChange.release_id))
        .join(Work, col(Work.id) == col(Release.work_id))
        .join(Article, col(Article.id) == col(DateChange.article_id), isouter=True)
        .where(col(DateChange.recorded_at) >= since)
        .order_by(col(DateChange.recorded_at).desc(), col(DateChange.id).desc())
        .limit(limit)
    ).all()
    return [
        ChangeView(
            release_id=c.release_id,
            title=w.title,
            season=r.season or None,
            kind=r.kind,
            change=c.change,
            old=c.old_value,
            new=c.new_value,
            status=c.new_status,
            recorded_at=c.recorded_at,
            published=a.published_at.date() if a and a.published_at else None,
            url=a.url if a else None,
        )
        for c, r, w, a in rows
    ]
