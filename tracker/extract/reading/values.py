"""Dates at their precision: the value a date phrase normalises to, with its window."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from tracker.extract.records import Precision

_SEASON_MONTHS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}


@dataclass(frozen=True, slots=True)
class DateValue:
    """A normalised date: its string form, precision and the window it covers."""

    value: str
    precision: Precision
    first: dt.date
    last: dt.date

    def contains(self, other: DateValue) -> bool:
        """Tell whether ``other`` is a more precise date inside this window.

        >>> year = DateValue("2017", Precision.YEAR, dt.date(2017, 1, 1), dt.date(2017, 12, 31))
        >>> day = DateValue("2017-03-17", Precision.DAY, dt.date(2017, 3, 17), dt.date(2017, 3, 17))
        >>> year.contains(day), day.contains(year)
        (True, False)
        """
        return (
            self.precision.rank > other.precision.rank
            and self.precision is not Precision.TBA
            and self.first <= other.first
            and other.last <= self.last
        )


TBA = DateValue("tba", Precision.TBA, dt.date.max, dt.date.max)


def day_value(day: dt.date) -> DateValue:
    """Wrap one day.

    >>> day_value(dt.date(2017, 3, 17)).value
    '2017-03-17'
    """
    return DateValue(day.isoformat(), Precision.DAY, day, day)


def month_value(year: int, month: int) -> DateValue:
    """Wrap one month.

    >>> month_value(2017, 4).value
    '2017-04'
    """
    last = calendar.monthrange(year, month)[1]
    return DateValue(
        f"{year:04d}-{month:02d}",
        Precision.MONTH,
        dt.date(year, month, 1),
        dt.date(year, month, last),
    )


def season_value(year: int, season: str) -> DateValue:
    """Wrap a season; winter YEAR is the one that begins in December of YEAR.

    >>> season_value(2017, "autumn").value
    '2017-fall'
    """
    name = "fall" if season == "autumn" else season
    first = dt.date(year, _SEASON_MONTHS[name], 1)
    end_month = _SEASON_MONTHS[name] + 2
    end_year = year + (end_month - 1) // 12
    end_month = (end_month - 1) % 12 + 1
    last = dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
    return DateValue(f"{year:04d}-{name}", Precision.SEASON, first, last)


def quarter_value(year: int, quarter: int) -> DateValue:
    """Wrap a quarter.

    >>> quarter_value(2020, 2).last
    datetime.date(2020, 6, 30)
    """
    last_month = quarter * 3
    last = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return DateValue(
        f"{year:04d}-Q{quarter}", Precision.QUARTER, dt.date(year, last_month - 2, 1), last
    )


def half_value(year: int, half: int) -> DateValue:
    """Wrap a half year.

    >>> half_value(2018, 1).value
    '2018-H1'
    """
    first = dt.date(year, 1 if half == 1 else 7, 1)
    last = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
    return DateValue(f"{year:04d}-H{half}", Precision.HALF, first, last)


def year_value(year: int) -> DateValue:
    """Wrap a year.

    >>> year_value(2018).value
    '2018'
    """
    return DateValue(f"{year:04d}", Precision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))
