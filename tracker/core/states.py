"""The closed sets of states that releases, changes, sources and deliveries move through."""

from __future__ import annotations

from enum import StrEnum


class ReleaseStatus(StrEnum):
    """Where a release stands."""

    ANNOUNCED = "announced"  # a date (at some precision) has been reported
    DELAYED = "delayed"  # its date was moved later
    CANCELLED = "cancelled"  # withdrawn
    OUT = "out"  # its date has passed


class ChangeKind(StrEnum):
    """What one `date_change` row did to a release's date."""

    NEW = "new"  # first sighting of the release
    DATED = "dated"  # a release known only as tba gets a date
    MOVED = "moved"  # a different date, not later (or not comparable)
    NARROWED = "narrowed"  # a more precise date inside the current window
    DELAYED = "delayed"  # moved later
    POSTPONED = "postponed"  # moved to tba
    CANCELLED = "cancelled"
    OUT = "out"  # the date passed
    DISPUTED = "disputed"  # sources seen close together give incompatible dates
    SETTLED = "settled"  # no longer disputed


class SourceKind(StrEnum):
    """What a source is and so how it is read."""

    FEED = "feed"  # RSS or Atom
    PAGE = "page"  # one web page
    DIR = "dir"  # a local folder of text, HTML or Markdown files
    FILE = "file"  # one local file


class DeliveryStatus(StrEnum):
    """Where an alert in the outbox stands."""

    PENDING = "pending"  # waiting for its next attempt (leased while being sent)
    SENT = "sent"
    FAILED = "failed"  # gave up: a permanent error or too many attempts
