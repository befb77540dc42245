"""The extractor: news text and a publication date in, release announcements out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.extract.records import Announcement, Kind, Precision

if TYPE_CHECKING:
    from tracker.extract.extractor import extract_announcements

__all__ = ["Announcement", "Kind", "Precision", "extract_announcements"]


def __getattr__(name: str) -> Any:
    """Load the extractor on first use.

    Its records are light, its rules and weights are not, and commands that only read the
    database never need them.
    """
    if name == "extract_announcements":
        from tracker.extract.extractor import extract_announcements

        return extract_announcements
    raise AttributeError(f"module 'tracker.extract' has no attribute {name!r}")
