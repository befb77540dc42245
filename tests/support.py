"""Small helpers shared by the tests."""

from __future__ import annotations

from datetime import UTC, datetime


class Clock:
    """A clock the test moves by hand: `rt.clock.now += timedelta(...)`."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2017, 3, 14, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now
