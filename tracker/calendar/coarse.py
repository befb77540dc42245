"""How a date coarser than a day is placed in a calendar: a subscription's choice."""

from __future__ import annotations

from enum import StrEnum


class Coarse(StrEnum):
    """How a date coarser than a day is placed in a calendar."""

    START = "start"  # an all-day event on the window's first day
    SPAN = "span"  # an all-day event across the whole window
    OMIT = "omit"  # no event (the web page still lists it)
