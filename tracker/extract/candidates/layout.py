"""Read an article's list layout: lead lines, date headers, section headings, departures."""

from __future__ import annotations

import re

from tracker.extract.candidates.kinds import find_platforms
from tracker.extract.candidates.state import State
from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.dates import DateMention
from tracker.extract.reading.sections import is_section_heading, section_date
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue

LIST_CUE = Caseless(
    r"\b(?:premiere\s+dates?|release\s+dates?|launch\s+dates?|schedule|calendar|line-?up"
    r"|slate|premieres|debuts|returns|coming\s+(?:soon|up|to)|new\s+releases|premiering"
    r"|arriving|release\s+schedule|air\s+dates|on\s+the\s+way|upcoming|what's\s+new"
    r"|premiere|release\s+date|releases|as\s+follows|anticipated|preview|launch|dates"
    r"|coming|out\s+this|expected|guide|can['\u2019]t\s+wait|month\s+by\s+month"
    r"|month-by-month|watching\s+for|to\s+watch|new\s+on|new\s+this\s+week|this\s+week"
    r"|day\s+by\s+day)\b",
    re.IGNORECASE,
)
#: The heading of a month's list, whose date is the list's and no earlier work's.
LIST_HEADING = re.compile(
    r"\W*(?:coming\s+(?:to|soon|in)|new\s+(?:on|to|in)|arriving|what['\u2019]s\s+(?:new|coming)"
    r"|everything\s+(?:coming|new|arriving))\b",
    re.IGNORECASE,
)
_HERE = re.compile(r"(?:here\s+(?:is|are)|here['\u2019]s|below\s+(?:is|are))\b", re.I)


def is_lead(line: str, s: Sentence) -> bool:
    """A heading or a lead line ("Fall premiere dates:") that gives the rows under it a cue."""
    # "... anything but quiet. Here is what is premiering this week." introduces a list
    here = _HERE.match(line) is not None
    whole = s.first_in_line and s.last_in_line and not line.rstrip().endswith(".")
    if not (whole or here) or len(line) > 200:
        return False  # a paragraph of prose ("... late-arriving data ...") opens no list
    return LIST_CUE.search(line) is not None and (len(line) < 160 or line.rstrip().endswith(":"))


def is_date_header(text: str, s: Sentence, found: list[tuple[DateMention, DateValue]]) -> bool:
    """A line that is only a date, or a few dates of one run ("Sept. 10/Sept. 17")."""
    if not (s.first_in_line and s.last_in_line) or not found or len(found) > 3:
        return False
    rest, at = "", s.start
    for m, _ in found:
        rest, at = rest + text[at : m.start], m.end
    rest = (rest + text[at : s.end]).strip(" :-\u2013\u2014,.|*#/&")
    return len(rest) <= 4 and all(v.precision is found[0][1].precision for _, v in found)


_LEAVING = re.compile(
    r"\W*(?:leaving|expiring|departing|last\s+chance|removed\s+from|what['\u2019]s\s+leaving)\b",
    re.IGNORECASE,
)


def is_headline(line: str) -> bool:
    """A short line that does not end like a sentence of prose."""
    return len(line) <= 150 and not line.endswith(".")


def read_section(line: str, state: State) -> bool:
    """Read a heading that dates the rows under it ("SUMMER", "DATE TBA") or ends a section."""
    value = section_date(line, state.base)
    if value is not None:
        state.header = value
        return True
    if state.header is not None and is_section_heading(line):
        state.header = None  # "MORE TO COME": a section the date above does not reach
        return True
    return False


def read_network_heading(text: str, s: Sentence, state: State) -> bool:
    """Read a line that is only a network's or a service's name: the rows below are its.

    Long prose ends the network's section.
    """
    if s.end - s.start >= 160:
        state.network = None
        return False
    if s.end - s.start > 30 or not (s.first_in_line and s.last_in_line):
        return False
    found = find_platforms(text, s.start, s.end)
    if (
        len(found) != 1
        or text[s.start : s.end].strip(" :*#-\u2013\u2014") != text[found[0][0] : found[0][1]]
    ):
        return False
    state.network = found[0][2]
    return True


def track_departures(line: str, state: State) -> None:
    """Note a heading over departures ("Leaving Netflix in October"), and the end of its list."""
    if _LEAVING.match(line):
        state.leaving = True
    elif state.leaving and (len(line) >= 160 or (len(line) < 100 and LIST_CUE.search(line))):
        state.leaving = False


#: A question ("Is X Coming This Year?") asks about a date; it announces none.
_ASKS = Caseless(r"\W*(?:is|are|will|does|do|did|could|can|should|when|what|which)\b", re.I)
#: A caption and a sidebar's label are two patterns, not one: a branch anchored at the start
#: would keep ``re`` from skipping to the places where the other may match.
_CAPTION = Caseless(r"\b(?:l-r|pictured|photo\s+(?:by|credit)|credit|courtesy)\s*:", re.I)
_SIDEBAR = Caseless(r"\W*(?:related|read\s+more|see\s+also|also\s+read|more)\s*:", re.I)


def announces_nothing(line: str) -> bool:
    """A question, a photo caption or a sidebar's label ("Pictured:", "Read more:")."""
    if line.endswith("?") and (len(line) > 60 or _ASKS.match(line)):
        return True
    return _CAPTION.search(line) is not None or _SIDEBAR.match(line) is not None
