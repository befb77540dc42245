"""The extractor: news text and a publication date in, release announcements out."""

from __future__ import annotations

from tracker.extract.extractor import extract_announcements
from tracker.extract.records import Announcement, Kind, Precision

__all__ = ["Announcement", "Kind", "Precision", "extract_announcements"]
