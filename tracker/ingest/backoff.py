"""When to check a source next, after a success, a failure or a Retry-After (pure: takes `now`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from tracker.core.durations import LONGEST

RETRY_AFTER_CAP = timedelta(hours=24)
"""A server's Retry-After is honoured up to this long, never longer."""


def next_check_after_success(*, now: datetime, interval: timedelta) -> datetime:
    """The next check after a successful one: one interval later (ten years at most).

    An interval stored before intervals were capped may be longer than any date allows.

    >>> from datetime import UTC
    >>> next_check_after_success(now=datetime(2017, 7, 1, tzinfo=UTC), interval=timedelta(hours=1))
    datetime.datetime(2017, 7, 1, 1, 0, tzinfo=datetime.timezone.utc)
    """
    return now + min(interval, LONGEST)


def next_check_after_failure(
    *,
    now: datetime,
    interval: timedelta,
    failures: int,
    retry_after: float | None = None,
    base: timedelta = timedelta(minutes=1),
    ceiling: timedelta = timedelta(hours=6),
    retry_after_cap: timedelta = RETRY_AFTER_CAP,
    jitter: float = 0.0,
) -> datetime:
    """The next check after `failures` failures in a row: `now + failure_delay(…)`.

    >>> from datetime import UTC
    >>> now = datetime(2017, 7, 1, tzinfo=UTC)
    >>> next_check_after_failure(now=now, interval=timedelta(hours=1), failures=3).time()
    datetime.time(0, 4)
    """
    return now + failure_delay(
        interval=interval,
        failures=failures,
        retry_after=retry_after,
        base=base,
        ceiling=ceiling,
        retry_after_cap=retry_after_cap,
        jitter=jitter,
    )


def failure_delay(
    *,
    interval: timedelta,
    failures: int,
    retry_after: float | None = None,
    base: timedelta = timedelta(minutes=1),
    ceiling: timedelta = timedelta(hours=6),
    retry_after_cap: timedelta = RETRY_AFTER_CAP,
    jitter: float = 0.0,
) -> timedelta:
    """How long to wait after `failures` failures in a row (1 for the first).

    The wait doubles from `base` (1, 2, 4, 8 … minutes) up to a cap of `max(ceiling, interval)`:
    a failing source is retried soon at first, then no more often than every `ceiling`, yet a
    source polled less often than `ceiling` is never retried later than its own schedule.
    `jitter` (a fraction, e.g. `random.uniform(0, 0.1)` chosen by the caller) stretches the wait
    so that sources that failed together do not retry together; it is a parameter so that this
    function stays deterministic. A server's Retry-After (seconds) wins when it asks for longer,
    up to `retry_after_cap`.

    >>> [failure_delay(interval=timedelta(hours=1), failures=n).total_seconds() / 60
    ...  for n in (1, 2, 3, 10, 100)]
    [1.0, 2.0, 4.0, 360.0, 360.0]
    >>> failure_delay(interval=timedelta(days=1), failures=100)
    datetime.timedelta(days=1)
    >>> failure_delay(interval=timedelta(hours=1), failures=1, retry_after=7200.0)
    datetime.timedelta(seconds=7200)
    """
    cap = max(ceiling, min(interval, LONGEST)).total_seconds()
    exponent = min(max(failures, 1) - 1, 1000)  # 2.0 ** 1000 is still a finite float
    seconds = min(base.total_seconds() * 2.0**exponent, cap) * (1.0 + max(jitter, 0.0))
    if retry_after is not None:
        asked = min(max(retry_after, 0.0), retry_after_cap.total_seconds())
        seconds = max(seconds, asked)
    return timedelta(seconds=seconds)


def parse_retry_after(value: str | None, *, now: datetime, cap: float) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP-date), capped.

    A date in the past means 0; anything unreadable (including negative or fractional
    seconds, which RFC 9110 does not allow) means None: the header is ignored.

    >>> now = datetime(2015, 10, 21, 7, 26, tzinfo=UTC)
    >>> parse_retry_after("120", now=now, cap=3600), parse_retry_after("9999", now=now, cap=3600)
    (120.0, 3600.0)
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=now, cap=3600)
    120.0
    >>> parse_retry_after("soon", now=now, cap=3600) is None
    True
    """
    if not value or not value.strip():
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "\u00b2" is a digit to isdigit(), not to float()
        return float(min(float(value), cap))
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)  # "-0000" means UTC with no zone known
    return float(min(max((when - now).total_seconds(), 0.0), cap))
