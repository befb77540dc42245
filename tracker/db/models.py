"""The tables: what the tracker remembers, with the constraints that keep it honest.

Conventions: every timestamp is an aware UTC `UTCDateTime`; every string has an explicit length;
closed sets are checked by the database too. A release's `season` is 0 when the text gives no
season number (a film, a new series): SQL treats NULLs as distinct in unique keys, so a nullable
season could not keep "one release per work, season and kind".
"""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Index, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from tracker.core.consensus import DEFAULT_MIN_CONFIDENCE
from tracker.core.states import ChangeKind, DeliveryStatus, ReleaseStatus, SourceKind
from tracker.db.types import UTCDateTime
from tracker.extract.records import Kind, Precision

# Stable constraint names: Alembic's batch mode on SQLite needs them, and diffs stay readable.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def _one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    allowed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({allowed})", name=name)


def _values(enum: Any) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def _empty_list() -> list[Any]:
    """A fresh []: pydantic reads a builtin factory's signature from its text on every call."""
    return []


def _empty_dict() -> dict[str, Any]:
    """A fresh {}, for the same reason as `_empty_list`."""
    return {}


def new_uid() -> str:
    """A new release's event UID, from a random UUID (RFC 9562).

    No two instances, and no database rebuilt from scratch, give two releases the same UID.
    """
    return f"{uuid.uuid4()}@tracker"


class Work(SQLModel, table=True):
    """A show, film, game or album."""

    __tablename__ = "work"

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=300, description="Canonical title as first written.")
    key: str = Field(max_length=300, unique=True, description="Normalised title: the identity.")
    created_at: datetime = Field(sa_type=UTCDateTime)


class WorkAlias(SQLModel, table=True):
    """Another name a work goes by ("Marvel's Iron Fist" for "Iron Fist")."""

    __tablename__ = "work_alias"

    id: int | None = Field(default=None, primary_key=True)
    work_id: int = Field(foreign_key="work.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=300)
    key: str = Field(max_length=300, unique=True)


class Release(SQLModel, table=True):
    """One (work, season, kind) that is coming, with its current date."""

    __tablename__ = "release"
    __table_args__ = (
        UniqueConstraint("work_id", "season", "kind"),
        Index("ix_release_window", "window_start", "window_end"),
        Index("ix_release_status_window", "status", "window_start"),
        Index("ix_release_updated_at", "updated_at"),  # a feed's data version: the newest change
        _one_of("kind", _values(Kind), "kind"),
        _one_of("precision", _values(Precision), "precision"),
        _one_of("status", _values(ReleaseStatus), "status"),
        CheckConstraint("season >= 0", name="season"),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(
        default_factory=new_uid,
        max_length=64,
        unique=True,
        description="Its calendar events' UID: unique across instances, fixed for its life.",
    )
    work_id: int = Field(foreign_key="work.id", ondelete="CASCADE")
    season: int = Field(default=0, description="Season number; 0 when none is given.")
    kind: str = Field(max_length=20)
    date_value: str = Field(max_length=16, description="'2017-03-17', '2017-summer', 'tba'.")
    precision: str = Field(max_length=10)
    window_start: date | None = Field(default=None, description="First day the date allows.")
    window_end: date | None = Field(default=None, description="Last day the date allows.")
    date_as_of: date | None = Field(
        default=None, description="Publication date of the newest article the date rests on."
    )
    platform: str | None = Field(default=None, max_length=100)
    status: str = Field(default=ReleaseStatus.ANNOUNCED.value, max_length=16)
    revision: int = Field(default=0, description="Bumped on every change of any kind.")
    sequence: int = Field(
        default=0, description="iCalendar SEQUENCE: bumped when the date moves or a dispute flips."
    )
    confidence: float = Field(default=0.0, description="Support for the date (core.consensus).")
    sources: int = Field(default=0, description="Sites, syndicated copies merged, that agree.")
    disputed: bool = Field(default=False)
    support: list[dict[str, Any]] = Field(
        default_factory=_empty_list,
        sa_type=JSON,
        description='Who says what: [{"date": "2017-03-17", "sites": [...], "rival": false}].',
    )
    first_seen_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Source(SQLModel, table=True):
    """A feed, page or folder that is polled for articles."""

    __tablename__ = "source"
    __table_args__ = (
        Index("ix_source_due", "enabled", "next_check_at"),
        _one_of("kind", _values(SourceKind), "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=10)
    location: str = Field(max_length=2000, unique=True, description="URL or path.")
    interval_seconds: int = Field(default=3600, gt=0)
    enabled: bool = Field(default=True)
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=100)
    next_check_at: datetime = Field(sa_type=UTCDateTime)
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failures: int = Field(default=0)
    last_error: str | None = Field(default=None, sa_type=Text)
    last_checked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Article(SQLModel, table=True):
    """One fetched or given text."""

    __tablename__ = "article"

    id: int | None = Field(default=None, primary_key=True)
    source_id: int | None = Field(
        default=None, foreign_key="source.id", ondelete="SET NULL", index=True
    )
    url: str | None = Field(default=None, max_length=2000, unique=True)
    content_hash: str = Field(max_length=64, unique=True, description="SHA-256 of the text.")
    title: str | None = Field(default=None, max_length=500)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    fetched_at: datetime = Field(sa_type=UTCDateTime)
    text: str | None = Field(default=None, sa_type=Text, description="Pruned after a while.")


class Sighting(SQLModel, table=True):
    """One announcement found in one article: the provenance of a date."""

    __tablename__ = "sighting"
    __table_args__ = (
        UniqueConstraint("release_id", "article_id"),
        _one_of("precision", _values(Precision), "precision"),
    )

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE")
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    title_as_written: str = Field(max_length=300)
    date_value: str = Field(max_length=16)
    precision: str = Field(max_length=10)
    platform: str | None = Field(default=None, max_length=100)
    evidence: str = Field(sa_type=Text)
    start: int
    end: int
    confidence: float
    site: str = Field(default="", max_length=200, description="Whose claim: see site_of.")
    published: date | None = Field(default=None, description="The article's publication date.")
    explicit: bool = Field(default=False, description="The sentence announces a change.")
    copy_key: str = Field(default="", max_length=16, description="Same on syndicated copies.")
    created_at: datetime = Field(sa_type=UTCDateTime)


class DateChange(SQLModel, table=True):
    """One move of a release's date: the history that alerts and `tracker show` read."""

    __tablename__ = "date_change"
    __table_args__ = (_one_of("change", _values(ChangeKind), "change"),)

    id: int | None = Field(default=None, primary_key=True)
    release_id: int = Field(foreign_key="release.id", ondelete="CASCADE", index=True)
    article_id: int | None = Field(
        default=None, foreign_key="article.id", ondelete="SET NULL", index=True
    )
    change: str = Field(max_length=12)
    old_status: str | None = Field(default=None, max_length=16)
    new_status: str = Field(max_length=16)
    old_value: str | None = Field(default=None, max_length=16)
    old_precision: str | None = Field(default=None, max_length=10)
    new_value: str = Field(max_length=16)
    new_precision: str = Field(max_length=10)
    revision: int = Field(description="The release's revision after this change.")
    recorded_at: datetime = Field(sa_type=UTCDateTime, index=True)


class Subscription(SQLModel, table=True):
    """A person's view of the data: filters, feed token, reminders."""

    __tablename__ = "subscription"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    kinds: list[str] = Field(default_factory=_empty_list, sa_type=JSON)
    platforms: list[str] = Field(default_factory=_empty_list, sa_type=JSON)
    min_precision: str = Field(default="tba", max_length=10)
    coarse: str = Field(default="start", max_length=10, description="start, span or omit.")
    alarm_minutes: int | None = Field(default=None)
    reminder_days: list[int] = Field(
        default_factory=lambda: [7, 1],
        sa_type=JSON,
        description="Days before a day-precise date to send a reminder (0: release day).",
    )
    digest: bool = Field(default=False, description="One message per run instead of one each.")
    summary: str | None = Field(
        default=None,
        max_length=200,
        description="Event title template (calendar.event_titles); None for the default titles.",
    )
    min_confidence: float = Field(
        default=DEFAULT_MIN_CONFIDENCE,
        description="Dates less supported than this stay out of the feed and wait to alert.",
    )
    token_hash: str | None = Field(
        default=None, max_length=64, unique=True, description="SHA-256 of the feed token."
    )
    token_salt: str | None = Field(
        default=None, max_length=32, description="Changed by a rotation: a new token."
    )
    token_rotated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Watch(SQLModel, table=True):
    """A title on a subscription's watch list; it may name a work not yet seen."""

    __tablename__ = "watch"
    __table_args__ = (UniqueConstraint("subscription_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscription.id", ondelete="CASCADE")
    title: str = Field(max_length=300)
    key: str = Field(max_length=300, index=True, description="Normalised title.")
    created_at: datetime = Field(sa_type=UTCDateTime)


class Channel(SQLModel, table=True):
    """Where a subscription's alerts go: an Apprise URL, which is a secret."""

    __tablename__ = "channel"
    __table_args__ = (UniqueConstraint("subscription_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    subscription_id: int = Field(foreign_key="subscription.id", ondelete="CASCADE")
    name: str = Field(max_length=100)
    url: str = Field(sa_type=Text)
    enabled: bool = Field(default=True)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Delivery(SQLModel, table=True):
    """One alert to one channel: the outbox row that the relay sends."""

    __tablename__ = "delivery"
    __table_args__ = (
        Index("ix_delivery_due", "status", "next_attempt_at"),
        _one_of("status", _values(DeliveryStatus), "status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    idempotency_key: str = Field(max_length=200, unique=True)
    channel_id: int = Field(foreign_key="channel.id", ondelete="CASCADE", index=True)
    release_id: int | None = Field(
        default=None, foreign_key="release.id", ondelete="SET NULL", index=True
    )
    event: str = Field(max_length=20)
    payload: dict[str, Any] = Field(default_factory=_empty_dict, sa_type=JSON)
    status: str = Field(default=DeliveryStatus.PENDING.value, max_length=10)
    attempts: int = Field(default=0)
    next_attempt_at: datetime = Field(sa_type=UTCDateTime)
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
