"""Render a subscription's releases as an iCalendar feed. Pure: same data, same bytes.

What real calendar parsers need (see docs/architecture.md): all-day events carry an explicit
`VALUE=DATE` on both DTSTART and DTEND, text is escaped, lines are folded at 75 octets and end in
CRLF, no byte-order mark, no floating times (DTSTAMP and LAST-MODIFIED are UTC). Events are
sorted by release id; each UID is the release's own, fixed for its life; DTSTAMP is the
release's last change, never the time of the request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vDuration, vText

from tracker.calendar.coarse import Coarse
from tracker.calendar.event_titles import Template
from tracker.calendar.lru import LRU
from tracker.core.consensus import FIRM_CONFIDENCE
from tracker.core.printable import printable
from tracker.core.release_date import ReleaseDate
from tracker.core.states import ReleaseStatus
from tracker.core.urls import shown_source
from tracker.extract.records import Precision

__all__ = ["Coarse", "EventCache", "FeedItem", "FeedOptions", "HistoryLine", "render_feed"]

PRODID = "-//tracker//release dates from the news//EN"
MAX_EVIDENCE = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryLine:
    """One move of the date, for the description."""

    change: str
    old: str | None
    new: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedItem:
    """One release as the feed needs it."""

    release_id: int
    uid: str
    """The release's event UID (`release.uid`): the same for its whole life."""
    title: str
    season: int | None
    kind: str
    date: ReleaseDate
    platform: str | None
    status: str
    sequence: int
    changed_at: datetime
    history: Sequence[HistoryLine] = ()
    evidence: Sequence[tuple[str, str | None]] = ()
    """(sentence, source URL) pairs, newest first."""
    confidence: float = 1.0
    sources: int = 1
    disputed: bool = False
    support: Sequence[tuple[str, Sequence[str]]] = ()
    """(date, sites) for the current date first, then each rival date."""

    @property
    def firm(self) -> bool:
        """Well supported and undisputed: not shown as tentative."""
        return not self.disputed and self.confidence >= FIRM_CONFIDENCE


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedOptions:
    """How a subscription wants its feed."""

    name: str
    coarse: Coarse = Coarse.START
    alarm: timedelta | None = None
    refresh: timedelta = field(default=timedelta(hours=6))
    page_url: str | None = None
    summary: Template | None = None
    """The subscription's own event titles; None for the default."""


def summary_for(item: FeedItem, template: Template | None = None) -> str:
    """The event's title: the subscription's template, or e.g. "The Defenders (summer 2017)"."""
    if template is not None:
        text = template.render(title_fields(item))
        cancelled = item.status == ReleaseStatus.CANCELLED.value
        return f"Cancelled: {text}" if cancelled else text
    parts = [item.title]
    if item.season:
        parts.append(f"season {item.season}")
    suffix = {"finale": "finale", "return": "returns", "other": ""}.get(item.kind, "")
    if suffix:
        parts.append(suffix)
    text = " ".join(parts)
    if item.date.precision is not Precision.DAY:
        text += f" ({item.date.label()})"
    if item.status == ReleaseStatus.CANCELLED.value:
        text = f"Cancelled: {text}"
    return text


def title_fields(item: FeedItem) -> dict[str, str | None]:
    """The values a title template may name, as people read them (None when absent)."""
    return {
        "title": item.title,
        "season": str(item.season) if item.season else None,
        "kind": item.kind.replace("_", " "),
        "platform": item.platform,
        "precision": str(item.date.precision),
        "date": item.date.value,
        "label": item.date.label(),
    }


def description_for(item: FeedItem, options: FeedOptions) -> str:
    """Platform, kind, season, the evidence and its sources, the date's history."""
    kind = item.kind.replace("_", " ")
    season = f"Season {item.season} " if item.season else ""
    where = f" on {item.platform}" if item.platform else ""
    headline = f"{season}{kind}{where}".strip()
    lines = [headline[:1].upper() + headline[1:], f"Date: {item.date.label()}"]
    if item.date.precision is not Precision.DAY:
        lines[-1] += f" ({item.date.precision} precision; placed {options.coarse.value})"
    lines.append(support_line(item))
    for sentence, url in item.evidence[:MAX_EVIDENCE]:
        source = shown_source(url)
        lines.append(f"\u201c{' '.join(sentence.split())}\u201d" + (f" {source}" if source else ""))
    if len(item.history) > 1:
        lines.append("History:")
        for h in item.history:
            moved = f"{h.old} \u2192 {h.new}" if h.old else h.new
            lines.append(f"  {h.recorded_at.astimezone(UTC):%Y-%m-%d} {h.change} {moved}")
    if options.page_url:
        lines.append(f"All releases: {options.page_url}")
    return "\n".join(lines)


def support_line(item: FeedItem) -> str:
    """The support in words: "3 sources (confidence 0.97)", or who disputes what.

    >>> support_line(FeedItem(release_id=1, uid="u", title="X", season=None, kind="premiere",
    ...     date=ReleaseDate.parse("2027-03-05"), platform=None, status="announced", sequence=0,
    ...     changed_at=datetime(2027, 1, 1, tzinfo=UTC), confidence=0.6, sources=1, disputed=True,
    ...     support=(("2027-03-05", ("a.com",)), ("2027-04-02", ("b.com", "c.com")))))
    'disputed: 2027-03-05 (a.com) vs 2027-04-02 (b.com, c.com)'
    """
    if item.disputed and len(item.support) > 1:
        claims = [f"{day} ({', '.join(sites) or 'no source'})" for day, sites in item.support]
        return "disputed: " + " vs ".join(claims)
    noun = "source" if item.sources == 1 else "sources"
    return f"{item.sources} {noun} (confidence {item.confidence:.2f})"


def _placement(item: FeedItem, coarse: Coarse) -> tuple[date, date] | None:
    window = item.date.window
    if window is None:
        return None
    start, end = window
    if item.date.precision is Precision.DAY or coarse is Coarse.START:
        return start, start + timedelta(days=1)
    if coarse is Coarse.SPAN:
        return start, end + timedelta(days=1)
    return None


def render_feed(
    items: Sequence[FeedItem], options: FeedOptions, *, events: EventCache | None = None
) -> bytes:
    """The feed's bytes: one VEVENT per dated release, sorted by release id.

    Each event's bytes come from `events` when it holds them for the same item and options
    (a release that did not change renders once, not on every request); the bytes are the same
    either way, because a calendar serialises its events one after another.
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(printable(options.name)))  # escaped like SUMMARY
    calendar.add("refresh-interval", vDuration(options.refresh), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(options.refresh))
    whole = bytes(calendar.to_ical())
    end = b"END:VCALENDAR\r\n"
    if not whole.endswith(end):  # pragma: no cover - the iCalendar form guarantees it
        raise AssertionError("a calendar ends with END:VCALENDAR")
    cache = events if events is not None else EventCache(0)
    parts = [whole[: -len(end)]]
    for item in sorted(items, key=lambda i: i.release_id):
        placed = _placement(item, options.coarse)
        if placed is not None:
            parts.append(cache.get_or_render(item, placed, options))
    parts.append(end)
    return b"".join(parts)


class EventCache:
    """Rendered events by what they show: a thread-safe LRU shared by a process's feeds.

    The key is the whole item (its date, texts, history and evidence) with the options that
    shape an event, so a stale entry can never be served: a changed release is a new key.
    """

    def __init__(self, size: int = 50_000) -> None:
        """Keep at most `size` events (0: keep none)."""
        self._events: LRU[bytes] = LRU(size)

    def get_or_render(
        self, item: FeedItem, placed: tuple[date, date], options: FeedOptions
    ) -> bytes:
        """The bytes of `item`'s VEVENT, rendered on a miss."""
        key = (item, placed, options.coarse, options.alarm, options.page_url, options.summary)
        return self._events.get_or_make(key, lambda: bytes(_event(item, placed, options).to_ical()))


def _event(item: FeedItem, placed: tuple[date, date], options: FeedOptions) -> Event:
    stamp = item.changed_at.astimezone(UTC)
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", item.sequence)
    event.add("dtstart", placed[0])
    event.add("dtend", placed[1])
    event.add("summary", printable(summary_for(item, options.summary)))
    event.add("description", printable(description_for(item, options)))
    if item.status == ReleaseStatus.CANCELLED.value:
        status = "CANCELLED"
    elif item.date.precision is Precision.DAY and item.firm:
        status = "CONFIRMED"
    else:
        status = "TENTATIVE"
    event.add("status", status)
    event.add("transp", "TRANSPARENT")
    event.add("categories", [item.kind.replace("_", " ")])
    if options.alarm is not None and status != "CANCELLED":
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", printable(summary_for(item, options.summary)))
        alarm.add("trigger", -options.alarm)
        event.add_component(alarm)
    return event
