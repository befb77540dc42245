"""The shapes query results take: one documented schema for tables, JSON, JSONL and CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready values in the documented order; dates as ISO strings."""
        values = {k: _json(getattr(self, k)) for k in RELEASE_FIELDS}  # asdict deep-copies: slow
        values["confidence"] = round(self.confidence, 3)
        return values


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
