"""The extractor's output records: Announcement with its Kind and Precision."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What sort of release an announcement is about."""

    PREMIERE = "premiere"
    SEASON_PREMIERE = "season_premiere"
    RETURN = "return"
    FINALE = "finale"
    RELEASE = "release"
    OTHER = "other"


class Precision(StrEnum):
    """How precise a date is, declared from the most to the least precise."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    TBA = "tba"

    @property
    def rank(self) -> int:
        """Position from DAY (0) to TBA (6); lower is more precise.

        >>> Precision.DAY.rank < Precision.YEAR.rank
        True
        """
        return _ORDER.index(self)


_ORDER = tuple(Precision)


@dataclass(frozen=True, slots=True, kw_only=True)
class Announcement:
    """One forward-looking release statement found in a text.

    Attributes:
        title: The work as the text names it, tidied (no possessive 's).
        season: The season number when the text gives one.
        kind: Premiere, season premiere, return, finale, release or other.
        date: The date at its precision ("2017-03-17", "2017-summer", "2018", "tba").
        precision: The precision of ``date``.
        platform: Where it appears, when the text says.
        evidence: The sentence or clause that carries the announcement.
        start: Offset of ``evidence`` in the input text.
        end: End offset of ``evidence``; ``text[start:end] == evidence``.
        confidence: A score between 0 and 1.
    """

    title: str
    season: int | None
    kind: Kind
    date: str
    precision: Precision
    platform: str | None
    evidence: str
    start: int
    end: int
    confidence: float

    def to_dict(self) -> dict[str, object]:
        """Return JSON-ready values, enums as their string values."""
        return {
            "title": self.title,
            "season": self.season,
            "kind": str(self.kind),
            "date": self.date,
            "precision": str(self.precision),
            "platform": self.platform,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }
