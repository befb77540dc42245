"""A subscription's feed of changes, beside its calendar: Atom 1.0 and JSON Feed 1.1.

A calendar shows where each date is now; this feed says that it moved. One entry per change
the subscription's filters match (a first date, dated, moved, delayed, narrowed, postponed,
cancelled, disputed, settled) in the last `DAYS` days, newest first, each with the old and new
date, the sentence that said so and its source. Entry ids are UUIDs derived from the release's
UID and the change, so they never change and no two instances share one.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from xml.sax.saxutils import escape, quoteattr

from sqlalchemy import select as sa_select
from sqlmodel import Session, and_, col

from tracker.calendar.feeds import Feed, has_watch_list, packaged
from tracker.core.printable import printable
from tracker.core.release_date import ReleaseDate
from tracker.core.states import ChangeKind
from tracker.core.urls import shown_source
from tracker.db import repo
from tracker.db.models import Article, DateChange, Release, Sighting, Subscription, Work
from tracker.extract.records import Precision
from tracker.queries.watch import watched_work_ids

DAYS = 90
"""How far back the feed of changes goes."""

SHOWN = tuple(
    str(k)
    for k in (
        ChangeKind.NEW,
        ChangeKind.DATED,
        ChangeKind.MOVED,
        ChangeKind.DELAYED,
        ChangeKind.NARROWED,
        ChangeKind.POSTPONED,
        ChangeKind.CANCELLED,
        ChangeKind.DISPUTED,
        ChangeKind.SETTLED,
    )
)
"""The changes a person wants to hear of ("out" only says a date has passed)."""

_WORDS = {
    "new": "dated",
    "dated": "dated",
    "moved": "moved",
    "delayed": "delayed",
    "narrowed": "narrowed",
    "postponed": "postponed",
    "cancelled": "cancelled",
    "disputed": "disputed",
    "settled": "no longer disputed",
}


def _xml_text(text: str) -> str:
    """XML text: escaped, and without the characters XML 1.0 forbids (stored before cleaning)."""
    return escape(printable(text))


def _xml_attr(text: str) -> str:
    """An XML attribute value, quoted, likewise cleaned."""
    return quoteattr(printable(text))


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeEntry:
    """One change as the feed shows it."""

    change_id: int
    release_uid: str
    title: str
    season: int | None
    change: str
    old: str | None
    new: str
    recorded_at: datetime
    sentence: str | None
    url: str | None

    @property
    def id(self) -> str:
        """A stable, globally unique entry id."""
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{self.release_uid}/{self.change_id}')}"

    @property
    def headline(self) -> str:
        """What changed in a line, e.g. "Glass Harbor S2 delayed: 2027-03-05 → April 2027"."""
        name = self.title + (f" S{self.season}" if self.season else "")
        new = ReleaseDate.parse(self.new).label()
        if self.change in ("disputed", "settled"):
            return f"{name} {_WORDS[self.change]}: {new}"
        moved = f"{ReleaseDate.parse(self.old).label()} \u2192 {new}" if self.old else new
        return f"{name} {_WORDS.get(self.change, self.change)}: {moved}"

    @property
    def text(self) -> str:
        """The entry's body in plain text: what changed, the sentence, its source."""
        lines = [self.headline]
        if self.sentence:
            lines.append(f"\u201c{' '.join(self.sentence.split())}\u201d")
        source = shown_source(self.url)
        if source:
            lines.append(f"Source: {source}")
        return "\n".join(lines)

    @property
    def link(self) -> str | None:
        """The source, when it is on the web."""
        return self.url if self.url and self.url.startswith(("https://", "http://")) else None


def change_entries(
    session: Session, subscription: Subscription, *, now: datetime
) -> list[ChangeEntry]:
    """The changes of the last `DAYS` days the subscription's filters match, newest first."""
    since = now - timedelta(days=DAYS)
    allowed = [p.value for p in Precision if p.rank <= Precision(subscription.min_precision).rank]
    query = (
        sa_select(
            col(DateChange.id),
            col(Release.uid),
            col(Work.title),
            col(Release.season),
            col(DateChange.change),
            col(DateChange.old_value),
            col(DateChange.new_value),
            col(DateChange.new_precision),
            col(DateChange.recorded_at),
            col(Sighting.evidence),
            col(Article.url),
            col(Release.work_id),
        )
        .join(Release, col(Release.id) == col(DateChange.release_id))
        .join(Work, col(Work.id) == col(Release.work_id))
        .join(Article, col(Article.id) == col(DateChange.article_id), isouter=True)
        .join(
            Sighting,
            and_(
                col(Sighting.release_id) == col(DateChange.release_id),
                col(Sighting.article_id) == col(DateChange.article_id),
            ),
            isouter=True,
        )
        .where(col(DateChange.recorded_at) >= since)
        .where(col(DateChange.change).in_(SHOWN))
        .where(col(DateChange.new_value) != "tba")
        .where(col(Release.confidence) >= subscription.min_confidence)
        .order_by(col(DateChange.recorded_at).desc(), col(DateChange.id).desc())
    )
    if subscription.kinds:
        query = query.where(col(Release.kind).in_(list(subscription.kinds)))
    if subscription.platforms:
        query = query.where(repo.on_platforms(subscription.platforms))
    watched = watched_work_ids(session, name=subscription.name)
    listed = has_watch_list(session, subscription)
    entries = []
    for row in session.execute(query):
        (cid, uid, title, season, change, old, new, precision, at, sentence, url, work_id) = row
        if listed and work_id not in watched:
            continue
        if precision not in allowed and change not in ("postponed", "cancelled"):
            continue
        entries.append(
            ChangeEntry(
                change_id=cid,
                release_uid=uid,
                title=title,
                season=season or None,
                change=change,
                old=old,
                new=new,
                recorded_at=at,
                sentence=sentence,
                url=url,
            )
        )
    return entries


def feed_id(subscription: Subscription) -> str:
    """The feed's own id: stable for the subscription, and telling nothing of its token."""
    name = f"tracker-subscription/{subscription.id}/{subscription.created_at.isoformat()}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def build_changes(
    session: Session,
    subscription: Subscription,
    *,
    as_json: bool,
    now: datetime,
    self_url: str,
    page_url: str,
) -> Feed:
    """The feed of changes as Atom or JSON Feed, with its ETag and Last-Modified."""
    entries = change_entries(session, subscription, now=now)
    title = f"tracker: {subscription.name}: what changed"
    updated = newest(entries, subscription.created_at)
    if as_json:
        body = render_json_feed(entries, title=title, self_url=self_url, page_url=page_url)
    else:
        body = render_atom(
            entries,
            title=title,
            identity=feed_id(subscription),
            self_url=self_url,
            page_url=page_url,
            updated=updated,
        )
    return packaged(body, updated)


def _stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_atom(
    entries: list[ChangeEntry],
    *,
    title: str,
    identity: str,
    self_url: str,
    page_url: str,
    updated: datetime,
) -> bytes:
    """Atom 1.0 (RFC 4287).

    The feed has an id, title, updated, author and self link; each entry an id, title, updated,
    published, a link (its source when it is on the web), and a text summary.
    """
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        '<feed xmlns="http://www.w3.org/2005/Atom">\n',
        f"  <id>{_xml_text(identity)}</id>\n",
        f"  <title>{_xml_text(title)}</title>\n",
        f"  <updated>{_stamp(updated)}</updated>\n",
        "  <author><name>tracker</name></author>\n",
        f'  <link rel="self" type="application/atom+xml" href={_xml_attr(self_url)}/>\n',
        f'  <link rel="alternate" type="text/html" href={_xml_attr(page_url)}/>\n',
        "  <generator>tracker</generator>\n",
    ]
    for entry in entries:
        at = _stamp(entry.recorded_at)
        parts.append("  <entry>\n")
        parts.append(f"    <id>{_xml_text(entry.id)}</id>\n")
        parts.append(f"    <title>{_xml_text(entry.headline)}</title>\n")
        parts.append(f"    <updated>{at}</updated>\n")
        parts.append(f"    <published>{at}</published>\n")
        link = entry.link or page_url
        parts.append(f'    <link rel="alternate" href={_xml_attr(link)}/>\n')
        parts.append(f'    <summary type="text">{_xml_text(entry.text)}</summary>\n')
        parts.append("  </entry>\n")
    parts.append("</feed>\n")
    return "".join(parts).encode("utf-8")


def render_json_feed(
    entries: list[ChangeEntry],
    *,
    title: str,
    self_url: str,
    page_url: str,
) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1): one item per change."""
    items = []
    for entry in entries:
        item: dict[str, object] = {
            "id": entry.id,
            "title": entry.headline,
            "content_text": entry.text,
            "date_published": _stamp(entry.recorded_at),
            "date_modified": _stamp(entry.recorded_at),
            "url": page_url,
        }
        if entry.link:
            item["external_url"] = entry.link
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": page_url,
        "feed_url": self_url,
        "authors": [{"name": "tracker"}],
        "items": items,
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def newest(entries: list[ChangeEntry], fallback: datetime) -> datetime:
    """When the feed last changed: its newest entry, else the subscription's start."""
    return max((e.recorded_at for e in entries), default=fallback)
