"""Rows of a list: a header's date for each, a shared platform, and each work's own stretch."""

from __future__ import annotations

import re

from tracker.extract.candidates.candidate import Candidate, on_platform
from tracker.extract.candidates.emit import emit, label_season
from tracker.extract.candidates.headings import heading_title
from tracker.extract.candidates.keep import is_slot_move
from tracker.extract.candidates.state import State, sentence_titles
from tracker.extract.reading.dates import DateMention
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue

_DEPARTS = re.compile(r"\b(?:leaving|expiring|last\s+day|removed)\b", re.IGNORECASE)


def shared_platform(
    text: str, s: Sentence, found: list[Candidate], state: State
) -> list[Candidate]:
    """Give a sentence's works without a platform the one its rows or its list share.

    A row under a network heading ("CBS" / "Sunday, Sept. 27: X (season 4)") takes the
    network; the items of one list sentence ("will open X in theaters on March 6; Y on
    July 17; Z on Oct. 9") take the platform the sentence names once.
    """
    if not found or all(c.platform is not None for c in found):
        return found
    shared: str | None = None
    if state.network is not None and s.first_in_line and s.end - s.start < 200:
        shared = state.network
    elif text.count(";", s.start, s.end) >= 2:
        named = {c.platform for c in found if c.platform is not None}
        shared = named.pop() if len(named) == 1 else None
    if shared is None:
        return found
    return [c if c.platform is not None else on_platform(c, shared) for c in found]


def header_row(text: str, sentences: list[Sentence], i: int, state: State) -> list[Candidate]:
    """A row under a date header ("FEBRUARY", "Oct. 1"): its leading work takes the header's date.

    Prose after the list ends the header; a one-line blurb under a row does not.
    """
    header = state.header
    if header is None:
        return []
    s = sentences[i]
    line = text[s.start : s.end]
    rows = sentence_titles(text, sentences, i, state)[:1]
    if not rows and s.first_in_line and s.last_in_line:
        heading = heading_title(text, s.start, s.end)
        rows = [] if heading is None else [heading]
    if is_slot_move(line) or _DEPARTS.search(line):
        return []  # a show moving to its slot, or one leaving the service
    lead = bool(rows) and rows[0].start - s.start < 30 and line.count(",") <= 2
    if state.list_context and s.first_in_line and len(line) <= 300 and lead:
        hint = label_season(text, sentences, i)
        return [
            emit(
                text,
                s,
                t,
                header,
                s.start,
                topic=False,
                tv_article=state.tv_article,
                season_hint=hint,
            )
            for t in rows
        ]
    if (rows and not (s.first_in_line and s.last_in_line)) or len(line) > 300:
        state.header = None  # prose after the list; a one-line blurb under a row is not
    return []


def own_stretch(
    text: str, s: Sentence, kept: list[tuple[DateMention, DateValue]], k: int, first: int
) -> tuple[int, int] | None:
    """The part of a sentence of several dates that speaks of date ``k`` and its works.

    "Spindle returns for Season 2 on Aug. 6, and the film Juniper Moon debuts Aug. 22":
    the second work's kind is read from ", and the film Juniper Moon debuts Aug. 22". A work
    named before its date reads from the last turn of the sentence before it (", followed
    by", ";") up to the date; one named after reads from the date to the next date.
    """
    if len(kept) < 2:
        return None
    m = kept[k][0]
    lo = kept[k - 1][0].end if k else s.start
    hi = kept[k + 1][0].start if k + 1 < len(kept) else s.end
    if first < m.start:
        turns = [t.end() for t in _TURN.finditer(text, lo, first)]
        after = _TURN.search(text, m.end, hi)
        return (turns[-1] if turns else lo), (after.start() if after else hi)
    return m.start, hi


#: Where a list sentence turns to its next work.
_TURN = re.compile(r";|,\s+(?:followed\s+by|and|while|with|then)\b|\s[\u2013\u2014]\s")
