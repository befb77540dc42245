"""Turn found date phrases into values at their precision, relative to a base date."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from tracker.extract.reading.dates import DateMention, Form
from tracker.extract.reading.lexicon import MONTHS, ORDINALS, WEEKDAYS
from tracker.extract.reading.values import (
    TBA,
    DateValue,
    day_value,
    half_value,
    month_value,
    quarter_value,
    season_value,
    year_value,
)

#: A yearless day more than this far before the base date means next year's.
ROLL_FORWARD = dt.timedelta(days=60)


@lru_cache(maxsize=4096)
def parse_with_dateparser(phrase: str, base: dt.date) -> dt.date | None:
    """Normalise one short phrase with dateparser, relative to ``base`` (cached).

    Only ever called on a phrase our own patterns found, never on a whole text.
    """
    import dateparser  # imported on first use: it is slow to load

    settings: dict[str, object] = {
        "RELATIVE_BASE": dt.datetime(base.year, base.month, base.day),  # noqa: DTZ001
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "MDY",
        "STRICT_PARSING": False,
    }
    try:
        found = dateparser.parse(phrase, languages=["en"], settings=settings)
    except (ValueError, OverflowError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    return found.date() if found is not None else None


def _month_number(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip("."))


def _day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _forward_day(base: dt.date, month: int, day: int) -> dt.date | None:
    """Place a yearless day: this year's, unless that is well in the past."""
    for year in (base.year, base.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate >= base - ROLL_FORWARD:
            return candidate
    return candidate


def _weekday_year(month: int, day: int, weekday: int, preferred: int, *, wide: bool) -> int | None:
    """Find the year nearest ``preferred`` in which month/day falls on ``weekday``."""
    reach = 11 if wide else 1
    for offset in sorted(range(-reach, reach + 1), key=lambda o: (abs(o), -o)):
        try:
            if dt.date(preferred + offset, month, day).weekday() == weekday:
                return preferred + offset
        except ValueError:
            continue
    return None


def _resolve_day(m: DateMention, base: dt.date, base_known: bool) -> DateValue | None:
    month = _month_number(m.parts["mon"])
    if month is None:
        return None
    day = _day_number(m.parts["day"])
    if m.says_its_year:  # "May 3, 2026", "September 19th next year"
        said = int(m.parts["year"]) if "year" in m.parts else _relative_year(m.parts["rel"], base)
        try:
            return day_value(dt.date(said, month, day))
        except ValueError:
            return None
    placed = _forward_day(base, month, day)
    if placed is None:
        return None
    weekday = WEEKDAYS.get(m.parts.get("wd", "").lower().rstrip("."))
    if weekday is not None and placed.weekday() != weekday:
        year = _weekday_year(month, day, weekday, placed.year, wide=not base_known)
        if year is not None:
            placed = dt.date(year, month, day)
    return day_value(placed)


def _resolve_numeric(m: DateMention, phrase: str, base: dt.date) -> DateValue | None:
    if m.form is Form.NUMERIC and "year" not in m.parts:
        placed = _forward_day(base, int(m.parts["mon"]), int(m.parts["day"]))
        return day_value(placed) if placed else None
    raw = m.parts.get("year", "")
    if raw.isdigit():  # "2017-03-17", "3/17/2017", "3/17/17": exact, no parser needed
        year = int(raw) + (2000 if len(raw) == 2 else 0)
        return day_value(dt.date(year, int(m.parts["mon"]), int(m.parts["day"])))
    found = parse_with_dateparser(phrase, base)
    return day_value(found) if found else None


def _resolve_month(m: DateMention, base: dt.date) -> DateValue | None:
    month = _month_number(m.parts["mon"])
    if month is None:
        return None
    if "year" in m.parts:
        return month_value(int(m.parts["year"]), month)
    if "rel" in m.parts:  # "May next year", "in February of this year"
        return month_value(_relative_year(m.parts["rel"], base), month)
    mod = m.parts.get("mod", "").lower()
    year = base.year
    if (mod == "next" and month <= base.month) or base.month - month >= 2:
        year += 1
    return month_value(year, month)


def _resolve_season(m: DateMention, base: dt.date) -> DateValue | None:
    name = m.parts["season"].lower()
    if "year" in m.parts:
        return season_value(int(m.parts["year"]), name)
    mod = m.parts.get("mod", "").lower()
    if mod == "last":
        return None
    year = base.year - 1 if name == "winter" and base.month <= 2 else base.year
    value = season_value(year, name)
    if value.last < base or (mod == "next" and value.first <= base):
        value = season_value(year + 1, name)
    return value


def _relative_year(rel: str | None, base: dt.date) -> int:
    return base.year + 1 if (rel or "").lower() == "next" else base.year


def _resolve_coarse(m: DateMention, base: dt.date) -> DateValue | None:
    p = m.parts
    if m.form is Form.QUARTER:
        quarter = (
            int(p["q"]) if "q" in p else ORDINALS.get(p["qo"].lower(), 0) or _day_number(p["qo"])
        )
        raw = p.get("year") or p.get("year2")
        year = (
            (int(raw) + (2000 if len(raw) == 2 else 0))
            if raw
            else _relative_year(p.get("rel"), base)
        )
        return quarter_value(year, quarter) if 1 <= quarter <= 4 else None
    if m.form is Form.HALF:
        word = (p.get("ho") or p.get("hm") or "").lower()
        half = 1 if word in ("first", "1st", "early") else 2
        raw = p.get("year") or p.get("year2")
        return half_value(
            int(raw) if raw else _relative_year(p.get("rel") or p.get("rel2"), base), half
        )
    if m.form is Form.YEAR:
        year = int(p["year"]) if "year" in p else _relative_year(p.get("rel"), base)
        return year_value(year) if year <= base.year + 10 else None
    if m.form is Form.RELATIVE_MONTH:
        month = base.month + (1 if p["rel"].lower() == "next" else 0)
        return month_value(base.year + (month - 1) // 12, (month - 1) % 12 + 1)
    return None


def _resolve_relative(phrase: str, base: dt.date, anchor: dt.date | None) -> DateValue | None:
    words = phrase.lower().split()
    if words[-1] in ("tomorrow", "tonight"):
        return day_value(base + dt.timedelta(days=words[-1] == "tomorrow"))
    if anchor is None:
        return None
    if "same" in words or words[0] == "that" or words[:2] == ["later", "that"]:
        return day_value(anchor)
    if "week" in words or "weeks" in words:
        return day_value(anchor + dt.timedelta(days=14 if "two" in words else 7))
    return day_value(anchor + dt.timedelta(days=1))


def _resolve_weekday(m: DateMention, base: dt.date, anchor: dt.date | None) -> DateValue | None:
    weekday = WEEKDAYS[m.parts["wd"].lower()]
    if "day" in m.parts:
        if weekday == 4 and m.parts["day"] == "13":
            return None  # "Friday the 13th" in entertainment news is the films' name
        return _weekday_and_day(weekday, int(m.parts["day"]), base)
    start = anchor or base
    ahead = (weekday - start.weekday()) % 7
    if ahead == 0 and m.parts.get("wmod", "").lower() == "next" and anchor is None:
        ahead = 7
    return day_value(start + dt.timedelta(days=ahead))


_WEEK = dt.timedelta(days=7)


def _weekday_and_day(weekday: int, day: int, base: dt.date) -> DateValue | None:
    """Read "Thursday the 27th": the first such day from the week before ``base``, within a year."""
    year, month = base.year, base.month
    for _ in range(13):
        try:
            placed = dt.date(year, month, day)
        except ValueError:
            placed = None  # "the 31st" of a shorter month
        if placed is not None and placed >= base - _WEEK and placed.weekday() == weekday:
            return day_value(placed)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return None


_FIXED_HOLIDAYS = {
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "boxing day": (12, 26),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
}


def _holiday_in(name: str, year: int) -> dt.date:
    """The day a holiday falls on in ``year`` (US Thanksgiving: the fourth Thursday of November)."""
    if name.startswith("thanksgiving"):
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = _FIXED_HOLIDAYS[name]
    return dt.date(year, month, day)


def _resolve_holiday(m: DateMention, base: dt.date) -> DateValue:
    """A holiday on its next occurrence from ``base``, or in the year the phrase gives."""
    name = " ".join(m.parts["hol"].lower().replace("\u2019", "'").split())
    if "year" in m.parts:
        return day_value(_holiday_in(name, int(m.parts["year"])))
    day = _holiday_in(name, base.year)
    return day_value(day if day >= base else _holiday_in(name, base.year + 1))


def resolve(
    m: DateMention,
    phrase: str,
    base: dt.date,
    *,
    anchor: dt.date | None = None,
    base_known: bool = True,
) -> DateValue | None:
    """Normalise a found phrase.

    Args:
        m: The mention, as found by :func:`tracker.extract.dates.find_dates`.
        phrase: The mention's text.
        base: The publication date (or the best stand-in for it).
        anchor: The last day named before the phrase, for "the next day" and weekdays
            inside a schedule.
        base_known: Whether ``base`` is the real publication date.

    Returns:
        The value, or None when the phrase does not name a usable date.

    >>> m = DateMention(0, 8, Form.MONTH_DAY, {"mon": "April", "day": "8"})
    >>> resolve(m, "April 8", dt.date(2016, 11, 3)).value
    '2017-04-08'
    """
    try:
        if m.form in (Form.MONTH_DAY, Form.DAY_MONTH):
            value = _resolve_day(m, base, base_known)
            if value is None:
                found = parse_with_dateparser(phrase, base)
                value = day_value(found) if found else None
            return value
        if m.form in (Form.NUMERIC, Form.ISO):
            return _resolve_numeric(m, phrase, base)
        if m.form is Form.MONTH:
            return _resolve_month(m, base)
        if m.form is Form.SEASON:
            return _resolve_season(m, base)
        if m.form is Form.RELATIVE_DAY:
            return _resolve_relative(phrase, base, anchor)
        if m.form is Form.WEEKDAY:
            return _resolve_weekday(m, base, anchor)
        if m.form is Form.TBA:
            return TBA
        if m.form is Form.HOLIDAY:
            return _resolve_holiday(m, base)
        return _resolve_coarse(m, base)
    except (ValueError, KeyError, OverflowError):
        return None
