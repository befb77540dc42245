"""Generous proposals: every date of a sentence paired with every name near it.

The reader's rules decide ownership narrowly and miss works they were not written for (an
appositive between the name and its verb, names coordinated before one verb, a row's name on the
line above its date). Here every plausible pair is proposed; the model judges them.
"""

from __future__ import annotations

import itertools
import re

from tracker.extract.candidates.date_rows import ROW_LINE
from tracker.extract.candidates.emit import emit
from tracker.extract.candidates.names import generous_names
from tracker.extract.candidates.ownership import is_company_apposition
from tracker.extract.candidates.paragraphs import heading_above, paragraph_works
from tracker.extract.candidates.state import State, sentence_titles, topic
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.dates import DateMention
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue

#: A name that may own a date, and whether it stands outside the date's sentence (the topic, a
#: name of the sentence before, a heading, the work a paragraph describes).
Owner = tuple[TitleMention, bool]


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
    owners, strict, heading, closing = _owners(text, sentences, i, found, why, state)
    listing = len(found) <= 2 and _is_listing(text, s, owners)
    subjects = [o for o in owners[:1] if not o[1] and _opens(text, s, o[0])]
    for m, value in found:
        reason = why[m.start]
        row = s.first_in_line and s.last_in_line and s.end - s.start <= ROW_LINE + 20
        reach = _NEAREST if reason is None or (row and reason == "no cue") else 1
        # the owner of a date is nearly always among the names nearest to it, a name in
        # brackets being an aside ("Bloodlines (New Line/WB) - May 16"), unless the sentence
        # lists works ("includes A, B, C and D"): then each of them may own it
        ranked = sorted(owners, key=lambda o: (_bracketed(text, o[0], s), _gap(o[0], m)))
        if listing and reason in (None, "no cue"):
            near = ranked[:_LISTED]
        else:
            near = _nearest(ranked[:reach], owners, subjects, heading, closing, reason)
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
                    date_verdict=reason,
                )
            )


def _owners(
    text: str,
    sentences: list[Sentence],
    i: int,
    found: list[tuple[DateMention, DateValue]],
    why: dict[int, str | None],
    state: State,
) -> tuple[list[Owner], set[str], TitleMention | None, list[Owner]]:
    """Every name that may own a date of sentence ``i``, most likely first.

    Returns the owners, the names the strict finder gave, the heading above the sentence (if
    it names a work) and the work a paragraph closing on a bracketed date describes.
    """
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
    owners: list[Owner] = [(t, False) for t in (*titles[:_PER_SENTENCE], *extra[:_PER_SENTENCE])]
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
    return owners, strict, heading, closing


def _nearest(
    near: list[Owner],
    owners: list[Owner],
    subjects: list[Owner],
    heading: TitleMention | None,
    closing: list[Owner],
    reason: str | None,
) -> list[Owner]:
    """The owners proposed for a date outside a listing: the nearest names, and a few more.

    The sentence's subject however far it is ("X, co-written by A and B, with art by C,
    launches in July"); for a date the rules keep, the names outside the sentence too; else the
    heading above; and the work a closing bracketed date describes.
    """
    near = near + [o for o in subjects if o not in near]
    if reason is None:  # a date the rules keep: names outside the sentence too
        near += [o for o in owners if o[1] and o not in near]
    elif heading is not None and (heading, True) not in near:
        near.append((heading, True))  # "Find Me" / "A. Author. Publisher, Oct. 29"
    near += [o for o in closing if o not in near]
    return near


#: The dates proposed: those the rules keep (None), and those whose only fault is a missing cue
#: or a nearby event word, which real news often gets wrong; the model weighs the reason.
_PROPOSED_VERDICTS = frozenset({None, "no cue", "event"})
#: How many of the names nearest to a date are proposed as its owner.
_NEAREST = 2
#: How many names of a sentence, strict and generous each, may own its dates.
_PER_SENTENCE = 16
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
