"""How an article frames its dates: the year it is about ("Dates Two More for 2017"), day first.

A listing that frames itself by a coming year gives its yearless dates in that year, even
where the next occurrence from the publication date would fall sooner.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.extract.reading.dates import DateMention, Form
from tracker.extract.reading.resolve import resolve
from tracker.extract.reading.values import DateValue

_FRAMED = re.compile(
    r"\b(?:for|of|in|through)\s+(?P<a>(?:19|20)\d\d)\b(?!\s*[-/])"
    r"|\b(?P<b>(?:19|20)\d\d)\s+(?:calendar|slate|line-?up|schedule|release\s+schedule)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: Forms that may leave the year out.
_YEARLESS_FORMS = frozenset({Form.MONTH_DAY, Form.DAY_MONTH, Form.NUMERIC, Form.MONTH})


def framed_year(headline: str, base: dt.date) -> int | None:
    """The coming year a headline frames the article around, if it names exactly one.

    >>> framed_year("Meridian Moves 'Ember Road', Dates Two More for 2017", dt.date(2016, 11, 2))
    2017
    >>> framed_year("What Does the Summer of 2015 Look Like Now?", dt.date(2014, 1, 18))
    2015
    >>> framed_year("Best of 2016: Our Critics' Picks", dt.date(2016, 12, 20)) is None
    True
    """
    years = {int(y) for y in _YEAR.findall(headline)}
    if len(years) != 1:
        return None
    year = years.pop()
    if year != base.year + 1:
        return None
    found = _FRAMED.search(headline)
    return year if found else None


def needs_frame(m: DateMention, first: dt.date, year: int | None) -> bool:
    """Tell whether a yearless date resolved before the framed year should move into it."""
    return (
        year is not None
        and m.form in _YEARLESS_FORMS
        and not m.says_its_year
        and (first.year < year)
    )


def reframed(m: DateMention, phrase: str, value: DateValue, year: int | None) -> DateValue | None:
    """``value`` read again in ``year``, the year the article frames its dates by.

    None when the frame does not apply (no year, a date that gives its own, or one already in
    that year or later); ``value`` itself when the phrase cannot be read in that year.
    """
    if year is None or not needs_frame(m, value.first, year):
        return None
    return resolve(m, phrase, dt.date(year, 1, 1), base_known=True) or value


#: A slashed date; the look-ahead on a digit comes first so that ``re`` skips to digits in C.
_SLASHED = re.compile(r"(?=\d)(?<![\d/])([0-3]?\d)/([0-3]?\d)/(?:\d{4}|\d\d)\b")


def writes_day_first(text: str) -> bool:
    """Tell whether the article writes dates day first (13/02/2026), as British ones do."""
    head = text[:20000]
    if "/" not in head:
        return False  # most articles: no scan needed
    return any(int(a) > 12 and int(b) <= 12 for a, b in _SLASHED.findall(head))
