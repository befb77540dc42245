"""Dates that reach past their sentence: to works an "also" sentence adds, or a list names."""

from __future__ import annotations

import re

from tracker.extract.candidates.candidate import Candidate
from tracker.extract.candidates.cues import (
    has_future_cue,
    is_hedged,
    nearest_cue_is_past,
    says_already_out,
)
from tracker.extract.candidates.emit import emit
from tracker.extract.candidates.enumeration import listed_works
from tracker.extract.candidates.keep import is_slot_move
from tracker.extract.candidates.pairing import chain
from tracker.extract.candidates.state import State, sentence_titles
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue

#: A sentence that adds works to the one before it ("X will also premiere, as will Y").
_ALSO = re.compile(
    r"\b(?:also|too|as\s+will|as\s+well|as\s+does|as\s+do|joining|joined\s+by)\b", re.I
)


#: A verb that releases a work, not a noun before "date" ("set a premiere date").
_RELEASE_VERB = re.compile(
    r"\b(?:premier|debut|arriv|return|launch|releas|air|stream|open|bow|hit|drop|land|join"
    r"|follow|come\s+(?:back|out)|be\s+(?:back|out|available))\w*\b(?!\s+dates?\b)",
    re.IGNORECASE,
)


def inherited(
    text: str, sentences: list[Sentence], i: int, state: State, value: DateValue
) -> list[Candidate]:
    """Works that a dateless sentence adds to the previous sentence's release date."""
    s = sentences[i]
    line = text[s.start : s.end]
    if not _ALSO.search(line) or not has_future_cue(line) or is_hedged(line) or is_slot_move(line):
        return []
    if says_already_out(line) or nearest_cue_is_past(line, len(line) // 2):
        return []
    if not _RELEASE_VERB.search(line):
        return []  # "they will also come face to face with ...": no release of theirs
    found = sentence_titles(text, sentences, i, state)
    picked: list[TitleMention] = []
    for k, t in enumerate(found):
        if (t.subject or t.quoted) and t not in picked:
            picked.extend(x for x in chain(text, found, k) if x not in picked)
    return [
        emit(text, s, t, value, s.start, topic=False, tv_article=state.tv_article) for t in picked
    ]


def group_members(
    text: str, sentences: list[Sentence], i: int, state: State, value: DateValue
) -> list[Candidate]:
    """The works a dateless sentence lists after the previous one dated them as a group."""
    s = sentences[i]
    if text.count(";", s.start, s.end) < 2:
        return []  # a list of three items or more, or nothing
    titles = sentence_titles(text, sentences, i, state)
    return [
        emit(text, s, t, value, t.start, topic=False, tv_article=state.tv_article)
        for t in listed_works(text, s.start, s.end, titles)
    ]
