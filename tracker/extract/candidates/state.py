"""What the reader carries through an article: its date, lists, headers and the titles seen."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tracker.extract.candidates.candidate import Candidate
from tracker.extract.candidates.headings import heading_title, is_field_row
from tracker.extract.candidates.kinds import Leaning
from tracker.extract.candidates.titles import TitleMention, find_titles
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue


@dataclass(slots=True)
class State:
    """What the reader carries from one sentence to the next."""

    base: dt.date
    base_known: bool
    anchor: dt.date | None = None
    anchor_sentence: int = -10
    list_context: bool = False
    emitted: dict[int, TitleMention] = field(default_factory=dict)  # a sentence's one work
    frame_year: int | None = None  # the coming year the headline frames the article around
    day_first: bool = False  # "13/02/2026": the article writes the day before the month
    network: str | None = None  # the network heading the rows below it ("CBS")
    leaving: bool = False  # under a "Leaving Netflix in October" heading: departures
    tv_article: bool | Leaning = False
    header: DateValue | None = None
    titles: dict[int, list[TitleMention]] = field(default_factory=dict)
    date_spans: dict[int, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    proposals: list[Candidate] = field(default_factory=list)  # pairs for the model to judge
    row_header: tuple[DateValue, int] | None = None  # a date line over rows of names, for them
    row_year: int | None = None  # the year a section heading ("July 2009") gives its rows
    in_entry: bool = False  # in a paragraph that opened with an entry's name ("X: a comedy ...")


def sentence_titles(
    text: str, sentences: list[Sentence], i: int, state: State
) -> list[TitleMention]:
    """The candidate titles of sentence ``i``, cached in ``state``."""
    if i not in state.titles:
        s = sentences[i]
        spans = state.date_spans.get(i, ())
        headline = _title_case(text, s)
        found = find_titles(text, s.start, s.end, spans, headline=headline)
        outside = [
            t
            for t in found
            if not _in_parentheses(text, t, s.start) or _dated_aside(text, t, spans, s.end)
        ]
        found = outside if outside else found
        found = _use_aliases(text, found)
        if headline and i == 0 and len(sentences) > 1:
            found = [t for t in found if t.quoted or _named_again(text, t, s.end)]
        state.titles[i] = found
    return state.titles[i]


_ALIAS = re.compile(
    r"[\"\u201d\u2019']?,?\s*\(?(?:also\s+known\s+as|aka|a\.k\.a\.|known\s+in\s+English\s+as"
    r"|released\s+in\s+English\s+as)\s+[\"\u201c\u2018']?",
    re.IGNORECASE,
)


def _use_aliases(text: str, found: list[TitleMention]) -> list[TitleMention]:
    """Name a work by the name readers know it by: "X, also known as Y" is Y, read at X.

    The mention keeps X's place, so what the sentence says around X (its season, its verb)
    still reaches it.
    """
    out: list[TitleMention] = []
    skip = -1
    for k, t in enumerate(found):
        if k == skip:
            continue
        alias = found[k + 1] if k + 1 < len(found) else None
        if alias is not None and " " in alias.title and _ALIAS.fullmatch(text, t.end, alias.start):
            subject = t.subject or alias.subject
            t = TitleMention(t.start, t.end, alias.title, t.quoted, subject, t.named or alias.named)
            skip = k + 1
        out.append(t)
    return out


def _title_case(text: str, s: Sentence) -> bool:
    """Tell whether a whole line is written in title case, as headlines are."""
    if not (s.first_in_line and s.last_in_line) or text[s.end - 1] in ".?!":
        return False
    words = [w for w in text[s.start : s.end].split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _named_again(text: str, t: TitleMention, after: int) -> bool:
    """Tell whether the body names a headline's title again, so its capitals are a name's."""
    return text.find(t.title, after, after + 20000) >= 0


def _in_parentheses(text: str, t: TitleMention, lo: int) -> bool:
    before = text[lo : t.start]
    return before.count("(") > before.count(")")


_ASIDE_VERB = re.compile(r"\b(?:will|to)\s+(?:\w+\s+)?(?:return|premiere|debut|arrive|launch)\b")


def _dated_aside(text: str, t: TitleMention, spans: tuple[tuple[int, int], ...], hi: int) -> bool:
    """A bracketed statement of its own: "(current occupant X will return on Feb. 28)"."""
    close = text.find(")", t.end, hi)
    return (
        close >= 0
        and any(t.end <= a and b <= close for a, b in spans)
        and bool(_ASIDE_VERB.search(text, t.end, close))
    )


def topic(text: str, sentences: list[Sentence], i: int, state: State) -> TitleMention | None:
    """The work an earlier sentence (or the headline) was about."""
    earlier = [j for j in [*range(i - 1, max(-1, i - 5), -1), 0] if 0 <= j < i]
    if is_field_row(text[sentences[i].start : sentences[i].end]):
        for j in range(i - 1, max(-1, i - 12), -1):
            heading = heading_title(text, sentences[j].start, sentences[j].end)
            whole = sentences[j].first_in_line and sentences[j].last_in_line
            if heading is not None and whole and j not in state.date_spans:
                return heading
    recent = next((state.emitted[k] for k in range(i - 1, i - 4, -1) if k in state.emitted), None)
    for j in earlier:
        if j in state.emitted:
            return state.emitted[j]  # the work an earlier sentence dated is what it was about
        s = sentences[j]
        if s.first_in_line and s.last_in_line:
            row = text[s.start : s.end]
            if is_field_row(row) or j in state.date_spans or _CREDIT.match(row):
                continue
            heading = heading_title(text, s.start, s.end)
            if heading is not None:
                return heading
        found = [
            t for t in sentence_titles(text, sentences, j, state) if not _earlier_work(text, t)
        ]
        if found:
            if recent is not None and all(_passing(text, t) for t in found):
                return recent  # a passing name ("the death of X") does not change the topic
            return max(
                found, key=lambda t: 2 * t.quoted + 2 * t.subject + 3 * t.named - t.start / 1e7
            )
    return None


_PREPOSITION_BEFORE = re.compile(r"\b(?:of|in|to|with|for|from|by|about|after)\s+$")


def _passing(text: str, t: TitleMention) -> bool:
    """A name mentioned in passing, as the object of a preposition ("the death of X")."""
    if t.quoted or t.subject or t.named:
        return False
    return _PREPOSITION_BEFORE.search(text, max(0, t.start - 8), t.start) is not None


#: A photo credit line ("Paul Sarkis/SHOWTIME", "Getty Images"): never what a story is about.
_CREDIT = re.compile(r"[^\n/]{2,40}/[^\n/]{2,30}$|(?:Photo|Image)s?\b|.*\bGetty\b")


#: "His previous feature, the horror film Lull": a work named as someone's past one.
_EARLIER_WORK = re.compile(
    r"\b(?:previous|earlier|prior|last|former|debut)\s+(?:[\w-]+\s+)?(?:feature|film|movie"
    r"|series|show|album|game|novel|book|project|effort|outing)\b[^.;:!?]{0,30}$",
    re.IGNORECASE,
)


_ROLE_INTRO = re.compile(r"\b(?:stars?|starring|plays|played|playing|voices|voiced)\s+as\s+$")


def _earlier_work(text: str, t: TitleMention) -> bool:
    """Tell whether a title is a past work ("his previous film X") or a role ("stars as X").

    Neither is ever what the article announces.
    """
    if _EARLIER_WORK.search(text, max(0, t.start - 70), t.start):
        return True
    at = text.find("as " + t.title, max(0, t.start - 3000), t.end)
    return at > 0 and _ROLE_INTRO.search(text, max(0, at - 12), at + 3) is not None
