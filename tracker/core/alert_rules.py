"""Alert rules: which changes deserve a message, and the keys that make each one happen once.

Pure. A change becomes an event; reminders come from a day-precise date and a subscription's
offsets. Keys name (subscription, release, event, revision or date), so a re-parse, a second
article with the same news, or a second process never adds the same alert twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tracker.core.states import ChangeKind


class AlertEvent(StrEnum):
    """What an alert is about."""

    DATE_SET = "date_set"  # the first date (or a date after tba)
    DELAYED = "delayed"  # moved later
    MOVED = "moved"  # moved earlier or across
    NARROWED = "narrowed"  # more precise within its window
    POSTPONED = "postponed"  # back to tba
    CANCELLED = "cancelled"
    REMINDER = "reminder"  # N days before
    RELEASE_DAY = "release_day"
    TEST = "test"


_EVENT_FOR_CHANGE = {
    ChangeKind.DATED: AlertEvent.DATE_SET,
    ChangeKind.DELAYED: AlertEvent.DELAYED,
    ChangeKind.MOVED: AlertEvent.MOVED,
    ChangeKind.NARROWED: AlertEvent.NARROWED,
    ChangeKind.POSTPONED: AlertEvent.POSTPONED,
    ChangeKind.CANCELLED: AlertEvent.CANCELLED,
}


def event_for(change: ChangeKind, *, new_is_tba: bool) -> AlertEvent | None:
    """The alert a change deserves, if any.

    >>> event_for(ChangeKind.NEW, new_is_tba=False), event_for(ChangeKind.NEW, new_is_tba=True)
    (<AlertEvent.DATE_SET: 'date_set'>, None)
    >>> event_for(ChangeKind.OUT, new_is_tba=False) is None
    True
    """
    if change is ChangeKind.NEW:
        return None if new_is_tba else AlertEvent.DATE_SET
    return _EVENT_FOR_CHANGE.get(change)


def change_key(
    *, subscription_id: int, release_id: int, event: AlertEvent, revision: int, channel_id: int
) -> str:
    """The idempotency key of an alert caused by a change."""
    return f"s{subscription_id}:r{release_id}:{event}:v{revision}:c{channel_id}"


def first_date_key(*, subscription_id: int, release_id: int, date: str, channel_id: int) -> str:
    """The key of the alert that first tells a subscription a date: once per date value."""
    return f"s{subscription_id}:r{release_id}:date_set:{date}:c{channel_id}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Reminder:
    """A reminder due on `due` for a release dated `day`."""

    release_id: int
    day: date
    days_before: int
    due: date

    @property
    def event(self) -> AlertEvent:
        """Release day, or a reminder before it."""
        return AlertEvent.RELEASE_DAY if self.days_before == 0 else AlertEvent.REMINDER


def reminders_due(
    releases: Iterable[tuple[int, date]], offsets: Iterable[int], *, today: date
) -> list[Reminder]:
    """Reminders due today or overdue by less than a day's grace, for day-precise dates.

    A reminder whose moment passed while nothing ran is still sent the same day, not later:
    "in 7 days" must not arrive three days before.

    >>> [r.days_before for r in reminders_due([(1, date(2017, 3, 17))], [7, 1, 0],
    ...                                       today=date(2017, 3, 16))]
    [1]
    """
    chosen = sorted({o for o in offsets if 0 <= o <= 365}, reverse=True)
    due: list[Reminder] = []
    for release_id, day in releases:
        for offset in chosen:
            moment = day - timedelta(days=offset)
            if moment == today:
                due.append(Reminder(release_id=release_id, day=day, days_before=offset, due=moment))
    return due


def reminder_key(*, subscription_id: int, reminder: Reminder, channel_id: int) -> str:
    """The idempotency key of a reminder: a moved date gets reminders of its own."""
    return (
        f"s{subscription_id}:r{reminder.release_id}:{reminder.event}:"
        f"{reminder.day.isoformat()}-{reminder.days_before}:c{channel_id}"
    )
