"""The shapes query results take: one documented schema for tables, JSON, JSONL and CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from tracker.core.release_date import ReleaseDate
from tracker.db.models import Release, Work
from tracker.extract.records import Precision

RELEASE_FIELDS = (
    "id",
    "title",
    "season",
    "kind",
    "date",
    "precision",
    "label",
    "start",
    "end",
    "platform",
    "status",
    "confidence",
    "sources",
    "disputed",
)
"""The keys of a release in machine output, in order (pinned by a test)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseView:
    """One release as people and scripts see it."""

    id: int
    title: str
    season: int | None
    kind: str
    date: str
    precision: str
    label: str
    start: dt.date | None
    end: dt.date | None
    platform: str | None
    status: str
    work_id: int
    confidence: float = 0.0
    """Support for the date, 0 to 1 (see `tracker.core.consensus`)."""
    sources: int = 0
    disputed: bool = False

    @classmethod
    def of(cls, release: Release, work: Work) -> ReleaseView:
        """Build the view of a stored release."""
        assert release.id is not None
        assert work.id is not None
        when = ReleaseDate(value=release.date_value, precision=Precision(release.precision))
        return cls(
            id=release.id,
            title=work.title,
            season=release.season or None,
            kind=release.kind,
            date=release.date_value,
            precision=release.precision,
            label=when.label(),
            start=release.window_start,
            end=release.window_end,
            platform=release.platform,
            status=release.status,
            work_id=work.id,
            confidence=release.confidence,
            sources=release.sources,
            disputed=release.disputed,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values in the documented order; dates as ISO strings."""
        values = asdict(self)
        values["confidence"] = round(self.confidence, 3)
        return {k: _json(values[k]) for k in RELEASE_FIELDS}


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
