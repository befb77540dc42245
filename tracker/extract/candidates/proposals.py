"""Generous proposals: every date of a sentence paired with every name near it.

The reader's rules decide ownership narrowly and miss works they were not written for (an
appositive between the name and its verb, names coordinated before one verb, a row's name on the
line above its date). Here every plausible pair is proposed; the model judges them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from tracker.extract.candidates.emit import emit
from tracker.extract.candidates.names import generous_names
from tracker.extract.candidates.ownership import is_company_apposition
from tracker.extract.candidates.paragraphs import HEADER_LINE, heading_above, paragraph_works
from tracker.extract.candidates.spans import tidy
from tracker.extract.candidates.state import State, sentence_titles, topic
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.dates import DateMention
from tracker.extract.reading.framing import needs_frame
from tracker.extract.reading.resolve import resolve
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue


def propose_pairs(
    text: str,
    sentences: list[Sentence],
    i: int,
    found: list[tuple[DateMention, DateValue]],
    verdicts: list[str | None],
    state: State,
) -> None:
    """Pair every date of sentence ``i`` with every name in it (or the topic), for the model.

    The rules above decide ownership narrowly; these pairs are the generous proposals that
    the learned model judges beside the rules' own candidates.
    """
    why = {m.start: reason for (m, _), reason in zip(found, verdicts, strict=True)}
    found = [(m, v) for m, v in found if why[m.start] in _PROPOSED_VERDICTS][:6]
    if not found:
        return  # dates the rules read as background (past, withdrawn, hedged) announce nothing
    s = sentences[i]
    # the strict finder runs where the rules need it anyway (a kept date); elsewhere the
    # generous names alone are proposed
    strict_found = (
        sentence_titles(text, sentences, i, state)
        if i in state.titles or any(why[m.start] is None for m, _ in found)
        else []
    )
    titles = [
        t
        for t in strict_found
        if not any(m.start < t.end and t.start < m.end for m, _ in found)
        and not is_company_apposition(text, t)
    ]
    strict = {t.title for t in titles}
    spans = tuple((m.start, m.end) for m, _ in found) + state.date_spans.get(i, ())
    extra = [
        t
        for t in generous_names(text, s.start, s.end, spans)
        if t.title not in strict and not is_company_apposition(text, t)
    ]
    owners = [(t, False) for t in (*titles[:_PER_SENTENCE], *extra[:_PER_SENTENCE])]
    # the work the article or paragraph is about, however the sentence names it ("the book",
    # "this game") and whatever other names it holds ("Level 5 said it ships on 12/25")
    if not owners or any(why[m.start] is None for m, _ in found):  # else never proposed
        owner = topic(text, sentences, i, state)
        if owner is not None and all(owner.title != t.title for t, _ in owners):
            owners.append((owner, True))
    if i > 0:
        # a row's name on the line above ("City on Fire" / "Apple TV+, May 12"), or the work
        # the sentence before named ("Tin Lantern is a puzzle game. Marlow ships it in May");
        # the model weighs them as names outside the date's sentence
        named = {t.title for t, _ in owners}
        before = sentence_titles(text, sentences, i - 1, state)
        owners.extend((t, True) for t in before[-3:] if t.title not in named)
    heading = heading_above(text, sentences, i, state)
    if heading is not None and all(heading.title != t.title for t, _ in owners):
        owners.append((heading, True))
    # a date in brackets closing a paragraph ("... co-star. (May 1)") dates the work the
    # paragraph describes: its first quoted name, or the name it opens with
    closing = [
        (t, True)
        for t in paragraph_works(text, sentences, i, state)
        if all(t.title != o.title for o, _ in owners)
    ]
    owners.extend(closing)
    listing = len(found) <= 2 and _is_listing(text, s, owners)
    subjects = [o for o in owners[:1] if not o[1] and _opens(text, s, o[0])]
    for m, value in found:
        row = s.first_in_line and s.last_in_line and s.end - s.start <= _ROW_LINE + 20
        reach = _NEAREST if why[m.start] is None or (row and why[m.start] == "no cue") else 1
        # the owner of a date is nearly always among the names nearest to it, a name in
        # brackets being an aside ("Bloodlines (New Line/WB) - May 16"), unless the sentence
        # lists works ("includes A, B, C and D"): then each of them may own it
        ranked = sorted(owners, key=lambda o: (_bracketed(text, o[0], s), _gap(o[0], m)))
        if listing and why[m.start] in (None, "no cue"):
            near = ranked[:_LISTED]
        else:
            # the nearest names, and the sentence's subject however far it is ("X, co-written
            # by A and B, with art by C, launches in July")
            near = ranked[:reach] + [o for o in subjects if o not in ranked[:reach]]
            if why[m.start] is None:  # a date the rules keep: names outside the sentence too
                near += [o for o in owners if o[1] and o not in near]
            elif heading is not None and (heading, True) not in near:
                near.append((heading, True))  # "Find Me" / "A. Author. Publisher, Oct. 29"
            near += [o for o in closing if o not in near]
        for t, topical in near:
            state.proposals.append(
                emit(
                    text,
                    s,
                    t,
                    value,
                    m.start,
                    topic=topical,
                    tv_article=state.tv_article,
                    proposed=True,
                    generous=t.title not in strict,
                    date_verdict=why[m.start],
                )
            )


#: The dates proposed: those the rules keep (None), and those whose only fault is a missing cue
#: or a nearby event word, which real news often gets wrong; the model weighs the reason.
_PROPOSED_VERDICTS = frozenset({None, "no cue", "event"})
#: How many of the names nearest to a date are proposed as its owner.
_NEAREST = 2
#: How many names of a sentence, strict and generous each, may own its dates.
_PER_SENTENCE = 16
_BRACKETED_YEAR = re.compile(r"\(\d{4}\)")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_ROW_LINE = 100


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
            frame = state.frame_year
            if value is not None and frame is not None and needs_frame(m, value.first, frame):
                framed = dt.date(frame, 1, 1)
                value = resolve(m, text[m.start : m.end], framed, base_known=True) or value
            state.row_header = (value, m.start) if value is not None else None
        elif length > _ROW_LINE:
            state.row_header = state.row_year = None
        return
    if state.row_header is None:
        return
    long_line = not whole or length > _ROW_LINE
    entries = _entry_heads(text, s) if s.first_in_line and long_line else []
    if s.first_in_line:
        state.in_entry = bool(entries)  # the paragraph describes the entry it opens with
    if long_line and not entries:
        if length > _ROW_LINE and not state.in_entry:
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
    names = generous_names(text, s.start, min(s.end, s.start + _ROW_LINE))
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
#: Three names or more, separated by commas, semicolons or "and": a listing (quoted names
#: keep their quotes outside their spans: "'A', 'B' and 'C'").
_SEPARATOR = re.compile(r"[\"'\u201d\u2019]?\s*(?:[,;/]|\band\b|&)\s*(?:and\s+)?[\"'\u201c\u2018]?")
_LISTED = 24


def _is_listing(text: str, s: Sentence, owners: list[tuple[TitleMention, bool]]) -> bool:
    """Tell whether the sentence lists works: three names or more, one after another."""
    inside = sorted(
        (t for t, topical in owners if not topical and s.start <= t.start < s.end),
        key=lambda t: t.start,
    )
    joined = sum(
        1
        for a, b in itertools.pairwise(inside)
        if b.start >= a.end and _SEPARATOR.fullmatch(text, a.end, b.start) is not None
    )
    return joined >= 2


_OPENING = re.compile(r"[\W\d]*(?:(?:the|a|an|and|but|also|now|meanwhile|finally)\s+)?", re.I)


def _opens(text: str, s: Sentence, t: TitleMention) -> bool:
    """Tell whether a name opens its sentence, as its subject usually does."""
    opening = _OPENING.match(text, s.start, t.start)
    return opening is not None and opening.end() >= t.start - 1


def _bracketed(text: str, t: TitleMention, s: Sentence) -> bool:
    """Tell whether a name sits inside brackets in its sentence."""
    if not s.start <= t.start < s.end:
        return False
    opened = text.rfind("(", s.start, t.start)
    return opened >= 0 and text.find(")", opened, t.start) < 0


def _gap(t: TitleMention, m: DateMention) -> int:
    return min(abs(m.start - t.end), abs(t.start - m.end))
