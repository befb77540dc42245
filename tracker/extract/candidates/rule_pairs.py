"""The rules' own candidates: each date a sentence announces, with the works its clauses name.

The rules read ownership narrowly: clause by clause, then a sentence's one fallback owner, then
the article's topic when the clause refers back to it. The generous proposals
(``proposals.py``) pair more widely; the model judges both.
"""

from __future__ import annotations

from tracker.extract.candidates.candidate import Candidate
from tracker.extract.candidates.emit import emit
from tracker.extract.candidates.headings import is_field_row
from tracker.extract.candidates.keep import clause, list_row
from tracker.extract.candidates.layout import LIST_HEADING
from tracker.extract.candidates.ownership import SEQUEL_BETWEEN, fallback_owner
from tracker.extract.candidates.pairing import clause_owners
from tracker.extract.candidates.refer import refers_back
from tracker.extract.candidates.rows import own_stretch
from tracker.extract.candidates.state import State, topic
from tracker.extract.candidates.titles import TitleMention
from tracker.extract.reading.dates import DateMention
from tracker.extract.reading.segment import Sentence
from tracker.extract.reading.values import DateValue


def pair_kept(
    text: str,
    sentences: list[Sentence],
    i: int,
    kept: list[tuple[DateMention, DateValue]],
    titles: list[TitleMention],
    *,
    lead: bool,
    state: State,
) -> list[Candidate]:
    """The rules' candidates for the kept dates of sentence ``i``: each date with its owners.

    Owners are read clause by clause; a date whose clause names no work goes to the sentence's
    one fallback owner, or to the article's topic when the clause refers back to it ("It
    returns in May").
    """
    s = sentences[i]
    line = text[s.start : s.end]
    groups = clause_owners(text, titles, [(m.start, m.end) for m, _ in kept], s.start, s.end)
    field_row = is_field_row(line)
    out: list[Candidate] = []
    for k, ((m, value), found_group) in enumerate(zip(kept, groups, strict=True)):
        group = [] if field_row else found_group
        if group and all(SEQUEL_BETWEEN.search(text, t.end, m.start) for t in group):
            continue  # "the hit X said its long-awaited sequel will arrive this fall"
        owner = None if field_row else fallback_owner(text, s, titles, m, group)
        if owner is None and not group:
            c_lo, c_hi = clause(text, s, m.start)
            if m.start - c_lo > 25:
                c_hi = m.start  # the reference stands before the date: its subject
            list_heading = lead and LIST_HEADING.match(line) is not None  # "Coming to X in April"
            if list_heading or not refers_back(
                text, c_lo, c_hi, row=field_row or _row(text, s, state)
            ):
                continue
            owner = topic(text, sentences, i, state)
            if owner is None:
                continue
        if owner is not None and owner not in group:
            stretch = own_stretch(text, s, kept, k, kept[k - 1][0].end if k else s.start)
            out.append(
                emit(
                    text,
                    s,
                    owner,
                    value,
                    m.start,
                    topic=owner not in titles,
                    tv_article=state.tv_article,
                    stretch=stretch,
                )
            )
            continue
        out.extend(
            emit(
                text,
                s,
                t,
                value,
                m.start,
                topic=False,
                tv_article=state.tv_article,
                stretch=own_stretch(text, s, kept, k, t.start),
            )
            for t in group
        )
    return out


def _row(text: str, s: Sentence, state: State) -> bool:
    """A list row or a short line without a full stop, whose subject is the list's work."""
    line = text[s.start : s.end]
    whole = s.first_in_line and s.last_in_line and len(line) < 120
    return list_row(text, s, state) or (whole and line[-1] not in ".!?")
