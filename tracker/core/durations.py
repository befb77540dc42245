"""Durations as people write them on the command line: "90s", "30m", "1h", "2d", "1w"."""

from __future__ import annotations

import re
from datetime import timedelta

_PART = re.compile(r"(\d+)\s*(s|m|h|d|w)", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
#: The furthest ahead a listing looks, in days: ten years (a feed's ``days``, ``upcoming``).
MAX_DAYS_AHEAD = 3650
#: The longest duration anyone writes here (an interval, an alarm, "since"): ten years. Longer
#: ones are typing slips, and would overflow the dates computed from them.
LONGEST = timedelta(days=MAX_DAYS_AHEAD)


def parse_duration(text: str) -> timedelta:
    """Read "1h", "90m", "1h30m" or "2d" into a timedelta; a bare number means seconds.

    >>> parse_duration("1h30m"), parse_duration("45")
    (datetime.timedelta(seconds=5400), datetime.timedelta(seconds=45))
    """
    cleaned = text.strip().lower().replace(" ", "")
    try:
        if cleaned.isascii() and cleaned.isdigit():
            total = timedelta(seconds=int(cleaned))
        else:
            parts = _PART.findall(cleaned)
            if not parts or "".join(n + u for n, u in parts) != cleaned:
                raise ValueError(f"not a duration: {text!r} (write e.g. 90s, 30m, 1h, 2d)")
            total = sum((timedelta(**{_UNITS[u]: int(n)}) for n, u in parts), timedelta())
    except OverflowError:  # past what a timedelta holds (about 2.7 million years)
        total = timedelta.max
    if total <= timedelta(0):
        raise ValueError(f"a duration must be positive: {text!r}")
    if total > LONGEST:
        raise ValueError(f"too long a duration: {text!r} (at most {MAX_DAYS_AHEAD}d)")
    return total


def format_duration(delta: timedelta) -> str:
    """The shortest exact form: 3600 s → "1h", 5400 s → "90m".

    >>> format_duration(timedelta(hours=1)), format_duration(timedelta(minutes=90))
    ('1h', '90m')
    """
    seconds = int(delta.total_seconds())
    for unit, size in (("w", 604800), ("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0 and seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
