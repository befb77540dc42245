"""Read the section headings of a listicle that are not dates: "SUMMER", "DATE TBA", "MORE"."""

from __future__ import annotations

import datetime as dt
import re

from tracker.extract.reading.values import TBA, DateValue, season_value, year_value

_SEASON = re.compile(r"(spring|summer|fall|autumn|winter)(?:\s+((?:19|20)\d\d))?", re.IGNORECASE)
_UNDATED = re.compile(
    r"(?:release\s+)?(?:date\s+)?(?:to\s+be\s+(?:announced|confirmed|determined|revealed)"
    r"|tba|tbd|tbc|undated|no\s+date\s+yet|date\s+unknown)",
    re.IGNORECASE,
)


_UNDATED_IN = re.compile(r"(?:TBA|TBD|TBC|date\s+TBA)\s+((?:19|20)\d\d)", re.IGNORECASE)


def section_date(line: str, base: dt.date) -> DateValue | None:
    """The date a short heading gives the rows under it, if it names one without a day.

    >>> section_date("SUMMER", dt.date(2026, 1, 2)).value
    '2026-summer'
    >>> section_date("DATE TO BE ANNOUNCED", dt.date(2026, 1, 2)).value
    'tba'
    >>> section_date("Comedy", dt.date(2026, 1, 2)) is None
    True
    """
    words = line.strip(" :*#-\u2013\u2014").strip()
    found = _SEASON.fullmatch(words)
    if found:
        year = int(found.group(2)) if found.group(2) else None
        value = season_value(year or base.year, found.group(1).lower())
        if year is None and value.last < base:
            value = season_value(base.year + 1, found.group(1).lower())
        return value
    if _UNDATED.fullmatch(words):
        return TBA
    dated = _UNDATED_IN.fullmatch(words)
    if dated:
        return year_value(int(dated.group(1)))  # "TBA 2027": some day in that year
    return None


def is_section_heading(line: str) -> bool:
    """Tell whether a line is a listicle's section heading in capitals ("MORE TO COME").

    >>> is_section_heading("DATE TO BE ANNOUNCED")
    True
    >>> is_section_heading("The Bell Diver - in theaters")
    False
    """
    letters = [c for c in line if c.isalpha()]
    return 3 <= len(letters) <= 40 and all(c.isupper() for c in letters)
