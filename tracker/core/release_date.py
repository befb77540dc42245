"""A release date at its stated precision, and the window of days it allows."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

from tracker.extract.records import Precision

_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11)}
_FORMS: tuple[tuple[re.Pattern[str], Precision], ...] = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), Precision.DAY),
    (re.compile(r"\d{4}-\d{2}"), Precision.MONTH),
    (re.compile(r"\d{4}-(?:spring|summer|fall|winter)"), Precision.SEASON),
    (re.compile(r"\d{4}-Q[1-4]"), Precision.QUARTER),
    (re.compile(r"\d{4}-H[12]"), Precision.HALF),
    (re.compile(r"\d{4}"), Precision.YEAR),
    (re.compile(r"tba"), Precision.TBA),
)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@functools.lru_cache(maxsize=8192)
def _window(v: str, p: Precision) -> tuple[date, date] | None:
    """The window of a date's value at its precision, worked out once per value.

    Consensus compares every claim of a release with every candidate date, each comparison two
    windows: a much-reported release asks for the same few windows tens of thousands of times.
    """
    if p is Precision.TBA:
        return None
    year = int(v[:4])
    if p is Precision.DAY:
        day = date.fromisoformat(v)
        return day, day
    if p is Precision.MONTH:
        month = int(v[5:7])
        return date(year, month, 1), _month_end(year, month)
    if p is Precision.SEASON:
        name = v[5:]
        if name == "winter":  # the winter that begins in December of that year
            return date(year, 12, 1), _month_end(year + 1, 2)
        first, last = _SEASON_MONTHS[name]
        return date(year, first, 1), _month_end(year, last)
    if p is Precision.QUARTER:
        quarter = int(v[-1])
        return date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter)
    if p is Precision.HALF:
        return (
            (date(year, 1, 1), date(year, 6, 30))
            if v[-1] == "1"
            else (
                date(year, 7, 1),
                date(year, 12, 31),
            )
        )
    return date(year, 1, 1), date(year, 12, 31)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseDate:
    """A date as the news gave it: "2017-03-17", "2017-summer", "2018-H1", "tba".

    >>> ReleaseDate.parse("2017-summer").window
    (datetime.date(2017, 6, 1), datetime.date(2017, 8, 31))
    >>> ReleaseDate.parse("2017-winter").window[1]
    datetime.date(2018, 2, 28)
    """

    value: str
    precision: Precision

    def __post_init__(self) -> None:
        """Refuse a value that is not in its precision's form."""
        for pattern, precision in _FORMS:
            if precision is self.precision:
                if not pattern.fullmatch(self.value):
                    raise ValueError(f"{self.value!r} is not a {precision} date")
                self.window  # noqa: B018 - validates the calendar (month 13, Feb 30)
                return

    @staticmethod
    @functools.lru_cache(maxsize=8192)
    def of(value: str, precision: str) -> ReleaseDate:
        """A stored date (value and precision as the database keeps them), made once per value.

        Feeds and pages read thousands of releases whose dates repeat; each is checked once.
        """
        return ReleaseDate(value=value, precision=Precision(precision))

    @classmethod
    def parse(cls, value: str) -> ReleaseDate:
        """Read a date in the spec's forms, inferring its precision."""
        for pattern, precision in _FORMS:
            if pattern.fullmatch(value):
                return cls(value=value, precision=precision)
        raise ValueError(f"not a release date: {value!r}")

    @property
    def is_tba(self) -> bool:
        """True when no date is known."""
        return self.precision is Precision.TBA

    @property
    def window(self) -> tuple[date, date] | None:
        """The first and last day this date allows; None for tba."""
        return _window(self.value, self.precision)

    def contains(self, other: ReleaseDate) -> bool:
        """True when every day `other` allows is a day this date allows."""
        mine, theirs = self.window, other.window
        if mine is None or theirs is None:
            return False
        return mine[0] <= theirs[0] and theirs[1] <= mine[1]

    def label(self) -> str:
        """The date as a person writes it: "2017-03-17", "March 2017", "summer 2017", "TBA".

        >>> [ReleaseDate.parse(v).label() for v in ("2017-04", "2017-fall", "2018-H1", "tba")]
        ['April 2017', 'fall 2017', 'first half of 2018', 'TBA']
        """
        p, v = self.precision, self.value
        if p is Precision.TBA:
            return "TBA"
        if p is Precision.MONTH:
            return f"{calendar.month_name[int(v[5:7])]} {v[:4]}"
        if p is Precision.SEASON:
            return f"{v[5:]} {v[:4]}"
        if p is Precision.QUARTER:
            return f"{v[5:]} {v[:4]}"
        if p is Precision.HALF:
            return f"{'first' if v[-1] == '1' else 'second'} half of {v[:4]}"
        return v

    def __str__(self) -> str:
        """The spec's form."""
        return self.value


TBA = ReleaseDate(value="tba", precision=Precision.TBA)
