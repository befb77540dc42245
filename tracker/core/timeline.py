"""Reconciliation: what the weighed claims do to a release's current date. Pure.

`consensus.assess` decides which date the claims support; this module turns that into a
change of the release's state:

1. A release seen for the first time takes the consensus date (NEW).
2. The same date, or a coarser restatement that still contains the current date, changes
   nothing (the consensus keeps the current date in that case).
3. tba → a date: DATED. A date → tba: POSTPONED (status delayed).
4. A more precise date inside the current window: NARROWED (not a delay).
5. A date wholly after the current window: DELAYED. Anything else: MOVED.

A date whose window has ended before `today` leaves the release OUT.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tracker.core.consensus import Consensus
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


def reconcile(current: ReleaseState | None, agreed: Consensus, *, today: dt.date) -> Change:
    """Move a release's state to what the claims agree on (see the module docstring)."""
    if current is None:
        state = ReleaseState(
            date=agreed.date,
            status=status_for(agreed.date, delayed=False, today=today),
            as_of=agreed.as_of,
        )
        return Change(kind=ChangeKind.NEW, old=None, new=state)
    kind = change_between(current.date, agreed.date)
    if kind is None:
        newest = agreed.as_of if current.as_of is None else max(current.as_of, agreed.as_of)
        state = ReleaseState(date=current.date, status=current.status, as_of=newest)
        return Change(kind=None, old=current.date, new=state)
    delayed = kind in (ChangeKind.DELAYED, ChangeKind.POSTPONED) or (
        kind is ChangeKind.NARROWED and current.status is ReleaseStatus.DELAYED
    )
    state = ReleaseState(
        date=agreed.date,
        status=status_for(agreed.date, delayed=delayed, today=today),
        as_of=agreed.as_of,
    )
    return Change(kind=kind, old=current.date, new=state)


def change_between(old: ReleaseDate, new: ReleaseDate) -> ChangeKind | None:
    """The kind of change from `old` to `new`; None when `new` restates `old`."""
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
