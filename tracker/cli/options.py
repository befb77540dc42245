"""Option values several commands read the same way."""

from __future__ import annotations

from datetime import timedelta

import typer

from tracker.core.durations import parse_duration


def duration_option(value: str | None) -> timedelta | None:
    """Parse a duration option ("--interval 1h", "--alarm 1d"), as a usage error when malformed."""
    if value is None:
        return None
    try:
        return parse_duration(value)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
