"""Reconciliation: what one new sighting does to a release's current date. Pure.

The rules, in order:

1. A release seen for the first time takes the sighting's date (NEW).
2. An article older than the one the current date rests on never overrides it.
3. The same date again, or a coarser restatement that still contains the current date
   ("this summer" after "July 14"), changes nothing.
4. tba → a date: DATED. A date → tba: POSTPONED (status delayed).
5. A more precise date inside the current window: NARROWED (not a delay).
6. A date wholly after the current window: DELAYED. Anything else: MOVED.

A date whose window has ended before `today` leaves the release OUT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.core.release_date import ReleaseDate
from tracker.core.states import ChangeKind, ReleaseStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseState:
    """What we currently believe about one release."""

    date: ReleaseDate
    status: ReleaseStatus
    as_of: dt.date | None
    """Publication date of the newest article the current date rests on."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Sighted:
    """A date for the release, as one article gives it."""

    date: ReleaseDate
    published: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    """The outcome of a sighting: the new state, and the history row it deserves (if any)."""

    kind: ChangeKind | None
    """None when the date stays as it was (the state may still record a newer `as_of`)."""
    old: ReleaseDate | None
    new: ReleaseState

    @property
    def moves_date(self) -> bool:
        """True when the date itself changed (iCalendar SEQUENCE goes up)."""
        return self.old is None or self.old != self.new.date


def status_for(when: ReleaseDate, *, delayed: bool, today: dt.date) -> ReleaseStatus:
    """The status a date gives: OUT once its window has ended, else delayed or announced."""
    window = when.window
    if window is not None and window[1] < today:
        return ReleaseStatus.OUT
    return ReleaseStatus.DELAYED if delayed else ReleaseStatus.ANNOUNCED


def reconcile(current: ReleaseState | None, seen: Sighted, *, today: dt.date) -> Change:
    """Apply one sighting to a release's state (see the module docstring for the rules)."""
    if current is None:
        state = ReleaseState(
            date=seen.date,
            status=status_for(seen.date, delayed=False, today=today),
            as_of=seen.published,
        )
        return Change(kind=ChangeKind.NEW, old=None, new=state)
    if current.as_of is not None and seen.published < current.as_of:
        return Change(kind=None, old=current.date, new=current)
    kind = _change_kind(current.date, seen.date)
    if kind is None:
        newer = current.as_of is None or seen.published > current.as_of
        state = ReleaseState(
            date=current.date,
            status=current.status,
            as_of=seen.published if newer else current.as_of,
        )
        return Change(kind=None, old=current.date, new=state)
    delayed = kind in (ChangeKind.DELAYED, ChangeKind.POSTPONED) or (
        kind is ChangeKind.NARROWED and current.status is ReleaseStatus.DELAYED
    )
    state = ReleaseState(
        date=seen.date,
        status=status_for(seen.date, delayed=delayed, today=today),
        as_of=seen.published,
    )
    return Change(kind=kind, old=current.date, new=state)


def _change_kind(old: ReleaseDate, new: ReleaseDate) -> ChangeKind | None:
    if new == old:
        return None
    if old.is_tba:
        return ChangeKind.DATED
    if new.is_tba:
        return ChangeKind.POSTPONED
    if new.contains(old):  # a coarser (or equal) restatement
        return None
    if old.contains(new):
        return ChangeKind.NARROWED
    old_window, new_window = old.window, new.window
    if old_window is None or new_window is None:  # pragma: no cover - tba handled above
        return ChangeKind.MOVED
    if new_window[0] > old_window[1]:
        return ChangeKind.DELAYED
    return ChangeKind.MOVED


def passed(current: ReleaseState, *, today: dt.date) -> Change | None:
    """The change that marks a release OUT once its date has passed, if due."""
    if current.status in (ReleaseStatus.OUT, ReleaseStatus.CANCELLED):
        return None
    if status_for(current.date, delayed=False, today=today) is not ReleaseStatus.OUT:
        return None
    state = ReleaseState(date=current.date, status=ReleaseStatus.OUT, as_of=current.as_of)
    return Change(kind=ChangeKind.OUT, old=current.date, new=state)
