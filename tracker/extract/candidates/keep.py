"""Decide whether a date in a sentence is announced: forward-looking, not withdrawn or an event."""

from __future__ import annotations

import re

from tracker.extract.candidates.cues import (
    event_nearer_than_cue,
    has_future_cue,
    is_hedged,
    is_withdrawn,
    mentions_past,
    nearest_cue_is_past,
    says_already_out,
)
from tracker.extract.candidates.state import State
from tracker.extract.reading.caseless import Caseless
from tracker.extract.reading.dates import DateMention, Form
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue
from tracker.extract.records import Precision

_CLAUSE_CUT = re.compile(
    r";|\s[\u2014\u2013]\s|\s--\s|,\s(?=(?:while|but|whereas|although|though)\b)"
)


_COMMENT_STAMP = re.compile(
    r"\((?:on|posted|updated)\s+$|\b(?:posted|updated|published)(?:\s+on)?\s*:\s*$", re.I
)

#: A show moving into its regular slot after its premiere: not a release.
_SLOT = Caseless(
    r"\btime[\s-]?(?:slot|period)\s+(?:debut|premiere)|\btimeslot\b"
    r"|\bregular\s+time[\s-]?(?:slot|period)\b"
    r"|\b(?:moves?|moving|shifts?|shifting)\s+(?:in)?to\s+(?:the|its|that|this)\s+(?:[\w.-]+\s+){0,2}"
    r"(?:slot|hour|time[\s-]?(?:slot|period))\b",
    re.IGNORECASE,
)


_TURN = re.compile(r"\b(?:before|after|while|when|whereas)\b|[;(]")
_FUTURE_NEAR = re.compile(
    r"\b(?:will|'ll|\u2019ll|set\s+to|slated|scheduled|premieres|airs|returns|debuts|opens|arrives"
    r"|launches|lands|drops|hits|bows|kicks\s+off|begins|starts|is\s+due|are\s+due|streams"
    r"|comes|coming|moves?\s+to|moving\s+to|tonight|tomorrow|brings|bring|opening|arriving"
    r"|premiering|debuting|launching|landing|streaming)\b",
    re.IGNORECASE,
)


_REPORTED = re.compile(
    r"\b(?:said|announced|confirmed|revealed|told|unveiled|reported|noted|tweeted|posted)"
    r"\s+(?:on\s+)?$",
    re.IGNORECASE,
)


_REPORTED_AFTER = re.compile(
    r"\s+(?:said|announced|confirmed|revealed|told|unveiled|reported|noted|that)\b", re.IGNORECASE
)


#: A date among alternatives: "2021, 2022, or later", "in May or June".
_OR_AFTER = re.compile(r",?\s+or\b|,\s+(?:19|20)\d\d,?\s+or\b")
_OR_BEFORE = re.compile(r"\bor\s+(?:in\s+|on\s+)?(?:early\s+|late\s+)?$")
#: "continues through Aug. 21", "runs until May 3": the end of something, not a release.
_UNTIL_START = re.compile(r"(?:through|thru|until|till)\s", re.IGNORECASE)
#: "won't be released until late 2012", "isn't back until Oct. 12": a negated verb before
#: "until" puts the release on the date, where "runs until" ends something there.
_NOT_UNTIL = re.compile(
    r"(?:n['\u2019]t|\bnot|\bnever)\b[^.;!?]{0,50}\b(?:until|till)\s+(?:\w+,?\s+)?$",
    re.IGNORECASE,
)
_UNTIL = Caseless(
    r"(?<!\bdelayed\s)(?<!\bpushed\s)(?<!\bpostponed\s)(?<!\bmoved\s)\b(?:through|thru"
    r"|until|till)\s+(?:\w+,?\s+)?$",
    re.IGNORECASE,
)


_SAID = re.compile(r"\b(?:said|announced|confirmed|revealed|told|unveiled|noted)\b", re.IGNORECASE)


#: "On Saturday the studio dated a sequel": the weekday of the news, not of a release.
_PAST_NEWS_AFTER = re.compile(
    r"[,\s]+(?:the\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:announced|confirmed|revealed|unveiled|dated"
    r"|said|told)\b",
    re.IGNORECASE,
)


def _a_year_out(m: DateMention, value: DateValue, state: State) -> bool:
    """A day given without its year that falls most of a year ahead of publication."""
    yearless = m.form in _DAY_FORMS or m.form is Form.NUMERIC
    return yearless and not m.says_its_year and (value.first - state.base).days > 240


def _said_when(text: str, lo: int, at: int) -> bool:
    """A weekday that dates the saying: "..., the publisher said during its stream on Tuesday"."""
    ends = [found.end() for found in _SAID.finditer(text, lo, at)]
    return bool(ends) and not _FUTURE_NEAR.search(text, ends[-1], at)


_VENUE = re.compile(
    r"\bat\s+(?:the\s+)?(?:[A-Z][\w'\u2019-]+\s+){1,4}(?:Hall|Library|Arena|Stadium|Auditorium"
    r"|Museum|Gallery|Church|Cathedral|Amphitheatre|Amphitheater|Bowl|Ballroom)\b"
)
_DATE_NOUN = re.compile(
    r"\b(?:release|premiere|launch|air|transmission|broadcast|publication|street|opening)\s+"
    r"(?:date|dates|night)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\bsince\s+[^,;.()]{0,50}$", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"\s?[-\u2013\u2014]\s?\d{1,2}\b(?![:.]\d)")
_DAY_FORMS = frozenset({Form.MONTH_DAY, Form.DAY_MONTH})


def is_slot_move(line: str) -> bool:
    """Tell whether a line moves a show into its regular slot ("(Timeslot Debut)").

    >>> is_slot_move("Night Court (time period premiere)")
    True
    """
    return _SLOT.search(line) is not None


def clause(text: str, s: Sentence, at: int) -> tuple[int, int]:
    """The stretch of sentence ``s`` around offset ``at``, between clause cuts."""
    lo, hi = s.start, s.end
    for cut in _CLAUSE_CUT.finditer(text, s.start, s.end):
        if cut.end() <= at:
            lo = cut.end()
        elif cut.start() >= at:
            hi = cut.start()
            break
    return lo, hi


def keep(
    text: str, s: Sentence, m: DateMention, value: DateValue, state: State, since: int
) -> bool:
    """Apply the rules that make a date an announcement rather than background.

    ``since`` is where the previous date of the sentence ends: what was said of that one
    ("had been set for March 13") does not withdraw this one.
    """
    return verdict(text, s, m, value, state, since) is None


def verdict(
    text: str, s: Sentence, m: DateMention, value: DateValue, state: State, since: int
) -> str | None:
    """The first rule that reads this date as background, or None when none does.

    The names ("past", "hedged", "no cue" ...) are features for the model too: a rule that is
    usually right is one strong signal among others, not the last word.
    """
    if value.last < state.base or _COMMENT_STAMP.search(text[max(s.start, m.start - 12) : m.start]):
        return "past"
    if is_withdrawn(text[s.start : m.start], text[m.end : s.end], since - s.start):
        return "withdrawn"
    if (
        _UNTIL.search(text, max(s.start, m.start - 40), m.start)
        or _UNTIL_START.match(text, m.start)
    ) and not _NOT_UNTIL.search(text, max(s.start, m.start - 80), m.start):
        return "until"
    if _SINCE.search(text, max(s.start, m.start - 60), m.start):
        return "since"  # "since its move to Wednesdays in September": the past
    if m.form in _DAY_FORMS and _RANGE_AFTER.match(text, m.end):
        return "range"  # "Feb. 9\u201315": a week's span, not one day's release
    if _OR_BEFORE.search(text, max(s.start, m.start - 12), m.start) or _OR_AFTER.match(text, m.end):
        return "alternatives"  # "moved to 2021, 2022, or ...": no announced date
    lo, hi = clause(text, s, m.start)
    if _VENUE.search(text, max(lo, m.start - 50), min(hi, m.end + 40)):
        return "venue"  # "is back at Larkin Hall on Dec. 13": an event at a venue
    part = text[lo:hi]
    at = m.start - lo
    ahead = min(hi, m.end + 40)
    turn = _TURN.search(text, m.end, ahead)  # "on Jan. 17 before X moves into the slot"
    if is_hedged(text[lo : m.end]):
        return "hedged"
    if says_already_out(part):
        return "already out"
    if _SLOT.search(text, max(lo, since, m.start - 80), turn.start() if turn else ahead):
        return "slot"
    if nearest_cue_is_past(part, at):
        return "past cue"
    if _a_year_out(m, value, state) and mentions_past(part):
        return "last year"  # "wrapped last month with a finale on Dec. 11": last December's
    if (m.form is Form.WEEKDAY and "day" not in m.parts) and (  # "Thursday the 27th" is a day
        not _FUTURE_NEAR.search(part)
        or _REPORTED.search(text, max(s.start, m.start - 25), m.start)
        or _REPORTED_AFTER.match(text, m.end)
        or _said_when(text, lo, m.start)
        or _PAST_NEWS_AFTER.match(text, m.end)
    ):
        return "reported weekday"
    if not has_future_cue(part) and not has_future_cue(text[s.start : s.end]):
        if value.precision is Precision.TBA:
            if _DATE_NOUN.search(part):
                return None  # "Transmission date and more details to be confirmed"
            row = list_row(text, s, state) and s.end - s.start < 100  # "Date TBA - X (series)"
            return None if row else "no cue"
        if title_row(text, s, m.start):
            return None if value.first >= state.base else "past"
        row = list_row(text, s, state) and value.first > state.base
        if not row:
            return "no cue"
        return "event" if event_nearer_than_cue(part, at) else None
    return "event" if event_nearer_than_cue(part, at) else None


#: A line that is a name and its date in brackets: "3) Before I Fall (March)".
_TITLE_ROW = re.compile(
    r"\W{0,3}(?:\d{1,3}[.)]\s*)?[A-Z\u201c\"'][^()\n]{1,80}\([^()\n]{3,30}\)\s*"
)


def title_row(text: str, s: Sentence, at: int) -> bool:
    """Tell whether a whole line is a listicle's "Title (Month)" row, with the date bracketed.

    >>> title_row("2) Tulip Fever (February)", Sentence(0, 25, 0, True, True), 16)
    True
    """
    if not (s.first_in_line and s.last_in_line and s.end - s.start < 120):
        return False
    return (
        _TITLE_ROW.fullmatch(text, s.start, s.end) is not None
        and text.rfind("(", s.start, s.end) < at
    )


_LIST_MARKER = re.compile(r"\s*(?:\d{1,3}[.)]|[\u2022*\u2013-])\s")


def list_row(text: str, s: Sentence, state: State) -> bool:
    """A short line of a schedule or a numbered list, which the list gives its cue."""
    if not (s.first_in_line and s.end - s.start < 160):
        return False
    return (state.list_context and s.last_in_line) or bool(_LIST_MARKER.match(text, s.start))
