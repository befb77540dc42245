"""Rows under a date line: each name on a row, or the entry a paragraph opens, takes its date.

"May 29" on a line of its own, then "Drag Me to Hell" on the next: schedules and release
calendars date a run of rows with one line above them. The rows' names are proposed with that
date for the model to judge.
"""

from __future__ import annotations

import datetime as dt
import re

from tracker.extract.candidates.emit import emit
from tracker.extract.candidates.names import generous_names
from tracker.extract.candidates.paragraphs import HEADER_LINE
from tracker.extract.candidates.spans import tidy
from tracker.extract.candidates.state import State
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.dates import DateMention
from tracker.extract.reading.framing import reframed
from tracker.extract.reading.resolve import resolve
from tracker.extract.reading.segment import Sentence

_BRACKETED_YEAR = re.compile(r"\(\d{4}\)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: The longest line read as a row (a name and its date, or a date line's entry).
ROW_LINE = 100


def propose_rows(
    text: str, sentences: list[Sentence], i: int, mentions: list[DateMention], state: State
) -> None:
    """Give each name on a row under a date line that date ("May 29" / "Drag Me to Hell").

    A short line that is mostly one date opens a run of rows; a line of prose ends it.
    """
    s = sentences[i]
    whole = s.first_in_line and s.last_in_line
    length = s.end - s.start
    mentions = [m for m in mentions if not _BRACKETED_YEAR.fullmatch(text, m.start - 1, m.end + 1)]
    if mentions:
        m = mentions[0]
        covered = sum(x.end - x.start for x in mentions)
        if whole and length <= HEADER_LINE and len(mentions) == 1 and covered * 2 >= length:
            phrase = text[m.start : m.end]
            if _YEAR.search(phrase) is None and state.row_year is not None:
                # "July 2009" above "July 1" and "July 10": the days are in the section's year
                value = resolve(m, phrase, dt.date(state.row_year, 1, 1), base_known=True)
                state.row_header = (value, m.start) if value is not None else None
                return
            value = resolve(m, phrase, state.base, base_known=state.base_known)
            if value is not None and _YEAR.search(phrase) and value.first.year >= state.base.year:
                state.row_year = value.first.year
            if value is not None:
                value = reframed(m, phrase, value, state.frame_year) or value
            state.row_header = (value, m.start) if value is not None else None
        elif length > ROW_LINE:
            state.row_header = state.row_year = None
        return
    if state.row_header is None:
        return
    long_line = not whole or length > ROW_LINE
    entries = _entry_heads(text, s) if s.first_in_line and long_line else []
    if s.first_in_line:
        state.in_entry = bool(entries)  # the paragraph describes the entry it opens with
    if long_line and not entries:
        if length > ROW_LINE and not state.in_entry:
            state.row_header = state.row_year = None
        return
    value, at = state.row_header
    if value.last < state.base:
        return
    for t in entries or generous_names(text, s.start, s.end)[:2]:
        state.proposals.append(
            emit(
                text,
                s,
                t,
                value,
                at,
                topic=False,
                tv_article=state.tv_article,
                proposed=True,
                generous=True,
                row=True,
            )
        )


#: What ends an entry's name at the start of its paragraph: "X: a heist comedy ...", "X (limited
#: release) - ...", "X - Warner Bros. - ..." (with a hyphen or an en or em dash).
_ENTRY_END = re.compile(r"[\"'\u201d\u2019]?\s*(?:\([^()\n]{0,40}\))?\s*(?::|[\u2013\u2014]|-)\s")
#: How far into its line an entry's name may start (after a bullet or a number).
_ENTRY_OPENING = 4
#: How many readings of an entry's name are proposed (the shortest first).
_ENTRY_READINGS = 3


def _entry_heads(text: str, s: Sentence) -> list[TitleMention]:
    """The readings of the name that opens an entry under a date line ("March 7" / "X: ...").

    A paragraph that opens with a name and a colon or a dash describes that name; its date is
    the date line above it, however long the description. Where the run of capitals goes on
    past a colon or dash ("X: Owen Wilson was ..."), each part before one is a reading too;
    the model picks among them as it does among other readings of one span.
    """
    names = generous_names(text, s.start, min(s.end, s.start + ROW_LINE))
    if not names or names[0].start - s.start > _ENTRY_OPENING:
        return []
    head = names[0]
    out: list[TitleMention] = []
    for cut in _ENTRY_END.finditer(text, head.start, head.end):
        title = tidy(text[head.start : cut.start()])
        if title:
            out.append(TitleMention(head.start, head.start + len(title), title, head.quoted, False))
    if _ENTRY_END.match(text, head.end) is not None:
        out.append(head)
    out = out[:_ENTRY_READINGS]
    # "Cassidy - B.A.R.S.: The Barry Adrian Reese Story": a release calendar's row names the
    # artist, then the work after the dash
    after = next((t for t in names[1:] if _DASH_BETWEEN.fullmatch(text, head.end, t.start)), None)
    if after is not None:
        out.append(after)
    return out


#: A dash between two names of a row: "Artist - Album" (or an en or em dash).
_DASH_BETWEEN = re.compile(r"\s+[\u2013\u2014-]\s+")
