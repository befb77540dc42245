"""Option values several commands read the same way: ids and durations."""

from __future__ import annotations

from datetime import timedelta

import typer

from tracker.core.durations import parse_duration

#: The largest id a row can have: ids are INTEGER columns, 32 bits on PostgreSQL. An id
#: argument is checked against it, so a mistyped one is a usage error, not a driver's overflow.
MAX_ID = 2**31 - 1


def duration_option(value: str | None) -> timedelta | None:
    """Parse a duration option ("--interval 1h", "--alarm 1d"), as a usage error when malformed."""
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
